/**
 * Tasks on the wire for the task operations (RunTask, StopTask, DescribeTasks, ListTasks): the `Task` shape at
 * the transaction's time, and how a `task` request member (an id or a task ARN) names a task.
 *
 * @module
 */
import type { Task as SdkTask } from '@aws-sdk/client-ecs';
import { parseArn, taskArn } from '../../domain/arn.js';
import type { Task } from '../../domain/task.js';
import type { TaskDefinition } from '../../domain/taskDefinition.js';
import type { WorldTxn } from '../../domain/txn.js';
import type { Wire } from '../../domain/wire.js';
import { findTaskById } from '../../scheduler/taskStore.js';
import { taskToWire } from '../../scheduler/taskView.js';

/**
 * The `Task` of `task` as ECS shows it now (with `tags` when `includeTags`). A caller that holds the task's
 * definition already (RunTask) passes it as `definition`, saving a lookup per task.
 */
export function taskWire(tx: WorldTxn, task: Task, includeTags = false, definition?: TaskDefinition): Wire<SdkTask> {
  const td = definition ?? tx.table('taskDefinitions').get(task.spec.taskDefinitionKey);
  return taskToWire(tx.config, task, td, {
    nowMs: tx.nowMs,
    includeTags,
  });
}

// Long ids are 32 hex characters; legacy ids are UUIDs. Both are accepted as references.
const TASK_ID = /^(?:[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** What a `task` reference names within a cluster. */
export interface TaskRef {
  /** The task id, or `undefined` when the reference cannot name a task of this cluster. */
  readonly taskId: string | undefined;
  /** The ARN to report for the reference (in `failures`). */
  readonly arn: string;
}

/**
 * Reads a task reference: a task id, or a task ARN (`…:task/<cluster>/<id>`, or the legacy `…:task/<id>`) of this
 * World's Region and account. An ARN of another cluster names no task of `clusterName` (ECS looks tasks up in the
 * request's `cluster`).
 */
export function readTaskRef(tx: WorldTxn, clusterName: string, ref: string): TaskRef {
  if (!ref.startsWith('arn:')) {
    return { taskId: TASK_ID.test(ref) ? ref : undefined, arn: taskArn(tx.config, clusterName, ref) };
  }
  const arn = parseArn(ref);
  if (!arn || arn.resourceType !== 'task' || arn.region !== tx.config.region || arn.accountId !== tx.config.accountId) {
    return { taskId: undefined, arn: ref };
  }
  const parts = arn.resourceParts;
  const id = parts[parts.length - 1]!;
  const sameCluster = parts.length === 1 || (parts.length === 2 && parts[0] === clusterName);
  return { taskId: sameCluster && TASK_ID.test(id) ? id : undefined, arn: ref };
}

/** The task a reference names in `clusterName`, if it exists. */
export function findTask(tx: WorldTxn, clusterName: string, ref: string): Task | undefined {
  const { taskId } = readTaskRef(tx, clusterName, ref);
  return taskId === undefined ? undefined : findTaskById(tx, clusterName, taskId);
}
