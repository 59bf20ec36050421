/**
 * The container instance entity (an EC2 instance registered in a cluster; the wire form is built by
 * `src/api/containerInstances/containerInstanceWire.ts`), its table key and the identifiers derived for it.
 *
 * Instances live in `World.containerInstances` keyed by {@link containerInstanceKey} (`cluster␀id`), so one
 * cluster's instances are one key range (ListContainerInstances, ListAttributes) and a lookup by id or ARN is a
 * single seek. Deregistered instances stay, INACTIVE, so that DescribeContainerInstances keeps describing them.
 *
 * @module
 */
import type { Tag } from './wire.js';

/** Status of a container instance (the ones the twin uses of ECS's `ContainerInstanceStatus` plus INACTIVE). */
export type ContainerInstanceStatus = 'ACTIVE' | 'DRAINING' | 'INACTIVE';

/** A container instance attribute: built-in (`ecs.*`, capabilities) or custom. */
export interface InstanceAttribute {
  readonly name: string;
  /** Absent for an attribute that is present without a value (capabilities). */
  readonly value?: string;
}

/** CPU units, MiB of memory and host ports: what an instance registers, or what remains of it. */
export interface InstanceResources {
  readonly cpu: number;
  readonly memory: number;
  /** Reserved TCP host ports, as decimal strings in registration order (ECS's STRINGSET). */
  readonly ports: readonly string[];
  /** Reserved UDP host ports. */
  readonly portsUdp: readonly string[];
}

/** Agent and Docker versions the instance reports. */
export interface InstanceVersionInfo {
  readonly agentVersion: string;
  readonly agentHash: string;
  readonly dockerVersion: string;
}

/** A container instance. */
export interface ContainerInstance {
  /** Name of the cluster it is registered in. */
  readonly cluster: string;
  /** The 32-hex id, the last part of its ARN. */
  readonly id: string;
  readonly arn: string;
  /** The EC2 instance id, `i-` and 17 hex digits. */
  readonly ec2InstanceId: string;
  readonly status: ContainerInstanceStatus;
  readonly agentConnected: boolean;
  /** Incremented on every change of the instance's state (ECS's `version`, for event ordering). */
  readonly version: number;
  readonly versionInfo: InstanceVersionInfo;
  readonly registeredResources: InstanceResources;
  readonly remainingResources: InstanceResources;
  /**
   * Built-in attributes (`ecs.*`), then custom ones in the order they were put. The capability attributes every
   * instance shares are not stored (see `allAttributes` in `src/api/containerInstances/instanceAttributes.ts`).
   */
  readonly attributes: readonly InstanceAttribute[];
  /** Registration time, epoch ms. */
  readonly registeredAt: number;
  /** Tasks on the instance in the RUNNING status (API reference, `ContainerInstance`). */
  readonly runningTasksCount: number;
  /** Tasks on the instance in the PENDING status (PROVISIONING to ACTIVATING, as the cluster counts them). */
  readonly pendingTasksCount: number;
  readonly tags: readonly Tag[];
  /**
   * Per task group (`service:web`, `family:app`, …), the tasks on the instance that hold its resources (placed and
   * not yet STOPPED): what `distinctInstance`, `task:group` and spread by instance read. Kept with the remaining
   * resources by `src/scheduler/ec2/instanceLedger.ts`; absent in snapshots written before EC2 tasks existed.
   */
  readonly taskGroups?: Readonly<Record<string, number>>;
  /** Task ENIs in use by `awsvpc` tasks on the instance (absent: none), out of its instance type's. */
  readonly taskEnisInUse?: number;
  /** The Auto Scaling group that launched the instance (configured fleets), if any. */
  readonly autoScalingGroup?: string;
}

/** The table key of a container instance: its cluster and id. */
export const containerInstanceKey = (cluster: string, id: string): string => `${cluster}\u0000${id}`;

/** The first key of a cluster's range (every instance key of `cluster` starts with it). */
export const clusterInstancesPrefix = (cluster: string): string => `${cluster}\u0000`;
