/**
 * The Auto Scaling groups of the World configuration (container instance fleets with an `autoScalingGroup`): their
 * ARNs — what CreateCapacityProvider names — and their instances in a cluster.
 *
 * @module
 */
import { clusterInstancesPrefix } from '../../domain/containerInstance.js';
import type { WorldTxn } from '../../domain/txn.js';
import type { ResolvedConfig } from '../../domain/world.js';
import { derivedHex, hashString } from '../derivedIds.js';

/** An Auto Scaling group of the configuration. */
export interface AutoScalingGroup {
  readonly name: string;
  readonly arn: string;
  /** The cluster its instances join. */
  readonly cluster: string;
}

/**
 * The ARN of Auto Scaling group `name` — `arn:aws:autoscaling:<region>:<account>:autoScalingGroup:<uuid>:
 * autoScalingGroupName/<name>`, the uuid derived from the seed and the name (stable for a World).
 */
export function autoScalingGroupArn(config: Pick<ResolvedConfig, 'region' | 'accountId' | 'seed'>, name: string): string {
  const h = hashString(`asg/${name}`, config.seed);
  const hex = derivedHex(h, 7, 32);
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  return `arn:aws:autoscaling:${config.region}:${config.accountId}:autoScalingGroup:${uuid}:autoScalingGroupName/${name}`;
}

/** The configured Auto Scaling groups, in configuration order. */
export function autoScalingGroupsOf(config: ResolvedConfig): AutoScalingGroup[] {
  const out: AutoScalingGroup[] = [];
  for (const f of config.containerInstances) {
    if (f.autoScalingGroup === undefined || out.some((g) => g.name === f.autoScalingGroup)) continue;
    out.push({ name: f.autoScalingGroup, arn: autoScalingGroupArn(config, f.autoScalingGroup), cluster: f.cluster });
  }
  return out;
}

/** The keys (`World.containerInstances`) of the instances of Auto Scaling group `name` in `clusterName`. */
export function instancesOfGroup(tx: WorldTxn, clusterName: string, name: string): Set<string> {
  const prefix = clusterInstancesPrefix(clusterName);
  const out = new Set<string>();
  for (const [key, ci] of tx.table('containerInstances').entries(prefix)) {
    if (!key.startsWith(prefix)) break;
    if (ci.autoScalingGroup === name) out.add(key);
  }
  return out;
}
