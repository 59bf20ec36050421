/**
 * DeleteCluster.
 *
 * @module
 */
import type { DeleteClusterResponse } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { struct } from '../../codecs/struct.js';
import { ecsError } from '../../domain/errors.js';
import type { Wire } from '../../domain/wire.js';
import { defineOperation } from '../operation.js';
import { getActiveCluster } from './getCluster.js';
import { replaceCluster } from './replaceCluster.js';

/** ECS's message while services are ACTIVE or DRAINING ([OBS], reference §14.2). */
export const CLUSTER_CONTAINS_SERVICES_MESSAGE = 'The Cluster cannot be deleted while Services are active.';
/** ECS's message while tasks are not yet STOPPED ([OBS], reference §14.2). */
export const CLUSTER_CONTAINS_TASKS_MESSAGE = 'The Cluster cannot be deleted while Tasks are active.';

/**
 * ECS's message while container instances are registered (reference §14.2: wording **UNVERIFIED**; the API
 * reference: "You must deregister all container instances from this cluster before you may delete it").
 */
export const CLUSTER_CONTAINS_INSTANCES_MESSAGE = 'The Cluster cannot be deleted while Container Instances are active or draining.';

/** DeleteCluster request: `cluster` (name or ARN) is required. */
export const DeleteClusterInput = struct('DeleteClusterRequest', { cluster: t.string }, ['cluster']);

/**
 * DeleteCluster: marks an ACTIVE cluster INACTIVE and returns it. Refused while container instances are registered
 * (`ClusterContainsContainerInstancesException`), it has active services
 * (`ClusterContainsServicesException`) or tasks not yet STOPPED (`ClusterContainsTasksException`), read from the
 * cluster's counters. The cluster stays in the World, so DescribeClusters still describes it as INACTIVE and
 * CreateCluster can reuse the name.
 */
export const deleteCluster = defineOperation({
  name: 'DeleteCluster',
  input: DeleteClusterInput,
  run: (tx, input) => {
    const found = getActiveCluster(tx, input.cluster);
    if (E.isLeft(found)) return found;
    const cluster = found.right;
    if ((cluster.registeredContainerInstancesCount ?? 0) > 0) {
      return E.left(ecsError('ClusterContainsContainerInstancesException', CLUSTER_CONTAINS_INSTANCES_MESSAGE));
    }
    if (cluster.activeServicesCount > 0) {
      return E.left(ecsError('ClusterContainsServicesException', CLUSTER_CONTAINS_SERVICES_MESSAGE));
    }
    if (cluster.activeTasksCount > 0) {
      return E.left(ecsError('ClusterContainsTasksException', CLUSTER_CONTAINS_TASKS_MESSAGE));
    }
    return E.right<never, Wire<DeleteClusterResponse>>(replaceCluster(tx, cluster, { ...cluster, status: 'INACTIVE' }));
  },
});
