// Services on EC2, model-checked (issue 11): over random fleets and random sequences of CreateService (REPLICA with
// random placement, or DAEMON with a random constraint), UpdateService (count, revision, placement), StopTask,
// instance draining / reactivation, agent disconnects, zone outages, forced deregistration and time, after every
// step:
// - every instance's books equal what its tasks not STOPPED hold (CPU, memory, ports, ENIs, counts), never
//   negative, no host port held twice;
// - a daemon never runs two live tasks on one instance, nor one on an instance that is not ACTIVE for longer than
//   its stop takes (checked once the World has settled);
// - the World round-trips through its snapshot, and the same steps give the same bytes with the fleet cache and
//   without it.
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { expect } from 'vitest';
import { deserializeWorld, serializeWorld } from '../../../src/codecs/worldSnapshot.js';
import type { World } from '../../../src/domain/world.js';
import { advance } from '../../../src/engine/advance.js';
import { createWorld } from '../../../src/engine/createWorld.js';
import { execute } from '../../../src/engine/execute.js';
import { fleetCache } from '../../../src/scheduler/ec2/clusterFleet.js';
import { setAgentConnected } from '../../../src/sim/agentFaults.js';
import { zoneOutage } from '../../../src/sim/runtimeFaults.js';

const runs = (n: number): number => Math.max(1, Math.round(n * Number(process.env.FC_NUM_RUNS_SCALE ?? 1)));
const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
const STRATEGIES = [[], [{ type: 'binpack', field: 'memory' }], [{ type: 'spread', field: 'instanceId' }], [{ type: 'random' }]];

const stepArb = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), daemon: fc.boolean(), def: fc.nat(2), count: fc.integer({ min: 0, max: 6 }), strategy: fc.nat(3), zone: fc.option(fc.nat(2), { nil: undefined }) }),
  fc.record({ kind: fc.constant('update' as const), svc: fc.nat(), count: fc.integer({ min: 0, max: 6 }), def: fc.option(fc.nat(2), { nil: undefined }), strategy: fc.option(fc.nat(3), { nil: undefined }) }),
  fc.record({ kind: fc.constant('stop' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('state' as const), pick: fc.nat(), status: fc.constantFrom('ACTIVE', 'DRAINING') }),
  fc.record({ kind: fc.constant('agent' as const), pick: fc.nat(), connected: fc.boolean() }),
  fc.record({ kind: fc.constant('deregister' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('outage' as const), zone: fc.nat(2), ms: fc.integer({ min: 60_000, max: 900_000 }) }),
  fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 1_000, max: 120_000 }) }),
);
type Step = typeof stepArb extends fc.Arbitrary<infer S> ? S : never;

/** Three definitions: bridge with a dynamic port, host with a static one, awsvpc. */
const DEFINITIONS = [
  { family: 'dyn', requiresCompatibilities: ['EC2'], containerDefinitions: [{ name: 'a', image: 'nginx', cpu: 256, memory: 512, portMappings: [{ containerPort: 80, hostPort: 0 }] }] },
  { family: 'host', networkMode: 'host', requiresCompatibilities: ['EC2'], containerDefinitions: [{ name: 'a', image: 'nginx', cpu: 128, memory: 256, portMappings: [{ containerPort: 9100 }] }] },
  { family: 'vpc', networkMode: 'awsvpc', requiresCompatibilities: ['EC2'], containerDefinitions: [{ name: 'a', image: 'nginx', cpu: 128, memory: 256 }] },
];

function checkBooks(w: World, where: string): void {
  const live = new Map<string, Array<NonNullable<ReturnType<World['tasks']['get']>>>>();
  for (const t of w.tasks.values()) {
    if (t.site.ec2 === undefined || t.lastStatus === 'STOPPED') continue;
    live.set(t.site.ec2.instanceKey, [...(live.get(t.site.ec2.instanceKey) ?? []), t]);
  }
  for (const [key, ci] of w.containerInstances.entries()) {
    const tasks = live.get(key) ?? [];
    const at = `${where}, instance ${ci.id}`;
    expect(ci.remainingResources.cpu, `${at}: CPU`).toBe(ci.registeredResources.cpu - tasks.reduce((n, t) => n + t.site.ec2!.cpu, 0));
    expect(ci.remainingResources.memory, `${at}: memory`).toBe(ci.registeredResources.memory - tasks.reduce((n, t) => n + t.site.ec2!.memory, 0));
    expect(ci.remainingResources.cpu, `${at}: CPU never negative`).toBeGreaterThanOrEqual(0);
    expect(ci.remainingResources.memory, `${at}: memory never negative`).toBeGreaterThanOrEqual(0);
    const ports = tasks.flatMap((t) => t.site.ec2!.tcpPorts);
    expect(new Set(ports).size, `${at}: no port held twice`).toBe(ports.length);
    expect(ci.taskEnisInUse ?? 0, `${at}: ENIs`).toBe(tasks.reduce((n, t) => n + t.site.ec2!.enis, 0));
    expect(ci.runningTasksCount, `${at}: running`).toBe(tasks.filter((t) => t.lastStatus === 'RUNNING').length);
  }
}

/** Live daemon tasks (desired RUNNING) per (daemon service, instance key). */
function daemonTasksPerInstance(w: World): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of w.tasks.values()) {
    if (t.site.ec2 === undefined || t.desiredStatus !== 'RUNNING' || !t.spec.group.startsWith('service:d')) continue;
    const key = `${t.spec.group} on ${t.site.ec2.instanceKey}`;
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

function play(seed: number, instances: number, steps: readonly Step[], check: boolean): string[] {
  let w = createWorld({ seed, containerInstances: [{ cluster: 'prod', instanceType: 'm5.large', count: instances, availabilityZones: ZONES }] });
  for (const d of DEFINITIONS) {
    const r = execute(w, 'RegisterTaskDefinition', d);
    if (E.isRight(r)) w = r.right.world;
  }
  const subnets = w.config.network.subnets.filter((s) => ZONES.includes(s.availabilityZone)).map((s) => s.subnetId);
  const arns = [...w.containerInstances.values()].map((ci) => ci.arn);
  const services: string[] = [];
  const bytes: string[] = [];
  const call = (op: string, input: Record<string, unknown>): void => {
    const r = execute(w, op, input);
    if (E.isRight(r)) w = r.right.world;
  };
  steps.forEach((s, n) => {
    switch (s.kind) {
      case 'create': {
        const name = `${s.daemon ? 'd' : 'r'}${n}`;
        const def = DEFINITIONS[s.def]!;
        const r = execute(w, 'CreateService', {
          cluster: 'prod', serviceName: name, taskDefinition: def.family, launchType: 'EC2',
          ...(s.daemon ? { schedulingStrategy: 'DAEMON' } : { desiredCount: s.count, placementStrategy: STRATEGIES[s.strategy] }),
          ...(s.zone === undefined ? {} : { placementConstraints: [{ type: 'memberOf', expression: `attribute:ecs.availability-zone != ${ZONES[s.zone]}` }] }),
          ...(def.networkMode === 'awsvpc' ? { networkConfiguration: { awsvpcConfiguration: { subnets } } } : {}),
        });
        if (E.isRight(r)) {
          w = r.right.world;
          services.push(name);
        }
        break;
      }
      case 'update':
        if (services.length > 0) {
          const name = services[s.svc % services.length]!;
          call('UpdateService', {
            cluster: 'prod', service: name, desiredCount: s.count,
            ...(s.def === undefined ? {} : { taskDefinition: DEFINITIONS[s.def]!.family, ...(DEFINITIONS[s.def]!.networkMode === 'awsvpc' ? { networkConfiguration: { awsvpcConfiguration: { subnets } } } : {}) }),
            ...(s.strategy === undefined || name.startsWith('d') ? {} : { placementStrategy: STRATEGIES[s.strategy] }),
          });
        }
        break;
      case 'stop': {
        const live = [...w.tasks.values()].filter((t) => t.desiredStatus === 'RUNNING');
        if (live.length > 0) call('StopTask', { cluster: 'prod', task: live[s.pick % live.length]!.taskId });
        break;
      }
      case 'state':
        call('UpdateContainerInstancesState', { cluster: 'prod', containerInstances: [arns[s.pick % arns.length]], status: s.status });
        break;
      case 'agent':
        w = setAgentConnected(w, { cluster: 'prod', containerInstance: arns[s.pick % arns.length]!, connected: s.connected }).world;
        break;
      case 'deregister':
        call('DeregisterContainerInstance', { cluster: 'prod', containerInstance: arns[s.pick % arns.length], force: true });
        break;
      case 'outage':
        w = zoneOutage(w, { availabilityZone: ZONES[s.zone]!, durationMs: s.ms }).world;
        break;
      case 'advance':
        w = advance(w, s.ms).world;
        break;
    }
    const text = serializeWorld(w);
    bytes.push(text);
    if (check) {
      const where = `step ${n} (${s.kind})`;
      checkBooks(w, where);
      for (const [key, count] of daemonTasksPerInstance(w)) expect(count, `${where}: at most one live task of ${key}`).toBe(1);
      const back = deserializeWorld(text);
      if (E.isLeft(back)) throw new Error(`${where}: the snapshot does not read back: ${back.left.message}`);
      expect(serializeWorld(back.right), `${where}: the snapshot round-trips`).toBe(text);
    }
  });
  if (check) {
    // Settled: no daemon task left on an instance that is not ACTIVE.
    w = advance(w, 600_000).world;
    bytes.push(serializeWorld(w));
    checkBooks(w, 'settled');
    for (const t of w.tasks.values()) {
      if (t.site.ec2 === undefined || t.desiredStatus !== 'RUNNING' || !t.spec.group.startsWith('service:d')) continue;
      expect(w.containerInstances.get(t.site.ec2.instanceKey)?.status, `settled: daemon task ${t.taskId} on an ACTIVE instance`).toBe('ACTIVE');
    }
  } else {
    w = advance(w, 600_000).world;
    bytes.push(serializeWorld(w));
  }
  return bytes;
}

test.prop([fc.nat(), fc.integer({ min: 1, max: 5 }), fc.array(stepArb, { minLength: 5, maxLength: 25 })], { numRuns: runs(60) })(
  'EC2 services keep the books, one daemon task per instance, round-trip, and place alike with or without the fleet cache',
  (seed, instances, steps) => {
    const first = play(seed, instances, steps, true);
    fleetCache.enabled = false;
    try {
      expect(play(seed, instances, steps, false), 'the same bytes without the fleet cache').toEqual(first);
    } finally {
      fleetCache.enabled = true;
    }
  },
);
