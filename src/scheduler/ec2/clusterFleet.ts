/**
 * A cluster's container instances as the placement engine's {@link Fleet}: built from the instance ledgers
 * (`World.containerInstances`, kept by `instanceLedger.ts`) for one launch, so the engine sees exactly what is left
 * on every instance and which task groups run there.
 *
 * The fleet is a working copy owned by the launch (see the ownership rules in `placement/fleet.ts`): placing
 * mutates it, and what was placed is written back through the task store, never through the fleet.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { clusterInstancesPrefix, type ContainerInstance } from '../../domain/containerInstance.js';
import { compareStrings } from '../../domain/pmap.js';
import type { WorldTxn } from '../../domain/txn.js';
import { Fleet } from '../placement/fleet.js';
import { evaluateQuery, type QuerySubject } from '../placement/query/index.js';
import type { QueryExpr } from '../placement/query/ast.js';
import type { InstanceView, MemberOfConstraint } from '../placement/types.js';
import { registeredCapacity } from '../placement/instanceTypes.js';
import { allAttributes } from './capabilities.js';
import { isMutableInTxn } from './instanceLedger.js';
import { unreachableZones } from './zoneReach.js';

/** A fleet and, per fleet index, the container instance it was built from. */
export interface ClusterFleet {
  readonly fleet: Fleet;
  /** `instances[i]` is the instance at fleet index `i`. */
  readonly instances: readonly ContainerInstance[];
}

const toNumbers = (ports: readonly string[]): number[] => ports.map(Number);

/**
 * The fleet of `clusterName`'s instances, one slot per instance in key order (deregistered ones too, INACTIVE, which
 * placement never picks): remaining CPU and memory, host ports in use, task groups and running-task counts as their
 * ledgers say. With `only`, just those instances (their `World.containerInstances` keys: StartTask's list, a
 * daemon's instance).
 *
 * A cluster's fleet is kept between calls (see {@link FleetCache}): a RunTask on a 5,000-instance cluster would
 * otherwise rebuild 5,000 slots to place ten tasks.
 */
export function clusterFleet(tx: WorldTxn, clusterName: string, only?: ReadonlySet<string>): ClusterFleet {
  const prefix = clusterInstancesPrefix(clusterName);
  const table = tx.table('containerInstances');
  if (only !== undefined) {
    // A short list (at most 10): a seek per listed instance instead of a scan of the cluster.
    const keys = [...only].filter((k) => k.startsWith(prefix)).sort(compareStrings);
    const rows = keys.map((k) => table.get(k)).filter((ci): ci is ContainerInstance => ci !== undefined);
    return buildFleet(rows, reachOf(rows, unreachableZones(tx.base.faults, tx.nowMs)));
  }
  const rows: ContainerInstance[] = [];
  const keys: string[] = [];
  for (const [key, ci] of table.entries(prefix)) {
    if (!key.startsWith(prefix)) break;
    keys.push(key);
    rows.push(ci);
  }
  const reach = reachOf(rows, unreachableZones(tx.base.faults, tx.nowMs));
  return fleetCache.fleetOf(clusterName, keys, rows, reach, (i) => isMutableInTxn(tx, keys[i]!, rows[i]!));
}

/** The attributes placement sees of `ci`: its stored ones and the shared capabilities (present: value ''). */
function attributeMapOf(ci: ContainerInstance): Map<string, string> {
  const m = new Map<string, string>();
  for (const a of allAttributes(ci.attributes)) m.set(a.name, a.value ?? '');
  return m;
}

/** Task ENIs left on `ci`: its instance type's (reference §6.5, without trunking) less those in use. */
function enisFreeOf(ci: ContainerInstance, attributes?: ReadonlyMap<string, string>): number {
  const type = attributes?.get('ecs.instance-type') ?? ci.attributes.find((a) => a.name === 'ecs.instance-type')?.value;
  return Math.max(0, (type === undefined ? 0 : (registeredCapacity(type)?.taskEnis ?? 0)) - (ci.taskEnisInUse ?? 0));
}

/** The slot id of an instance: its EC2 id (explanations name it); a deregistered one's container id (EC2 ids recur). */
const slotIdOf = (ci: ContainerInstance): string => (ci.status === 'INACTIVE' ? ci.id : ci.ec2InstanceId);

/** A fresh fleet of `rows`, in order. */
/** Whether each instance is reachable (not in a zone outage in effect: `zoneReach.ts`). */
function reachOf(rows: readonly ContainerInstance[], unreachable: ReadonlySet<string>): boolean[] {
  if (unreachable.size === 0) return rows.map(() => true);
  return rows.map((ci) => !unreachable.has(ci.attributes.find((a) => a.name === 'ecs.availability-zone')?.value ?? ''));
}

/** A fresh fleet of `rows`, in order; an unreachable instance is as one with its agent disconnected. */
function buildFleet(rows: readonly ContainerInstance[], reach: readonly boolean[]): ClusterFleet {
  const fleet = new Fleet();
  fleet.ensureCapacityFor(rows.length);
  const instances: ContainerInstance[] = [];
  for (const [k, ci] of rows.entries()) {
    const attributes = attributeMapOf(ci);
    const added = fleet.addInstance({
      instanceId: slotIdOf(ci),
      containerInstanceArn: ci.arn,
      instanceType: attributes.get('ecs.instance-type') ?? 'unknown',
      availabilityZone: attributes.get('ecs.availability-zone') ?? '',
      status: ci.status,
      agentConnected: ci.agentConnected && reach[k]!,
      registeredCpu: ci.registeredResources.cpu,
      registeredMemoryMiB: ci.registeredResources.memory,
      attributes: Object.fromEntries(attributes),
      reservedTcpPorts: toNumbers(ci.remainingResources.ports),
      reservedUdpPorts: toNumbers(ci.remainingResources.portsUdp),
    });
    // Ledgers hold integers ≥ 0 and unique ids (the snapshot decoder checks them), so this cannot fail; an
    // instance it refused would simply not be a candidate.
    if (E.isLeft(added)) continue;
    const i = added.right;
    fleet.cpuRemaining[i] = ci.remainingResources.cpu;
    fleet.memoryRemaining[i] = ci.remainingResources.memory;
    fleet.runningTasks[i] = ci.runningTasksCount;
    fleet.enisFree[i] = enisFreeOf(ci, attributes);
    for (const [group, n] of Object.entries(ci.taskGroups ?? {})) fleet.groupCountsOf(group)[i] = n;
    instances.push(ci);
  }
  fleet.changed.clear();
  return { fleet, instances };
}

/**
 * The fleets of recently used clusters, each with the instance records it was last brought up to date with.
 *
 * Equivalence with a fresh build is what makes the cache invisible: a cached fleet is reused only for the same
 * instance keys in the same order (same slots); every slot whose record is not the one it was synced with — or that
 * a placement changed since (`Fleet.changed`), or whose record was the transaction's own mutable copy (the ledger
 * changes those in place, `instanceLedger.ts`) — is reset from its record (id, ARN and all) ({@link Fleet.resetInstance}, exactly what
 * a fresh slot holds); and the indexes are dropped at every use, because their member order depends on their
 * history, and rebuilt from the slots in order as a fresh fleet builds them. So placements are the same whatever
 * Worlds the process has seen before (tested against fresh builds: `clusterFleet.test.ts`).
 */
class FleetCache {
  private readonly entries = new Map<string, { keys: string[]; sources: Array<ContainerInstance | undefined>; reach: boolean[]; cf: ClusterFleet }>();
  /** Clusters kept (least recently used ones go). */
  static readonly SIZE = 8;
  /** Off: every call builds a fresh fleet (the equivalence tests compare both). */
  enabled = true;

  fleetOf(clusterName: string, keys: string[], rows: ContainerInstance[], reach: boolean[], mutable: (i: number) => boolean): ClusterFleet {
    if (!this.enabled) return buildFleet(rows, reach);
    const cached = this.entries.get(clusterName);
    if (cached === undefined || !sameKeys(cached.keys, keys) || !idsFit(rows)) {
      const cf = buildFleet(rows, reach);
      // A refused row (a duplicate id from a hand-edited state) would misalign slots and keys: do not keep it.
      if (cf.instances.length === rows.length) this.remember(clusterName, { keys, sources: rows.map((ci, i) => (mutable(i) ? undefined : ci)), reach, cf });
      return cf;
    }
    this.entries.delete(clusterName);
    this.entries.set(clusterName, cached);
    const fleet = cached.cf.fleet;
    for (let i = 0; i < rows.length; i++) {
      const ci = rows[i]!;
      const was = cached.sources[i];
      if (ci === was && !fleet.changed.has(i) && cached.reach[i] === reach[i]) continue;
      fleet.resetInstance(
        i,
        {
          instanceId: slotIdOf(ci),
          containerInstanceArn: ci.arn,
          status: ci.status,
          agentConnected: ci.agentConnected && reach[i]!,
          cpuRegistered: ci.registeredResources.cpu,
          memoryRegistered: ci.registeredResources.memory,
          cpuRemaining: ci.remainingResources.cpu,
          memoryRemaining: ci.remainingResources.memory,
          runningTasks: ci.runningTasksCount,
          enisFree: enisFreeOf(ci),
          tcp: toNumbers(ci.remainingResources.ports),
          udp: toNumbers(ci.remainingResources.portsUdp),
          groups: ci.taskGroups ?? {},
        },
        ci.attributes === was?.attributes ? undefined : attributeMapOf(ci),
      );
    }
    fleet.dropIndexes();
    fleet.changed.clear();
    // A record this transaction may still change in place is no version: such slots are reset at the next call.
    cached.sources = rows.map((ci, i) => (mutable(i) ? undefined : ci));
    cached.reach = reach;
    const cf = { fleet, instances: rows };
    cached.cf = cf;
    return cf;
  }

  private remember(clusterName: string, entry: { keys: string[]; sources: Array<ContainerInstance | undefined>; reach: boolean[]; cf: ClusterFleet }): void {
    this.entries.delete(clusterName);
    this.entries.set(clusterName, entry);
    if (this.entries.size > FleetCache.SIZE) this.entries.delete(this.entries.keys().next().value!);
  }
}

/**
 * Whether every slot can take its record's id: the ids are unique (a slot whose id changes — an instance
 * re-registered with another EC2 id, or deregistered — must not take one another slot holds). Else: a fresh build.
 */
function idsFit(rows: readonly ContainerInstance[]): boolean {
  const seen = new Set<string>();
  for (const ci of rows) {
    const id = slotIdOf(ci);
    if (seen.has(id)) return false;
    seen.add(id);
  }
  return true;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The process's fleet cache (a memo: no output depends on it). */
export const fleetCache = new FleetCache();

/**
 * A validated `memberOf` constraint as the engine takes it: a predicate over the fleet's view of an instance,
 * reading the fields the view lacks (registration time, agent version, EC2 id) from the instance itself.
 */
export function memberOfConstraint(cf: ClusterFleet, expression: string, query: QueryExpr): MemberOfConstraint {
  const subjectOf = (view: InstanceView): QuerySubject => {
    const i = cf.fleet.indexOf(view.instanceId);
    // Views come from the fleet, whose every index has its instance.
    const ci = cf.instances[i]!;
    return {
      attributes: view.attributes,
      instanceId: view.instanceId,
      ec2InstanceId: ci.ec2InstanceId,
      registeredAt: ci.registeredAt,
      taskGroups: new Set(cf.fleet.groupsOn(i)),
      runningTasksCount: view.runningTasksCount,
      agentConnected: view.agentConnected,
      agentVersion: ci.versionInfo.agentVersion,
    };
  };
  return { type: 'memberOf', expression, predicate: (view) => evaluateQuery(query, subjectOf(view)), dependsOnTasks: readsTasks(query) };
}

/** Whether a query reads what runs on the instance (`task:group`, `runningTasksCount`), which placing changes. */
function readsTasks(q: QueryExpr): boolean {
  switch (q._tag) {
    case 'And':
    case 'Or':
      return readsTasks(q.left) || readsTasks(q.right);
    case 'Not':
      return readsTasks(q.expr);
    default:
      return q.subject._tag === 'Field' && (q.subject.field === 'task:group' || q.subject.field === 'runningTasksCount');
  }
}
