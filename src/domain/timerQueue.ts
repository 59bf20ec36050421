/**
 * The World's timer queue: scheduled timers in `(atMs, seq)` order, persistent like every table of the World.
 *
 * A B+ tree keyed by the due instant alone (`atMs`, a plain number) holds, per instant, either the one timer due
 * then or a {@link Bucket} of the timers due then in `seq` order. Why not one tree keyed by the timer itself, as
 * before: when many tasks launch together their steps land all over the queue, and every probe of that tree's
 * search read a timer object somewhere in the heap and then its boxed `atMs` — three dependent loads, mostly cache
 * misses (the search was a fifth of the whole lifecycle's time). Keyed by number, the search reads a node's
 * contiguous array of unboxed doubles. And because `seq` only grows, a timer joining an instant always goes last
 * in its bucket: an append, never a search.
 *
 * Persistence: the tree is copy-on-write (`BTree` ownership). A bucket is a view `[head, end)` of an append-only
 * array: a queue never sees timers pushed past its bucket's `end`, and a bucket object is changed in place only by
 * the draft that made it ({@link Bucket.owner}). A finished draft takes a new owner number, so a bucket reachable
 * from a committed World is never changed again — an old World never sees a later change.
 *
 * @module
 */
import { BTree, compareNumbers } from './btree.js';
import type { ScheduledTimer } from './timers.js';

let lastOwner = 0;

/**
 * The timers due at one instant, in `seq` order: `items[head]` to `items[end - 1]`. Queues share `items` and see
 * only their own `[head, end)`: popping moves `head`, and an append pushes onto `items` in place when nothing was
 * appended past this bucket's `end` yet (else it copies) — so timers joining one instant from many transactions
 * in a row (a thousand StopTask calls at one instant) cost O(1) each, not a copy of the bucket each.
 */
class Bucket {
  constructor(
    readonly items: ScheduledTimer[],
    public head: number,
    public end: number,
    /** The draft allowed to change `head` and `end` in place (a bucket no committed queue holds yet). */
    readonly owner: number,
  ) {}
  get length(): number {
    return this.end - this.head;
  }
}

/** What the tree holds per instant: the only timer due then, or the bucket of several. */
type Slot = ScheduledTimer | Bucket;

/** Yields the timers of one slot in `seq` order. */
function* slotTimers(slot: Slot): Generator<ScheduledTimer> {
  if (!(slot instanceof Bucket)) {
    yield slot;
    return;
  }
  for (let i = slot.head; i < slot.end; i++) yield slot.items[i]!;
}

/** The index in `b` of the timer with `seq`, or -1 (in `seq` order: searched from the end, where timers join). */
function indexIn(b: Bucket, seq: number): number {
  for (let i = b.end - 1; i >= b.head; i--) {
    const s = b.items[i]!.seq;
    if (s === seq) return i;
    if (s < seq) return -1;
  }
  return -1;
}

/** Read access shared by the queue and its drafts. */
abstract class TimerQueueReader {
  protected abstract tree(): BTree<number, Slot>;
  /** Number of scheduled timers. */
  abstract get size(): number;

  /** The scheduled timer with the same `(atMs, seq)` as `key`, if any. */
  get(key: { readonly atMs: number; readonly seq: number }): ScheduledTimer | undefined {
    const slot = this.tree().get(key.atMs);
    if (slot === undefined) return undefined;
    if (!(slot instanceof Bucket)) return slot.seq === key.seq ? slot : undefined;
    const i = indexIn(slot, key.seq);
    return i < 0 ? undefined : slot.items[i];
  }

  /** Whether a timer with the same `(atMs, seq)` as `key` is scheduled. */
  has(key: { readonly atMs: number; readonly seq: number }): boolean {
    return this.get(key) !== undefined;
  }

  /** The first timer due (smallest `(atMs, seq)`), or `undefined` when the queue is empty. */
  minKey(): ScheduledTimer | undefined {
    const slot = this.tree().minValue();
    if (slot === undefined) return undefined;
    return slot instanceof Bucket ? slot.items[slot.head] : slot;
  }

  /** Timers in `(atMs, seq)` order. */
  *values(): IterableIterator<ScheduledTimer> {
    for (const slot of this.tree().values()) yield* slotTimers(slot);
  }

  /** Timers in order (each timer is its own key). */
  keys(): IterableIterator<ScheduledTimer> {
    return this.values();
  }

  /** `[timer, timer]` pairs in order: the entries of a map whose entries are their own keys. */
  *entries(): IterableIterator<[ScheduledTimer, ScheduledTimer]> {
    for (const t of this.values()) yield [t, t];
  }
}

/**
 * An immutable timer queue (the World's `timers`). Written only through a {@link DraftTimerQueue} of a world
 * transaction.
 */
export class TimerQueue extends TimerQueueReader {
  private constructor(
    private readonly slots: BTree<number, Slot>,
    private readonly count: number,
  ) {
    super();
  }

  /** The empty queue. */
  static empty(): TimerQueue {
    return new TimerQueue(new BTree<number, Slot>(compareNumbers), 0);
  }

  protected tree(): BTree<number, Slot> {
    return this.slots;
  }

  get size(): number {
    return this.count;
  }

  /**
   * The queue of `timers`, which must be in strictly increasing `(atMs, seq)` order (the caller checks it — the
   * snapshot decoder does): built in O(n) without comparisons, for loading snapshots.
   */
  static fromSorted(timers: readonly ScheduledTimer[]): TimerQueue {
    const ats: number[] = [];
    const slots: Slot[] = [];
    for (let i = 0; i < timers.length; ) {
      const at = timers[i]!.atMs;
      let j = i + 1;
      while (j < timers.length && timers[j]!.atMs === at) j++;
      // Owner 0 is never a draft's (`++lastOwner` starts at 1): every draft makes its own view first.
      slots.push(j - i === 1 ? timers[i]! : new Bucket(timers.slice(i, j), 0, j - i, 0));
      ats.push(at);
      i = j;
    }
    return new TimerQueue(BTree.fromSorted<number, Slot>(compareNumbers, ats, slots), timers.length);
  }

  /** A private, mutable copy for one transaction (cloned lazily on its first write). */
  draft(): DraftTimerQueue {
    return new DraftTimerQueue(this.slots, this.count);
  }

  /** Serialises as `[timer, timer]` pairs in order — the form of a map whose entries are their own keys. */
  toJSON(): Array<[ScheduledTimer, ScheduledTimer]> {
    return Array.from(this.entries());
  }

  /** @internal the queue a finished draft leaves. */
  static fromDraft(draft: DraftTimerQueue): TimerQueue {
    const { slots, count } = draft.finish();
    return new TimerQueue(slots, count);
  }
}

/** The mutable queue of one transaction; see the module comment for what it may write in place. */
export class DraftTimerQueue extends TimerQueueReader {
  private slots: BTree<number, Slot>;
  private count: number;
  private ownsTree = false;
  private owner = ++lastOwner;
  /** Whether any write happened. */
  changed = false;

  constructor(base: BTree<number, Slot>, count: number) {
    super();
    this.slots = base;
    this.count = count;
  }

  protected tree(): BTree<number, Slot> {
    return this.slots;
  }

  get size(): number {
    return this.count;
  }

  private ownTree(): BTree<number, Slot> {
    if (!this.ownsTree) {
      this.slots = this.slots.clone();
      this.ownsTree = true;
    }
    return this.slots;
  }

  /** A view of `b` this draft may change in place: `b` itself if it is the draft's, else a new view of the same items. */
  private ownView(b: Bucket): Bucket {
    return b.owner === this.owner ? b : new Bucket(b.items, b.head, b.end, this.owner);
  }

  /**
   * Adds `timer` (a timer with the same `(atMs, seq)` must not be there). A newly scheduled timer's `seq` is larger
   * than every other (the World's sequence counter only grows), so joining an instant is an append.
   */
  add(timer: ScheduledTimer): void {
    this.changed = true;
    this.count++;
    const tree = this.ownTree();
    const at = timer.atMs;
    const slot = tree.get(at);
    if (slot === undefined) {
      tree.set(at, timer);
      return;
    }
    if (!(slot instanceof Bucket)) {
      tree.set(at, new Bucket(slot.seq < timer.seq ? [slot, timer] : [timer, slot], 0, 2, this.owner));
      return;
    }
    const items = slot.items;
    if (slot.end === items.length && items[slot.end - 1]!.seq < timer.seq) {
      // Nothing past this bucket's end: push in place (other queues sharing `items` see only up to their own end).
      items.push(timer);
      const b = this.ownView(slot);
      b.end = items.length;
      if (b !== slot) tree.set(at, b);
      return;
    }
    // Appended past by another queue, or out of `seq` order: a copy of this bucket's timers with `timer` in place.
    const copy = items.slice(slot.head, slot.end);
    let i = copy.length;
    while (i > 0 && copy[i - 1]!.seq > timer.seq) i--;
    copy.splice(i, 0, timer);
    tree.set(at, new Bucket(copy, 0, copy.length, this.owner));
  }

  /** Removes the timer with `timer`'s `(atMs, seq)`; returns whether it was there. */
  delete(timer: { readonly atMs: number; readonly seq: number }): boolean {
    const slot = this.slots.get(timer.atMs);
    if (slot === undefined) return false;
    if (!(slot instanceof Bucket)) {
      if (slot.seq !== timer.seq) return false;
      this.ownTree().delete(timer.atMs);
    } else {
      const i = indexIn(slot, timer.seq);
      if (i < 0) return false;
      if (slot.length === 1) {
        this.ownTree().delete(timer.atMs);
      } else if (i === slot.head) {
        const b = this.ownView(slot);
        b.head++;
        if (b !== slot) this.ownTree().set(timer.atMs, b);
      } else {
        // From the middle: a copy without it (`items` may be shared).
        const copy = slot.items.slice(slot.head, slot.end);
        copy.splice(i - slot.head, 1);
        this.ownTree().set(timer.atMs, new Bucket(copy, 0, copy.length, this.owner));
      }
    }
    this.changed = true;
    this.count--;
    return true;
  }

  /** Removes and returns the first timer due (`undefined` when empty): no key comparisons. */
  takeMin(): ScheduledTimer | undefined {
    const slot = this.slots.minValue();
    if (slot === undefined) return undefined;
    this.changed = true;
    this.count--;
    const tree = this.ownTree();
    if (!(slot instanceof Bucket)) {
      tree.takeMin();
      return slot;
    }
    const first = slot.items[slot.head]!;
    if (slot.length === 1) {
      tree.takeMin();
      return first;
    }
    const b = this.ownView(slot);
    b.head++;
    if (b !== slot) tree.set(first.atMs, b);
    return first;
  }

  /** Hands the tree over; a later write through this draft copies what it shares (a new owner number). */
  finish(): { slots: BTree<number, Slot>; count: number } {
    this.ownsTree = false;
    this.owner = ++lastOwner;
    return { slots: this.slots, count: this.count };
  }
}
