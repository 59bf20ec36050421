/**
 * How a variant's overrides apply to the base scenario (before the merged whole is decoded):
 * objects merge key by key, deeply; a key set to `null` is removed; the lists of resources and autoscaling
 * requests merge by identity (an item naming an existing one merges into it, a new one is appended); every other
 * list, and every other value, replaces the base's.
 *
 * Identities: clusters by `clusterName` (absent: `default`), task definitions by `family`, services by
 * `serviceName` (and `cluster` when the override gives it), scalable targets by `ResourceId`, scaling policies by
 * `PolicyName` and scheduled actions by `ScheduledActionName` (each with `ResourceId` when the override gives it).
 *
 * @module
 */
import type { Path, PathSegment } from './problems.js';
import { isObj, type Obj } from './reader.js';
import { clusterNameOf } from './serviceRefs.js';

/** The merged value, and for each identity-merged list which override item each merged item came from. */
export interface Merged {
  readonly value: Obj;
  /** Key: the list's path (JSON); value: per merged index, the override's index (`undefined`: from the base only). */
  readonly origin: ReadonlyMap<string, readonly (number | undefined)[]>;
}

interface Identity {
  readonly primary: (o: Obj) => unknown;
  /** A second key that must match too when the override gives it, compared after `normalize`. */
  readonly secondary?: { readonly key: string; readonly normalize: (v: unknown) => unknown };
}

const byKey = (k: string) => (o: Obj) => o[k];
const same = (v: unknown): unknown => v;
const IDENTITIES: Readonly<Record<string, Identity>> = {
  'resources.clusters': { primary: (o) => o.clusterName ?? 'default' },
  'resources.taskDefinitions': { primary: byKey('family') },
  'resources.services': { primary: byKey('serviceName'), secondary: { key: 'cluster', normalize: clusterNameOf } },
  'autoscaling.scalableTargets': { primary: byKey('ResourceId') },
  'autoscaling.scalingPolicies': { primary: byKey('PolicyName'), secondary: { key: 'ResourceId', normalize: same } },
  'autoscaling.scheduledActions': { primary: byKey('ScheduledActionName'), secondary: { key: 'ResourceId', normalize: same } },
};

/**
 * `base` with `overrides` applied.
 *
 * @example
 * ```ts
 * mergeOverrides({ seeds: 1, world: { seed: 1, region: 'us-east-1' } }, { world: { seed: 2 }, seeds: null }).value;
 * // { world: { seed: 2, region: 'us-east-1' } }
 * ```
 */
export function mergeOverrides(base: Obj, overrides: Obj): Merged {
  const origin = new Map<string, (number | undefined)[]>();
  const value = mergeValue(base, overrides, [], origin) as Obj;
  return { value, origin };
}

function mergeValue(base: unknown, over: unknown, path: PathSegment[], origin: Map<string, (number | undefined)[]>): unknown {
  if (over === undefined) return base;
  if (isObj(base) && isObj(over)) {
    const out: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(over)) {
      if (v === null) delete out[k];
      else out[k] = mergeValue(base[k], v, [...path, k], origin);
    }
    return out;
  }
  const identity = IDENTITIES[path.join('.')];
  if (identity !== undefined && Array.isArray(base) && Array.isArray(over)) {
    const merged = base.slice();
    const from: (number | undefined)[] = base.map(() => undefined);
    over.forEach((item, j) => {
      const i = isObj(item) ? base.findIndex((b) => isObj(b) && sameIdentity(identity, b, item)) : -1;
      if (i >= 0) {
        merged[i] = mergeValue(merged[i], item, [...path, i], origin);
        from[i] = j;
      } else {
        merged.push(item);
        from.push(j);
      }
    });
    origin.set(JSON.stringify(path), from);
    return merged;
  }
  return over;
}

function sameIdentity(id: Identity, base: Obj, over: Obj): boolean {
  const p = id.primary(over);
  if (p === undefined || p !== id.primary(base)) return false;
  const second = id.secondary;
  if (second === undefined || over[second.key] === undefined) return true;
  return second.normalize(over[second.key]) === second.normalize(base[second.key]);
}

/**
 * Where a path of the merged value is written in the overrides: the same path, with the indexes of identity-merged
 * lists mapped back. `complete: false` when it leads into an item that only the base has (the path returned is
 * then the list's).
 */
export function overridePathOf(merged: Merged, path: Path): { path: Path; complete: boolean } {
  const out: PathSegment[] = [];
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    const from = typeof seg === 'number' ? merged.origin.get(JSON.stringify(path.slice(0, i))) : undefined;
    if (from !== undefined) {
      const j = from[seg as number];
      if (j === undefined) return { path: out, complete: false };
      out.push(j);
    } else {
      out.push(seg);
    }
  }
  return { path: out, complete: true };
}
