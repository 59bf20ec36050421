/**
 * The deployment circuit breaker (reference §5.5): trips the PRIMARY deployment when its failed tasks reach the
 * threshold, and rolls back by re-promoting the last COMPLETED deployment.
 *
 * @module
 */
import type { Deployment, Service } from '../../domain/service.js';
import type { WorldTxn } from '../../domain/txn.js';
import { breakerThreshold } from './rollingBounds.js';
import { emitDeploymentStateChange, withServiceEvent } from './serviceEvents.js';
import { BREAKER_FAILED_REASON, deploymentFailedMessage, rollingBackMessage, rollingBackReason } from './serviceMessages.js';

/**
 * Trips the circuit breaker of the PRIMARY deployment when its failed tasks reach the threshold (reference §5.5):
 * the deployment FAILS and launches nothing more; with `rollback`, the last COMPLETED deployment is promoted again
 * (the same deployment object, as every capture shows — service captures §5, §6).
 */
/**
 * `resetOnHealthyTask` (default true, API reference `DeploymentCircuitBreaker`; reference §5.3): once a task of the
 * rollout is healthy, its failed-task count goes back to 0 — a revision whose tasks run healthy and crash later
 * does not trip the breaker, one that never gets a healthy task does.
 */
export function resetOnHealthyTask(s: Service, primaryHasHealthyTask: boolean): Service {
  const breaker = s.deploymentConfiguration.deploymentCircuitBreaker;
  const primary = s.deployments[0];
  if (primary === undefined || primary.failedTasks === 0 || primary.rolloutState !== 'IN_PROGRESS') return s;
  if (breaker.resetOnHealthyTask === false) return s;
  if (!primaryHasHealthyTask) return s;
  return { ...s, deployments: [{ ...primary, failedTasks: 0 }, ...s.deployments.slice(1)] };
}

export function checkCircuitBreaker(tx: WorldTxn, s: Service): Service {
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

