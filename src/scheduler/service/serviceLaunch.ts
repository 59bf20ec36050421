/**
 * Launching a deployment's tasks from a scheduler pass: launch slots by launch type or capacity-provider strategy,
 * the account's launch tokens, and ECS's report of a launch that failed.
 *
 * @module
 */
import type { Deployment, Service } from '../../domain/service.js';
import type { WorldTxn } from '../../domain/txn.js';
import { hasTokens, takeTokensMutably } from '../fargateAccount.js';
import { CAPACITY_UNAVAILABLE_REASON } from '../fargatePlacement.js';
import { launchFargateTasks, slotsFor, VCPU_LIMIT_REASON, type LaunchSlot } from '../launchTasks.js';
import { emitServiceAction, withServiceEvent } from './serviceEvents.js';
import { unableToPlaceMessage } from './serviceMessages.js';

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
): LaunchResult {
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

function containerCountOf(tx: WorldTxn, d: Deployment): number {
  return tx.table('taskDefinitions').get(d.taskDefinitionKey)?.containers.length ?? 0;
}
