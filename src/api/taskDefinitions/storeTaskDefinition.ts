/**
 * Writing task-definition revisions, with the bookkeeping that must stay in step with them: the family record
 * (`World.families`) and the secondary index (`World.taskDefinitionIndex`).
 *
 * The index holds two kinds of composite key, both in the code-unit order of `World.taskDefinitions`:
 * - `r <status> <taskDefinitionKey>` → ARN, one per revision, under its current status;
 * - `f <ACTIVE|INACTIVE> <family>` → family, one per family, ACTIVE while it has an ACTIVE revision.
 *
 * So "the ACTIVE revisions of family X", "every INACTIVE revision" or "families without an ACTIVE revision" are
 * key ranges: ListTaskDefinitions and ListTaskDefinitionFamilies seek to a page in O(log n) and never walk
 * revisions of another status (a family with thousands of deregistered revisions costs nothing to list), and
 * deregistering a family's latest ACTIVE revision finds the next one in O(log n).
 *
 * @module
 */
import type { TaskDefinition, TaskDefinitionFamily, TaskDefinitionStatus } from '../../domain/taskDefinition.js';
import { taskDefinitionKey } from '../../domain/taskDefinition.js';
import type { WorldTxn } from '../../domain/txn.js';

/** The prefix of the index keys of every revision in `status`; the rest of such a key is its `taskDefinitionKey`. */
export const revisionIndexPrefix = (status: TaskDefinitionStatus): string => `r ${status} `;

/** The index key of revision `revision` of `family` while it is in `status`. */
export const revisionIndexKey = (status: TaskDefinitionStatus, family: string, revision: number): string =>
  revisionIndexPrefix(status) + taskDefinitionKey(family, revision);

/** The prefix of the index keys of the families with (`true`) or without an ACTIVE revision; the rest is the name. */
export const familyIndexPrefix = (active: boolean): string => (active ? 'f ACTIVE ' : 'f INACTIVE ');

/** A readable index: what {@link latestActiveRevisionBelow} needs (a PMap or a transaction's draft of it). */
export interface ReadableIndex {
  entriesReversed(fromKey?: string): IterableIterator<[string, string]>;
}

/**
 * The newest ACTIVE revision of `family` below `revision`, or `undefined`: one reverse seek in the index, however
 * many INACTIVE revisions lie in between.
 */
export function latestActiveRevisionBelow(index: ReadableIndex, family: string, revision: number): number | undefined {
  const familyPrefix = revisionIndexPrefix('ACTIVE') + `${family} `;
  // Keys of one family differ only in the zero-padded revision, so the first key below is the answer if in range.
  for (const [key] of index.entriesReversed(revisionIndexKey('ACTIVE', family, revision))) {
    if (!key.startsWith(familyPrefix)) return undefined;
    const found = Number(key.slice(familyPrefix.length));
    if (found < revision) return found;
  }
  return undefined;
}

/**
 * Stores `td` (a new revision, or a new version of a stored one) in `World.taskDefinitions`, and updates its family
 * record and the index to match: `lastRevision`, `activeRevisionCount`, `latestActiveRevision`, the revision's
 * status key and the family's ACTIVE/INACTIVE key. Every write of a revision goes through here.
 *
 * @param tx the transaction of the operation
 * @param td the revision as it is to be stored
 *
 * @example
 * ```ts
 * storeTaskDefinitionMutably(tx, deregistered(td, tx.nowMs)); // ACTIVE → INACTIVE, family and index follow
 * ```
 */
export function storeTaskDefinitionMutably(tx: WorldTxn, td: TaskDefinition): void {
  const key = taskDefinitionKey(td.family, td.revision);
  const defs = tx.table('taskDefinitions');
  const index = tx.table('taskDefinitionIndex');
  const families = tx.table('families');
  const before = defs.get(key);
  defs.set(key, td);
  if (before?.status !== td.status) {
    if (before) index.delete(revisionIndexKey(before.status, td.family, td.revision));
    index.set(revisionIndexKey(td.status, td.family, td.revision), td.arn);
  }

  const fam = families.get(td.family);
  const wasActive = before?.status === 'ACTIVE';
  const isActive = td.status === 'ACTIVE';
  const activeRevisionCount = (fam?.activeRevisionCount ?? 0) + (isActive ? 1 : 0) - (wasActive ? 1 : 0);
  let latest = fam?.latestActiveRevision;
  if (isActive && (latest === undefined || td.revision > latest)) latest = td.revision;
  else if (wasActive && !isActive && latest === td.revision) latest = latestActiveRevisionBelow(index, td.family, td.revision);
  const revisionCount = (fam?.revisionCount ?? 0) + (before === undefined ? 1 : 0);
  const next: TaskDefinitionFamily = {
    family: td.family,
    lastRevision: Math.max(fam?.lastRevision ?? 0, td.revision),
    activeRevisionCount,
    revisionCount,
    ...(latest !== undefined ? { latestActiveRevision: latest } : {}),
  };
  families.set(td.family, next);

  const hadActive = (fam?.activeRevisionCount ?? 0) > 0;
  const wasListed = fam !== undefined && fam.revisionCount > 0;
  if (!wasListed || hadActive !== activeRevisionCount > 0) {
    if (wasListed) index.delete(familyIndexPrefix(hadActive) + td.family);
    index.set(familyIndexPrefix(activeRevisionCount > 0) + td.family, td.family);
  }
}

/**
 * Deletes revision `td` for good (it must not be ACTIVE): out of `World.taskDefinitions` and the index. Its
 * family keeps its record — the next registration continues its revision numbers — and leaves the family
 * listings when this was its last revision.
 */
export function removeTaskDefinitionMutably(tx: WorldTxn, td: TaskDefinition): void {
  const index = tx.table('taskDefinitionIndex');
  const families = tx.table('families');
  if (!tx.table('taskDefinitions').delete(taskDefinitionKey(td.family, td.revision))) return;
  index.delete(revisionIndexKey(td.status, td.family, td.revision));
  const fam = families.get(td.family);
  if (fam === undefined) return;
  const revisionCount = fam.revisionCount - 1;
  families.set(td.family, { ...fam, revisionCount });
  if (revisionCount === 0) index.delete(familyIndexPrefix(fam.activeRevisionCount > 0) + td.family);
}
