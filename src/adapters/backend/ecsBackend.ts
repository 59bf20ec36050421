/**
 * The `EcsBackend` port: the ECS operations ecs-twin's tooling (`importWorld`, `applyOperations`) uses, as a
 * readonly record of async functions keyed by the ECS operation name. Inputs and outputs are the shapes of
 * `@aws-sdk/client-ecs` (timestamps as `Date`), without the SDK's `$metadata`, so one caller works unchanged
 * against the twin ({@link twinBackend}) and against AWS or `ecs-twin serve` ({@link awsBackend}).
 *
 * A backend never throws for an ECS failure: it resolves to `Left` with the AWS exception name and message.
 *
 * @module
 */
import type * as Ecs from '@aws-sdk/client-ecs';
import type * as E from 'fp-ts/lib/Either.js';

/** An ECS exception as a value: the AWS exception name (`ClusterNotFoundException`, …) and its message. */
export interface BackendError {
  readonly name: string;
  readonly message: string;
}

/** What one backend call resolves to. */
export type BackendResult<O> = E.Either<BackendError, O>;

/** One operation of the port: SDK input in, SDK output (without `$metadata`) or the ECS exception out. */
export type BackendOperation<I, O> = (input: I) => Promise<BackendResult<Omit<O, '$metadata'>>>;

/** The ECS operations of the port, by ECS operation name, with their SDK input and output types. */
export interface EcsBackendOperations {
  readonly CreateCluster: BackendOperation<Ecs.CreateClusterCommandInput, Ecs.CreateClusterCommandOutput>;
  readonly DescribeClusters: BackendOperation<Ecs.DescribeClustersCommandInput, Ecs.DescribeClustersCommandOutput>;
  readonly ListClusters: BackendOperation<Ecs.ListClustersCommandInput, Ecs.ListClustersCommandOutput>;
  readonly DeleteCluster: BackendOperation<Ecs.DeleteClusterCommandInput, Ecs.DeleteClusterCommandOutput>;
  readonly RegisterTaskDefinition: BackendOperation<Ecs.RegisterTaskDefinitionCommandInput, Ecs.RegisterTaskDefinitionCommandOutput>;
  readonly DescribeTaskDefinition: BackendOperation<Ecs.DescribeTaskDefinitionCommandInput, Ecs.DescribeTaskDefinitionCommandOutput>;
  readonly DeregisterTaskDefinition: BackendOperation<Ecs.DeregisterTaskDefinitionCommandInput, Ecs.DeregisterTaskDefinitionCommandOutput>;
  readonly ListTaskDefinitions: BackendOperation<Ecs.ListTaskDefinitionsCommandInput, Ecs.ListTaskDefinitionsCommandOutput>;
  readonly CreateService: BackendOperation<Ecs.CreateServiceCommandInput, Ecs.CreateServiceCommandOutput>;
  readonly UpdateService: BackendOperation<Ecs.UpdateServiceCommandInput, Ecs.UpdateServiceCommandOutput>;
  readonly DeleteService: BackendOperation<Ecs.DeleteServiceCommandInput, Ecs.DeleteServiceCommandOutput>;
  readonly DescribeServices: BackendOperation<Ecs.DescribeServicesCommandInput, Ecs.DescribeServicesCommandOutput>;
  readonly ListServices: BackendOperation<Ecs.ListServicesCommandInput, Ecs.ListServicesCommandOutput>;
  readonly RunTask: BackendOperation<Ecs.RunTaskCommandInput, Ecs.RunTaskCommandOutput>;
  readonly StopTask: BackendOperation<Ecs.StopTaskCommandInput, Ecs.StopTaskCommandOutput>;
  readonly DescribeTasks: BackendOperation<Ecs.DescribeTasksCommandInput, Ecs.DescribeTasksCommandOutput>;
  readonly ListTasks: BackendOperation<Ecs.ListTasksCommandInput, Ecs.ListTasksCommandOutput>;
  readonly TagResource: BackendOperation<Ecs.TagResourceCommandInput, Ecs.TagResourceCommandOutput>;
  readonly ListTagsForResource: BackendOperation<Ecs.ListTagsForResourceCommandInput, Ecs.ListTagsForResourceCommandOutput>;
  readonly RegisterContainerInstance: BackendOperation<Ecs.RegisterContainerInstanceCommandInput, Ecs.RegisterContainerInstanceCommandOutput>;
  readonly ListContainerInstances: BackendOperation<Ecs.ListContainerInstancesCommandInput, Ecs.ListContainerInstancesCommandOutput>;
  readonly DescribeContainerInstances: BackendOperation<Ecs.DescribeContainerInstancesCommandInput, Ecs.DescribeContainerInstancesCommandOutput>;
  readonly UpdateContainerInstancesState: BackendOperation<Ecs.UpdateContainerInstancesStateCommandInput, Ecs.UpdateContainerInstancesStateCommandOutput>;
}

/** The name of an operation of the port. */
export type BackendOperationName = keyof EcsBackendOperations;

/** The port: a readonly record of the ECS operations, plus a label saying what answers (`twin`, `aws`). */
export type EcsBackend = EcsBackendOperations & { readonly label: string };

/** Every operation of the port, in a fixed order (for dispatch by name and for tests). */
export const BACKEND_OPERATIONS: readonly BackendOperationName[] = [
  'CreateCluster',
  'DescribeClusters',
  'ListClusters',
  'DeleteCluster',
  'RegisterTaskDefinition',
  'DescribeTaskDefinition',
  'DeregisterTaskDefinition',
  'ListTaskDefinitions',
  'CreateService',
  'UpdateService',
  'DeleteService',
  'DescribeServices',
  'ListServices',
  'RunTask',
  'StopTask',
  'DescribeTasks',
  'ListTasks',
  'TagResource',
  'ListTagsForResource',
  'RegisterContainerInstance',
  'ListContainerInstances',
  'DescribeContainerInstances',
  'UpdateContainerInstancesState',
];

/** True when `name` is an operation of the port. */
export const isBackendOperationName = (name: string): name is BackendOperationName => (BACKEND_OPERATIONS as readonly string[]).includes(name);
