/**
 * Availability Zone rebalancing (reference §5.7; DG "Balancing an Amazon ECS service across Availability Zones";
 * real messages in service captures §2.1 CORPUS 2026): a steady service whose tasks are spread unevenly over the
 * zones it can use — the largest zone count exceeds the smallest by more than one — starts a task in the emptiest
 * zone, stops one in the fullest once the new one is healthy, and repeats until balanced, within maximumPercent.
 * Pure decisions over counts; the pass carries them out.
 *
 * @module
 */
import { compareStrings } from '../../domain/pmap.js';

/** Tasks per zone, over the zones the service can use now (zones without a task count as 0). */
export type ZoneCounts = ReadonlyMap<string, number>;

/** Whether the counts are balanced: max − min ≤ 1 (SIM RULE, reference §5.7). */
export function isBalanced(counts: ZoneCounts): boolean {
  if (counts.size === 0) return true;
  const values = [...counts.values()];
  return Math.max(...values) - Math.min(...values) <= 1;
}

/**
 * The zones in the order ECS lists them: most tasks first, then the order the service's subnets name the zones
 * (CORPUS 2026 lists `3 tasks in eu-central-1a, 1 tasks in eu-central-1c, 1 tasks in eu-central-1b`).
 */
function ordered(counts: ZoneCounts): Array<[string, number]> {
  const order = [...counts.keys()];
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || order.indexOf(a[0]) - order.indexOf(b[0]));
}

const listing = (counts: ZoneCounts): string => ordered(counts).map(([az, n]) => `${n} tasks in ${az}`).join(', ');

/** `(service s) is not AZ balanced with 3 tasks in a, 1 tasks in c, 1 tasks in b. AZ Rebalancing in progress.` */
export const notBalancedMessage = (service: string, counts: ZoneCounts): string =>
  `(service ${service}) is not AZ balanced with ${listing(counts)}. AZ Rebalancing in progress.`;

/** `(service s) is AZ balanced with 2 tasks in a, 2 tasks in c, 1 tasks in b.` */
export const balancedMessage = (service: string, counts: ZoneCounts): string =>
  `(service ${service}) is AZ balanced with ${listing(counts)}.`;

/** `(service s) has started 1 tasks in <az> to AZ Rebalance: (task id).` (CORPUS 2026). */
export const rebalanceStartedMessage = (service: string, az: string, taskIds: readonly string[]): string =>
  `(service ${service}) has started ${taskIds.length} tasks in ${az} to AZ Rebalance: ${taskIds.map((id) => `(task ${id})`).join(' ')}.`;

/**
 * `(service s) has stopped 1 running tasks in <az> due to AZ rebalancing: (task id).` — the Developer Guide's
 * template ("service-rebalancing-event-messages-list") in the prefix form real messages use (no capture found).
 */
export const rebalanceStoppedMessage = (service: string, az: string, taskIds: readonly string[]): string =>
  `(service ${service}) has stopped ${taskIds.length} running tasks in ${az} due to AZ rebalancing: ${taskIds.map((id) => `(task ${id})`).join(' ')}.`;

/** The zone with the fewest tasks (first in subnet order on a tie). */
export function emptiestZone(counts: ZoneCounts): string | undefined {
  let best: [string, number] | undefined;
  for (const e of counts) if (best === undefined || e[1] < best[1]) best = e;
  return best?.[0];
}

/** The zone with the most tasks (first in subnet order on a tie). */
export function fullestZone(counts: ZoneCounts): string | undefined {
  let best: [string, number] | undefined;
  for (const e of counts) if (best === undefined || e[1] > best[1]) best = e;
  return best?.[0];
}

/** One rebalancing step. */
export type RebalanceStep =
  | { readonly _tag: 'Done' }
  | { readonly _tag: 'Launch'; readonly zone: string }
  | { readonly _tag: 'Stop'; readonly zone: string }
  | { readonly _tag: 'Wait' };

/**
 * The next step: with a surplus task (live > desired) stop one in the fullest zone once every task is healthy;
 * otherwise, while unbalanced, launch one in the emptiest zone if `maxTasks` leaves room, or stop one in the fullest
 * first if `minHealthy` allows it (maximumPercent 100); balanced, or unable to move: done.
 */
export function rebalanceStep(input: {
  readonly counts: ZoneCounts;
  readonly live: number;
  readonly healthy: number;
  readonly desired: number;
  readonly maxTasks: number;
  readonly minHealthy: number;
}): RebalanceStep {
  const { counts, live, healthy, desired } = input;
  if (live > desired) {
    if (healthy < live) return { _tag: 'Wait' };
    return { _tag: 'Stop', zone: fullestZone(counts)! };
  }
  if (isBalanced(counts)) return { _tag: 'Done' };
  if (live + 1 <= input.maxTasks) return { _tag: 'Launch', zone: emptiestZone(counts)! };
  if (healthy - 1 >= input.minHealthy) return { _tag: 'Stop', zone: fullestZone(counts)! };
  return { _tag: 'Done' };
}

/** Zone names in a stable order (for deterministic tie-breaks where subnet order is not known). */
export const sortZones = (zones: Iterable<string>): string[] => [...zones].sort(compareStrings);
