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
import type { SubnetIps } from '../../../src/scheduler/subnetIps.js';
import type { EcsEvent } from '../../../src/domain/events.js';
import { hasEni, poolOf, privateIpOf, TASK_STATUS_ORDER, taskMs } from '../../../src/domain/task.js';
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

/** What one action gave: the next World, the response (or error) of a request, the events. */
interface Step {
  readonly world: World;
  readonly output?: unknown;
  readonly events: readonly EcsEvent[];
}

/** Applies one action; requests ECS refuses (throttling, say) leave the world as it was. */
function apply(w: World, a: Action): World {
  return step(w, a).world;
}

/** {@link apply}, keeping the response and the events too. */
function step(w: World, a: Action): Step {
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
        return { world: w, output: r.left, events: [] };
      }
      const out = r.right.output as { tasks: unknown[]; failures: unknown[] };
      expect(out.tasks.length + out.failures.length).toBe(a.count);
      return r.right;
    }
    case 'stop': {
      const tasks = [...w.tasks.values()];
      if (tasks.length === 0) return { world: w, events: [] };
      const t = tasks[a.pick % tasks.length]!;
      const r = execute(w, 'StopTask', { task: t.taskId });
      return E.isRight(r) ? r.right : { world: w, output: r.left, events: [] };
    }
    case 'advance':
      return advance(w, a.ms);
    case 'spot': {
      const r = interruptSpotTasks(w, { count: a.count });
      return { ...r, output: r.interrupted };
    }
    case 'shortage':
      return injectCapacityShortage(w, {
        capacityProvider: a.spot ? 'FARGATE_SPOT' : 'FARGATE',
        availabilityZone: ZONES[a.zone],
        durationMs: a.ms,
      });
    case 'subnet':
      return setSubnetAvailability(w, SUBNETS[a.index]!.subnetId, a.available);
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
      ]);
  }
}

const ORDER = ['createdAt', 'connectivityAt', 'pullStartedAt', 'pullStoppedAt', 'startedAt', 'executionStoppedAt', 'stoppedAt'];

/** Every safety property, checked against a recount of the World. */
function checkInvariants(w: World): void {
  const held = new Set<string>();
  const inUse = new Map<string, number>();
  const cpu = { FARGATE: 0, FARGATE_SPOT: 0 };
  const counts = { running: 0, pending: 0, active: 0 };
  const perDefinition = new Map<string, number>();
  for (const t of w.tasks.values()) {
    perDefinition.set(t.spec.taskDefinitionKey, (perDefinition.get(t.spec.taskDefinitionKey) ?? 0) + 1);
    if (hasEni(t) && t.lastStatus !== 'STOPPED') {
      const key = `${t.site.subnetId}/${privateIpOf(t)}`;
      expect(held.has(key), `address ${key} is held by two tasks`).toBe(false);
      held.add(key);
      inUse.set(t.site.subnetId!, (inUse.get(t.site.subnetId!) ?? 0) + 1);
    }
    if (t.lastStatus !== 'STOPPED') {
      cpu[poolOf(t)!] += t.spec.cpuUnits;
      counts.active++;
    }
    if (t.lastStatus === 'RUNNING') counts.running++;
    if (['PROVISIONING', 'PENDING', 'ACTIVATING'].includes(t.lastStatus)) counts.pending++;
    // At most one lifecycle timer, and it is the one the task knows.
    if (t.timer !== undefined) expect(w.timers.get(t.timer)).toMatchObject({ _tag: 'TaskLifecycle', taskSeq: t.seq });
    // Visible timestamps never go backwards along the lifecycle.
    const wire = taskToWire(w.config, t, w.taskDefinitions.get(t.spec.taskDefinitionKey), { nowMs: w.nowMs }) as Record<string, unknown>;
    const stamps = ORDER.map((k) => wire[k]).filter((v): v is number => typeof v === 'number');
    expect(stamps, `timestamps of ${t.taskId} out of order`).toEqual([...stamps].sort((a, b) => a - b));
    if (typeof wire.stoppingAt === 'number') {
      expect(wire.stoppingAt).toBeGreaterThanOrEqual(wire.createdAt as number);
      if (typeof wire.executionStoppedAt === 'number') {
        // A stop request comes before the execution stops; an essential container's own exit comes before ECS's
        // stop of the task (capture A, reference §3.8: stoppingAt 10 s after executionStoppedAt).
        const specs = w.taskDefinitions.get(t.spec.taskDefinitionKey)?.containers ?? [];
        const exitedFirst = t.containers.some(
          (c, i) => specs[i]?.essential !== false && c.stoppedAtMs !== undefined && c.stoppedAtMs < taskMs(t, t.stop!.stoppingAt!),
        );
        if (exitedFirst) expect(wire.executionStoppedAt, `${t.taskId}: exit before stoppingAt`).toBeLessThanOrEqual(wire.stoppingAt);
        else expect(wire.executionStoppedAt, `${t.taskId}: stoppingAt before the execution stops`).toBeGreaterThanOrEqual(wire.stoppingAt);
      }
    }
  }
  // Every task in the World, whatever its status, counts for its task definition (deletion waits for zero).
  expect(new Map(w.taskDefinitionUse.entries())).toEqual(perDefinition);
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
    'the same seed and inputs give the same world, outputs and events, byte for byte',
    (seed, shape, actions) => {
      const run = (): string[] => {
        let w = initialWorld(seed, shape);
        const transcript: string[] = [];
        for (const a of actions) {
          const s = step(w, a);
          w = s.world;
          transcript.push(JSON.stringify({ output: s.output, events: s.events }));
        }
        return [JSON.stringify(w), ...transcript];
      };
      const [first, second] = [run(), run()];
      expect(second).toEqual(first);
      // Not vacuous: the transcript holds every event, in full.
      expect(first.slice(1).join('')).not.toContain('{}');
    },
  );

  test.prop([fc.integer({ min: 1, max: 1000 }), multiShapeArb, fc.array(actionArb, { minLength: 1, maxLength: 14 })])(
    'the events of each task are well ordered: one event per version (1, 2, 3, …), lastStatus never goes back, timestamps in order',
    (seed, shape, actions) => {
      let w = initialWorld(seed, shape);
      const byTask = new Map<string, Array<Record<string, unknown>>>();
      const record = (events: readonly EcsEvent[]): void => {
        for (const e of events) {
          const list = byTask.get(e.resources[0]!) ?? [];
          list.push(JSON.parse(JSON.stringify(e.detail)) as Record<string, unknown>);
          byTask.set(e.resources[0]!, list);
        }
      };
      for (const a of actions) {
        const s = step(w, a);
        w = s.world;
        record(s.events);
      }
      // Let every task finish, so each sequence runs to STOPPED.
      for (const t of w.tasks.values()) {
        const r = execute(w, 'StopTask', { task: t.taskId });
        if (E.isRight(r)) {
          w = r.right.world;
          record(r.right.events);
        }
      }
      const end = advance(w, 600_000);
      record(end.events);
      for (const [arn, details] of byTask) {
        checkEventSequence(arn, details);
        // Events per task = its version: the task's last version is the number of its events.
        const id = arn.slice(arn.lastIndexOf('/') + 1);
        const described = execute(end.world, 'DescribeTasks', { tasks: [id] });
        const task = E.isRight(described) ? (described.right.output as { tasks: Array<{ version: number }> }).tasks[0] : undefined;
        expect(task?.version, `${arn}: described version = its number of events`).toBe(details.length);
      }
    },
  );

  test.prop([
    fc.record({
      base: fc.integer({ min: 0, max: 4 }),
      baseOnFirst: fc.boolean(),
      firstWeight: fc.integer({ min: 0, max: 5 }),
      secondWeight: fc.integer({ min: 1, max: 5 }),
      spotFirst: fc.boolean(),
      asClusterDefault: fc.boolean(),
    }),
    fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 4 }),
  ])(
    'RunTask splits each call by base and weight as reference §7.2 says (closed form, every prefix, across calls)',
    (s, counts) => {
      // §7.2: the base is satisfied first, on the one item with a base; the rest is split in proportion to the
      // weights, so each provider is within one task of its exact share; a weight-0 item gets nothing beyond its
      // base. Base counts per RunTask call (SIM RULE, UNVERIFIED). A single item takes every task. Checked through
      // `capacityProviderName` of the tasks RunTask returns, in order, without the module under test.
      const [p1, p2] = s.spotFirst ? (['FARGATE_SPOT', 'FARGATE'] as const) : (['FARGATE', 'FARGATE_SPOT'] as const);
      const items = [
        { capacityProvider: p1, base: s.baseOnFirst ? s.base : 0, weight: s.firstWeight },
        { capacityProvider: p2, base: s.baseOnFirst ? 0 : s.base, weight: s.secondWeight },
      ];
      let w = initialWorld(1);
      w = { ...w, config: { ...w.config, quotas: { ...w.config.quotas, onDemandVcpu: Infinity, spotVcpu: Infinity } } };
      if (s.asClusterDefault) {
        const r = execute(w, 'PutClusterCapacityProviders', {
          cluster: 'default',
          capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
          defaultCapacityProviderStrategy: items,
        });
        if (E.isLeft(r)) throw new Error(r.left.message);
        w = r.right.world;
      }
      const totals = new Map<string, number>();
      for (const count of counts) {
        const r = execute(w, 'RunTask', {
          taskDefinition: 'web',
          count,
          ...(s.asClusterDefault ? {} : { capacityProviderStrategy: items }),
          networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-p1', 'subnet-p2', 'subnet-p3'] } },
        });
        if (E.isLeft(r)) throw new Error(r.left.message);
        // Keep the subnets from filling up (/28s): only the split is under test here.
        w = { ...r.right.world, subnetIps: initialWorld(1).subnetIps };
        const out = r.right.output as { tasks: Array<{ capacityProviderName?: string }>; failures: unknown[] };
        expect(out.failures).toEqual([]);
        const names = out.tasks.map((t) => t.capacityProviderName);
        expect(names).toHaveLength(count);
        for (let n = 1; n <= count; n++) checkSplit(items, names.slice(0, n));
        for (const p of names) totals.set(p!, (totals.get(p!) ?? 0) + 1);
      }
      // Across calls: each call starts its own base, so the totals are the sum of the per-call closed forms.
      const baseItem = items.find((it) => it.base > 0);
      const bases = counts.reduce((sum, c) => sum + Math.min(c, baseItem?.base ?? 0), 0);
      expect((totals.get(p1) ?? 0) + (totals.get(p2) ?? 0)).toBe(counts.reduce((a, b) => a + b, 0));
      if (baseItem) expect(totals.get(baseItem.capacityProvider) ?? 0).toBeGreaterThanOrEqual(bases);
    },
  );
});

/** The closed form of reference §7.2 for one call's first `names.length` tasks (two items, one base at most). */
function checkSplit(
  items: ReadonlyArray<{ capacityProvider: string; base: number; weight: number }>,
  names: ReadonlyArray<string | undefined>,
): void {
  const n = names.length;
  const baseItem = items.find((it) => it.base > 0);
  const onBase = Math.min(n, baseItem?.base ?? 0);
  // The base comes first: the first tasks all go to the base item.
  for (let i = 0; i < onBase; i++) expect(names[i], `task ${i + 1} is within the base`).toBe(baseItem!.capacityProvider);
  const rest = n - onBase;
  const totalWeight = items.reduce((sum, it) => sum + it.weight, 0);
  for (const it of items) {
    const got = names.filter((p) => p === it.capacityProvider).length - (it === baseItem ? onBase : 0);
    if (it.weight === 0) {
      expect(got, `${it.capacityProvider} has weight 0: nothing beyond its base`).toBe(0);
      continue;
    }
    // |got − rest × w / W| ≤ 1, in integers: |got × W − rest × w| ≤ W.
    const exactShareTimesW = rest * it.weight;
    expect(Math.abs(got * totalWeight - exactShareTimesW), `${it.capacityProvider} is more than one task off its share after ${n} tasks (${names.join(',')})`).toBeLessThanOrEqual(totalWeight);
  }
}

/**
 * Timestamps that never decrease along a task's lifecycle, where present. `executionStoppedAt` is checked apart:
 * it follows a stop request but precedes ECS's stop after an essential container's exit (reference §3.8).
 */
const EVENT_STAMP_ORDER = ['createdAt', 'pullStartedAt', 'pullStoppedAt', 'startedAt', 'stoppingAt', 'stoppedAt'];

/** The event-sequence rules for one task's events, in emission order. */
function checkEventSequence(arn: string, details: ReadonlyArray<Record<string, unknown>>): void {
  let prev: Record<string, unknown> | undefined;
  for (const d of details) {
    const stamps = EVENT_STAMP_ORDER.filter((k) => d[k] !== undefined).map((k) => [k, Date.parse(String(d[k]))] as const);
    for (let i = 1; i < stamps.length; i++) {
      expect(stamps[i]![1], `${stamps[i - 1]![0]} ≤ ${stamps[i]![0]} in event v${String(d.version)} of ${arn}`).toBeGreaterThanOrEqual(
        stamps[i - 1]![1],
      );
    }
    if (d.executionStoppedAt !== undefined) {
      const at = Date.parse(String(d.executionStoppedAt));
      if (d.startedAt !== undefined) expect(at, `startedAt ≤ executionStoppedAt of ${arn}`).toBeGreaterThanOrEqual(Date.parse(String(d.startedAt)));
      if (d.stoppedAt !== undefined) expect(at, `executionStoppedAt ≤ stoppedAt of ${arn}`).toBeLessThanOrEqual(Date.parse(String(d.stoppedAt)));
      if (d.stopCode === 'EssentialContainerExited') {
        expect(at, `executionStoppedAt ≤ stoppingAt after an essential exit of ${arn}`).toBeLessThanOrEqual(Date.parse(String(d.stoppingAt)));
      }
    }
    // Exactly one event per version: the versions of a task's events are 1, 2, 3, … in emission order.
    expect(d.version, `event ${details.indexOf(d) + 1} of ${arn} has that version`).toBe(details.indexOf(d) + 1);
    if (prev) {
      const order = (x: unknown): number => TASK_STATUS_ORDER.indexOf(x as never);
      expect(order(d.lastStatus), `lastStatus of ${arn}: ${String(prev.lastStatus)} → ${String(d.lastStatus)}`).toBeGreaterThanOrEqual(
        order(prev.lastStatus),
      );
    } else {
      expect(d.lastStatus, `the first event of ${arn}`).toBe('PROVISIONING');
    }
    prev = d;
  }
}
