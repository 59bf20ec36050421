/**
 * Spread counts of Fargate placement: tasks with desired status RUNNING per (cluster, group), by capacity pool and
 * Availability Zone (`World.placementCounts`). Placement balances them (reference §7.1); `taskStore.ts` keeps them
 * current as tasks launch and stop.
 *
 * One table entry per (cluster, group) holds all its pools and zones, so a task's count is one lookup by a key its
 * launch batch shares. Within a transaction the first change copies the entry and later changes update that
 * private copy in place — a launch of ten tasks, or a burst of stops, writes the table once per group.
 *
 * @module
 */
import { poolOf, type Task, type TaskSpec } from '../domain/task.js';
import { TxnLocal, type WorldTxn } from '../domain/txn.js';

const SEP = '\u0000';

/** The table key of a (cluster, group). */
export const spreadKey = (clusterName: string, group: string): string => `${clusterName}${SEP}${group}`;

type MutableCounts = Record<string, Record<string, number>>;

/** What a transaction has opened of the table. */
interface TxnSpread {
  /** Private copies by key, valid while they are still the table's entry. */
  readonly own: Map<string, MutableCounts>;
  /** The key of each spec's tasks (specs are shared by the tasks of a launch). */
  readonly keyOfSpec: Map<TaskSpec, string>;
}

const txnSpread = new TxnLocal<TxnSpread>(() => ({ own: new Map(), keyOfSpec: new Map() }));

function keyOf(mine: TxnSpread, spec: TaskSpec): string {
  let key = mine.keyOfSpec.get(spec);
  if (key === undefined) {
    key = spreadKey(spec.clusterName, spec.group);
    mine.keyOfSpec.set(spec, key);
  }
  return key;
}

/** Tasks with desired status RUNNING in (cluster, group, pool, zone). */
export function spreadCountOf(tx: WorldTxn, clusterName: string, group: string, pool: string, zone: string): number {
  return tx.table('placementCounts').get(spreadKey(clusterName, group))?.[pool]?.[zone] ?? 0;
}

/** Adds `delta` to the count of `t`'s (cluster, group, pool, zone); an entry whose counts are all zero leaves. */
export function changeSpreadCountMutably(tx: WorldTxn, t: Task, delta: number): void {
  // Fargate placement's counts; an EC2 task counts on its container instance instead (ec2/instanceLedger.ts).
  const pool = poolOf(t);
  if (pool === undefined) return;
  const mine = tx.local(txnSpread);
  const key = keyOf(mine, t.spec);
  const table = tx.table('placementCounts');
  const current = table.get(key);
  let own = mine.own.get(key);
  if (own === undefined || own !== current) {
    own = {};
    if (current) for (const [pool, zones] of Object.entries(current)) own[pool] = { ...zones };
    mine.own.set(key, own);
    table.set(key, own);
  }
  const zones = (own[pool] ??= {});
  const n = (zones[t.site.availabilityZone] ?? 0) + delta;
  if (n > 0) {
    zones[t.site.availabilityZone] = n;
    return;
  }
  delete zones[t.site.availabilityZone];
  if (Object.keys(zones).length > 0) return;
  delete own[pool];
  if (Object.keys(own).length === 0) {
    table.delete(key);
    mine.own.delete(key);
  }
}

