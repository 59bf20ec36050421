/**
 * Timers: everything that happens later happens through a timer held in the World. `advance` fires due timers in
 * `(atMs, seq)` order, so timers due at the same instant fire in the order they were scheduled.
 *
 * @module
 */
import { comparePairs } from './btree.js';

/**
 * A scheduled piece of work. Variants are added by the subsystems that schedule them.
 *
 * - `TaskLifecycle`: the next step of one task (`src/scheduler/lifecycle.ts`). A task has at most one pending
 *   lifecycle timer, whose key it stores (`Task.timer`), so a stop can cancel and replace it. What the step does is
 *   decided by the task's state when it fires (the next transition, a scripted container exit, or, once STOPPED,
 *   the end of its retention).
 * - `ClientTokenExpiry`: forgets a RunTask idempotency token.
 */
export type Timer =
  | { readonly _tag: 'TaskLifecycle'; readonly taskSeq: number }
  | { readonly _tag: 'ClientTokenExpiry'; readonly tokenKey: string };

/** Position of a timer in the queue: due time, then scheduling sequence. */
export type TimerKey = readonly [atMs: number, seq: number];

/** Orders timer keys by time, then sequence. */
export const compareTimerKeys: (a: TimerKey, b: TimerKey) => number = comparePairs;
