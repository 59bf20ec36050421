// Fargate placement within one RunTask call: the placer reads the spread counts and free addresses once per call
// and keeps them current task by task, so a launch of ten tasks spreads and fills subnets exactly as ten
// launches of one would.
import { describe, expect, it } from 'vitest';
import { spreadKey } from '../../src/scheduler/spreadCounts.js';
import { Sim, detailOf, net } from '../api/tasks/harness.js';

const SMALL_AND_BIG = {
  network: {
    subnets: [
      // A /28 has 11 usable addresses (AWS reserves 5 of 16).
      { subnetId: 'subnet-small', cidrBlock: '10.7.0.0/28', availabilityZone: 'us-east-1a', vpcId: 'vpc-p' },
      { subnetId: 'subnet-big', cidrBlock: '10.7.1.0/24', availabilityZone: 'us-east-1b', vpcId: 'vpc-p' },
    ],
  },
};

const zonesOf = (tasks: Array<{ availabilityZone: string }>): string[] => tasks.map((t) => t.availabilityZone);
const countOf = (sim: Sim, group: string, zone: string): number =>
  sim.world.placementCounts.get(spreadKey('default', group))?.FARGATE?.[zone] ?? 0;

describe('placing the tasks of one RunTask call', () => {
  it('keeps the zones balanced after every task of the call, not only at its end', () => {
    const sim = new Sim().setup();
    const zones = zonesOf(sim.run({ count: 10 }).tasks);
    const seen = new Map<string, number>();
    for (const [i, z] of zones.entries()) {
      seen.set(z, (seen.get(z) ?? 0) + 1);
      const counts = [...seen.values()];
      // After i + 1 tasks over three zones, every zone holds floor or ceil of (i + 1) / 3.
      expect(Math.max(...counts) - (seen.size < 3 ? 0 : Math.min(...counts)), `spread after ${i + 1} tasks`).toBeLessThanOrEqual(1);
    }
    expect([...seen.values()].sort()).toEqual([3, 3, 4]);
  });

  it('alternates zones task by task and stops using a zone once its subnet is full', () => {
    const sim = new Sim(SMALL_AND_BIG).setup();
    // Another group takes 9 of the small subnet's 11 addresses: it does not count in this group's spread.
    expect(sim.run({ count: 9, group: 'filler', networkConfiguration: net('subnet-small') }).tasks).toHaveLength(9);

    const { tasks, failures } = sim.run({ count: 10, networkConfiguration: net('subnet-small', 'subnet-big') });
    expect(failures).toEqual([]);
    const zones = zonesOf(tasks);
    // Spread: each pair of the first four tasks has one task in each zone (the counts moved after every task).
    expect([...zones.slice(0, 2)].sort()).toEqual(['us-east-1a', 'us-east-1b']);
    expect([...zones.slice(2, 4)].sort()).toEqual(['us-east-1a', 'us-east-1b']);
    // The small subnet had two free addresses, then no room: the rest went to the other zone, none failed.
    expect(zones.filter((z) => z === 'us-east-1a')).toHaveLength(2);
    expect(tasks.every((t) => detailOf(t, 'subnetId') !== undefined)).toBe(true);
    // The World's spread counts agree with where the tasks are.
    expect(countOf(sim, 'family:web', 'us-east-1a')).toBe(2);
    expect(countOf(sim, 'family:web', 'us-east-1b')).toBe(8);
    expect(countOf(sim, 'filler', 'us-east-1a')).toBe(9);

    // The small subnet is full: the next tasks go to the fuller zone, which still has addresses.
    expect(zonesOf(sim.run({ count: 2, networkConfiguration: net('subnet-small', 'subnet-big') }).tasks)).toEqual([
      'us-east-1b',
      'us-east-1b',
    ]);
  });

  it('gives each task of a call its own address, lowest first', () => {
    const sim = new Sim(SMALL_AND_BIG).setup();
    const { tasks } = sim.run({ count: 10, networkConfiguration: net('subnet-big') });
    sim.advance(60_000); // addresses show once the ENI is attached
    const ips = tasks.map((t) => detailOf(sim.describe(t.taskArn), 'privateIPv4Address'));
    expect(ips).toEqual(Array.from({ length: 10 }, (_, i) => `10.7.1.${4 + i}`));
  });
});
