/**
 * The cluster entity (domain form; the wire form is built by `src/api/clusterWire.ts`).
 *
 * @module
 */
import type { Tag } from './wire.js';

/** A capacity-provider strategy item with defaults applied (base 0, weight 0 as in the API). */
export interface StrategyItem {
  readonly capacityProvider: string;
  readonly base: number;
  readonly weight: number;
}

/** A cluster setting, e.g. `{ name: 'containerInsights', value: 'enabled' }`. */
export interface ClusterSetting {
  readonly name: string;
  readonly value: string;
}

/** A cluster. Task and service counters are maintained incrementally by the lifecycle, never recounted. */
export interface Cluster {
  readonly name: string;
  readonly arn: string;
  readonly status: 'ACTIVE' | 'INACTIVE';
  readonly settings: readonly ClusterSetting[];
  /** Cluster `configuration` as given (execute-command / managed-storage settings), passed through. */
  readonly configuration?: Readonly<Record<string, unknown>>;
  /** `serviceConnectDefaults` as given (the twin has no Cloud Map: the namespace name or ARN is kept as is). */
  readonly serviceConnectDefaults?: { readonly namespace: string };
  readonly capacityProviders: readonly string[];
  readonly defaultCapacityProviderStrategy: readonly StrategyItem[];
  readonly tags: readonly Tag[];
  /** Tasks whose `lastStatus` is RUNNING. */
  readonly runningTasksCount: number;
  /** Tasks that are neither RUNNING nor STOPPED (PROVISIONING … ACTIVATING), as ECS counts `pendingTasksCount`. */
  readonly pendingTasksCount: number;
  readonly activeServicesCount: number;
  /**
   * Container instances registered and not deregistered (ACTIVE or DRAINING), as ECS counts
   * `registeredContainerInstancesCount`. Absent means 0 (clusters created before EC2 instances were modelled).
   */
  readonly registeredContainerInstancesCount?: number;
  /** Tasks not yet STOPPED (any lastStatus): DeleteCluster is refused while this is non-zero. */
  readonly activeTasksCount: number;
  /**
   * Tasks not yet STOPPED per capacity provider name (absent name = 0), maintained by the task lifecycle like the
   * counters above. PutClusterCapacityProviders refuses to remove a provider whose count is non-zero
   * (`ResourceInUseException`), without scanning the tasks table.
   */
  readonly tasksByCapacityProvider: Readonly<Record<string, number>>;
}
