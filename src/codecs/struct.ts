/**
 * Structures, lists and maps as the AWS JSON protocol reads them.
 *
 * A request structure has known members; the protocol ignores members it does not know and treats a JSON `null`
 * like an absent member. {@link struct} decodes exactly that way and builds a *fresh* object holding only the
 * known, non-null members, in declaration order — so decoded values never alias the caller's input, carry no
 * stray keys, and serialise deterministically. {@link list} and {@link StringMap} copy lists and
 * `map<string, string>` members (`dockerLabels`, log `options`) the same way.
 *
 * Speed: io-ts builds a context path (an array copy) for every member it visits, which dominates the cost of
 * decoding a large request. These codecs first decode without contexts (a plain recursive walk that stops at the
 * first problem) and only when that fails decode again the io-ts way to report every error with its path. Valid
 * requests — the common case — never pay for contexts.
 *
 * @module
 */
import * as t from 'io-ts';
import { isRecord } from './isRecord.js';

/** The member codecs of a structure, in wire order. */
export type StructProps = Readonly<Record<string, t.Mixed>>;

/** The decoded type of a structure: required members present, optional members possibly absent (never `undefined`). */
export type StructOf<P extends StructProps, R extends keyof P> = {
  [K in keyof P as K extends R ? K : never]: t.TypeOf<P[K]>;
} & {
  [K in keyof P as K extends R ? never : K]?: t.TypeOf<P[K]>;
};

/** An io-ts codec for a structure built by {@link struct}. */
export type StructCodec<P extends StructProps, R extends keyof P> = t.Type<StructOf<P, R>, StructOf<P, R>, unknown> & {
  /** The member codecs, for building related structures. */
  readonly props: P;
};


// ---------------------------------------------------------------------------------------------------------------
// The context-free fast path

/** Returned by a fast decoder when the value does not decode (the slow path then reports why). */
const FAIL: unique symbol = Symbol('decode failed');
type Fast = (u: unknown) => unknown;
const FAST = Symbol('fast decoder');

/** Attaches a fast decoder to a codec. */
const withFast = <C extends t.Mixed>(codec: C, fast: Fast): C => Object.assign(codec, { [FAST]: fast });

// The fast decoder of any member codec: ours carry one; refinements and unions are composed from their members'
// fast decoders (their `is` would only ask the members' `is`, and a structure's `is` looks no further than "an
// object" — trusting it let `{ minMs: "a" }` through as a duration); leaf codecs (string, boolean, the integer and
// literal codecs) decode to the value itself exactly when `is` holds.
function fastOf(codec: t.Mixed): Fast {
  const own = (codec as { [FAST]?: Fast })[FAST];
  if (own) return own;
  if (codec instanceof t.RefinementType) {
    const inner = fastOf(codec.type as t.Mixed);
    const predicate = codec.predicate as (a: unknown) => boolean;
    return (u) => {
      const d = inner(u);
      return d !== FAIL && predicate(d) ? d : FAIL;
    };
  }
  if (codec instanceof t.UnionType) {
    const members = (codec.types as t.Mixed[]).map(fastOf);
    return (u) => {
      for (const m of members) {
        const d = m(u);
        if (d !== FAIL) return d;
      }
      return FAIL;
    };
  }
  return (u) => (codec.is(u) ? u : FAIL);
}

// ---------------------------------------------------------------------------------------------------------------
// Codecs

/**
 * A structure codec named `name` with members `props`; members listed in `required` must be present and not
 * `null` (a missing one is reported at its path as "required"). Unknown members are dropped; `null` members are
 * read as absent and dropped.
 *
 * @example
 * ```ts
 * const Ulimit = struct('Ulimit', { name: t.string, softLimit: Int, hardLimit: Int }, ['name']);
 * Ulimit.decode({ name: 'nofile', softLimit: null, extra: 1 }); // Right({ name: 'nofile' })
 * ```
 */
export function struct<P extends StructProps, const R extends readonly (keyof P & string)[] = []>(
  name: string,
  props: P,
  required?: R,
): StructCodec<P, R[number]> {
  type A = StructOf<P, R[number]>;
  const keys = Object.keys(props);
  const requiredSet = new Set<string>(required ?? []);
  const isRequired = keys.map((k) => requiredSet.has(k));
  let fasts: Fast[] | undefined; // resolved on first use, so member codecs may be declared in any order
  const fast: Fast = (u) => {
    if (!isRecord(u)) return FAIL;
    fasts ??= keys.map((k) => fastOf(props[k]!));
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      const v = Object.hasOwn(u, k) ? u[k] : undefined;
      if (v === undefined || v === null) {
        if (isRequired[i]) return FAIL;
        continue;
      }
      const d = fasts[i]!(v);
      if (d === FAIL) return FAIL;
      out[k] = d;
    }
    return out;
  };
  const slow = (u: unknown, c: t.Context): t.Validation<A> => {
    if (!isRecord(u)) return t.failure(u, c);
    let errors: t.ValidationError[] | undefined;
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      const member = props[k]!;
      const v = Object.hasOwn(u, k) ? u[k] : undefined;
      if (v === undefined || v === null) {
        if (requiredSet.has(k)) {
          (errors ??= []).push({ value: undefined, context: t.appendContext(c, k, member, undefined) });
        }
        continue;
      }
      const r = member.validate(v, t.appendContext(c, k, member, v));
      if (r._tag === 'Left') (errors ??= []).push(...r.left);
      else out[k] = r.right;
    }
    return errors ? t.failures(errors) : t.success(out as A);
  };
  const codec = new t.Type<A, A, unknown>(
    name,
    // Exact, not just "an object": unions and refinements built on a structure ask its `is`.
    (u): u is A => fast(u) !== FAIL,
    (u, c) => {
      const d = fast(u);
      return d === FAIL ? slow(u, c) : t.success(d as A);
    },
    t.identity,
  );
  return Object.assign(withFast(codec, fast), { props });
}

/**
 * A JSON list of `item`s, decoded into a fresh array (io-ts's `t.array` returns the caller's own array when no
 * element changed, which would let a caller mutate stored state through its request object).
 *
 * @example
 * ```ts
 * list(t.string, 'list of strings').decode(['a', 'b']); // Right(['a', 'b']) — a new array
 * ```
 */
export function list<C extends t.Mixed>(item: C, name: string): t.Type<Array<t.TypeOf<C>>, Array<t.TypeOf<C>>, unknown> {
  type A = Array<t.TypeOf<C>>;
  let itemFast: Fast | undefined;
  const fast: Fast = (u) => {
    if (!Array.isArray(u)) return FAIL;
    itemFast ??= fastOf(item);
    const out: unknown[] = new Array(u.length);
    for (let i = 0; i < u.length; i++) {
      const d = itemFast(u[i]);
      if (d === FAIL) return FAIL;
      out[i] = d;
    }
    return out;
  };
  const slow = (u: unknown, c: t.Context): t.Validation<A> => {
    if (!Array.isArray(u)) return t.failure(u, c);
    let errors: t.ValidationError[] | undefined;
    const out: A = new Array(u.length);
    for (let i = 0; i < u.length; i++) {
      const v: unknown = u[i];
      const r = item.validate(v, t.appendContext(c, String(i), item, v));
      if (r._tag === 'Left') (errors ??= []).push(...r.left);
      else out[i] = r.right;
    }
    return errors ? t.failures(errors) : t.success(out);
  };
  const codec = new t.Type<A, A, unknown>(
    name,
    (u): u is A => Array.isArray(u) && u.every((x) => item.is(x)),
    (u, c) => {
      const d = fast(u);
      return d === FAIL ? slow(u, c) : t.success(d as A);
    },
    t.identity,
  );
  return withFast(codec, fast);
}

/** A list of strings, decoded into a fresh array. */
export const StringListCodec = list(t.string, 'list of strings');

// Copies entries into a fresh object; `Object.fromEntries` defines keys such as `__proto__` as plain data keys.
const copyStringMap = (u: Record<string, unknown>): unknown => {
  const entries = Object.entries(u);
  for (const [, v] of entries) if (typeof v !== 'string') return FAIL;
  return Object.fromEntries(entries);
};

/**
 * A JSON object of string values (`map<string, string>` in the ECS model), copied into a fresh object that keeps
 * the input's key order. Keys such as `__proto__` stay plain data keys.
 */
export const StringMap: t.Type<Record<string, string>, Record<string, string>, unknown> = withFast(
  new t.Type<Record<string, string>, Record<string, string>, unknown>(
    'map of strings',
    (u): u is Record<string, string> => isRecord(u) && Object.values(u).every((v) => typeof v === 'string'),
    (u, c) => {
      if (!isRecord(u)) return t.failure(u, c);
      const d = copyStringMap(u);
      if (d !== FAIL) return t.success(d as Record<string, string>);
      const errors: t.ValidationError[] = [];
      for (const [k, v] of Object.entries(u)) {
        if (typeof v !== 'string') errors.push({ value: v, context: t.appendContext(c, k, t.string, v) });
      }
      return t.failures(errors);
    },
    t.identity,
  ),
  (u) => (isRecord(u) ? copyStringMap(u) : FAIL),
);
