// Properties of configured fleets (issue 11), for random fleets: the same configuration gives byte-identical
// Worlds; every cluster lists exactly its fleets' instances, spread over their zones with at most one instance
// of difference, with the instance type's registered resources; ids are unique; the snapshot round-trips.
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { expect } from 'vitest';
import { deserializeWorld, serializeWorld } from '../../../src/codecs/worldSnapshot.js';
import { createWorld } from '../../../src/engine/createWorld.js';
import { registeredCapacity } from '../../../src/scheduler/placement/instanceTypes.js';
import { listAll, ZONES } from './harness.js';

const fleetArb = fc.record({
  cluster: fc.constantFrom('a', 'b'),
  instanceType: fc.constantFrom('m5.large', 'c6g.xlarge', 'r5.2xlarge', 't3.micro'),
  count: fc.integer({ min: 0, max: 12 }),
  availabilityZones: fc.subarray(ZONES, { minLength: 1 }),
});

test.prop([fc.array(fleetArb, { minLength: 1, maxLength: 4 }), fc.nat()], { numRuns: 30 })(
  'configured fleets are deterministic, complete, balanced across zones and round-trip through snapshots',
  (fleets, seed) => {
    // A `fleet` attribute tells each instance's fleet apart.
    const config = { seed, containerInstances: fleets.map((f, i) => ({ ...f, attributes: { fleet: String(i) } })) };
    const w = createWorld(config);
    const text = serializeWorld(w);
    expect(serializeWorld(createWorld(config)), 'same configuration, same bytes').toBe(text);
    const back = deserializeWorld(text);
    expect(E.isRight(back) && serializeWorld(back.right)).toBe(text);
    for (const cluster of ['a', 'b']) {
      const mine = fleets.filter((f) => f.cluster === cluster);
      if (mine.length === 0) continue;
      const arns = listAll(w, { cluster });
      expect(arns).toHaveLength(mine.reduce((n, f) => n + f.count, 0));
      expect(new Set(arns).size, 'ids are unique').toBe(arns.length);
    }
    fleets.forEach((f, i) => {
      const cap = registeredCapacity(f.instanceType)!;
      const value = (ci: { attributes: readonly { name: string; value?: string }[] }, name: string) => ci.attributes.find((a) => a.name === name)?.value;
      const ofFleet = [...w.containerInstances.values()].filter((ci) => ci.cluster === f.cluster && value(ci, 'fleet') === String(i));
      expect(ofFleet).toHaveLength(f.count);
      for (const ci of ofFleet) {
        expect(value(ci, 'ecs.instance-type')).toBe(f.instanceType);
        expect(value(ci, 'ecs.cpu-architecture')).toBe(cap.architecture);
        expect([ci.registeredResources.cpu, ci.registeredResources.memory]).toEqual([cap.cpuUnits, cap.memoryMiB]);
        expect(f.availabilityZones).toContain(value(ci, 'ecs.availability-zone'));
      }
      // Round-robin within the fleet: zone counts differ by at most one.
      const perZone = f.availabilityZones.map((z) => ofFleet.filter((ci) => value(ci, 'ecs.availability-zone') === z).length);
      expect(Math.max(...perZone) - Math.min(...perZone), `fleet ${i}`).toBeLessThanOrEqual(1);
    });
  },
);
