/**
 * The account-level Fargate bookkeeping of a World, read and written inside a transaction: private IPs per subnet,
 * vCPUs held per quota, and the launch-rate token buckets (reference §8, §9.2–9.3).
 *
 * The IP allocator and token bucket states are stored in World tables typed `unknown` (the domain layer cannot
 * name scheduler types); this module is the only place that reads or writes them, so the casts live here.
 *
 * @module
 */
import type { Subnet } from '../domain/network.js';
import type { FargatePool } from '../domain/task.js';
import { TxnLocal, type WorldTxn } from '../domain/txn.js';
import type { FargateUsage, RateLimit, ResolvedConfig } from '../domain/world.js';
import { draftSubnetIps, emptySubnetIps, isAddressInUse, releaseAddressInDraft, type SubnetIps, type SubnetIpsDraft } from './subnetIps.js';
import { fullBucket, takeTokens, type TokenBucket } from './tokenBucket.js';

// ---------------------------------------------------------------------------------------------------------------
// subnets and IPs
// ---------------------------------------------------------------------------------------------------------------

const subnetMaps = new WeakMap<ResolvedConfig['network'], ReadonlyMap<string, Subnet>>();

/** The World's subnets by id (memoised per resolved network, which never changes). */
export function subnetsById(config: ResolvedConfig): ReadonlyMap<string, Subnet> {
  let m = subnetMaps.get(config.network);
  if (!m) {
    m = new Map(config.network.subnets.map((s) => [s.subnetId, s]));
    subnetMaps.set(config.network, m);
  }
  return m;
}

const EMPTY_IPS = emptySubnetIps();

/** The allocator state of a subnet (empty when no address was ever taken). */
export function subnetIpsOf(tx: WorldTxn, subnetId: string): SubnetIps {
  return tx.table('subnetIps').get(subnetId) ?? EMPTY_IPS;
}

/**
 * Stores a subnet's allocator state. Placement (`FargatePlacer`) allocates the addresses of one launch on a local
 * copy of the state (`allocateIp`) and stores the result once, instead of once per task.
 */
export function putSubnetIpsMutably(tx: WorldTxn, subnetId: string, state: SubnetIps): void {
  tx.table('subnetIps').set(subnetId, state);
}

/**
 * The allocators a transaction has released addresses into, by subnet id: the first release copies the stored
 * state once (`draftSubnetIps`) and later ones write that copy in place, as `taskStore.ts` does with clusters. A
 * copy is reused only while it is still the table's entry (placement stores a new state after allocating).
 */
const ownIps = new TxnLocal(() => new Map<string, SubnetIpsDraft>());

/** Gives an address back (no effect if it is not held). */
export function releaseIpMutably(tx: WorldTxn, subnet: Subnet, address: number): void {
  const table = tx.table('subnetIps');
  const current = table.get(subnet.subnetId);
  if (current === undefined) return;
  const mine = tx.local(ownIps);
  let own = mine.get(subnet.subnetId);
  if (own === undefined || own.state !== current) {
    if (!isAddressInUse(current, subnet, address)) return;
    own = draftSubnetIps(current);
    mine.set(subnet.subnetId, own);
    table.set(subnet.subnetId, own.state);
  }
  releaseAddressInDraft(own, subnet, address);
}

// ---------------------------------------------------------------------------------------------------------------
// vCPU quotas
// ---------------------------------------------------------------------------------------------------------------

/** CPU units per vCPU. */
export const CPU_UNITS_PER_VCPU = 1024;

const NO_USAGE: FargateUsage = { cpuUnits: 0, tasks: 0 };

/** What a pool holds now. */
export const usageOf = (tx: WorldTxn, pool: FargatePool): FargateUsage => tx.table('fargateUsage').get(pool) ?? NO_USAGE;

/** The pool's vCPU quota in CPU units (`Infinity` when unlimited). */
export function quotaCpuUnits(config: ResolvedConfig, pool: FargatePool): number {
  const vcpu = pool === 'FARGATE' ? config.quotas.onDemandVcpu : config.quotas.spotVcpu;
  return vcpu === Infinity ? Infinity : Math.floor(vcpu * CPU_UNITS_PER_VCPU);
}

/** Adds (or, with a negative `cpuUnits` and `tasks`, removes) a task's vCPUs to the pool's usage. */
export function changeUsageMutably(tx: WorldTxn, pool: FargatePool, cpuUnits: number, tasks: number): void {
  const u = usageOf(tx, pool);
  tx.table('fargateUsage').set(pool, { cpuUnits: u.cpuUnits + cpuUnits, tasks: u.tasks + tasks });
}

// ---------------------------------------------------------------------------------------------------------------
// launch-rate buckets
// ---------------------------------------------------------------------------------------------------------------

/** Names of the account's token buckets. */
export type RateBucketName = 'RunTask' | 'launch:FARGATE' | 'launch:FARGATE_SPOT';

/** The rate limit a bucket follows. */
export function rateLimitOf(config: ResolvedConfig, name: RateBucketName): RateLimit {
  switch (name) {
    case 'RunTask':
      return config.quotas.runTaskApi;
    case 'launch:FARGATE':
      return config.quotas.onDemandLaunches;
    case 'launch:FARGATE_SPOT':
      return config.quotas.spotLaunches;
  }
}

/** Whether `n` tokens are available in the bucket now (a bucket never used is full). */
export function hasTokens(tx: WorldTxn, name: RateBucketName, n: number): boolean {
  const limit = rateLimitOf(tx.config, name);
  if (limit.burst === Infinity || n <= 0) return true;
  return takeTokens(bucketOf(tx, name, limit), tx.nowMs, n).ok;
}

/** Takes `n` tokens if available (all or nothing) and says whether it did. */
export function takeTokensMutably(tx: WorldTxn, name: RateBucketName, n: number): boolean {
  const limit = rateLimitOf(tx.config, name);
  if (limit.burst === Infinity || n <= 0) return true;
  const b = bucketOf(tx, name, limit);
  const r = takeTokens(b, tx.nowMs, n);
  if (r.ok) tx.table('rateLimits').set(name, r.bucket);
  return r.ok;
}

function bucketOf(tx: WorldTxn, name: RateBucketName, limit: RateLimit): TokenBucket {
  return (
    tx.table('rateLimits').get(name) ??
    fullBucket(limit.burst, limit.refillPerSecond, tx.nowMs)
  );
}
