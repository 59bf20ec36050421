// Fault and behaviour functions take untrusted arguments (JavaScript callers, scenario files): invalid ones must
// never throw and never change the World — the same World comes back with an ECS-style error naming the problem.
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWorld, injectCapacityShortage, interruptSpotTasks, setBehaviors, setSubnetAvailability } from '../../src/index.js';

const world = createWorld({ seed: 5 });
const anyValue = fc.anything({ withNullPrototype: true, withBoxedValues: true });

describe('fault arguments are validated', () => {
  it('rejects null options with the World unchanged', () => {
    for (const r of [
      interruptSpotTasks(world, null as never),
      injectCapacityShortage(world, null as never),
      setBehaviors(world, null as never),
    ]) {
      expect(r.world).toBe(world);
      // null where an object or list belongs is the wrong JSON kind, as the AWS JSON protocol calls it.
      expect(r.error?.name).toBe('SerializationException');
    }
  });

  it('names the failing member of a behaviour rule', () => {
    const r = setBehaviors(world, [{ match: null as never, exitCode: 300 }]);
    expect(r.world).toBe(world);
    expect(r.error?.message).toContain('[0].exitCode');
  });

  it('rejects a duration distribution with minMs > maxMs', () => {
    const r = setBehaviors(world, [{ match: {}, pullMs: { medianMs: 5, minMs: 10, maxMs: 1 } }]);
    expect(r.world).toBe(world);
    expect(r.error?.message).toContain('[0].pullMs');
  });

  it('accepts a valid rule list', () => {
    const r = setBehaviors(world, [{ match: { image: '*:broken' }, failToStart: 'CannotPullContainerError: not found' }]);
    expect(r.error).toBeUndefined();
    expect(r.world.behaviors).toEqual([{ match: { image: '*:broken' }, failToStart: 'CannotPullContainerError: not found' }]);
  });

  it('rejects an unknown subnet or Availability Zone', () => {
    const s = setSubnetAvailability(world, 'subnet-00000000000000000', false);
    expect(s.world).toBe(world);
    expect(s.error?.message).toBe('subnetId "subnet-00000000000000000" is not a subnet of this world\'s network.');
    const c = injectCapacityShortage(world, { capacityProvider: 'FARGATE', availabilityZone: 'mars-1a', durationMs: 1000 });
    expect(c.world).toBe(world);
    expect(c.error?.message).toBe("availabilityZone 'mars-1a' has no subnet in this world's network.");
  });

  it('rejects a non-positive shortage window', () => {
    const c = injectCapacityShortage(world, { capacityProvider: 'FARGATE', availabilityZone: 'us-east-1a', durationMs: 0 });
    expect(c.world).toBe(world);
    expect(c.error?.message).toContain('durationMs');
  });

  test.prop([anyValue], { numRuns: 300 })('no argument makes a fault function throw', (arg) => {
    for (const r of [
      interruptSpotTasks(world, arg as never),
      injectCapacityShortage(world, arg as never),
      setBehaviors(world, arg as never),
      setSubnetAvailability(world, arg as never, arg as never),
    ]) {
      if (r.error !== undefined) expect(r.world).toBe(world);
    }
  });
});
