/**
 * StopTask: stops a task. ECS sets `desiredStatus: STOPPED` at once and returns the task (still RUNNING, or
 * wherever it was); the task then walks through DEACTIVATING, STOPPING and DEPROVISIONING on the virtual clock.
 *
 * @module
 */
import type { StopTaskResponse } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { struct } from '../../codecs/struct.js';
import { invalidParameter, type EcsError } from '../../domain/errors.js';
import type { Wire } from '../../domain/wire.js';
import { USER_STOP_REASON, requestStop } from '../../scheduler/lifecycle.js';
import { putTask } from '../../scheduler/taskStore.js';
import { getActiveCluster } from '../clusters/getCluster.js';
import { defineOperation } from '../operation.js';
import { taskToWire } from '../../scheduler/taskView.js';
import { defineLazyMember } from '../lazyMember.js';
import { findTask } from './taskWire.js';
import { specWithTags } from '../../scheduler/taskSpecTags.js';

/** StopTask request. */
export const StopTaskInput = struct('StopTaskRequest', { cluster: t.string, task: t.string, reason: t.string }, ['task']);

/** ECS's answer for a task that does not exist in the cluster ([OBS], e.g. aws/aws-cli issues). */
export const TASK_NOT_FOUND = 'The referenced task was not found.';

/**
 * StopTask: `reason` becomes `stoppedReason` (default "Task stopped by user", `stopCode: UserInitiated`). Any tags
 * of the task are deleted, as the API reference says. Stopping a task that is already stopping or stopped returns
 * it unchanged (apart from its tags).
 */
export const stopTask = defineOperation({
  name: 'StopTask',
  input: StopTaskInput,
  run: (tx, input): E.Either<EcsError, Wire<StopTaskResponse>> => {
    const cluster = getActiveCluster(tx, input.cluster);
    if (E.isLeft(cluster)) return cluster;
    const found = findTask(tx, cluster.right.name, input.task);
    if (!found) return E.left(invalidParameter(TASK_NOT_FOUND));
    // "Any tags associated with the task will be deleted." (API_StopTask). Tags are not in events: no new version.
    let task = found;
    if (task.spec.tags.length > 0) {
      task = { ...task, spec: specWithTags(tx, task.spec, []) };
      putTask(tx, found, task);
    }
    const reason = input.reason !== undefined && input.reason !== '' ? input.reason : USER_STOP_REASON;
    const stopped = requestStop(tx, task, 'UserInitiated', reason);
    // The task as of now, built when first read (lazyMember.ts): a script stopping thousands of tasks rarely reads
    // the answers, and building each was a tenth of a StopTask call. Everything it is built from is immutable.
    const { config, nowMs } = tx;
    const definition = tx.table('taskDefinitions').get(stopped.spec.taskDefinitionKey);
    return E.right(defineLazyMember({}, 'task', () => taskToWire(config, stopped, definition, { nowMs, includeTags: false })) as Wire<StopTaskResponse>);
  },
});
