/**
 * When a service task counts as healthy, and when it fails its health checks (reference §4.5):
 * - no essential container has a health check: healthy 40 seconds after RUNNING (the API reference of
 *   `DeploymentConfiguration.minimumHealthyPercent`);
 * - an essential container has one: healthy once every such container is HEALTHY; failing once one is UNHEALTHY,
 *   but not before the service's `healthCheckGracePeriodSeconds` have passed since the task started.
 *
 * @module
 */
import type { Task } from '../../domain/task.js';
import type { TaskDefinition } from '../../domain/taskDefinition.js';

/** How long after RUNNING a task without container health checks counts as healthy (reference §4.5). */
export const NO_HEALTH_CHECK_SETTLE_MS = 40_000;

/** A RUNNING task's health instants (undefined: never, as far as is planned). */
export interface TaskHealthTimes {
  readonly healthyAtMs: number | undefined;
  /** When it is to be replaced for failing its checks (after the grace period). */
  readonly failingAtMs: number | undefined;
}

/** The health instants of a RUNNING task of a service with grace period `graceMs`. */
export function taskHealthTimes(task: Task, td: TaskDefinition | undefined, graceMs: number): TaskHealthTimes {
  const started = task.startedAtMs;
  if (started === undefined) return { healthyAtMs: undefined, failingAtMs: undefined };
  const specs = td?.containers ?? [];
  let checked = 0;
  let healthyAt: number | undefined = started;
  let failingAt: number | undefined;
  for (let i = 0; i < specs.length; i++) {
    const spec = specs[i]!;
    if (!spec.essential || spec.healthCheck === undefined) continue;
    checked++;
    const c = task.containers[i];
    if (c?.healthyAtMs === undefined) healthyAt = undefined;
    else if (healthyAt !== undefined && c.healthyAtMs > healthyAt) healthyAt = c.healthyAtMs;
    if (c?.unhealthyAtMs !== undefined && (failingAt === undefined || c.unhealthyAtMs < failingAt)) {
      failingAt = c.unhealthyAtMs;
    }
  }
  if (checked === 0) return { healthyAtMs: started + NO_HEALTH_CHECK_SETTLE_MS, failingAtMs: undefined };
  if (failingAt !== undefined) failingAt = Math.max(failingAt, started + graceMs);
  // A task that has turned UNHEALTHY is no longer healthy from then on.
  if (healthyAt !== undefined && failingAt !== undefined && healthyAt >= failingAt) healthyAt = undefined;
  return { healthyAtMs: healthyAt, failingAtMs: failingAt };
}
