// The persistent B+ tree under every table, checked against a plain sorted model: every operation, at node sizes
// small enough that a few dozen keys split, merge and collapse nodes several levels deep, and the persistence
// guarantee — writing a clone (or the original after cloning) never changes what the other one holds.
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BTree, compareNumbers, comparePairs, compareStrings, compareTimeSeq, type Compare, type TimeSeq } from '../../src/domain/btree.js';

/** Values: mostly `true` (the World's sets, whose leaves hold no value array) mixed with numbers (maps). */
type Val = number | true;
const valArb: fc.Arbitrary<Val> = fc.oneof({ weight: 2, arbitrary: fc.constant(true as const) }, { weight: 1, arbitrary: fc.integer() });

type Op<K> =
  | { readonly op: 'set'; readonly key: K; readonly value: Val }
  | { readonly op: 'delete'; readonly key: K }
  | { readonly op: 'take'; readonly key: K }
  | { readonly op: 'takeMin' }
  | { readonly op: 'clone' }
  // A read, then a write of the same key: the write may reuse the leaf the read reached (`BTree.get`'s hint).
  | { readonly op: 'get'; readonly key: K }
  | { readonly op: 'getSet'; readonly key: K; readonly value: Val }
  | { readonly op: 'getTake'; readonly key: K };

/** A sorted array of entries: the obviously correct model. */
class Model<K> {
  constructor(
    private readonly cmp: Compare<K>,
    public entries: Array<[K, Val]> = [],
  ) {}
  private find(key: K): number {
    return this.entries.findIndex(([k]) => this.cmp(k, key) === 0);
  }
  set(key: K, value: Val): boolean {
    const i = this.find(key);
    if (i >= 0) {
      this.entries[i] = [key, value];
      return false;
    }
    this.entries.push([key, value]);
    this.entries.sort((a, b) => this.cmp(a[0], b[0]));
    return true;
  }
  take(key: K): Val | undefined {
    const i = this.find(key);
    if (i < 0) return undefined;
    return this.entries.splice(i, 1)[0]![1];
  }
  copy(): Model<K> {
    return new Model(this.cmp, this.entries.slice());
  }
}

function checkAgainst<K>(tree: BTree<K, Val>, model: Model<K>, cmp: Compare<K>, probes: readonly K[]): void {
  expect([...tree.entries()]).toEqual(model.entries);
  expect(tree.size).toBe(model.entries.length);
  expect([...tree.keys()]).toEqual(model.entries.map(([k]) => k));
  expect([...tree.values()]).toEqual(model.entries.map(([, v]) => v));
  expect([...tree.entriesReversed()]).toEqual([...model.entries].reverse());
  expect(tree.minKey()).toEqual(model.entries[0]?.[0]);
  expect(tree.maxKey()).toEqual(model.entries.at(-1)?.[0]);
  expect(tree.minValue()).toBe(model.entries[0]?.[1]);
  // Many keys at once: in the order given, and ascending (the fast path: neighbours share a leaf's descent).
  const valueOf = (p: K): Val | undefined => model.entries.find(([k]) => cmp(k, p) === 0)?.[1];
  const sortedProbes = [...probes, ...model.entries.map(([k]) => k)].sort(cmp);
  expect(tree.getMany(probes)).toEqual(probes.map(valueOf));
  expect(tree.getMany(sortedProbes)).toEqual(sortedProbes.map(valueOf));
  for (const p of probes) {
    const hit = model.entries.find(([k]) => cmp(k, p) === 0);
    expect(tree.get(p)).toBe(hit?.[1]);
    expect(tree.has(p)).toBe(hit !== undefined);
    expect([...tree.entries(p)]).toEqual(model.entries.filter(([k]) => cmp(k, p) >= 0));
    expect([...tree.entriesReversed(p)]).toEqual(model.entries.filter(([k]) => cmp(k, p) <= 0).reverse());
  }
}

/** Runs `ops` on a tree and on the model; a `clone` keeps the old pair to check later that it did not change. */
function runOps<K>(cmp: Compare<K>, maxNodeSize: number, ops: ReadonlyArray<Op<K>>, probes: readonly K[]): void {
  let tree = new BTree<K, Val>(cmp, maxNodeSize);
  let model = new Model<K>(cmp);
  const frozen: Array<{ tree: BTree<K, Val>; entries: Array<[K, Val]> }> = [];
  for (const o of ops) {
    switch (o.op) {
      case 'set':
        expect(tree.set(o.key, o.value)).toBe(model.set(o.key, o.value));
        break;
      case 'delete':
        expect(tree.delete(o.key)).toBe(model.take(o.key) !== undefined);
        break;
      case 'take':
        expect(tree.take(o.key)).toBe(model.take(o.key));
        break;
      case 'takeMin':
        expect(tree.takeMin()).toBe(model.entries.shift()?.[1]);
        break;
      case 'get':
        expect(tree.get(o.key)).toBe(model.entries.find(([k]) => cmp(k, o.key) === 0)?.[1]);
        break;
      case 'getSet':
        expect(tree.get(o.key)).toBe(model.entries.find(([k]) => cmp(k, o.key) === 0)?.[1]);
        expect(tree.set(o.key, o.value)).toBe(model.set(o.key, o.value));
        break;
      case 'getTake':
        expect(tree.get(o.key)).toBe(model.entries.find(([k]) => cmp(k, o.key) === 0)?.[1]);
        expect(tree.take(o.key)).toBe(model.take(o.key));
        break;
      case 'clone': {
        // Keep writing to one of the two; the other must stay as it was (alternate which one).
        const copy = tree.clone();
        if (frozen.length % 2 === 0) {
          frozen.push({ tree, entries: model.entries.slice() });
          tree = copy;
        } else {
          frozen.push({ tree: copy, entries: model.entries.slice() });
        }
        model = model.copy();
        break;
      }
    }
    expect(tree.structureProblem()).toBeUndefined();
  }
  checkAgainst(tree, model, cmp, probes);
  for (const f of frozen) expect([...f.tree.entries()]).toEqual(f.entries);
}

const opArb = <K>(key: fc.Arbitrary<K>): fc.Arbitrary<Op<K>> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.record({ op: fc.constant('set' as const), key, value: valArb }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), key }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('take' as const), key }) },
    { weight: 1, arbitrary: fc.constant({ op: 'takeMin' as const }) },
    { weight: 1, arbitrary: fc.constant({ op: 'clone' as const }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('get' as const), key }) },
    { weight: 4, arbitrary: fc.record({ op: fc.constant('getSet' as const), key, value: valArb }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('getTake' as const), key }) },
  );

const nodeSizeArb = fc.constantFrom(4, 5, 8, 32);

describe('BTree against a sorted model', () => {
  test.prop([nodeSizeArb, fc.array(opArb(fc.integer({ min: -60, max: 60 })), { maxLength: 400, size: 'large' })])(
    'number keys: every operation, iteration from any key in both directions, and clones left untouched',
    (size, ops) => runOps(compareNumbers, size, ops, [-61, -7, 0, 3, 60, 61]),
  );

  test.prop([nodeSizeArb, fc.array(opArb(fc.string({ maxLength: 3, unit: fc.constantFrom('a', 'b', 'c', 'é', '\u0000') })), { maxLength: 300, size: 'large' })])(
    'string keys in code-unit order',
    (size, ops) => runOps(compareStrings, size, ops, ['', 'a', 'b\u0000', 'cc', 'é']),
  );

  // Doubles of any size, not only integers spread evenly: the search's first guess (the key's place between a node's
  // first and last keys) must not go wrong when that difference overflows to Infinity (keys of both signs near
  // Number.MAX_VALUE), nor for keys crowded at one end, fractions or negative numbers.
  const doubleKeyArb = fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => (x === 0 ? 0 : x)),
    fc.constantFrom(-Number.MAX_VALUE, Number.MAX_VALUE, -1e308, 1e308, 0, 0.5, -0.5, 2 ** 31, -(2 ** 31), 2 ** 53),
    fc.integer({ min: -8, max: 8 }),
  );
  test.prop([nodeSizeArb, fc.array(opArb(doubleKeyArb), { maxLength: 300, size: 'large' })])(
    'number keys of any size: huge of both signs, fractions, crowded',
    (size, ops) => runOps(compareNumbers, size, ops, [-Number.MAX_VALUE, -1e308, -1, 0, 0.25, 1e307, 1e308, Number.MAX_VALUE]),
  );

  const pairArb = fc.tuple(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 8 })) as fc.Arbitrary<
    readonly [number, number]
  >;
  test.prop([nodeSizeArb, fc.array(opArb(pairArb), { maxLength: 300, size: 'large' })])(
    '(time, seq) pair keys, compared by value, not identity',
    (size, ops) => runOps(comparePairs, size, ops, [[0, 0], [4, 4], [8, 9], [9, 0]]),
  );

  const timeSeqArb = fc.record({ atMs: fc.integer({ min: 0, max: 8 }), seq: fc.integer({ min: 0, max: 8 }) }) as fc.Arbitrary<TimeSeq>;
  test.prop([nodeSizeArb, fc.array(opArb(timeSeqArb), { maxLength: 300, size: 'large' })])(
    '(atMs, seq) records (the timer queue), compared by value, not identity',
    (size, ops) => runOps(compareTimeSeq, size, ops, [{ atMs: 0, seq: 0 }, { atMs: 4, seq: 4 }, { atMs: 9, seq: 0 }]),
  );

  const reversed: Compare<number> = (a, b) => b - a;
  test.prop([nodeSizeArb, fc.array(opArb(fc.integer({ min: 0, max: 40 })), { maxLength: 300, size: 'large' })])(
    'any other order goes through the comparator',
    (size, ops) => runOps(reversed, size, ops, [0, 20, 41]),
  );
});

describe('BTree.getMany', () => {
  it('finds keys in any order, across leaves, several levels deep', () => {
    const t = new BTree<number, number>(compareNumbers, 4);
    for (let k = 0; k < 200; k += 2) t.set(k, k * 10);
    const probes = [198, 0, 1, 57, 58, 4, 3, 2, 150, 199, 500, -1, 100, 100];
    expect(t.getMany(probes)).toEqual(probes.map((k) => (k % 2 === 0 && k >= 0 && k < 200 ? k * 10 : undefined)));
    const descending = Array.from({ length: 200 }, (_, i) => 199 - i);
    expect(t.getMany(descending)).toEqual(descending.map((k) => (k % 2 === 0 ? k * 10 : undefined)));
  });
});

describe('BTree shape', () => {
  it('stays shallow while filling in order and shrinks back when drained from the left (the timer queue pattern)', () => {
    const t = new BTree<number, number>(compareNumbers, 4);
    for (let i = 0; i < 10_000; i++) t.set(i, i);
    for (let i = 0; i < 9_990; i++) expect(i % 2 === 0 ? t.takeMin() : t.take(t.minKey()!)).toBe(i);
    expect([...t.keys()]).toEqual([9990, 9991, 9992, 9993, 9994, 9995, 9996, 9997, 9998, 9999]);
    // A drained tree holds no empty nodes: its depth is back to what ten keys need.
    expect(depthOf(t)).toBeLessThanOrEqual(3);
  });

  it('fills its nodes when it grows at the right end (tasks by number, the ListTasks index), and halves them otherwise', () => {
    const appended = new BTree<number, number>(compareNumbers, 32);
    for (let i = 0; i < 10_000; i++) appended.set(i, i);
    expect(leafCount(appended)).toBe(Math.ceil(10_000 / 32));
    // The same keys in a scattered order split in halves: leaves between half and completely full.
    const scattered = new BTree<number, number>(compareNumbers, 32);
    for (let i = 0; i < 10_000; i++) scattered.set((i * 7919) % 10_000, i);
    expect(leafCount(scattered)).toBeGreaterThan(10_000 / 32);
    expect(leafCount(scattered)).toBeLessThanOrEqual(Math.ceil(10_000 / 16));
    expect([...scattered.keys()]).toEqual([...appended.keys()]);
  });

  it('clones in O(1) and copies only the path a write touches', () => {
    const a = new BTree<number, string>(compareNumbers);
    for (let i = 0; i < 100_000; i++) a.set(i, 'v');
    const b = a.clone();
    b.set(50_000, 'w');
    expect(a.get(50_000)).toBe('v');
    expect(b.get(50_000)).toBe('w');
    // Every leaf but the written one is shared.
    expect(sharedLeaves(a, b)).toBe(leafCount(a) - 1);
  });
});

type AnyNode = { keys: unknown[]; kids?: AnyNode[] };
const rootOf = (t: BTree<number, unknown>): AnyNode => (t as unknown as { root: AnyNode }).root;
function depthOf(t: BTree<number, unknown>): number {
  let d = 1;
  for (let n = rootOf(t); n.kids; n = n.kids[0]!) d++;
  return d;
}
function leaves(n: AnyNode, out: AnyNode[] = []): AnyNode[] {
  if (!n.kids) out.push(n);
  else for (const k of n.kids) leaves(k, out);
  return out;
}
const leafCount = (t: BTree<number, unknown>): number => leaves(rootOf(t)).length;
function sharedLeaves(a: BTree<number, unknown>, b: BTree<number, unknown>): number {
  const mine = new Set(leaves(rootOf(a)));
  return leaves(rootOf(b)).filter((l) => mine.has(l)).length;
}
