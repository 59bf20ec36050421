/**
 * One pass of the service scheduler over one service (a `ServicePass` timer): read the service's tasks from the
 * ListTasks index (O(tasks of the service), never the World), sort them into buckets, trip the circuit breaker when
 * due, ask the reconciler what to do, stop and launch tasks, advance the deployments (completed, dropped), say what
 * happened (service events, EventBridge events), and book the next pass.
 *
 * @module
 */
import type { Deployment, Service } from '../../domain/service.js';
import type { Task } from '../../domain/task.js';
import type { WorldTxn } from '../../domain/txn.js';
import { splitByStrategy } from '../capacityProviderSplit.js';
import { hasTokens, takeTokensMutably } from '../fargateAccount.js';
import { CAPACITY_UNAVAILABLE_REASON } from '../fargatePlacement.js';
import { launchFargateTasks, VCPU_LIMIT_REASON, type LaunchSlot } from '../launchTasks.js';
import { requestStop } from '../lifecycle.js';
import { activeServiceTaskSeqs } from '../taskIndex.js';
import { passInProgress } from './passInProgress.js';
import { reconcile, type DeploymentTasks, type TaskView } from './reconcile.js';
import { breakerThreshold } from './rollingBounds.js';
import { emitDeploymentStateChange, emitServiceAction, withServiceEvent } from './serviceEvents.js';
import {
  BREAKER_FAILED_REASON,
  completedReason,
  deploymentCompletedMessage,
  deploymentFailedMessage,
  failedHealthChecksMessage,
  FAILED_HEALTH_CHECKS_REASON,
  rollingBackMessage,
  rollingBackReason,
  scalingActivityReason,
  startedTasksMessage,
  steadyStateMessage,
  stoppedPendingMessage,
  stoppedRunningMessage,
  stuckDeploymentMessage,
  unableToPlaceMessage,
} from './serviceMessages.js';
import { withPassAt, withPassSoon } from './servicePassTimer.js';
import { taskHealthTimes } from './taskHealth.js';

/** How often a steady service says so again (reference §4.5; FLEET: every 6 h 00 m 00 s – 6 h 00 m 46 s). */
export const STEADY_STATE_REPEAT_MS = 6 * 3_600_000;


/** Fires the `ServicePass` timer of service `key`. */
export function runServicePass(tx: WorldTxn, key: string): void {
  const services = tx.table('services');
  const found = services.get(key);
  if (found === undefined || found.status === 'INACTIVE') return;
  const marker = tx.local(passInProgress);
  marker.key = key;
  try {
    services.set(key, passOver(tx, { ...found, passTimer: undefined }));
  } finally {
    marker.key = undefined;
  }
}

/** A RUNNING or pending task with what the pass knows of it. */
interface Bucketed {
  readonly task: Task;
  readonly view: TaskView;
  /** The next instant its health changes (healthy, or failing), if any. */
  readonly nextHealthChangeMs: number | undefined;
}

function passOver(tx: WorldTxn, start: Service): Service {
  const now = tx.nowMs;
  let s = start;
  const byDeployment = bucketTasks(tx, s);

  // The circuit breaker trips before anything else is decided (reference §5.5).
  s = checkCircuitBreaker(tx, s);

  const primary = s.deployments[0];
  if (primary === undefined) return s;
  const desired = s.status === 'ACTIVE' ? s.desiredCount : 0;
  const input = {
    desiredCount: desired,
    minimumHealthyPercent: s.deploymentConfiguration.minimumHealthyPercent,
    maximumPercent: s.deploymentConfiguration.maximumPercent,
    primaryFailed: primary.rolloutState === 'FAILED',
    launchesHeld: now < s.launchNotBeforeMs,
    deployments: s.deployments.map(
      (d): DeploymentTasks => ({ id: d.id, keep: d.desiredCount, tasks: (byDeployment.get(d.id) ?? []).map((b) => b.view) }),
    ),
  };
  const intent = reconcile(input);
  const bySeq = new Map<number, Bucketed>();
  for (const list of byDeployment.values()) for (const b of list) bySeq.set(b.task.seq, b);
  // Tasks of a deployment the service no longer has (a superseded one that was dropped) are stopped too.
  const orphans = [...(byDeployment.get(ORPHANS) ?? [])];

  let events = s.events;
  const stoppedRunning: string[] = [];
  let stoppedPending = 0;
  let replacedUnhealthy = 0;
  const stopReason = scalingActivityReason(primary.id);
  const stoppedPerDeployment = new Map<string, number>();
  for (const st of intent.stops) {
    const b = bySeq.get(st.seq);
    if (b === undefined) continue;
    if (st.kind === 'unhealthy') {
      events = withServiceEvent(tx, events, failedHealthChecksMessage(s.serviceName, b.task.taskId));
      requestStop(tx, b.task, 'ServiceSchedulerInitiated', FAILED_HEALTH_CHECKS_REASON);
      replacedUnhealthy++;
      stoppedRunning.push(b.task.taskId);
      s = countFailure(s, st.deploymentId);
    } else {
      requestStop(tx, b.task, 'ServiceSchedulerInitiated', stopReason);
      if (st.kind === 'pending') stoppedPending++;
      else stoppedRunning.push(b.task.taskId);
    }
    stoppedPerDeployment.set(st.deploymentId, (stoppedPerDeployment.get(st.deploymentId) ?? 0) + 1);
  }
  for (const b of orphans) {
    requestStop(tx, b.task, 'ServiceSchedulerInitiated', stopReason);
    if (b.view.running) stoppedRunning.push(b.task.taskId);
    else stoppedPending++;
  }
  if (stoppedRunning.length > 0) events = withServiceEvent(tx, events, stoppedRunningMessage(s.serviceName, stoppedRunning));
  if (stoppedPending > 0) events = withServiceEvent(tx, events, stoppedPendingMessage(s.serviceName, stoppedPending));

  // Launches.
  let retrySoon = false;
  const started: string[] = [];
  const launchedPerDeployment = new Map<string, number>();
  for (const l of intent.launches) {
    const d = s.deployments.find((x) => x.id === l.deploymentId);
    if (d === undefined) continue;
    const existing = byDeployment.get(d.id) ?? [];
    const slots = deploymentSlots(d, l.count, existing);
    const affordable = affordableSlots(tx, slots);
    if (affordable.length < slots.length) retrySoon = true;
    const outcomes = launchFargateTasks(tx, { spec: d.taskSpec, containerCount: containerCountOf(tx, d), subnets: d.subnets }, affordable);
    let launched = 0;
    let failure: string | undefined;
    for (const o of outcomes) {
      if (o._tag === 'Launched') {
        launched++;
        started.push(o.task.taskId);
      } else {
        failure ??= o.reason;
      }
    }
    if (launched > 0) launchedPerDeployment.set(d.id, launched);
    if (failure !== undefined) {
      retrySoon = true;
      const known = failure === CAPACITY_UNAVAILABLE_REASON || failure === VCPU_LIMIT_REASON;
      events = withServiceEvent(tx, events, unableToPlaceMessage(s.serviceName, failure, known));
      emitServiceAction(tx, s, 'SERVICE_TASK_PLACEMENT_FAILURE', { reason: failure === VCPU_LIMIT_REASON ? 'RESOURCE:VCPU' : 'RESOURCE:FARGATE' });
    }
  }
  if (started.length > 0) events = withServiceEvent(tx, events, startedTasksMessage(s.serviceName, started, replacedUnhealthy));
  if (intent.stuck) events = withServiceEvent(tx, events, stuckDeploymentMessage(s.serviceName));

  const changed = intent.stops.length > 0 || orphans.length > 0 || started.length > 0;
  s = {
    ...s,
    events,
    steadySinceMs: changed ? undefined : s.steadySinceMs,
    deployments: s.deployments.map((d, i) => {
      const launched = launchedPerDeployment.get(d.id) ?? 0;
      const stopped = stoppedPerDeployment.get(d.id) ?? 0;
      const liveAfter = (byDeployment.get(d.id)?.length ?? 0) - stopped + launched;
      const desiredCount = i === 0 && input.deployments.length === 1 ? desired : i === 0 ? Math.min(desired, Math.max(d.desiredCount, liveAfter)) : input.primaryFailed ? d.desiredCount : Math.min(d.desiredCount, liveAfter);
      if (launched === 0 && stopped === 0 && desiredCount === d.desiredCount) return d;
      return { ...d, activeTasks: d.activeTasks + launched, desiredCount, updatedAtMs: launched + stopped > 0 ? now : d.updatedAtMs };
    }),
  };

  s = settleDeployments(tx, s, byDeployment, intent.stops.length + orphans.length, started.length, desired);
  s = announceSteadyState(tx, s, byDeployment, changed, desired);
  if (s.status === 'DRAINING' && s.deployments.every((d) => d.activeTasks === 0)) s = deactivate(tx, s);

  // The next pass: when a task's health changes, the back-off ends, a launch is retried, or the steady state is due
  // again. Task status changes book their own (serviceTaskHook.ts).
  let next: number | undefined;
  const earliest = (t: number | undefined): void => {
    if (t !== undefined && t > now && (next === undefined || t < next)) next = t;
  };
  for (const list of byDeployment.values()) for (const b of list) earliest(b.nextHealthChangeMs);
  if (input.launchesHeld) earliest(s.launchNotBeforeMs);
  if (s.steadySinceMs !== undefined) earliest(s.steadySinceMs + STEADY_STATE_REPEAT_MS);
  if (s.status === 'INACTIVE') return s;
  if (retrySoon || changed) s = withPassSoon(tx, s);
  if (next !== undefined) s = withPassAt(tx, s, next);
  return s;
}

const ORPHANS = '\u0000orphans';

/** The service's tasks (desired RUNNING) by deployment id, each with its view. */
function bucketTasks(tx: WorldTxn, s: Service): Map<string, Bucketed[]> {
  const now = tx.nowMs;
  const tasks = tx.table('tasks');
  const defs = tx.table('taskDefinitions');
  const graceMs = (s.healthCheckGracePeriodSeconds ?? 0) * 1000;
  const known = new Set(s.deployments.map((d) => d.id));
  const out = new Map<string, Bucketed[]>();
  for (const seq of activeServiceTaskSeqs(tx, s.clusterName, s.serviceName)) {
    const task = tasks.get(seq);
    if (task === undefined || task.spec.serviceKey !== s.key) continue;
    const running = task.lastStatus === 'RUNNING';
    let healthy = false;
    let unhealthy = false;
    let nextChange: number | undefined;
    if (running) {
      const h = taskHealthTimes(task, defs.get(task.spec.taskDefinitionKey), graceMs);
      unhealthy = h.failingAtMs !== undefined && h.failingAtMs <= now;
      healthy = !unhealthy && h.healthyAtMs !== undefined && h.healthyAtMs <= now;
      if (h.healthyAtMs !== undefined && h.healthyAtMs > now) nextChange = h.healthyAtMs;
      if (h.failingAtMs !== undefined && h.failingAtMs > now && (nextChange === undefined || h.failingAtMs < nextChange)) {
        nextChange = h.failingAtMs;
      }
    }
    const id = task.spec.deploymentId !== undefined && known.has(task.spec.deploymentId) ? task.spec.deploymentId : ORPHANS;
    const b: Bucketed = {
      task,
      view: { seq, availabilityZone: task.availabilityZone, running, healthy, unhealthy },
      nextHealthChangeMs: nextChange,
    };
    const list = out.get(id);
    if (list) list.push(b);
    else out.set(id, [b]);
  }
  return out;
}

/** Counts one more failed task against a deployment (a task replaced for failing its health checks). */
function countFailure(s: Service, deploymentId: string): Service {
  return {
    ...s,
    deployments: s.deployments.map((d) => (d.id === deploymentId ? { ...d, failedTasks: d.failedTasks + 1 } : d)),
  };
}

/**
 * Trips the circuit breaker of the PRIMARY deployment when its failed tasks reach the threshold (reference §5.5):
 * the deployment FAILS and launches nothing more; with `rollback`, the last COMPLETED deployment is promoted again
 * (the same deployment object, as every capture shows — service captures §5, §6).
 */
function checkCircuitBreaker(tx: WorldTxn, s: Service): Service {
  const breaker = s.deploymentConfiguration.deploymentCircuitBreaker;
  const [primary, ...olds] = s.deployments;
  if (!breaker.enable || primary === undefined || primary.rolloutState !== 'IN_PROGRESS') return s;
  if (primary.failedTasks < breakerThreshold(s.desiredCount, breaker)) return s;
  const now = tx.nowMs;
  const failed: Deployment = { ...primary, rolloutState: 'FAILED', rolloutStateReason: BREAKER_FAILED_REASON, updatedAtMs: now };
  let events = withServiceEvent(tx, s.events, deploymentFailedMessage(s.serviceName, primary.id));
  emitDeploymentStateChange(tx, s, 'SERVICE_DEPLOYMENT_FAILED', primary.id, BREAKER_FAILED_REASON);
  const target = breaker.rollback ? olds.find((d) => d.rolloutState === 'COMPLETED') : undefined;
  if (target === undefined) return { ...s, events, deployments: [failed, ...olds] };
  const reason = rollingBackReason(target.id);
  const promoted: Deployment = {
    ...target,
    status: 'PRIMARY',
    // The rollback is a rollout of its own (reference §5.5: "starts a new deployment"): its breaker counts from 0.
    // Crashes the deployment had after it COMPLETED would otherwise trip it again at once, leaving no task.
    failedTasks: 0,
    rolloutState: 'IN_PROGRESS',
    rolloutStateReason: reason,
    updatedAtMs: now,
  };
  events = withServiceEvent(tx, events, rollingBackMessage(s.serviceName, target.id));
  emitDeploymentStateChange(tx, s, 'SERVICE_DEPLOYMENT_IN_PROGRESS', target.id, reason);
  const others = olds.filter((d) => d.id !== target.id);
  return {
    ...s,
    events,
    // A rollback starts at once: the back-off of the failed revision does not hold the old one back.
    startFailures: 0,
    launchNotBeforeMs: 0,
    deployments: [promoted, { ...failed, status: 'ACTIVE' }, ...others],
  };
}

/**
 * Drops older deployments with no task left, and completes the PRIMARY once it runs `desired` healthy tasks and is
 * alone (reference §5.3: "a completed rollout leaves exactly one deployment").
 *
 * While the PRIMARY is in progress under a circuit breaker with rollback, the newest COMPLETED older deployment is
 * kept even with no task left: it is what the breaker rolls back to ("the last successfully deployed service
 * revision", Developer Guide, service revisions), and a rollout with minimumHealthyPercent 0 — or a user's
 * StopTask — may have stopped all of its tasks before the new revision fails. FLEET (service captures §1.2) lists
 * ACTIVE deployments with runningCount 0 during a rollout.
 */
function settleDeployments(
  tx: WorldTxn,
  s: Service,
  byDeployment: Map<string, Bucketed[]>,
  stops: number,
  starts: number,
  desired: number,
): Service {
  const [primary, ...olds] = s.deployments;
  if (primary === undefined) return s;
  const breaker = s.deploymentConfiguration.deploymentCircuitBreaker;
  const rollbackTarget =
    primary.rolloutState === 'IN_PROGRESS' && breaker.enable && breaker.rollback ? olds.find((d) => d.rolloutState === 'COMPLETED') : undefined;
  const keptOlds = olds.filter((d) => d.activeTasks > 0 || d === rollbackTarget);
  let next: Service = keptOlds.length === olds.length ? s : { ...s, deployments: [primary, ...keptOlds] };
  if (primary.rolloutState !== 'IN_PROGRESS' || keptOlds.some((d) => d.activeTasks > 0) || stops > 0 || starts > 0) return next;
  const tasks = byDeployment.get(primary.id) ?? [];
  const healthy = tasks.filter((b) => b.view.healthy).length;
  if (tasks.length !== desired || healthy !== desired || primary.activeTasks !== desired) return next;
  const reason = completedReason(primary.id);
  const done: Deployment = { ...primary, rolloutState: 'COMPLETED', rolloutStateReason: reason, desiredCount: desired, updatedAtMs: tx.nowMs };
  next = { ...next, deployments: [done], events: withServiceEvent(tx, next.events, deploymentCompletedMessage(s.serviceName, primary.id)) };
  emitDeploymentStateChange(tx, next, 'SERVICE_DEPLOYMENT_COMPLETED', primary.id, reason);
  return next;
}

/** "has reached a steady state.", once per steady period and again every 6 hours while it lasts (reference §4.5). */
function announceSteadyState(tx: WorldTxn, s: Service, byDeployment: Map<string, Bucketed[]>, changed: boolean, desired: number): Service {
  const [primary, ...olds] = s.deployments;
  if (changed || primary === undefined || olds.length > 0 || primary.rolloutState !== 'COMPLETED' || s.status !== 'ACTIVE') return s;
  const tasks = byDeployment.get(primary.id) ?? [];
  if (tasks.length !== desired || primary.activeTasks !== desired || tasks.some((b) => !b.view.healthy)) return s;
  if (s.steadySinceMs !== undefined && tx.nowMs - s.steadySinceMs < STEADY_STATE_REPEAT_MS) return s;
  emitServiceAction(tx, s, 'SERVICE_STEADY_STATE');
  return { ...s, steadySinceMs: tx.nowMs, events: withServiceEvent(tx, s.events, steadyStateMessage(s.serviceName)) };
}

/** A DRAINING service whose tasks have all stopped becomes INACTIVE (reference §4.3). */
function deactivate(tx: WorldTxn, s: Service): Service {
  if (s.passTimer !== undefined) tx.cancel(s.passTimer);
  return { ...s, status: 'INACTIVE', passTimer: undefined, deployments: s.deployments.slice(0, 1) };
}

/**
 * One launch slot per task for deployment `d`: FARGATE by launch type, or the providers of its strategy, split by
 * base and weight over the whole deployment (its live tasks count toward the base).
 */
function deploymentSlots(d: Deployment, count: number, existing: readonly Bucketed[]): LaunchSlot[] {
  if (d.launch._tag === 'LaunchType') return new Array<LaunchSlot>(count).fill(LAUNCH_TYPE_SLOT);
  const counts = new Map<string, number>();
  for (const b of existing) {
    const p = b.task.capacityProviderName;
    if (p !== undefined) counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  return splitByStrategy(d.launch.strategy, count, counts).map((p) => (p === 'FARGATE_SPOT' ? SPOT_SLOT : FARGATE_PROVIDER_SLOT));
}

const LAUNCH_TYPE_SLOT: LaunchSlot = Object.freeze({ pool: 'FARGATE', capacityProviderName: undefined });
const FARGATE_PROVIDER_SLOT: LaunchSlot = Object.freeze({ pool: 'FARGATE', capacityProviderName: 'FARGATE' });
const SPOT_SLOT: LaunchSlot = Object.freeze({ pool: 'FARGATE_SPOT', capacityProviderName: 'FARGATE_SPOT' });

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
