// Worked examples of the reference as table tests: the capacity-provider split (§7.2), subnet exhaustion (§8),
// and a Fargate Spot interruption (§3.5, §7.3).
import { describe, expect, it } from 'vitest';
import { INSUFFICIENT_ADDRESSES_REASON } from '../../../src/scheduler/fargatePlacement.js';
import { SPOT_INTERRUPTION_REASON } from '../../../src/scheduler/lifecycle.js';
import { interruptSpotTasks } from '../../../src/sim/faults.js';
import { Sim, detailOf, net, type Task } from './harness.js';

const ALL = ['subnet-a1', 'subnet-a2', 'subnet-b1', 'subnet-b2', 'subnet-c1', 'subnet-c2'];

describe('capacity-provider split through RunTask (reference §7.2)', () => {
  const F = 'FARGATE';
  const S = 'FARGATE_SPOT';
  it.each([
    // The reference's worked example: base 2 on FARGATE, then 1:3.
    [[{ capacityProvider: F, base: 2, weight: 1 }, { capacityProvider: S, weight: 3 }], 10, { FARGATE: 4, FARGATE_SPOT: 6 }],
    [[{ capacityProvider: F, weight: 1 }, { capacityProvider: S, weight: 1 }], 4, { FARGATE: 2, FARGATE_SPOT: 2 }],
    [[{ capacityProvider: F, weight: 1 }, { capacityProvider: S, weight: 4 }], 5, { FARGATE: 1, FARGATE_SPOT: 4 }],
    [[{ capacityProvider: S, base: 3, weight: 0 }, { capacityProvider: F, weight: 1 }], 5, { FARGATE: 2, FARGATE_SPOT: 3 }],
    [[{ capacityProvider: F, base: 10, weight: 1 }, { capacityProvider: S, weight: 1 }], 7, { FARGATE: 7, FARGATE_SPOT: 0 }],
    [[{ capacityProvider: S }], 3, { FARGATE: 0, FARGATE_SPOT: 3 }], // a lone provider takes all, weight 0 or not
  ])('strategy %j, count %i → %j', (strategy, count, expected) => {
    const sim = new Sim().setup();
    const { tasks } = sim.ok<{ tasks: Array<{ capacityProviderName: string }> }>('RunTask', {
      taskDefinition: 'web',
      count,
      capacityProviderStrategy: strategy,
      networkConfiguration: net(...ALL),
    });
    const totals = { FARGATE: 0, FARGATE_SPOT: 0 };
    for (const t of tasks) totals[t.capacityProviderName as keyof typeof totals]++;
    expect(totals).toEqual(expected);
  });
});

describe('subnet exhaustion (reference §8)', () => {
  it('a /28 holds 11 task ENIs (.4 … .14); the 12th task fails to start; a freed address is reused', () => {
    const sim = new Sim({
      network: { subnets: [{ subnetId: 'subnet-tiny', cidrBlock: '10.9.0.0/28', availabilityZone: 'us-east-1a', vpcId: 'vpc-t' }] },
    }).setup();
    const first = sim.run({ count: 10, networkConfiguration: net('subnet-tiny') }).tasks;
    const second = sim.run({ count: 2, networkConfiguration: net('subnet-tiny') }).tasks;
    sim.advance(300_000);
    const described = [...first, ...second].map((t) => sim.describe(t.taskArn));
    const ips = described.filter((t) => t.lastStatus === 'RUNNING').map((t) => detailOf(t, 'privateIPv4Address'));
    expect(ips).toEqual(Array.from({ length: 11 }, (_, i) => `10.9.0.${4 + i}`));
    const failed = described[11]!;
    expect(failed).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'TaskFailedToStart', stoppedReason: INSUFFICIENT_ADDRESSES_REASON });
    // It never had an ENI: no address, no DEPROVISIONING.
    expect(detailOf(failed, 'privateIPv4Address')).toBeUndefined();
    expect(sim.eventsOf(failed.taskArn).map((e) => e.lastStatus)).toEqual(['PROVISIONING', 'STOPPED']);

    sim.ok('StopTask', { task: described[3]!.taskArn }); // holds 10.9.0.7
    sim.advance(300_000);
    const again = sim.run({ networkConfiguration: net('subnet-tiny') }).tasks[0]!;
    sim.advance(300_000);
    expect(detailOf(sim.describe(again.taskArn), 'privateIPv4Address')).toBe('10.9.0.7');
  });
});

// The stop code is SpotInterruption: the current Developer Guide page "Amazon ECS clusters for Fargate" → "Fargate
// Spot termination notices" (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-capacity-providers.html)
// shows `"stopCode": "SpotInterruption"`; our reference §3.5 once said TerminationNotice (an archived copy of that
// page), which ECS uses for task retirement.
describe('Fargate Spot interruption (reference §3.5, §7.3)', () => {
  it('sends the two-minute warning, then stops the Spot share; the FARGATE share keeps running', () => {
    const sim = new Sim().setup();
    const { tasks } = sim.ok<{ tasks: Task[] }>('RunTask', {
      taskDefinition: 'web',
      count: 4,
      capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }, { capacityProvider: 'FARGATE_SPOT', weight: 1 }],
      networkConfiguration: net(...ALL),
    });
    sim.advance(300_000);
    const r = interruptSpotTasks(sim.world);
    sim.world = r.world;
    sim.events.push(...r.events);
    const spot = tasks.filter((t) => t.capacityProviderName === 'FARGATE_SPOT').map((t) => t.taskArn);
    expect(r.interrupted).toEqual(spot);
    // The warning: desired STOPPED while still RUNNING, with the documented stop code and reason.
    expect(r.events.map((e) => e.detail)).toEqual(
      spot.map(() =>
        expect.objectContaining({
          lastStatus: 'RUNNING',
          desiredStatus: 'STOPPED',
          stopCode: 'SpotInterruption',
          stoppedReason: SPOT_INTERRUPTION_REASON,
        }),
      ),
    );
    sim.advance(120_000);
    for (const arn of spot) expect(sim.describe(arn)).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'SpotInterruption' });
    for (const t of tasks.filter((x) => x.capacityProviderName === 'FARGATE')) {
      expect(sim.describe(t.taskArn)).toMatchObject({ lastStatus: 'RUNNING', desiredStatus: 'RUNNING' });
    }
  });
});
