/**
 * Which services hold the tasks of a deployment (`World.deploymentTasks`), so that ListTasks `startedBy=ecs-svc/…`
 * finds a service's tasks without a `startedBy` index entry per task.
 *
 * A service task's `startedBy` is its deployment's id, and the task is already in its service's `V` range of the
 * ListTasks index (`taskIndex.ts`). A second entry per task under `S` (startedBy) cost ~39 bytes a task — a fifth of
 * a service task's heap beyond a standalone one's. Instead the World counts, per (cluster, deployment id, service
 * name), the tasks that deployment launched and that the World still holds (any status, until they expire); a
 * ListTasks by deployment id reads those services' `V` ranges, keeping the tasks of that deployment
 * (`src/api/tasks/startedByTasks.ts`). The count is per deployment, not per task, and an entry leaves with the
 * deployment's last task, so a service deployed many times does not accumulate entries: the services a deployment
 * id names stay known for exactly as long as it has tasks to list — also after the service stops listing the
 * deployment, and after the service is deleted.
 *
 * The table is derived: snapshots do not write it; reading one rebuilds it from the tasks (`rebuildDeploymentTasks`,
 * with the key of a task, `deploymentTaskKeyOf`, in `src/domain/deploymentTasks.ts`).
 *
 * @module
 */
import type { WorldTxn } from '../domain/txn.js';

const SEP = '\u0000';

/** Counts `delta` more (or fewer) tasks under `key` (`deploymentTaskKeyOf`); an entry at zero leaves the table. */
export function countDeploymentTasksMutably(tx: WorldTxn, key: string, delta: number): void {
  const table = tx.table('deploymentTasks');
  const n = (table.get(key) ?? 0) + delta;
  if (n > 0) table.set(key, n);
  else table.delete(key);
}

/** The names of the services of `clusterName` holding tasks of deployment `deploymentId`, in code-unit order. */
export function servicesOfDeployment(tx: WorldTxn, clusterName: string, deploymentId: string): string[] {
  const prefix = `${clusterName}${SEP}${deploymentId}${SEP}`;
  const out: string[] = [];
  for (const [key] of tx.table('deploymentTasks').entries(prefix)) {
    if (!key.startsWith(prefix)) break;
    out.push(key.slice(prefix.length));
  }
  return out;
}
