/**
 * Secondary indexes of tasks, for ListTasks: composite string keys in one sorted table (`World.taskIndex`), so a
 * filter is a range scan over exactly the matching tasks and a page resumes with an O(log n) seek.
 *
 * Key layouts (`\u0000` separates parts: no name ECS allows contains it, so no prefix of one key runs into
 * another), ending in the task's `seq` as 10 base-36 digits:
 * - `D␀cluster␀desiredStatus␀launchType␀seq` — every task (ListTasks without family/startedBy/serviceName);
 * - `F␀cluster␀family␀desiredStatus␀seq` — by task-definition family;
 * - `S␀cluster␀startedBy␀desiredStatus␀seq` — tasks with a `startedBy`;
 * - `V␀cluster␀serviceName␀desiredStatus␀seq` — service tasks (group `service:<name>`).
 *
 * Ending in `seq` lists tasks in launch order and makes a new task's entry land at the end of its range, so a
 * burst of launches touches one leaf of the index per range instead of one per task. An entry moves when the task's
 * `desiredStatus` changes and disappears when the task expires.
 *
 * @module
 */
import type { Task } from '../domain/task.js';
import type { WorldTxn } from '../domain/txn.js';

const SEP = '\u0000';

/** The index a ListTasks request scans. */
export type TaskIndexKind = 'D' | 'F' | 'S' | 'V';

/** The service a task belongs to, from its group (`service:<name>`), if any. */
export const serviceNameOf = (t: Task): string | undefined =>
  t.spec.group.startsWith('service:') ? t.spec.group.slice('service:'.length) : undefined;

const seqPart = (seq: number): string => seq.toString(36).padStart(10, '0');

/** The index keys of a task, for its current desired status. */
export function indexKeysOf(t: Task): string[] {
  const { clusterName: c, launchType, family, startedBy } = t.spec;
  const d = t.desiredStatus;
  const n = seqPart(t.seq);
  const keys = [`D${SEP}${c}${SEP}${d}${SEP}${launchType}${SEP}${n}`, `F${SEP}${c}${SEP}${family}${SEP}${d}${SEP}${n}`];
  if (startedBy !== undefined) keys.push(`S${SEP}${c}${SEP}${startedBy}${SEP}${d}${SEP}${n}`);
  const service = serviceNameOf(t);
  if (service !== undefined) keys.push(`V${SEP}${c}${SEP}${service}${SEP}${d}${SEP}${n}`);
  return keys;
}

/**
 * The key prefix of one filtered range: the kind, the cluster, the filter value (family, startedBy or service
 * name; none for `D`), the desired status, and for `D` optionally the launch type.
 */
export function indexPrefix(
  kind: TaskIndexKind,
  clusterName: string,
  desiredStatus: string,
  value?: string,
  launchType?: string,
): string {
  if (kind === 'D') {
    return launchType === undefined
      ? `D${SEP}${clusterName}${SEP}${desiredStatus}${SEP}`
      : `D${SEP}${clusterName}${SEP}${desiredStatus}${SEP}${launchType}${SEP}`;
  }
  return `${kind}${SEP}${clusterName}${SEP}${value ?? ''}${SEP}${desiredStatus}${SEP}`;
}

/** The task `seq` at the end of an index key. */
export const taskSeqOfIndexKey = (key: string): number => parseInt(key.slice(key.lastIndexOf(SEP) + 1), 36);

/** Adds a new task's entries. */
export function addIndexEntriesMutably(tx: WorldTxn, t: Task): void {
  const index = tx.table('taskIndex');
  for (const k of indexKeysOf(t)) index.set(k, true);
}

/** Removes a task's entries (for the desired status it has). */
export function removeIndexEntriesMutably(tx: WorldTxn, t: Task): void {
  const index = tx.table('taskIndex');
  for (const k of indexKeysOf(t)) index.delete(k);
}

/** Keys in `[prefix…]` from `fromKey` (or the start of the range), in order, stopping at the end of the range. */
export function* indexRange(tx: WorldTxn, prefix: string, fromKey?: string): IterableIterator<string> {
  const start = fromKey !== undefined && fromKey > prefix ? fromKey : prefix;
  for (const [k] of tx.table('taskIndex').entries(start)) {
    if (!k.startsWith(prefix)) return;
    yield k;
  }
}
