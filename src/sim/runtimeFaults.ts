/**
 * Faults the what-if simulator injects while a scenario runs, beside those of `faults.ts`: pure functions
 * `(world, options) => { world, events }`, journaled like the others so a run replays exactly.
 *
 * - {@link crashTasks}: tasks crash — the first essential container exits with a code, and the task ends as any
 *   essential exit does (`EssentialContainerExited`); a service replaces it without back-off.
 * - {@link zoneOutage}: an Availability Zone goes dark for a window: neither Fargate capacity provider has capacity
 *   there, and the zone's tasks stop. SIM RULE (AWS publishes no record of a Fargate zone failure): the stop code is
 *   `InfrastructureHealth` — the `TaskStopCode` ECS documents for "the underlying infrastructure was unhealthy"
 *   (reference §3.5) — with the reason {@link ZONE_OUTAGE_REASON}.
 * - {@link setFargateQuotas}: the account's Fargate vCPU quotas change (a quota increase granted, or a what-if).
 *   Tasks already holding vCPUs keep them; new launches are checked against the new values.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { CrashTasksOptionsCodec, FargateQuotasOptionsCodec, ZoneOutageOptionsCodec } from '../codecs/simInputs.js';
import { invalidParameter } from '../domain/errors.js';
import { MAX_TIME_MS } from '../domain/time.js';
import { WorldTxn } from '../domain/txn.js';
import { seqOfTaskId, type Task } from '../domain/task.js';
import type { World } from '../domain/world.js';
import { crashTask, requestStop } from '../scheduler/lifecycle.js';
import { taskArn } from '../domain/arn.js';
import { indexPrefix, indexRange, taskSeqOfIndexKey } from '../scheduler/taskIndex.js';
import { decodeArgs, injectCapacityShortage, rejected, type SimResult } from './faults.js';

/** The stopped reason of a task lost with its Availability Zone (SIM RULE, see the module's notes). */
export const ZONE_OUTAGE_REASON = 'Task stopped because the underlying infrastructure in its Availability Zone became unavailable.';

/** Which tasks crash. */
export interface CrashTasksOptions {
  /** Task ids or ARNs. Tasks that are not RUNNING (or already stopping) are left alone. */
  readonly tasks: readonly string[];
  /** The essential container's exit code. Default 1. */
  readonly exitCode?: number;
}

/** What {@link crashTasks} returns: also the ARNs of the tasks that crashed. */
export interface CrashTasksResult extends SimResult {
  readonly crashed: readonly string[];
}

/**
 * Crashes RUNNING tasks: the first essential container of each exits now with `exitCode`.
 *
 * @example
 * ```ts
 * const { world: next, crashed } = crashTasks(world, { tasks: [taskArn], exitCode: 137 });
 * ```
 */
export function crashTasks(world: World, options: CrashTasksOptions): CrashTasksResult {
  const decoded = decodeArgs(CrashTasksOptionsCodec, options, 'options');
  if (E.isLeft(decoded)) return { ...rejected(world, decoded.left), crashed: [] };
  const tx = new WorldTxn(world);
  const tasks = tx.table('tasks');
  const crashed: string[] = [];
  for (const ref of decoded.right.tasks) {
    const seq = seqOfTaskId(ref.slice(ref.lastIndexOf('/') + 1));
    const t = seq === undefined ? undefined : tasks.get(seq);
    if (t === undefined) continue;
    const after = crashTask(tx, t, decoded.right.exitCode ?? 1);
    if (after !== t) crashed.push(ref);
  }
  return { world: tx.commit(), events: tx.events, crashed };
}

/** An Availability Zone outage. */
export interface ZoneOutageOptions {
  readonly availabilityZone: string;
  /** Length of the window, ms (> 0), from now. */
  readonly durationMs: number;
  /** Only this cluster's tasks stop (the capacity is gone for every cluster). Default: every cluster. */
  readonly cluster?: string;
}

/** What {@link zoneOutage} returns: also the ARNs of the tasks it stopped. */
export interface ZoneOutageResult extends SimResult {
  readonly stopped: readonly string[];
}

/**
 * An Availability Zone goes dark from now for `durationMs`: a capacity shortage of FARGATE and FARGATE_SPOT there
 * (new tasks avoid the zone; one still PROVISIONING there fails to start), its EC2 container instances unreachable
 * (no placement there, daemons do not count them: `FaultState.zoneOutages`), and every task there that is desired
 * RUNNING stops with `InfrastructureHealth`.
 */
export function zoneOutage(world: World, options: ZoneOutageOptions): ZoneOutageResult {
  const decoded = decodeArgs(ZoneOutageOptionsCodec, options, 'options');
  if (E.isLeft(decoded)) return { ...rejected(world, decoded.left), stopped: [] };
  const { availabilityZone, durationMs, cluster } = decoded.right;
  if (world.nowMs + durationMs > MAX_TIME_MS) {
    return { ...rejected(world, invalidParameter(`options.durationMs: the window ends after ${MAX_TIME_MS}, the largest time a Date can hold.`)), stopped: [] };
  }
  let w = world;
  for (const capacityProvider of ['FARGATE', 'FARGATE_SPOT'] as const) {
    const r = injectCapacityShortage(w, { capacityProvider, availabilityZone, durationMs });
    if (r.error !== undefined) return { ...rejected(world, r.error), stopped: [] };
    w = r.world;
  }
  // The zone's EC2 container instances are unreachable for the window (placement and daemons skip them).
  const outages = (w.faults.zoneOutages ?? []).filter((o) => o.untilMs > w.nowMs);
  w = { ...w, faults: { ...w.faults, zoneOutages: [...outages, { availabilityZone, fromMs: w.nowMs, untilMs: w.nowMs + durationMs }] } };
  const tx = new WorldTxn(w);
  const tasks = tx.table('tasks');
  const victims: Task[] = [];
  const clusters = cluster === undefined ? [...w.clusters.keys()] : [cluster];
  for (const clusterName of clusters) {
    for (const k of indexRange(tx, indexPrefix('D', clusterName, 'RUNNING'))) {
      const t = tasks.get(taskSeqOfIndexKey(k));
      if (t !== undefined && t.site.availabilityZone === availabilityZone && t.lastStatus !== 'STOPPED') victims.push(t);
    }
  }
  const stopped: string[] = [];
  for (const t of victims) {
    requestStop(tx, t, 'InfrastructureHealth', ZONE_OUTAGE_REASON);
    stopped.push(taskArn(w.config, t.spec.clusterName, t.taskId));
  }
  return { world: tx.commit(), events: tx.events, stopped };
}

/** New Fargate vCPU quotas (those not given stay). */
export interface FargateQuotasOptions {
  readonly onDemandVcpu?: number;
  readonly spotVcpu?: number;
}

/** Sets the account's Fargate vCPU quotas from now on. */
export function setFargateQuotas(world: World, options: FargateQuotasOptions): SimResult {
  const decoded = decodeArgs(FargateQuotasOptionsCodec, options, 'options');
  if (E.isLeft(decoded)) return rejected(world, decoded.left);
  const q = world.config.quotas;
  const quotas = { ...q, onDemandVcpu: decoded.right.onDemandVcpu ?? q.onDemandVcpu, spotVcpu: decoded.right.spotVcpu ?? q.spotVcpu };
  return { world: { ...world, config: { ...world.config, quotas } }, events: [] };
}
