/**
 * Resolving a container instance reference (its 32-hex id or its ARN) within a cluster.
 *
 * @module
 */
import { parseArn } from '../../domain/arn.js';
import { containerInstanceArn } from '../../domain/arn.js';
import { clusterInstancesPrefix, containerInstanceKey, type ContainerInstance } from '../../domain/containerInstance.js';
import type { WorldTxn } from '../../domain/txn.js';

/**
 * The id a reference names in `cluster`, or undefined when it cannot name one there (an ARN of another Region,
 * account, cluster or resource type).
 */
export function instanceIdOf(tx: WorldTxn, cluster: string, ref: string): string | undefined {
  if (!ref.startsWith('arn:')) return ref;
  const arn = parseArn(ref);
  if (arn === undefined || arn.resourceType !== 'container-instance' || arn.region !== tx.config.region || arn.accountId !== tx.config.accountId) {
    return undefined;
  }
  // Long format `container-instance/<cluster>/<id>`; the legacy `container-instance/<id>` names the id alone.
  if (arn.resourceParts.length === 2) return arn.resourceParts[0] === cluster ? arn.resourceParts[1] : undefined;
  return arn.resourceParts.length === 1 ? arn.resourceParts[0] : undefined;
}

/** The instance `ref` names in `cluster` (any status), or undefined. */
export function lookupInstance(tx: WorldTxn, cluster: string, ref: string): ContainerInstance | undefined {
  const id = instanceIdOf(tx, cluster, ref);
  return id === undefined ? undefined : tx.table('containerInstances').get(containerInstanceKey(cluster, id));
}

/** The ARN to report for a reference that names nothing (the reference itself when it is an ARN). */
export const missingArn = (tx: WorldTxn, cluster: string, ref: string): string => (ref.startsWith('arn:') ? ref : containerInstanceArn(tx.config, cluster, ref));

/**
 * The registered (ACTIVE or DRAINING) instance of `cluster` running on EC2 instance `ec2InstanceId`, if any: a scan
 * of the cluster's range, for registrations only (an agent registering its instance again).
 */
export function findByEc2InstanceId(tx: WorldTxn, cluster: string, ec2InstanceId: string): ContainerInstance | undefined {
  const prefix = clusterInstancesPrefix(cluster);
  for (const [key, ci] of tx.table('containerInstances').entries(prefix)) {
    if (!key.startsWith(prefix)) return undefined;
    if (ci.ec2InstanceId === ec2InstanceId && ci.status !== 'INACTIVE') return ci;
  }
  return undefined;
}
