/**
 * DescribeTasks: up to 100 tasks by id or ARN. Unknown ones are reported in `failures` as `MISSING`, never
 * thrown (reference §14.1). Stopped tasks stay describable for the World's retention period (1 hour by default).
 *
 * @module
 */
import type { DescribeTasksResponse } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { StringListCodec, struct } from '../../codecs/struct.js';
import { invalidParameter, type EcsError } from '../../domain/errors.js';
import type { Wire } from '../../domain/wire.js';
import { getActiveCluster } from '../clusters/getCluster.js';
import { listSizeMessage } from '../listSize.js';
import { defineOperation } from '../operation.js';
import { findTaskById } from '../../scheduler/taskStore.js';
import { readTaskRef, taskWire } from './taskWire.js';

/** Most tasks per DescribeTasks (reference §9.4). */
export const MAX_DESCRIBE_TASKS = 100;

/** DescribeTasks request. `include` is checked by the handler so the message can name the allowed value. */
export const DescribeTasksInput = struct(
  'DescribeTasksRequest',
  { cluster: t.string, tasks: StringListCodec, include: StringListCodec },
  ['tasks'],
);

/** DescribeTasks. `include: ['TAGS']` adds each task's tags. */
export const describeTasks = defineOperation({
  name: 'DescribeTasks',
  input: DescribeTasksInput,
  run: (tx, input): E.Either<EcsError, Wire<DescribeTasksResponse>> => {
    // [OBS] ECS's wording for an empty list.
    if (input.tasks.length === 0) return E.left(invalidParameter('Tasks cannot be empty.'));
    if (input.tasks.length > MAX_DESCRIBE_TASKS) {
      // ECS names the list `taskIds`, not `tasks` (gchq/sleeper#555, sil-org/ecs-deploy#266).
      return E.left(invalidParameter(listSizeMessage('taskIds', MAX_DESCRIBE_TASKS)));
    }
    const include = input.include ?? [];
    const bad = include.find((f) => f !== 'TAGS');
    if (bad !== undefined) return E.left(invalidParameter(`include should be one of [TAGS], but was '${bad}'.`));
    const cluster = getActiveCluster(tx, input.cluster);
    if (E.isLeft(cluster)) return cluster;
    const clusterName = cluster.right.name;
    const includeTags = include.includes('TAGS');
    const tasks: Wire<DescribeTasksResponse>['tasks'] = [];
    const failures: Wire<DescribeTasksResponse>['failures'] = [];
    const seen = new Set<string>();
    for (const ref of input.tasks) {
      const { taskId, arn } = readTaskRef(tx, clusterName, ref);
      const task = taskId === undefined ? undefined : findTaskById(tx, clusterName, taskId);
      // A task named twice (by id and by ARN) is described once.
      const dedupe = task ? taskId! : `?${arn}`;
      if (seen.has(dedupe)) continue;
      seen.add(dedupe);
      if (task) tasks.push(taskWire(tx, task, includeTags));
      else failures.push({ arn, reason: 'MISSING' });
    }
    return E.right({ tasks, failures });
  },
});
