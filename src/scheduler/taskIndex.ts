/**
 * Secondary indexes of tasks, for ListTasks: composite string keys in one sorted table (`World.taskIndex`), so a
 * filter is a range scan over exactly the matching tasks and a page resumes with an O(log n) seek.
 *
 * Key layouts (`\u0000` separates parts: no name ECS allows contains it, so no prefix of one key runs into
 * another), ending in the task's `seq` as 10 base-36 digits:
 * - `D␀cluster␀desiredStatus␀launchType␀seq` — every task (ListTasks without family/startedBy/serviceName);
 * - `F␀cluster␀family␀desiredStatus␀seq` — by task-definition family;
 * - `S␀cluster␀startedBy␀desiredStatus␀seq` — tasks with a `startedBy`, but for service tasks (their `startedBy` is
 *   their deployment's id: ListTasks finds them through their service's `V` range, `src/api/tasks/startedByTasks.ts`);
 * - `V␀cluster␀serviceName␀desiredStatus␀seq` — service tasks (group `service:<name>`);
 * - `I␀cluster␀containerInstanceId␀desiredStatus␀seq` — EC2 tasks, by the container instance they run on
 *   ({@link instanceRangeOf}: unlike the others, this range is not the same for every task of one spec).
 *
 * Ending in `seq` lists tasks in launch order and makes a new task's entry land at the end of its range, so a
 * burst of launches touches one leaf of the index per range instead of one per task. An entry moves when the task's
 * `desiredStatus` changes and disappears when the task expires; within a transaction these changes are queued per
 * range and applied together before the index is read and at commit (see `OwnRange`).
 *
 * @module
 */
import type { Task } from '../domain/task.js';
import { compareNumbers, PMap, type DraftPMap } from '../domain/pmap.js';
import { instanceRangeOf } from '../domain/instanceTaskRange.js';
import { TxnLocal, type WorldTxn } from '../domain/txn.js';
import { isListedThroughService } from '../domain/deploymentTasks.js';

/**
 * The range of an EC2 task's entry in the `I` index (by container instance). Kept apart from {@link indexRangesOf},
 * whose ranges are the same for every task of one spec (and are looked up once per spec): the tasks of one launch
 * land on different instances.
 */
export { instanceRangeOf };

const SEP = '\u0000';

/** The index a ListTasks request scans. */
export type TaskIndexKind = 'D' | 'F' | 'S' | 'V' | 'I';

/** The service a task belongs to, from its group (`service:<name>`), if any. */
export const serviceNameOf = (t: Task): string | undefined =>
  t.spec.group.startsWith('service:') ? t.spec.group.slice('service:'.length) : undefined;

const SEQ_DIGITS = 10;
const seqPart = (seq: number): string => seq.toString(36).padStart(SEQ_DIGITS, '0');

/**
 * The range (the key without its `seq`) of each index entry of a task, for its current desired status. A task's
 * index key is its range followed by its `seq` ({@link indexKeysOf}).
 */
export function indexRangesOf(t: Task): string[] {
  const { clusterName: c, launchType, family, startedBy } = t.spec;
  const d = t.desiredStatus;
  const ranges = [`D${SEP}${c}${SEP}${d}${SEP}${launchType}${SEP}`, `F${SEP}${c}${SEP}${family}${SEP}${d}${SEP}`];
  // A service task is listed by its deployment id through its service's V range (deploymentTasks.ts).
  if (startedBy !== undefined && !isListedThroughService(t)) ranges.push(`S${SEP}${c}${SEP}${startedBy}${SEP}${d}${SEP}`);
  const service = serviceNameOf(t);
  if (service !== undefined) ranges.push(`V${SEP}${c}${SEP}${service}${SEP}${d}${SEP}`);
  return ranges;
}

/** The index keys of a task, for its current desired status. */
export function indexKeysOf(t: Task): string[] {
  const n = seqPart(t.seq);
  const keys = indexRangesOf(t).map((r) => r + n);
  const byInstance = instanceRangeOf(t);
  if (byInstance !== undefined) keys.push(byInstance + n);
  return keys;
}

/**
 * The key prefix of one filtered range: the kind, the cluster, the filter value (family, startedBy, service name or
 * container instance id; none for `D`), the desired status, and for `D` optionally the launch type.
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

/**
 * A range's seq map while a transaction writes it: see {@link writableRange}. Entries added and removed are not
 * written one by one but queued (`adds`, `dels`) and applied together ({@link flushRange}) before anything reads
 * the index and at commit: a burst of tasks stopping in random order then moves their entries in one sorted pass
 * — or one rebuild of the range — instead of a random descent of two trees per task.
 */
interface OwnRange {
  readonly range: string;
  draft: DraftPMap<number, true>;
  map: PMap<number, true>;
  /** Whether `map` is the table's entry for the range (false until the first flush, and while the range is empty). */
  inTable: boolean;
  /** Seqs added since the last flush, in the order they were added. */
  adds: number[];
  /** Seqs removed since the last flush. A task enters a range once and leaves it at most once, after entering. */
  dels: number[];
  /** Whether the range is in {@link TxnRanges.dirty}. */
  dirty: boolean;
}

/**
 * The seq maps of the ranges a transaction has written, kept writable for the rest of the transaction: a burst of
 * launches then adds each task to its range's tree in place, instead of copying the tree's path once per task
 * (the same device as the cluster copies of `taskStore.ts`). Only this module writes `taskIndex`, so the table
 * holds exactly these maps for the ranges a transaction has touched.
 */
const ownRanges = new TxnLocal<TxnRanges>(() => ({
  byRange: new Map(),
  bySpec: new Map(),
  dirty: [],
  flushAtCommit: false,
}));

/** What one transaction has opened of the index. */
interface TxnRanges {
  /** By range. */
  readonly byRange: Map<string, OwnRange>;
  /**
   * The ranges of the tasks of one spec, per desired status ({@link writableRangesOf}): tasks launched together
   * share their spec, so their range strings are built and looked up once.
   */
  readonly bySpec: Map<Task['spec'], Record<string, readonly OwnRange[] | undefined>>;
  /** Ranges with queued changes. */
  readonly dirty: OwnRange[];
  /** Whether the flush at commit is registered. */
  flushAtCommit: boolean;
}

function writableRange(tx: WorldTxn, mine: TxnRanges, range: string): OwnRange {
  let own = mine.byRange.get(range);
  if (own === undefined) {
    const current = tx.table('taskIndex').get(range);
    const draft = (current ?? EMPTY_RANGE).draft();
    own = { range, draft, map: PMap.liveViewOf(draft, compareNumbers), inTable: false, adds: [], dels: [], dirty: false };
    mine.byRange.set(range, own);
  }
  return own;
}

/**
 * The writable seq maps of a task's ranges, for its desired status, built once per spec and status in a
 * transaction: tasks launched together share their spec, so this is one identity lookup per task.
 */
function writableRangesOf(tx: WorldTxn, mine: TxnRanges, t: Task): readonly OwnRange[] {
  let byStatus = mine.bySpec.get(t.spec);
  if (!byStatus) {
    byStatus = {};
    mine.bySpec.set(t.spec, byStatus);
  }
  let owns = byStatus[t.desiredStatus];
  if (!owns) {
    owns = indexRangesOf(t).map((r) => writableRange(tx, mine, r));
    byStatus[t.desiredStatus] = owns;
  }
  return owns;
}

const EMPTY_RANGE = PMap.empty<number, true>(compareNumbers);

/** Queues a change of `own` (registering the flush at commit on the transaction's first). */
function markDirty(tx: WorldTxn, mine: TxnRanges, own: OwnRange): void {
  if (own.dirty) return;
  own.dirty = true;
  mine.dirty.push(own);
  if (!mine.flushAtCommit) {
    mine.flushAtCommit = true;
    tx.beforeCommit(() => flushIndex(tx));
  }
}

/** Adds a new task's entries. */
export function addIndexEntriesMutably(tx: WorldTxn, t: Task): void {
  addBatchIndexEntriesMutably(tx, [t]);
}

/**
 * Adds the entries of new tasks that share one spec and desired status (the tasks of one launch): their ranges
 * are looked up once for the batch.
 */
export function addBatchIndexEntriesMutably(tx: WorldTxn, batch: readonly Task[]): void {
  const first = batch[0];
  if (first === undefined) return;
  const mine = tx.local(ownRanges);
  const owns = writableRangesOf(tx, mine, first);
  for (let i = 0; i < owns.length; i++) {
    const own = owns[i]!;
    for (const t of batch) own.adds.push(t.seq);
    markDirty(tx, mine, own);
  }
  if (first.site.ec2 !== undefined) for (const t of batch) changeInstanceEntry(tx, mine, t, 'adds');
}

/** Queues the addition or removal of an EC2 task's `I` entry ({@link instanceRangeOf}); nothing for other tasks. */
function changeInstanceEntry(tx: WorldTxn, mine: TxnRanges, t: Task, change: 'adds' | 'dels'): void {
  const range = instanceRangeOf(t);
  if (range === undefined) return;
  const own = writableRange(tx, mine, range);
  own[change].push(t.seq);
  markDirty(tx, mine, own);
}

/** Removes a task's entries (for the desired status it has). */
export function removeIndexEntriesMutably(tx: WorldTxn, t: Task): void {
  const mine = tx.local(ownRanges);
  const owns = writableRangesOf(tx, mine, t);
  for (let i = 0; i < owns.length; i++) {
    const own = owns[i]!;
    own.dels.push(t.seq);
    markDirty(tx, mine, own);
  }
  changeInstanceEntry(tx, mine, t, 'dels');
}

/** Applies every queued change of the transaction's ranges to their trees and the table. */
function flushIndex(tx: WorldTxn): void {
  const mine = tx.local(ownRanges);
  const dirty = mine.dirty;
  for (let i = 0; i < dirty.length; i++) flushRange(tx, dirty[i]!);
  dirty.length = 0;
}

/**
 * `xs` in ascending order: itself when it already is (the tasks of launches come in `seq` order), else sorted as a
 * typed array (a numeric sort without a comparator call per comparison).
 */
function sortedSeqs(xs: readonly number[]): ArrayLike<number> {
  for (let i = 1; i < xs.length; i++) {
    if (xs[i - 1]! > xs[i]!) {
      const a = new Float64Array(xs.length);
      for (let j = 0; j < xs.length; j++) a[j] = xs[j]!;
      return a.sort();
    }
  }
  return xs;
}

/**
 * A range is rebuilt when its queued changes are at least this fraction of its size: one merge of its entries with
 * the changes, appended to a new tree, then costs less than a descent per change.
 */
const REBUILD_FRACTION = 0.25;

/** Applies the queued changes of `own` ({@link OwnRange}) and puts the range in, or takes it out of, the table. */
function flushRange(tx: WorldTxn, own: OwnRange): void {
  own.dirty = false;
  const adds = sortedSeqs(own.adds);
  const dels = sortedSeqs(own.dels);
  own.adds = [];
  own.dels = [];
  if (adds.length + dels.length >= own.draft.size * REBUILD_FRACTION) {
    const next = EMPTY_RANGE.draft();
    let a = 0;
    let d = 0;
    // A seq both added and removed since the last flush came and went: it is skipped like any removed one.
    const put = (seq: number): void => {
      while (d < dels.length && dels[d]! < seq) d++;
      if (d < dels.length && dels[d] === seq) return;
      next.set(seq, true);
    };
    for (const seq of own.map.keys()) {
      while (a < adds.length && adds[a]! < seq) put(adds[a++]!);
      put(seq);
    }
    while (a < adds.length) put(adds[a++]!);
    own.draft = next;
    own.map = PMap.liveViewOf(next, compareNumbers);
    own.inTable = false;
  } else {
    // Adds first: a seq in both was added, then removed.
    for (let i = 0; i < adds.length; i++) own.draft.set(adds[i]!, true);
    for (let i = 0; i < dels.length; i++) own.draft.delete(dels[i]!);
  }
  // An empty range leaves the table, so an index without tasks is empty.
  const index = tx.table('taskIndex');
  if (own.draft.size === 0) {
    index.delete(own.range);
    own.inTable = false;
  } else if (!own.inTable) {
    index.set(own.range, own.map);
    own.inTable = true;
  }
}

/** Keys in `[prefix…]` from `fromKey` (or the start of the range), in order, stopping at the end of the range. */
export function* indexRange(tx: WorldTxn, prefix: string, fromKey?: string): IterableIterator<string> {
  flushIndex(tx);
  for (const [range, seqs] of tx.table('taskIndex').entries(prefix)) {
    if (!range.startsWith(prefix)) return;
    // Every key of this range is `range + seqPart(seq)`; the keys before `fromKey` are skipped.
    let fromSeq: number | undefined;
    let tail: string | undefined;
    if (fromKey !== undefined && fromKey > range) {
      if (!fromKey.startsWith(range)) continue; // every key of the range is before `fromKey`
      tail = fromKey.slice(range.length);
      if (tail.length === SEQ_DIGITS && /^[0-9a-z]+$/.test(tail)) {
        fromSeq = parseInt(tail, 36);
        tail = undefined;
      }
    }
    for (const seq of seqs.keys(fromSeq)) {
      const n = seqPart(seq);
      if (tail !== undefined && n < tail) continue;
      yield range + n;
    }
  }
}

/**
 * The `seq`s of the tasks of one service with `desiredStatus` RUNNING, in launch order: one range of the `V`
 * index, read without scanning other tasks (the service scheduler's view of its tasks).
 */
export function activeServiceTaskSeqs(tx: WorldTxn, clusterName: string, serviceName: string): number[] {
  flushIndex(tx);
  const seqs = tx.table('taskIndex').get(indexPrefix('V', clusterName, 'RUNNING', serviceName));
  return seqs === undefined ? [] : [...seqs.keys()];
}
