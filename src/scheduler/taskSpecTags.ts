/**
 * A task's spec with other tags (TagResource, UntagResource, StopTask deleting them).
 *
 * @module
 */
import type { Tag } from '../domain/wire.js';
import type { TaskSpec } from '../domain/task.js';
import type { WorldTxn } from '../domain/txn.js';

const sameTags = (a: readonly Tag[], b: readonly Tag[]): boolean =>
  a.length === b.length && a.every((t, i) => t.key === b[i]!.key && t.value === b[i]!.value);

/**
 * `spec` with `tags`: a copy of its own — unless `spec` comes from a deployment whose spec has exactly these tags,
 * which the task then shares again. A service task untagged back to its deployment's tags would otherwise hold an
 * equal copy of the deployment's spec, and a snapshot, which writes specs by content, could not tell which of the
 * two the deployment launches its next tasks with (`relinkDeploymentSpecs` in `src/codecs/worldSnapshot.ts`): the
 * same inputs after a round trip would give other bytes.
 */
export function specWithTags(tx: WorldTxn, spec: TaskSpec, tags: readonly Tag[]): TaskSpec {
  if (spec.serviceKey !== undefined) {
    const own = tx.table('services').get(spec.serviceKey)?.deployments.find((d) => d.id === spec.deploymentId)?.taskSpec;
    if (own !== undefined && sameTags(own.tags, tags) && sameSpecBesidesTags(own, spec)) return own;
  }
  return { ...spec, tags: [...tags] };
}

/** Whether two specs differ at most in their tags (a task's spec is its deployment's, or a copy with other tags). */
function sameSpecBesidesTags(a: TaskSpec, b: TaskSpec): boolean {
  const keys = Object.keys(a) as Array<keyof TaskSpec>;
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => k === 'tags' || a[k] === b[k]);
}
