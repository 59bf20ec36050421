// Determinism and replay across the whole API: the same config and inputs give byte-identical worlds, outputs and
// events; replaying the journal rebuilds the world exactly; a rejected call returns the very same world object.
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect } from 'vitest';
import { applyEntry, createWorld, replay, type JournalEntry, type WorldConfig } from '../../src/index.js';

// Explicit subnets: default-VPC ids are derived from the seed, and the seed varies below.
const config: WorldConfig = {
  seed: 7,
  quotas: { onDemandVcpu: 64, spotVcpu: 64 },
  network: {
    subnets: [
      { subnetId: 'subnet-0a0a0a0a0a0a0a0a1', cidrBlock: '10.0.0.0/28', availabilityZone: 'us-east-1a', vpcId: 'vpc-0a0a0a0a0a0a0a0a0' },
      { subnetId: 'subnet-0a0a0a0a0a0a0a0a2', cidrBlock: '10.0.1.0/24', availabilityZone: 'us-east-1b', vpcId: 'vpc-0a0a0a0a0a0a0a0a0' },
      { subnetId: 'subnet-0a0a0a0a0a0a0a0a3', cidrBlock: '10.0.2.0/24', availabilityZone: 'us-east-1c', vpcId: 'vpc-0a0a0a0a0a0a0a0a0' },
    ],
  },
};
const subnets = createWorld(config).config.network.subnets.map((s) => s.subnetId);

const families = ['web', 'worker'];
const clusters = ['default', 'blue'];

/** One journal entry a user might send, valid or not. */
const entryArb: fc.Arbitrary<JournalEntry> = fc.oneof(
  fc.constantFrom(...clusters).map((clusterName) => ({
    kind: 'execute' as const,
    operation: 'CreateCluster',
    input: { clusterName, capacityProviders: ['FARGATE', 'FARGATE_SPOT'] },
  })),
  fc.record({ family: fc.constantFrom(...families), memory: fc.constantFrom('512', '1024', '300') }).map(({ family, memory }) => ({
    kind: 'execute' as const,
    operation: 'RegisterTaskDefinition',
    input: {
      family,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory,
      containerDefinitions: [{ name: 'app', image: `${family}:latest` }],
    },
  })),
  fc
    .record({
      cluster: fc.constantFrom(...clusters),
      family: fc.constantFrom(...families),
      count: fc.integer({ min: 0, max: 11 }),
      spot: fc.boolean(),
      subnetCount: fc.integer({ min: 0, max: 3 }),
    })
    .map(({ cluster, family, count, spot, subnetCount }) => ({
      kind: 'execute' as const,
      operation: 'RunTask',
      input: {
        cluster,
        taskDefinition: family,
        count,
        ...(spot ? { capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }] } : { launchType: 'FARGATE' }),
        networkConfiguration: { awsvpcConfiguration: { subnets: subnets.slice(0, subnetCount) } },
      },
    })),
  fc.record({ cluster: fc.constantFrom(...clusters), index: fc.nat(20) }).map(({ cluster, index }) => ({
    kind: 'execute' as const,
    operation: 'ListTasks',
    input: { cluster, maxResults: 1 + (index % 5) },
  })),
  fc.integer({ min: 0, max: 180_000 }).map((ms) => ({ kind: 'advance' as const, ms })),
  // Faults are journal entries too, so replay reproduces a what-if run.
  fc.constant({ kind: 'fault' as const, fault: 'interruptSpotTasks' as const, options: {} }),
  fc.record({ az: fc.constantFrom('us-east-1a', 'us-east-1b'), durationMs: fc.integer({ min: 1, max: 300_000 }) }).map(({ az, durationMs }) => ({
    kind: 'fault' as const,
    fault: 'injectCapacityShortage' as const,
    options: { capacityProvider: 'FARGATE' as const, availabilityZone: az, durationMs },
  })),
  fc.record({ i: fc.integer({ min: 0, max: 2 }), available: fc.boolean() }).map(({ i, available }) => ({
    kind: 'fault' as const,
    fault: 'setSubnetAvailability' as const,
    subnetId: subnets[i]!,
    available,
  })),
);

/** Runs a journal step by step, stopping one task of every RunTask response later on, and records everything. */
function run(journal: readonly JournalEntry[]): { world: ReturnType<typeof createWorld>; transcript: string[]; used: JournalEntry[] } {
  let world = createWorld(config);
  const transcript: string[] = [];
  const used: JournalEntry[] = [];
  const toStop: Array<{ cluster: string; task: string }> = [];
  const apply = (entry: JournalEntry): void => {
    const before = world;
    const applied = applyEntry(world, entry);
    if (applied.result && E.isLeft(applied.result)) {
      expect(applied.world, `a rejected ${entry.kind === 'execute' ? entry.operation : 'advance'} must return the same world`).toBe(before);
    }
    if (entry.kind === 'execute' && entry.operation === 'RunTask' && applied.result && E.isRight(applied.result)) {
      const out = applied.result.right as { tasks: Array<{ taskArn: string; clusterArn: string }> };
      const first = out.tasks[0];
      if (first) toStop.push({ cluster: first.clusterArn, task: first.taskArn });
    }
    world = applied.world;
    used.push(entry);
    transcript.push(JSON.stringify({ result: applied.result, events: applied.events }));
  };
  for (const entry of journal) {
    apply(entry);
    const stop = toStop.shift();
    if (stop && entry.kind === 'advance') apply({ kind: 'execute', operation: 'StopTask', input: { ...stop, reason: 'test' } });
  }
  return { world, transcript, used };
}

describe('determinism across the API', () => {
  test.prop([fc.array(entryArb, { minLength: 1, maxLength: 25 })], { numRuns: 40 })(
    'same config and inputs give byte-identical worlds, outputs and events; replay rebuilds the world',
    (journal) => {
      const a = run(journal);
      const b = run(journal);
      expect(b.transcript).toEqual(a.transcript);
      const worldJson = JSON.stringify(a.world);
      expect(JSON.stringify(b.world)).toBe(worldJson);
      const replayed = replay(config, a.used);
      expect(E.isRight(replayed) && JSON.stringify(replayed.right)).toBe(worldJson);
    },
  );

  test.prop([fc.array(entryArb, { minLength: 1, maxLength: 10 })], { numRuns: 15 })(
    'another seed gives another world (ids are drawn from the seed)',
    (journal) => {
      const withTasks = [
        { kind: 'execute' as const, operation: 'CreateCluster', input: {} },
        { kind: 'execute' as const, operation: 'RegisterTaskDefinition', input: { family: 'x', requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc', cpu: '256', memory: '512', containerDefinitions: [{ name: 'a', image: 'a' }] } },
        { kind: 'execute' as const, operation: 'RunTask', input: { taskDefinition: 'x', launchType: 'FARGATE', networkConfiguration: { awsvpcConfiguration: { subnets: subnets.slice(0, 1) } } } },
        ...journal,
      ];
      const w1 = replay({ ...config, seed: 1 }, withTasks);
      const w2 = replay({ ...config, seed: 2 }, withTasks);
      if (E.isLeft(w1) || E.isLeft(w2)) throw new Error('replay of a valid journal failed');
      expect(JSON.stringify(w1.right.tasks)).not.toBe(JSON.stringify(w2.right.tasks));
    },
  );
});
