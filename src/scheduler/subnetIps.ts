/**
 * Private IPv4 addresses of one subnet: a persistent allocator for task ENIs (reference §8).
 *
 * Addresses are numbered by their *offset* from the first usable address (`network + 4`); offsets run from 0 to
 * `usableIpCount − 1`. The state is the high-water mark `nextOffset` (every offset below it has been handed out at
 * least once) plus a persistent sorted set of the offsets below it that are free again. Allocation takes the
 * **lowest free offset**, which makes the address a task gets a pure function of the allocation history, keeps
 * addresses dense (as EC2's tend to look), and needs nothing but `minKey`.
 *
 * Every call is O(log n) in the number of freed addresses and copies only a few B-tree nodes, never a collection,
 * so a world can hold one allocator per subnet with tens of thousands of tasks each. Freed offsets just below the
 * high-water mark are folded back into it, so releasing everything returns to the empty state; that fold is
 * amortised O(log n) per release (each freed offset is folded at most once).
 *
 * `reservedCount` models addresses used by other ENIs (instances, load balancers, endpoints): it lowers how many
 * addresses tasks may hold without naming which ones, because the simulator only needs the count.
 *
 * @module
 */
import type { SubnetIps } from '../domain/ledgers.js';
import { PMap, compareNumbers, type DraftPMap } from '../domain/pmap.js';
import { RESERVED_IPS_AT_START, ipToNumber, ipToString, type Subnet } from '../domain/network.js';

// ---------------------------------------------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------------------------------------------

export type { SubnetIps };

/**
 * The result of a successful allocation.
 *
 * @category model
 */
export interface IpAllocation {
  readonly state: SubnetIps;
  /** The address as an unsigned 32-bit number (`ipToString` gives its dotted quad). */
  readonly address: number;
}

// ---------------------------------------------------------------------------------------------------------------
// constructors
// ---------------------------------------------------------------------------------------------------------------

const EMPTY_FREED = PMap.empty<number, true>(compareNumbers);

/**
 * An allocator with no address in use.
 *
 * @param reservedCount addresses held by other ENIs (default 0); negative or fractional values are clamped to a
 *   non-negative integer.
 * @category constructors
 * @example
 * ```ts
 * const ips = emptySubnetIps();
 * ips.inUse; // 0
 * ```
 */
export function emptySubnetIps(reservedCount = 0): SubnetIps {
  return { inUse: 0, nextOffset: 0, freed: EMPTY_FREED, reservedCount: sanitizeCount(reservedCount) };
}

/**
 * The same allocator with a different number of addresses held by other ENIs. Addresses tasks already hold are
 * kept even if the subnet is now over-committed; only new allocations are refused.
 *
 * @category combinators
 */
export function withReservedCount(state: SubnetIps, reservedCount: number): SubnetIps {
  const r = sanitizeCount(reservedCount);
  return r === state.reservedCount ? state : { ...state, reservedCount: r };
}

function sanitizeCount(n: number): number {
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

// ---------------------------------------------------------------------------------------------------------------
// queries
// ---------------------------------------------------------------------------------------------------------------

/**
 * How many more addresses tasks can take in `subnet`: usable − reserved − in use (never negative).
 *
 * @category queries
 * @example
 * ```ts
 * freeIpCount(emptySubnetIps(), subnet28); // 11, for a /28 subnet from resolveSubnet
 * ```
 */
export function freeIpCount(state: SubnetIps, subnet: Subnet): number {
  return Math.max(0, subnet.usableIpCount - state.reservedCount - state.inUse);
}

/**
 * Whether a task holds `ip` in `subnet`. False for addresses outside the usable range or not in dotted-quad form.
 *
 * @category queries
 */
export function isIpInUse(state: SubnetIps, subnet: Subnet, ip: string): boolean {
  const address = ipToNumber(ip);
  return address !== undefined && isAddressInUse(state, subnet, address);
}

/**
 * {@link isIpInUse} of an address as a number (any 32-bit form: `| 0` and `>>> 0` name the same address).
 *
 * @category queries
 */
export function isAddressInUse(state: SubnetIps, subnet: Subnet, address: number): boolean {
  const offset = offsetOf(subnet, address);
  return offset !== undefined && isOffsetInUse(state, offset);
}

/**
 * The addresses in use, in address order. O(n): meant for tests, snapshots and debugging, not for the hot path.
 *
 * @category queries
 */
export function ipsInUse(state: SubnetIps, subnet: Subnet): string[] {
  const out: string[] = [];
  for (let offset = 0; offset < state.nextOffset; offset++) {
    if (!state.freed.has(offset)) out.push(ipToString(addressAt(subnet, offset)));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// combinators
// ---------------------------------------------------------------------------------------------------------------

/**
 * Allocates the lowest free usable address of `subnet`, or returns `undefined` when tasks may hold no more
 * (every usable address is in use or reserved for other ENIs) — the case that stops a task with
 * `InsufficientFreeAddressesInSubnet`.
 *
 * @category combinators
 * @example
 * ```ts
 * const a = allocateIp(emptySubnetIps(), subnet28); // 10.0.0.0/28, from resolveSubnet
 * a && ipToString(a.address); // '10.0.0.4'
 * ```
 */
export function allocateIp(state: SubnetIps, subnet: Subnet): IpAllocation | undefined {
  if (freeIpCount(state, subnet) === 0) return undefined;
  // States are built field by field (in `emptySubnetIps`' order) rather than spread: one allocation per launched
  // task, and V8 copies this small literal much faster than it spreads.
  const reused = state.freed.minKey();
  if (reused !== undefined) {
    return {
      state: {
        inUse: state.inUse + 1,
        nextOffset: state.nextOffset,
        freed: state.freed.delete(reused),
        reservedCount: state.reservedCount,
      },
      address: addressAt(subnet, reused),
    };
  }
  // No hole: the high-water mark is free. It is below usableIpCount because inUse === nextOffset here and
  // freeIpCount > 0 means inUse < usableIpCount.
  const offset = state.nextOffset;
  return {
    state: { inUse: state.inUse + 1, nextOffset: offset + 1, freed: state.freed, reservedCount: state.reservedCount },
    address: addressAt(subnet, offset),
  };
}

/**
 * Returns `ip` to the subnet. Releasing an address that is not in use (never allocated, already released, outside
 * the subnet's usable range, or not an IPv4 address) changes nothing and returns the same object, so a task can be
 * cleaned up twice safely.
 *
 * @category combinators
 */
export function releaseIp(state: SubnetIps, subnet: Subnet, ip: string): SubnetIps {
  const address = ipToNumber(ip);
  const offset = address === undefined ? undefined : offsetOf(subnet, address);
  if (offset === undefined || !isOffsetInUse(state, offset)) return state;
  const inUse = state.inUse - 1;
  if (offset !== state.nextOffset - 1) {
    return { ...state, inUse, freed: state.freed.set(offset, true) };
  }
  // The top address went back: lower the high-water mark past it and past any free offsets right below it, so
  // the freed set only holds real holes and a fully released allocator equals an empty one.
  let nextOffset = offset;
  const freed = state.freed.edit((m) => {
    // Bounded by the size of the freed set: each iteration removes one entry.
    while (nextOffset > 0 && m.has(nextOffset - 1)) {
      m.delete(nextOffset - 1);
      nextOffset -= 1;
    }
  });
  return { ...state, inUse, nextOffset, freed };
}

/**
 * An allocator that one transaction releases addresses into in place: `state` is a private copy (the one the
 * transaction stores in its table) whose `freed` set reads the draft `freed` as it changes. Releasing a task's
 * address otherwise copied the freed set's path and the state once per task.
 *
 * @category model
 */
export interface SubnetIpsDraft {
  readonly state: { -readonly [K in keyof SubnetIps]: SubnetIps[K] };
  readonly freed: DraftPMap<number, true>;
}

/**
 * A private copy of `state` to release addresses into ({@link releaseIpInDraft}). The copy is written in place
 * for the rest of the transaction, so it must be stored only in that transaction's table.
 *
 * @category combinators
 */
export function draftSubnetIps(state: SubnetIps): SubnetIpsDraft {
  const freed = state.freed.draft();
  // Fields in `emptySubnetIps`' order, so that the copy serialises like the original.
  return {
    freed,
    state: { inUse: state.inUse, nextOffset: state.nextOffset, freed: PMap.liveViewOf(freed, compareNumbers), reservedCount: state.reservedCount },
  };
}

/**
 * {@link releaseIp} on a draft, in place, of an address as a number (see {@link isAddressInUse}): the same result
 * without copying. Returns whether the address was in use.
 *
 * @category combinators
 */
export function releaseAddressInDraft(d: SubnetIpsDraft, subnet: Subnet, address: number): boolean {
  const state = d.state;
  const offset = offsetOf(subnet, address);
  if (offset === undefined || !(offset < state.nextOffset && !d.freed.has(offset))) return false;
  state.inUse -= 1;
  if (offset !== state.nextOffset - 1) {
    d.freed.set(offset, true);
    return true;
  }
  // As in releaseIp: the high-water mark drops past the free offsets right below it.
  let nextOffset = offset;
  while (nextOffset > 0 && d.freed.delete(nextOffset - 1)) nextOffset -= 1;
  state.nextOffset = nextOffset;
  return true;
}

// ---------------------------------------------------------------------------------------------------------------
// utils
// ---------------------------------------------------------------------------------------------------------------

function isOffsetInUse(state: SubnetIps, offset: number): boolean {
  return offset < state.nextOffset && !state.freed.has(offset);
}

function addressAt(subnet: Subnet, offset: number): number {
  return subnet.firstAddress + RESERVED_IPS_AT_START + offset;
}

/** The offset of `address` in `subnet`'s usable range, or `undefined` when it is not a usable address of it. */
function offsetOf(subnet: Subnet, address: number): number | undefined {
  const offset = (address >>> 0) - subnet.firstAddress - RESERVED_IPS_AT_START;
  return offset >= 0 && offset < subnet.usableIpCount ? offset : undefined;
}
