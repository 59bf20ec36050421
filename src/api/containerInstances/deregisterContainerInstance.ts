/**
 * DeregisterContainerInstance (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeregisterContainerInstance.html):
 * the instance turns INACTIVE and leaves its cluster's count; it stays describable. With tasks on it, only `force`
 * deregisters it (the tasks would keep running, orphaned, as the API reference describes); no task runs on an
 * instance yet, but the rule is kept for when placement puts them there.
 *
 * @module
 */
import type { DeregisterContainerInstanceResponse } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { struct } from '../../codecs/struct.js';
import { invalidParameter, type EcsError } from '../../domain/errors.js';
import type { Wire } from '../../domain/wire.js';
import { getActiveCluster } from '../clusters/getCluster.js';
import { defineOperation } from '../operation.js';
import { containerInstanceToWire } from './containerInstanceWire.js';
import { lookupInstance } from './findContainerInstance.js';
import { markDrainedServices } from '../../scheduler/service/drainedTasks.js';
import { storeInstance } from './registration.js';

/** DeregisterContainerInstance request. */
export const DeregisterContainerInstanceInput = struct(
  'DeregisterContainerInstanceRequest',
  { cluster: t.string, containerInstance: t.string, force: t.boolean },
  ['containerInstance'],
);

/** The error for an instance the cluster does not have (SIM RULE: wording **UNVERIFIED**). */
export const INSTANCE_NOT_FOUND = 'The referenced container instance was not found.';

/** The error without `force` while tasks run on the instance (SIM RULE: wording **UNVERIFIED**). */
export const TASKS_RUNNING_ON_INSTANCE = 'Found running tasks on the container instance. Stop them first or deregister with force.';

/** DeregisterContainerInstance. */
export const deregisterContainerInstance = defineOperation({
  name: 'DeregisterContainerInstance',
  input: DeregisterContainerInstanceInput,
  run: (tx, input): E.Either<EcsError, Wire<DeregisterContainerInstanceResponse>> => {
    const cluster = getActiveCluster(tx, input.cluster);
    if (E.isLeft(cluster)) return cluster;
    const instance = lookupInstance(tx, cluster.right.name, input.containerInstance);
    if (instance === undefined || instance.status === 'INACTIVE') return E.left(invalidParameter(INSTANCE_NOT_FOUND));
    if (instance.runningTasksCount + instance.pendingTasksCount > 0 && input.force !== true) {
      return E.left(invalidParameter(TASKS_RUNNING_ON_INSTANCE));
    }
    const next = { ...instance, status: 'INACTIVE' as const, agentConnected: false, version: instance.version + 1 };
    storeInstance(tx, next);
    // With `force`, the services whose tasks were on it replace them (SIM RULE, see drainedTasks.ts).
    markDrainedServices(tx, next);
    return E.right({ containerInstance: containerInstanceToWire(next) });
  },
});
