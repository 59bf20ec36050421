// Table tests of placeTasks from the reference's examples (§6.1–6.5) and the docs.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { Rng, seedState } from '../../../src/domain/rng.js';
import { placeTasks } from '../../../src/scheduler/placement/place.js';
import { fleetOf, place, uniformFleet } from './testFleet.js';

const AZ = 'attribute:ecs.availability-zone' as const;

describe('placeTasks', () => {
  it('binpack memory fills the instance with the least remaining memory that still fits (DG/task-placement-strategies.html)', () => {
    const fleet = fleetOf([
      { instanceId: 'i-big', instanceType: 'm5.2xlarge', availabilityZone: 'us-east-1a' },
      { instanceId: 'i-small', instanceType: 'm5.large', availabilityZone: 'us-east-1a' },
    ]);
    // m5.large registers floor(8192 × 0.96) = 7864 MiB: three 2,048 MiB tasks fit, the fourth goes to the 2xlarge.
    const r = place(fleet, { count: 4, cpu: 256, memory: 2048, networkMode: 'bridge', group: 'g', strategies: [{ type: 'binpack', field: 'memory' }] });
    expect(r.placements).toEqual(['i-small', 'i-small', 'i-small', 'i-big']);
  });

  it('spread over Availability Zones then binpack memory packs within the balanced zones', () => {
    const fleet = uniformFleet(6);
    const r = place(fleet, { count: 6, cpu: 0, memory: 1024, networkMode: 'bridge', group: 'service:web', strategies: [{ type: 'spread', field: AZ }, { type: 'binpack', field: 'memory' }] });
    const byAz = new Map<string, number>();
    for (const id of r.placements) {
      const az = fleet.attributes[fleet.indexOf(id)]!.get('ecs.availability-zone')!;
      byAz.set(az, (byAz.get(az) ?? 0) + 1);
    }
    expect([...byAz.values()]).toEqual([2, 2, 2]);
    // Within a zone both tasks share one instance (binpack), so only 3 of the 6 instances are used.
    expect(new Set(r.placements).size).toBe(3);
  });

  it('distinctInstance puts each task of the group on a different instance and fails the rest with its reason', () => {
    const fleet = uniformFleet(3);
    const r = place(fleet, { count: 4, cpu: 0, memory: 128, networkMode: 'bridge', group: 'g', constraints: [{ type: 'distinctInstance' }] });
    expect(new Set(r.placements).size).toBe(3);
    expect(r.failures.map((f) => f.reason)).toEqual(['DistinctInstance placement constraint unsatisfied']);
  });

  it('memberOf keeps tasks on matching instances; with none matching the reason is ECS\'s text', () => {
    const fleet = uniformFleet(6);
    const inB = { type: 'memberOf' as const, expression: 'attribute:ecs.availability-zone == us-east-1b', predicate: (v: { attributes: ReadonlyMap<string, string> }) => v.attributes.get('ecs.availability-zone') === 'us-east-1b' };
    const r = place(fleet, { count: 5, cpu: 0, memory: 128, networkMode: 'bridge', group: 'g', constraints: [inB], strategies: [{ type: 'spread', field: 'instanceId' }] });
    for (const id of r.placements) expect(fleet.attributes[fleet.indexOf(id)]!.get('ecs.availability-zone')).toBe('us-east-1b');
    const none = { ...inB, expression: 'attribute:ecs.instance-type == t2.small', predicate: () => false };
    const f = place(fleet, { count: 1, cpu: 0, memory: 128, networkMode: 'bridge', group: 'g', constraints: [none] });
    expect(f.failures[0]!.reason).toBe('MemberOf placement constraint unsatisfied');
  });

  it('a static host port fits once per instance; the second task on a one-instance fleet fails with RESOURCE:PORTS', () => {
    const fleet = uniformFleet(1);
    const r = place(fleet, { count: 2, cpu: 0, memory: 128, networkMode: 'bridge', group: 'g', ports: [{ hostPort: 80 }] });
    expect(r.placements).toHaveLength(1);
    expect(r.failures[0]!.reason).toBe('RESOURCE:PORTS');
    expect(r.failures[0]!.explanation.closest?.text).toBe('i-000: host port 80/tcp already in use');
  });

  it('dynamic host ports come from the ephemeral range 49153–65535 (docs: PortMapping.hostPort)', () => {
    const fleet = uniformFleet(1);
    const r = place(fleet, { count: 2, cpu: 0, memory: 128, networkMode: 'bridge', group: 'g', ports: [{ hostPort: 0 }, { hostPort: 0, protocol: 'udp' }] });
    expect(r.allocations.map((a) => [a.tcpPorts, a.udpPorts])).toEqual([[[49153], [49153]], [[49154], [49154]]]);
  });

  it('awsvpc on EC2: c5.large hosts 2 tasks (3 ENIs − 1), the third fails with RESOURCE:ENI (reference §6.5)', () => {
    const fleet = fleetOf([{ instanceId: 'i-c5', instanceType: 'c5.large', availabilityZone: 'us-east-1a' }]);
    const r = place(fleet, { count: 3, cpu: 0, memory: 64, networkMode: 'awsvpc', group: 'g' });
    expect(r.placements).toEqual(['i-c5', 'i-c5']);
    expect(r.failures[0]!.reason).toBe('RESOURCE:ENI');
  });

  it('memory shortfall: ECS reason RESOURCE:MEMORY, counts per filter and the closest candidate with what it lacks', () => {
    const fleet = fleetOf([
      { instanceId: 'i-0abc', instanceType: 'm5.large', availabilityZone: 'us-east-1a' },
      { instanceId: 'i-0def', instanceType: 't3.medium', availabilityZone: 'us-east-1b' },
      { instanceId: 'i-0drain', instanceType: 'm5.4xlarge', availabilityZone: 'us-east-1c', status: 'DRAINING' },
    ]);
    const r = place(fleet, { count: 2, cpu: 512, memory: 8376, networkMode: 'bridge', group: 'g' });
    expect(r.placements).toEqual([]);
    expect(r.failures).toHaveLength(2);
    const e = r.failures[0]!.explanation;
    expect(r.failures[0]!.reason).toBe('RESOURCE:MEMORY');
    expect(e.rejectedFirstBy).toEqual({ DRAINING: 1, 'RESOURCE:MEMORY': 2 });
    expect(e.closest?.text).toBe('i-0abc: needs 512 MiB more memory');
    expect(e.text).toContain('Closest: i-0abc: needs 512 MiB more memory');
  });

  it('attributes the task requires and a disconnected agent give ATTRIBUTE and AGENT', () => {
    const fleet = fleetOf([
      { instanceId: 'i-1', instanceType: 'm5.large', availabilityZone: 'us-east-1a' },
      { instanceId: 'i-2', instanceType: 'm5.large', availabilityZone: 'us-east-1a', agentConnected: false, attributes: { gpu: 'yes' } },
    ]);
    const r = place(fleet, { count: 1, cpu: 0, memory: 64, networkMode: 'bridge', group: 'g', requiredAttributes: [{ name: 'gpu' }] });
    expect(r.failures[0]!.explanation.rejectedFirstBy).toEqual({ AGENT: 1, ATTRIBUTE: 1 });
    expect(r.failures[0]!.reason).toBe('AGENT');
  });

  it('random: same seed, same placements; another seed, another spread', () => {
    const run = (seed: number): readonly string[] => place(uniformFleet(30), { count: 20, cpu: 0, memory: 64, networkMode: 'bridge', group: 'g', strategies: [{ type: 'random' }], seed }).placements;
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
  });

  it('bad requests are errors that name the field', () => {
    const fleet = uniformFleet(1);
    const base = { count: 1, cpu: 0, memory: 64, networkMode: 'bridge' as const, group: 'g', rng: new Rng(seedState(1, 1)) };
    expect(placeTasks(fleet, { ...base, count: -1 })).toEqual(E.left('count must be a non-negative integer, got -1'));
    expect(placeTasks(fleet, { ...base, strategies: Array.from({ length: 6 }, () => ({ type: 'random' as const })) })).toEqual(E.left('strategies: at most 5, got 6'));
    expect(placeTasks(fleet, { ...base, networkMode: 'awsvpc', ports: [{ hostPort: 0 }] })).toEqual(
      E.left('ports[0]: a dynamic host port (0) needs the bridge network mode, not awsvpc'),
    );
  });

  it('released resources can be placed on again, and fork() leaves the original untouched', () => {
    const fleet = fleetOf([{ instanceId: 'i-c5', instanceType: 'c5.large', availabilityZone: 'us-east-1a' }]);
    const copy = fleet.fork();
    const r = place(copy, { count: 2, cpu: 0, memory: 64, networkMode: 'awsvpc', group: 'g' });
    expect(fleet.enisFree[0]).toBe(2);
    expect(copy.enisFree[0]).toBe(0);
    expect(E.isRight(copy.release(r.allocations[0]!))).toBe(true);
    expect(place(copy, { count: 1, cpu: 0, memory: 64, networkMode: 'awsvpc', group: 'g' }).placements).toEqual(['i-c5']);
  });
});

describe('fleet changes reach the cached indexes', () => {
  it('draining an instance, then changing an attribute, moves later placements', () => {
    const fleet = uniformFleet(2);
    const isBlue = { type: 'memberOf' as const, expression: 'attribute:color == blue', predicate: (v: { attributes: ReadonlyMap<string, string> }) => v.attributes.get('color') === 'blue' };
    const req = { count: 1, cpu: 0, memory: 64, networkMode: 'bridge' as const, group: 'g', strategies: [{ type: 'binpack' as const, field: 'memory' as const }] };
    expect(place(fleet, req).placements).toEqual(['i-000']);
    expect(E.isRight(fleet.setStatus('i-000', 'DRAINING'))).toBe(true);
    expect(place(fleet, req).placements).toEqual(['i-001']);
    expect(place(fleet, { ...req, constraints: [isBlue] }).failures[0]!.reason).toBe('DRAINING');
    expect(E.isRight(fleet.putAttribute('i-001', 'color', 'blue'))).toBe(true);
    expect(place(fleet, { ...req, constraints: [isBlue] }).placements).toEqual(['i-001']);
    expect(fleet.setStatus('i-zzz', 'ACTIVE')).toEqual(E.left('instance i-zzz: not in the fleet'));
  });
});
