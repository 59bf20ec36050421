/**
 * Launching a deployment's tasks from a scheduler pass: launch slots by launch type or capacity-provider strategy,
 * the account's launch tokens, and ECS's report of a launch that failed.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { launchesOnInstances, type Deployment, type Service } from '../../domain/service.js';
import { launchEc2Tasks, type Ec2LaunchOutcome } from '../ec2/launchEc2Tasks.js';
import { DEFAULT_EC2_SERVICE_STRATEGIES, validateEc2Placement } from '../ec2/placementChoice.js';
import { launchParts } from '../ec2/providerLaunches.js';
import { launchDaemonTasks } from './daemon.js';
import type { WorldTxn } from '../../domain/txn.js';
import { hasTokens, takeTokensMutably } from '../fargateAccount.js';
import { CAPACITY_UNAVAILABLE_REASON } from '../fargatePlacement.js';
import { launchFargateTasks, slotsFor, VCPU_LIMIT_REASON, type LaunchSlot } from '../launchTasks.js';
import { emitServiceAction, withServiceEvent } from './serviceEvents.js';
import { noInstanceMetRequirementsMessage, unableToPlaceMessage } from './serviceMessages.js';

/** What a launch for one deployment gave: the tasks started, the service events to add, whether to retry soon. */
export interface LaunchResult {
  readonly taskIds: readonly string[];
  readonly retry: boolean;
  readonly events: (events: Service['events']) => Service['events'];
}

/**
 * Launches `count` tasks of deployment `d` into `subnets` (its own, or one zone's for a rebalancing), paying the
 * account's launch tokens. A capacity-provider strategy is split by base and weight over the whole deployment:
 * `providers` are its live tasks per provider, which count toward the base. A quota or capacity failure is
 * reported as ECS reports it and retried soon.
 */
export function launchForDeployment(
  tx: WorldTxn,
  s: Service,
  d: Deployment,
  count: number,
  providers: Readonly<Record<string, number>>,
  subnets: Deployment['subnets'],
  daemonTargets?: readonly string[],
): LaunchResult {
  if (daemonTargets !== undefined) return reportEc2Launch(tx, s, launchDaemonTasks(tx, s, d, daemonTargets, count));
  if (launchesOnInstances(d.launch)) return launchEc2ForDeployment(tx, s, d, count, providers);
  const slots = slotsFor(d.launch, count, new Map(Object.entries(providers)));
  const affordable = affordableSlots(tx, slots);
  let retry = affordable.length < slots.length;
  const outcomes = launchFargateTasks(tx, { spec: d.taskSpec, containerCount: containerCountOf(tx, d), subnets }, affordable);
  const taskIds: string[] = [];
  let failure: string | undefined;
  for (const o of outcomes) {
    if (o._tag === 'Launched') taskIds.push(o.task.taskId);
    else failure ??= o.reason;
  }
  let message: string | undefined;
  if (failure !== undefined) {
    retry = true;
    const known = failure === CAPACITY_UNAVAILABLE_REASON || failure === VCPU_LIMIT_REASON;
    message = unableToPlaceMessage(s.serviceName, failure, known);
    emitServiceAction(tx, s, 'SERVICE_TASK_PLACEMENT_FAILURE', { reason: failure === VCPU_LIMIT_REASON ? 'RESOURCE:VCPU' : 'RESOURCE:FARGATE' });
  }
  return {
    taskIds,
    retry,
    events: (events) => (message === undefined ? events : withServiceEvent(tx, events, message, true)),
  };
}

/**
 * The slots whose launch tokens the account's Fargate launch buckets can pay now (reference §9.3: service launches
 * draw on the same buckets as RunTask), in order; the rest wait for the next pass.
 */
function affordableSlots(tx: WorldTxn, slots: readonly LaunchSlot[]): LaunchSlot[] {
  const out: LaunchSlot[] = [];
  for (const slot of slots) {
    const bucket = slot.pool === 'FARGATE_SPOT' ? 'launch:FARGATE_SPOT' : 'launch:FARGATE';
    if (!hasTokens(tx, bucket, 1)) continue;
    takeTokensMutably(tx, bucket, 1);
    out.push(slot);
  }
  return out;
}

/**
 * Launches `count` tasks of deployment `d` on the cluster's container instances with the service's placement (ECS's
 * service default when it has none: spread across zones, then instances). Tasks that cannot be placed are
 * reported as ECS reports them on EC2 — "unable to place a task because no container instance met all of its
 * requirements", naming the closest instance and what it lacks (reference §4.7) — and retried at the next pass.
 */
function launchEc2ForDeployment(tx: WorldTxn, s: Service, d: Deployment, count: number, providers: Readonly<Record<string, number>>): LaunchResult {
  const td = tx.table('taskDefinitions').get(d.taskDefinitionKey);
  // Validated when the service was created or updated; a definition or placement gone bad places nothing.
  const placement = td === undefined ? undefined : validateEc2Placement(td, s.placementConstraints, s.placementStrategy, DEFAULT_EC2_SERVICE_STRATEGIES);
  if (td === undefined || placement === undefined || E.isLeft(placement)) return { taskIds: [], retry: false, events: (events) => events };
  const subnets = d.subnets.length > 0 ? { subnets: d.subnets } : {};
  const outcomes: Ec2LaunchOutcome[] = [];
  // By launch type, one part; by Auto Scaling group providers, one per provider (its live tasks count toward the base).
  for (const part of launchParts(tx, s.clusterName, d.launch, count, new Map(Object.entries(providers)))) {
    const tmpl = { spec: d.taskSpec, definition: td, ...placement.right, ...subnets };
    outcomes.push(
      ...launchEc2Tasks(
        tx,
        part.capacityProviderName === undefined ? tmpl : { ...tmpl, capacityProviderName: part.capacityProviderName, onlyInstances: part.onlyInstances! },
        part.count,
      ),
    );
  }
  return reportEc2Launch(tx, s, outcomes);
}

/** The tasks an EC2 launch started, and its first failure as ECS reports it on EC2 (retried at the next pass). */
function reportEc2Launch(tx: WorldTxn, s: Service, outcomes: readonly Ec2LaunchOutcome[]): LaunchResult {
  const taskIds: string[] = [];
  let failure: Extract<Ec2LaunchOutcome, { _tag: 'Failed' }> | undefined;
  for (const o of outcomes) {
    if (o._tag === 'Launched') taskIds.push(o.task.taskId);
    else failure ??= o;
  }
  if (failure === undefined) return { taskIds, retry: false, events: (events) => events };
  emitServiceAction(tx, s, 'SERVICE_TASK_PLACEMENT_FAILURE', { reason: failure.reason });
  const message = noInstanceMetRequirementsMessage(s.serviceName, failure.reason, failure.arn);
  return { taskIds, retry: true, events: (events) => withServiceEvent(tx, events, message, true) };
}

function containerCountOf(tx: WorldTxn, d: Deployment): number {
  return tx.table('taskDefinitions').get(d.taskDefinitionKey)?.containers.length ?? 0;
}
