/**
 * A fleet of container instances as placement sees it: remaining CPU, memory, host ports and ENIs per instance,
 * attributes, status, and per-group task counts (reference §6.1, §6.5, §8).
 *
 * Layout: one slot per instance (its *index*, in the order instances were given to {@link buildFleet} and then
 * registered; the index is placement's final, stable tie-break). Numbers live in typed-array columns, so a check
 * is a few array reads. Group counts are one `Int32Array` per group, and per (group, attribute) a map from attribute
 * value to tasks, kept current as tasks are allocated and released.
 *
 * Indexes (`fleetIndex.ts`) are created on demand by placement and cached in the fleet; every change to an instance
 * goes through {@link Fleet.change}, which takes the instance out of every index, applies the change and puts it
 * back, so no placement rescans the fleet.
 *
 * Ownership (the same contract as a World transaction): a Fleet is a **mutable working structure** owned by one
 * transaction. Build it from immutable data, or `fork()` an existing one; mutate only what you own. `fork()` copies
 * the typed columns (a memcpy: ~10 µs at 10,000 instances) and drops the index cache (rebuilt lazily), so the
 * original never changes whatever the fork does.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { registeredCapacity } from './instanceTypes.js';
import type { PlacementIndex } from './fleetIndex.js';
import type { InstanceStatus, InstanceView, TaskAllocation } from './types.js';

/** First and last port of the Linux ephemeral range used for dynamic host ports (docs: `PortMapping.hostPort`). */
export const EPHEMERAL_FIRST = 49153;
export const EPHEMERAL_LAST = 65535;
const EPHEMERAL_SIZE = EPHEMERAL_LAST - EPHEMERAL_FIRST + 1;
/** Ports every container instance registers as reserved (reference §6.5). */
export const DEFAULT_RESERVED_TCP_PORTS: readonly number[] = [22, 2375, 2376, 51678, 51679, 51680];

/** A container instance to put in a fleet. Omitted capacity comes from the instance-type table. */
export interface ContainerInstanceSpec {
  readonly instanceId: string;
  readonly containerInstanceArn?: string;
  readonly instanceType: string;
  readonly availabilityZone: string;
  readonly status?: InstanceStatus;
  readonly agentConnected?: boolean;
  readonly amiId?: string;
  readonly osType?: 'linux' | 'windows';
  /** Custom attributes (and overrides of built-ins). */
  readonly attributes?: Readonly<Record<string, string>>;
  readonly registeredCpu?: number;
  readonly registeredMemoryMiB?: number;
  readonly taskEnis?: number;
  readonly reservedTcpPorts?: readonly number[];
  readonly reservedUdpPorts?: readonly number[];
}

const STATUS_CODE: Record<InstanceStatus, number> = { ACTIVE: 0, DRAINING: 1, INACTIVE: 2 };
const STATUS_NAME: readonly InstanceStatus[] = ['ACTIVE', 'DRAINING', 'INACTIVE'];

type Column = Int32Array<ArrayBuffer>;

function grow(a: Column, size: number): Column {
  if (a.length >= size) return a;
  const b = new Int32Array(Math.max(size, a.length * 2, 16));
  b.set(a);
  return b;
}

/** The working structure; see the module comment for the ownership rules. */
export class Fleet {
  /** Number of instance slots (deregistered instances keep theirs, with status INACTIVE). */
  size = 0;
  readonly ids: string[] = [];
  readonly arns: string[] = [];
  readonly attributes: Array<Map<string, string>> = [];
  readonly tcp: Array<Set<number>> = [];
  readonly udp: Array<Set<number>> = [];
  cpuRemaining: Column = new Int32Array(0);
  memoryRemaining: Column = new Int32Array(0);
  cpuRegistered: Column = new Int32Array(0);
  memoryRegistered: Column = new Int32Array(0);
  enisFree: Column = new Int32Array(0);
  /** 0 ACTIVE, 1 DRAINING, 2 INACTIVE. */
  status: Column = new Int32Array(0);
  agent: Column = new Int32Array(0);
  runningTasks: Column = new Int32Array(0);
  /** Ports in use in the ephemeral range, TCP and UDP, and where the next dynamic search starts. */
  ephemeralTcpUsed: Column = new Int32Array(0);
  ephemeralUdpUsed: Column = new Int32Array(0);
  private cursorTcp: Column = new Int32Array(0);
  private cursorUdp: Column = new Int32Array(0);
  private readonly indexOfId = new Map<string, number>();
  private groupCounts = new Map<string, Column>();
  /** `${group}\0${attribute}` → value → tasks of the group on instances with that value. */
  private valueCounts = new Map<string, Map<string, number>>();
  /** Indexes by spec key, maintained by {@link change}. */
  readonly indexes = new Map<string, PlacementIndex>();

  /** Index of an instance id, or -1. */
  indexOf(instanceId: string): number {
    return this.indexOfId.get(instanceId) ?? -1;
  }

  /** Tasks of `group` per instance index (a live column: do not write to it). */
  groupCountsOf(group: string): Int32Array {
    let c = this.groupCounts.get(group);
    if (c === undefined || c.length < this.size) {
      c = grow(c ?? new Int32Array(0), this.size);
      this.groupCounts.set(group, c);
    }
    return c;
  }

  /** Tasks of `group` per value of `attribute` (instances without the attribute count under `undefined`'s key ''). */
  valueCountsOf(group: string, attribute: string): Map<string, number> {
    const key = `${group}\u0000${attribute}`;
    let m = this.valueCounts.get(key);
    if (m === undefined) {
      m = new Map();
      const counts = this.groupCounts.get(group);
      if (counts) for (let i = 0; i < this.size; i++) if (counts[i]! > 0) addTo(m, this.attributes[i]!.get(attribute) ?? '', counts[i]!);
      this.valueCounts.set(key, m);
    }
    return m;
  }

  /** The groups with a task on instance `i` (for `task:group`; groups are few, so this walks them all). */
  groupsOn(i: number): string[] {
    const out: string[] = [];
    for (const [g, c] of this.groupCounts) if ((c[i] ?? 0) > 0) out.push(g);
    return out;
  }

  /** What a query-language predicate sees of instance `i` (built per call: predicates are folded into indexes). */
  view(i: number): InstanceView {
    const groupCounts = this.groupCounts;
    return {
      instanceId: this.ids[i]!,
      containerInstanceArn: this.arns[i]!,
      attributes: this.attributes[i]!,
      status: STATUS_NAME[this.status[i]!]!,
      agentConnected: this.agent[i] === 1,
      runningTasksCount: this.runningTasks[i]!,
      hasTaskOfGroup: (group) => (groupCounts.get(group)?.[i] ?? 0) > 0,
    };
  }

  /** Status of instance `i`. */
  statusOf(i: number): InstanceStatus {
    return STATUS_NAME[this.status[i]!]!;
  }

  /**
   * Instances changed since the owner last cleared it (every {@link change} adds one): lets a long-lived fleet
   * (`ec2/clusterFleet.ts`'s cache) know which slots a placement pass touched.
   */
  readonly changed = new Set<number>();

  /** Applies `mutate` to instance `i` with every index kept consistent (out before, back in after). */
  change(i: number, mutate: () => void): void {
    this.changed.add(i);
    for (const ix of this.indexes.values()) ix.remove(i);
    mutate();
    for (const ix of this.indexes.values()) ix.insert(i);
  }

  /**
   * Makes instance `i` exactly what {@link addInstance} followed by the given remaining resources, running count and
   * group counts would have made it (a fresh slot: its id and ARN, dynamic-port cursors back at the start of the
   * range), with `attributes` replacing its attributes when given. For a cached fleet brought up to date with its
   * source. The caller makes sure the id is not another slot's.
   */
  resetInstance(
    i: number,
    state: {
      readonly instanceId: string;
      readonly containerInstanceArn: string;
      readonly status: InstanceStatus;
      readonly agentConnected: boolean;
      readonly cpuRegistered: number;
      readonly memoryRegistered: number;
      readonly cpuRemaining: number;
      readonly memoryRemaining: number;
      readonly runningTasks: number;
      readonly enisFree: number;
      readonly tcp: readonly number[];
      readonly udp: readonly number[];
      readonly groups: Readonly<Record<string, number>>;
    },
    attributes?: Map<string, string>,
  ): void {
    if (attributes !== undefined) {
      this.attributes[i] = attributes;
      this.indexes.clear();
      this.valueCounts.clear();
    }
    if (this.ids[i] !== state.instanceId) {
      if (this.indexOfId.get(this.ids[i]!) === i) this.indexOfId.delete(this.ids[i]!);
      this.ids[i] = state.instanceId;
      this.indexOfId.set(state.instanceId, i);
    }
    this.arns[i] = state.containerInstanceArn;
    this.change(i, () => {
      this.status[i] = STATUS_CODE[state.status];
      this.agent[i] = state.agentConnected ? 1 : 0;
      this.cpuRegistered[i] = state.cpuRegistered;
      this.memoryRegistered[i] = state.memoryRegistered;
      this.cpuRemaining[i] = state.cpuRemaining;
      this.memoryRemaining[i] = state.memoryRemaining;
      this.runningTasks[i] = state.runningTasks;
      this.enisFree[i] = state.enisFree;
      this.tcp[i] = new Set(state.tcp);
      this.udp[i] = new Set(state.udp);
      this.ephemeralTcpUsed[i] = countInRange(this.tcp[i]!);
      this.ephemeralUdpUsed[i] = countInRange(this.udp[i]!);
      this.cursorTcp[i] = this.cursorUdp[i] = EPHEMERAL_FIRST;
      for (const [group, counts] of this.groupCounts) {
        const delta = (state.groups[group] ?? 0) - (counts[i] ?? 0);
        if (delta !== 0) this.countGroup(i, group, delta);
      }
      for (const [group, n] of Object.entries(state.groups)) if (!this.groupCounts.has(group) && n !== 0) this.countGroup(i, group, n);
    });
  }

  /** Drops the indexes and per-value counts (rebuilt on demand from the columns, in instance order). */
  dropIndexes(): void {
    this.indexes.clear();
    this.valueCounts.clear();
  }

  /** Registers one more instance; an error names what is wrong with the spec. */
  addInstance(spec: ContainerInstanceSpec): E.Either<string, number> {
    if (this.indexOfId.has(spec.instanceId)) return E.left(`instance ${spec.instanceId}: registered twice`);
    const cap = registeredCapacity(spec.instanceType);
    if (cap === undefined && (spec.registeredCpu === undefined || spec.registeredMemoryMiB === undefined)) {
      return E.left(`instance ${spec.instanceId}: unknown instanceType ${spec.instanceType} (give registeredCpu and registeredMemoryMiB)`);
    }
    const cpu = spec.registeredCpu ?? cap!.cpuUnits;
    const mem = spec.registeredMemoryMiB ?? cap!.memoryMiB;
    const enis = spec.taskEnis ?? cap?.taskEnis ?? 0;
    for (const [name, v] of [['registeredCpu', cpu], ['registeredMemoryMiB', mem], ['taskEnis', enis]] as const) {
      if (!Number.isInteger(v) || v < 0) return E.left(`instance ${spec.instanceId}: ${name} must be a non-negative integer, got ${v}`);
    }
    const i = this.size++;
    this.ensureCapacity(this.size);
    this.ids.push(spec.instanceId);
    this.arns.push(spec.containerInstanceArn ?? spec.instanceId);
    const attrs = new Map<string, string>([
      ['ecs.availability-zone', spec.availabilityZone],
      ['ecs.instance-type', spec.instanceType],
      ['ecs.os-type', spec.osType ?? 'linux'],
      ['ecs.cpu-architecture', cap?.architecture ?? 'x86_64'],
    ]);
    if (spec.amiId !== undefined) attrs.set('ecs.ami-id', spec.amiId);
    for (const [k, v] of Object.entries(spec.attributes ?? {})) attrs.set(k, v);
    this.attributes.push(attrs);
    this.tcp.push(new Set(spec.reservedTcpPorts ?? DEFAULT_RESERVED_TCP_PORTS));
    this.udp.push(new Set(spec.reservedUdpPorts ?? []));
    this.cpuRegistered[i] = this.cpuRemaining[i] = cpu;
    this.memoryRegistered[i] = this.memoryRemaining[i] = mem;
    this.enisFree[i] = enis;
    this.status[i] = STATUS_CODE[spec.status ?? 'ACTIVE'];
    this.agent[i] = spec.agentConnected === false ? 0 : 1;
    this.ephemeralTcpUsed[i] = countInRange(this.tcp[i]!);
    this.ephemeralUdpUsed[i] = countInRange(this.udp[i]!);
    this.cursorTcp[i] = this.cursorUdp[i] = EPHEMERAL_FIRST;
    this.indexOfId.set(spec.instanceId, i);
    for (const [g, c] of this.groupCounts) this.groupCounts.set(g, grow(c, this.size));
    for (const ix of this.indexes.values()) ix.insert(i);
    return E.right(i);
  }

  /** Pre-sizes the columns for `n` instances (avoids repeated growth when building a large fleet). */
  ensureCapacityFor(n: number): void {
    this.ensureCapacity(n);
  }

  private ensureCapacity(n: number): void {
    this.cpuRemaining = grow(this.cpuRemaining, n);
    this.memoryRemaining = grow(this.memoryRemaining, n);
    this.cpuRegistered = grow(this.cpuRegistered, n);
    this.memoryRegistered = grow(this.memoryRegistered, n);
    this.enisFree = grow(this.enisFree, n);
    this.status = grow(this.status, n);
    this.agent = grow(this.agent, n);
    this.runningTasks = grow(this.runningTasks, n);
    this.ephemeralTcpUsed = grow(this.ephemeralTcpUsed, n);
    this.ephemeralUdpUsed = grow(this.ephemeralUdpUsed, n);
    this.cursorTcp = grow(this.cursorTcp, n);
    this.cursorUdp = grow(this.cursorUdp, n);
  }

  /** Sets an instance's status (UpdateContainerInstancesState; INACTIVE = deregistered). */
  setStatus(instanceId: string, status: InstanceStatus): E.Either<string, void> {
    const i = this.indexOf(instanceId);
    if (i < 0) return E.left(`instance ${instanceId}: not in the fleet`);
    this.change(i, () => void (this.status[i] = STATUS_CODE[status]));
    return E.right(undefined);
  }

  /** Marks the instance's agent connected or not. */
  setAgentConnected(instanceId: string, connected: boolean): E.Either<string, void> {
    const i = this.indexOf(instanceId);
    if (i < 0) return E.left(`instance ${instanceId}: not in the fleet`);
    this.change(i, () => void (this.agent[i] = connected ? 1 : 0));
    return E.right(undefined);
  }

  /**
   * Puts (or, with `value` undefined, deletes) an attribute. Indexes and value counts may depend on any attribute,
   * so they are dropped and rebuilt on demand: attribute changes are rare next to placements.
   */
  putAttribute(instanceId: string, name: string, value: string | undefined): E.Either<string, void> {
    const i = this.indexOf(instanceId);
    if (i < 0) return E.left(`instance ${instanceId}: not in the fleet`);
    if (value === undefined) this.attributes[i]!.delete(name);
    else this.attributes[i]!.set(name, value);
    this.indexes.clear();
    this.valueCounts.clear();
    return E.right(undefined);
  }

  /** Takes the resources of one task on instance `i` (the caller has checked they fit). */
  allocateMutably(i: number, group: string, cpu: number, memory: number, enis: number, staticTcp: readonly number[], staticUdp: readonly number[], dynamicTcp: number, dynamicUdp: number): TaskAllocation {
    let alloc: TaskAllocation | undefined;
    this.change(i, () => {
      this.cpuRemaining[i]! -= cpu;
      this.memoryRemaining[i]! -= memory;
      this.enisFree[i]! -= enis;
      this.runningTasks[i]! += 1;
      const tcpPorts = this.takePorts(i, 'tcp', staticTcp, dynamicTcp);
      const udpPorts = this.takePorts(i, 'udp', staticUdp, dynamicUdp);
      this.countGroup(i, group, 1);
      alloc = { instanceId: this.ids[i]!, group, cpu, memory, enis, tcpPorts, udpPorts };
    });
    return alloc!;
  }

  /** Gives back what a stopped task held. An error if its instance is not in the fleet. */
  release(alloc: TaskAllocation): E.Either<string, void> {
    const i = this.indexOf(alloc.instanceId);
    if (i < 0) return E.left(`instance ${alloc.instanceId}: not in the fleet`);
    this.change(i, () => {
      this.cpuRemaining[i]! += alloc.cpu;
      this.memoryRemaining[i]! += alloc.memory;
      this.enisFree[i]! += alloc.enis;
      this.runningTasks[i]! -= 1;
      for (const p of alloc.tcpPorts) if (this.tcp[i]!.delete(p) && inRange(p)) this.ephemeralTcpUsed[i]! -= 1;
      for (const p of alloc.udpPorts) if (this.udp[i]!.delete(p) && inRange(p)) this.ephemeralUdpUsed[i]! -= 1;
      this.countGroup(i, alloc.group, -1);
    });
    return E.right(undefined);
  }

  /** Free dynamic host ports of a protocol on instance `i`. */
  freeEphemeral(i: number, protocol: 'tcp' | 'udp'): number {
    return EPHEMERAL_SIZE - (protocol === 'tcp' ? this.ephemeralTcpUsed[i]! : this.ephemeralUdpUsed[i]!);
  }

  private takePorts(i: number, protocol: 'tcp' | 'udp', fixed: readonly number[], dynamic: number): number[] {
    const set = protocol === 'tcp' ? this.tcp[i]! : this.udp[i]!;
    const used = protocol === 'tcp' ? this.ephemeralTcpUsed : this.ephemeralUdpUsed;
    const cursor = protocol === 'tcp' ? this.cursorTcp : this.cursorUdp;
    const out: number[] = [];
    for (const p of fixed) {
      set.add(p);
      if (inRange(p)) used[i]! += 1;
      out.push(p);
    }
    // Dynamic ports: the next free port after the last one handed out, wrapping (bounded by the range's size).
    let p = cursor[i]!;
    for (let n = 0; n < dynamic; n++) {
      for (let guard = 0; set.has(p) && guard < EPHEMERAL_SIZE; guard++) p = p === EPHEMERAL_LAST ? EPHEMERAL_FIRST : p + 1;
      set.add(p);
      used[i]! += 1;
      out.push(p);
      p = p === EPHEMERAL_LAST ? EPHEMERAL_FIRST : p + 1;
    }
    cursor[i] = p;
    return out;
  }

  private countGroup(i: number, group: string, delta: number): void {
    const counts = this.groupCountsOf(group);
    counts[i]! += delta;
    const prefix = `${group}\u0000`;
    for (const [key, m] of this.valueCounts) {
      if (key.startsWith(prefix)) addTo(m, this.attributes[i]!.get(key.slice(prefix.length)) ?? '', delta);
    }
  }

  /** A copy this fleet's later changes never reach (and vice versa); indexes are rebuilt lazily in the copy. */
  fork(): Fleet {
    const f = new Fleet();
    f.size = this.size;
    f.ids.push(...this.ids);
    f.arns.push(...this.arns);
    for (const a of this.attributes) f.attributes.push(new Map(a));
    for (const s of this.tcp) f.tcp.push(new Set(s));
    for (const s of this.udp) f.udp.push(new Set(s));
    f.cpuRemaining = this.cpuRemaining.slice();
    f.memoryRemaining = this.memoryRemaining.slice();
    f.cpuRegistered = this.cpuRegistered.slice();
    f.memoryRegistered = this.memoryRegistered.slice();
    f.enisFree = this.enisFree.slice();
    f.status = this.status.slice();
    f.agent = this.agent.slice();
    f.runningTasks = this.runningTasks.slice();
    f.ephemeralTcpUsed = this.ephemeralTcpUsed.slice();
    f.ephemeralUdpUsed = this.ephemeralUdpUsed.slice();
    f.cursorTcp = this.cursorTcp.slice();
    f.cursorUdp = this.cursorUdp.slice();
    for (const [k, v] of this.indexOfId) f.indexOfId.set(k, v);
    for (const [g, c] of this.groupCounts) f.groupCounts.set(g, c.slice());
    for (const [k, m] of this.valueCounts) f.valueCounts.set(k, new Map(m));
    return f;
  }
}

function inRange(p: number): boolean {
  return p >= EPHEMERAL_FIRST && p <= EPHEMERAL_LAST;
}

function countInRange(s: ReadonlySet<number>): number {
  let n = 0;
  for (const p of s) if (inRange(p)) n++;
  return n;
}

function addTo(m: Map<string, number>, key: string, delta: number): void {
  const n = (m.get(key) ?? 0) + delta;
  if (n === 0) m.delete(key);
  else m.set(key, n);
}

/**
 * A fleet holding `specs` in order; the first bad spec is reported (`instance i-…: …`) and nothing is built.
 *
 * @example
 * ```ts
 * const fleet = buildFleet([{ instanceId: 'i-1', instanceType: 'm5.xlarge', availabilityZone: 'us-east-1a' }]);
 * ```
 */
export function buildFleet(specs: readonly ContainerInstanceSpec[]): E.Either<string, Fleet> {
  const fleet = new Fleet();
  fleet.ensureCapacityFor(specs.length);
  for (const spec of specs) {
    const r = fleet.addInstance(spec);
    if (E.isLeft(r)) return r;
  }
  return E.right(fleet);
}
