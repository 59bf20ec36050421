/**
 * How many tasks reference each task-definition revision (`World.taskDefinitionUse`), and the deletion check of
 * a DELETE_IN_PROGRESS revision that this count gates (`src/api/taskDefinitions/completeDeletion.ts`).
 *
 * @module
 */
import { TASK_DEFINITION_DELETION_DELAY_MS } from '../domain/taskDefinition.js';
import type { WorldTxn } from '../domain/txn.js';

/** Whether no task in the World references the revision. */
export const isUnreferenced = (tx: WorldTxn, taskDefinitionKey: string): boolean =>
  (tx.table('taskDefinitionUse').get(taskDefinitionKey) ?? 0) === 0;

/** Schedules the check that deletes a DELETE_IN_PROGRESS revision if nothing references it by then. */
export function scheduleDeletionCheck(tx: WorldTxn, taskDefinitionKey: string): void {
  tx.schedule(tx.nowMs + TASK_DEFINITION_DELETION_DELAY_MS, { _tag: 'TaskDefinitionDeletion', taskDefinitionKey });
}

/**
 * Adds `delta` tasks to the revision's count. When the count falls to zero on a DELETE_IN_PROGRESS revision (its
 * last task expired), schedules its deletion check.
 */
export function countTasksMutably(tx: WorldTxn, taskDefinitionKey: string, delta: number): void {
  const use = tx.table('taskDefinitionUse');
  const n = (use.get(taskDefinitionKey) ?? 0) + delta;
  if (n > 0) {
    use.set(taskDefinitionKey, n);
    return;
  }
  use.delete(taskDefinitionKey);
  if (tx.table('taskDefinitions').get(taskDefinitionKey)?.status === 'DELETE_IN_PROGRESS') {
    scheduleDeletionCheck(tx, taskDefinitionKey);
  }
}
