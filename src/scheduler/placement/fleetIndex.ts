/**
 * Placement indexes over a {@link Fleet}: how a task is placed without rescanning the fleet.
 *
 * An index serves one *shape* of request (group, spread attributes, sort fields, static constraints), is built on
 * first use in O(n log n) and then kept current by `Fleet.change` in O(log n) per changed instance.
 *
 * - **Membership**: only instances that pass the request-independent filters are in it: status ACTIVE, agent
 *   connected, required attributes present, every static memberOf predicate true (evaluated once per instance and
 *   remembered: attributes cannot change under an index, `Fleet.putAttribute` drops the indexes).
 * - **Cells**: members are partitioned by the values of the spread attributes (e.g. one cell per Availability Zone)
 *   and, with distinctInstance, by "already runs a task of the group" (such cells are never searched). Within a
 *   cell, every spread-by-attribute score is the same, so lexicographic order across the whole chain restricted to
 *   a cell is the order of the per-instance fields alone.
 * - **Order inside a cell**: a B+ tree (`src/domain/btree.ts`) keyed by the per-instance fields in strategy order
 *   (remaining memory / CPU for binpack, tasks of the group on the instance for spread by instanceId), then the
 *   instance index. Binpack starts at the lower bound "remaining ≥ what the task needs" and takes the first entry
 *   that passes the remaining per-task checks (ports, ENIs, the other resource).
 * - **Random**: cells also keep their members in an array (swap-remove), for a uniform draw in O(1).
 *
 * @module
 */
import { BTree, comparePairs, type Compare } from '../../domain/btree.js';
import type { Fleet } from './fleet.js';
import type { MemberOfConstraint, RequiredAttribute } from './types.js';

/** A per-instance sort field: remaining CPU, remaining memory, or tasks of the group on the instance. */
export type SortField = 'cpu' | 'memory' | 'count';

/** The shape of requests an index serves. */
export interface IndexSpec {
  readonly group: string;
  readonly cellAttributes: readonly string[];
  readonly distinct: boolean;
  readonly sort: readonly SortField[];
  readonly memberOf: readonly MemberOfConstraint[];
  readonly requiredAttributes: readonly RequiredAttribute[];
  readonly random: boolean;
}

/** The cache key of a spec (memberOf constraints by expression). */
export function indexKey(spec: IndexSpec): string {
  return JSON.stringify([
    spec.sort.includes('count') || spec.distinct ? spec.group : '',
    spec.cellAttributes,
    spec.distinct,
    spec.sort,
    spec.memberOf.map((m) => m.expression),
    spec.requiredAttributes.map((a) => [a.name, a.value ?? null]),
    spec.random,
  ]);
}

/** One partition of the members. */
export interface Cell {
  readonly key: string;
  /** Value of each cell attribute ('' when the instance lacks it). */
  readonly values: readonly string[];
  /** distinctInstance: the members already run a task of the group. */
  readonly taken: boolean;
  readonly tree: BTree<number[], number>;
  readonly members: number[];
}

const compareTuples: Compare<number[]> = (a, b) => {
  for (let k = 0; k < a.length; k++) {
    const d = a[k]! - b[k]!;
    if (d !== 0) return d;
  }
  return 0;
};

/** The most indexes a fleet keeps (least recently used ones go; rebuilding costs O(n log n)). */
export const MAX_INDEXES = 32;

/** An index; see the module comment. */
export class PlacementIndex {
  readonly cells: Cell[] = [];
  private readonly cellByKey = new Map<string, Cell>();
  private readonly cellOf: Array<Cell | undefined> = [];
  private readonly posInCell: number[] = [];
  /** Static filters per instance: 0 unknown, 1 pass, 2 fail. */
  private staticOk = new Uint8Array(0);
  private readonly compare: Compare<number[]>;

  constructor(
    private readonly fleet: Fleet,
    readonly spec: IndexSpec,
  ) {
    this.compare = spec.sort.length <= 1 ? (comparePairs as unknown as Compare<number[]>) : compareTuples;
    for (let i = 0; i < fleet.size; i++) this.insert(i);
  }

  /** The sort key of instance `i` from the fleet's current columns. */
  keyOf(i: number): number[] {
    const sort = this.spec.sort;
    if (sort.length === 0) return [0, i];
    const key = new Array<number>(sort.length + 1);
    for (let k = 0; k < sort.length; k++) key[k] = this.field(sort[k]!, i);
    key[sort.length] = i;
    return key;
  }

  /** The value of a per-instance field. */
  field(f: SortField, i: number): number {
    return f === 'memory' ? this.fleet.memoryRemaining[i]! : f === 'cpu' ? this.fleet.cpuRemaining[i]! : this.groupCount(i);
  }

  private groupCount(i: number): number {
    // Looked up each time: the fleet replaces the column when it grows.
    return this.fleet.groupCountsOf(this.spec.group)[i]!;
  }

  private passesStatic(i: number): boolean {
    if (this.staticOk.length <= i) {
      const b = new Uint8Array(Math.max(this.fleet.size, i + 1, this.staticOk.length * 2));
      b.set(this.staticOk);
      this.staticOk = b;
    }
    let s = this.staticOk[i]!;
    if (s === 0) {
      const attrs = this.fleet.attributes[i]!;
      let ok = this.spec.requiredAttributes.every((a) => (a.value === undefined ? attrs.has(a.name) : attrs.get(a.name) === a.value));
      if (ok && this.spec.memberOf.length > 0) {
        const view = this.fleet.view(i);
        ok = this.spec.memberOf.every((m) => m.predicate(view));
      }
      s = ok ? 1 : 2;
      this.staticOk[i] = s;
    }
    return s === 1;
  }

  private isMember(i: number): boolean {
    return this.fleet.status[i] === 0 && this.fleet.agent[i] === 1 && this.passesStatic(i);
  }

  /** Adds instance `i` if it is a member (called by the fleet after a change). */
  insert(i: number): void {
    if (this.cellOf[i] !== undefined || !this.isMember(i)) return;
    const attrs = this.fleet.attributes[i]!;
    const values = this.spec.cellAttributes.map((a) => attrs.get(a) ?? '');
    const taken = this.spec.distinct && this.groupCount(i) > 0;
    const key = `${values.join('\u0000')}\u0001${taken ? 1 : 0}`;
    let cell = this.cellByKey.get(key);
    if (cell === undefined) {
      cell = { key, values, taken, tree: new BTree<number[], number>(this.compare), members: [] };
      this.cellByKey.set(key, cell);
      this.cells.push(cell);
    }
    cell.tree.set(this.keyOf(i), i);
    if (this.spec.random) {
      this.posInCell[i] = cell.members.length;
      cell.members.push(i);
    }
    this.cellOf[i] = cell;
  }

  /** Takes instance `i` out (called by the fleet before a change, so its key is still the stored one). */
  remove(i: number): void {
    const cell = this.cellOf[i];
    if (cell === undefined) return;
    cell.tree.delete(this.keyOf(i));
    if (this.spec.random) {
      const p = this.posInCell[i]!;
      const last = cell.members.pop()!;
      if (last !== i) {
        cell.members[p] = last;
        this.posInCell[last] = p;
      }
    }
    this.cellOf[i] = undefined;
  }
}

/** The fleet's index for `spec`, built on first use (least-recently-used eviction beyond {@link MAX_INDEXES}). */
export function indexFor(fleet: Fleet, spec: IndexSpec): PlacementIndex {
  const key = indexKey(spec);
  let ix = fleet.indexes.get(key);
  if (ix !== undefined) {
    fleet.indexes.delete(key);
    fleet.indexes.set(key, ix);
    return ix;
  }
  ix = new PlacementIndex(fleet, spec);
  fleet.indexes.set(key, ix);
  if (fleet.indexes.size > MAX_INDEXES) fleet.indexes.delete(fleet.indexes.keys().next().value!);
  return ix;
}
