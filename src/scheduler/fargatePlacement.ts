/**
 * Fargate placement: which Availability Zone and subnet of a RunTask's `awsvpcConfiguration` a task lands in, and
 * its ENI address (reference §6.6, §8).
 *
 * Fargate has no strategies or constraints; it spreads tasks across the zones of the given subnets. ECS does not
 * document the exact choice for standalone tasks, so this is a SIM RULE, deterministic from the seed:
 * 1. **Capacity.** Zones where the task's pool (FARGATE or FARGATE_SPOT) has an injected capacity shortage are out.
 *    If no zone is left, the placement fails with ECS's capacity message.
 * 2. **Spread.** Among the remaining zones, prefer those with a usable subnet (available, with a free address);
 *    choose the zone with the fewest tasks of the same cluster, group and pool; ties are broken by the seeded
 *    `placement` stream, so tasks do not pile into the first zone.
 * 3. **Subnet.** In that zone, the usable subnet with the most free addresses (ties: request order). If the zone has
 *    none, another subnet of the request with free addresses (reference §8: "pick another subnet … before
 *    failing").
 * 4. **Address.** The subnet's lowest free address. With no usable subnet at all the task is still placed (RunTask
 *    succeeds) and fails asynchronously in PROVISIONING — the task carries the failure reason.
 *
 * Cost per task: a few lookups per zone and subnet (≤ 16 subnets), never a scan of tasks.
 *
 * @module
 */
import type { Subnet } from '../domain/network.js';
import type { FargatePool } from '../domain/task.js';
import type { WorldTxn } from '../domain/txn.js';
import type { FaultState } from '../domain/world.js';
import { allocateIpMutably, freeIpsIn } from './fargateAccount.js';
import { placementCountKey, placementCountOf } from './taskStore.js';

/** ECS's reason when a pool has no capacity (DG/service-event-messages.html). */
export const CAPACITY_UNAVAILABLE_REASON =
  'Capacity is unavailable at this time. Please try again later or in a different availability zone.';

/** The stopped reason when the subnet has no free address ([OBS] paradisec-archive/nabu#1259; EC2's wording). */
export const INSUFFICIENT_ADDRESSES_REASON =
  'InsufficientFreeAddressesInSubnet: The specified subnet does not have enough free addresses to satisfy the request.';

/** The stopped reason when the ENI cannot be created (reference §3.5, wording UNVERIFIED). */
export const ENI_TIMEOUT_REASON = 'Timeout waiting for network interface provisioning to complete.';

/** What placement needs to know about the task. */
export interface PlacementRequest {
  readonly clusterName: string;
  readonly group: string;
  readonly pool: FargatePool;
  /** The request's subnets, validated and de-duplicated, in request order. */
  readonly subnets: readonly Subnet[];
}

/** Where a task goes. */
export type Placement =
  | {
      readonly _tag: 'Placed';
      readonly subnet: Subnet;
      /** Its ENI address, or `undefined` when none could be had (then `launchFailure` says why). */
      readonly privateIp: string | undefined;
      readonly launchFailure: string | undefined;
    }
  | { readonly _tag: 'NoCapacity'; readonly reason: string };

/** Whether `pool` has a capacity shortage in `zone` at `nowMs`. */
export function isCapacityShort(faults: FaultState, pool: FargatePool, zone: string, nowMs: number): boolean {
  for (const s of faults.capacityShortages) {
    if (s.capacityProvider === pool && s.availabilityZone === zone && s.fromMs <= nowMs && nowMs < s.untilMs) return true;
  }
  return false;
}

/** Whether new ENIs can be created in the subnet. */
export const isSubnetAvailable = (faults: FaultState, subnetId: string): boolean =>
  !faults.unavailableSubnets.includes(subnetId);

/** Chooses the zone, subnet and address of one task and takes the address. See the module documentation. */
export function placeFargateTask(tx: WorldTxn, req: PlacementRequest): Placement {
  const faults = tx.base.faults;
  const zones = zonesOf(req.subnets);
  const withCapacity =
    faults.capacityShortages.length === 0 ? zones : zones.filter((z) => !isCapacityShort(faults, req.pool, z, tx.nowMs));
  if (withCapacity.length === 0) return { _tag: 'NoCapacity', reason: CAPACITY_UNAVAILABLE_REASON };

  // Free addresses of each subnet that can take an ENI now (0 when unavailable), read once per task.
  const free = req.subnets.map((s) => (isSubnetAvailable(faults, s.subnetId) ? freeIpsIn(tx, s) : 0));
  const hasRoom = (z: string): boolean => req.subnets.some((s, i) => s.availabilityZone === z && free[i]! > 0);
  const zonesWithRoom = withCapacity.filter(hasRoom);
  const zone = leastLoadedZone(tx, req, zonesWithRoom.length > 0 ? zonesWithRoom : withCapacity);

  const subnet = mostFree(req.subnets, free, zone) ?? mostFree(req.subnets, free, undefined);
  if (subnet) {
    const ip = allocateIpMutably(tx, subnet);
    if (ip !== undefined) return { _tag: 'Placed', subnet, privateIp: ip, launchFailure: undefined };
  }
  // Nothing usable: the task is placed in the chosen zone and fails in PROVISIONING, as ECS reports it.
  const inZone = req.subnets.filter((s) => s.availabilityZone === zone);
  const fallback = inZone.find((s) => isSubnetAvailable(faults, s.subnetId)) ?? inZone[0]!;
  const reason = isSubnetAvailable(faults, fallback.subnetId) ? INSUFFICIENT_ADDRESSES_REASON : ENI_TIMEOUT_REASON;
  return { _tag: 'Placed', subnet: fallback, privateIp: undefined, launchFailure: reason };
}

const zoneLists = new WeakMap<readonly Subnet[], readonly string[]>();

/** The distinct zones of a subnet list, in order (memoised per list: every task of a launch shares it). */
function zonesOf(subnets: readonly Subnet[]): readonly string[] {
  let zones = zoneLists.get(subnets);
  if (!zones) {
    const z: string[] = [];
    for (const s of subnets) if (!z.includes(s.availabilityZone)) z.push(s.availabilityZone);
    zones = z;
    zoneLists.set(subnets, zones);
  }
  return zones;
}

function leastLoadedZone(tx: WorldTxn, req: PlacementRequest, zones: readonly string[]): string {
  let best: string[] = [];
  let bestCount = Infinity;
  for (const z of zones) {
    const n = placementCountOf(tx, placementCountKey(req.clusterName, req.group, req.pool, z));
    if (n < bestCount) {
      bestCount = n;
      best = [z];
    } else if (n === bestCount) {
      best.push(z);
    }
  }
  // Draw only on a tie, so the stream advances only when a choice is really random.
  return best.length === 1 ? best[0]! : best[tx.rng('placement').int(best.length)]!;
}

/** The subnet (of `zone`, or of any zone) with the most free addresses; ties go to the first in request order. */
function mostFree(subnets: readonly Subnet[], free: readonly number[], zone: string | undefined): Subnet | undefined {
  let best: Subnet | undefined;
  let bestFree = 0;
  for (let i = 0; i < subnets.length; i++) {
    const s = subnets[i]!;
    if (zone !== undefined && s.availabilityZone !== zone) continue;
    if (free[i]! > bestFree) {
      best = s;
      bestFree = free[i]!;
    }
  }
  return best;
}
