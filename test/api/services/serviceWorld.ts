// Helpers for the generated service scenarios of properties.test.ts and model.test.ts: a small world, revisions
// whose containers behave as told, and an exact stepper that stops at every instant something happens so the
// safety properties are checked on every state the scheduler leaves behind. Not a test file.
//
// Health is recomputed here from the documented rules, not with the scheduler's own module (reference §4.5, API
// reference of DeploymentConfiguration.minimumHealthyPercent:
// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeploymentConfiguration.html): without an essential
// container health check a task counts 40 s after RUNNING; with one, once every such container is HEALTHY; an
// UNHEALTHY status is ignored during healthCheckGracePeriodSeconds after the task started.
import * as E from 'fp-ts/lib/Either.js';
import type { EcsEvent } from '../../../src/domain/events.js';
import type { Service } from '../../../src/domain/service.js';
import { type Task, taskMs } from '../../../src/domain/task.js';
import type { BehaviorRule, World } from '../../../src/domain/world.js';
import { advance } from '../../../src/engine/advance.js';
import { createWorld } from '../../../src/engine/createWorld.js';
import { execute } from '../../../src/engine/execute.js';
import { SUBNETS } from '../tasks/harness.js';

/** What a revision's container does. */
export type RevisionKind =
  | { readonly kind: 'ok'; readonly healthCheck: boolean }
  | { readonly kind: 'failToStart' }
  | { readonly kind: 'crash'; readonly exitAfterMs: number }
  | { readonly kind: 'unhealthy'; readonly unhealthyAfterMs: number };

/** Health check of the revisions that have one: probes every 10 s, UNHEALTHY after 2 failures. */
export const HEALTH_CHECK = { command: ['CMD-SHELL', 'curl -f http://localhost/ || exit 1'], interval: 10, retries: 2 };

/** The image of revision `i` (1-based): behaviours match on it. */
export const imageOf = (i: number): string => `app:r${i}`;

/** The behaviour rule of revision `i`, if it is not plainly healthy. */
export function ruleOf(i: number, r: RevisionKind): BehaviorRule | undefined {
  const match = { image: imageOf(i) };
  switch (r.kind) {
    case 'ok':
      return undefined;
    case 'failToStart':
      return { match, failToStart: `CannotPullContainerError: pull image manifest has been retried 5 time(s): ${imageOf(i)}: not found` };
    case 'crash':
      return { match, exitAfterMs: r.exitAfterMs, exitCode: 1 };
    case 'unhealthy':
      return { match, unhealthyAfterMs: r.unhealthyAfterMs };
  }
}

/** Whether the revision's container has a health check. */
export const hasHealthCheck = (r: RevisionKind): boolean => r.kind === 'unhealthy' || (r.kind === 'ok' && r.healthCheck);

/** The RegisterTaskDefinition input of revision `i` of family `family`. */
export function revisionInput(family: string, i: number, r: RevisionKind): Record<string, unknown> {
  return {
    family,
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    containerDefinitions: [{ name: 'app', image: imageOf(i), essential: true, ...(hasHealthCheck(r) ? { healthCheck: HEALTH_CHECK } : {}) }],
  };
}

/** A result that must be Right. */
export function must<T>(r: E.Either<{ name: string; message: string }, T>): T {
  if (E.isLeft(r)) throw new Error(`${r.left.name}: ${r.left.message}`);
  return r.right;
}

/** A world with cluster `default` (FARGATE and FARGATE_SPOT) and room for every generated scenario. */
export function serviceWorld(seed: number, behaviors: readonly BehaviorRule[] = []): World {
  const w = createWorld({
    seed,
    network: { subnets: SUBNETS },
    behaviors,
    quotas: { onDemandVcpu: 1000, spotVcpu: 1000 },
  });
  return must(execute(w, 'CreateCluster', { clusterName: 'default', capacityProviders: ['FARGATE', 'FARGATE_SPOT'] })).world;
}

/** The subnets services use: one per zone. */
export const SERVICE_SUBNETS = ['subnet-a1', 'subnet-b1', 'subnet-c1'];

/** The service of cluster `default` named `name` (domain form). */
export function serviceOf(w: World, name: string): Service {
  const s = w.services.get(`default\u0000${name}`);
  if (s === undefined) throw new Error(`no service ${name}`);
  return s;
}

/** Every task of service `s` in the World (any status), in sequence order. */
export const tasksOf = (w: World, s: Service): Task[] => [...w.tasks.values()].filter((t) => t.spec.serviceKey === s.key);

/** Whether `t` counts as healthy for minimumHealthyPercent at `nowMs` (see the header). */
export function isHealthy(w: World, t: Task, graceMs: number, nowMs = w.nowMs): boolean {
  if (t.lastStatus !== 'RUNNING' || t.startedAt === undefined) return false;
  const startedAtMs = taskMs(t, t.startedAt);
  const td = w.taskDefinitions.get(t.spec.taskDefinitionKey);
  const checked = (td?.containers ?? []).flatMap((c, i) => (c.essential && c.healthCheck !== undefined ? [i] : []));
  if (checked.length === 0) return nowMs >= startedAtMs + 40_000;
  return checked.every((i) => {
    const c = t.containers[i];
    if (c?.healthyAtMs === undefined || c.healthyAtMs > nowMs) return false;
    const unhealthy = c.unhealthyAtMs !== undefined && c.unhealthyAtMs <= nowMs;
    return !unhealthy || nowMs < startedAtMs + graceMs;
  });
}

/** `floor(desired × max% / 100)` and `ceil(desired × min% / 100)` (reference §5.2), written out again. */
export const capOf = (s: Service): number => Math.floor((s.desiredCount * s.deploymentConfiguration.maximumPercent) / 100);
export const floorOf = (s: Service): number => Math.ceil((s.desiredCount * s.deploymentConfiguration.minimumHealthyPercent) / 100);

/**
 * A configuration that cannot replace a task: no old task may be stopped and no new one started (reference §5.2,
 * "stuck configuration").
 */
export const isStuckConfig = (s: Service): boolean => s.desiredCount > 0 && floorOf(s) >= s.desiredCount && capOf(s) <= s.desiredCount;

/** Called with the World before and after every instant at which timers fired. */
export type InstantCheck = (before: World, after: World, events: readonly EcsEvent[]) => void;

/** Most instants one {@link stepThrough} call visits (a guard: a scenario visits a few thousand). */
const MAX_INSTANTS = 200_000;

/**
 * Advances `ms`, stopping at every instant at which a timer is due, and calls `check` after each: the finest
 * granularity there is, since nothing happens between timers.
 */
export function stepThrough(w: World, ms: number, check: InstantCheck, events?: EcsEvent[]): World {
  const target = w.nowMs + ms;
  for (let i = 0; i < MAX_INSTANTS; i++) {
    const next = w.timers.minKey();
    if (next === undefined || next.atMs > target) {
      const r = advance(w, target - w.nowMs);
      events?.push(...r.events);
      return r.world;
    }
    const r = advance(w, next.atMs - w.nowMs);
    events?.push(...r.events);
    check(w, r.world, r.events);
    w = r.world;
  }
  throw new Error(`more than ${MAX_INSTANTS} instants in ${ms} ms`);
}
