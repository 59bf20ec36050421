/**
 * Field-level differences between two described resources: dotted paths (`deploymentConfiguration.maximumPercent`,
 * `containerDefinitions[0].image`) with the current and the desired JSON value.
 *
 * @module
 */
import { canonicalJson } from '../sim/fingerprint.js';
import type { FieldChange } from './types.js';

/** Whether two JSON values are equal (object key order ignored, array order kept). */
export const sameJson = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A JSON value as a FieldChange carries it: `undefined` (absent) becomes null so the plan stays JSON. */
const json = (v: unknown): unknown => (v === undefined ? null : v);

/**
 * The leaves that differ between `from` and `to`, under `path`. Objects are walked member by member (sorted by
 * code unit); arrays of objects element by element when their lengths agree; anything else (scalars, lists of
 * strings such as subnets, lists whose length changes) is one change of the whole value.
 *
 * @example
 * ```ts
 * diffFields('deploymentConfiguration', { maximumPercent: 200 }, { maximumPercent: 150 });
 * // [{ path: 'deploymentConfiguration.maximumPercent', from: 200, to: 150 }]
 * ```
 */
export function diffFields(path: string, from: unknown, to: unknown): FieldChange[] {
  if (sameJson(from, to)) return [];
  if (isPlainObject(from) && isPlainObject(to)) {
    const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort();
    return keys.flatMap((k) => diffFields(path === '' ? k : `${path}.${k}`, from[k], to[k]));
  }
  if (Array.isArray(from) && Array.isArray(to) && from.length === to.length && from.some(isPlainObject)) {
    return from.flatMap((f, i) => diffFields(`${path}[${i}]`, f, to[i]));
  }
  return [{ path, from: json(from), to: json(to) }];
}

/** The top-level members of a body to create, as changes from nothing (what `terraform plan` lists for a create). */
export function creationFields(body: Readonly<Record<string, unknown>>): FieldChange[] {
  return Object.keys(body)
    .sort()
    .filter((k) => body[k] !== undefined)
    .map((k) => ({ path: k, from: null, to: body[k] }));
}

/** Tags as a map, `aws:`-prefixed keys left out (AWS sets those and they cannot be changed by users). */
export function tagMap(tags: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (!Array.isArray(tags)) return out;
  for (const t of tags) {
    if (!isPlainObject(t) || typeof t.key !== 'string' || t.key.startsWith('aws:')) continue;
    out.set(t.key, typeof t.value === 'string' ? t.value : '');
  }
  return out;
}

/** What tagging calls turn `current` tags into `desired`: tags to set and keys to remove, with the field changes. */
export interface TagDiff {
  readonly set: readonly { readonly key: string; readonly value: string }[];
  readonly remove: readonly string[];
  readonly changes: readonly FieldChange[];
}

/** The difference between two tag lists (wire `[{ key, value }]`), by key, sorted by code unit. */
export function diffTags(current: unknown, desired: unknown): TagDiff {
  const from = tagMap(current);
  const to = tagMap(desired);
  const set: { key: string; value: string }[] = [];
  const remove: string[] = [];
  const changes: FieldChange[] = [];
  for (const key of [...new Set([...from.keys(), ...to.keys()])].sort()) {
    const a = from.get(key);
    const b = to.get(key);
    if (a === b) continue;
    changes.push({ path: `tags.${key}`, from: a ?? null, to: b ?? null });
    if (b === undefined) remove.push(key);
    else set.push({ key, value: b });
  }
  return { set, remove, changes };
}

/** TagResource / UntagResource calls realising a {@link TagDiff} on `resourceArn` (none when nothing changes). */
export function tagOperations(resourceArn: string, d: TagDiff): { operation: string; input: Record<string, unknown> }[] {
  const ops: { operation: string; input: Record<string, unknown> }[] = [];
  if (d.set.length > 0) ops.push({ operation: 'TagResource', input: { resourceArn, tags: d.set.map((t) => ({ ...t })) } });
  if (d.remove.length > 0) ops.push({ operation: 'UntagResource', input: { resourceArn, tagKeys: [...d.remove] } });
  return ops;
}
