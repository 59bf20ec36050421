/**
 * The persistent B+ tree under every table of the World (`PMap`, see docs/decisions/0002-own-btree.md).
 *
 * Persistence by ownership: every node records the tree that created it (`owner`). A tree writes in place only the
 * nodes it owns and copies any other node on its way down — so a write costs one path copy the first time and is
 * in place after that, and a node shared with another tree is never changed. `clone()` is O(1): both trees get new
 * owner numbers, so neither owns anything any more.
 *
 * Why not a general-purpose library: the twin's hot loop (launching and stepping a hundred thousand tasks) is a
 * stream of small writes to trees keyed by numbers, strings and `(time, seq)` records. Here the comparison of the
 * key kinds the World uses is written inline (no comparator call per probe), `take` removes and returns an entry in one
 * descent, and a copied leaf is allocated once at its final size.
 *
 * Internal nodes hold the largest key of each child. Nodes hold at most `maxNodeSize` entries; a node that falls
 * below a quarter of that after a deletion merges with a neighbour when both fit in one node, and empty nodes are
 * removed, so a drained tree shrinks back.
 *
 * @module
 */

/** A total order on keys: negative, zero or positive like `Array.prototype.sort`'s comparator. */
export type Compare<K> = (a: K, b: K) => number;

/** Compares strings by UTF-16 code unit (never `localeCompare`, which depends on the host's locale). */
export const compareStrings: Compare<string> = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
/** Compares finite numbers. */
export const compareNumbers: Compare<number> = (a, b) => a - b;
/** Compares pairs of finite numbers: the first, then the second. */
export const comparePairs: Compare<readonly [number, number]> = (a, b) => a[0] - b[0] || a[1] - b[1];
/** Something scheduled: a due time and a sequence number that orders things due at the same time. */
export interface TimeSeq {
  readonly atMs: number;
  readonly seq: number;
}
/** Compares scheduled things by `atMs`, then `seq`. */
export const compareTimeSeq: Compare<TimeSeq> = (a, b) => a.atMs - b.atMs || a.seq - b.seq;

/** How keys are compared: the kinds of the World's tables inline, anything else through `compare`. */
const KeyKind = { Number: 0, String: 1, Pair: 2, TimeSeq: 3, Custom: 4 } as const;
type KeyKind = (typeof KeyKind)[keyof typeof KeyKind];

function kindOf(compare: Compare<never>): KeyKind {
  if (compare === (compareNumbers as Compare<never>)) return KeyKind.Number;
  if (compare === (compareStrings as Compare<never>)) return KeyKind.String;
  if (compare === (comparePairs as Compare<never>)) return KeyKind.Pair;
  if (compare === (compareTimeSeq as Compare<never>)) return KeyKind.TimeSeq;
  return KeyKind.Custom;
}

/**
 * A node: a leaf (`kids === undefined`) or an internal node (`kids` set, `keys[i]` = max key of kid i). A leaf's
 * `vals` is `undefined` while every value in it is `true`: the World's sets (the ListTasks index ranges, a subnet's
 * freed addresses) are maps to `true`, and an array of `true`s would cost them 8 bytes an entry. The first other
 * value written to such a leaf gives it its array ({@link valuesOf}).
 */
class BNode<K, V> {
  constructor(
    public keys: K[],
    public vals: V[] | undefined,
    public kids: Array<BNode<K, V>> | undefined,
    public owner: number,
  ) {}
}

let lastOwner = 0;
const DEFAULT_MAX_NODE_SIZE = 32;

type Pair = readonly [number, number];

/** A mutable B+ tree with O(1) `clone`; see the module comment. */
export class BTree<K, V> {
  private root: BNode<K, V>;
  private owner: number;
  private readonly kind: KeyKind;
  private readonly max: number;
  private count: number;
  // Second results of the recursive writes, kept here rather than in a tuple allocated per call.
  private split: BNode<K, V> | undefined = undefined;
  private found = false;
  private taken: V | undefined = undefined;
  /** Whether the insertion under way is on the tree's rightmost path (see {@link splitPoint}). */
  private isLast = true;
  /**
   * Where the last {@link get} ended, when that leaf is this tree's own: the next write of the same key uses it
   * instead of descending again (see {@link set}). Every write that could move or detach the leaf clears it.
   */
  private hintLeaf: BNode<K, V> | undefined = undefined;
  private hintIdx = 0;
  private hintKey: K | undefined = undefined;

  /**
   * @param compare the key order (`compareNumbers`, `compareStrings`, `comparePairs` and `compareTimeSeq` are
   *   recognised and inlined)
   * @param maxNodeSize entries per node, at least 4 (small values are for tests)
   */
  constructor(
    readonly compare: Compare<K>,
    maxNodeSize = DEFAULT_MAX_NODE_SIZE,
    root?: BNode<K, V>,
    size = 0,
  ) {
    this.kind = kindOf(compare as Compare<never>);
    this.max = Math.max(4, Math.floor(maxNodeSize));
    this.owner = ++lastOwner;
    this.root = root ?? new BNode<K, V>([], undefined, undefined, this.owner);
    this.count = size;
  }

  /** Number of entries. */
  get size(): number {
    return this.count;
  }

  /**
   * A tree holding `keys[i] → vals[i]`, built bottom-up in O(n) (no comparisons): for loading a snapshot, where
   * inserting one entry at a time would cost O(n log n). The caller guarantees that `keys` are strictly ascending
   * under `compare` and that `vals` is as long. Nodes are filled evenly (at least half full), and no tree owns them,
   * so the first write copies its path like a write after `clone()`.
   */
  static fromSorted<K, V>(compare: Compare<K>, keys: readonly K[], vals: readonly V[], maxNodeSize = DEFAULT_MAX_NODE_SIZE): BTree<K, V> {
    const max = Math.max(4, Math.floor(maxNodeSize));
    if (keys.length === 0) return new BTree<K, V>(compare, max);
    // Owner 0 is never handed out (`++lastOwner` starts at 1), so every node is shared as far as writes go.
    let level = evenChunks(keys.length, max).map(([from, to]) => {
      const chunk = vals.slice(from, to);
      return new BNode<K, V>(keys.slice(from, to), chunk.every((v) => v === true) ? undefined : chunk, undefined, 0);
    });
    while (level.length > 1) {
      const kids = level;
      level = evenChunks(kids.length, max).map(([from, to]) => {
        const group = kids.slice(from, to);
        return new BNode<K, V>(group.map(lastKey), undefined, group, 0);
      });
    }
    return new BTree<K, V>(compare, max, level[0], keys.length);
  }

  /** A tree with the same entries, in O(1); from now on neither tree writes the nodes they share. */
  clone(): BTree<K, V> {
    this.hintLeaf = undefined;
    this.owner = ++lastOwner;
    return new BTree(this.compare, this.max, this.root, this.count);
  }

  /** The first index `i` with `keys[i] >= key` (`keys.length` when none). */
  private lowerBound(keys: K[], key: K): number {
    let lo = 0;
    let hi = keys.length;
    switch (this.kind) {
      case KeyKind.Number: {
        const ks = keys as unknown as number[];
        const k = key as unknown as number;
        // Appends (new tasks, index entries: increasing numbers) skip the search.
        if (hi === 0 || ks[hi - 1]! < k) return hi;
        const first = ks[0]!;
        if (k <= first) return 0;
        // The World's numeric keys are spread about evenly (task numbers, instants): guess the position from the
        // key's place between the node's first and last keys and look a few slots around it before searching.
        // (`|| 0`: keys of both signs near Number.MAX_VALUE make that Infinity / Infinity, NaN — start at the first.)
        let g = Math.floor(((k - first) / (ks[hi - 1]! - first)) * (hi - 1)) || 0;
        if (ks[g]! < k) {
          const stop = Math.min(hi - 1, g + 4);
          while (g < stop && ks[g]! < k) g++;
          if (ks[g]! >= k) return g;
          lo = g + 1;
        } else {
          const stop = Math.max(1, g - 4);
          while (g > stop && ks[g - 1]! >= k) g--;
          if (ks[g - 1]! < k) return g;
          hi = g;
        }
        while (lo < hi) {
          const m = (lo + hi) >>> 1;
          if (ks[m]! < k) lo = m + 1;
          else hi = m;
        }
        return lo;
      }
      case KeyKind.String: {
        const ks = keys as unknown as string[];
        const k = key as unknown as string;
        while (lo < hi) {
          const m = (lo + hi) >>> 1;
          if (ks[m]! < k) lo = m + 1;
          else hi = m;
        }
        return lo;
      }
      case KeyKind.Pair: {
        const ks = keys as unknown as Pair[];
        const k0 = (key as unknown as Pair)[0];
        const k1 = (key as unknown as Pair)[1];
        while (lo < hi) {
          const m = (lo + hi) >>> 1;
          const x = ks[m]!;
          if (x[0] < k0 || (x[0] === k0 && x[1] < k1)) lo = m + 1;
          else hi = m;
        }
        return lo;
      }
      case KeyKind.TimeSeq: {
        const ks = keys as unknown as TimeSeq[];
        const at = (key as unknown as TimeSeq).atMs;
        const seq = (key as unknown as TimeSeq).seq;
        // Appends skip the search too: a stopped task's expiry (now + the retention) and the steps of staggered
        // launches are scheduled after every pending timer.
        if (hi > 0) {
          const last = ks[hi - 1]!;
          if (last.atMs < at || (last.atMs === at && last.seq < seq)) return hi;
        }
        while (lo < hi) {
          const m = (lo + hi) >>> 1;
          const x = ks[m]!;
          if (x.atMs < at || (x.atMs === at && x.seq < seq)) lo = m + 1;
          else hi = m;
        }
        return lo;
      }
      default: {
        const cmp = this.compare;
        while (lo < hi) {
          const m = (lo + hi) >>> 1;
          if (cmp(keys[m]!, key) < 0) lo = m + 1;
          else hi = m;
        }
        return lo;
      }
    }
  }

  /**
   * @internal for tests: what is wrong with the tree's structure, or `undefined` — each internal key the largest
   * key of its child, keys strictly ascending, no node over `maxNodeSize`, and `size` the number of entries.
   */
  structureProblem(): string | undefined {
    let entries = 0;
    let prev: K | undefined;
    let problem: string | undefined;
    const visit = (node: BNode<K, V>, depth: number): void => {
      if (problem !== undefined) return;
      if (node.keys.length > this.max) problem = `a node at depth ${depth} holds ${node.keys.length} > ${this.max} keys`;
      if (node.kids === undefined) {
        if (node.vals !== undefined && node.vals.length !== node.keys.length) problem = `a leaf at depth ${depth} holds ${node.keys.length} keys and ${node.vals.length} values`;
        for (const k of node.keys) {
          if (prev !== undefined && this.compare(prev, k) >= 0) problem = 'keys out of order';
          prev = k;
          entries++;
        }
        return;
      }
      if (node.vals !== undefined) problem = `an internal node at depth ${depth} holds values`;
      node.kids.forEach((kid, i) => {
        if (!this.same(node.keys[i]!, lastKey(kid))) problem = `internal key ${i} at depth ${depth} is not its child's largest`;
        visit(kid, depth + 1);
      });
    };
    visit(this.root, 0);
    if (problem === undefined && entries !== this.count) problem = `size ${this.count} but ${entries} entries`;
    return problem;
  }

  /** Whether `a` and `b` are the same key. */
  private same(a: K, b: K): boolean {
    switch (this.kind) {
      case KeyKind.Number:
      case KeyKind.String:
        return a === b;
      case KeyKind.Pair:
        return (a as unknown as Pair)[0] === (b as unknown as Pair)[0] && (a as unknown as Pair)[1] === (b as unknown as Pair)[1];
      case KeyKind.TimeSeq:
        return (a as unknown as TimeSeq).atMs === (b as unknown as TimeSeq).atMs && (a as unknown as TimeSeq).seq === (b as unknown as TimeSeq).seq;
      default:
        return this.compare(a, b) === 0;
    }
  }

  /**
   * The value at `key`.
   *
   * A read followed by a write of the same key is the hot loop's pattern (a task step reads the task and stores its
   * next version; the timer queue looks up an instant and then fills it): when the leaf reached is this tree's own,
   * it is remembered, and the write that follows changes it in place without a second descent.
   */
  get(key: K): V | undefined {
    let node = this.root;
    while (node.kids !== undefined) {
      const i = this.lowerBound(node.keys, key);
      if (i === node.keys.length) return undefined;
      node = node.kids[i]!;
    }
    const i = this.lowerBound(node.keys, key);
    if (node.owner === this.owner) {
      this.hintLeaf = node;
      this.hintIdx = i;
      this.hintKey = key;
    }
    return i < node.keys.length && this.same(node.keys[i]!, key) ? valueAt(node, i) : undefined;
  }

  /**
   * The leaf and index the last {@link get} of `key` reached, if that is still where `key` is or goes (the hint is
   * used once). Sound because the leaf is this tree's own — so are all its ancestors (a tree copies a path from the
   * root down, and `clone` disowns everything) — and every structural change since that get cleared the hint.
   */
  private takeHint(key: K): BNode<K, V> | undefined {
    const leaf = this.hintLeaf;
    if (leaf === undefined) return undefined;
    this.hintLeaf = undefined;
    return leaf.owner === this.owner && this.same(this.hintKey as K, key) ? leaf : undefined;
  }

  /**
   * The values at `keys`, in order (`undefined` where absent). Keys in ascending order that fall in the same leaf
   * share one descent: reading the tasks of one launch, whose keys are neighbours, costs a search per leaf rather
   * than per key. Any order is correct; ascending is fast.
   */
  getMany(keys: readonly K[]): Array<V | undefined> {
    const out = new Array<V | undefined>(keys.length);
    let leaf: BNode<K, V> | undefined;
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!;
      // The previous key's leaf answers when `key` lies between its first and last keys (leaves partition the keys).
      let i = leaf === undefined ? -1 : this.lowerBound(leaf.keys, key);
      if (leaf === undefined || i === leaf.keys.length || (i === 0 && !this.same(leaf.keys[0]!, key))) {
        let node = this.root;
        while (node.kids !== undefined) {
          const j = this.lowerBound(node.keys, key);
          if (j === node.keys.length) break;
          node = node.kids[j]!;
        }
        if (node.kids !== undefined) {
          out[k] = undefined; // beyond the largest key
          continue;
        }
        leaf = node;
        i = this.lowerBound(leaf.keys, key);
      }
      out[k] = i < leaf.keys.length && this.same(leaf.keys[i]!, key) ? valueAt(leaf, i) : undefined;
    }
    return out;
  }

  /** Whether `key` is present. */
  has(key: K): boolean {
    let node = this.root;
    while (node.kids !== undefined) {
      const i = this.lowerBound(node.keys, key);
      if (i === node.keys.length) return false;
      node = node.kids[i]!;
    }
    const i = this.lowerBound(node.keys, key);
    return i < node.keys.length && this.same(node.keys[i]!, key);
  }

  /** The smallest key. */
  minKey(): K | undefined {
    let node = this.root;
    while (node.kids !== undefined) node = node.kids[0]!;
    return node.keys[0];
  }

  /** The value of the smallest key (`undefined` when empty). */
  minValue(): V | undefined {
    let node = this.root;
    while (node.kids !== undefined) node = node.kids[0]!;
    return node.keys.length === 0 ? undefined : valueAt(node, 0);
  }

  /** The largest key (an internal node holds its children's largest keys). */
  maxKey(): K | undefined {
    const keys = this.root.keys;
    return keys[keys.length - 1];
  }

  /** Sets `key` to `value`. Returns whether the key was new. */
  set(key: K, value: V): boolean {
    const leaf = this.takeHint(key);
    if (leaf !== undefined) {
      const i = this.hintIdx;
      const keys = leaf.keys;
      if (i < keys.length) {
        if (this.same(keys[i]!, key)) {
          if (leaf.vals !== undefined || value !== true) valuesOf(leaf)[i] = value;
          return false;
        }
        // A new key strictly inside the leaf: the ancestors' largest keys stay, and it fits without a split.
        if (keys.length < this.max) {
          if (leaf.vals !== undefined || value !== true) insertAt(valuesOf(leaf), i, value);
          insertAt(keys, i, key);
          this.count++;
          return true;
        }
      }
    }
    const before = this.count;
    const root = this.insert(this.root, key, value);
    const sibling = this.split;
    this.split = undefined;
    this.root =
      sibling === undefined
        ? root
        : new BNode<K, V>([lastKey(root), lastKey(sibling)], undefined, [root, sibling], this.owner);
    return this.count !== before;
  }

  /** Removes `key`. Returns whether it was there. */
  delete(key: K): boolean {
    this.take(key);
    return this.found;
  }

  /** Removes the smallest entry and returns its value (`undefined` when empty): one descent, no comparisons. */
  takeMin(): V | undefined {
    this.hintLeaf = undefined;
    if (this.count === 0) return undefined;
    this.taken = undefined;
    return this.settleRoot(this.removeFirst(this.root));
  }

  /** Removes the first entry of the (non-empty) subtree `node`; returns the node to keep in its place. */
  private removeFirst(node: BNode<K, V>): BNode<K, V> {
    if (node.kids === undefined) return this.removeFromLeaf(node, 0);
    return this.replaceKid(node, 0, this.removeFirst(node.kids[0]!));
  }

  /** Removes `key` and returns its value (`undefined` when absent), in one descent. */
  take(key: K): V | undefined {
    const leaf = this.takeHint(key);
    if (leaf !== undefined) {
      const i = this.hintIdx;
      const keys = leaf.keys;
      // Not the leaf's last key (the ancestors hold it) and no merge due: remove in place.
      if (i < keys.length - 1 && keys.length - 1 > this.max >>> 2 && this.same(keys[i]!, key)) {
        const v = valueAt(leaf, i);
        removeAt(keys, i);
        if (leaf.vals !== undefined) removeAt(leaf.vals, i);
        this.count--;
        this.found = true;
        return v;
      }
    }
    this.found = false;
    this.taken = undefined;
    const root = this.remove(this.root, key);
    return this.found ? this.settleRoot(root) : undefined;
  }

  /** Installs the root left by a removal (collapsing single-child levels) and hands over the removed value. */
  private settleRoot(removedFrom: BNode<K, V>): V | undefined {
    let root = removedFrom;
    while (root.kids !== undefined && root.kids.length === 1) root = root.kids[0]!;
    if (root.kids !== undefined && root.kids.length === 0) root = new BNode<K, V>([], undefined, undefined, this.owner);
    this.root = root;
    const v = this.taken;
    this.taken = undefined;
    return v;
  }

  /** Removes entry `i` of a leaf (sets `taken`); returns the leaf to keep in its place. */
  private removeFromLeaf(node: BNode<K, V>, i: number): BNode<K, V> {
    this.count--;
    this.taken = valueAt(node, i);
    if (node.owner === this.owner) {
      removeAt(node.keys, i);
      if (node.vals !== undefined) removeAt(node.vals, i);
      return node;
    }
    return new BNode(node.keys.toSpliced(i, 1), node.vals?.toSpliced(i, 1), undefined, this.owner);
  }

  /**
   * Puts `newKid` (child `i` after a removal under it) into `node`, owned: drops it when empty, merges it with a
   * neighbour when small.
   */
  private replaceKid(node: BNode<K, V>, i: number, newKid: BNode<K, V>): BNode<K, V> {
    const self = this.own(node);
    const kids = self.kids!;
    const n = newKid.keys.length;
    if (n === 0) {
      self.keys.splice(i, 1);
      kids.splice(i, 1);
      return self;
    }
    kids[i] = newKid;
    self.keys[i] = lastKey(newKid);
    if (n <= this.max >>> 2) this.mergeSmall(self, i);
    return self;
  }

  /** `node` if this tree owns it, else a copy it owns. */
  private own(node: BNode<K, V>): BNode<K, V> {
    if (node.owner === this.owner) return node;
    return new BNode(
      node.keys.slice(),
      node.vals === undefined ? undefined : node.vals.slice(),
      node.kids === undefined ? undefined : node.kids.slice(),
      this.owner,
    );
  }

  /** Inserts into the subtree `node`; returns the node to keep in its place, and any new right sibling in `split`. */
  private insert(node: BNode<K, V>, key: K, value: V): BNode<K, V> {
    const keys = node.keys;
    let i = this.lowerBound(keys, key);
    if (node.kids === undefined) {
      // A leaf of `true`s stays without values while `value` is `true` too (see BNode).
      const valueless = node.vals === undefined && value === true;
      if (i < keys.length && this.same(keys[i]!, key)) {
        if (node.owner === this.owner) {
          if (!valueless) valuesOf(node)[i] = value;
          return node;
        }
        if (valueless) return new BNode(keys.slice(), undefined, undefined, this.owner);
        const copy = node.vals === undefined ? trues<V>(keys.length) : node.vals.slice();
        copy[i] = value;
        return new BNode(keys.slice(), copy, undefined, this.owner);
      }
      this.count++;
      let leaf: BNode<K, V>;
      if (node.owner === this.owner) {
        if (!valueless) insertAt(valuesOf(node), i, value);
        insertAt(keys, i, key);
        leaf = node;
      } else {
        // One allocation at the final size (a copy then an insertion would allocate twice).
        const vals = valueless ? undefined : (node.vals ?? trues<V>(keys.length)).toSpliced(i, 0, value);
        leaf = new BNode(keys.toSpliced(i, 0, key), vals, undefined, this.owner);
      }
      if (leaf.keys.length > this.max) {
        const at = splitPoint(leaf.keys.length, i, this.isLast);
        this.split = new BNode(leaf.keys.splice(at), leaf.vals?.splice(at), undefined, this.owner);
        if (at === this.max) trimToSize(leaf);
      }
      return leaf;
    }
    if (i === keys.length) i--; // a key beyond the largest goes to the last child
    const kid = node.kids[i]!;
    const wasLast = this.isLast;
    this.isLast = wasLast && i === keys.length - 1;
    const newKid = this.insert(kid, key, value);
    this.isLast = wasLast;
    const sibling = this.split;
    this.split = undefined;
    const self = this.own(node);
    const kids = self.kids!;
    kids[i] = newKid;
    self.keys[i] = lastKey(newKid);
    if (sibling !== undefined) {
      self.keys.splice(i + 1, 0, lastKey(sibling));
      kids.splice(i + 1, 0, sibling);
      if (kids.length > this.max) {
        const at = splitPoint(kids.length, i + 1, this.isLast);
        this.split = new BNode(self.keys.splice(at), undefined, kids.splice(at), this.owner);
        if (at === this.max) trimToSize(self);
      }
    }
    return self;
  }

  /** Removes `key` from the subtree `node`; returns the node to keep in its place (sets `found` and `taken`). */
  private remove(node: BNode<K, V>, key: K): BNode<K, V> {
    const keys = node.keys;
    const i = this.lowerBound(keys, key);
    if (i === keys.length) return node; // beyond the largest key: absent
    if (node.kids === undefined) {
      if (!this.same(keys[i]!, key)) return node;
      this.found = true;
      return this.removeFromLeaf(node, i);
    }
    const newKid = this.remove(node.kids[i]!, key);
    return this.found ? this.replaceKid(node, i, newKid) : node;
  }

  /** Merges the small child `i` of the owned node `parent` with a neighbour, when the two fit in one node. */
  private mergeSmall(parent: BNode<K, V>, i: number): void {
    const kids = parent.kids!;
    const small = kids[i]!;
    const left = i > 0 ? kids[i - 1]! : undefined;
    const right = i + 1 < kids.length ? kids[i + 1]! : undefined;
    let at: number;
    if (left !== undefined && left.keys.length + small.keys.length <= this.max) at = i - 1;
    else if (right !== undefined && right.keys.length + small.keys.length <= this.max) at = i;
    else return;
    const a = kids[at]!;
    const b = kids[at + 1]!;
    const merged = new BNode<K, V>(
      a.keys.concat(b.keys),
      a.kids !== undefined || (a.vals === undefined && b.vals === undefined) ? undefined : (a.vals ?? trues<V>(a.keys.length)).concat(b.vals ?? trues<V>(b.keys.length)),
      a.kids === undefined ? undefined : a.kids.concat(b.kids!),
      this.owner,
    );
    kids.splice(at, 2, merged);
    parent.keys.splice(at, 2, lastKey(merged));
  }

  /** Entries in key order from the first key `>= from` (or the start). */
  entries(from?: K): IterableIterator<[K, V]> {
    return this.walk(from, 0) as IterableIterator<[K, V]>;
  }

  /** Keys in order from the first key `>= from`. */
  keys(from?: K): IterableIterator<K> {
    return this.walk(from, 1) as IterableIterator<K>;
  }

  /** Values in key order from the first key `>= from`. */
  values(from?: K): IterableIterator<V> {
    return this.walk(from, 2) as IterableIterator<V>;
  }

  /** Entries in descending key order from the last key `<= from` (or the end). */
  entriesReversed(from?: K): IterableIterator<[K, V]> {
    return this.walkBack(from);
  }

  /** Ascending walk; `mode` 0 yields entries, 1 keys, 2 values. */
  private *walk(from: K | undefined, mode: 0 | 1 | 2): Generator<unknown> {
    const path: Array<BNode<K, V>> = [];
    const at: number[] = [];
    let node = this.root;
    while (node.kids !== undefined) {
      const i = from === undefined ? 0 : this.lowerBound(node.keys, from);
      if (i === node.keys.length) return;
      path.push(node);
      at.push(i);
      node = node.kids[i]!;
    }
    let i = from === undefined ? 0 : this.lowerBound(node.keys, from);
    for (;;) {
      const keys = node.keys;
      for (; i < keys.length; i++) yield mode === 0 ? [keys[i]!, valueAt(node, i)] : mode === 1 ? keys[i] : valueAt(node, i);
      let d = path.length - 1;
      while (d >= 0 && at[d]! + 1 >= path[d]!.kids!.length) d--;
      if (d < 0) return;
      at[d]!++;
      path.length = d + 1;
      at.length = d + 1;
      node = path[d]!.kids![at[d]!]!;
      while (node.kids !== undefined) {
        path.push(node);
        at.push(0);
        node = node.kids[0]!;
      }
      i = 0;
    }
  }

  private *walkBack(from: K | undefined): Generator<[K, V]> {
    const path: Array<BNode<K, V>> = [];
    const at: number[] = [];
    let node = this.root;
    while (node.kids !== undefined) {
      let i = from === undefined ? node.keys.length - 1 : this.lowerBound(node.keys, from);
      if (i === node.keys.length) i--;
      if (i < 0) return;
      path.push(node);
      at.push(i);
      node = node.kids[i]!;
    }
    let i: number;
    if (from === undefined) i = node.keys.length - 1;
    else {
      i = this.lowerBound(node.keys, from);
      if (!(i < node.keys.length && this.same(node.keys[i]!, from))) i--;
    }
    for (;;) {
      const keys = node.keys;
      for (; i >= 0; i--) yield [keys[i]!, valueAt(node, i)];
      let d = path.length - 1;
      while (d >= 0 && at[d]! === 0) d--;
      if (d < 0) return;
      at[d]!--;
      path.length = d + 1;
      at.length = d + 1;
      node = path[d]!.kids![at[d]!]!;
      while (node.kids !== undefined) {
        path.push(node);
        at.push(node.kids.length - 1);
        node = node.kids[node.kids.length - 1]!;
      }
      i = node.keys.length - 1;
    }
  }
}

const lastKey = <K, V>(node: BNode<K, V>): K => node.keys[node.keys.length - 1]!;

/** `[from, to)` ranges cutting `n` items into the fewest chunks of at most `max`, their sizes differing by ≤ 1. */
function evenChunks(n: number, max: number): Array<[number, number]> {
  const count = Math.ceil(n / max);
  return Array.from({ length: count }, (_, i) => [Math.floor((i * n) / count), Math.floor(((i + 1) * n) / count)]);
}

/**
 * Where an overfull node of `length` entries splits, the new entry being at `inserted`. In halves — except for an
 * append at the right edge of the tree, which leaves the full node as it is and starts a new one: tables that grow
 * at one end (tasks by number, the ListTasks index) then fill their nodes instead of leaving them half empty.
 */
function splitPoint(length: number, inserted: number, onRightmostPath: boolean): number {
  return onRightmostPath && inserted === length - 1 ? length - 1 : length >>> 1;
}

/** The value of entry `i` of a leaf (`true` in a leaf without values, see {@link BNode}). */
function valueAt<K, V>(leaf: BNode<K, V>, i: number): V {
  const vals = leaf.vals;
  return vals === undefined ? (true as V) : vals[i]!;
}

/** The values of a leaf this tree owns, made an array of `true`s first if it had none. */
function valuesOf<K, V>(leaf: BNode<K, V>): V[] {
  return (leaf.vals ??= trues<V>(leaf.keys.length));
}

/** `n` times `true`, as the values of a leaf that is given a value array. */
function trues<V>(n: number): V[] {
  return new Array<V>(n).fill(true as V);
}

/**
 * Gives a node left full by an append's split (see {@link splitPoint}) arrays of exactly its size. An array grown
 * by pushes keeps spare room (V8 grows 17 → 41 slots on the way to 33 entries), and `splice` does not give it
 * back: a tree filled in key order — tasks by number, the ListTasks index — would keep ~28 % of its leaves'
 * slots empty for good. One copy per `maxNodeSize` appends.
 */
function trimToSize<K, V>(node: BNode<K, V>): void {
  node.keys = node.keys.slice();
  if (node.vals !== undefined) node.vals = node.vals.slice();
  if (node.kids !== undefined) node.kids = node.kids.slice();
}

/** Inserts `x` at `i` in place. (`splice` would also allocate the array of removed elements it returns.) */
function insertAt<T>(a: T[], i: number, x: T): void {
  let j = a.length;
  a.push(x);
  for (; j > i; j--) a[j] = a[j - 1]!;
  a[i] = x;
}

/** Removes the element at `i` in place. */
function removeAt<T>(a: T[], i: number): void {
  const n = a.length - 1;
  for (let j = i; j < n; j++) a[j] = a[j + 1]!;
  a.pop();
}
