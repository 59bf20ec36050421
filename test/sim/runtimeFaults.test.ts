// Faults the what-if simulator injects while a scenario runs (src/sim/runtimeFaults.ts), and their journal entries.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { replay, type JournalEntry } from '../../src/sim/journal.js';
import { ZONE_OUTAGE_REASON, crashTasks, setFargateQuotas, zoneOutage } from '../../src/sim/runtimeFaults.js';
import { Sim, type Task } from '../api/tasks/harness.js';

const running = (sim: Sim, n: number): Task[] => {
  const tasks = sim.run({ count: n }).tasks;
  sim.advance(120_000);
  return tasks.map((t) => sim.describe(t.taskArn as string));
};

describe('crashTasks', () => {
  it('makes the essential container exit with the code; the task stops as EssentialContainerExited', () => {
    const sim = new Sim().setup();
    const [a, b] = running(sim, 2);
    expect(a!.lastStatus).toBe('RUNNING');
    const r = crashTasks(sim.world, { tasks: [a!.taskArn as string], exitCode: 137 });
    expect(r.error).toBeUndefined();
    expect(r.crashed).toEqual([a!.taskArn]);
    sim.world = r.world;
    sim.advance(120_000);
    const after = sim.describe(a!.taskArn as string);
    expect(after.lastStatus).toBe('STOPPED');
    expect(after.stopCode).toBe('EssentialContainerExited');
    expect((after.containers as Array<{ exitCode?: number }>)[0]!.exitCode).toBe(137);
    expect(sim.describe(b!.taskArn as string).lastStatus).toBe('RUNNING');
  });

  it('leaves tasks that are not RUNNING alone, and rejects bad options without touching the World', () => {
    const sim = new Sim().setup();
    const young = sim.run({ count: 1 }).tasks[0]!;
    const r = crashTasks(sim.world, { tasks: [young.taskArn as string, 'no-such-task'] });
    expect(r.crashed).toEqual([]);
    const bad = crashTasks(sim.world, { tasks: ['x'], exitCode: 300 } as never);
    expect(bad.world).toBe(sim.world);
    expect(bad.error?.name).toBe('InvalidParameterException');
    expect(bad.error?.message).toContain('options.exitCode');
  });
});

describe('zoneOutage', () => {
  it('stops the zone’s tasks with InfrastructureHealth and keeps new tasks out of the zone for the window', () => {
    const sim = new Sim().setup();
    const tasks = [...running(sim, 10), ...running(sim, 2)];
    const inA = tasks.filter((t) => t.availabilityZone === 'us-east-1a');
    expect(inA.length).toBeGreaterThan(0);
    const r = zoneOutage(sim.world, { availabilityZone: 'us-east-1a', durationMs: 30 * 60_000 });
    expect(r.error).toBeUndefined();
    expect([...r.stopped].sort()).toEqual(inA.map((t) => t.taskArn).sort());
    sim.world = r.world;
    const stopping = sim.describe(inA[0]!.taskArn as string);
    expect(stopping.desiredStatus).toBe('STOPPED');
    expect(stopping.stopCode).toBe('InfrastructureHealth');
    expect(stopping.stoppedReason).toBe(ZONE_OUTAGE_REASON);
    const fresh = sim.run({ count: 6 }).tasks;
    expect(fresh).toHaveLength(6);
    expect(fresh.every((t) => t.availabilityZone !== 'us-east-1a')).toBe(true);
    sim.advance(31 * 60_000);
    const later = sim.run({ count: 9 }).tasks;
    expect(later).toHaveLength(9);
    expect(later.some((t) => t.availabilityZone === 'us-east-1a')).toBe(true);
  });

  it('rejects an unknown zone without touching the World', () => {
    const sim = new Sim().setup();
    const r = zoneOutage(sim.world, { availabilityZone: 'mars-1a', durationMs: 1000 });
    expect(r.world).toBe(sim.world);
    expect(r.error?.message).toContain('mars-1a');
  });
});

describe('setFargateQuotas', () => {
  it('changes the vCPU quota new launches are checked against', () => {
    const sim = new Sim({ quotas: { onDemandVcpu: 1 } }).setup();
    expect(sim.run({ count: 8 }).tasks).toHaveLength(4); // 0.25 vCPU each
    const r = setFargateQuotas(sim.world, { onDemandVcpu: 2 });
    expect(r.error).toBeUndefined();
    sim.world = r.world;
    expect(sim.world.config.quotas.spotVcpu).toBe(1000);
    expect(sim.run({ count: 8 }).tasks).toHaveLength(4);
    expect(setFargateQuotas(sim.world, { onDemandVcpu: -1 }).error?.name).toBe('InvalidParameterException');
  });
});

describe('journal entries of the runtime faults', () => {
  it('replay to the same World as the calls', () => {
    const sim = new Sim().setup();
    const config = { seed: 7, network: { subnets: [...(sim.world.config.network.subnets.map((s) => ({ subnetId: s.subnetId, cidrBlock: s.cidrBlock, availabilityZone: s.availabilityZone, vpcId: s.vpcId })))], securityGroups: [{ groupId: 'sg-web', vpcId: 'vpc-main' }] }, quotas: { onDemandVcpu: 1000, spotVcpu: 1000 } };
    const journal: JournalEntry[] = [
      { kind: 'execute', operation: 'CreateCluster', input: { clusterName: 'default', capacityProviders: ['FARGATE', 'FARGATE_SPOT'] } },
      { kind: 'execute', operation: 'RegisterTaskDefinition', input: { family: 'web', networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], cpu: '256', memory: '512', containerDefinitions: [{ name: 'app', image: 'nginx', essential: true }] } },
      { kind: 'execute', operation: 'RunTask', input: { taskDefinition: 'web', count: 6, launchType: 'FARGATE', networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-a1', 'subnet-a2', 'subnet-b1', 'subnet-b2', 'subnet-c1', 'subnet-c2'] } } } },
      { kind: 'advance', ms: 120_000 },
      { kind: 'fault', fault: 'zoneOutage', options: { availabilityZone: 'us-east-1b', durationMs: 600_000 } },
      { kind: 'fault', fault: 'setFargateQuotas', options: { spotVcpu: 3 } },
      { kind: 'advance', ms: 60_000 },
    ];
    const a = replay(config, journal);
    const b = replay(config, journal);
    expect(E.isRight(a) && E.isRight(b)).toBe(true);
    if (E.isLeft(a) || E.isLeft(b)) return;
    expect(a.right.config.quotas.spotVcpu).toBe(3);
    expect(a.right.faults.capacityShortages).toHaveLength(2);
    expect(a.right.nowMs).toBe(b.right.nowMs);
    expect([...a.right.tasks.values()].map((t) => [t.taskId, t.stop?.stopCode])).toEqual([...b.right.tasks.values()].map((t) => [t.taskId, t.stop?.stopCode]));
    expect([...a.right.tasks.values()].some((t) => t.stop?.stopCode === 'InfrastructureHealth')).toBe(true);
    const bad = replay(config, [{ kind: 'fault', fault: 'meteor' }]);
    expect(E.isLeft(bad) && bad.left.message).toContain('crashTasks');
  });
});
