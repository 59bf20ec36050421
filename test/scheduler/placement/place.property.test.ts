// Properties of placeTasks over generated fleets and request sequences (issue 11 "Properties and tests"):
// - the indexed search places exactly where a brute-force scan of the whole fleet does (the lexicographic chain,
//   binpack = least remaining that fits, spread = fewest of the group, tie-break by index);
// - CPU, memory, ports and ENIs are never over-committed; constraints are never violated;
// - spread keeps max − min ≤ 1 per value when capacity allows; the same seed gives the same placements.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EPHEMERAL_FIRST, type ContainerInstanceSpec, type Fleet } from '../../../src/scheduler/placement/fleet.js';
import type { MemberOfConstraint, NetworkMode, PlacementConstraint, PlacementStrategy } from '../../../src/scheduler/placement/types.js';
import { AZS, fleetOf, place } from './testFleet.js';

const TYPES = ['t3.micro', 'c5.large', 'm5.large', 'm6i.xlarge', 'r5.large', 'm7g.2xlarge'] as const;

const instanceArb = fc.record({
  instanceType: fc.constantFrom(...TYPES),
  az: fc.constantFrom(...AZS),
  status: fc.constantFrom('ACTIVE', 'ACTIVE', 'ACTIVE', 'DRAINING'),
  rack: fc.constantFrom('r1', 'r2'),
});
const fleetArb = fc.array(instanceArb, { minLength: 1, maxLength: 12 }).map((xs) =>
  xs.map((x, k): ContainerInstanceSpec => ({ instanceId: `i-${k}`, instanceType: x.instanceType, availabilityZone: x.az, status: x.status as 'ACTIVE' | 'DRAINING', attributes: { rack: x.rack } })),
);
const strategyArb: fc.Arbitrary<PlacementStrategy> = fc.oneof(
  fc.constantFrom<PlacementStrategy>({ type: 'binpack', field: 'cpu' }, { type: 'binpack', field: 'memory' }),
  fc.constantFrom<PlacementStrategy>({ type: 'spread', field: 'instanceId' }, { type: 'spread', field: 'attribute:ecs.availability-zone' }, { type: 'spread', field: 'attribute:rack' }),
);
const inR1: MemberOfConstraint = { type: 'memberOf', expression: 'attribute:rack == r1', predicate: (v) => v.attributes.get('rack') === 'r1' };
const requestArb = fc.record({
  count: fc.integer({ min: 1, max: 8 }),
  cpu: fc.constantFrom(0, 256, 512, 1024, 2048),
  memory: fc.constantFrom(64, 512, 1024, 3000),
  networkMode: fc.constantFrom<NetworkMode>('bridge', 'awsvpc', 'host'),
  port: fc.constantFrom(0, 80, 8080),
  group: fc.constantFrom('service:a', 'service:b'),
  strategies: fc.array(strategyArb, { maxLength: 3 }),
  distinct: fc.boolean(),
  member: fc.boolean(),
});
type Req = typeof requestArb extends fc.Arbitrary<infer T> ? T : never;

function toRequest(r: Req): Parameters<typeof place>[1] {
  const constraints: PlacementConstraint[] = [];
  if (r.distinct) constraints.push({ type: 'distinctInstance' });
  if (r.member) constraints.push(inR1);
  const ports = r.networkMode === 'awsvpc' || (r.networkMode === 'host' && r.port === 0) ? [] : [{ hostPort: r.port }];
  return { count: r.count, cpu: r.cpu, memory: r.memory, networkMode: r.networkMode, ports, group: r.group, strategies: r.strategies, constraints };
}

/** Brute force: scan every instance, filter, score by the chain, take the minimum (index last). */
function bruteForce(fleet: Fleet, r: Req): number {
  const req = toRequest(r);
  let best = -1;
  let bestKey: number[] = [];
  const counts = fleet.groupCountsOf(r.group);
  for (let i = 0; i < fleet.size; i++) {
    if (fleet.status[i] !== 0 || fleet.agent[i] !== 1) continue;
    if (fleet.cpuRemaining[i]! < r.cpu || fleet.memoryRemaining[i]! < r.memory) continue;
    if (r.networkMode === 'awsvpc' && fleet.enisFree[i]! < 1) continue;
    const p = req.ports![0];
    if (p && p.hostPort > 0 && fleet.tcp[i]!.has(p.hostPort)) continue;
    if (r.member && fleet.attributes[i]!.get('rack') !== 'r1') continue;
    if (r.distinct && counts[i]! > 0) continue;
    const key: number[] = [];
    for (const s of r.strategies) {
      if (s.type === 'binpack') key.push(s.field === 'cpu' ? fleet.cpuRemaining[i]! : fleet.memoryRemaining[i]!);
      else if (s.type === 'spread' && s.field === 'instanceId') key.push(counts[i]!);
      else if (s.type === 'spread') {
        const a = s.field.slice(10);
        const v = fleet.attributes[i]!.get(a);
        let n = 0;
        for (let j = 0; j < fleet.size; j++) if (fleet.attributes[j]!.get(a) === v) n += counts[j]!;
        key.push(n);
      }
    }
    key.push(i);
    if (best < 0 || cmp(key, bestKey) < 0) {
      best = i;
      bestKey = key;
    }
  }
  return best;
}

function cmp(a: readonly number[], b: readonly number[]): number {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k]! - b[k]!;
  return 0;
}

describe('placeTasks properties', () => {
  it('places exactly where a brute-force scan does, and never over-commits or violates a constraint', () => {
    fc.assert(
      fc.property(fleetArb, fc.array(requestArb, { minLength: 1, maxLength: 6 }), (specs, reqs) => {
        const fleet = fleetOf(specs);
        const model = fleetOf(specs);
        for (const r of reqs) {
          // The model places one task at a time by brute force, on its own copy.
          const expected: string[] = [];
          for (let t = 0; t < r.count; t++) {
            const i = bruteForce(model, r);
            if (i < 0) break;
            expected.push(model.ids[i]!);
            place(model, { ...toRequest(r), count: 1, strategies: [], ...pinned(model, i) });
          }
          const got = place(fleet, toRequest(r));
          expect(got.placements, 'the indexed search agrees with the brute-force scan').toEqual(expected);
          expect(got.failures.length + got.placements.length).toBe(r.count);
        }
        for (let i = 0; i < fleet.size; i++) {
          expect(fleet.cpuRemaining[i], 'CPU is never over-committed').toBeGreaterThanOrEqual(0);
          expect(fleet.memoryRemaining[i], 'memory is never over-committed').toBeGreaterThanOrEqual(0);
          expect(fleet.enisFree[i], 'ENIs are never over-committed').toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('spread by Availability Zone keeps max − min ≤ 1 when capacity allows, and a seed fixes random placements', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 30 }), fc.integer({ min: 1, max: 60 }), fc.integer(), (n, count, seed) => {
        const specs = Array.from({ length: n }, (_, k): ContainerInstanceSpec => ({ instanceId: `i-${k}`, instanceType: 'm5.xlarge', availabilityZone: AZS[k % 3]! }));
        const fleet = fleetOf(specs);
        const r = place(fleet, { count, cpu: 0, memory: 16, networkMode: 'bridge', group: 'g', strategies: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }, { type: 'random' }], seed });
        const per = AZS.map((az) => r.placements.filter((id) => fleet.attributes[fleet.indexOf(id)]!.get('ecs.availability-zone') === az).length);
        expect(Math.max(...per) - Math.min(...per), 'zones stay balanced').toBeLessThanOrEqual(1);
        const again = place(fleetOf(specs), { count, cpu: 0, memory: 16, networkMode: 'bridge', group: 'g', strategies: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }, { type: 'random' }], seed });
        expect(again.placements, 'same seed, same placements').toEqual(r.placements);
      }),
      { numRuns: 50 },
    );
  });

  it('dynamic and static host ports are never handed out twice on one instance', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 3 }), (count, dyn) => {
        const fleet = fleetOf([{ instanceId: 'i-0', instanceType: 'm5.4xlarge', availabilityZone: 'us-east-1a' }]);
        const ports = [...Array.from({ length: dyn }, () => ({ hostPort: 0 })), { hostPort: 8080 }];
        const r = place(fleet, { count, cpu: 0, memory: 16, networkMode: 'bridge', group: 'g', ports });
        const all = r.allocations.flatMap((a) => a.tcpPorts);
        expect(new Set(all).size, 'no port twice').toBe(all.length);
        expect(all.filter((p) => p < EPHEMERAL_FIRST && p !== 8080)).toEqual([]);
        expect(r.placements.length).toBe(1); // 8080 fits once
      }),
      { numRuns: 30 },
    );
  });
});

/** A request that lands on instance `i` of the model: a memberOf pinned to its id (the model's bookkeeping step). */
function pinned(model: Fleet, i: number): { constraints: PlacementConstraint[] } {
  const id = model.ids[i]!;
  return { constraints: [{ type: 'memberOf', expression: `ec2InstanceId == ${id}`, predicate: (v) => v.instanceId === id }] };
}
