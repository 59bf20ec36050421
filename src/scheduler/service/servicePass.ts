/**
 * One pass of the service scheduler over one service (a `ServicePass` timer): read the counts of the service's
 * tasks the task store keeps (its roster, `serviceRoster.ts`: O(changes since the last pass), never the World), trip
 * the circuit breaker when due, ask the reconciler what to do — from the counts, or from the service's tasks read
 * from the ListTasks index when some are to be stopped and must be picked — stop and launch tasks, advance the deployments (completed, dropped), say what
 * happened (service events, EventBridge events), and book the next pass.
 *
 * @module
 */
import type { Deployment, Service } from '../../domain/service.js';
import type { WorldTxn } from '../../domain/txn.js';
import { requestStop } from '../lifecycle.js';
import { checkCircuitBreaker, resetOnHealthyTask } from './circuitBreaker.js';
import { withTargetChanges } from './serviceTaskHook.js';
import { passInProgress } from './passInProgress.js';
import type { DeploymentRoster } from '../../domain/serviceRoster.js';
import { reconcile, reconcileCounts, type DeploymentTasks } from './reconcile.js';
import { countsOf, forgetRoster, rosterOf } from './serviceRoster.js';
import { rebalanceZones } from './rebalancePass.js';
import { emitDeploymentStateChange, emitServiceAction, withServiceEvent, withStartedTasksEvent } from './serviceEvents.js';
import { launchForDeployment } from './serviceLaunch.js';
import {
  completedReason,
  deploymentCompletedMessage,
  failedHealthChecksMessage,
  FAILED_HEALTH_CHECKS_REASON,
  scalingActivityReason,
  steadyStateMessage,
  stoppedPendingMessage,
  stoppedRunningMessage,
  stuckDeploymentMessage,
  targetUnhealthyMessage,
  targetUnhealthyReason,
} from './serviceMessages.js';
import { withPassAt, withPassSoon } from './servicePassTimer.js';
import { bucketTasks, ORPHANS, type Bucketed } from './serviceTasks.js';
import { drainedTaskSeqs } from './drainedTasks.js';
import { daemonLeavers, daemonView } from './daemon.js';
import { ec2ScaleInOrder } from './ec2ScaleIn.js';
import { nextReachChangeMs } from '../ec2/zoneReach.js';
import { flatString } from '../../domain/flatString.js';

/** How often a steady service says so again (reference §4.5; FLEET: every 6 h 00 m 00 s – 6 h 00 m 46 s). */
export const STEADY_STATE_REPEAT_MS = 6 * 3_600_000;

/**
 * The scheduler's evaluation tick for health changes: a pass that waits for tasks to turn healthy (or to start
 * failing) runs at the next multiple of this interval of the virtual clock, so the tasks of a rollout that turn
 * healthy within one tick are acted on together. SIM RULE: ECS does not publish its evaluation cadence; real
 * rollouts stop old tasks in batches (UI: `has stopped 2 running tasks` in one event) rather than one per task, and
 * without the tick a 1,000-task rollout would cost one pass per task (benchmarks/RESULTS.md, issue 8).
 */
export const HEALTH_TICK_MS = 5_000;

/** `t` rounded up to the scheduler's next health tick (undefined stays undefined). */
const onTick = (t: number | undefined): number | undefined => (t === undefined ? undefined : Math.ceil(t / HEALTH_TICK_MS) * HEALTH_TICK_MS);


/** Fires the `ServicePass` timer of service `key`. */
export function runServicePass(tx: WorldTxn, key: string): void {
  const services = tx.table('services');
  const found = services.get(key);
  if (found === undefined || found.status === 'INACTIVE') return;
  const marker = tx.local(passInProgress);
  marker.key = key;
  marker.targets = [];
  try {
    const after = passOver(tx, { ...found, passTimer: undefined });
    // Targets the pass's stops deregistered (tasks behind a load balancer drain at once: serviceTaskHook.ts).
    const events = withHookMessages(tx, after.serviceName, after.events);
    services.set(key, events === after.events ? after : { ...after, events });
  } finally {
    marker.key = undefined;
  }
}

function passOver(tx: WorldTxn, start: Service): Service {
  const now = tx.nowMs;
  let s = start;
  // The counts of the service's tasks at this instant (kept by the task store): most passes only wait or launch,
  // and read no task. The tasks are read (`bucketTasks`) only when some are to be stopped.
  const roster = rosterOf(tx, s);
  // Read before the pass stops or launches anything: the roster is a value, the task store's changes make new ones.
  const countOf = (id: string): DeploymentRoster => countsOf(roster, id);
  let read: Map<string, Bucketed[]> | undefined;
  const tasksOf = (): Map<string, Bucketed[]> => (read ??= bucketTasks(tx, start));

  // The circuit breaker forgets failures once a task is healthy, then trips before anything else is decided.
  s = resetOnHealthyTask(s, s.deployments[0] !== undefined && countOf(s.deployments[0].id).healthy > 0);
  s = checkCircuitBreaker(tx, s);

  const primary = s.deployments[0];
  if (primary === undefined) return s;
  // A daemon service wants one task per eligible instance: that is its desired count (daemon.ts).
  const daemon = s.schedulingStrategy === 'DAEMON' && s.status === 'ACTIVE' ? daemonView(tx, s, primary) : undefined;
  if (daemon !== undefined && daemon.eligible !== s.desiredCount) s = { ...s, desiredCount: daemon.eligible };
  const desired = s.status === 'ACTIVE' ? s.desiredCount : 0;
  const orphanCount = roster.deployments.reduce((n, d) => (s.deployments.some((x) => x.id === d.id) ? n : n + d.live), 0);
  // Tasks on container instances that left ACTIVE give way to replacements like an older deployment's tasks.
  let drained: ReadonlySet<number> | undefined;
  if (s.drainPending === true) {
    drained = drainedTaskSeqs(tx, tasksOf());
    if (drained.size === 0) {
      drained = undefined;
      s = { ...s, drainPending: false };
    }
  }
  if (daemon !== undefined) {
    // A daemon's tasks on instances it must no longer run on leave too (daemon.ts).
    const leavers = daemonLeavers(daemon, tasksOf());
    if (leavers.size > 0) drained = drained === undefined ? leavers : new Set([...drained, ...leavers]);
  }
  const input = {
    desiredCount: desired,
    minimumHealthyPercent: s.deploymentConfiguration.minimumHealthyPercent,
    maximumPercent: s.deploymentConfiguration.maximumPercent,
    primaryFailed: primary.rolloutState === 'FAILED',
    launchesHeld: now < s.launchNotBeforeMs,
    holdScaleIn: s.rebalancing,
  };
  const scaleInOrder = ec2ScaleInOrder(tx, s, tasksOf);
  const quick =
    orphanCount === 0 && drained === undefined
      ? reconcileCounts({
          ...input,
          deployments: s.deployments.map((d) => {
            const c = countOf(d.id);
            return { id: d.id, keep: d.desiredCount, live: c.live, healthy: c.healthy, unhealthy: c.unhealthy };
          }),
        })
      : undefined;
  const intent =
    quick ??
    reconcile({
      ...input,
      ...(scaleInOrder !== undefined ? { scaleInOrder } : {}),
      deployments: withDrained(
        s.deployments.map((d): DeploymentTasks => ({ id: d.id, keep: d.desiredCount, tasks: (tasksOf().get(d.id) ?? []).map((b) => b.view) })),
        drained,
      ),
    });
  const bySeq = new Map<number, Bucketed>();
  if (intent.stops.length > 0) {
    const stopping = new Set(intent.stops.map((st) => st.seq));
    for (const list of tasksOf().values()) for (const b of list) if (stopping.has(b.task.seq)) bySeq.set(b.task.seq, b);
  }
  // Tasks of a deployment the service no longer has (a superseded one that was dropped) are stopped too.
  const orphans = orphanCount === 0 ? [] : [...(tasksOf().get(ORPHANS) ?? [])];
  // The next health change of any task, before this pass stops some (the pass after it looks again).
  const nextHealthChangeMs = roster.queue[0]?.atMs;

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
      const f = b.failure;
      if (f?._tag === 'TargetHealth') {
        events = withServiceEvent(tx, events, targetUnhealthyMessage(s.serviceName, b.task.taskId, f.containerPort, f.targetGroupArn));
        requestStop(tx, b.task, 'ServiceSchedulerInitiated', targetUnhealthyReason(f.targetGroupArn));
      } else {
        events = withServiceEvent(tx, events, failedHealthChecksMessage(s.serviceName, b.task.taskId));
        requestStop(tx, b.task, 'ServiceSchedulerInitiated', FAILED_HEALTH_CHECKS_REASON);
      }
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
    const r = launchForDeployment(tx, s, d, l.count, countOf(d.id).providers, d.subnets, daemon?.targets);
    events = r.events(events);
    retrySoon ||= r.retry;
    started.push(...r.taskIds);
    if (r.taskIds.length > 0) launchedPerDeployment.set(d.id, r.taskIds.length);
  }
  if (started.length > 0) events = withStartedTasksEvent(tx, events, s.serviceName, started, replacedUnhealthy);
  if (intent.stuck) events = withServiceEvent(tx, events, stuckDeploymentMessage(s.serviceName), true);

  const changed = intent.stops.length > 0 || orphans.length > 0 || started.length > 0;
  let deploymentsChanged = false;
  const deployments = s.deployments.map((d, i) => {
    const launched = launchedPerDeployment.get(d.id) ?? 0;
    const stopped = stoppedPerDeployment.get(d.id) ?? 0;
    const liveAfter = countOf(d.id).live - stopped + launched;
    const desiredCount = i === 0 && s.deployments.length === 1 ? desired : i === 0 ? Math.min(desired, Math.max(d.desiredCount, liveAfter)) : input.primaryFailed ? d.desiredCount : Math.min(d.desiredCount, liveAfter);
    if (launched === 0 && stopped === 0 && desiredCount === d.desiredCount) return d;
    deploymentsChanged = true;
    return { ...d, activeTasks: d.activeTasks + launched, desiredCount, updatedAtMs: launched + stopped > 0 ? now : d.updatedAtMs };
  });
  const steadySinceMs = changed ? undefined : s.steadySinceMs;
  // Most passes change nothing: the service record (some thirty members) is copied only when something did.
  if (deploymentsChanged || events !== s.events || steadySinceMs !== s.steadySinceMs) {
    s = { ...s, events, steadySinceMs, deployments: deploymentsChanged ? deployments : s.deployments };
  }

  s = settleDeployments(tx, s, countOf(primary.id), intent.stops.length + orphans.length, started.length, desired);
  let rebalanced = false;
  let recheckAtMs: number | undefined;
  if (!changed) {
    const r = rebalanceZones(tx, s, countOf(primary.id), () => tasksOf().get(primary.id) ?? [], desired);
    s = r.service;
    rebalanced = r.changed;
    retrySoon ||= r.changed;
    recheckAtMs = r.recheckAtMs;
  }
  s = announceSteadyState(tx, s, countOf(primary.id), changed || rebalanced, desired);
  if (s.status === 'DRAINING' && s.deployments.every((d) => d.activeTasks === 0)) s = deactivate(tx, s);

  // The next pass: when a task's health changes, the back-off ends, a launch is retried, or the steady state is due
  // again. Task status changes book their own (serviceTaskHook.ts).
  let next: number | undefined;
  const earliest = (t: number | undefined): void => {
    if (t !== undefined && t > now && (next === undefined || t < next)) next = t;
  };
  earliest(onTick(nextHealthChangeMs));
  if (input.launchesHeld) earliest(s.launchNotBeforeMs);
  if (s.steadySinceMs !== undefined) earliest(s.steadySinceMs + STEADY_STATE_REPEAT_MS);
  earliest(recheckAtMs);
  // A daemon looks again when a zone outage ends (its instances count again: ec2/zoneReach.ts).
  if (daemon !== undefined) earliest(nextReachChangeMs(tx.base.faults, now));
  if (s.status === 'INACTIVE') return s;
  if (retrySoon || changed || s.rebalancing) s = withPassSoon(tx, s);
  if (next !== undefined) s = withPassAt(tx, s, next);
  return s;
}

/**
 * The reconciler's deployments with the `drained` tasks moved out of their own into a group after them, under the
 * same id (so their stops count for their deployment) and with nothing to keep: the PRIMARY then launches their
 * replacements and they give way as an older deployment's tasks do.
 */
function withDrained(deployments: DeploymentTasks[], drained: ReadonlySet<number> | undefined): DeploymentTasks[] {
  if (drained === undefined) return deployments;
  const kept: DeploymentTasks[] = [];
  const leaving: DeploymentTasks[] = [];
  for (const d of deployments) {
    const out = d.tasks.filter((t) => drained.has(t.seq));
    if (out.length === 0) {
      kept.push(d);
      continue;
    }
    kept.push({ ...d, tasks: d.tasks.filter((t) => !drained.has(t.seq)) });
    leaving.push({ id: d.id, keep: 0, tasks: out });
  }
  return [...kept, ...leaving];
}

/** Counts one more failed task against a deployment (a task replaced for failing its health checks). */
function countFailure(s: Service, deploymentId: string): Service {
  return {
    ...s,
    deployments: s.deployments.map((d) => (d.id === deploymentId ? { ...d, failedTasks: d.failedTasks + 1 } : d)),
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
  primaryTasks: DeploymentRoster,
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
  if (primaryTasks.live !== desired || primaryTasks.healthy !== desired || primary.activeTasks !== desired) return next;
  const reason = flatString(completedReason(primary.id));
  const done: Deployment = { ...primary, rolloutState: 'COMPLETED', rolloutStateReason: reason, desiredCount: desired, updatedAtMs: tx.nowMs };
  next = { ...next, deployments: [done], events: withServiceEvent(tx, next.events, deploymentCompletedMessage(s.serviceName, primary.id)) };
  emitDeploymentStateChange(tx, next, 'SERVICE_DEPLOYMENT_COMPLETED', primary.id, reason);
  return next;
}

/** "has reached a steady state.", once per steady period and again every 6 hours while it lasts (reference §4.5). */
function announceSteadyState(tx: WorldTxn, s: Service, primaryTasks: DeploymentRoster, changed: boolean, desired: number): Service {
  const [primary, ...olds] = s.deployments;
  if (changed || s.rebalancing || primary === undefined || olds.length > 0 || primary.rolloutState !== 'COMPLETED' || s.status !== 'ACTIVE') return s;
  if (primaryTasks.live !== desired || primary.activeTasks !== desired || primaryTasks.healthy < primaryTasks.live) return s;
  if (s.steadySinceMs !== undefined && tx.nowMs - s.steadySinceMs < STEADY_STATE_REPEAT_MS) return s;
  emitServiceAction(tx, s, 'SERVICE_STEADY_STATE');
  return { ...s, steadySinceMs: tx.nowMs, events: withServiceEvent(tx, s.events, steadyStateMessage(s.serviceName)) };
}

/** A DRAINING service whose tasks have all stopped becomes INACTIVE (reference §4.3). */
function deactivate(tx: WorldTxn, s: Service): Service {
  if (s.passTimer !== undefined) tx.cancel(s.passTimer);
  forgetRoster(tx, s.key);
  return { ...s, status: 'INACTIVE', passTimer: undefined, deployments: s.deployments.slice(0, 1) };
}



/** `events` with the target changes the task hook recorded during this pass (then forgotten). */
function withHookMessages(tx: WorldTxn, serviceName: string, events: Service['events']): Service['events'] {
  const marker = tx.local(passInProgress);
  if (marker.targets.length === 0) return events;
  const out = withTargetChanges(tx, serviceName, events, marker.targets);
  marker.targets = [];
  return out;
}
