/**
 * Timers: everything that happens later happens through a timer held in the World. `advance` fires due timers in
 * `(atMs, seq)` order, so timers due at the same instant fire in the order they were scheduled.
 *
 * @module
 */

/** A scheduled piece of work. Variants are added by the subsystems that schedule them. */
export type Timer = { readonly _tag: 'Noop' };

/** Position of a timer in the queue: due time, then scheduling sequence. */
export type TimerKey = readonly [atMs: number, seq: number];

/** Orders timer keys by time, then sequence. */
export const compareTimerKeys = (a: TimerKey, b: TimerKey): number => a[0] - b[0] || a[1] - b[1];
