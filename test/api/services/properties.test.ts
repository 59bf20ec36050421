// Properties of the service scheduler over generated services, updates, container behaviours and faults (issue 8
// "Properties and tests"; reference §4.4–4.5, §5.2, §5.5; service captures §3, §5). Checked at every instant at
// which a timer fires (serviceWorld.ts `stepThrough`), so no state the scheduler leaves behind goes unseen:
// - safety (serviceSafety.ts): the scheduler's launches never bring the tasks wanting to run above maxTasks; its own
//   stops never bring healthy tasks below minHealthy; the breaker fails a rollout only for failures of that rollout;
//   "stuck" is said only of a configuration that cannot progress; every task not yet STOPPED belongs to one of the
//   service's deployments, with that deployment's task definition, and the deployments' counters equal a recount;
// - liveness: once the faults are over and containers are healthy, every service reaches a steady state with
//   desiredCount healthy tasks of its PRIMARY revision within a bounded virtual time;
// - the circuit breaker: a failing revision with the breaker and rollback ends COMPLETED on the previous revision,
//   and a rollback is not failed by crashes its deployment had after it COMPLETED;
// - determinism: the same seed and inputs give byte-identical DescribeServices output and events.
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EcsEvent } from '../../../src/domain/events.js';
import type { World } from '../../../src/domain/world.js';
import { advance } from '../../../src/engine/advance.js';
import { execute } from '../../../src/engine/execute.js';
import { injectCapacityShortage, interruptSpotTasks, setBehaviors } from '../../../src/sim/faults.js';
import {
  capOf,
  floorOf,
  isHealthy,
  isStuckConfig,
  must,
  revisionInput,
  ruleOf,
  serviceOf,
  serviceWorld,
  SERVICE_SUBNETS,
  stepThrough,
  tasksOf,
  type InstantCheck,
  type RevisionKind,
} from './serviceWorld.js';
import { reached, safetyCheck } from './serviceSafety.js';

const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'] as const;
const MINUTE = 60_000;
/** The longest launch back-off (reference §4.6: "up to 27 minutes"). */
const MAX_BACKOFF_MS = 27 * MINUTE;
/** Runs of a property: bounded for CI (the whole file stays well under 30 s), scaled up by FC_NUM_RUNS_SCALE. */
const runs = (n: number): number => Math.max(1, Math.round(n * Number(process.env.FC_NUM_RUNS_SCALE ?? 1)));

// ------------------------------------------------------------------------------------------------ generators

const revisionArb: fc.Arbitrary<RevisionKind> = fc.oneof(
  { arbitrary: fc.boolean().map((healthCheck): RevisionKind => ({ kind: 'ok', healthCheck })), weight: 3 },
  { arbitrary: fc.constant<RevisionKind>({ kind: 'failToStart' }), weight: 1 },
  { arbitrary: fc.integer({ min: 5_000, max: 5 * MINUTE }).map((exitAfterMs): RevisionKind => ({ kind: 'crash', exitAfterMs })), weight: 1 },
  { arbitrary: fc.integer({ min: 0, max: 3 * MINUTE }).map((unhealthyAfterMs): RevisionKind => ({ kind: 'unhealthy', unhealthyAfterMs })), weight: 1 },
);

/** The first revision: mostly healthy, so that later deployments replace healthy tasks. */
const initialArb: fc.Arbitrary<RevisionKind> = fc.oneof(
  { arbitrary: fc.boolean().map((healthCheck): RevisionKind => ({ kind: 'ok', healthCheck })), weight: 4 },
  { arbitrary: revisionArb, weight: 1 },
);

interface ServiceShape {
  readonly desiredCount: number;
  readonly minimumHealthyPercent: number;
  readonly maximumPercent: number;
  readonly breaker: boolean;
  readonly rollback: boolean;
  readonly graceSeconds: 0 | 30;
  /** Half the tasks on FARGATE_SPOT (base 1 on FARGATE), so Spot interruptions hit some. */
  readonly spot: boolean;
}

/** A revision that never becomes healthy: it fails to start, exits within 40 s of RUNNING, or fails its checks. */
const failingArb: fc.Arbitrary<RevisionKind> = fc.oneof(
  fc.constant<RevisionKind>({ kind: 'failToStart' }),
  fc.integer({ min: 0, max: 30_000 }).map((exitAfterMs): RevisionKind => ({ kind: 'crash', exitAfterMs })),
  fc.constant<RevisionKind>({ kind: 'unhealthy', unhealthyAfterMs: 0 }),
);

const shapeArb: fc.Arbitrary<ServiceShape> = fc.record({
  desiredCount: fc.integer({ min: 0, max: 12 }),
  minimumHealthyPercent: fc.integer({ min: 0, max: 100 }),
  maximumPercent: fc.integer({ min: 100, max: 200 }),
  breaker: fc.boolean(),
  rollback: fc.boolean(),
  graceSeconds: fc.constantFrom(0 as const, 30 as const),
  spot: fc.boolean(),
});

type Action =
  | { readonly kind: 'deploy'; readonly revision: RevisionKind; readonly desiredCount: number | undefined }
  | { readonly kind: 'scale'; readonly desiredCount: number }
  | { readonly kind: 'force' }
  | { readonly kind: 'stop'; readonly pick: number }
  | { readonly kind: 'advance'; readonly ms: number }
  | { readonly kind: 'spot'; readonly count: number }
  | { readonly kind: 'shortage'; readonly zone: 0 | 1 | 2; readonly spot: boolean; readonly ms: number };

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('deploy' as const),
      revision: revisionArb,
      desiredCount: fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ kind: fc.constant('scale' as const), desiredCount: fc.integer({ min: 0, max: 12 }) }), weight: 2 },
  { arbitrary: fc.constant({ kind: 'force' as const }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('stop' as const), pick: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 1_000, max: 10 * MINUTE }) }), weight: 5 },
  { arbitrary: fc.record({ kind: fc.constant('spot' as const), count: fc.integer({ min: 1, max: 3 }) }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('shortage' as const),
      zone: fc.constantFrom(0 as const, 1 as const, 2 as const),
      spot: fc.boolean(),
      ms: fc.integer({ min: 1_000, max: 10 * MINUTE }),
    }),
    weight: 1,
  },
);

// ------------------------------------------------------------------------------------------------ scenario

/** A world with revisions 1…n of family `web` registered and their behaviours set. */
function worldWith(seed: number, revisions: readonly RevisionKind[]): World {
  const rules = revisions.flatMap((r, i) => ruleOf(i + 1, r) ?? []);
  let w = serviceWorld(seed, rules);
  for (const [i, r] of revisions.entries()) w = must(execute(w, 'RegisterTaskDefinition', revisionInput('web', i + 1, r))).world;
  return w;
}

function createInput(shape: ServiceShape, revision: number): Record<string, unknown> {
  return {
    serviceName: 'web',
    taskDefinition: `web:${revision}`,
    desiredCount: shape.desiredCount,
    ...(shape.spot
      ? { capacityProviderStrategy: [{ capacityProvider: 'FARGATE', base: 1, weight: 1 }, { capacityProvider: 'FARGATE_SPOT', weight: 1 }] }
      : { launchType: 'FARGATE' }),
    networkConfiguration: { awsvpcConfiguration: { subnets: SERVICE_SUBNETS } },
    healthCheckGracePeriodSeconds: shape.graceSeconds,
    deploymentConfiguration: {
      minimumHealthyPercent: shape.minimumHealthyPercent,
      maximumPercent: shape.maximumPercent,
      deploymentCircuitBreaker: { enable: shape.breaker, rollback: shape.rollback },
    },
  };
}

/** A transcript of what the user saw: each response and the events, for the determinism property. */
type Transcript = string[];

/**
 * Applies one user action (requests and fault injections happen between instants; `advance` steps through every
 * instant with `check`). `revisionOf` numbers the next revision deployed.
 */
function applyAction(w: World, a: Action, next: { revision: number }, check: InstantCheck, transcript?: Transcript): World {
  const events: EcsEvent[] = [];
  const record = (output: unknown): void => {
    transcript?.push(JSON.stringify({ output, events }));
  };
  switch (a.kind) {
    case 'deploy':
    case 'scale':
    case 'force': {
      const input =
        a.kind === 'deploy'
          ? { taskDefinition: `web:${next.revision++}`, ...(a.desiredCount !== undefined ? { desiredCount: a.desiredCount } : {}) }
          : a.kind === 'scale'
            ? { desiredCount: a.desiredCount }
            : { forceNewDeployment: true };
      const r = must(execute(w, 'UpdateService', { service: 'web', ...input }));
      events.push(...r.events);
      record(r.output);
      return r.world;
    }
    case 'stop': {
      const live = tasksOf(w, serviceOf(w, 'web')).filter((t) => t.desiredStatus === 'RUNNING');
      if (live.length === 0) return w;
      const r = must(execute(w, 'StopTask', { task: live[a.pick % live.length]!.taskId, reason: 'property' }));
      events.push(...r.events);
      record(r.output);
      return r.world;
    }
    case 'advance': {
      const out = stepThrough(w, a.ms, check, events);
      record(null);
      return out;
    }
    case 'spot': {
      const r = interruptSpotTasks(w, { count: a.count });
      events.push(...r.events);
      record(r.interrupted);
      return r.world;
    }
    case 'shortage': {
      const r = injectCapacityShortage(w, { capacityProvider: a.spot ? 'FARGATE_SPOT' : 'FARGATE', availabilityZone: ZONES[a.zone], durationMs: a.ms });
      expect(r.error).toBeUndefined();
      return r.world;
    }
  }
}

// ------------------------------------------------------------------------------------------------ properties

/** Whether service `web` is steady: one COMPLETED deployment whose desiredCount tasks all run and are healthy. */
function isSteady(w: World): boolean {
  const s = serviceOf(w, 'web');
  const [primary, ...olds] = s.deployments;
  if (primary === undefined || olds.length > 0 || primary.rolloutState !== 'COMPLETED') return false;
  const live = tasksOf(w, s).filter((t) => t.lastStatus !== 'STOPPED');
  const graceMs = (s.healthCheckGracePeriodSeconds ?? 0) * 1000;
  return (
    live.length === s.desiredCount &&
    live.every((t) => t.desiredStatus === 'RUNNING' && t.spec.deploymentId === primary.id && isHealthy(w, t, graceMs))
  );
}

/**
 * Steps in 10-second chunks (each through every instant) until steady; the virtual ms it took, or undefined. With
 * `retryFailed`, a PRIMARY that FAILS meanwhile (a breaker tripped by failures planned before the faults ended) gets
 * a new deployment, as a user would start one.
 */
function untilSteady(w: World, boundMs: number, check: InstantCheck, retryFailed = false): { world: World; tookMs: number | undefined } {
  for (let waited = 0; waited <= boundMs; waited += 10_000) {
    if (isSteady(w)) return { world: w, tookMs: waited };
    if (retryFailed && serviceOf(w, 'web').deployments[0]!.rolloutState === 'FAILED') {
      w = must(execute(w, 'UpdateService', { service: 'web', forceNewDeployment: true })).world;
    }
    w = stepThrough(w, 10_000, check);
  }
  return { world: w, tookMs: undefined };
}

/** How long failures planned before the faults ended may still take to play out (see the generators). */
const PLAYS_OUT_MS = 10 * MINUTE;

/**
 * The liveness bound once the faults are over (TigerBeetle-style liveness phase): a pending launch back-off (at most
 * 27 minutes), then one rolling round per batch of `max(maxTasks − desired, desired − minHealthy)` tasks, each
 * within 5 minutes (start ≤ 3 min, healthy 40 s later, a pass 5–30 s later), plus 10 minutes of slack.
 */
function livenessBoundMs(w: World): number {
  const s = serviceOf(w, 'web');
  const perRound = Math.max(1, capOf(s) - s.desiredCount, s.desiredCount - floorOf(s));
  return MAX_BACKOFF_MS + 10 * MINUTE + Math.ceil(s.desiredCount / perRound) * 5 * MINUTE;
}

describe('service scheduler properties', () => {
  test.prop([fc.integer({ min: 1, max: 10_000 }), shapeArb, initialArb, fc.array(actionArb, { minLength: 1, maxLength: 16 })], { numRuns: runs(40) })(
    'safety at every instant of any scenario, then liveness once the faults are over',
    (seed, shape, initial, actions) => {
      const revisions = [initial, ...actions.flatMap((a) => (a.kind === 'deploy' ? [a.revision] : []))];
      let w = worldWith(seed, revisions);
      w = must(execute(w, 'CreateService', createInput(shape, 1))).world;
      const safety = safetyCheck();
      const next = { revision: 2 };
      for (const a of actions) w = applyAction(w, a, next, safety);

      // The faults end: containers behave from now on; what was already planned still plays out (crashes within 5
      // minutes of the start, health checks failing within 3) while safety is still checked. The user does what ECS
      // asks: a configuration that can neither stop nor start a task is reported, not resolved (reference §5.2), and
      // a FAILED deployment is never retried (§5.3).
      w = setBehaviors(w, []).world;
      if (isStuckConfig(serviceOf(w, 'web'))) {
        w = must(execute(w, 'UpdateService', { service: 'web', deploymentConfiguration: { maximumPercent: 200 } })).world;
      }
      const bound = PLAYS_OUT_MS + livenessBoundMs(w);
      const r = untilSteady(w, bound, safety, true);
      const s = serviceOf(r.world, 'web');
      expect(r.tookMs, `The service did not reach a steady state within ${bound / MINUTE} minutes after the faults ended: ${JSON.stringify(s.deployments.map((d) => [d.id, d.rolloutState, d.desiredCount, d.activeTasks, d.failedTasks]))}.`).toBeDefined();
      if (serviceOf(w, 'web').deployments.length > 1 && r.tookMs! > 0) reached.liveness++;
      // What DescribeServices reports agrees.
      const wire = (must(execute(r.world, 'DescribeServices', { services: ['web'] })).output as { services: Array<Record<string, unknown>> }).services[0]!;
      expect(wire).toMatchObject({ desiredCount: s.desiredCount, runningCount: s.desiredCount, pendingCount: 0, taskDefinition: s.deployments[0]!.taskDefinitionArn });
      expect(wire['deployments'], 'A steady service has exactly one deployment.').toHaveLength(1);
    },
  );

  test.prop([fc.integer({ min: 1, max: 10_000 }), shapeArb, failingArb, fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }), fc.array(fc.nat(), { maxLength: 3 })], { numRuns: runs(25) })(
    'a failing revision with the circuit breaker and rollback ends COMPLETED on the previous revision',
    (seed, shape0, failing, newDesired, stops) => {
      // Reference §5.5 and the FLEET, CORD and TREY captures (service captures §3.3, §5): the breaker counts tasks
      // that fail to start, exit after RUNNING or fail their health checks; with rollback the last COMPLETED
      // deployment is PRIMARY again. A configuration that can neither stop nor start a task never launches the
      // failing revision (§5.2), so it is left out; so is desiredCount 0, which has nothing to fail.
      const shape = { ...shape0, desiredCount: Math.max(1, shape0.desiredCount), breaker: true, rollback: true, graceSeconds: 0 as const };
      let w = worldWith(seed, [{ kind: 'ok', healthCheck: false }, failing]);
      const safety = safetyCheck();
      w = must(execute(w, 'CreateService', createInput(shape, 1))).world;
      fc.pre(!isStuckConfig(serviceOf(w, 'web')) && (newDesired === undefined || !isStuckConfig({ ...serviceOf(w, 'web'), desiredCount: newDesired })));
      let r = untilSteady(w, 30 * MINUTE, safety);
      expect(r.tookMs, 'A healthy revision reaches a steady state within 30 minutes.').toBeDefined();
      const previous = serviceOf(r.world, 'web').deployments[0]!;
      w = must(execute(r.world, 'UpdateService', { service: 'web', taskDefinition: 'web:2', ...(newDesired !== undefined ? { desiredCount: newDesired } : {}) })).world;
      const failed = serviceOf(w, 'web').deployments[0]!.id;
      // A few user stops during the rollout (not failures: the breaker does not count them).
      for (const pick of stops) {
        w = stepThrough(w, 20_000, safety);
        const live = tasksOf(w, serviceOf(w, 'web')).filter((t) => t.desiredStatus === 'RUNNING');
        if (live.length > 0) w = must(execute(w, 'StopTask', { task: live[pick % live.length]!.taskId })).world;
      }
      // Bound: six failures at most (threshold clamp(ceil(12 × 50 %), 3, 200)), apart by the back-off (30 s, 30 s,
      // 5, 10, 15 minutes), then the rollback.
      r = untilSteady(w, 2 * 60 * MINUTE, safety);
      const s = serviceOf(r.world, 'web');
      expect(r.tookMs, `The rollback did not complete within 2 hours: ${JSON.stringify(s.deployments.map((d) => [d.id, d.rolloutState, d.failedTasks]))}.`).toBeDefined();
      expect(s.deployments.map((d) => [d.id, d.taskDefinitionArn, d.rolloutState]), 'The service ends on the previous deployment, COMPLETED.').toEqual([
        [previous.id, previous.taskDefinitionArn, 'COMPLETED'],
      ]);
      const messages = s.events.map((e) => e.message);
      expect(messages, 'The service says the failing deployment failed.').toContain(`(service web) (deployment ${failed}) deployment failed: tasks failed to start.`);
      expect(messages, 'The service says it rolls back.').toContain(`(service web) rolling back to deployment ${previous.id}.`);
    },
  );

  test.prop([fc.integer({ min: 1, max: 10_000 }), shapeArb, fc.integer({ min: 60_000, max: 5 * MINUTE })], { numRuns: runs(8) })(
    'a rollback to a deployment that crashed after it COMPLETED is not failed by those old crashes',
    (seed, shape0, exitAfterMs) => {
      // The previous revision becomes healthy (40 s), COMPLETES, then crashes every few minutes; the breaker of
      // its rollback must count only failures after the rollback (checkBreaker, at every instant).
      // desiredCount 1–6: crash loops of more tasks only cost CI time.
      const shape = { ...shape0, desiredCount: 1 + (shape0.desiredCount % 6), breaker: true, rollback: true };
      let w = worldWith(seed, [{ kind: 'crash', exitAfterMs }, { kind: 'failToStart' }]);
      w = must(execute(w, 'CreateService', createInput(shape, 1))).world;
      fc.pre(!isStuckConfig(serviceOf(w, 'web')));
      const safety = safetyCheck();
      w = stepThrough(w, 20 * MINUTE, safety);
      const previous = serviceOf(w, 'web').deployments[0]!;
      fc.pre(previous.rolloutState === 'COMPLETED');
      w = must(execute(w, 'UpdateService', { service: 'web', taskDefinition: 'web:2' })).world;
      const events: EcsEvent[] = [];
      w = stepThrough(w, 30 * MINUTE, safety, events);
      // The service's own events may have scrolled past 100 (crashes every few minutes): read EventBridge's.
      const reasons = events.filter((e) => e['detail-type'] === 'ECS Deployment State Change').map((e) => e.detail['reason']);
      expect(reasons, 'The failing revision was rolled back.').toContain(`ECS deployment circuit breaker: rolling back to deploymentId ${previous.id}.`);
    },
  );

  test.prop([fc.integer({ min: 1, max: 10_000 }), shapeArb, initialArb, fc.array(actionArb, { minLength: 1, maxLength: 10 })], { numRuns: runs(10) })(
    'the same seed and inputs give byte-identical DescribeServices output and events',
    (seed, shape, initial, actions) => {
      const run = (): Transcript => {
        const revisions = [initial, ...actions.flatMap((a) => (a.kind === 'deploy' ? [a.revision] : []))];
        let w = worldWith(seed, revisions);
        const created = must(execute(w, 'CreateService', createInput(shape, 1)));
        w = created.world;
        const transcript: Transcript = [JSON.stringify(created.output)];
        const next = { revision: 2 };
        for (const a of actions) {
          w = applyAction(w, a, next, () => undefined, transcript);
          transcript.push(JSON.stringify(execute(w, 'DescribeServices', { services: ['web'], include: ['TAGS'] })));
        }
        const end = advance(w, 30 * MINUTE);
        transcript.push(JSON.stringify(end.events), JSON.stringify(execute(end.world, 'DescribeServices', { services: ['web'] })));
        return transcript;
      };
      const first = run();
      expect(run(), 'A second run with the same seed and inputs says exactly the same.').toEqual(first);
      // Not vacuous: the transcript holds the services in full (and, over the runs, tasks that started).
      expect(first.join('')).toContain('"deployments":[{');
      if (first.join('').includes('has started')) reached.determinism++;
    },
  );

  it('the safety bounds were reached exactly and liveness needed time (the properties are not vacuous)', () => {
    expect(reached.maxTasks, 'Some launch brought running + pending exactly to maxTasks.').toBeGreaterThan(0);
    expect(reached.minHealthy, 'Some stop left exactly minHealthy healthy tasks.').toBeGreaterThan(0);
    expect(reached.liveness, 'Some service had several deployments when the faults ended and converged later.').toBeGreaterThan(0);
    expect(reached.determinism, 'Some deterministic run started tasks.').toBeGreaterThan(0);
  });
});
