/**
 * The AWS backend: the {@link EcsBackend} port over an `ECSClient` from `@aws-sdk/client-ecs`. The same object
 * talks to real AWS and to `ecs-twin serve` (give the client an `endpoint`); the twin's in-process client is an
 * `ECSClient` too. Throttling is retried by the SDK's own retry strategy (standard mode retries
 * `ThrottlingException` with backoff); what is left after the retries becomes a `Left`.
 *
 * @module
 */
import * as Ecs from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import type { BackendError, BackendOperation, EcsBackend } from './ecsBackend.js';

/** Turns what an SDK call threw into a {@link BackendError}: the exception name ECS sent and its message. */
export function toBackendError(thrown: unknown): BackendError {
  if (thrown instanceof Error) return { name: thrown.name, message: thrown.message };
  return { name: 'UnknownError', message: String(thrown) };
}

// The SDK's command classes share this shape; the port's types fix input and output per operation.
type CommandClass<I, O> = new (input: I) => Ecs.$Command<I, O, Ecs.ECSClientResolvedConfig>;

function bind<I, O extends { $metadata?: unknown }>(client: Ecs.ECSClient, Command: CommandClass<I, O>): BackendOperation<I, O> {
  return async (input) => {
    try {
      const { $metadata: _metadata, ...output } = (await client.send(new Command(input) as never)) as O;
      return E.right(output as Omit<O, '$metadata'>);
    } catch (thrown) {
      return E.left(toBackendError(thrown));
    }
  };
}

/**
 * The {@link EcsBackend} of `client`. `label` names it in reports (default `aws`).
 *
 * @example
 * ```ts
 * const ecs = new ECSClient({ endpoint: 'http://127.0.0.1:9090', region: 'us-east-1', credentials });
 * const backend = awsBackend(ecs);
 * const out = await backend.ListClusters({});
 * ```
 */
export function awsBackend(client: Ecs.ECSClient, label = 'aws'): EcsBackend {
  return {
    label,
    CreateCluster: bind(client, Ecs.CreateClusterCommand),
    DescribeClusters: bind(client, Ecs.DescribeClustersCommand),
    ListClusters: bind(client, Ecs.ListClustersCommand),
    DeleteCluster: bind(client, Ecs.DeleteClusterCommand),
    RegisterTaskDefinition: bind(client, Ecs.RegisterTaskDefinitionCommand),
    DescribeTaskDefinition: bind(client, Ecs.DescribeTaskDefinitionCommand),
    DeregisterTaskDefinition: bind(client, Ecs.DeregisterTaskDefinitionCommand),
    ListTaskDefinitions: bind(client, Ecs.ListTaskDefinitionsCommand),
    CreateService: bind(client, Ecs.CreateServiceCommand),
    UpdateService: bind(client, Ecs.UpdateServiceCommand),
    DeleteService: bind(client, Ecs.DeleteServiceCommand),
    DescribeServices: bind(client, Ecs.DescribeServicesCommand),
    ListServices: bind(client, Ecs.ListServicesCommand),
    RunTask: bind(client, Ecs.RunTaskCommand),
    StopTask: bind(client, Ecs.StopTaskCommand),
    DescribeTasks: bind(client, Ecs.DescribeTasksCommand),
    ListTasks: bind(client, Ecs.ListTasksCommand),
    TagResource: bind(client, Ecs.TagResourceCommand),
    ListTagsForResource: bind(client, Ecs.ListTagsForResourceCommand),
    RegisterContainerInstance: bind(client, Ecs.RegisterContainerInstanceCommand),
    ListContainerInstances: bind(client, Ecs.ListContainerInstancesCommand),
    DescribeContainerInstances: bind(client, Ecs.DescribeContainerInstancesCommand),
    UpdateContainerInstancesState: bind(client, Ecs.UpdateContainerInstancesStateCommand),
  };
}
