// Fault injection and behaviour scripting as pure functions on the World (src/sim/faults.ts).
import { describe, expect, it } from 'vitest';
import { CAPACITY_UNAVAILABLE_REASON, ENI_TIMEOUT_REASON } from '../../src/scheduler/fargatePlacement.js';
import { injectCapacityShortage, interruptSpotTasks, setBehaviors, setSubnetAvailability } from '../../src/sim/faults.js';
import { Sim, detailOf, net, type Task } from '../api/tasks/harness.js';

const ALL = ['subnet-a1', 'subnet-a2', 'subnet-b1', 'subnet-b2', 'subnet-c1', 'subnet-c2'];
const spotRun = (sim: Sim, count: number, cluster = 'default'): Task[] =>
  sim.ok<{ tasks: Task[] }>('RunTask', {
    cluster,
    taskDefinition: 'web',
    count,
    capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
    networkConfiguration: net(...ALL),
  }).tasks;

describe('interruptSpotTasks', () => {
  it('picks `count` running Spot tasks with the seeded faults stream: the same seed picks the same tasks', () => {
    const pick = (): readonly string[] => {
      const sim = new Sim().setup();
      spotRun(sim, 10);
      sim.advance(300_000);
      return interruptSpotTasks(sim.world, { count: 3 }).interrupted;
    };
    const a = pick();
    expect(a).toHaveLength(3);
    expect(new Set(a).size).toBe(3);
    expect(pick()).toEqual(a);
  });

  it('honours cluster, zone and task filters, and only interrupts RUNNING Spot tasks', () => {
    const sim = new Sim().setup();
    sim.ok('CreateCluster', { clusterName: 'other', capacityProviders: ['FARGATE_SPOT'] });
    const mine = spotRun(sim, 6);
    const theirs = spotRun(sim, 2, 'other');
    const onDemand = sim.run({ count: 2 }).tasks;
    const young = spotRun(sim, 1); // still PROVISIONING below
    sim.advance(300_000);
    const fresh = spotRun(sim, 1);
    const inB = mine.filter((t) => t.availabilityZone === 'us-east-1b').map((t) => t.taskArn);
    expect(interruptSpotTasks(sim.world, { cluster: 'default', availabilityZone: 'us-east-1b' }).interrupted).toEqual(inB);
    expect(interruptSpotTasks(sim.world, { tasks: [theirs[0]!.taskArn, onDemand[0]!.taskArn] }).interrupted).toEqual([theirs[0]!.taskArn]);
    const all = interruptSpotTasks(sim.world).interrupted;
    expect(all).toHaveLength(9); // 6 + 2 + the one that is RUNNING by now; not the fresh one, not on-demand ones
    expect(all).toContain(young[0]!.taskArn);
    expect(all).not.toContain(fresh[0]!.taskArn);
  });

  it('changes nothing when nothing matches (the same World comes back)', () => {
    const sim = new Sim().setup();
    sim.run();
    const r = interruptSpotTasks(sim.world, { count: 5 });
    expect(r.world).toBe(sim.world);
    expect(r.events).toEqual([]);
    expect(interruptSpotTasks(sim.world, { cluster: 'nope' }).world).toBe(sim.world);
  });
});

describe('injectCapacityShortage', () => {
  it('makes new tasks avoid the zone for the window, then lets them back', () => {
    const sim = new Sim().setup();
    sim.world = injectCapacityShortage(sim.world, { capacityProvider: 'FARGATE', availabilityZone: 'us-east-1a', durationMs: 60_000 }).world;
    const during = sim.run({ count: 6 }).tasks.map((t) => t.availabilityZone);
    expect(during).not.toContain('us-east-1a');
    // Spot capacity is another pool: unaffected.
    expect(spotRun(sim, 3).map((t) => t.availabilityZone)).toContain('us-east-1a');
    sim.advance(60_000);
    expect(sim.run({ count: 3 }).tasks.map((t) => t.availabilityZone)).toContain('us-east-1a');
  });

  it('fails a task already PROVISIONING in the zone, asynchronously, with ECS capacity message', () => {
    const sim = new Sim().setup();
    const [task] = sim.run({ networkConfiguration: net('subnet-a1') }).tasks;
    sim.world = injectCapacityShortage(sim.world, { capacityProvider: 'FARGATE', availabilityZone: 'us-east-1a', durationMs: 600_000 }).world;
    sim.advance(120_000);
    expect(sim.describe(task!.taskArn)).toMatchObject({
      lastStatus: 'STOPPED',
      stopCode: 'TaskFailedToStart',
      stoppedReason: CAPACITY_UNAVAILABLE_REASON,
    });
  });

  it('starts a window in the future when asked, and ignores a window of no length', () => {
    const sim = new Sim().setup();
    const w0 = sim.world;
    expect(injectCapacityShortage(w0, { capacityProvider: 'FARGATE', availabilityZone: 'us-east-1a', durationMs: 0 }).world).toBe(w0);
    sim.world = injectCapacityShortage(w0, {
      capacityProvider: 'FARGATE',
      availabilityZone: 'us-east-1a',
      startMs: w0.nowMs + 10_000,
      durationMs: 10_000,
    }).world;
    expect(sim.run({ networkConfiguration: net('subnet-a1') }).failures).toEqual([]);
    sim.advance(10_000);
    expect(sim.run({ networkConfiguration: net('subnet-a1') }).failures).toEqual([{ reason: CAPACITY_UNAVAILABLE_REASON }]);
  });
});

describe('setSubnetAvailability', () => {
  it('steers new ENIs away from an unavailable subnet; with no other subnet the task fails to start', () => {
    const sim = new Sim().setup();
    sim.world = setSubnetAvailability(sim.world, 'subnet-a1', false).world;
    const placed = sim.run({ count: 4, networkConfiguration: net('subnet-a1', 'subnet-a2') }).tasks;
    expect(placed.map((t) => detailOf(t, 'subnetId'))).toEqual(['subnet-a2', 'subnet-a2', 'subnet-a2', 'subnet-a2']);
    const [stuck] = sim.run({ networkConfiguration: net('subnet-a1') }).tasks;
    sim.advance(120_000);
    expect(sim.describe(stuck!.taskArn)).toMatchObject({ stopCode: 'TaskFailedToStart', stoppedReason: ENI_TIMEOUT_REASON });
    // Running tasks keep their ENIs; the subnet can be made available again.
    expect(sim.describe(placed[0]!.taskArn).lastStatus).toBe('RUNNING');
    sim.world = setSubnetAvailability(sim.world, 'subnet-a1', true).world;
    expect(detailOf(sim.run({ networkConfiguration: net('subnet-a1') }).tasks[0]!, 'subnetId')).toBe('subnet-a1');
  });

  it('returns the same World when nothing changes', () => {
    const sim = new Sim().setup();
    expect(setSubnetAvailability(sim.world, 'subnet-a1', true).world).toBe(sim.world);
  });
});

describe('setBehaviors', () => {
  it('replaces the rules without touching the previous World', () => {
    const sim = new Sim({ behaviors: [{ match: { image: 'x' }, exitAfterMs: 1 }] }).setup();
    const before = sim.world;
    const after = setBehaviors(before, [{ match: { family: 'web' }, pullMs: 1_000 }]).world;
    expect(before.behaviors).toEqual([{ match: { image: 'x' }, exitAfterMs: 1 }]);
    expect(after.behaviors).toEqual([{ match: { family: 'web' }, pullMs: 1_000 }]);
    expect(after.tasks).toBe(before.tasks);
  });
});
