/**
 * The key of a service task in `World.deploymentTasks` (tasks per service deployment; kept by
 * `src/scheduler/deploymentTasks.ts`), and that table rebuilt from the tasks — here, below the snapshot codec,
 * which rebuilds it when a snapshot is read.
 *
 * @module
 */
import { compareStrings, PMap } from './pmap.js';
import type { Task } from './task.js';

const SEP = '\u0000';

/**
 * Whether ListTasks finds task `t` by its `startedBy` through its service (and `World.deploymentTasks`) rather than
 * a `startedBy` index entry: a service task, whose `startedBy` is its deployment's id. Not a standalone task
 * (RunTask, whatever its `startedBy` — also `ecs-svc/…` given by hand — or its group), nor a service task whose
 * `startedBy` were not its deployment's id (none is launched so; it would keep its entry rather than be assumed).
 */
export const isListedThroughService = (t: Task): boolean =>
  t.spec.serviceKey !== undefined && t.spec.deploymentId !== undefined && t.spec.startedBy === t.spec.deploymentId && t.spec.group.startsWith('service:');

/**
 * The `World.deploymentTasks` key of a task {@link isListedThroughService} — `cluster␀deploymentId␀serviceName`,
 * the service named by its group, whose `V` index range holds it — or `undefined` for any other task.
 */
export function deploymentTaskKeyOf(t: Task): string | undefined {
  if (!isListedThroughService(t)) return undefined;
  const { deploymentId, group, clusterName } = t.spec;
  return `${clusterName}${SEP}${deploymentId!}${SEP}${group.slice('service:'.length)}`;
}

/** `World.deploymentTasks` as the tasks `tasks` give it (a snapshot read back). O(tasks). */
export function rebuildDeploymentTasks(tasks: Iterable<Task>): PMap<string, number> {
  const counts = new Map<string, number>();
  for (const t of tasks) {
    const key = deploymentTaskKeyOf(t);
    if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const keys = [...counts.keys()].sort(compareStrings);
  return PMap.fromSorted(
    compareStrings,
    keys,
    keys.map((k) => counts.get(k)!),
  );
}
