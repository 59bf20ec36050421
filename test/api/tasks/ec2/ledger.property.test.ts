// The container instance ledger (issue 11), model-checked: over random fleets (1–6 instances of 1–2 types), random
// EC2 task definitions (bridge / host, task or container sizes, memoryReservation, static and dynamic host ports,
// TCP and UDP, 1–3 containers) and random sequences of RunTask (random strategies and constraints), StartTask,
// StopTask, time (containers exiting or failing to start by their behaviours) and UpdateContainerInstancesState,
// after every step:
// - every instance's remaining CPU / memory = registered − Σ of its tasks not STOPPED (their `ec2` reservation),
//   never negative; remaining PORTS / PORTS_UDP = reserved ∪ those tasks' ports, no port held twice;
// - pendingTasksCount / runningTasksCount = its tasks in PROVISIONING…ACTIVATING / RUNNING
//   (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerInstance.html);
// - no task is placed on an instance that was DRAINING when it was launched; distinctInstance is never violated
//   within the group of the launch;
// - the World round-trips through its snapshot byte for byte, and the same seed and steps give the same bytes —
//   with the fleet cache, whatever ran before, and without it.
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { expect } from 'vitest';
import { deserializeWorld, serializeWorld } from '../../../../src/codecs/worldSnapshot.js';
import { counterClassOf, hasEni, privateIpOf, type Task } from '../../../../src/domain/task.js';
import type { World } from '../../../../src/domain/world.js';
import { advance } from '../../../../src/engine/advance.js';
import { createWorld } from '../../../../src/engine/createWorld.js';
import { execute } from '../../../../src/engine/execute.js';
import { fleetCache } from '../../../../src/scheduler/ec2/clusterFleet.js';
import { registeredCapacity } from '../../../../src/scheduler/placement/instanceTypes.js';
import { ZONES } from './harness.js';

const runs = (n: number): number => Math.max(1, Math.round(n * Number(process.env.FC_NUM_RUNS_SCALE ?? 1)));

const TYPES = ['t3.micro', 't3.small', 'm5.large', 'c5.large'];
/** Static host ports from a small pool, so that tasks compete for them. */
const STATIC_PORTS = [8080, 8081, 9000];

const fleetArb = fc
  .tuple(fc.uniqueArray(fc.constantFrom(...TYPES), { minLength: 1, maxLength: 2 }), fc.integer({ min: 1, max: 6 }), fc.nat())
  .map(([types, total, split]) => {
    // 1–6 instances in all, split over the 1–2 types.
    const first = types.length === 1 ? total : 1 + (split % total);
    return types
      .map((instanceType, i) => ({ cluster: 'prod', instanceType, count: i === 0 ? Math.min(first, total) : total - first, availabilityZones: ZONES }))
      .filter((f) => f.count > 0);
  });

const mappingArb = fc.record({
  containerPort: fc.integer({ min: 1, max: 3 }).map((p) => 1000 + p),
  staticPort: fc.option(fc.constantFrom(...STATIC_PORTS), { nil: undefined }),
  protocol: fc.constantFrom('tcp', 'udp'),
});

// Sizes that RegisterTaskDefinition accepts (container CPU sums within any task CPU below, reservations within the
// hard limit), so that most generated definitions register.
const containerArb = fc.record({
  cpu: fc.integer({ min: 0, max: 2 }).map((n) => n * 128),
  memory: fc.option(fc.integer({ min: 2, max: 6 }).map((n) => n * 128), { nil: undefined }),
  memoryReservation: fc.option(fc.integer({ min: 1, max: 4 }).map((n) => n * 64), { nil: undefined }),
  ports: fc.uniqueArray(mappingArb, { maxLength: 2, selector: (m) => m.containerPort }),
});

/** Families: `svc*` run until stopped, `job*` exit by themselves, `bad*` fail to start (see {@link BEHAVIORS}). */
const definitionArb = fc.record({
  kind: fc.constantFrom('svc', 'job', 'bad'),
  networkMode: fc.constantFrom('bridge', 'host', 'awsvpc'),
  containers: fc.array(containerArb, { minLength: 1, maxLength: 3 }),
  taskSize: fc.option(fc.record({ cpu: fc.constantFrom(1024, 2048), memory: fc.constantFrom(768, 1024, 2048) }), { nil: undefined }),
});

const BEHAVIORS = [
  { match: { family: 'job*' }, exitAfterMs: 45_000, exitCode: 0 },
  { match: { family: 'bad*' }, failToStart: 'CannotStartContainerError: exec format error' },
];

const STRATEGIES = [
  [],
  [{ type: 'random' }],
  [{ type: 'binpack', field: 'memory' }],
  [{ type: 'binpack', field: 'cpu' }],
  [{ type: 'spread', field: 'instanceId' }],
  [{ type: 'spread', field: 'attribute:ecs.availability-zone' }, { type: 'binpack', field: 'memory' }],
];

const stepArb = fc.oneof(
  { weight: 4, arbitrary: fc.record({
    kind: fc.constant('run' as const),
    def: fc.nat(),
    count: fc.integer({ min: 1, max: 4 }),
    strategy: fc.integer({ min: 0, max: STRATEGIES.length - 1 }),
    distinct: fc.boolean(),
    memberOfType: fc.option(fc.constantFrom(...TYPES), { nil: undefined }),
    group: fc.option(fc.constantFrom('g1', 'g2'), { nil: undefined }),
  }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('start' as const),
      def: fc.nat(),
      picks: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
      group: fc.option(fc.constantFrom('g1', 'g2'), { nil: undefined }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('stop' as const), pick: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 240_000 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('state' as const), pick: fc.nat(), status: fc.constantFrom('ACTIVE', 'ACTIVE', 'DRAINING') }) },
);
type Step = typeof stepArb extends fc.Arbitrary<infer S> ? S : never;
type Definition = typeof definitionArb extends fc.Arbitrary<infer D> ? D : never;

function registration(d: Definition, i: number): Record<string, unknown> {
  // A host port is mapped once per definition (RegisterTaskDefinition refuses more): later duplicates are dropped.
  const used = new Set<string>();
  const fresh = (port: number, protocol: string): boolean => !used.has(`${port}/${protocol}`) && used.add(`${port}/${protocol}`) !== undefined;
  return {
    family: `${d.kind}${i}`,
    requiresCompatibilities: ['EC2'],
    networkMode: d.networkMode,
    ...(d.taskSize ? { cpu: String(d.taskSize.cpu), memory: String(d.taskSize.memory) } : {}),
    containerDefinitions: d.containers.map((c, j) => ({
      name: `c${j}`,
      image: 'nginx',
      cpu: c.cpu,
      // Without a task size every container needs memory or a reservation.
      ...(c.memory !== undefined ? { memory: c.memory } : d.taskSize || c.memoryReservation !== undefined ? {} : { memory: 128 }),
      ...(c.memoryReservation !== undefined ? { memoryReservation: c.memoryReservation } : {}),
      portMappings: c.ports
        .filter((m) => (d.networkMode !== 'bridge' || m.staticPort !== undefined ? fresh(d.networkMode === 'bridge' ? m.staticPort! : (m.staticPort ?? m.containerPort), m.protocol) : true))
        .map((m) =>
          d.networkMode !== 'bridge'
            ? { containerPort: m.staticPort ?? m.containerPort, protocol: m.protocol }
            : { containerPort: m.containerPort, hostPort: m.staticPort ?? 0, protocol: m.protocol },
        ),
    })),
  };
}

/** The world's EC2 tasks not STOPPED, by instance key. */
function liveByInstance(w: World): Map<string, Task[]> {
  const out = new Map<string, Task[]>();
  for (const t of w.tasks.values()) {
    if (t.site.ec2 === undefined || t.lastStatus === 'STOPPED') continue;
    out.set(t.site.ec2.instanceKey, [...(out.get(t.site.ec2.instanceKey) ?? []), t]);
  }
  return out;
}

/** The ledger invariants of every instance. */
function checkLedgers(w: World, where: string): void {
  const live = liveByInstance(w);
  for (const [key, ci] of w.containerInstances.entries()) {
    const tasks = live.get(key) ?? [];
    const at = `${where}, instance ${ci.id}`;
    const reg = ci.registeredResources;
    const rem = ci.remainingResources;
    expect(rem.cpu, `${at}: remaining CPU = registered − held`).toBe(reg.cpu - tasks.reduce((n, t) => n + t.site.ec2!.cpu, 0));
    expect(rem.memory, `${at}: remaining memory = registered − held`).toBe(reg.memory - tasks.reduce((n, t) => n + t.site.ec2!.memory, 0));
    expect(rem.cpu, `${at}: remaining CPU is never negative`).toBeGreaterThanOrEqual(0);
    expect(rem.memory, `${at}: remaining memory is never negative`).toBeGreaterThanOrEqual(0);
    for (const [proto, reserved, remaining] of [
      ['tcp', reg.ports, rem.ports],
      ['udp', reg.portsUdp, rem.portsUdp],
    ] as const) {
      const held = tasks.flatMap((t) => (proto === 'tcp' ? t.site.ec2!.tcpPorts : t.site.ec2!.udpPorts).map(String));
      expect(new Set(held).size, `${at}: no ${proto} port is held by two live tasks`).toBe(held.length);
      for (const p of held) expect(reserved, `${at}: a task holds no reserved ${proto} port`).not.toContain(p);
      expect([...remaining].sort(), `${at}: remaining ${proto} ports = reserved ∪ held`).toEqual([...reserved, ...held].sort());
    }
    const enis = tasks.reduce((n, t) => n + t.site.ec2!.enis, 0);
    expect(ci.taskEnisInUse ?? 0, `${at}: taskEnisInUse = ENIs of its live awsvpc tasks`).toBe(enis);
    const type = ci.attributes.find((a) => a.name === 'ecs.instance-type')!.value!;
    expect(enis, `${at}: never more task ENIs than ${type} has`).toBeLessThanOrEqual(registeredCapacity(type)!.taskEnis);
    const count = (c: string) => tasks.filter((t) => counterClassOf(t.lastStatus) === c).length;
    expect(ci.pendingTasksCount, `${at}: pendingTasksCount`).toBe(count('pending'));
    expect(ci.runningTasksCount, `${at}: runningTasksCount`).toBe(count('running'));
  }
  // Every task ENI address is held once (awsvpc tasks on EC2 draw from the same subnets as Fargate tasks).
  const addresses = [...w.tasks.values()].filter((t) => hasEni(t) && t.lastStatus !== 'STOPPED').map((t) => `${t.site.subnetId}/${privateIpOf(t)}`);
  expect(new Set(addresses).size, `${where}: no address held twice`).toBe(addresses.length);
}

/** What one run did, for the determinism check. */
interface Outcome {
  readonly bytes: string[];
}

/** Applies the steps to a fresh World, checking everything after each. */
function play(seed: number, fleets: ReturnType<typeof fleetArb.generate>['value'], defs: readonly Definition[], steps: readonly Step[], check: boolean): Outcome {
  let w = createWorld({ seed, containerInstances: fleets, behaviors: BEHAVIORS });
  const families: string[] = [];
  const awsvpc = new Set<string>();
  defs.forEach((d, i) => {
    const r = execute(w, 'RegisterTaskDefinition', registration(d, i));
    if (E.isRight(r)) {
      w = r.right.world;
      families.push(`${d.kind}${i}`);
      if (d.networkMode === 'awsvpc') awsvpc.add(`${d.kind}${i}`);
    }
  });
  // awsvpc tasks take an ENI from a subnet of the instance's zone: the default subnets of the fleet's zones.
  const network = { networkConfiguration: { awsvpcConfiguration: { subnets: w.config.network.subnets.filter((s) => ZONES.includes(s.availabilityZone)).map((s) => s.subnetId) } } };
  const bytes: string[] = [];
  const arns = [...w.containerInstances.values()].map((ci) => ci.arn);
  steps.forEach((s, n) => {
    const where = `step ${n} (${s.kind})`;
    let call: [string, Record<string, unknown>] | undefined;
    let distinct = false;
    switch (s.kind) {
      case 'run':
      case 'start': {
        if (families.length === 0) break;
        const taskDefinition = families[s.def % families.length]!;
        const group = { ...(s.group === undefined ? {} : { group: s.group }), ...(awsvpc.has(taskDefinition) ? network : {}) };
        if (s.kind === 'start') {
          call = ['StartTask', { cluster: 'prod', taskDefinition, containerInstances: s.picks.map((p) => arns[p % arns.length]), ...group }];
        } else {
          const constraints = [
            ...(s.distinct ? [{ type: 'distinctInstance' }] : []),
            ...(s.memberOfType === undefined ? [] : [{ type: 'memberOf', expression: `attribute:ecs.instance-type == ${s.memberOfType}` }]),
          ];
          distinct = s.distinct;
          call = ['RunTask', { cluster: 'prod', taskDefinition, launchType: 'EC2', count: s.count, placementStrategy: STRATEGIES[s.strategy], placementConstraints: constraints, ...group }];
        }
        break;
      }
      case 'stop': {
        const live = [...w.tasks.values()].filter((t) => t.desiredStatus === 'RUNNING');
        if (live.length > 0) call = ['StopTask', { cluster: 'prod', task: live[s.pick % live.length]!.taskId }];
        break;
      }
      case 'state':
        call = ['UpdateContainerInstancesState', { cluster: 'prod', containerInstances: [arns[s.pick % arns.length]], status: s.status }];
        break;
      case 'advance':
        w = advance(w, s.ms).world;
        break;
    }
    if (call !== undefined) {
      const before = w;
      const r = execute(w, call[0], call[1]);
      if (E.isRight(r)) {
        w = r.right.world;
        const launched = ((r.right.output as { tasks?: Array<{ taskArn: string; containerInstanceArn?: string; group: string }> }).tasks ?? []);
        if (check) {
          const statusOf = new Map([...before.containerInstances.values()].map((ci) => [ci.arn, ci.status]));
          for (const t of launched) expect(statusOf.get(t.containerInstanceArn!), `${where}: a task is placed only on an ACTIVE instance`).toBe('ACTIVE');
          if (distinct) {
            const live = liveByInstance(w);
            for (const t of launched) {
              const key = [...w.containerInstances.entries()].find(([, ci]) => ci.arn === t.containerInstanceArn)![0];
              const sameGroup = (live.get(key) ?? []).filter((x) => x.spec.group === t.group);
              expect(sameGroup, `${where}: distinctInstance keeps one task of group ${t.group} per instance`).toHaveLength(1);
            }
          }
        }
      }
    }
    const text = serializeWorld(w);
    bytes.push(text);
    if (check) {
      checkLedgers(w, where);
      const back = deserializeWorld(text);
      if (E.isLeft(back)) throw new Error(`${where}: the snapshot does not read back: ${back.left.message}`);
      expect(serializeWorld(back.right), `${where}: the snapshot round-trips byte for byte`).toBe(text);
    }
  });
  return { bytes };
}

test.prop(
  [fc.nat(), fleetArb, fc.array(definitionArb, { minLength: 1, maxLength: 3 }), fc.array(stepArb, { minLength: 8, maxLength: 30, size: 'max' })],
  { numRuns: runs(60) },
)('the instance ledgers always equal what their tasks hold, and worlds are deterministic and round-trip', (seed, fleets, defs, steps) => {
  const first = play(seed, fleets, defs, steps, true);
  const again = play(seed, fleets, defs, steps, false);
  expect(again.bytes, 'the same seed and steps give the same bytes').toEqual(first.bytes);
  // The fleet cache (src/scheduler/ec2/clusterFleet.ts) is invisible: a fresh fleet at every call places the same.
  fleetCache.enabled = false;
  try {
    expect(play(seed, fleets, defs, steps, false).bytes, 'the same bytes without the fleet cache').toEqual(first.bytes);
  } finally {
    fleetCache.enabled = true;
  }
});
