/**
 * How an EC2 launch is split over Auto Scaling group capacity providers: by the strategy's base and weight
 * (`capacityProviderSplit.ts`, the same split as Fargate providers get; reference §7.2), each provider's tasks placed
 * only on the instances of its Auto Scaling group. The EC2 launch type is one part over the whole cluster.
 *
 * @module
 */
import type { LaunchChoiceSpec } from '../../domain/service.js';
import type { WorldTxn } from '../../domain/txn.js';
import { splitByStrategy } from '../capacityProviderSplit.js';
import { instancesOfGroup } from './autoScalingGroups.js';

/** One part of a launch: how many tasks, on which instances, under which provider. */
export interface LaunchPart {
  readonly count: number;
  /** The Auto Scaling group provider (absent for the EC2 launch type). */
  readonly capacityProviderName?: string;
  /** The provider's instances (`World.containerInstances` keys); absent: the whole cluster. */
  readonly onlyInstances?: ReadonlySet<string>;
}

/**
 * The parts of a launch of `count` tasks in `clusterName` by `launch`, in strategy order; `existing` counts a
 * service's live tasks per provider toward the base (none for a RunTask, whose base counts per call).
 */
export function launchParts(tx: WorldTxn, clusterName: string, launch: LaunchChoiceSpec, count: number, existing?: ReadonlyMap<string, number>): LaunchPart[] {
  if (launch._tag === 'LaunchType') return count > 0 ? [{ count }] : [];
  const strategy = launch.strategy;
  const names = strategy.length === 1 ? Array.from({ length: count }, () => strategy[0]!.capacityProvider) : splitByStrategy(strategy, count, existing);
  const perProvider = new Map<string, number>();
  for (const n of names) perProvider.set(n, (perProvider.get(n) ?? 0) + 1);
  const providers = tx.table('capacityProviders');
  const parts: LaunchPart[] = [];
  for (const item of strategy) {
    const n = perProvider.get(item.capacityProvider);
    if (n === undefined) continue;
    const p = providers.get(item.capacityProvider);
    // A provider deleted meanwhile has no instances: its tasks cannot be placed.
    const only = p === undefined || p.status !== 'ACTIVE' ? new Set<string>() : instancesOfGroup(tx, clusterName, p.autoScalingGroupName);
    parts.push({ count: n, capacityProviderName: item.capacityProvider, onlyInstances: only });
  }
  return parts;
}
