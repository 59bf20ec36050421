/**
 * Service event messages, worded as ECS words them (service captures §2.1, reference §4.7). Each function is a
 * template; `(service <name>)` is the prefix ECS has used since at least 2017.
 *
 * @module
 */

const taskList = (taskIds: readonly string[]): string => taskIds.map((id) => `(task ${id})`).join(' ');

/** `(service s) has started 2 tasks: (task a) (task b).` — the trailing period after the last task. */
export const startedTasksMessage = (service: string, taskIds: readonly string[], replacedUnhealthy = 0): string =>
  `(service ${service}) has started ${taskIds.length} tasks: ${taskList(taskIds)}.` +
  (replacedUnhealthy > 0 ? ` Amazon ECS replaced ${replacedUnhealthy} tasks due to an unhealthy status.` : '');

/** `(service s) has stopped 1 running tasks: (task a).` */
export const stoppedRunningMessage = (service: string, taskIds: readonly string[]): string =>
  `(service ${service}) has stopped ${taskIds.length} running tasks: ${taskList(taskIds)}.`;

/** `(service s) stopped 1 pending tasks.` — no "has", no task list (FLEET 2026, CORPUS). */
export const stoppedPendingMessage = (service: string, count: number): string =>
  `(service ${service}) stopped ${count} pending tasks.`;

/** `(service s) has reached a steady state.` */
export const steadyStateMessage = (service: string): string => `(service ${service}) has reached a steady state.`;

/** `(service s) (deployment ecs-svc/…) deployment completed.` */
export const deploymentCompletedMessage = (service: string, deploymentId: string): string =>
  `(service ${service}) (deployment ${deploymentId}) deployment completed.`;

/** `(service s) (deployment ecs-svc/…) deployment failed: tasks failed to start.` */
export const deploymentFailedMessage = (service: string, deploymentId: string): string =>
  `(service ${service}) (deployment ${deploymentId}) deployment failed: tasks failed to start.`;

/** `(service s) rolling back to deployment ecs-svc/….` */
export const rollingBackMessage = (service: string, deploymentId: string): string =>
  `(service ${service}) rolling back to deployment ${deploymentId}.`;

/** `(service s) (task id) failed container health checks.` (G3 2026). */
export const failedHealthChecksMessage = (service: string, taskId: string): string =>
  `(service ${service}) (task ${taskId}) failed container health checks.`;

/**
 * `(service s) (task id) (port 80) is unhealthy in (target-group arn) due to (reason Health checks failed).` — the
 * current form with the task (PROY 2025, CORPUS 2026; DG "service-unhealthy-event-messages").
 */
export const targetUnhealthyMessage = (service: string, taskId: string, port: number, targetGroupArn: string): string =>
  `(service ${service}) (task ${taskId}) (port ${port}) is unhealthy in (target-group ${targetGroupArn}) due to (reason Health checks failed).`;

/** `stoppedReason` of a task stopped for failing its target group's checks ([OBS] captures §2.4, 2022 and 2024). */
export const targetUnhealthyReason = (targetGroupArn: string): string =>
  `Task failed ELB health checks in (target-group ${targetGroupArn})`;

/** `(service s) registered 1 targets in (target-group arn)` — no trailing period (FLEET, UI, PROY). */
export const registeredTargetsMessage = (service: string, count: number, targetGroupArn: string): string =>
  `(service ${service}) registered ${count} targets in (target-group ${targetGroupArn})`;

/** `(service s) deregistered 1 targets in (target-group arn)` — no trailing period. */
export const deregisteredTargetsMessage = (service: string, count: number, targetGroupArn: string): string =>
  `(service ${service}) deregistered ${count} targets in (target-group ${targetGroupArn})`;

/** `(service s, taskSet ecs-svc/…) has begun draining connections on 1 tasks.` — the task's deployment (FLEET, UI). */
export const drainingMessage = (service: string, deploymentId: string, count: number): string =>
  `(service ${service}, taskSet ${deploymentId}) has begun draining connections on ${count} tasks.`;

/** Suffix ECS adds to placement failures that have a troubleshooting page. */
export const TROUBLESHOOTING_SUFFIX =
  'For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.';

/**
 * `(service s) was unable to place a task. Reason: …` — for capacity and quota failures (with the troubleshooting
 * suffix, reference §4.7) and for every Fargate task that failed to start (the task's `stoppedReason`, FLEET, G8).
 */
export const unableToPlaceMessage = (service: string, reason: string, withSuffix: boolean): string => {
  const r = withSuffix && !reason.endsWith('.') ? `${reason}.` : reason;
  return `(service ${service}) was unable to place a task. Reason: ${r}${withSuffix ? ` ${TROUBLESHOOTING_SUFFIX}` : ''}`;
};

/** What the closest container instance lacks, in the words of ECS's service events (reference §4.7, [G23]). */
const CLOSEST_LACKS: Readonly<Record<string, string>> = {
  'RESOURCE:CPU': 'has insufficient CPU units available.',
  'RESOURCE:MEMORY': 'has insufficient memory available.',
  'RESOURCE:PORTS': 'is already using a port required by your task.',
  AGENT: 'encountered error "AGENT".',
  ATTRIBUTE: 'is missing an attribute required by your task.',
};

/**
 * `(service s) was unable to place a task because no container instance met all of its requirements.` — an EC2
 * service that cannot place a task — followed, when the reason is about one instance, by `The closest matching
 * (container-instance <id>) has insufficient memory available.` (and the other texts of reference §4.7; the
 * ATTRIBUTE text is the twin's, UNVERIFIED), then ECS's troubleshooting pointer.
 */
export function noInstanceMetRequirementsMessage(service: string, reason: string, instanceArn: string | undefined): string {
  const lacks = CLOSEST_LACKS[reason];
  const id = instanceArn?.slice(instanceArn.lastIndexOf('/') + 1);
  const closest = lacks !== undefined && id !== undefined ? ` The closest matching (container-instance ${id}) ${lacks}` : '';
  return `(service ${service}) was unable to place a task because no container instance met all of its requirements.${closest} ${TROUBLESHOOTING_SUFFIX}`;
}

/**
 * `(service s) was unable to stop or start tasks during a deployment because of the service deployment
 * configuration. Update the minimumHealthyPercent or maximumPercent value and try again.` (reference §5.2).
 */
export const stuckDeploymentMessage = (service: string): string =>
  `(service ${service}) was unable to stop or start tasks during a deployment because of the service deployment configuration. Update the minimumHealthyPercent or maximumPercent value and try again.`;

/** `rolloutStateReason` of a deployment in progress: `ECS deployment ecs-svc/… in progress.` */
export const inProgressReason = (deploymentId: string): string => `ECS deployment ${deploymentId} in progress.`;
/** `rolloutStateReason` of a completed deployment. */
export const completedReason = (deploymentId: string): string => `ECS deployment ${deploymentId} completed.`;
/** `rolloutStateReason` of a deployment the circuit breaker failed (plural in every real capture). */
export const BREAKER_FAILED_REASON = 'ECS deployment circuit breaker: tasks failed to start.';
/** `rolloutStateReason` of the deployment a rollback re-promotes. */
export const rollingBackReason = (deploymentId: string): string =>
  `ECS deployment circuit breaker: rolling back to deploymentId ${deploymentId}.`;

/** `stoppedReason` of tasks the scheduler stops for a deployment or a scale-in (service captures §2.4). */
export const scalingActivityReason = (deploymentId: string): string =>
  `Scaling activity initiated by (deployment ${deploymentId})`;
/** `stoppedReason` of a task stopped for failing its container health checks (UNVERIFIED wording, captures §2.4). */
export const FAILED_HEALTH_CHECKS_REASON = 'Task failed container health checks';
