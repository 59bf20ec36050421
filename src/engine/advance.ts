/**
 * `advance`: virtual time moves, and everything due happens in `(time, sequence)` order.
 *
 * @module
 */
import { describeValue } from '../codecs/reporter.js';
import { invalidParameter, type EcsError } from '../domain/errors.js';
import type { EcsEvent } from '../domain/events.js';
import { MAX_TIME_MS } from '../domain/time.js';
import { WorldTxn } from '../domain/txn.js';
import type { World } from '../domain/world.js';
import { fireTimer } from './timerHandlers.js';

/** What `advance` returns. */
export interface AdvanceResult {
  readonly world: World;
  /** Events emitted by the timers that fired, in firing order. */
  readonly events: readonly EcsEvent[];
  /** Present when the step was refused; then `world` is the World passed in, unchanged, and no timer fired. */
  readonly error?: EcsError;
  /** How many timers fired (0 when refused): the simulator's throughput figure. */
  readonly timersFired?: number;
}

/**
 * Upper bound on timers fired by one `advance`: a guard against a timer that keeps rescheduling itself at the
 * same instant. Far above any real burst (a million tasks each take a handful of steps).
 */
export const MAX_TIMERS_PER_ADVANCE = 50_000_000;

/**
 * Moves the virtual clock forward by `ms` and fires every timer due up to the new time, in `(atMs, seq)` order.
 * Nothing happens between calls. All timers that fire in one call are applied in one batch, so a burst of a
 * hundred thousand task transitions copies each touched tree node once.
 *
 * `ms` must be a non-negative integer, and the clock must stay within what a `Date` can hold
 * ({@link MAX_TIME_MS}); any other step (negative, fractional, NaN, infinite, or past that instant) moves nothing:
 * it returns `world` itself, no events, and an `InvalidParameterException` in `error`.
 *
 * @example
 * ```ts
 * const { world: later, events } = advance(world, 60_000); // one virtual minute
 * ```
 */
export function advance(world: World, ms: number): AdvanceResult {
  if (typeof ms !== 'number' || !Number.isSafeInteger(ms) || ms < 0) {
    return { world, events: [], error: invalidParameter(`ms: expected an integer number of milliseconds ≥ 0, got ${describeValue(ms)}.`) };
  }
  const target = world.nowMs + ms;
  if (target > MAX_TIME_MS) {
    return {
      world,
      events: [],
      error: invalidParameter(`ms: a step of ${ms} ms moves the clock past ${MAX_TIME_MS}, the largest time a Date can hold.`),
    };
  }
  const tx = new WorldTxn(world);
  const timers = tx.timers();
  let fired = 0;
  for (; fired < MAX_TIMERS_PER_ADVANCE; fired++) {
    const timer = timers.minKey();
    if (timer === undefined || timer.atMs > target) break;
    // `minKey` and `takeMin` walk the queue's leftmost path without comparing keys.
    timers.takeMin();
    tx.setNowMs(timer.atMs);
    fireTimer(tx, timer);
  }
  tx.setNowMs(target);
  return { world: tx.commit(), events: tx.events, timersFired: fired };
}
