/**
 * The registry of implemented ECS operations, by name. Each operation lives in its own module.
 *
 * @module
 */
import { createCluster } from './clusters/createCluster.js';
import { deleteCluster } from './clusters/deleteCluster.js';
import { describeClusters } from './clusters/describeClusters.js';
import { listClusters } from './clusters/listClusters.js';
import { putClusterCapacityProviders } from './clusters/putClusterCapacityProviders.js';
import { updateCluster } from './clusters/updateCluster.js';
import { updateClusterSettings } from './clusters/updateClusterSettings.js';
import { listTagsForResource } from './tags/listTagsForResource.js';
import { tagResource } from './tags/tagResource.js';
import { untagResource } from './tags/untagResource.js';
import type { AnyOperation } from './operation.js';
import { registerTaskDefinition } from './taskDefinitions/registerTaskDefinition.js';
import { describeTaskDefinition } from './taskDefinitions/describeTaskDefinition.js';
import { deregisterTaskDefinition } from './taskDefinitions/deregisterTaskDefinition.js';
import { deleteTaskDefinitions } from './taskDefinitions/deleteTaskDefinitions.js';
import { listTaskDefinitions } from './taskDefinitions/listTaskDefinitions.js';
import { listTaskDefinitionFamilies } from './taskDefinitions/listTaskDefinitionFamilies.js';
import { runTask } from './tasks/runTask.js';
import { startTask } from './tasks/startTask.js';
import { stopTask } from './tasks/stopTask.js';
import { describeTasks } from './tasks/describeTasks.js';
import { listTasks } from './tasks/listTasks.js';
import { createService } from './services/createService.js';
import { updateService } from './services/updateService.js';
import { deleteService } from './services/deleteService.js';
import { describeServices } from './services/describeServices.js';
import { listServices } from './services/listServices.js';
import { registerContainerInstance } from './containerInstances/registerContainerInstance.js';
import { deregisterContainerInstance } from './containerInstances/deregisterContainerInstance.js';
import { describeContainerInstances } from './containerInstances/describeContainerInstances.js';
import { listContainerInstances } from './containerInstances/listContainerInstances.js';
import { updateContainerInstancesState } from './containerInstances/updateContainerInstancesState.js';
import { putAttributes } from './containerInstances/putAttributes.js';
import { deleteAttributes } from './containerInstances/deleteAttributes.js';
import { listAttributes } from './containerInstances/listAttributes.js';
import { createCapacityProvider } from './capacityProviders/createCapacityProvider.js';
import { deleteCapacityProvider } from './capacityProviders/deleteCapacityProvider.js';
import { describeCapacityProviders } from './capacityProviders/describeCapacityProviders.js';
import { updateCapacityProvider } from './capacityProviders/updateCapacityProvider.js';

const all: readonly AnyOperation[] = [
  createCluster,
  describeClusters,
  listClusters,
  deleteCluster,
  updateCluster,
  updateClusterSettings,
  putClusterCapacityProviders,
  createCapacityProvider,
  describeCapacityProviders,
  deleteCapacityProvider,
  updateCapacityProvider,
  tagResource,
  untagResource,
  listTagsForResource,
  registerTaskDefinition,
  describeTaskDefinition,
  deregisterTaskDefinition,
  deleteTaskDefinitions,
  listTaskDefinitions,
  listTaskDefinitionFamilies,
  runTask,
  startTask,
  stopTask,
  describeTasks,
  listTasks,
  createService,
  updateService,
  deleteService,
  describeServices,
  listServices,
  registerContainerInstance,
  deregisterContainerInstance,
  describeContainerInstances,
  listContainerInstances,
  updateContainerInstancesState,
  putAttributes,
  deleteAttributes,
  listAttributes,
];

/** Implemented operations by ECS operation name. */
export const operations: ReadonlyMap<string, AnyOperation> = new Map(all.map((op) => [op.name, op]));
