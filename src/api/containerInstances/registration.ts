/**
 * Registering and replacing container instances in a transaction: the one place that writes
 * `World.containerInstances` and keeps each cluster's `registeredContainerInstancesCount` (ACTIVE + DRAINING
 * instances) in step with it. Used by RegisterContainerInstance and by `createWorld` for configured fleets.
 *
 * @module
 */
import { containerInstanceArn } from '../../domain/arn.js';
import {
  containerInstanceKey,
  type ContainerInstance,
  type InstanceAttribute,
  type InstanceResources,
  type InstanceVersionInfo,
} from '../../domain/containerInstance.js';
import type { Tag } from '../../domain/wire.js';
import type { WorldTxn } from '../../domain/txn.js';
import { derivedHex, hashString, hex8 } from '../../scheduler/derivedIds.js';
import { registeredCapacity, type CpuArchitecture } from '../../scheduler/placement/instanceTypes.js';
import { noteInstanceChange } from '../../scheduler/ec2/instanceEvents.js';
import { wakeDaemonServices } from '../../scheduler/service/daemon.js';
import { amiIdOf, builtInAttributes } from './instanceAttributes.js';

/**
 * TCP ports every instance reserves at registration, in the order ECS lists them (the DescribeContainerInstances
 * example, https://docs.aws.amazon.com/cli/latest/reference/ecs/describe-container-instances.html: SSH, Docker,
 * the agent). The placement fleet (`fleet.ts`) also keeps 51680, the agent's introspection port, off limits.
 */
export const RESERVED_TCP_PORTS: readonly string[] = ['22', '2376', '2375', '51678', '51679'];

/** What the agent reports about itself (SIM RULE: a recent agent release on Docker 25). */
export const DEFAULT_VERSION_INFO: InstanceVersionInfo = { agentVersion: '1.86.3', agentHash: '6e5a2a5d', dockerVersion: 'DockerVersion: 25.0.6' };

/** The registered resources of an instance type (undefined for a type the table does not know). */
export function resourcesOfType(instanceType: string): InstanceResources | undefined {
  const cap = registeredCapacity(instanceType);
  return cap === undefined ? undefined : { cpu: cap.cpuUnits, memory: cap.memoryMiB, ports: RESERVED_TCP_PORTS, portsUdp: [] };
}

/** The EC2 instance id of a container instance id (derived, so it needs no storage or generator draw). */
export const ec2InstanceIdOf = (id: string): string => `i-${derivedHex(hashString(id), 11, 17)}`;

/** A 32-hex container instance id drawn from the World's `ids` stream (RegisterContainerInstance). */
export function drawInstanceId(tx: WorldTxn): string {
  const r = tx.rng('ids');
  return hex8(r.uint32()) + hex8(r.uint32()) + hex8(r.uint32()) + hex8(r.uint32());
}

/**
 * The id of instance `n` of configured fleet `fleet`: a function of the seed only, so that creating a World draws
 * nothing from its generators (the same seed gives the same task ids with or without fleets).
 */
export const fleetInstanceId = (seed: number, fleet: number, n: number): string => derivedHex(hashString(`fleet/${fleet}/${n}`, seed), 0, 32);

/** Everything that identifies and describes a new registration. */
export interface Registration {
  readonly cluster: string;
  readonly id: string;
  readonly ec2InstanceId: string;
  readonly instanceType: string;
  readonly availabilityZone: string;
  readonly architecture: CpuArchitecture;
  readonly amiId?: string;
  readonly resources: InstanceResources;
  /** Custom attributes (already validated); they may override a built-in value. */
  readonly attributes: readonly InstanceAttribute[];
  readonly tags: readonly Tag[];
  readonly versionInfo?: InstanceVersionInfo;
  /** The Auto Scaling group that launched it (configured fleets). */
  readonly autoScalingGroup?: string;
}

/** The ACTIVE, connected container instance a registration describes, registered now. */
export function buildInstance(tx: WorldTxn, reg: Registration): ContainerInstance {
  const builtIns = builtInAttributes(reg.instanceType, reg.availabilityZone, reg.architecture, reg.amiId ?? amiIdOf(tx.config.region, reg.architecture));
  // Capabilities are shared, not stored (`allAttributes`).
  const attributes: InstanceAttribute[] = builtIns;
  for (const a of reg.attributes) {
    const i = attributes.findIndex((x) => x.name === a.name);
    if (i >= 0) attributes[i] = a;
    else attributes.push(a);
  }
  return {
    cluster: reg.cluster,
    id: reg.id,
    arn: containerInstanceArn(tx.config, reg.cluster, reg.id),
    ec2InstanceId: reg.ec2InstanceId,
    status: 'ACTIVE',
    agentConnected: true,
    version: 1,
    versionInfo: reg.versionInfo ?? DEFAULT_VERSION_INFO,
    registeredResources: reg.resources,
    remainingResources: reg.resources,
    attributes,
    registeredAt: tx.nowMs,
    runningTasksCount: 0,
    pendingTasksCount: 0,
    tags: reg.tags,
    ...(reg.autoScalingGroup !== undefined ? { autoScalingGroup: reg.autoScalingGroup } : {}),
  };
}

const counts = (s: ContainerInstance['status'] | undefined): boolean => s === 'ACTIVE' || s === 'DRAINING';

/**
 * Writes `next` (a new instance or a new state of one), moves its cluster's registered count when it enters or
 * leaves ACTIVE/DRAINING, books a pass for the cluster's daemon services and, unless `silent` (instances of the
 * World configuration, there before time starts), its "ECS Container Instance State Change" event. The cluster must
 * exist.
 */
export function storeInstance(tx: WorldTxn, next: ContainerInstance, options: { readonly silent?: boolean } = {}): void {
  const table = tx.table('containerInstances');
  const key = containerInstanceKey(next.cluster, next.id);
  const before = table.get(key);
  table.set(key, next);
  if (options.silent !== true) noteInstanceChange(tx, key);
  // An instance that joins, leaves or changes its attributes may change where the cluster's daemons must run.
  wakeDaemonServices(tx, next.cluster);
  const delta = (counts(next.status) ? 1 : 0) - (counts(before?.status) ? 1 : 0);
  if (delta === 0) return;
  const clusters = tx.table('clusters');
  const cluster = clusters.get(next.cluster);
  if (cluster === undefined) return;
  clusters.set(next.cluster, { ...cluster, registeredContainerInstancesCount: (cluster.registeredContainerInstancesCount ?? 0) + delta });
}
