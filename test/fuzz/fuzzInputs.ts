// Shared pieces of the fuzz suite: how many runs, valid samples of every external input, and arbitraries that
// turn them hostile (any value, any JSON, a mutation of a valid input, a Proxy or getter that throws, depth).
import fc from 'fast-check';

/**
 * Runs per property: `base` in CI (fixed seed from test/setup.ts), times FC_NUM_RUNS_SCALE locally
 * (`FC_NUM_RUNS_SCALE=50 npx vitest run test/fuzz` is the long mode, about 50× the CI time).
 */
export const runs = (base: number): number => {
  const scale = process.env.FC_NUM_RUNS_SCALE !== undefined ? Number(process.env.FC_NUM_RUNS_SCALE) : 1;
  return Math.max(1, Math.round(base * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
};

/** Anything a JavaScript caller could pass, BigInts, boxed values, null prototypes and sparse arrays included. */
export const anyValue = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withMap: true,
  withSet: true,
  withDate: true,
  withTypedArray: true,
  maxDepth: 4,
});

/** Values a JSON file could hold. */
export const anyJson = fc.jsonValue({ maxDepth: 4 });

/** A value nested `depth` levels deep (arrays or objects). */
export const deepValue = fc
  .tuple(fc.integer({ min: 10, max: 6_000 }), fc.boolean())
  .map(([depth, asObject]) => {
    let v: unknown = 1;
    for (let i = 0; i < depth; i++) v = asObject ? { a: v } : [v];
    return v;
  });

/** A cyclic value. */
export const cyclicValue = fc.constantFrom('object', 'array').map((kind) => {
  if (kind === 'array') {
    const a: unknown[] = [];
    a.push(a);
    return a;
  }
  const o: Record<string, unknown> = {};
  o.self = { back: o };
  return o;
});

/**
 * A Proxy whose given trap throws, or an object whose getter throws — as a description, made real by
 * {@link materialize} inside the property: fast-check itself inspects generated values (`in`, property reads), so
 * a live hostile object must not pass through it.
 */
export class HostileSpec {
  constructor(readonly trap: string) {}
}

export const hostileValue = fc
  .constantFrom('get', 'ownKeys', 'getOwnPropertyDescriptor', 'has', 'getPrototypeOf', 'getter')
  .map((trap) => new HostileSpec(trap));

/** The hostile object a {@link HostileSpec} describes; any other value unchanged. */
export function materialize(v: unknown): unknown {
  if (!(v instanceof HostileSpec)) return v;
  if (v.trap === 'getter') {
    return Object.defineProperty({}, 'clusterName', { enumerable: true, get: () => { throw new Error('hostile getter'); } });
  }
  return new Proxy({ a: 1, clusterName: 'x' }, { [v.trap]: () => { throw new Error(`hostile ${v.trap}`); } });
}

/** A replacement for one member of a valid input: the usual mistakes and the hostile values. */
export const replacement = fc.oneof(
  { arbitrary: anyValue, weight: 4 },
  { arbitrary: anyJson, weight: 4 },
  { arbitrary: fc.constantFrom(null, undefined, NaN, Infinity, -Infinity, -1, 0, 1e308, -0, '', '1', 'x', true, [], {}), weight: 4 },
  { arbitrary: deepValue, weight: 1 },
  { arbitrary: cyclicValue, weight: 1 },
  { arbitrary: hostileValue, weight: 1 },
  { arbitrary: fc.bigInt(), weight: 1 },
);

type Path = Array<string | number>;

/** Every path into a JSON value (the root included). */
function pathsOf(v: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => pathsOf(x, [...prefix, i], out));
  else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) pathsOf(x, [...prefix, k], out);
  return out;
}

/** `v` with the value at `path` replaced (or the key deleted, or an unknown key added next to it). */
function mutate(v: unknown, path: Path, how: 'replace' | 'delete' | 'addKey' | 'stringify', value: unknown): unknown {
  if (path.length === 0) {
    if (how === 'stringify') return typeof v === 'number' ? String(v) : JSON.stringify(v);
    if (how === 'addKey' && typeof v === 'object' && v !== null && !Array.isArray(v)) return { ...v, unknownKey: value };
    return how === 'delete' ? undefined : value;
  }
  const [head, ...rest] = path;
  if (Array.isArray(v)) {
    const copy = v.slice();
    copy[head as number] = mutate(copy[head as number], rest, how, value);
    return copy;
  }
  const o = { ...(v as Record<string, unknown>) };
  const next = mutate(o[head as string], rest, how, value);
  if (next === undefined && how === 'delete') delete o[head as string];
  else Object.defineProperty(o, head as string, { value: next, enumerable: true, writable: true, configurable: true });
  return o;
}

/** One mutation of a valid input: where, how, and the new value (possibly a {@link HostileSpec}). */
export interface Mutation {
  readonly path: Path;
  readonly how: 'replace' | 'delete' | 'addKey' | 'stringify';
  readonly value: unknown;
}

/** Mutations of `valid`: one member replaced, deleted, stringified, or joined by an unknown key. */
export function mutationOf(valid: unknown): fc.Arbitrary<Mutation> {
  const paths = pathsOf(valid);
  return fc.record({
    path: fc.constantFrom(...paths),
    how: fc.constantFrom('replace', 'replace', 'delete', 'addKey', 'stringify') as fc.Arbitrary<Mutation['how']>,
    value: replacement,
  });
}

/** `valid` with mutation `m` applied, hostile values made real. */
export const applyMutation = (valid: unknown, m: Mutation): unknown => mutate(valid, m.path, m.how, materialize(m.value));

/** Keys of Object.prototype, to detect pollution. */
export const prototypeKeys = (): string[] => Object.getOwnPropertyNames(Object.prototype).sort();
