// Safety properties of Fargate tasks over generated scenarios (RunTask, StopTask, advance, faults, behaviours):
// no address held twice, subnets and vCPU quotas never over-committed, counters and indexes equal to a recount,
// one lifecycle timer per task, monotonic timestamps; every stopped task gives its ENI back; same seed ⇒ same world.
// Scenarios run a one-container family (`web`) and a generated multi-container one (`multi`, 1–3 containers, some
// non-essential) whose containers get their own scripted exits, so exits that race a stop are exercised too.
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect } from 'vitest';
import { taskToWire } from '../../../src/scheduler/taskView.js';
import { strategyTotals } from '../../../src/scheduler/capacityProviderSplit.js';
import type { SubnetIps } from '../../../src/scheduler/subnetIps.js';
import type { World } from '../../../src/domain/world.js';
import { advance } from '../../../src/engine/advance.js';
import { createWorld } from '../../../src/engine/createWorld.js';
import { execute } from '../../../src/engine/execute.js';
import { injectCapacityShortage, interruptSpotTasks, setBehaviors, setSubnetAvailability } from '../../../src/sim/faults.js';
import { WEB_TD } from './harness.js';

const SUBNETS = [
  { subnetId: 'subnet-p1', cidrBlock: '10.1.0.0/28', availabilityZone: 'us-east-1a', vpcId: 'vpc-p' },
  { subnetId: 'subnet-p2', cidrBlock: '10.1.0.16/28', availabilityZone: 'us-east-1a', vpcId: 'vpc-p' },
  { subnetId: 'subnet-p3', cidrBlock: '10.1.0.32/28', availabilityZone: 'us-east-1b', vpcId: 'vpc-p' },
];
const ZONES = ['us-east-1a', 'us-east-1b'] as const;
const QUOTA_VCPU = { FARGATE: 3, FARGATE_SPOT: 2 } as const;

/** The generated `multi` family: whether each of its containers is essential (at least one is, as ECS requires). */
type MultiShape = readonly boolean[];

const multiShapeArb: fc.Arbitrary<MultiShape> = fc
  .array(fc.boolean(), { minLength: 1, maxLength: 3 })
  .map((essentials) => (essentials.some((e) => e) ? essentials : [true, ...essentials.slice(1)]));

/** A scripted exit per container of `multi` (index = container), or none. */
type ContainerExits = ReadonlyArray<number | undefined>;

type Action =
  | { kind: 'run'; count: number; mode: 'FARGATE' | 'SPOT' | 'MIX'; subnets: number[]; family: 'web' | 'multi' }
  | { kind: 'stop'; pick: number }
  | { kind: 'advance'; ms: number }
  | { kind: 'spot'; count: number }
  | { kind: 'shortage'; zone: 0 | 1; spot: boolean; ms: number }
  | { kind: 'subnet'; index: number; available: boolean }
  | {
      kind: 'behave';
      exitAfterMs: number | undefined;
      failPull: boolean;
      ignoreSigterm: boolean;
      containerExits: ContainerExits;
    };

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('run' as const),
      count: fc.integer({ min: 1, max: 10 }),
      mode: fc.constantFrom('FARGATE' as const, 'SPOT' as const, 'MIX' as const),
      subnets: fc.uniqueArray(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 3 }),
      family: fc.constantFrom('web' as const, 'multi' as const),
    }),
    weight: 4,
  },
  { arbitrary: fc.record({ kind: fc.constant('stop' as const), pick: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 200_000 }) }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('spot' as const), count: fc.integer({ min: 1, max: 5 }) }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('shortage' as const),
      zone: fc.constantFrom(0 as const, 1 as const),
      spot: fc.boolean(),
      ms: fc.integer({ min: 1, max: 100_000 }),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('subnet' as const), index: fc.integer({ min: 0, max: 2 }), available: fc.boolean() }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('behave' as const),
      exitAfterMs: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: undefined }),
      failPull: fc.boolean(),
      ignoreSigterm: fc.boolean(),
      containerExits: fc.array(fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: undefined }), {
        minLength: 3,
        maxLength: 3,
      }),
    }),
    weight: 2,
  },
);

/** The `multi` task definition of a shape: containers `c0`, `c1`, … with a busybox image (no `nginx:*` rule). */
function multiTaskDefinition(shape: MultiShape): Record<string, unknown> {
  return {
    family: 'multi',
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    cpu: '256',
    memory: '512',
    containerDefinitions: shape.map((essential, i) => ({ name: `c${i}`, image: 'busybox:1.36', essential })),
  };
}

function initialWorld(seed: number, shape: MultiShape = [true, false]): World {
  let w = createWorld({
    seed,
    network: { subnets: SUBNETS },
    quotas: { onDemandVcpu: QUOTA_VCPU.FARGATE, spotVcpu: QUOTA_VCPU.FARGATE_SPOT },
  });
  for (const [op, input] of [
    ['CreateCluster', { clusterName: 'default', capacityProviders: ['FARGATE', 'FARGATE_SPOT'] }],
    ['RegisterTaskDefinition', WEB_TD],
    ['RegisterTaskDefinition', multiTaskDefinition(shape)],
  ] as const) {
    const r = execute(w, op, input);
    if (E.isLeft(r)) throw new Error(r.left.message);
    w = r.right.world;
  }
  return w;
}

/** Applies one action; requests ECS refuses (throttling, say) leave the world as it was. */
function apply(w: World, a: Action): World {
  switch (a.kind) {
    case 'run': {
      const strategy =
        a.mode === 'FARGATE'
          ? { launchType: 'FARGATE' }
          : {
              capacityProviderStrategy:
                a.mode === 'SPOT'
                  ? [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }]
                  : [{ capacityProvider: 'FARGATE', base: 1, weight: 1 }, { capacityProvider: 'FARGATE_SPOT', weight: 2 }],
            };
      const r = execute(w, 'RunTask', {
        taskDefinition: a.family,
        count: a.count,
        ...strategy,
        networkConfiguration: { awsvpcConfiguration: { subnets: a.subnets.map((i) => SUBNETS[i]!.subnetId) } },
      });
      if (E.isLeft(r)) {
        expect(r.left.name).toBe('ThrottlingException');
        return w;
      }
      const out = r.right.output as { tasks: unknown[]; failures: unknown[] };
      expect(out.tasks.length + out.failures.length).toBe(a.count);
      return r.right.world;
    }
    case 'stop': {
      const tasks = [...w.tasks.values()];
      if (tasks.length === 0) return w;
      const t = tasks[a.pick % tasks.length]!;
      const r = execute(w, 'StopTask', { task: t.taskId });
      return E.isRight(r) ? r.right.world : w;
    }
    case 'advance':
      return advance(w, a.ms).world;
    case 'spot':
      return interruptSpotTasks(w, { count: a.count }).world;
    case 'shortage':
      return injectCapacityShortage(w, {
        capacityProvider: a.spot ? 'FARGATE_SPOT' : 'FARGATE',
        availabilityZone: ZONES[a.zone],
        durationMs: a.ms,
      }).world;
    case 'subnet':
      return setSubnetAvailability(w, SUBNETS[a.index]!.subnetId, a.available).world;
    case 'behave':
      return setBehaviors(w, [
        // One rule per container of `multi` (first match wins), so its containers exit at their own times.
        ...a.containerExits.map((exitAfterMs, i) => ({
          match: { family: 'multi', containerName: `c${i}` },
          ...(exitAfterMs !== undefined ? { exitAfterMs, exitCode: i } : {}),
          ...(a.ignoreSigterm ? { onSigterm: 'ignore' as const } : {}),
        })),
        {
          match: { image: 'nginx:*' },
          ...(a.exitAfterMs !== undefined ? { exitAfterMs: a.exitAfterMs, exitCode: 1 } : {}),
          ...(a.failPull ? { failToStart: 'CannotPullContainerError: denied' } : {}),
          ...(a.ignoreSigterm ? { onSigterm: 'ignore' as const } : {}),
        },
      ]).world;
  }
}

const ORDER = ['createdAt', 'connectivityAt', 'pullStartedAt', 'pullStoppedAt', 'startedAt', 'executionStoppedAt', 'stoppedAt'];

/** Every safety property, checked against a recount of the World. */
function checkInvariants(w: World): void {
  const held = new Set<string>();
  const inUse = new Map<string, number>();
  const cpu = { FARGATE: 0, FARGATE_SPOT: 0 };
  const counts = { running: 0, pending: 0, active: 0 };
  for (const t of w.tasks.values()) {
    if (t.hasEni && t.lastStatus !== 'STOPPED') {
      const key = `${t.subnetId}/${t.privateIp}`;
      expect(held.has(key), `address ${key} is held by two tasks`).toBe(false);
      held.add(key);
      inUse.set(t.subnetId, (inUse.get(t.subnetId) ?? 0) + 1);
    }
    if (t.lastStatus !== 'STOPPED') {
      cpu[t.pool] += t.spec.cpuUnits;
      counts.active++;
    }
    if (t.lastStatus === 'RUNNING') counts.running++;
    if (['PROVISIONING', 'PENDING', 'ACTIVATING'].includes(t.lastStatus)) counts.pending++;
    // At most one lifecycle timer, and it is the one the task knows.
    if (t.timer !== undefined) expect(w.timers.get(t.timer)).toEqual({ _tag: 'TaskLifecycle', taskSeq: t.seq });
    // Visible timestamps never go backwards along the lifecycle.
    const wire = taskToWire(w.config, t, w.taskDefinitions.get(t.spec.taskDefinitionKey), { nowMs: w.nowMs }) as Record<string, unknown>;
    const stamps = ORDER.map((k) => wire[k]).filter((v): v is number => typeof v === 'number');
    expect(stamps, `timestamps of ${t.taskId} out of order`).toEqual([...stamps].sort((a, b) => a - b));
    if (typeof wire.stoppingAt === 'number') {
      expect(wire.stoppingAt).toBeGreaterThanOrEqual(wire.createdAt as number);
      if (typeof wire.executionStoppedAt === 'number') expect(wire.executionStoppedAt).toBeGreaterThanOrEqual(wire.stoppingAt);
    }
  }
  let lifecycleTimers = 0;
  for (const timer of w.timers.values()) if (timer._tag === 'TaskLifecycle') lifecycleTimers++;
  expect(lifecycleTimers).toBe([...w.tasks.values()].filter((t) => t.timer !== undefined).length);
  for (const s of w.config.network.subnets) {
    const used = inUse.get(s.subnetId) ?? 0;
    expect(used, `subnet ${s.subnetId} over-committed`).toBeLessThanOrEqual(s.usableIpCount);
    expect((w.subnetIps.get(s.subnetId) as SubnetIps | undefined)?.inUse ?? 0).toBe(used);
  }
  for (const pool of ['FARGATE', 'FARGATE_SPOT'] as const) {
    expect(cpu[pool], `${pool} vCPU over quota`).toBeLessThanOrEqual(QUOTA_VCPU[pool] * 1024);
    expect(w.fargateUsage.get(pool)?.cpuUnits ?? 0).toBe(cpu[pool]);
  }
  const c = w.clusters.get('default')!;
  expect({ running: c.runningTasksCount, pending: c.pendingTasksCount, active: c.activeTasksCount }).toEqual(counts);
  // The RUNNING-desired index lists exactly the tasks that want to run.
  const listed = (execute(w, 'ListTasks', { maxResults: 100 }) as E.Right<{ output: { taskArns: string[] } }>).right.output.taskArns;
  expect(listed.length).toBe(Math.min(100, [...w.tasks.values()].filter((t) => t.desiredStatus === 'RUNNING').length));
}

describe('Fargate task safety properties', () => {
  test.prop([fc.integer({ min: 1, max: 1000 }), multiShapeArb, fc.array(actionArb, { minLength: 1, maxLength: 14 })])(
    'hold after every step of any scenario, and every stopped task gives its address and vCPUs back',
    (seed, shape, actions) => {
      let w = initialWorld(seed, shape);
      for (const a of actions) {
        w = apply(w, a);
        checkInvariants(w);
      }
      // Stop everything and let time pass: every ENI and vCPU comes back, every task expires.
      for (const t of w.tasks.values()) {
        const r = execute(w, 'StopTask', { task: t.taskId });
        if (E.isRight(r)) w = r.right.world;
      }
      w = advance(w, 2 * 3_600_000).world;
      checkInvariants(w);
      expect(w.tasks.size).toBe(0);
      expect(w.taskIndex.size).toBe(0);
      expect(w.placementCounts.size).toBe(0);
      for (const s of SUBNETS) expect((w.subnetIps.get(s.subnetId) as SubnetIps | undefined)?.inUse ?? 0).toBe(0);
      expect(w.fargateUsage.get('FARGATE')?.cpuUnits ?? 0).toBe(0);
    },
  );

  test.prop([fc.integer({ min: 1, max: 1000 }), multiShapeArb, fc.array(actionArb, { minLength: 1, maxLength: 10 })])(
    'the same seed and inputs give the same world, byte for byte',
    (seed, shape, actions) => {
      const run = (): string => JSON.stringify(actions.reduce(apply, initialWorld(seed, shape)));
      expect(run()).toBe(run());
    },
  );

  test.prop([
    fc.record({
      firstBase: fc.integer({ min: 0, max: 4 }),
      firstWeight: fc.integer({ min: 0, max: 5 }),
      secondWeight: fc.integer({ min: 1, max: 5 }),
      spotFirst: fc.boolean(),
    }),
    fc.integer({ min: 1, max: 10 }),
  ])('RunTask splits a call by base and weight exactly as the rule says, for every count', (s, count) => {
    const [p1, p2] = s.spotFirst ? ['FARGATE_SPOT', 'FARGATE'] : ['FARGATE', 'FARGATE_SPOT'];
    const strategy = [
      { capacityProvider: p1!, base: s.firstBase, weight: s.firstWeight },
      { capacityProvider: p2!, base: 0, weight: s.secondWeight },
    ];
    let w = initialWorld(1);
    w = { ...w, config: { ...w.config, quotas: { ...w.config.quotas, onDemandVcpu: Infinity, spotVcpu: Infinity } } };
    const r = execute(w, 'RunTask', {
      taskDefinition: 'web',
      count,
      capacityProviderStrategy: strategy,
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-p1', 'subnet-p2', 'subnet-p3'] } },
    });
    if (E.isLeft(r)) throw new Error(r.left.message);
    const got = new Map<string, number>();
    for (const t of (r.right.output as { tasks: Array<{ capacityProviderName: string }> }).tasks) {
      got.set(t.capacityProviderName, (got.get(t.capacityProviderName) ?? 0) + 1);
    }
    const want = strategyTotals(strategy, count);
    for (const p of ['FARGATE', 'FARGATE_SPOT']) expect(got.get(p) ?? 0).toBe(want.get(p) ?? 0);
  });
});
