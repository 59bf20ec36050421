/**
 * The records of the account's ledgers kept in the World: the address allocator of each subnet and the
 * launch-rate token buckets. They are plain immutable data; what they mean and how they change is in
 * `src/scheduler/subnetIps.ts` and `src/scheduler/tokenBucket.ts`, which are the only writers.
 *
 * @module
 */
import type { PMap } from './pmap.js';

/**
 * Which addresses of one subnet are held by tasks. Immutable; every operation returns a new state (or the same
 * object when nothing changes).
 */
export interface SubnetIps {
  /** Addresses currently held by tasks. */
  readonly inUse: number;
  /** Offsets `[0, nextOffset)` have been allocated at least once; offsets from here up have never been used. */
  readonly nextOffset: number;
  /** Offsets below `nextOffset` that are free again (a set: the value is always `true`). */
  readonly freed: PMap<number, true>;
  /** Usable addresses taken by ENIs other than tasks'; tasks may hold at most `usableIpCount − reservedCount`. */
  readonly reservedCount: number;
}

/**
 * A token bucket at a point of virtual time. Plain data, so it can live in a World and serialise.
 */
export interface TokenBucket {
  /** Most tokens the bucket holds (the burst). */
  readonly capacity: number;
  /** Tokens added per second of virtual time. */
  readonly refillPerSecond: number;
  /** Level at `updatedAtMs`, in thousandths of a token (an integer from 0 to `capacity × 1000`). */
  readonly milliTokens: number;
  /** Virtual time of the stored level, epoch milliseconds. */
  readonly updatedAtMs: number;
}
