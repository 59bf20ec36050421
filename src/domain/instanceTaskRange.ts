/**
 * The key range of an EC2 task in the ListTasks index by container instance (`I␀cluster␀containerInstanceId␀
 * desiredStatus␀`, see `src/scheduler/taskIndex.ts`). It lives in the domain because two layers build it: the task
 * index, which keeps the entries, and the snapshot decoder, which checks them against the tasks
 * (`src/codecs/ec2SnapshotChecks.ts`).
 *
 * @module
 */
import type { Task } from './task.js';

const SEP = '\u0000';

/**
 * The range of an EC2 task's entry in the `I` index, for its current desired status, or `undefined` for a task on
 * no instance.
 *
 * @example
 * ```ts
 * instanceRangeOf(task); // 'I\u0000prod\u00000123…cdef\u0000RUNNING\u0000' for a task on instance 0123…cdef of prod
 * ```
 */
export function instanceRangeOf(t: Task): string | undefined {
  const p = t.site.ec2;
  if (p === undefined) return undefined;
  // `instanceKey` is `cluster␀id` (`containerInstanceKey`): the id is what follows the separator.
  const id = p.instanceKey.slice(p.instanceKey.indexOf(SEP) + 1);
  return `I${SEP}${t.spec.clusterName}${SEP}${id}${SEP}${t.desiredStatus}${SEP}`;
}
