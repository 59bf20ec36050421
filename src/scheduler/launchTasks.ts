/**
 * Launching Fargate tasks: the part of RunTask (and, later, of the service scheduler) after the request is
 * validated — the vCPU quota, placement, the new task in PROVISIONING with its first lifecycle step scheduled.
 *
 * @module
 */
import type { Subnet } from '../domain/network.js';
import { encodeTaskId, idleContainers, type FargatePool, type Task, type TaskSpec } from '../domain/task.js';
import type { WorldTxn } from '../domain/txn.js';
import { hex8 } from './derivedIds.js';
import { changeUsageMutably, fitsQuota } from './fargateAccount.js';
import { placeFargateTask } from './fargatePlacement.js';
import { putTask } from './taskStore.js';

/**
 * ECS's reason when the Fargate vCPU quota is reached (DG/service-event-messages.html, with its typographic
 * apostrophe). RunTask reports it per task in `failures`.
 */
export const VCPU_LIMIT_REASON = 'You’ve reached the limit on the number of vCPUs you can run concurrently';

/** What every task of one launch shares. */
export interface LaunchTemplate {
  /** The spec every task of the launch references. */
  readonly spec: TaskSpec;
  /** Containers in the task definition. */
  readonly containerCount: number;
  /** Validated, de-duplicated subnets of the request, in request order. */
  readonly subnets: readonly Subnet[];
}

/** Which pool a task uses, and whether it names a capacity provider (strategy) or not (launch type). */
export interface LaunchSlot {
  readonly pool: FargatePool;
  readonly capacityProviderName: FargatePool | undefined;
}

/** The outcome of one launch: a task in PROVISIONING, or the reason RunTask reports in `failures`. */
export type LaunchOutcome = { readonly _tag: 'Launched'; readonly task: Task } | { readonly _tag: 'Failed'; readonly reason: string };

/**
 * Launches one task: checks the pool's vCPU quota, places it (zone, subnet, address), stores it in PROVISIONING
 * (one event) and schedules its first lifecycle step. Launch-rate tokens are the caller's business (a RunTask is
 * throttled as a whole).
 */
export function launchFargateTask(tx: WorldTxn, tmpl: LaunchTemplate, slot: LaunchSlot): LaunchOutcome {
  if (!fitsQuota(tx, slot.pool, tmpl.spec.cpuUnits)) return { _tag: 'Failed', reason: VCPU_LIMIT_REASON };
  const placement = placeFargateTask(tx, {
    clusterName: tmpl.spec.clusterName,
    group: tmpl.spec.group,
    pool: slot.pool,
    subnets: tmpl.subnets,
  });
  if (placement._tag === 'NoCapacity') return { _tag: 'Failed', reason: placement.reason };

  const now = tx.nowMs;
  const seq = tx.nextSeq();
  const ids = tx.rng('ids');
  const random = `${hex8(ids.uint32())}${hex8(ids.uint32())}${hex8(ids.uint32()).slice(0, 4)}`;
  const timer = tx.schedule(now + tx.rng('lifecycle').durationMs(tx.config.timings.provisioning), {
    _tag: 'TaskLifecycle',
    taskSeq: seq,
  });
  const task: Task = {
    seq,
    taskId: encodeTaskId(seq, random),
    spec: tmpl.spec,
    capacityProviderName: slot.capacityProviderName,
    pool: slot.pool,
    availabilityZone: placement.subnet.availabilityZone,
    subnetId: placement.subnet.subnetId,
    privateIp: placement.privateIp,
    hasEni: placement.privateIp !== undefined,
    lastStatus: 'PROVISIONING',
    desiredStatus: 'RUNNING',
    version: 1,
    createdAtMs: now,
    updatedAtMs: now,
    connectivityAtMs: undefined,
    pullStartedAtMs: undefined,
    pullStoppedAtMs: undefined,
    startedAtMs: undefined,
    stoppingAtMs: undefined,
    executionStoppedAtMs: undefined,
    stoppedAtMs: undefined,
    stopCode: undefined,
    stoppedReason: undefined,
    launchFailure: placement.launchFailure,
    containers: idleContainers(tmpl.containerCount),
    timer,
  };
  changeUsageMutably(tx, slot.pool, tmpl.spec.cpuUnits, 1);
  putTask(tx, undefined, task);
  return { _tag: 'Launched', task };
}
