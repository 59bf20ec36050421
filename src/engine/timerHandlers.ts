/**
 * What each kind of timer does when it fires. Handlers live with the subsystem that schedules them; this table
 * is the only place that knows them all, so the engine stays a plain loop.
 *
 * @module
 */
import type { Timer } from '../domain/timers.js';
import type { WorldTxn } from '../domain/txn.js';
import { completeTaskDefinitionDeletion } from '../api/taskDefinitions/completeDeletion.js';
import { stepTask } from '../scheduler/lifecycle.js';
import { runServicePass } from '../scheduler/service/servicePass.js';

/** Fires one timer inside the advancing transaction. */
export type TimerHandler<T extends Timer = Timer> = (tx: WorldTxn, timer: T) => void;

type HandlerTable = { readonly [K in Timer['_tag']]: TimerHandler<Extract<Timer, { _tag: K }>> };

const handlers: HandlerTable = {
  // The next step of one task's lifecycle (src/scheduler/lifecycle.ts).
  TaskLifecycle: (tx, timer) => stepTask(tx, timer.taskSeq),
  // A RunTask idempotency token's time is up: a later call with it launches new tasks.
  ClientTokenExpiry: (tx, timer) => {
    tx.table('clientTokens').delete(timer.tokenKey);
  },
  // A DELETE_IN_PROGRESS task definition may be deleted for good (src/api/taskDefinitions/completeDeletion.ts).
  TaskDefinitionDeletion: (tx, timer) => completeTaskDefinitionDeletion(tx, timer.taskDefinitionKey),
  // One pass of the service scheduler (src/scheduler/service/servicePass.ts).
  ServicePass: (tx, timer) => runServicePass(tx, timer.serviceKey),
};

/** Fires `timer` with its handler. */
export function fireTimer(tx: WorldTxn, timer: Timer): void {
  (handlers[timer._tag] as TimerHandler)(tx, timer);
}
