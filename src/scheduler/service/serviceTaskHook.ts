/**
 * What a service learns when one of its tasks changes, called by the task store (`putTask`) for every status
 * change of a service task. It keeps the service's counters current (tasks not yet STOPPED per deployment, failed
 * tasks for the circuit breaker, the launch back-off) and asks for a scheduler pass — so a pass never recounts the
 * World. O(1) per change: it copies one small service record.
 *
 * @module
 */
import type { Deployment, Service } from '../../domain/service.js';
import type { Task } from '../../domain/task.js';
import type { WorldTxn } from '../../domain/txn.js';
import { isLoadBalanced } from '../loadBalancerSteps.js';
import { launchBackoffMs } from './rollingBounds.js';
import { withServiceEvent } from './serviceEvents.js';
import {
  deregisteredTargetsMessage,
  drainingMessage,
  registeredTargetsMessage,
  unableToPlaceMessage,
} from './serviceMessages.js';
import { passInProgress, type TargetChange } from './passInProgress.js';
import { withPassSoon } from './servicePassTimer.js';

/** Called after a service task's `lastStatus` or `desiredStatus` changed (`prev` → `next`). */
export function onServiceTaskChange(tx: WorldTxn, prev: Task, next: Task): void {
  const key = next.spec.serviceKey;
  if (key === undefined) return;
  const becameRunning = next.lastStatus === 'RUNNING' && prev.lastStatus !== 'RUNNING';
  const becameStopped = next.lastStatus === 'STOPPED' && prev.lastStatus !== 'STOPPED';
  if (isLoadBalanced(next) && next.lastStatus !== prev.lastStatus) {
    if (next.lastStatus === 'ACTIVATING' || next.lastStatus === 'DEACTIVATING') announceTargets(tx, key, next);
  }
  if (!becameRunning && !becameStopped && prev.desiredStatus === next.desiredStatus) return;
  // The service's own pass stops tasks and books its next pass itself.
  if (!becameStopped && next.stop?.stopCode !== 'TaskFailedToStart' && tx.local(passInProgress).key === key) return;
  const services = tx.table('services');
  const s = services.get(key);
  if (s === undefined) return;
  let n: Service = s;
  // A launch failure is known when the task is told to stop; the back-off starts then (FLEET: relaunch 30–41 s
  // after each of the first failures), while the breaker counts the task once it is STOPPED (captures §3.3).
  if (prev.desiredStatus !== 'STOPPED' && next.desiredStatus === 'STOPPED' && next.stop?.stopCode === 'TaskFailedToStart') {
    n = onFailedToStart(tx, n, next);
  }
  if (becameStopped) n = onStopped(n, next);
  else if (becameRunning && n.startFailures > 0) {
    // A task reached RUNNING: the launch back-off is over (reference §4.6).
    n = { ...n, startFailures: 0, launchNotBeforeMs: 0 };
  }
  n = withPassSoon(tx, n);
  if (n !== s) services.set(key, n);
}

/** A task of the service reached STOPPED: count it out of its deployment, and as a failure when it was one. */
function onStopped(s: Service, t: Task): Service {
  const failedToStart = t.stop?.stopCode === 'TaskFailedToStart';
  // A task that reached RUNNING and then exited by itself counts for the circuit breaker too (TREY capture,
  // service captures §3.3); one stopped by a user or by the scheduler does not.
  const crashed = t.stop?.stopCode === 'EssentialContainerExited';
  const deployments = s.deployments.map((d): Deployment => {
    if (d.id !== t.spec.deploymentId) return d;
    return {
      ...d,
      activeTasks: Math.max(0, d.activeTasks - 1),
      failedTasks: d.failedTasks + (failedToStart || crashed ? 1 : 0),
    };
  });
  return { ...s, deployments };
}

/** A task of the service failed to start: the launch back-off grows, and the service says why (FLEET, G8). */
function onFailedToStart(tx: WorldTxn, s: Service, t: Task): Service {
  const failures = s.startFailures + 1;
  return {
    ...s,
    startFailures: failures,
    launchNotBeforeMs: tx.nowMs + launchBackoffMs(failures),
    events: withServiceEvent(tx, s.events, unableToPlaceMessage(s.serviceName, t.stop?.stoppedReason ?? '', false)),
    steadySinceMs: undefined,
  };
}

/**
 * The target registrations a service announces (captures §2.1): `registered 1 targets in (target-group …)` when a
 * task behind a load balancer starts ACTIVATING, and when it starts DEACTIVATING `deregistered 1 targets …` with
 * `(service s, taskSet <its deployment>) has begun draining connections on 1 tasks.`
 */
function announceTargets(tx: WorldTxn, key: string, t: Task): void {
  const services = tx.table('services');
  const s = services.get(key);
  if (s === undefined) return;
  const changes: TargetChange[] = [];
  for (const lb of t.spec.loadBalancers ?? []) {
    changes.push({ _tag: t.lastStatus === 'ACTIVATING' ? 'Registered' : 'Deregistered', targetGroupArn: lb.targetGroupArn });
  }
  if (t.lastStatus === 'DEACTIVATING' && t.spec.deploymentId !== undefined) {
    changes.push({ _tag: 'Draining', deploymentId: t.spec.deploymentId });
  }
  const marker = tx.local(passInProgress);
  if (marker.key === key) {
    marker.targets.push(...changes);
    return;
  }
  services.set(key, { ...s, events: withTargetChanges(tx, s.serviceName, s.events, changes) });
}

/**
 * `events` with the target changes said as ECS says them, those of the same kind and target group (or deployment)
 * together: `registered 2 targets in (target-group …)`, `deregistered 2 targets …`, then `(service s, taskSet …)
 * has begun draining connections on 2 tasks.` (UI 2026 registers 2 targets in one event).
 */
export function withTargetChanges(
  tx: WorldTxn,
  serviceName: string,
  events: Service['events'],
  changes: readonly TargetChange[],
): Service['events'] {
  const counts = new Map<string, { change: TargetChange; n: number }>();
  for (const c of changes) {
    const k = c._tag === 'Draining' ? `D${c.deploymentId}` : `${c._tag}${c.targetGroupArn}`;
    const e = counts.get(k);
    if (e) e.n++;
    else counts.set(k, { change: c, n: 1 });
  }
  let out = events;
  for (const { change: c, n } of counts.values()) {
    const message =
      c._tag === 'Draining'
        ? drainingMessage(serviceName, c.deploymentId, n)
        : c._tag === 'Registered'
          ? registeredTargetsMessage(serviceName, n, c.targetGroupArn)
          : deregisteredTargetsMessage(serviceName, n, c.targetGroupArn);
    out = withServiceEvent(tx, out, message);
  }
  return out;
}
