/**
 * `advance`: virtual time moves, and everything due happens in `(time, sequence)` order.
 *
 * @module
 */
import type { EcsEvent } from '../domain/events.js';
import { WorldTxn } from '../domain/txn.js';
import type { World } from '../domain/world.js';
import { fireTimer } from './timerHandlers.js';

/** What `advance` returns. */
export interface AdvanceResult {
  readonly world: World;
  /** Events emitted by the timers that fired, in firing order. */
  readonly events: readonly EcsEvent[];
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
 * `ms` must be a non-negative integer; any other value (negative, fractional, NaN, infinite) moves nothing and
 * returns `world` itself.
 *
 * @example
 * ```ts
 * const { world: later, events } = advance(world, 60_000); // one virtual minute
 * ```
 */
export function advance(world: World, ms: number): AdvanceResult {
  if (!Number.isSafeInteger(ms) || ms < 0) return { world, events: [] };
  const target = world.nowMs + ms;
  const tx = new WorldTxn(world);
  const timers = tx.table('timers');
  for (let fired = 0; fired < MAX_TIMERS_PER_ADVANCE; fired++) {
    const timer = timers.minKey();
    if (timer === undefined || timer.atMs > target) break;
    // `minKey` and `takeMin` walk the leftmost path without comparing keys.
    timers.takeMin();
    tx.setNowMs(timer.atMs);
    fireTimer(tx, timer);
  }
  tx.setNowMs(target);
  return { world: tx.commit(), events: tx.events };
}
