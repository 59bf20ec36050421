// World snapshots (issue 9, durable state): deserializeWorld(serializeWorld(w)) behaves exactly as w — the same
// describe answers, and the same results, events and serialized bytes after the same further inputs — for worlds
// built by random sequences of clusters, task definitions, tasks (idempotent ones too), services, stops, time and
// faults. A corrupt snapshot is an error naming where, never a throw.
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, describe, expect, it } from 'vitest';
import { deserializeWorld, serializeWorld } from '../../src/codecs/worldSnapshot.js';
import type { World } from '../../src/domain/world.js';
import { createWorld } from '../../src/engine/createWorld.js';
import { execute } from '../../src/engine/execute.js';
import { applyEntry, type JournalEntry } from '../../src/sim/journal.js';
import { SUBNETS } from '../api/tasks/harness.js';

// Infinity in the quotas exercises the values JSON cannot hold; the `ec2` fleet puts container instances in every
// generated World (issue 11).
const config = {
  seed: 11,
  containerInstances: [{ cluster: 'ec2', instanceType: 'm5.large', count: 3, attributes: { stack: 'blue' } }],
  network: { subnets: SUBNETS.slice(0, 3) },
  quotas: { onDemandVcpu: 64, spotVcpu: Number.POSITIVE_INFINITY, onDemandLaunches: { burst: Number.POSITIVE_INFINITY, refillPerSecond: 20 } },
};
const subnets = SUBNETS.slice(0, 3).map((s) => s.subnetId);
const families = ['web', 'batch'];

const exec = (operation: string, input: unknown): JournalEntry => ({ kind: 'execute', operation, input, charged: true });

/** One input, valid or not; `pick` chooses among the tasks that exist when it is applied. */
type Step =
  | JournalEntry
  | { readonly kind: 'stopSome'; readonly pick: number }
  | { readonly kind: 'instance'; readonly pick: number; readonly op: 'drain' | 'activate' | 'deregister' | 'put' | 'delete' };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.constantFrom('default', 'blue').map((clusterName) => exec('CreateCluster', { clusterName, capacityProviders: ['FARGATE', 'FARGATE_SPOT'] })),
  fc.record({ family: fc.constantFrom(...families), health: fc.boolean() }).map(({ family, health }) =>
    exec('RegisterTaskDefinition', {
      family,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      containerDefinitions: [
        { name: 'app', image: `${family}:1`, essential: true, environment: [{ name: 'ODD', value: '\u0000odd' }], ...(health ? { healthCheck: { command: ['CMD', 'true'], interval: 10, retries: 2 } } : {}) },
      ],
    }),
  ),
  fc
    .record({ family: fc.constantFrom(...families), count: fc.integer({ min: 1, max: 4 }), spot: fc.boolean(), token: fc.option(fc.constantFrom('t1', 't2')), one: fc.boolean() })
    .map(({ family, count, spot, token, one }) =>
      exec('RunTask', {
        cluster: 'default',
        taskDefinition: family,
        count,
        startedBy: 'ci',
        ...(token !== null ? { clientToken: token } : {}),
        ...(spot ? { capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }] } : { launchType: 'FARGATE' }),
        // One subnet: several tasks in it, so a stopped one below the top leaves a freed address.
        networkConfiguration: { awsvpcConfiguration: { subnets: one ? subnets.slice(0, 1) : subnets } },
      }),
    ),
  fc.record({ name: fc.constantFrom('api', 'worker'), desiredCount: fc.integer({ min: 0, max: 3 }) }).map(({ name, desiredCount }) =>
    exec('CreateService', {
      cluster: 'default',
      serviceName: name,
      taskDefinition: 'web',
      desiredCount,
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets } },
    }),
  ),
  fc.record({ name: fc.constantFrom('api', 'worker'), desiredCount: fc.integer({ min: 0, max: 4 }), family: fc.constantFrom(...families) }).map((r) =>
    exec('UpdateService', { cluster: 'default', service: r.name, desiredCount: r.desiredCount, taskDefinition: r.family }),
  ),
  fc.constantFrom('api', 'worker').map((name) => exec('DeleteService', { cluster: 'default', service: name, force: true })),
  fc.constantFrom('web:1', 'batch:2').map((td) => exec('DeregisterTaskDefinition', { taskDefinition: td })),
  // Stops and time are weighted up: stopped tasks free their addresses only after deprovisioning.
  { arbitrary: fc.nat(50).map((pick) => ({ kind: 'stopSome' as const, pick })), weight: 3 },
  { arbitrary: fc.integer({ min: 0, max: 200_000 }).map((ms) => ({ kind: 'advance' as const, ms })), weight: 3 },
  fc.constant<JournalEntry>({ kind: 'fault', fault: 'interruptSpotTasks', options: {} }),
  fc.integer({ min: 1, max: 300_000 }).map(
    (durationMs): JournalEntry => ({ kind: 'fault', fault: 'injectCapacityShortage', options: { capacityProvider: 'FARGATE', availabilityZone: 'us-east-1b', durationMs } }),
  ),
  fc.boolean().map((available): JournalEntry => ({ kind: 'fault', fault: 'setSubnetAvailability', subnetId: subnets[0]!, available })),
  fc.integer({ min: 1_000, max: 100_000 }).map((exitAfterMs): JournalEntry => ({ kind: 'fault', fault: 'setBehaviors', rules: [{ match: { family: 'batch' }, exitAfterMs, exitCode: 1 }] })),
  // Container instances: registrations, state changes, attributes and deregistrations, on the `ec2` fleet's
  // cluster (`pick` chooses among its instances when the step is applied).
  fc.record({ cluster: fc.constantFrom('ec2', 'default'), tag: fc.boolean() }).map(({ cluster, tag }) =>
    exec('RegisterContainerInstance', { cluster, attributes: [{ name: 'stack', value: 'green' }], ...(tag ? { tags: [{ key: 'k', value: 'v' }] } : {}) }),
  ),
  fc.record({ pick: fc.nat(20), op: fc.constantFrom('drain', 'activate', 'deregister', 'put', 'delete') }).map(({ pick, op }) => ({ kind: 'instance' as const, pick, op })),
);

/** A cluster and both families first, so that most generated inputs find what they name. */
const SETUP: readonly Step[] = [
  exec('CreateCluster', { clusterName: 'default', capacityProviders: ['FARGATE', 'FARGATE_SPOT'] }),
  ...families.map((family) =>
    exec('RegisterTaskDefinition', { family, requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc', cpu: '256', memory: '512', containerDefinitions: [{ name: 'app', image: `${family}:0` }] }),
  ),
];

/** The entry a step stands for in `world` (a StopTask of an existing task for `stopSome`). */
function entryOf(world: World, step: Step): JournalEntry {
  if (step.kind === 'instance') {
    const instances = [...world.containerInstances.values()].filter((ci) => ci.cluster === 'ec2');
    const arn = instances[step.pick % Math.max(1, instances.length)]?.arn ?? 'none';
    const cluster = 'ec2';
    switch (step.op) {
      case 'drain':
        return exec('UpdateContainerInstancesState', { cluster, containerInstances: [arn], status: 'DRAINING' });
      case 'activate':
        return exec('UpdateContainerInstancesState', { cluster, containerInstances: [arn], status: 'ACTIVE' });
      case 'deregister':
        return exec('DeregisterContainerInstance', { cluster, containerInstance: arn });
      case 'put':
        return exec('PutAttributes', { cluster, attributes: [{ name: 'tier', value: `t${step.pick}`, targetId: arn }] });
      case 'delete':
        return exec('DeleteAttributes', { cluster, attributes: [{ name: 'stack', targetId: arn }] });
    }
  }
  if (step.kind !== 'stopSome') return step;
  const tasks = [...world.tasks.values()];
  const task = tasks[step.pick % Math.max(1, tasks.length)];
  return exec('StopTask', { cluster: 'default', task: task?.taskId ?? 'none', reason: 'test' });
}

/** Applies steps, recording each result and its events as JSON. */
function run(start: World, steps: readonly Step[]): { world: World; transcript: string[] } {
  let world = start;
  const transcript: string[] = [];
  for (const step of steps) {
    const applied = applyEntry(world, entryOf(world, step));
    world = applied.world;
    transcript.push(JSON.stringify({ result: applied.result, events: applied.events, error: applied.error }));
  }
  return { world, transcript };
}

/** What a client sees of a World. */
function describeAll(w: World): string {
  const ask = (op: string, input: unknown) => {
    const r = execute(w, op, input);
    return E.isRight(r) ? r.right.output : r.left;
  };
  const arns = (ask('ListTasks', { cluster: 'default', maxResults: 100 }) as { taskArns?: string[] }).taskArns ?? [];
  return JSON.stringify([
    ask('DescribeClusters', { clusters: ['default', 'blue'], include: ['STATISTICS'] }),
    arns.length > 0 ? ask('DescribeTasks', { cluster: 'default', tasks: arns }) : [],
    ask('DescribeServices', { cluster: 'default', services: ['api', 'worker'] }),
    ask('ListTaskDefinitions', { status: 'ACTIVE' }),
    ask('ListTaskDefinitions', { status: 'INACTIVE' }),
    ask('ListTasks', { cluster: 'default', desiredStatus: 'STOPPED' }),
    ask('DescribeClusters', { clusters: ['ec2'] }),
    ask('DescribeContainerInstances', { cluster: 'ec2', containerInstances: [...w.containerInstances.values()].map((ci) => ci.arn), include: ['TAGS'] }),
    ask('ListContainerInstances', { cluster: 'ec2', filter: 'attribute:stack exists' }),
    ask('ListAttributes', { cluster: 'ec2', targetType: 'container-instance', attributeName: 'tier' }),
  ]);
}

function roundTrip(w: World): World {
  const back = deserializeWorld(serializeWorld(w));
  if (E.isLeft(back)) throw new Error(back.left.message);
  return back.right;
}

/** How many generated Worlds had each kind of state: the property is only as good as the Worlds it sees. */
const reached = { tasks: 0, services: 0, tokens: 0, freedIps: 0, changedInstances: 0 };

describe('serializeWorld / deserializeWorld', () => {
  afterAll(() => {
    for (const [what, count] of Object.entries(reached)) expect(count, `some generated Worlds have ${what}`).toBeGreaterThan(0);
  });

  test.prop([fc.array(stepArb, { minLength: 1, maxLength: 30 }), fc.array(stepArb, { minLength: 1, maxLength: 20 })], { numRuns: 40 })(
    'a World read back from its snapshot behaves exactly as the original, now and after further inputs',
    (before, after) => {
      const original = run(createWorld(config), [...SETUP, ...before]).world;
      reached.tasks += original.tasks.size > 0 ? 1 : 0;
      reached.services += original.services.size > 0 ? 1 : 0;
      reached.tokens += original.clientTokens.size > 0 ? 1 : 0;
      reached.freedIps += [...original.subnetIps.values()].some((s) => s.freed.size > 0) ? 1 : 0;
      reached.changedInstances += [...original.containerInstances.values()].some((ci) => ci.version > 1) ? 1 : 0;
      const text = serializeWorld(original);
      const copy = roundTrip(original);
      expect(serializeWorld(copy), 'A World read back serializes to the same bytes.').toBe(text);
      expect(JSON.stringify(copy), 'A World read back is the same data.').toBe(JSON.stringify(original));
      expect(describeAll(copy), 'A World read back answers describe calls alike.').toBe(describeAll(original));
      const a = run(original, after);
      const b = run(copy, after);
      expect(b.transcript, 'The same inputs give the same results and events.').toEqual(a.transcript);
      expect(serializeWorld(b.world), 'The same inputs lead to the same World.').toBe(serializeWorld(a.world));
    },
  );

  it('keeps the values JSON cannot hold: Infinity, -0, undefined members, strings starting with U+0000', () => {
    const w = run(createWorld(config), [
      exec('CreateCluster', { clusterName: 'default' }),
      exec('RegisterTaskDefinition', { family: 'web', requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc', cpu: '256', memory: '512', containerDefinitions: [{ name: 'app', image: 'web:1', environment: [{ name: 'ODD', value: '\u0000odd' }] }] }),
      exec('RunTask', { cluster: 'default', taskDefinition: 'web', startedBy: 'ci', launchType: 'FARGATE', networkConfiguration: { awsvpcConfiguration: { subnets } } }),
    ]).world;
    const copy = roundTrip(w);
    expect(copy.config.quotas.spotVcpu).toBe(Number.POSITIVE_INFINITY);
    const task = [...copy.tasks.values()][0]!;
    expect(task.spec.startedBy).toBe('ci');
    expect(JSON.stringify(copy.taskDefinitions), 'a string starting with U+0000 comes back as it was').toContain('"value":"\\u0000odd"');
    expect(Object.keys(task), 'undefined members are kept in place, so the key order stays').toEqual(Object.keys([...w.tasks.values()][0]!));
    const negativeZero = roundTrip({ ...w, fargateUsage: w.fargateUsage.set('FARGATE', { cpuUnits: -0, tasks: 0 }) });
    expect(Object.is(negativeZero.fargateUsage.get('FARGATE')!.cpuUnits, -0), '-0 stays -0').toBe(true);
  });

  it('shares one spec object between the tasks of one RunTask, as the original does', () => {
    const w = run(createWorld(config), [
      exec('CreateCluster', { clusterName: 'default' }),
      exec('RegisterTaskDefinition', { family: 'web', requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc', cpu: '256', memory: '512', containerDefinitions: [{ name: 'app', image: 'web:1' }] }),
      exec('RunTask', { cluster: 'default', taskDefinition: 'web', count: 3, launchType: 'FARGATE', networkConfiguration: { awsvpcConfiguration: { subnets } } }),
    ]).world;
    const tasks = [...roundTrip(w).tasks.values()];
    expect(tasks).toHaveLength(3);
    expect(tasks[1]!.spec).toBe(tasks[0]!.spec);
    expect((JSON.parse(serializeWorld(w)) as { world: { tasks: { specs: unknown[] } } }).world.tasks.specs).toHaveLength(1);
  });
});

describe('task times in a snapshot (tasks count them from their spec\'s originMs, snapshots hold epoch ms)', () => {
  const steps = [
    exec('CreateCluster', { clusterName: 'default' }),
    exec('RegisterTaskDefinition', { family: 'web', requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc', cpu: '256', memory: '512', containerDefinitions: [{ name: 'app', image: 'web:1' }] }),
    exec('CreateService', { cluster: 'default', serviceName: 'api', taskDefinition: 'web', desiredCount: 2, launchType: 'FARGATE', networkConfiguration: { awsvpcConfiguration: { subnets } } }),
    { kind: 'advance', ms: 40_000 } as const,
    exec('RunTask', { cluster: 'default', taskDefinition: 'web', count: 2, launchType: 'FARGATE', networkConfiguration: { awsvpcConfiguration: { subnets } } }),
    { kind: 'advance', ms: 90_000 } as const,
  ];
  const world = run(createWorld(config), steps).world;
  const text = serializeWorld(world);
  const later = [exec('UpdateService', { cluster: 'default', service: 'api', desiredCount: 3 }), { kind: 'advance', ms: 120_000 } as const];

  it('writes every task time in epoch milliseconds, as the wire shows it', () => {
    const rows = (JSON.parse(text) as { world: { tasks: { rows: Array<[number, Record<string, unknown>]> } } }).world.tasks.rows;
    const running = rows.map(([, t]) => t).filter((t) => t.lastStatus === 'RUNNING');
    expect(running.length).toBeGreaterThan(0);
    const described = execute(world, 'DescribeTasks', { cluster: 'default', tasks: running.map((t) => t.taskId as string) });
    const wire = E.isRight(described) ? (described.right.output as { tasks: Array<{ taskArn: string; startedAt: number; createdAt: number }> }).tasks : [];
    for (const t of running) {
      const w = wire.find((x) => x.taskArn.endsWith(t.taskId as string))!;
      expect(t.startedAtMs).toBe(w.startedAt * 1000);
      expect(t.createdAtMs).toBe(w.createdAt * 1000);
    }
  });

  it('reads a snapshot written before specs had an origin: same answers now and after further inputs', () => {
    const old = text.replace(/"originMs":-?\d+,/g, '');
    expect(old).not.toContain('originMs');
    const back = deserializeWorld(old);
    expect(E.isRight(back)).toBe(true);
    if (E.isLeft(back)) return;
    expect(describeAll(back.right)).toBe(describeAll(world));
    expect(run(back.right, later).transcript).toEqual(run(world, later).transcript);
  });

  it('reads a snapshot written before specs had an origin with each deployment sharing its tasks\' spec, as the original', () => {
    const old = text.replace(/"originMs":-?\d+,/g, '');
    const back = deserializeWorld(old);
    expect(E.isRight(back)).toBe(true);
    if (E.isLeft(back)) return;
    const specCount = (w: World) => (JSON.parse(serializeWorld(w)) as { world: { tasks: { specs: unknown[] } } }).world.tasks.specs.length;
    // Tasks the deployment launches later carry its spec: one entry in the tasks' spec list, not a second one.
    expect(specCount(run(back.right, later).world)).toBe(specCount(run(world, later).world));
  });

  it('refuses an origin or a task time it could not give back (an infinite or huge origin would make every time NaN or 0)', () => {
    type Rows = { world: { tasks: { rows: Array<[number, Record<string, unknown>]> } } };
    const timesOf = (snapshot: string) => (JSON.parse(snapshot) as Rows).world.tasks.rows.map(([, t]) => [t.createdAtMs, t.updatedAtMs, t.startedAtMs]);
    const variants = [
      text.replace(/"originMs":\d+/, '"originMs":"\\u0000+Infinity"'),
      text.replace(/"originMs":\d+/, '"originMs":1e300'),
      // A snapshot written before specs had an origin, whose first task's creation is +Infinity: its origin then.
      text.replace(/"originMs":-?\d+,/g, '').replace(/"createdAtMs":\d+/, '"createdAtMs":"\\u0000+Infinity"'),
    ];
    for (const bad of variants) {
      const r = deserializeWorld(bad);
      if (E.isLeft(r)) {
        expect(r.left.name).toBe('SerializationException');
        continue;
      }
      // Accepted: then the World holds the same instants, and its own snapshot reads back.
      const again = serializeWorld(r.right);
      expect(timesOf(again)).toEqual(timesOf(bad));
      expect(E.isRight(deserializeWorld(again))).toBe(true);
    }
  });

  it('refuses an origin that is not a number', () => {
    const bad = text.replace('"originMs":', '"originMs":"soon","was":');
    const r = deserializeWorld(bad);
    expect(E.isLeft(r) && r.left.message).toMatch(/\.originMs: expected an integer epoch time in ms/);
  });
});

describe('deserializeWorld on corrupt input', () => {
  const good = serializeWorld(
    run(createWorld(config), [
      exec('CreateCluster', { clusterName: 'default' }),
      exec('RegisterTaskDefinition', { family: 'web', requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc', cpu: '256', memory: '512', containerDefinitions: [{ name: 'app', image: 'web:1' }] }),
      exec('RunTask', { cluster: 'default', taskDefinition: 'web', count: 2, launchType: 'FARGATE', networkConfiguration: { awsvpcConfiguration: { subnets } } }),
      { kind: 'advance', ms: 5_000 },
    ]).world,
  );
  const edit = (change: (doc: { world: Record<string, unknown> } & Record<string, unknown>) => void): string => {
    const doc = JSON.parse(good) as { world: Record<string, unknown> } & Record<string, unknown>;
    change(doc);
    return JSON.stringify(doc);
  };
  const errorOf = (text: string): string => {
    const r = deserializeWorld(text);
    expect(E.isLeft(r), 'a corrupt snapshot is refused').toBe(true);
    return E.isLeft(r) ? `${r.left.name}: ${r.left.message}` : '';
  };

  it('names what is wrong and where', () => {
    expect(errorOf('{"format":')).toMatch(/^SerializationException: Invalid World snapshot: not JSON/);
    expect(errorOf(edit((d) => (d.version = 2)))).toContain('snapshot.version: this ecs-twin reads version 1, got 2.');
    expect(errorOf(edit((d) => delete d.world.timers))).toContain('snapshot.world.timers: missing.');
    expect(errorOf(edit((d) => (d.world.extra = 1)))).toContain('snapshot.world.extra: unknown member.');
    expect(errorOf(edit((d) => (d.world.nowMs = 'soon')))).toContain('snapshot.world.nowMs: expected an integer');
    expect(errorOf(edit((d) => ((d.world.tasks as { rows: unknown[][] }).rows.reverse())))).toMatch(/snapshot\.world\.tasks\.rows\[1\]\[0\]: keys must be strictly increasing/);
    expect(errorOf(edit((d) => (((d.world.tasks as { rows: Array<[number, { seq: number }]> }).rows[0]![1].seq = 99))))).toContain('.seq: expected');
    expect(errorOf(edit((d) => (((d.world.tasks as { rows: Array<[number, { spec: number }]> }).rows[0]![1].spec = 7))))).toContain('expected the index of one of the 1 task specs');
    expect(errorOf(edit((d) => ((d.world.timers as Array<{ _tag: string }>)[0]!._tag = 'Meteor')))).toContain("snapshot.world.timers[0]._tag: expected one of 'TaskLifecycle'");
    expect(errorOf(edit((d) => ((d.world.timers as unknown[]).reverse())))).toContain('timers must be in strictly increasing (atMs, seq) order');
    expect(errorOf(edit((d) => (((d.world.rng as Record<string, number[]>).ids = [1, 2, 3]))))).toContain('snapshot.world.rng.ids: expected 4 state words');
    expect(errorOf(edit((d) => ((d.world.clusters as unknown[][])[0]![1] = '\u0000zz')))).toContain('unknown marker');
    expect(errorOf(edit((d) => ((d.world.config as Record<string, unknown>).quotas = { onDemandVcpu: -1 })))).toContain('snapshot.world.config.quotas.onDemandVcpu');
  });

  test.prop([fc.nat(), fc.integer({ min: 1, max: 40 }), fc.string({ maxLength: 3 })], { numRuns: 200 })(
    'never throws on a damaged snapshot (a cut, a changed byte)',
    (at, length, junk) => {
      const i = at % good.length;
      for (const text of [good.slice(0, i), good.slice(0, i) + junk + good.slice(i + length)]) {
        expect(() => deserializeWorld(text)).not.toThrow();
      }
    },
  );

  it('refuses nesting deeper than a World has', () => {
    expect(errorOf(edit((d) => ((d.world.clusters as unknown[][])[0]![1] = JSON.parse('['.repeat(200) + ']'.repeat(200)) as unknown)))).toContain('nested deeper than');
  });
});

/** A World with service `api` of `desiredCount` tasks, `ms` after its creation (its roster kept by then). */
function serviceWorldAfter(desiredCount: number, ms: number): World {
  return run(createWorld(config), [
    exec('CreateCluster', { clusterName: 'default' }),
    exec('RegisterTaskDefinition', { family: 'web', requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc', cpu: '256', memory: '512', containerDefinitions: [{ name: 'app', image: 'web:1' }] }),
    exec('CreateService', { cluster: 'default', serviceName: 'api', taskDefinition: 'web', desiredCount, launchType: 'FARGATE', networkConfiguration: { awsvpcConfiguration: { subnets } } }),
    { kind: 'advance', ms },
  ]).world;
}

describe('the services’ rosters in a snapshot (derived counts, src/scheduler/service/serviceRoster.ts)', () => {
  const world = serviceWorldAfter(3, 50_000);
  const text = serializeWorld(world);
  const doc = (): { world: Record<string, unknown> } & Record<string, unknown> => JSON.parse(text) as { world: Record<string, unknown> } & Record<string, unknown>;
  const later = (w: World): string => {
    const after = run(w, [{ kind: 'advance', ms: 120_000 }, exec('UpdateService', { service: 'api', desiredCount: 5 }), { kind: 'advance', ms: 120_000 }]).world;
    const r = execute(after, 'DescribeServices', { services: ['api'] });
    return JSON.stringify(E.isRight(r) ? r.right.output : r.left);
  };

  it('are kept, and a snapshot without them (written before they existed) reads and behaves the same', () => {
    expect(world.serviceRosters.size, 'the service has a roster once its scheduler ran').toBe(1);
    const back = deserializeWorld(text);
    expect(E.isRight(back) && back.right.serviceRosters.size).toBe(1);
    const d = doc();
    delete d.world.serviceRosters;
    const without = deserializeWorld(JSON.stringify(d));
    if (E.isLeft(without)) throw new Error(without.left.message);
    expect(without.right.serviceRosters.size, 'rebuilt by the next pass, not read').toBe(0);
    expect(later(without.right), 'the scheduler rebuilds the counts from the tasks').toBe(later(world));
  });

  it('refuses counts a scheduler could not have kept', () => {
    const d = doc();
    const rows = d.world.serviceRosters as Array<[string, { deployments: Array<{ live: number }> }]>;
    rows[0]![1].deployments[0]!.live = -1;
    const r = deserializeWorld(JSON.stringify(d));
    expect(E.isLeft(r) && r.left.message).toContain('snapshot.world.serviceRosters[0][1].deployments[0].live: expected an integer ≥ 0');
    // Counts that disagree with each other, or a health instant of no listed deployment (the scheduler would trip on
    // it), are refused too (found by review: the shape alone let them through).
    const inconsistent = (change: (r: { deployments: Array<Record<string, unknown>>; queue: Array<Record<string, unknown>> }) => void): string => {
      const e = doc();
      change((e.world.serviceRosters as Array<[string, never]>)[0]![1]);
      const back = deserializeWorld(JSON.stringify(e));
      return E.isLeft(back) ? back.left.message : 'accepted';
    };
    expect(inconsistent((r) => (r.deployments[0]!.healthy = 99))).toContain('expected healthy + unhealthy ≤ running ≤ live');
    expect(inconsistent((r) => (r.deployments[0]!.zones = { 'us-east-1a': 1 }))).toContain('expected the tasks per zone to add up to live');
    expect(inconsistent((r) => r.queue.unshift({ atMs: 1, seq: 1, deploymentId: 'ecs-svc/none', kind: 'healthy', wasHealthy: false }))).toContain(
      "queue[0].deploymentId: 'ecs-svc/none' is not one of the roster's deployments",
    );
  });
});

describe('a snapshot whose rosters were edited', () => {
  const world = serviceWorldAfter(4, 45_000);
  const text = serializeWorld(world);
  const tally = { refused: 0, accepted: 0 };
  afterAll(() => {
    // Both ways out are taken: the property is not vacuous.
    expect(tally.refused, 'some edits are refused').toBeGreaterThan(0);
    expect(tally.accepted, 'some edits are read and run on').toBeGreaterThan(0);
  });
  const field = fc.constantFrom('live', 'running', 'healthy', 'unhealthy');
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('count' as const), field, value: fc.integer({ min: -2, max: 1_000 }) }),
    fc.record({ kind: fc.constant('zone' as const), value: fc.integer({ min: 0, max: 10 }) }),
    fc.record({ kind: fc.constant('instant' as const), atMs: fc.integer({ min: 0, max: 2e12 }), seq: fc.nat(40), id: fc.constantFrom('', 'ecs-svc/x', 'same') }),
    fc.record({ kind: fc.constant('grace' as const), value: fc.integer({ min: -1, max: 600_000 }) }),
  );

  test.prop([fc.array(edit, { minLength: 1, maxLength: 4 })], { numRuns: 150 })(
    'is refused or runs on: never a throw, later either (the scheduler trusts what the decoder let through)',
    (edits) => {
      const doc = JSON.parse(text) as { world: { serviceRosters: Array<[string, { graceMs: number; deployments: Array<Record<string, unknown>>; queue: Array<Record<string, unknown>> }]> } };
      const r = doc.world.serviceRosters[0]![1];
      for (const e of edits) {
        const d = r.deployments[0]!;
        if (e.kind === 'count') d[e.field] = e.value;
        else if (e.kind === 'zone') d.zones = { 'us-east-1a': e.value };
        else if (e.kind === 'grace') r.graceMs = e.value;
        else r.queue.push({ atMs: e.atMs, seq: e.seq, deploymentId: e.id === 'same' ? d.id : e.id, kind: 'healthy', wasHealthy: false });
      }
      const back = deserializeWorld(JSON.stringify(doc));
      if (E.isLeft(back)) {
        tally.refused++;
        expect(back.left.name).toBe('SerializationException');
        return;
      }
      tally.accepted++;
      expect(() => {
        const later = run(back.right, [{ kind: 'advance', ms: 300_000 }, exec('UpdateService', { service: 'api', desiredCount: 2 }), { kind: 'advance', ms: 300_000 }]).world;
        execute(later, 'DescribeServices', { services: ['api'] });
      }).not.toThrow();
    },
  );
});
