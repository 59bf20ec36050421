/**
 * The end of a task-definition revision: ECS deletes a DELETE_IN_PROGRESS revision for good once nothing
 * references it (DG/task-definition-state.html). The twin counts the tasks of each revision
 * (`World.taskDefinitionUse`, kept by `src/scheduler/taskDefinitionUse.ts`) and checks
 * `TASK_DEFINITION_DELETION_DELAY_MS` after the deletion request, or after the last task referencing the revision
 * expired, whichever is later.
 *
 * @module
 */
import type { TaskDefinition } from '../../domain/taskDefinition.js';
import type { WorldTxn } from '../../domain/txn.js';
import { isUnreferenced } from '../../scheduler/taskDefinitionUse.js';
import { removeTaskDefinitionMutably } from './storeTaskDefinition.js';

/**
 * The deletion check (a `TaskDefinitionDeletion` timer): deletes the revision if it is still DELETE_IN_PROGRESS
 * and unreferenced. A task launched meanwhile cannot exist (DELETE_IN_PROGRESS revisions start no tasks), so a
 * referenced revision is one whose last tasks have not expired yet: its last expiry schedules another check.
 */
export function completeTaskDefinitionDeletion(tx: WorldTxn, taskDefinitionKey: string): void {
  const td: TaskDefinition | undefined = tx.table('taskDefinitions').get(taskDefinitionKey);
  if (td?.status !== 'DELETE_IN_PROGRESS' || !isUnreferenced(tx, taskDefinitionKey)) return;
  removeTaskDefinitionMutably(tx, td);
}
