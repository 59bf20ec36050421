/**
 * Persistent sorted maps: the collection type of every table in the {@link World}.
 *
 * Backed by a copy-on-write B+ tree (`./btree.ts`): `set`/`delete` return a new map in O(log n) and share all
 * untouched nodes with the old one, so updating one task in a world of a million tasks copies a handful of nodes,
 * never the collection (see docs/decisions/0001-state-representation.md). Iteration order is the key order —
 * explicit and deterministic, never hash- or insertion-dependent.
 *
 * Many changes that belong together (a placement pass, a timer burst) go through {@link PMap.edit}, which clones
 * once and then mutates privately; nodes touched twice in one batch are copied once.
 *
 * @module
 */
import { BTree, compareNumbers, comparePairs, compareStrings, type Compare } from './btree.js';

export { compareNumbers, comparePairs, compareStrings, type Compare };

type Tree<K, V> = BTree<K, V>;

/**
 * The mutable view of a map inside {@link PMap.edit}. It exists only during the callback; using it afterwards
 * has no effect on any map already returned.
 */
export interface MutablePMap<K, V> {
  readonly size: number;
  get(key: K): V | undefined;
  has(key: K): boolean;
  set(key: K, value: V): void;
  delete(key: K): boolean;
  /** Removes `key` and returns its value (`undefined` when absent) in one descent of the tree. */
  take(key: K): V | undefined;
  /** Removes the smallest entry and returns its value (`undefined` when empty), without comparing keys. */
  takeMin(): V | undefined;
  entries(fromKey?: K): IterableIterator<[K, V]>;
  values(fromKey?: K): IterableIterator<V>;
  minKey(): K | undefined;
}

/**
 * An immutable sorted map with structural sharing.
 *
 * @example
 * ```ts
 * const a = PMap.empty<string, number>(compareStrings).set('x', 1);
 * const b = a.set('y', 2);
 * a.size; // 1 — `a` is unchanged
 * b.get('y'); // 2
 * ```
 */
export class PMap<K, V> {
  private constructor(
    private readonly tree: Tree<K, V>,
    /** The order used for keys; kept so that empty copies and edits keep it. */
    readonly compare: Compare<K>,
  ) {}

  /** An empty map ordered by `compare`. */
  static empty<K, V>(compare: Compare<K>): PMap<K, V> {
    return new PMap<K, V>(new BTree<K, V>(compare), compare);
  }

  /** A map holding `entries` (later duplicates win), ordered by `compare`. */
  static of<K, V>(compare: Compare<K>, entries: Iterable<readonly [K, V]>): PMap<K, V> {
    return PMap.empty<K, V>(compare).edit((m) => {
      for (const [k, v] of entries) m.set(k, v);
    });
  }

  /**
   * A map of `keys[i] → vals[i]` built in O(n): `keys` must be strictly ascending under `compare` (the caller checks
   * it — a snapshot decoder does) and `vals` as long. Used to load snapshots without n insertions.
   */
  static fromSorted<K, V>(compare: Compare<K>, keys: readonly K[], vals: readonly V[]): PMap<K, V> {
    return new PMap<K, V>(BTree.fromSorted(compare, keys, vals), compare);
  }

  /** Number of entries, O(1). */
  get size(): number {
    return this.tree.size;
  }

  /** The value at `key`, O(log n). */
  get(key: K): V | undefined {
    return this.tree.get(key);
  }

  /** Whether `key` is present, O(log n). */
  has(key: K): boolean {
    return this.tree.has(key);
  }

  /** The values at `keys` (`undefined` where absent); keys in ascending order share descents (`BTree.getMany`). */
  getMany(keys: readonly K[]): Array<V | undefined> {
    return this.tree.getMany(keys);
  }

  /** A new map with `key` set to `value`; `this` is unchanged. Returns `this` when the value is already there. */
  set(key: K, value: V): PMap<K, V> {
    if (this.tree.get(key) === value && value !== undefined) return this;
    const next = this.tree.clone();
    next.set(key, value);
    return new PMap(next, this.compare);
  }

  /** A new map without `key`; returns `this` when the key is absent. */
  delete(key: K): PMap<K, V> {
    if (!this.tree.has(key)) return this;
    const next = this.tree.clone();
    next.delete(key);
    return new PMap(next, this.compare);
  }

  /**
   * Applies many changes at once: clones the tree once (O(1)), lets `mutate` change the private copy, and
   * returns the new map — or `this` when `mutate` changed nothing.
   */
  edit(mutate: (draft: MutablePMap<K, V>) => void): PMap<K, V> {
    const draft = new DraftPMap(this.tree);
    mutate(draft);
    return draft.changed ? new PMap(draft.finish(), this.compare) : this;
  }

  /** Entries in key order, starting at the first key `>= fromKey` when given. */
  entries(fromKey?: K): IterableIterator<[K, V]> {
    return fromKey === undefined ? this.tree.entries() : this.tree.entries(fromKey);
  }

  /** Entries in descending key order, starting at the last key `<= fromKey` when given. */
  entriesReversed(fromKey?: K): IterableIterator<[K, V]> {
    return fromKey === undefined ? this.tree.entriesReversed() : this.tree.entriesReversed(fromKey);
  }

  /** Keys in order. */
  keys(fromKey?: K): IterableIterator<K> {
    return fromKey === undefined ? this.tree.keys() : this.tree.keys(fromKey);
  }

  /** Values in key order. */
  values(fromKey?: K): IterableIterator<V> {
    return fromKey === undefined ? this.tree.values() : this.tree.values(fromKey);
  }

  /** The smallest key, or `undefined` when empty. */
  minKey(): K | undefined {
    return this.tree.minKey();
  }

  /** The largest key, or `undefined` when empty. */
  maxKey(): K | undefined {
    return this.tree.maxKey();
  }

  /** Serialises as an array of `[key, value]` pairs in key order (used for snapshots and determinism checks). */
  toJSON(): Array<[K, V]> {
    return Array.from(this.tree.entries(), ([k, v]) => [k, v]);
  }

  /** Opens a long-lived draft for a transaction: see {@link DraftPMap}. */
  draft(): DraftPMap<K, V> {
    return new DraftPMap(this.tree);
  }

  /**
   * @internal a map that reads the draft's tree as it is now and as the draft keeps changing it. Only for a map
   * nested in a table of the same transaction (see `src/scheduler/taskIndex.ts`): the draft must stop being written
   * when the transaction ends, and the nested map is then as immutable as any other.
   */
  static liveViewOf<K, V>(draft: DraftPMap<K, V>, compare: Compare<K>): PMap<K, V> {
    return new PMap(draft.ownedTree(), compare);
  }

  /** @internal builds a map around a finished draft tree. */
  static fromDraft<K, V>(draft: DraftPMap<K, V>, compare: Compare<K>): PMap<K, V> {
    return new PMap(draft.finish(), compare);
  }
}

/**
 * A private, mutable copy of a map, cloned lazily on the first write. Used by {@link PMap.edit} and by world
 * transactions; never stored in a World.
 */
export class DraftPMap<K, V> implements MutablePMap<K, V> {
  private tree: Tree<K, V>;
  private owned = false;
  /** Whether any write happened. */
  changed = false;

  constructor(base: Tree<K, V>) {
    this.tree = base;
  }

  /** The tree, cloned on first use so that writes never reach a tree a PMap holds. */
  private ownTree(): Tree<K, V> {
    if (!this.owned) {
      this.tree = this.tree.clone();
      this.owned = true;
    }
    return this.tree;
  }

  get size(): number {
    return this.tree.size;
  }
  get(key: K): V | undefined {
    return this.tree.get(key);
  }
  has(key: K): boolean {
    return this.tree.has(key);
  }
  /** The values at `keys` (`undefined` where absent); keys in ascending order share descents (`BTree.getMany`). */
  getMany(keys: readonly K[]): Array<V | undefined> {
    return this.tree.getMany(keys);
  }
  set(key: K, value: V): void {
    this.changed = true;
    this.ownTree().set(key, value);
  }
  delete(key: K): boolean {
    // A key that is not there must not cost a copy of the tree (nor mark the draft changed). Once the tree is
    // owned, deleting is one descent instead of a lookup and then a deletion.
    if (!this.owned && !this.tree.has(key)) return false;
    const removed = this.ownTree().delete(key);
    if (removed) this.changed = true;
    return removed;
  }
  take(key: K): V | undefined {
    if (!this.owned && !this.tree.has(key)) return undefined;
    // One descent that finds, deletes and hands over the entry (`get` then `delete` would descend twice).
    const tree = this.ownTree();
    const before = tree.size;
    const v = tree.take(key);
    if (tree.size !== before) this.changed = true;
    return v;
  }
  takeMin(): V | undefined {
    if (this.tree.size === 0) return undefined;
    this.changed = true;
    return this.ownTree().takeMin();
  }
  entries(fromKey?: K): IterableIterator<[K, V]> {
    return fromKey === undefined ? this.tree.entries() : this.tree.entries(fromKey);
  }
  values(fromKey?: K): IterableIterator<V> {
    return fromKey === undefined ? this.tree.values() : this.tree.values(fromKey);
  }
  /** Entries in descending key order, starting at the last key `<= fromKey` when given. */
  entriesReversed(fromKey?: K): IterableIterator<[K, V]> {
    return fromKey === undefined ? this.tree.entriesReversed() : this.tree.entriesReversed(fromKey);
  }
  minKey(): K | undefined {
    return this.tree.minKey();
  }
  /** @internal the tree, owned by this draft (cloned first if needed): see {@link PMap.liveViewOf}. */
  ownedTree(): Tree<K, V> {
    return this.ownTree();
  }
  /** Hands the tree over; the draft must not be written again. */
  finish(): Tree<K, V> {
    // A later write through this draft would mutate a tree now owned by a PMap: clone again if it happens.
    this.owned = false;
    return this.tree;
  }
}
