/**
 * When a service task counts as healthy, and when it fails its health checks (reference §4.5):
 * - no essential container has a health check and no load balancer: healthy 40 seconds after RUNNING (the API
 *   reference of `DeploymentConfiguration.minimumHealthyPercent`);
 * - behind a load balancer: the task is RUNNING only once its targets are healthy (the lifecycle keeps it ACTIVATING
 *   until then), so it is healthy at RUNNING unless a container health check says otherwise;
 * - an essential container has a health check: healthy once every such container is HEALTHY;
 * - failing once an essential container is UNHEALTHY or a target turns unhealthy, but not before the service's
 *   `healthCheckGracePeriodSeconds` have passed since the task started.
 *
 * @module
 */
import { type Task, taskMsOpt } from '../../domain/task.js';
import type { TaskDefinition } from '../../domain/taskDefinition.js';
import type { WorldTxn } from '../../domain/txn.js';
import { isLoadBalanced, targetFailure } from '../loadBalancerSteps.js';
import type { TaskFailure } from './serviceTasks.js';

/** How long after RUNNING a task without container health checks counts as healthy (reference §4.5). */
export const NO_HEALTH_CHECK_SETTLE_MS = 40_000;

/** A RUNNING task's health instants (undefined: never, as far as is planned). */
export interface TaskHealthTimes {
  readonly healthyAtMs: number | undefined;
  /** When it is to be replaced for failing its checks (after the grace period). */
  readonly failingAtMs: number | undefined;
  /** What fails at `failingAtMs`. */
  readonly failure: TaskFailure | undefined;
}

/** The health instants of a RUNNING task of a service with grace period `graceMs`. */
export function taskHealthTimes(tx: WorldTxn, task: Task, td: TaskDefinition | undefined, graceMs: number): TaskHealthTimes {
  const started = taskMsOpt(task, task.startedAt);
  if (started === undefined) return { healthyAtMs: undefined, failingAtMs: undefined, failure: undefined };
  const specs = td?.containers ?? [];
  let checked = 0;
  let healthyAt: number | undefined = started;
  let failingAt: number | undefined;
  let failure: TaskFailure | undefined;
  for (let i = 0; i < specs.length; i++) {
    const spec = specs[i]!;
    if (!spec.essential || spec.healthCheck === undefined) continue;
    checked++;
    const c = task.containers[i];
    if (c?.healthyAtMs === undefined) healthyAt = undefined;
    else if (healthyAt !== undefined && c.healthyAtMs > healthyAt) healthyAt = c.healthyAtMs;
    if (c?.unhealthyAtMs !== undefined && (failingAt === undefined || c.unhealthyAtMs < failingAt)) {
      failingAt = c.unhealthyAtMs;
      failure = CONTAINER_HEALTH;
    }
  }
  const balanced = isLoadBalanced(task);
  if (balanced) {
    const t = targetFailure(tx, task, specs);
    if (t !== undefined && (failingAt === undefined || t.atMs < failingAt)) {
      failingAt = t.atMs;
      failure = { _tag: 'TargetHealth', targetGroupArn: t.loadBalancer.targetGroupArn, containerPort: t.loadBalancer.containerPort };
    }
  }
  if (checked === 0 && !balanced) return { healthyAtMs: started + NO_HEALTH_CHECK_SETTLE_MS, failingAtMs: undefined, failure: undefined };
  if (failingAt !== undefined) failingAt = Math.max(failingAt, started + graceMs);
  // A task that has turned unhealthy is no longer healthy from then on.
  if (healthyAt !== undefined && failingAt !== undefined && healthyAt >= failingAt) healthyAt = undefined;
  return { healthyAtMs: healthyAt, failingAtMs: failingAt, failure };
}

const CONTAINER_HEALTH: TaskFailure = { _tag: 'ContainerHealth' };
