// Builders shared by the placement tests.
import * as E from 'fp-ts/lib/Either.js';
import { Rng, seedState } from '../../../src/domain/rng.js';
import { buildFleet, type ContainerInstanceSpec, type Fleet } from '../../../src/scheduler/placement/fleet.js';
import { placeTasks } from '../../../src/scheduler/placement/place.js';
import type { PlacementRequest, PlacementResult } from '../../../src/scheduler/placement/types.js';

export const AZS = ['us-east-1a', 'us-east-1b', 'us-east-1c'] as const;

/** A fleet from specs; fails the test on a bad spec. */
export function fleetOf(specs: readonly ContainerInstanceSpec[]): Fleet {
  const f = buildFleet(specs);
  if (E.isLeft(f)) throw new Error(f.left);
  return f.right;
}

/** `n` instances of one type, round-robin over the AZs, ids i-000…. */
export function uniformFleet(n: number, instanceType = 'm5.xlarge'): Fleet {
  return fleetOf(Array.from({ length: n }, (_, k) => ({ instanceId: `i-${String(k).padStart(3, '0')}`, instanceType, availabilityZone: AZS[k % 3]! })));
}

/** Places and fails the test on a bad request. */
export function place(fleet: Fleet, r: Omit<PlacementRequest, 'rng'> & { seed?: number }): PlacementResult {
  const out = placeTasks(fleet, { ...r, rng: new Rng(seedState(r.seed ?? 1, 2)) });
  if (E.isLeft(out)) throw new Error(out.left);
  return out.right;
}
