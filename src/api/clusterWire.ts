/**
 * Cluster → wire `Cluster` (DescribeClusters, CreateCluster, … responses).
 *
 * @module
 */
import type { Cluster as SdkCluster } from '@aws-sdk/client-ecs';
import type { Cluster } from '../domain/cluster.js';
import type { Wire } from '../domain/wire.js';

/** What DescribeClusters' `include` adds. */
export interface ClusterWireOptions {
  readonly settings?: boolean;
  readonly tags?: boolean;
  readonly configurations?: boolean;
  readonly statistics?: boolean;
}

/** The wire form of a cluster. Create/Update responses include settings and configuration, as ECS's do. */
export function clusterToWire(c: Cluster, opts: ClusterWireOptions = { settings: true, configurations: true }): Wire<SdkCluster> {
  const out: Wire<SdkCluster> = {
    clusterArn: c.arn,
    clusterName: c.name,
    status: c.status,
    registeredContainerInstancesCount: 0,
    runningTasksCount: c.runningTasksCount,
    pendingTasksCount: c.pendingTasksCount,
    activeServicesCount: c.activeServicesCount,
    statistics: [],
    tags: opts.tags ? c.tags.map((t) => ({ ...t })) : [],
    settings: opts.settings ? c.settings.map((s) => ({ ...s }) as never) : [],
    capacityProviders: [...c.capacityProviders],
    defaultCapacityProviderStrategy: c.defaultCapacityProviderStrategy.map((s) => ({ ...s })),
  };
  if (opts.configurations && c.configuration) out.configuration = c.configuration as never;
  if (c.serviceConnectDefaults) out.serviceConnectDefaults = c.serviceConnectDefaults as never;
  return out;
}
