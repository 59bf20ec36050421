/**
 * The JSON dialect of World snapshots: plain JSON, plus the JavaScript values a World holds that JSON cannot —
 * `undefined` members (kept, so an object keeps its key order when a later spread sets them), `Infinity` (a quota
 * switched off), `NaN` and `-0` — written as marker strings that start with U+0000. A string of the World that
 * itself starts with U+0000 gets one more U+0000 in front, so no value of the World can be read back as a marker.
 *
 * {@link reviveSnapshotJson} is the strict way back: any value JSON cannot hold is refused (never crashes), nesting
 * is bounded, and an unknown marker is an error naming where it is.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';

const NUL = '\u0000';
/** Marker → the value it stands for. */
const MARKERS: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  [`${NUL}u`, undefined],
  [`${NUL}+Infinity`, Number.POSITIVE_INFINITY],
  [`${NUL}-Infinity`, Number.NEGATIVE_INFINITY],
  [`${NUL}NaN`, Number.NaN],
  [`${NUL}-0`, -0],
]);

/**
 * The `JSON.stringify` replacer of snapshots (see the module comment). `refuse(holder, key)` may name a value that
 * must not be written as it is (a collection the caller should have encoded itself); it is checked for arrays
 * only, which is where such a value would appear once its `toJSON` ran.
 */
export function snapshotReplacer(refuse: (original: unknown) => boolean): (this: unknown, key: string, value: unknown) => unknown {
  return function replace(this: unknown, key: string, value: unknown): unknown {
    switch (typeof value) {
      case 'number':
        if (Number.isFinite(value)) return value === 0 && 1 / value < 0 ? `${NUL}-0` : value;
        return Number.isNaN(value) ? `${NUL}NaN` : value > 0 ? `${NUL}+Infinity` : `${NUL}-Infinity`;
      case 'string':
        return value.charCodeAt(0) === 0 ? NUL + value : value;
      case 'undefined':
        return key === '' ? value : `${NUL}u`;
      default:
        if (Array.isArray(value) && refuse((this as Record<string, unknown>)[key])) {
          throw new Error(`snapshot: the value at "${key}" is a collection the World codec does not know how to write.`);
        }
        return value;
    }
  };
}

/** Deepest nesting a snapshot may have: a World's values are far shallower (requests are bounded to 64). */
export const MAX_SNAPSHOT_DEPTH = 96;

/**
 * Turns parsed snapshot JSON back into the World's values, in place (the objects come from `JSON.parse` and are
 * the caller's): markers become their values, escaped strings lose their extra U+0000. Left: where the JSON holds
 * an unknown marker or nests deeper than {@link MAX_SNAPSHOT_DEPTH}.
 */
export function reviveSnapshotJson(parsed: unknown, at: string): E.Either<string, unknown> {
  const problem: { at?: string; message?: string } = {};
  const revived = revive(parsed, at, 0, problem);
  return problem.message !== undefined ? E.left(`${problem.at ?? at}: ${problem.message}`) : E.right(revived);
}

function revive(u: unknown, at: string, depth: number, problem: { at?: string; message?: string }): unknown {
  if (problem.message !== undefined) return u;
  if (typeof u === 'string') {
    if (u.charCodeAt(0) !== 0) return u;
    if (u.charCodeAt(1) === 0) return u.slice(1);
    if (MARKERS.has(u)) return MARKERS.get(u);
    problem.at = at;
    problem.message = `unknown marker ${JSON.stringify(u.slice(0, 20))}.`;
    return u;
  }
  if (typeof u !== 'object' || u === null) return u;
  if (depth >= MAX_SNAPSHOT_DEPTH) {
    problem.at = at;
    problem.message = `is nested deeper than ${MAX_SNAPSHOT_DEPTH} levels.`;
    return u;
  }
  if (Array.isArray(u)) {
    for (let i = 0; i < u.length; i++) {
      const v: unknown = u[i];
      if (typeof v === 'string' || (typeof v === 'object' && v !== null)) {
        const r = revive(v, `${at}[${i}]`, depth + 1, problem);
        if (r !== v) u[i] = r;
      }
    }
    return u;
  }
  const o = u as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    const v = o[k];
    if (typeof v === 'string' || (typeof v === 'object' && v !== null)) {
      const r = revive(v, `${at}.${k}`, depth + 1, problem);
      // An own data property, so this assignment never reaches a setter (not even `__proto__`'s).
      if (r !== v) Object.defineProperty(o, k, { value: r, writable: true, enumerable: true, configurable: true });
    }
  }
  return o;
}
