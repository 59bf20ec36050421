/**
 * The create/register inputs that rebuild a described resource: what `importWorld` sends to the new twin for each
 * task definition, cluster, service and standalone task read from the source.
 *
 * @module
 */
import type * as Ecs from '@aws-sdk/client-ecs';

/** `family:revision` of a task definition ARN (or of a `family:revision` string); `''` when absent. */
export function familyRevision(arn: string | undefined): string {
  if (arn === undefined) return '';
  const slash = arn.lastIndexOf('/');
  return slash === -1 ? arn : arn.slice(slash + 1);
}

/** `value` without its undefined members and empty lists (ECS omits those too, and some inputs reject `[]`). */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))) as T;
}

/** The RegisterTaskDefinition members a described task definition carries (the rest ECS computes). */
export function registerInputOf(td: Ecs.TaskDefinition & { readonly tags?: Ecs.Tag[] }): Ecs.RegisterTaskDefinitionCommandInput {
  return compact({
    family: td.family ?? '',
    containerDefinitions: td.containerDefinitions ?? [],
    taskRoleArn: td.taskRoleArn,
    executionRoleArn: td.executionRoleArn,
    networkMode: td.networkMode,
    volumes: td.volumes,
    placementConstraints: td.placementConstraints,
    requiresCompatibilities: td.requiresCompatibilities,
    cpu: td.cpu,
    memory: td.memory,
    pidMode: td.pidMode,
    ipcMode: td.ipcMode,
    proxyConfiguration: td.proxyConfiguration,
    inferenceAccelerators: td.inferenceAccelerators,
    ephemeralStorage: td.ephemeralStorage,
    runtimePlatform: td.runtimePlatform,
    enableFaultInjection: td.enableFaultInjection,
    tags: td.tags,
  });
}

/** The CreateCluster input of a described cluster (described with SETTINGS, CONFIGURATIONS and TAGS). */
export function clusterInputOf(cluster: Ecs.Cluster): Ecs.CreateClusterCommandInput {
  return compact({
    clusterName: cluster.clusterName,
    tags: cluster.tags,
    settings: cluster.settings,
    configuration: cluster.configuration,
    capacityProviders: cluster.capacityProviders,
    defaultCapacityProviderStrategy: cluster.defaultCapacityProviderStrategy,
  });
}

/**
 * The CreateService input of a described service: its configuration and desired count, on its current task
 * definition (`definitionNames` maps the source's `family:revision` to the twin's). A rollout in progress at the
 * source is not reproduced: the twin's service starts with one deployment of the current task definition.
 */
export function serviceInputOf(service: Ecs.Service, definitionNames: Readonly<Record<string, string>>, notes: string[]): Ecs.CreateServiceCommandInput {
  if ((service.deployments ?? []).length > 1) {
    notes.push(`Service ${String(service.serviceName)}: its ${service.deployments?.length} deployments are imported as one deployment of ${familyRevision(service.taskDefinition)}.`);
  }
  const td = familyRevision(service.taskDefinition);
  return compact({
    cluster: service.clusterArn,
    serviceName: service.serviceName ?? '',
    taskDefinition: definitionNames[td] ?? td,
    desiredCount: service.schedulingStrategy === 'DAEMON' ? undefined : service.desiredCount,
    launchType: service.launchType,
    capacityProviderStrategy: service.capacityProviderStrategy,
    platformVersion: service.platformVersion,
    networkConfiguration: service.networkConfiguration,
    deploymentConfiguration: service.deploymentConfiguration,
    deploymentController: service.deploymentController,
    loadBalancers: service.loadBalancers,
    serviceRegistries: service.serviceRegistries,
    placementConstraints: service.placementConstraints,
    placementStrategy: service.placementStrategy,
    schedulingStrategy: service.schedulingStrategy,
    healthCheckGracePeriodSeconds: service.healthCheckGracePeriodSeconds,
    enableECSManagedTags: service.enableECSManagedTags,
    propagateTags: service.propagateTags,
    enableExecuteCommand: service.enableExecuteCommand,
    availabilityZoneRebalancing: service.availabilityZoneRebalancing,
    tags: service.tags,
  });
}

/**
 * The RunTask input of a described standalone task. DescribeTasks does not return the task's network
 * configuration: the subnet comes from its ENI attachment, and its security groups and public IP setting are
 * lost (the twin applies its defaults) — noted once per task with an ENI.
 */
export function runTaskInputOf(task: Ecs.Task, definitionNames: Readonly<Record<string, string>>, notes: string[]): Ecs.RunTaskCommandInput {
  const eni = (task.attachments ?? []).find((a) => a.type === 'ElasticNetworkInterface');
  const subnetId = eni?.details?.find((d) => d.name === 'subnetId')?.value;
  if (eni !== undefined) notes.push(`Task ${String(task.taskArn)}: security groups and assignPublicIp are not in DescribeTasks; the twin's defaults apply.`);
  const td = familyRevision(task.taskDefinitionArn);
  return compact({
    cluster: task.clusterArn,
    taskDefinition: definitionNames[td] ?? td,
    launchType: task.capacityProviderName === undefined ? task.launchType : undefined,
    capacityProviderStrategy: task.capacityProviderName === undefined ? undefined : [{ capacityProvider: task.capacityProviderName, weight: 1 }],
    platformVersion: task.platformVersion,
    group: task.group,
    startedBy: task.startedBy,
    overrides: task.overrides,
    enableExecuteCommand: task.enableExecuteCommand,
    tags: task.tags,
    networkConfiguration: subnetId === undefined ? undefined : { awsvpcConfiguration: { subnets: [subnetId] } },
  });
}
