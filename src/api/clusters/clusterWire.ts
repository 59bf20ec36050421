/**
 * Cluster → wire `Cluster` (DescribeClusters, CreateCluster, … responses).
 *
 * @module
 */
import type { Cluster as SdkCluster } from '@aws-sdk/client-ecs';
import type { Cluster } from '../../domain/cluster.js';
import type { Wire } from '../../domain/wire.js';

/** What DescribeClusters' `include` adds (`ATTACHMENTS`, `CONFIGURATIONS`, `SETTINGS`, `STATISTICS`, `TAGS`). */
export interface ClusterWireOptions {
  readonly attachments?: boolean;
  readonly settings?: boolean;
  readonly tags?: boolean;
  readonly configurations?: boolean;
  readonly statistics?: boolean;
}

/**
 * What Create/Update/Delete responses carry: settings, configuration and tags, as ECS's own responses to those
 * calls do (the CLI examples of create-cluster show the tags given).
 */
export const MUTATION_RESPONSE_OPTIONS: ClusterWireOptions = { settings: true, configurations: true, tags: true };

/**
 * The `statistics` of a cluster (API `Cluster.statistics`): task and service counts by launch type, values as
 * strings. The twin runs tasks and services on Fargate only, so the EC2 counts are 0; draining services are not
 * counted yet (0).
 */
export function clusterStatistics(c: Cluster): Array<{ name: string; value: string }> {
  const stat = (name: string, n: number): { name: string; value: string } => ({ name, value: String(n) });
  return [
    stat('runningEC2TasksCount', 0),
    stat('runningFargateTasksCount', c.runningTasksCount),
    stat('pendingEC2TasksCount', 0),
    stat('pendingFargateTasksCount', c.pendingTasksCount),
    stat('activeEC2ServiceCount', 0),
    stat('activeFargateServiceCount', c.activeServicesCount),
    stat('drainingEC2ServiceCount', 0),
    stat('drainingFargateServiceCount', 0),
  ];
}

/**
 * The wire form of a cluster. Without options it is what DescribeClusters returns with no `include`: `statistics`
 * and `tags` are present but empty, as ECS sends them.
 */
export function clusterToWire(c: Cluster, opts: ClusterWireOptions = {}): Wire<SdkCluster> {
  const out: Wire<SdkCluster> = {
    clusterArn: c.arn,
    clusterName: c.name,
    status: c.status,
    registeredContainerInstancesCount: c.registeredContainerInstancesCount ?? 0,
    runningTasksCount: c.runningTasksCount,
    pendingTasksCount: c.pendingTasksCount,
    activeServicesCount: c.activeServicesCount,
    statistics: opts.statistics ? clusterStatistics(c) : [],
    tags: opts.tags ? c.tags.map((t) => ({ key: t.key, value: t.value })) : [],
    settings: opts.settings ? c.settings.map((s) => ({ name: s.name, value: s.value }) as never) : [],
    capacityProviders: [...c.capacityProviders],
    defaultCapacityProviderStrategy: c.defaultCapacityProviderStrategy.map((s) => ({
      capacityProvider: s.capacityProvider,
      weight: s.weight,
      base: s.base,
    })),
  };
  if (opts.configurations && c.configuration) out.configuration = structuredClone(c.configuration) as never;
  if (opts.attachments) {
    // Fargate capacity providers have no attachments (those describe Auto Scaling group resources). SIM RULE: a
    // cluster with providers reports its (instant) association as complete.
    out.attachments = [];
    if (c.capacityProviders.length > 0) out.attachmentsStatus = 'UPDATE_COMPLETE';
  }
  if (c.serviceConnectDefaults) out.serviceConnectDefaults = { ...c.serviceConnectDefaults } as never;
  return out;
}
