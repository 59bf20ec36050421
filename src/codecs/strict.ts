/**
 * Exact codecs for the twin's own inputs — world configurations, behaviour rules, fault arguments, journal
 * entries — which users write by hand (scenario files, `--config FILE`) and so mistype.
 *
 * Unlike ECS requests ({@link struct}, which follows the AWS JSON protocol: unknown members ignored, `null` read as
 * absent), these are strict: an unknown key is an error that suggests the key meant, `null` is a wrong value, and
 * numbers must be finite unless a codec says otherwise. Only `undefined` means absent, so a JavaScript caller may
 * pass `{ seed: undefined }`. Each codec's name is the expectation an error prints
 * (`behaviors[0].exitAfterMs.minMs: expected a finite number ≥ 0, got "a"`, see {@link describeIssues}).
 *
 * These codecs run on data already copied by `readPlainInput` (bounded depth and size), so they may recurse.
 *
 * @module
 */
import * as t from 'io-ts';
import { MAX_TIME_MS } from '../domain/time.js';
import { describeValue } from './reporter.js';
import type { StructOf, StructProps } from './struct.js';
import { isRecord } from './isRecord.js';

/** The member codecs of an exact structure (the same shape as a request structure's). */
export type ExactProps = StructProps;

/** The decoded type of an exact structure: members in `R` required, the others optional. */
export type ExactOf<P extends ExactProps, R extends keyof P> = StructOf<P, R>;

/** An exact structure codec, with its member codecs (to build related structures). */
export type ExactCodec<P extends ExactProps, R extends keyof P> = t.Type<ExactOf<P, R>, ExactOf<P, R>, unknown> & {
  readonly props: P;
};


/** A codec that only names an expectation in an error (an unknown key, a broken cross-member rule). */
const expectation = (name: string): t.Mixed => new t.Type<unknown>(name, (_): _ is unknown => false, (u, c) => t.failure(u, c), t.identity);

/**
 * An exact structure: members `props`, those in `required` mandatory. Unknown keys are errors naming the closest
 * known key; `undefined` members are absent. Decodes into a fresh object in declaration order.
 *
 * @example
 * ```ts
 * const Limit = exact('RateLimit', { burst: NonNegativeOrInfinity, refillPerSecond: NonNegativeOrInfinity }, ['burst', 'refillPerSecond']);
 * Limit.decode({ burst: 1, refilPerSecond: 2 }); // Left: refilPerSecond: unknown key (did you mean refillPerSecond?)
 * ```
 */
export function exact<P extends ExactProps, const R extends readonly (keyof P & string)[] = []>(
  name: string,
  props: P,
  required?: R,
): ExactCodec<P, R[number]> {
  type A = ExactOf<P, R[number]>;
  const keys = Object.keys(props);
  const requiredSet = new Set<string>(required ?? []);
  const validate = (u: unknown, c: t.Context): t.Validation<A> => {
    if (!isRecord(u)) return t.failure(u, c);
    const errors: t.ValidationError[] = [];
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      const member = props[k]!;
      const v = Object.hasOwn(u, k) ? u[k] : undefined;
      if (v === undefined) {
        if (requiredSet.has(k)) errors.push({ value: undefined, context: t.appendContext(c, k, member, undefined) });
        continue;
      }
      const r = member.validate(v, t.appendContext(c, k, member, v));
      if (r._tag === 'Left') errors.push(...r.left);
      else out[k] = r.right;
    }
    for (const k of Object.keys(u)) {
      if (Object.hasOwn(props, k) || u[k] === undefined) continue;
      const hint = closestKey(k, keys);
      const known = keys.length <= 12 ? `; known keys: ${keys.join(', ')}` : '';
      const message = `unknown key${hint === undefined ? '' : ` (did you mean ${hint}?)`}${known}`;
      errors.push({ value: u[k], context: t.appendContext(c, k, expectation('no such key'), u[k]), message });
    }
    return errors.length > 0 ? t.failures(errors) : t.success(out as A);
  };
  const codec = new t.Type<A, A, unknown>(name, (u): u is A => validate(u, [])._tag === 'Right', validate, t.identity);
  return Object.assign(codec, { props });
}

/** A list of `item`s, decoded into a fresh array, each error at its index. */
export function exactList<C extends t.Mixed>(item: C, name: string): t.Type<Array<t.TypeOf<C>>, Array<t.TypeOf<C>>, unknown> {
  type A = Array<t.TypeOf<C>>;
  const validate = (u: unknown, c: t.Context): t.Validation<A> => {
    if (!Array.isArray(u)) return t.failure(u, c);
    const errors: t.ValidationError[] = [];
    const out: A = new Array(u.length);
    for (let i = 0; i < u.length; i++) {
      const v: unknown = u[i];
      const r = item.validate(v, t.appendContext(c, String(i), item, v));
      if (r._tag === 'Left') errors.push(...r.left);
      else out[i] = r.right;
    }
    return errors.length > 0 ? t.failures(errors) : t.success(out);
  };
  return new t.Type<A, A, unknown>(name, (u): u is A => validate(u, [])._tag === 'Right', validate, t.identity);
}

/**
 * A codec that adds a rule across members of `base` (e.g. `minMs ≤ maxMs`); `check` returns the phrase the error
 * prints after the structure's path (`expected minMs ≤ maxMs, got minMs 10 and maxMs 1`).
 */
export function withRule<A>(base: t.Type<A, A, unknown>, check: (a: A) => string | undefined): t.Type<A, A, unknown> {
  const validate = (u: unknown, c: t.Context): t.Validation<A> => {
    const r = base.validate(u, c);
    if (r._tag === 'Left') return r;
    const broken = check(r.right);
    return broken === undefined ? r : t.failure(u, c, broken);
  };
  return new t.Type<A, A, unknown>(base.name, (u): u is A => validate(u, [])._tag === 'Right', validate, t.identity);
}

/** A number codec named `name` accepting `ok` values; `tooLarge` names the bound when only the size is wrong. */
function numberCodec(name: string, ok: (n: number) => boolean, max?: number): t.Type<number, number, unknown> {
  const accepts = (u: unknown): u is number => typeof u === 'number' && ok(u) && (max === undefined || u <= max);
  return new t.Type<number, number, unknown>(
    name,
    accepts,
    (u, c) => {
      if (accepts(u)) return t.success(u);
      const overMax = max !== undefined && typeof u === 'number' && ok(u) && u > max;
      return t.failure(u, c, overMax ? `expected ${name} up to ${max} (the range of a Date), got ${describeValue(u)}` : undefined);
    },
    t.identity,
  );
}

/** A finite number ≥ 0 — a duration or count of ms — no larger than the range of a `Date`. */
export const NonNegativeFinite = numberCodec('a finite number ≥ 0', (n) => Number.isFinite(n) && n >= 0, MAX_TIME_MS);

/** A finite number > 0, no larger than the range of a `Date`. */
export const PositiveFinite = numberCodec('a finite number > 0', (n) => Number.isFinite(n) && n > 0, MAX_TIME_MS);

/** A number ≥ 0 or `Infinity` (which switches a quota off). */
export const NonNegativeOrInfinity = numberCodec('a number ≥ 0 (Infinity switches the limit off)', (n) => n >= 0);

/** An instant: integer epoch milliseconds within the range of a `Date` (0 … 8.64e15). */
export const EpochMs = numberCodec('an integer epoch time in ms ≥ 0', (n) => Number.isSafeInteger(n) && n >= 0, MAX_TIME_MS);

/** A safe integer (any sign). */
export const SafeInteger = numberCodec('an integer', (n) => Number.isSafeInteger(n));

/** An integer from `min` to `max`. */
export const IntegerIn = (min: number, max: number): t.Type<number, number, unknown> =>
  numberCodec(`an integer from ${min} to ${max}`, (n) => Number.isInteger(n) && n >= min && n <= max);

/** A string matching `pattern`, named by `name` (e.g. `a 12-digit account id`). */
export const matching = (name: string, pattern: RegExp): t.Type<string, string, unknown> =>
  new t.Type<string, string, unknown>(
    name,
    (u): u is string => typeof u === 'string' && pattern.test(u),
    (u, c) => (typeof u === 'string' && pattern.test(u) ? t.success(u) : t.failure(u, c)),
    t.identity,
  );

/** A string (named so an error reads `expected a string, got 5`). */
export const AString = new t.Type<string, string, unknown>(
  'a string',
  (u): u is string => typeof u === 'string',
  (u, c) => (typeof u === 'string' ? t.success(u) : t.failure(u, c)),
  t.identity,
);

/** `true` or `false`. */
export const ABoolean = new t.Type<boolean, boolean, unknown>(
  'true or false',
  (u): u is boolean => typeof u === 'boolean',
  (u, c) => (typeof u === 'boolean' ? t.success(u) : t.failure(u, c)),
  t.identity,
);

/** The known key closest to a misspelt one (edit distance ≤ 2, or a case-insensitive match), if any. */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  if (key.length > 64) return undefined;
  let best: string | undefined;
  let bestDistance = 3;
  for (const k of known) {
    if (k.toLowerCase() === key.toLowerCase()) return k;
    const d = editDistance(key, k, bestDistance);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

// Levenshtein distance, giving up (returning `limit`) once every cell of a row reaches it.
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      row.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin >= limit) return limit;
    prev = row;
  }
  return prev[b.length]!;
}

/** An object whose every member is a string (custom attributes `{ name: value }`); a non-string names its key. */
export const StringMapCodec = new t.Type<Record<string, string>, Record<string, string>, unknown>(
  'an object of string values',
  (u): u is Record<string, string> =>
    typeof u === 'object' && u !== null && !Array.isArray(u) && Object.values(u).every((v) => typeof v === 'string'),
  (u, c) => {
    if (typeof u !== 'object' || u === null || Array.isArray(u)) return t.failure(u, c);
    const entries = Object.entries(u);
    for (const [key, v] of entries) {
      if (typeof v !== 'string') return t.failure(v, [...c, { key, type: AString, actual: v }]);
    }
    // fromEntries defines own members, so a `__proto__` key stays data.
    return t.success(Object.fromEntries(entries) as Record<string, string>);
  },
  t.identity,
);
