/**
 * How long a task spends in ACTIVATING and DEACTIVATING — the two lifecycle steps that a load balancer makes
 * long and visible (reference §3.1, §3.8).
 *
 * A plain Fargate task (no load balancer) passes through both states in about a second: ACTIVATING while its
 * containers start, DEACTIVATING with nothing to deregister. Real captures show no version or event of their own
 * for them. A task behind a load balancer stays ACTIVATING until its target is registered and healthy, and
 * DEACTIVATING for the target group's deregistration delay; both are versions with events.
 *
 * The durations come from the ELB target-group defaults until the service work feeds them from the target groups'
 * own settings (this module is the one place to change).
 *
 * @module
 */
import type { Task } from '../domain/task.js';
import type { WorldTxn } from '../domain/txn.js';

/**
 * Target-group defaults of Elastic Load Balancing (API_CreateTargetGroup / target-group attributes,
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html): health checks
 * every 30 s for HTTP/HTTPS/TCP, 5 consecutive successes to turn healthy, and a deregistration delay of 300 s.
 */
export const TARGET_GROUP_DEFAULTS = {
  healthCheckIntervalSeconds: 30,
  healthyThresholdCount: 5,
  deregistrationDelaySeconds: 300,
} as const;

/** Whether the task registers in a load balancer (then ACTIVATING and DEACTIVATING are visible versions). */
export const isLoadBalanced = (t: Task): boolean => (t.spec.loadBalancers?.length ?? 0) > 0;

/**
 * How long the task stays ACTIVATING: its containers start (`timings.activating`, drawn from the `lifecycle`
 * stream), and, behind a load balancer, its target then needs `healthyThresholdCount` passing health checks
 * `healthCheckIntervalSeconds` apart (150 s with the defaults) before the task is RUNNING.
 */
export function activatingMs(tx: WorldTxn, t: Task): number {
  const start = tx.rng('lifecycle').durationMs(tx.config.timings.activating);
  if (!isLoadBalanced(t)) return start;
  const d = TARGET_GROUP_DEFAULTS;
  return start + d.healthCheckIntervalSeconds * d.healthyThresholdCount * 1000;
}

/**
 * How long the task stays DEACTIVATING before its containers get SIGTERM: the target group's deregistration delay
 * behind a load balancer (300 s by default), otherwise `timings.deactivating` (nothing to deregister).
 */
export function deactivatingMs(tx: WorldTxn, t: Task): number {
  if (isLoadBalanced(t)) return TARGET_GROUP_DEFAULTS.deregistrationDelaySeconds * 1000;
  return tx.rng('lifecycle').durationMs(tx.config.timings.deactivating);
}
