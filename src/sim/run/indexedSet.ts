/**
 * A set with O(1) add, delete and access by position — for drawing random members (which task a Spot
 * interruption or a crash hits) without copying the set each time. Positions change on delete (the last member
 * moves into the hole), deterministically.
 *
 * @module
 */
export class IndexedSet<T> {
  private readonly items: T[] = [];
  private readonly positions = new Map<T, number>();

  get size(): number {
    return this.items.length;
  }

  has(x: T): boolean {
    return this.positions.has(x);
  }

  add(x: T): void {
    if (this.positions.has(x)) return;
    this.positions.set(x, this.items.length);
    this.items.push(x);
  }

  delete(x: T): void {
    const i = this.positions.get(x);
    if (i === undefined) return;
    const last = this.items.pop()!;
    this.positions.delete(x);
    if (i < this.items.length) {
      this.items[i] = last;
      this.positions.set(last, i);
    }
  }

  /** The member at position `i` (0 ≤ i < size). */
  at(i: number): T {
    return this.items[i]!;
  }
}
