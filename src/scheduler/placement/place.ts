/**
 * Placing tasks on container instances, the ECS pipeline (reference §6.1–6.3): feasibility filters (status,
 * agent, attributes, CPU, memory, ports, ENIs) → binding constraints (memberOf, distinctInstance) → strategies
 * chained lexicographically → the instance index as the final stable tie-break; the instance's remaining resources
 * are updated before the next task of the request is placed.
 *
 * Scores (all integers, lower is better): binpack = remaining amount of the field (only instances where the task
 * fits are candidates, so "least remaining that still fits"); spread = tasks of the request's group at the
 * instance's value of the field (instance, or attribute value; instances without the attribute share the value
 * ''); random = a seeded uniform choice among the candidates tied on every earlier strategy (so strategies after a
 * random one never matter). SIM RULE (reference §6.2): lexicographic comparison, tie-break by instance index
 * (registration order).
 *
 * The search uses the fleet's indexes (`fleetIndex.ts`); when a task cannot be placed, the whole fleet is scanned
 * once to explain why (`explain.ts`), and every remaining task of the request fails with that explanation.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { explainFailure, portNeeds, type PortNeeds } from './explain.js';
import type { Fleet } from './fleet.js';
import { indexFor, type Cell, type PlacementIndex, type SortField } from './fleetIndex.js';
import type { MemberOfConstraint, PlacementFailure, PlacementRequest, PlacementResult, PlacementStrategy, TaskAllocation } from './types.js';

/** ECS's default for services on EC2: spread across Availability Zones (reference §6.2). */
export const DEFAULT_SERVICE_STRATEGIES: readonly PlacementStrategy[] = [{ type: 'spread', field: 'attribute:ecs.availability-zone' }];
/** ECS's default for RunTask: random (reference §6.2). */
export const DEFAULT_RUN_TASK_STRATEGIES: readonly PlacementStrategy[] = [{ type: 'random' }];
/** Limits of a request (reference §6.2, §6.3). */
export const MAX_STRATEGIES = 5;
export const MAX_CONSTRAINTS = 10;

/** One link of the scoring chain: a per-cell constant (spread by attribute) or a per-instance field. */
type Link = { readonly kind: 'attr'; readonly name: string; readonly cellPos: number } | { readonly kind: 'field'; readonly field: SortField };

/** What a request needs of each instance, resolved once. */
interface Need {
  readonly cpu: number;
  readonly memory: number;
  readonly enis: number;
  readonly ports: PortNeeds;
  readonly dynamicConstraints: readonly MemberOfConstraint[];
}

/** The error in a request, or undefined. */
function validate(r: PlacementRequest): string | undefined {
  const nonNegInt = (v: number): boolean => Number.isInteger(v) && v >= 0;
  if (!nonNegInt(r.count)) return `count must be a non-negative integer, got ${r.count}`;
  if (!nonNegInt(r.cpu)) return `cpu must be a non-negative integer of CPU units, got ${r.cpu}`;
  if (!nonNegInt(r.memory)) return `memory must be a non-negative integer of MiB, got ${r.memory}`;
  const strategies = r.strategies ?? [];
  if (strategies.length > MAX_STRATEGIES) return `strategies: at most ${MAX_STRATEGIES}, got ${strategies.length}`;
  if ((r.constraints ?? []).length > MAX_CONSTRAINTS) return `constraints: at most ${MAX_CONSTRAINTS}, got ${(r.constraints ?? []).length}`;
  for (const [k, s] of strategies.entries()) {
    if (s.type === 'binpack' && s.field !== 'cpu' && s.field !== 'memory') return `strategies[${k}]: binpack field must be cpu or memory, got ${String(s.field)}`;
    if (s.type === 'spread' && s.field !== 'instanceId' && s.field !== 'host' && !(s.field.startsWith('attribute:') && s.field.length > 10)) {
      return `strategies[${k}]: spread field must be instanceId, host or attribute:<name>, got ${String(s.field)}`;
    }
  }
  for (const [k, p] of (r.ports ?? []).entries()) {
    if (!nonNegInt(p.hostPort) || p.hostPort > 65535) return `ports[${k}]: hostPort must be an integer 0–65535, got ${p.hostPort}`;
    if (p.hostPort === 0 && r.networkMode !== 'bridge') return `ports[${k}]: a dynamic host port (0) needs the bridge network mode, not ${r.networkMode}`;
  }
  const seen = new Set<string>();
  for (const p of r.ports ?? []) {
    if (p.hostPort === 0 || r.networkMode === 'awsvpc' || r.networkMode === 'none') continue;
    const key = `${p.hostPort}/${p.protocol ?? 'tcp'}`;
    if (seen.has(key)) return `ports: host port ${key} requested twice`;
    seen.add(key);
  }
  return undefined;
}

/** The chain up to (not including) the first random strategy, duplicates dropped; and whether random ends it. */
function chainOf(strategies: readonly PlacementStrategy[]): { links: Link[]; attrs: string[]; sort: SortField[]; random: boolean } {
  const links: Link[] = [];
  const attrs: string[] = [];
  const sort: SortField[] = [];
  for (const s of strategies) {
    if (s.type === 'random') return { links, attrs, sort, random: true };
    if (s.type === 'binpack' || s.field === 'instanceId' || s.field === 'host') {
      const field: SortField = s.type === 'binpack' ? s.field : 'count';
      if (!sort.includes(field)) {
        sort.push(field);
        links.push({ kind: 'field', field });
      }
    } else {
      const name = s.field.slice('attribute:'.length);
      if (!attrs.includes(name)) {
        links.push({ kind: 'attr', name, cellPos: attrs.length });
        attrs.push(name);
      }
    }
  }
  return { links, attrs, sort, random: false };
}

/** Whether instance `i` passes the per-task checks the index cannot hold (resources, ports, ENIs, dynamic memberOf). */
function fits(fleet: Fleet, i: number, need: Need): boolean {
  if (fleet.memoryRemaining[i]! < need.memory || fleet.cpuRemaining[i]! < need.cpu || fleet.enisFree[i]! < need.enis) return false;
  const p = need.ports;
  if (p.any) {
    for (const port of p.staticTcp) if (fleet.tcp[i]!.has(port)) return false;
    for (const port of p.staticUdp) if (fleet.udp[i]!.has(port)) return false;
    if (p.dynamicTcp > 0 && fleet.freeEphemeral(i, 'tcp') < p.dynamicTcp) return false;
    if (p.dynamicUdp > 0 && fleet.freeEphemeral(i, 'udp') < p.dynamicUdp) return false;
  }
  if (need.dynamicConstraints.length > 0) {
    const view = fleet.view(i);
    for (const c of need.dynamicConstraints) if (!c.predicate(view)) return false;
  }
  return true;
}

/** Scratch state of one search. */
class Search {
  readonly key: number[];
  readonly best: number[];
  bestIndex = -1;
  /** Number of leading links that are per-cell constants (the cell prefix). */
  readonly prefixLength: number;

  constructor(
    private readonly fleet: Fleet,
    private readonly ix: PlacementIndex,
    private readonly links: readonly Link[],
    private readonly group: string,
    private readonly need: Need,
  ) {
    this.key = new Array<number>(links.length + 1).fill(0);
    this.best = new Array<number>(links.length + 1).fill(0);
    let n = 0;
    while (n < links.length && links[n]!.kind === 'attr') n++;
    this.prefixLength = n;
  }

  private cellConstant(cell: Cell, link: Link & { kind: 'attr' }): number {
    return this.fleet.valueCountsOf(this.group, link.name).get(cell.values[link.cellPos]!) ?? 0;
  }

  /** The full score of instance `i` in `cell` into `this.key`. */
  private score(cell: Cell, i: number): void {
    const links = this.links;
    for (let k = 0; k < links.length; k++) {
      const l = links[k]!;
      this.key[k] = l.kind === 'attr' ? this.cellConstant(cell, l) : this.ix.field(l.field, i);
    }
    this.key[links.length] = i;
  }

  /** Cells to search, ordered by their constant prefix (so a worse cell ends the search once a candidate exists). */
  private orderedCells(): Array<{ cell: Cell; prefix: number[] }> {
    const out: Array<{ cell: Cell; prefix: number[] }> = [];
    for (const cell of this.ix.cells) {
      if (cell.taken || cell.tree.size === 0) continue;
      const prefix: number[] = [];
      for (let k = 0; k < this.prefixLength; k++) prefix.push(this.cellConstant(cell, this.links[k] as Link & { kind: 'attr' }));
      out.push({ cell, prefix });
    }
    if (this.prefixLength > 0) out.sort((a, b) => compareArrays(a.prefix, b.prefix) || (a.cell.key < b.cell.key ? -1 : 1));
    return out;
  }

  /** The cells of the last {@link run} with their prefixes. */
  private lastCells: Array<{ cell: Cell; prefix: number[] }> = [];

  /** The best feasible instance under the chain, or -1 (its score stays in `best`). */
  run(): number {
    this.bestIndex = -1;
    const sort = this.ix.spec.sort;
    const lower: number[] | undefined =
      sort[0] === 'memory' || sort[0] === 'cpu' ? [sort[0] === 'memory' ? this.need.memory : this.need.cpu, ...new Array<number>(sort.length).fill(-1)] : undefined;
    this.lastCells = this.orderedCells();
    for (const { cell, prefix } of this.lastCells) {
      if (this.bestIndex >= 0 && this.prefixLength > 0 && compareArrays(prefix, this.best.slice(0, this.prefixLength)) > 0) break;
      for (const [, i] of cell.tree.entries(lower)) {
        if (!fits(this.fleet, i, this.need)) continue;
        this.score(cell, i);
        if (this.bestIndex < 0 || compareArrays(this.key, this.best) < 0) {
          for (let k = 0; k < this.key.length; k++) this.best[k] = this.key[k]!;
          this.bestIndex = i;
        }
        break;
      }
    }
    return this.bestIndex;
  }

  /** The cells of the last run whose constant prefix equals the best's (where its ties can be). */
  tiedCells(): Cell[] {
    const bestPrefix = this.best.slice(0, this.prefixLength);
    return this.lastCells.filter((c) => compareArrays(c.prefix, bestPrefix) === 0).map((c) => c.cell);
  }

  /**
   * A uniform draw among the feasible instances tied with the best on every link (the `random` strategy).
   * Without per-instance links the tie set is every feasible member of the tied cells: rejection sampling from
   * the cells' member arrays (uniform over the accepted set), then an exhaustive draw if 32 tries miss.
   */
  drawTied(tied: readonly Cell[], rng: PlacementRequest['rng']): number {
    const members = tied.reduce((n, c) => n + c.members.length, 0);
    const perInstance = this.links.length > this.prefixLength;
    if (!perInstance) {
      for (let t = 0; t < 32; t++) {
        let r = rng.int(members);
        for (const c of tied) {
          if (r < c.members.length) {
            const i = c.members[r]!;
            if (fits(this.fleet, i, this.need)) return i;
            break;
          }
          r -= c.members.length;
        }
      }
    }
    const all: number[] = [];
    const bestKey = this.best.slice(0, this.links.length);
    for (const c of tied) {
      for (const i of c.members) {
        if (!fits(this.fleet, i, this.need)) continue;
        this.score(c, i);
        if (compareArrays(this.key.slice(0, this.links.length), bestKey) === 0) all.push(i);
      }
    }
    all.sort((a, b) => a - b);
    return all[rng.int(all.length)]!;
  }
}

function compareArrays(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let k = 0; k < n; k++) {
    const d = a[k]! - b[k]!;
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/**
 * Places `request.count` identical tasks on `fleet`, mutating it (see the ownership rules in `fleet.ts`). A bad
 * request is an error naming the field; capacity that runs out is not an error but failures with ECS's reasons
 * and an explanation.
 *
 * @example
 * ```ts
 * const r = placeTasks(fleet, { count: 3, cpu: 256, memory: 512, networkMode: 'bridge', group: 'service:web',
 *   strategies: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }, { type: 'binpack', field: 'memory' }],
 *   rng: new Rng(seedState(1, 0)) });
 * ```
 */
export function placeTasks(fleet: Fleet, request: PlacementRequest): E.Either<string, PlacementResult> {
  const error = validate(request);
  if (error !== undefined) return E.left(error);
  const constraints = request.constraints ?? [];
  const chain = chainOf(request.strategies ?? []);
  const memberOf = constraints.filter((c): c is MemberOfConstraint => c.type === 'memberOf');
  const ix = indexFor(fleet, {
    group: request.group,
    cellAttributes: chain.attrs,
    distinct: constraints.some((c) => c.type === 'distinctInstance'),
    sort: chain.sort,
    memberOf: memberOf.filter((c) => c.dependsOnTasks !== true),
    requiredAttributes: request.requiredAttributes ?? [],
    random: chain.random,
  });
  const ports = portNeeds(request);
  const need: Need = {
    cpu: request.cpu,
    memory: request.memory,
    enis: request.networkMode === 'awsvpc' ? 1 : 0,
    ports,
    dynamicConstraints: memberOf.filter((c) => c.dependsOnTasks === true),
  };
  const search = new Search(fleet, ix, chain.links, request.group, need);
  const placements: string[] = [];
  const allocations: TaskAllocation[] = [];
  const failures: PlacementFailure[] = [];
  for (let t = 0; t < request.count; t++) {
    let i = search.run();
    if (i >= 0 && chain.random) i = search.drawTied(search.tiedCells(), request.rng);
    if (i < 0) {
      const failure = explainFailure(fleet, request, request.count - t);
      for (let k = t; k < request.count; k++) failures.push(failure);
      break;
    }
    const a = fleet.allocateMutably(i, request.group, need.cpu, need.memory, need.enis, ports.staticTcp, ports.staticUdp, ports.dynamicTcp, ports.dynamicUdp);
    placements.push(a.instanceId);
    allocations.push(a);
  }
  return E.right({ placements, allocations, failures });
}
