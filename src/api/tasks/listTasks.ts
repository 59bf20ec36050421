/**
 * ListTasks: task ARNs of a cluster, filtered by family, startedBy, service name, container instance, desired status
 * and launch type, a page at a time. Each filter is a range scan of a secondary index (`src/scheduler/taskIndex.ts`), so a page
 * costs O(log n + page) however many tasks the World holds.
 *
 * @module
 */
import type { ListTasksResponse } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { Int, literals } from '../../codecs/common.js';
import { struct } from '../../codecs/struct.js';
import { taskArn } from '../../domain/arn.js';
import { invalidParameter, type EcsError } from '../../domain/errors.js';
import type { Wire } from '../../domain/wire.js';
import { indexPrefix, indexRange, serviceNameOf, taskSeqOfIndexKey, type TaskIndexKind } from '../../scheduler/taskIndex.js';
import { getActiveCluster } from '../clusters/getCluster.js';
import { instanceIdOf } from '../containerInstances/findContainerInstance.js';
import { defineOperation } from '../operation.js';
import { collectPage, readPage } from '../pagination.js';
import { checkServiceExists } from './checkServiceExists.js';
import { startedByIndexKeys } from './startedByTasks.js';

/** ListTasks request. */
export const ListTasksInput = struct('ListTasksRequest', {
  cluster: t.string,
  containerInstance: t.string,
  family: t.string,
  nextToken: t.string,
  maxResults: Int,
  startedBy: t.string,
  serviceName: t.string,
  desiredStatus: literals(['RUNNING', 'PENDING', 'STOPPED']),
  launchType: literals(['EC2', 'FARGATE', 'EXTERNAL', 'MANAGED_INSTANCES']),
});

/**
 * ListTasks. A `serviceName` must name a service of the cluster ({@link checkServiceExists}: today none exists, so
 * it answers `ServiceNotFoundException`). `desiredStatus` defaults to RUNNING; `PENDING` lists nothing (ECS never
 * sets it). `startedBy` must be
 * the only filter (API reference: "When you specify startedBy as the filter, it must be the only filter that you
 * use"; `desiredStatus` is not counted, it always applies). A `containerInstance` (id or ARN) "limits the results
 * to tasks that belong to that container instance" (API reference): its EC2 tasks, read from the `I` index, with
 * the other filters applied per task. SIM RULE: a reference that names no instance of the cluster lists nothing
 * (the API reference gives no error for it).
 */
export const listTasks = defineOperation({
  name: 'ListTasks',
  input: ListTasksInput,
  run: (tx, input): E.Either<EcsError, Wire<ListTasksResponse>> => {
    const page = readPage('ListTasks', input);
    if (E.isLeft(page)) return page;
    const cluster = getActiveCluster(tx, input.cluster);
    if (E.isLeft(cluster)) return cluster;
    const clusterName = cluster.right.name;
    if (
      input.startedBy !== undefined &&
      (input.family !== undefined || input.serviceName !== undefined || input.containerInstance !== undefined ||
        input.launchType !== undefined)
    ) {
      return E.left(invalidParameter('startedBy must be the only filter when it is given (with an optional desiredStatus).'));
    }
    if (input.serviceName !== undefined) {
      const service = checkServiceExists(tx, clusterName, input.serviceName);
      if (E.isLeft(service)) return service;
    }
    const desired = input.desiredStatus ?? 'RUNNING';
    if (desired === 'PENDING') return E.right({ taskArns: [] });

    let kind: TaskIndexKind = 'D';
    let value: string | undefined;
    if (input.containerInstance !== undefined) {
      const id = instanceIdOf(tx, clusterName, input.containerInstance);
      if (id === undefined || id.length === 0 || id.includes('\u0000')) return E.right({ taskArns: [] });
      [kind, value] = ['I', id];
    } else if (input.startedBy !== undefined) [kind, value] = ['S', input.startedBy];
    else if (input.family !== undefined) [kind, value] = ['F', input.family];
    else if (input.serviceName !== undefined) [kind, value] = ['V', input.serviceName];
    // The D index holds the launch type in its key; other indexes filter it per task, as they do a service name.
    const prefix = indexPrefix(kind, clusterName, desired, value, kind === 'D' ? input.launchType : undefined);
    // A token carries the last index key returned: one from another cluster or filter lies outside this range.
    if (page.right.afterKey !== undefined && !page.right.afterKey.startsWith(prefix)) {
      return E.left(invalidParameter('The nextToken provided is invalid.'));
    }
    // Filters the chosen index does not hold in its keys are checked on the task.
    const needsTask =
      kind === 'I'
        ? input.launchType !== undefined || input.family !== undefined || input.serviceName !== undefined
        : kind !== 'D' && kind !== 'S' && (input.launchType !== undefined || (kind === 'F' && input.serviceName !== undefined));
    const tasks = tx.table('tasks');
    // startedBy: the S range, and the tasks of a deployment of that id found through their services (startedByTasks.ts).
    const keys =
      input.startedBy !== undefined
        ? startedByIndexKeys(tx, clusterName, input.startedBy, desired, page.right.afterKey)
        : indexRange(tx, prefix, page.right.afterKey);
    const entries = (function* () {
      for (const k of keys) yield [k, k] as const;
    })();
    const { items, nextToken } = collectPage('ListTasks', page.right, entries, (k) => {
      const task = tasks.get(taskSeqOfIndexKey(k));
      if (!task) return undefined;
      if (needsTask) {
        if (input.launchType !== undefined && task.spec.launchType !== input.launchType) return undefined;
        if ((kind === 'F' || kind === 'I') && input.serviceName !== undefined && serviceNameOf(task) !== input.serviceName) return undefined;
        if (kind === 'I' && input.family !== undefined && task.spec.family !== input.family) return undefined;
      }
      return taskArn(tx.config, clusterName, task.taskId);
    });
    return E.right(nextToken === undefined ? { taskArns: items } : { taskArns: items, nextToken });
  },
});
