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
 * Cost per task: a pass over the zones and subnets of the request (≤ 16 subnets), never a scan of tasks; the World's
 * tables are read and written once per launch ({@link FargatePlacer}).
 *
 * @module
 */
import type { Subnet } from '../domain/network.js';
import { type FargatePool, packIpv4 } from '../domain/task.js';
import type { WorldTxn } from '../domain/txn.js';
import type { FaultState } from '../domain/world.js';
import { putSubnetIpsMutably, subnetIpsOf } from './fargateAccount.js';
import { allocateIp, freeIpCount, type SubnetIps } from './subnetIps.js';
import { spreadCountOf } from './spreadCounts.js';

/** ECS's reason when a pool has no capacity (DG/service-event-messages.html). */
export const CAPACITY_UNAVAILABLE_REASON =
  'Capacity is unavailable at this time. Please try again later or in a different availability zone.';

/** The stopped reason when the subnet has no free address ([OBS] paradisec-archive/nabu#1259; EC2's wording). */
export const INSUFFICIENT_ADDRESSES_REASON =
  'InsufficientFreeAddressesInSubnet: The specified subnet does not have enough free addresses to satisfy the request.';

/** The stopped reason when the ENI cannot be created (reference §3.5, wording UNVERIFIED). */
export const ENI_TIMEOUT_REASON = 'Timeout waiting for network interface provisioning to complete.';

/** What placement needs to know about the tasks of one launch. */
export interface PlacementRequest {
  readonly clusterName: string;
  readonly group: string;
  /** The request's subnets, validated and de-duplicated, in request order. */
  readonly subnets: readonly Subnet[];
}

/** Where a task goes. */
export type Placement =
  | {
      readonly _tag: 'Placed';
      readonly subnet: Subnet;
      /** Its ENI address (as {@link Task.ipv4} holds it), or `undefined` when none could be had (then `launchFailure` says why). */
      readonly ipv4: number | undefined;
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

/**
 * When the capacity shortage of `pool` in `zone` in effect at `nowMs` ends (the latest end of the overlapping
 * windows), or undefined when there is none: a scheduler that left the zone out knows when to look again.
 */
export function capacityShortageEndMs(faults: FaultState, pool: FargatePool, zone: string, nowMs: number): number | undefined {
  let end: number | undefined;
  for (const s of faults.capacityShortages) {
    if (s.capacityProvider === pool && s.availabilityZone === zone && s.fromMs <= nowMs && nowMs < s.untilMs) {
      if (end === undefined || s.untilMs > end) end = s.untilMs;
    }
  }
  return end;
}

/** Whether new ENIs can be created in the subnet. */
export const isSubnetAvailable = (faults: FaultState, subnetId: string): boolean =>
  !faults.unavailableSubnets.includes(subnetId);

/**
 * Places the tasks of one launch (one RunTask call), one at a time and in launch order, by the rules of the module
 * documentation. What the rules read — each subnet's allocator state and free addresses, the spread count of each
 * zone — is read from the World once per launch and kept current here as tasks are placed; the allocator states
 * are written back once by {@link FargatePlacer.finish}. A launch of ten tasks thus reads and writes each of these
 * entries once instead of ten times, with the same outcome as placing the tasks one by one against the World.
 *
 * Contract with the caller (`launchFargateTasks`): every task placed is stored with desired status RUNNING before
 * the transaction ends (so the spread counts in the World end up as this placer counted them), and `finish` is
 * called before the transaction ends. Nothing else allocates or releases addresses in the request's subnets from
 * the placer's creation to `finish` (it would be overwritten).
 */
export class FargatePlacer {
  private readonly faults: FaultState;
  private readonly zones: readonly string[];
  /** Index in `zones` of each subnet's zone (index as in `req.subnets`). */
  private readonly zoneOf: readonly number[];
  /** Allocator state of each subnet of the request, read when first needed (`freeAt`). */
  private readonly ips: Array<SubnetIps | undefined>;
  /**
   * Free addresses of each subnet that can take an ENI now (0 when unavailable); −1 until read. Subnets are read
   * lazily — a zone is known to have room at its first subnet with a free address, and only the chosen zone's are
   * all compared — so a service pass launching one task into 16 subnets reads a handful of allocators, not 16.
   */
  private readonly free: number[];
  /** The request's subnets (by index) in each zone (index as in `zones`). */
  private readonly subnetsOf: number[][];
  private readonly allocated: boolean[];
  /** Spread counts by pool, then zone (index as in `zones`), read on the first task of the pool. */
  private readonly counts = new Map<FargatePool, number[]>();
  // Scratch space of `place`, per zone, reused from task to task.
  private readonly hasCapacity: boolean[];
  private readonly hasRoom: boolean[];
  private readonly ties: number[] = [];

  constructor(
    private readonly tx: WorldTxn,
    private readonly req: PlacementRequest,
  ) {
    this.faults = tx.base.faults;
    const zones = zonesOf(req.subnets);
    this.zones = zones;
    this.zoneOf = req.subnets.map((s) => zones.indexOf(s.availabilityZone));
    this.ips = req.subnets.map(() => undefined);
    this.free = req.subnets.map(() => -1);
    this.subnetsOf = zones.map(() => []);
    for (let i = 0; i < this.zoneOf.length; i++) this.subnetsOf[this.zoneOf[i]!]!.push(i);
    this.allocated = req.subnets.map(() => false);
    this.hasCapacity = zones.map(() => false);
    this.hasRoom = zones.map(() => false);
  }

  /** Chooses the zone, subnet and address of the next task of `pool`, and takes the address. */
  place(pool: FargatePool): Placement {
    const { zones, zoneOf, hasCapacity, hasRoom, faults } = this;
    const nowMs = this.tx.nowMs;
    // Rule 1: zones where the pool has capacity.
    const shortages = faults.capacityShortages.length > 0;
    let anyCapacity = false;
    for (let z = 0; z < zones.length; z++) {
      hasCapacity[z] = !shortages || !isCapacityShort(faults, pool, zones[z]!, nowMs);
      hasRoom[z] = false;
      if (hasCapacity[z]) anyCapacity = true;
    }
    if (!anyCapacity) return { _tag: 'NoCapacity', reason: CAPACITY_UNAVAILABLE_REASON };
    // Rule 2: prefer the zones with a usable subnet, then the fewest tasks; a tie is broken at random.
    let anyRoom = false;
    for (let z = 0; z < zones.length; z++) {
      if (!hasCapacity[z]) continue;
      for (const i of this.subnetsOf[z]!) {
        if (this.freeAt(i) > 0) {
          hasRoom[z] = true;
          anyRoom = true;
          break;
        }
      }
    }
    const counts = this.countsOf(pool);
    // The zones with the fewest tasks are `ties[0 .. tied)` (a counter, not `length = 0`: V8 resizes on that).
    const ties = this.ties;
    let tied = 0;
    let fewest = Infinity;
    for (let z = 0; z < zones.length; z++) {
      if (!hasCapacity[z] || (anyRoom && !hasRoom[z])) continue;
      if (counts[z]! < fewest) {
        fewest = counts[z]!;
        tied = 0;
        ties[tied++] = z;
      } else if (counts[z] === fewest) {
        ties[tied++] = z;
      }
    }
    // Draw only on a tie, so the stream advances only when a choice is really random.
    const zone = tied === 1 ? ties[0]! : ties[this.tx.rng('placement').int(tied)]!;
    const placed = this.takeAddress(zone);
    // The task will be stored with desired status RUNNING in its subnet's zone (see the class contract): count it.
    counts[zoneOf[placed.index]!]! += 1;
    return placed.placement;
  }

  /** The free addresses of subnet `i` (read on first use). */
  private freeAt(i: number): number {
    let f = this.free[i]!;
    if (f < 0) {
      const s = this.req.subnets[i]!;
      const ips = subnetIpsOf(this.tx, s.subnetId);
      this.ips[i] = ips;
      f = isSubnetAvailable(this.faults, s.subnetId) ? freeIpCount(ips, s) : 0;
      this.free[i] = f;
    }
    return f;
  }

  /** Stores the allocator state of every subnet that gave out an address. */
  finish(): void {
    for (let i = 0; i < this.ips.length; i++) {
      if (this.allocated[i]) putSubnetIpsMutably(this.tx, this.req.subnets[i]!.subnetId, this.ips[i]!);
    }
  }

  /** Rules 3 and 4: the subnet (by index) and address of a task in zone `zone`. */
  private takeAddress(zone: number): { readonly index: number; readonly placement: Placement } {
    const { req, faults, free, zoneOf } = this;
    for (const j of this.subnetsOf[zone]!) this.freeAt(j);
    // Another zone's subnet only if the pool has capacity there (rule 1 holds for the fallback too).
    let i = mostFree(free, zoneOf, zone);
    if (i === undefined) {
      for (let j = 0; j < free.length; j++) this.freeAt(j);
      i = mostFree(free, zoneOf, undefined, this.hasCapacity);
    }
    if (i !== undefined) {
      const subnet = req.subnets[i]!;
      const r = allocateIp(this.ips[i]!, subnet);
      if (r !== undefined) {
        this.ips[i] = r.state;
        free[i] = free[i]! - 1;
        this.allocated[i] = true;
        return { index: i, placement: { _tag: 'Placed', subnet, ipv4: packIpv4(r.address), launchFailure: undefined } };
      }
    }
    // Nothing usable: the task is placed in the chosen zone and fails in PROVISIONING, as ECS reports it. The
    // zone has a subnet of the request, so there is a first one.
    let fallback = -1;
    for (let j = 0; j < zoneOf.length; j++) {
      if (zoneOf[j] !== zone) continue;
      if (fallback < 0) fallback = j;
      if (isSubnetAvailable(faults, req.subnets[j]!.subnetId)) {
        fallback = j;
        break;
      }
    }
    const subnet = req.subnets[fallback]!;
    const reason = isSubnetAvailable(faults, subnet.subnetId) ? INSUFFICIENT_ADDRESSES_REASON : ENI_TIMEOUT_REASON;
    return { index: fallback, placement: { _tag: 'Placed', subnet, ipv4: undefined, launchFailure: reason } };
  }

  private countsOf(pool: FargatePool): number[] {
    let c = this.counts.get(pool);
    if (!c) {
      const { clusterName, group } = this.req;
      c = this.zones.map((z) => spreadCountOf(this.tx, clusterName, group, pool, z));
      this.counts.set(pool, c);
    }
    return c;
  }
}

/** The distinct zones of a subnet list, in order (once per launch: at most 16 subnets). */
function zonesOf(subnets: readonly Subnet[]): readonly string[] {
  const zones: string[] = [];
  for (const s of subnets) if (!zones.includes(s.availabilityZone)) zones.push(s.availabilityZone);
  return zones;
}

/**
 * The index of the subnet (of zone `zone`, or of any zone whose entry in `allowedZones` is true) with the most
 * free addresses, or `undefined` when none has any; ties go to the first in request order.
 */
function mostFree(
  free: readonly number[],
  zoneOf: readonly number[],
  zone: number | undefined,
  allowedZones?: readonly boolean[],
): number | undefined {
  let best: number | undefined;
  let bestFree = 0;
  for (let i = 0; i < free.length; i++) {
    if (zone !== undefined && zoneOf[i] !== zone) continue;
    if (allowedZones !== undefined && !allowedZones[zoneOf[i]!]) continue;
    if (free[i]! > bestFree) {
      best = i;
      bestFree = free[i]!;
    }
  }
  return best;
}
