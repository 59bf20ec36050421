/**
 * Timers: everything that happens later happens through a timer held in the World. `advance` fires due timers in
 * `(atMs, seq)` order, so timers due at the same instant fire in the order they were scheduled.
 *
 * @module
 */
import { compareTimeSeq, type TimeSeq } from './btree.js';

/**
 * A scheduled piece of work. Variants are added by the subsystems that schedule them.
 *
 * - `TaskLifecycle`: the next step of one task (`src/scheduler/lifecycle.ts`). A task has at most one pending
 *   lifecycle timer, which it keeps (`Task.timer`), so a stop can cancel and replace it. What the step does is
 *   decided by the task's state when it fires (the next transition, a scripted container exit, or, once STOPPED,
 *   the end of its retention).
 * - `ClientTokenExpiry`: forgets a RunTask idempotency token.
 * - `TaskDefinitionDeletion`: deletes a DELETE_IN_PROGRESS revision for good if nothing references it any more
 *   (`src/api/taskDefinitions/completeDeletion.ts`).
 * - `ServicePass`: one pass of the service scheduler over one service (`src/scheduler/service/servicePass.ts`); a
 *   service has at most one pending (`Service.passTimer`).
 */
export type Timer =
  | { readonly _tag: 'TaskLifecycle'; readonly taskSeq: number }
  | { readonly _tag: 'ClientTokenExpiry'; readonly tokenKey: string }
  | { readonly _tag: 'TaskDefinitionDeletion'; readonly taskDefinitionKey: string }
  | { readonly _tag: 'ServicePass'; readonly serviceKey: string };

/**
 * A timer in the queue: the work, its due time `atMs`, and `seq`, which orders timers due at the same instant by
 * when they were scheduled. One object is both the queue's key and its entry (one allocation per scheduling).
 */
export type ScheduledTimer = Timer & TimeSeq;

/** Orders scheduled timers by time, then sequence. */
export const compareTimers: (a: ScheduledTimer, b: ScheduledTimer) => number = compareTimeSeq;
