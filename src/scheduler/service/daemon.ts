/**
 * The DAEMON scheduling strategy (reference §4.1; Developer Guide "Daemon"): one task of the service on each ACTIVE
 * container instance of the cluster that meets the service's and the task definition's placement constraints and
 * required attributes. The service's `desiredCount` is the number of such instances; placement strategies do not
 * apply. The scheduler pass (`servicePass.ts`) reconciles to that count as for a REPLICA service — a new revision
 * rolls within `minimumHealthyPercent` (default 0) and `maximumPercent` (100: an instance's old task stops before
 * its new one starts) — and launches each task onto one instance that has none.
 *
 * Instances that leave ACTIVE give their daemon tasks away like any service task (`drainedTasks.ts`); an instance
 * that joins (registered, back to ACTIVE, attributes changed) wakes the cluster's daemon services
 * ({@link wakeDaemonServices}).
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { clusterInstancesPrefix, type ContainerInstance } from '../../domain/containerInstance.js';
import type { Deployment, Service } from '../../domain/service.js';
import type { TaskDefinition } from '../../domain/taskDefinition.js';
import type { WorldTxn } from '../../domain/txn.js';
import { querySubjectOf } from '../ec2/instanceSubject.js';
import { launchEc2Tasks, type Ec2LaunchOutcome } from '../ec2/launchEc2Tasks.js';
import { validateEc2Placement } from '../ec2/placementChoice.js';
import { unreachableZones } from '../ec2/zoneReach.js';
import type { PlacementConstraint } from '../placement/constraints.js';
import { evaluateQuery } from '../placement/query/index.js';
import { tasksLeaving } from './drainedTasks.js';
import { withPassSoon } from './servicePassTimer.js';
import type { Bucketed } from './serviceTasks.js';

/** What a daemon service's pass needs to know of the cluster. */
export interface DaemonView {
  /** Instances the service must run one task on. */
  readonly eligible: number;
  /** Eligible instances (keys, in key order) with no live task of the service. */
  readonly targets: readonly string[];
  /** Every eligible instance's key: a daemon task elsewhere is to go (see {@link daemonLeavers}). */
  readonly eligibleKeys: ReadonlySet<string>;
}

/** Whether instance `ci` must run the daemon: ACTIVE, and meeting every memberOf constraint and required attribute. */
function isEligible(ci: ContainerInstance, constraints: readonly PlacementConstraint[], td: TaskDefinition, unreachable: ReadonlySet<string>): boolean {
  if (ci.status !== 'ACTIVE') return false;
  const subject = querySubjectOf(ci);
  // An instance in a zone outage cannot be reached: it runs no daemon until the zone is back (zoneReach.ts).
  if (unreachable.has(subject.attributes.get('ecs.availability-zone') ?? '')) return false;
  for (const a of td.requiresAttributes ?? []) {
    if (!subject.attributes.has(a.name) || (a.value !== undefined && subject.attributes.get(a.name) !== a.value)) return false;
  }
  return constraints.every((c) => c.type !== 'memberOf' || evaluateQuery(c.query, subject));
}

/**
 * The instances daemon service `s` (PRIMARY deployment `d`) must run on, and those of them that hold no task of it
 * — none placed and none still stopping there (the instance's ledger counts the service's group until its tasks are
 * STOPPED), so a rollout's new task waits for the old one to be gone rather than fail to place.
 */
export function daemonView(tx: WorldTxn, s: Service, d: Deployment): DaemonView {
  const td = tx.table('taskDefinitions').get(d.taskDefinitionKey);
  if (td === undefined) return { eligible: 0, targets: [], eligibleKeys: new Set() };
  const placement = validateEc2Placement(td, s.placementConstraints, [], []);
  const constraints = E.isRight(placement) ? placement.right.constraints : [];
  const group = `service:${s.serviceName}`;
  const unreachable = unreachableZones(tx.base.faults, tx.nowMs);
  const prefix = clusterInstancesPrefix(s.clusterName);
  const eligibleKeys = new Set<string>();
  const targets: string[] = [];
  for (const [key, ci] of tx.table('containerInstances').entries(prefix)) {
    if (!key.startsWith(prefix)) break;
    if (!isEligible(ci, constraints, td, unreachable)) continue;
    eligibleKeys.add(key);
    if ((ci.taskGroups?.[group] ?? 0) === 0) targets.push(key);
  }
  return { eligible: eligibleKeys.size, targets, eligibleKeys };
}

/**
 * The daemon's tasks on instances it must no longer run on — no longer ACTIVE, or no longer meeting the constraints
 * or required attributes: the daemon scheduler "also evaluates the task placement constraints for running tasks and
 * will stop tasks that don't meet the placement constraints" (CreateService API reference, `schedulingStrategy`).
 * The pass hands them to the reconciler as leaving, like drained tasks.
 */
export function daemonLeavers(view: DaemonView, buckets: ReadonlyMap<string, readonly Bucketed[]>): Set<number> {
  return tasksLeaving(buckets, (key) => !view.eligibleKeys.has(key));
}

/**
 * Launches daemon tasks of deployment `d`, one on each of the first `count` `targets`. A target without room gets
 * none: the outcome is its failure, reported by the caller as for any EC2 service.
 */
export function launchDaemonTasks(tx: WorldTxn, s: Service, d: Deployment, targets: readonly string[], count: number): Ec2LaunchOutcome[] {
  const td = tx.table('taskDefinitions').get(d.taskDefinitionKey);
  if (td === undefined) return [];
  const placement = validateEc2Placement(td, s.placementConstraints, [], []);
  if (E.isLeft(placement)) return [];
  const out: Ec2LaunchOutcome[] = [];
  for (const key of targets.slice(0, count)) {
    const tmpl = { spec: d.taskSpec, definition: td, constraints: placement.right.constraints, strategies: [], onlyInstances: new Set([key]) };
    out.push(...launchEc2Tasks(tx, d.subnets.length > 0 ? { ...tmpl, subnets: d.subnets } : tmpl, 1));
  }
  return out;
}

/** Books a pass for every daemon service of `clusterName` (an instance joined, or may now meet their constraints). */
export function wakeDaemonServices(tx: WorldTxn, clusterName: string): void {
  const services = tx.table('services');
  const prefix = `${clusterName}\u0000`;
  const due: Service[] = [];
  for (const [key, s] of services.entries(prefix)) {
    if (!key.startsWith(prefix)) break;
    if (s.schedulingStrategy === 'DAEMON' && s.status === 'ACTIVE') due.push(s);
  }
  for (const s of due) services.set(s.key, withPassSoon(tx, s));
}
