// Golden record of the whole task lifecycle (issue 15): a fixed mixed scenario — staggered and simultaneous
// launches, essential and non-essential container exits, a pull failure, StopTask, a Spot interruption, a capacity
// shortage, a service behind a load balancer, and expiry after retention — must produce exactly the same events and
// final World as the code before the lifecycle's performance work. The hashes below were recorded on commit c6523d1
// (before any optimisation); an optimisation that changes one byte of an event or of the World fails here.
import { createHash } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { isListedThroughService } from '../../src/domain/deploymentTasks.js';
import { compareNumbers, PMap } from '../../src/domain/pmap.js';
import { applyEntry, createWorld, type JournalEntry, type World, type WorldConfig } from '../../src/index.js';
import { indexPrefix } from '../../src/scheduler/taskIndex.js';
import { worldDataText } from '../domain/recordedTask.js';

const TG = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef';
const SUBNETS = ['subnet-0a0a0a0a0a0a0a0a1', 'subnet-0a0a0a0a0a0a0a0a2', 'subnet-0a0a0a0a0a0a0a0a3'];

const config: WorldConfig = {
  seed: 15,
  quotas: { onDemandVcpu: 1000, spotVcpu: 1000 },
  network: {
    subnets: SUBNETS.map((subnetId, i) => ({
      subnetId,
      cidrBlock: `10.0.${i}.0/24`,
      availabilityZone: `us-east-1${'abc'[i]!}`,
      vpcId: 'vpc-0a0a0a0a0a0a0a0a0',
    })),
  },
  targetGroups: [{ targetGroupArn: TG, healthCheckIntervalSeconds: 10, healthyThresholdCount: 2, deregistrationDelaySeconds: 30 }],
  behaviors: [
    { match: { family: 'batch' }, exitAfterMs: { medianMs: 60_000, minMs: 20_000, maxMs: 300_000 }, exitCode: 0 },
    { match: { image: 'sidecar:*' }, exitAfterMs: 30_000, exitCode: 3 },
    { match: { image: '*:missing' }, failToStart: 'CannotPullContainerError: not found' },
  ],
};

const td = (family: string, containers: unknown[]): JournalEntry => ({
  kind: 'execute',
  operation: 'RegisterTaskDefinition',
  input: { family, networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], cpu: '256', memory: '512', containerDefinitions: containers },
});
const run = (taskDefinition: string, count: number, spot = false): JournalEntry => ({
  kind: 'execute',
  operation: 'RunTask',
  input: {
    cluster: 'mixed',
    taskDefinition,
    count,
    ...(spot ? { capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }] } : { launchType: 'FARGATE' }),
    networkConfiguration: { awsvpcConfiguration: { subnets: SUBNETS } },
  },
});
const advance = (ms: number): JournalEntry => ({ kind: 'advance', ms });

const journal: JournalEntry[] = [
  { kind: 'execute', operation: 'CreateCluster', input: { clusterName: 'mixed', capacityProviders: ['FARGATE', 'FARGATE_SPOT'] } },
  td('batch', [{ name: 'job', image: 'batch:1', essential: true }]),
  td('web', [
    { name: 'app', image: 'nginx:1.27', essential: true, portMappings: [{ containerPort: 80 }] },
    { name: 'side', image: 'sidecar:1', essential: false },
  ]),
  td('broken', [{ name: 'app', image: 'nginx:missing', essential: true }]),
  td('hc', [{ name: 'app', image: 'hc:1', essential: true, healthCheck: { command: ['CMD', 'true'], interval: 5, retries: 2 } }]),
  {
    kind: 'execute',
    operation: 'CreateService',
    input: {
      cluster: 'mixed',
      serviceName: 'svc',
      taskDefinition: 'web',
      desiredCount: 3,
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: SUBNETS } },
      loadBalancers: [{ targetGroupArn: TG, containerName: 'app', containerPort: 80 }],
    },
  },
  // Simultaneous launches…
  run('batch', 10),
  run('web', 10),
  run('batch', 10, true),
  run('broken', 3),
  run('hc', 5),
  advance(0),
  // …then staggered ones, with stops in between (see `play`).
  ...Array.from({ length: 12 }, (_, i): JournalEntry[] => [run(i % 3 === 0 ? 'hc' : 'batch', 1 + (i % 10), i % 4 === 1), advance(7_000 + 997 * i)]).flat(),
  { kind: 'fault', fault: 'interruptSpotTasks', options: { cluster: 'mixed', count: 4 } },
  advance(30_000),
  { kind: 'fault', fault: 'injectCapacityShortage', options: { capacityProvider: 'FARGATE', availabilityZone: 'us-east-1a', durationMs: 60_000 } },
  run('batch', 10),
  advance(120_000),
  { kind: 'execute', operation: 'UpdateService', input: { cluster: 'mixed', service: 'svc', desiredCount: 1 } },
  advance(600_000),
  // Past the retention of every stopped task (default one hour): expiry.
  advance(4 * 3_600_000),
];

/** Plays the journal, stopping the first task of every other RunTask answer right after the next advance. */
function play(): { world: World; transcript: string } {
  let world = createWorld(config);
  const parts: string[] = [];
  const toStop: string[] = [];
  let runs = 0;
  const apply = (entry: JournalEntry): void => {
    const applied = applyEntry(world, entry);
    world = applied.world;
    if (entry.kind === 'execute' && entry.operation === 'RunTask' && applied.result && E.isRight(applied.result)) {
      const first = (applied.result.right as { tasks: Array<{ taskArn: string }> }).tasks[0];
      if (first && runs++ % 2 === 0) toStop.push(first.taskArn);
    }
    parts.push(JSON.stringify({ result: applied.result, events: applied.events }));
  };
  for (const entry of journal) {
    apply(entry);
    if (entry.kind === 'advance') {
      for (const task of toStop.splice(0)) apply({ kind: 'execute', operation: 'StopTask', input: { cluster: 'mixed', task, reason: 'golden' } });
    }
  }
  return { world, transcript: parts.join('\n') };
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/** `w` with the `S` index entry the index held for every service task before they were found through services. */
function withStartedByEntries(w: World): World {
  let index = w.taskIndex;
  for (const t of w.tasks.values()) {
    if (!isListedThroughService(t)) continue;
    const range = indexPrefix('S', t.spec.clusterName, t.desiredStatus, t.spec.startedBy);
    index = index.set(range, (index.get(range) ?? PMap.empty<number, true>(compareNumbers)).set(t.seq, true));
  }
  return { ...w, taskIndex: index };
}

describe('task lifecycle golden record', () => {
  const { world, transcript } = play();

  it('covers every ending: essential exit, user stop, Spot interruption, failed start, service stops, expiry', () => {
    for (const needle of ['EssentialContainerExited', 'UserInitiated', 'SpotInterruption', 'TaskFailedToStart', 'ServiceSchedulerInitiated']) {
      expect(transcript, needle).toContain(needle);
    }
    // Everything that stopped has expired; what is left runs for good (tasks with no scripted exit).
    const left = world.tasks.toJSON().map(([, t]) => t.lastStatus);
    expect(left.length).toBeGreaterThan(0);
    expect(new Set(left)).toEqual(new Set(['RUNNING']));
    expect(transcript.split('"detail-type":"ECS Task State Change"').length - 1).toBeGreaterThan(400);
  });

  it('gives the very same events and final World as before the performance work', () => {
    // State added after the record is left out of the hash, so the record still pins every byte of what existed
    // then: EC2 container instances (issue 11), empty here, and the services' rosters — derived counts of their
    // tasks, which the service model test checks against the tasks (serviceRoster.ts).
    expect(world.containerInstances.size).toBe(0);
    expect(world.config.containerInstances).toEqual([]);
    // Auto Scaling group capacity providers (issue 11) came later too, empty here.
    expect(world.capacityProviders.size).toBe(0);
    // Since the service task heap work, service tasks have no `S` (startedBy) index entry — ListTasks finds them
    // through their service and `deploymentTasks`, which is derived too: the index is given back those entries.
    const { containerInstances: _instances, serviceRosters: _rosters, deploymentTasks: _deployments, capacityProviders: _providers, ...recorded } = withStartedByEntries(world);
    const { containerInstances: _fleets, ...recordedConfig } = world.config;
    // Tasks store their times as TaskTimes since: the record pins the same instants (`worldDataText`).
    const then = { ...recorded, config: recordedConfig };
    expect({ transcript: sha256(transcript), world: sha256(worldDataText(then)) }).toEqual({
      transcript: '786002687fbca4a5343e90a2ff2a20631beabda2f745ae28b453cf47fc1df0a4',
      world: '6ce8a41a62270c425b509f54d66821c0e5bc57b95fc70761f588f091e007f7a4',
    });
  });
});
