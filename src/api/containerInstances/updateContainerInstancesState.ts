/**
 * UpdateContainerInstancesState (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_UpdateContainerInstancesState.html):
 * sets up to 10 instances ACTIVE or DRAINING. Unknown (and deregistered) instances come back in `failures` with
 * reason `MISSING`. A DRAINING instance takes no new tasks, and the services with tasks on it move them elsewhere
 * within their deployment configuration (`src/scheduler/service/drainedTasks.ts`); standalone tasks stay. An
 * instance already in the status is returned unchanged.
 *
 * @module
 */
import type { UpdateContainerInstancesStateResponse } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { literals } from '../../codecs/common.js';
import { StringListCodec, struct } from '../../codecs/struct.js';
import { invalidParameter, type EcsError } from '../../domain/errors.js';
import type { Wire } from '../../domain/wire.js';
import { getActiveCluster } from '../clusters/getCluster.js';
import { listSizeMessage } from '../listSize.js';
import { defineOperation } from '../operation.js';
import { containerInstanceToWire } from './containerInstanceWire.js';
import { lookupInstance, missingArn } from './findContainerInstance.js';
import { markDrainedServices } from '../../scheduler/service/drainedTasks.js';
import { storeInstance } from './registration.js';

/** Most instances per call (API reference: "A list of up to 10 container instance IDs or full ARN entries"). */
export const MAX_UPDATE_CONTAINER_INSTANCES = 10;

/** UpdateContainerInstancesState request. */
export const UpdateContainerInstancesStateInput = struct(
  'UpdateContainerInstancesStateRequest',
  {
    cluster: t.string,
    containerInstances: StringListCodec,
    status: literals(['ACTIVE', 'DRAINING', 'REGISTERING', 'DEREGISTERING', 'REGISTRATION_FAILED']),
  },
  ['containerInstances', 'status'],
);

/** UpdateContainerInstancesState. */
export const updateContainerInstancesState = defineOperation({
  name: 'UpdateContainerInstancesState',
  input: UpdateContainerInstancesStateInput,
  run: (tx, input): E.Either<EcsError, Wire<UpdateContainerInstancesStateResponse>> => {
    const cluster = getActiveCluster(tx, input.cluster);
    if (E.isLeft(cluster)) return cluster;
    const status = input.status;
    if (status !== 'ACTIVE' && status !== 'DRAINING') {
      // The API reference: "Only ACTIVE or DRAINING status can be used"; the wording is the twin's (SIM RULE).
      return E.left(invalidParameter(`status: a container instance can only be set to ACTIVE or DRAINING, got ${status}.`));
    }
    if (input.containerInstances.length === 0) return E.left(invalidParameter('containerInstances can not be empty.'));
    if (input.containerInstances.length > MAX_UPDATE_CONTAINER_INSTANCES) {
      return E.left(invalidParameter(listSizeMessage('containerInstances', MAX_UPDATE_CONTAINER_INSTANCES)));
    }
    const containerInstances: NonNullable<Wire<UpdateContainerInstancesStateResponse>['containerInstances']> = [];
    const failures: NonNullable<Wire<UpdateContainerInstancesStateResponse>['failures']> = [];
    for (const ref of input.containerInstances) {
      const ci = lookupInstance(tx, cluster.right.name, ref);
      if (ci === undefined || ci.status === 'INACTIVE') {
        failures.push({ arn: missingArn(tx, cluster.right.name, ref), reason: 'MISSING' });
        continue;
      }
      const next = ci.status === status ? ci : { ...ci, status, version: ci.version + 1 };
      if (next !== ci) {
        storeInstance(tx, next);
        if (status === 'DRAINING') markDrainedServices(tx, next);
      }
      containerInstances.push(containerInstanceToWire(next));
    }
    return E.right({ containerInstances, failures });
  },
});
