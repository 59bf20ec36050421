/**
 * The tasks ListTasks `startedBy` lists, as keys of the `S` range of the ListTasks index
 * (`S␀cluster␀startedBy␀desiredStatus␀seq`, `src/scheduler/taskIndex.ts`) — also for the service tasks that range
 * no longer holds: a service task's `startedBy` is its deployment's id, and it is found in its service's `V` range
 * (the services come from `World.deploymentTasks`, `src/scheduler/deploymentTasks.ts`). Each of those keys is
 * given the `S` form it would have had, and the streams are merged in key order, so the answer, its order, and the
 * `nextToken`s (the last key returned) are those of an `S` entry per task.
 *
 * @module
 */
import type { WorldTxn } from '../../domain/txn.js';
import { isListedThroughService } from '../../domain/deploymentTasks.js';
import { servicesOfDeployment } from '../../scheduler/deploymentTasks.js';
import { indexPrefix, indexRange, taskSeqOfIndexKey } from '../../scheduler/taskIndex.js';

/**
 * The `S` index keys of the tasks of `clusterName` with `startedBy` and `desiredStatus`, in key (= launch) order,
 * from `fromKey` on (keys ≥ `fromKey`; from the start when absent). O(log n + tasks read): the services' `V`
 * ranges are read from `fromKey`, keeping the tasks of deployment `startedBy`.
 */
export function* startedByIndexKeys(
  tx: WorldTxn,
  clusterName: string,
  startedBy: string,
  desiredStatus: string,
  fromKey?: string,
): IterableIterator<string> {
  const prefix = indexPrefix('S', clusterName, desiredStatus, startedBy);
  const streams: Array<Iterator<string>> = [indexRange(tx, prefix, fromKey)];
  for (const service of servicesOfDeployment(tx, clusterName, startedBy)) {
    const keys = serviceTaskKeys(tx, prefix, indexPrefix('V', clusterName, desiredStatus, service), startedBy, fromKey);
    if (keys !== undefined) streams.push(keys);
  }
  yield* mergeSorted(streams);
}

/**
 * The keys of deployment `deploymentId`'s tasks in the `V` range `vPrefix`, in their `S` form (`sPrefix` + seq),
 * from `fromKey` (an `S`-form key, or a key before or after the range); `undefined` when `fromKey` is past it.
 */
function serviceTaskKeys(
  tx: WorldTxn,
  sPrefix: string,
  vPrefix: string,
  deploymentId: string,
  fromKey: string | undefined,
): Iterator<string> | undefined {
  // Keys of both ranges are their prefix + the same fixed-width seq: the tail of `fromKey` seeks the same place.
  let vFrom: string | undefined;
  if (fromKey !== undefined && fromKey > sPrefix) {
    if (!fromKey.startsWith(sPrefix)) return undefined;
    vFrom = vPrefix + fromKey.slice(sPrefix.length);
  }
  const tasks = tx.table('tasks');
  return (function* () {
    for (const k of indexRange(tx, vPrefix, vFrom)) {
      const t = tasks.get(taskSeqOfIndexKey(k));
      // The range holds the service's tasks of every deployment (and RunTask tasks given its group by hand).
      if (t !== undefined && t.spec.deploymentId === deploymentId && isListedThroughService(t)) yield sPrefix + k.slice(vPrefix.length);
    }
  })();
}

/** The strings of sorted streams, merged in order (code-unit order: the keys share a prefix and a fixed width). */
function* mergeSorted(streams: ReadonlyArray<Iterator<string>>): IterableIterator<string> {
  if (streams.length === 1) {
    yield* { [Symbol.iterator]: () => streams[0]! };
    return;
  }
  const heads = streams.map((s) => s.next());
  for (;;) {
    let min = -1;
    for (let i = 0; i < heads.length; i++) {
      const h = heads[i]!;
      if (h.done !== true && (min < 0 || h.value < (heads[min]!.value as string))) min = i;
    }
    if (min < 0) return;
    yield heads[min]!.value as string;
    heads[min] = streams[min]!.next();
  }
}
