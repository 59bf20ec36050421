/**
 * Writing tasks: the single place where a task is stored, so that everything derived from tasks is kept up to date
 * incrementally in the same transaction — the cluster counters (`runningTasksCount`, `pendingTasksCount`,
 * `activeTasksCount`, `tasksByCapacityProvider`), the ListTasks indexes, the placement spread counts, the ledgers of the container instances EC2 tasks run
 * on — and where every visible change (a new `version`) emits its event. Nothing here scans tasks.
 *
 * @module
 */
import type { Cluster } from '../domain/cluster.js';
import { counterClassOf, seqOfTaskId, type Task } from '../domain/task.js';
import { TxnLocal, type WorldTxn } from '../domain/txn.js';
import { onInstanceTaskChange, onInstanceTasksLaunched } from './ec2/instanceLedger.js';
import { onRosterTaskChange, onRosterTasksLaunched } from './service/serviceRoster.js';
import { onServiceTaskChange } from './service/serviceTaskHook.js';
import { changeSpreadCountMutably } from './spreadCounts.js';
import { countTasksMutably } from './taskDefinitionUse.js';
import { emitTaskChange } from './taskEvents.js';
import { deploymentTaskKeyOf } from '../domain/deploymentTasks.js';
import { countDeploymentTasksMutably } from './deploymentTasks.js';
import { addBatchIndexEntriesMutably, addIndexEntriesMutably, removeIndexEntriesMutably } from './taskIndex.js';

type MutableCluster = { -readonly [K in keyof Cluster]: Cluster[K] } & { tasksByCapacityProvider: Record<string, number> };

/**
 * Cluster copies made by the current transaction. A burst of transitions would otherwise copy the cluster entity
 * once per task; instead the first change in a transaction copies it (the committed World's object is never
 * touched) and later changes in the same transaction update that private copy in place. A copy is reused only while
 * it is still the one in the table, so a cluster replaced meanwhile by another operation is copied afresh.
 */
const ownClusters = new TxnLocal(() => new Map<string, MutableCluster>());

function writableCluster(tx: WorldTxn, clusterName: string): MutableCluster | undefined {
  const clusters = tx.table('clusters');
  const current = clusters.get(clusterName);
  if (!current) return undefined;
  const mine = tx.local(ownClusters);
  const own = mine.get(clusterName);
  if (own !== undefined && own === current) return own;
  const copy: MutableCluster = { ...current, tasksByCapacityProvider: { ...current.tasksByCapacityProvider } };
  mine.set(clusterName, copy);
  clusters.set(clusterName, copy);
  return copy;
}

function updateCluster(tx: WorldTxn, clusterName: string, prev: Task | undefined, next: Task): void {
  const before = prev ? counterClassOf(prev.lastStatus) : undefined;
  const after = counterClassOf(next.lastStatus);
  if (before === after) return;
  const c = writableCluster(tx, clusterName);
  if (!c) return;
  if (before === 'pending') c.pendingTasksCount--;
  if (before === 'running') c.runningTasksCount--;
  if (after === 'pending') c.pendingTasksCount++;
  if (after === 'running') c.runningTasksCount++;
  const provider = next.site.capacityProviderName;
  if (before === undefined) {
    c.activeTasksCount++;
    if (provider !== undefined) c.tasksByCapacityProvider[provider] = (c.tasksByCapacityProvider[provider] ?? 0) + 1;
  } else if (after === 'stopped') {
    c.activeTasksCount--;
    if (provider !== undefined) {
      c.tasksByCapacityProvider[provider] = Math.max(0, (c.tasksByCapacityProvider[provider] ?? 0) - 1);
    }
  }
}

/**
 * Stores `next`, the new version of the stored task `prev`, and keeps every derived table in step. Emits the task's
 * event when its `version` changed. (New tasks are stored by {@link putNewTasks}.)
 */
export function putTask(tx: WorldTxn, prev: Task, next: Task): void {
  tx.table('tasks').set(next.seq, next);
  if (prev.desiredStatus !== next.desiredStatus) {
    removeIndexEntriesMutably(tx, prev);
    addIndexEntriesMutably(tx, next);
    if (prev.desiredStatus === 'RUNNING' && next.desiredStatus !== 'RUNNING') changeSpreadCountMutably(tx, prev, -1);
  }
  updateCluster(tx, next.spec.clusterName, prev, next);
  if (prev.version !== next.version) emitTaskChange(tx, next);
  if (next.site.ec2 !== undefined) onInstanceTaskChange(tx, prev, next);
  if (next.spec.serviceKey !== undefined) {
    onRosterTaskChange(tx, prev, next);
    onServiceTaskChange(tx, prev, next);
  }
}

/**
 * Stores the new tasks of one launch (one spec, in `seq` order), each with its index entries, spread count,
 * cluster counters and event, and counts them for their task definition; the index ranges they share are looked
 * up once.
 */
export function putNewTasks(tx: WorldTxn, batch: readonly Task[]): void {
  const first = batch[0];
  if (first === undefined) return;
  countTasksMutably(tx, first.spec.taskDefinitionKey, batch.length);
  const tasks = tx.table('tasks');
  for (const t of batch) {
    tasks.set(t.seq, t);
    if (t.desiredStatus === 'RUNNING') changeSpreadCountMutably(tx, t, 1);
    updateCluster(tx, t.spec.clusterName, undefined, t);
    emitTaskChange(tx, t);
  }
  addBatchIndexEntriesMutably(tx, batch);
  if (first.spec.launchType === 'EC2') onInstanceTasksLaunched(tx, batch);
  if (first.spec.serviceKey !== undefined) {
    onRosterTasksLaunched(tx, batch);
    // The tasks of one launch share their spec, so their deployment.
    const key = deploymentTaskKeyOf(first);
    if (key !== undefined) countDeploymentTasksMutably(tx, key, batch.length);
  }
}

/**
 * Removes an expired (STOPPED) task and its index entries. When it was the last task of a task definition being
 * deleted, schedules that definition's deletion check (`src/api/taskDefinitions/completeDeletion.ts`).
 */
export function deleteTask(tx: WorldTxn, t: Task): void {
  tx.table('tasks').delete(t.seq);
  removeIndexEntriesMutably(tx, t);
  countTasksMutably(tx, t.spec.taskDefinitionKey, -1);
  const key = deploymentTaskKeyOf(t);
  if (key !== undefined) countDeploymentTasksMutably(tx, key, -1);
}

/** The task with id `taskId` in cluster `clusterName`, if it exists (an O(log n) numeric lookup). */
export function findTaskById(tx: WorldTxn, clusterName: string, taskId: string): Task | undefined {
  const seq = seqOfTaskId(taskId);
  const t = seq === undefined ? undefined : tx.table('tasks').get(seq);
  return t && t.taskId === taskId && t.spec.clusterName === clusterName ? t : undefined;
}
