/**
 * How long a task spends in ACTIVATING and DEACTIVATING — the two lifecycle steps that a load balancer makes
 * long and visible (reference §3.1, §3.8) — and when a registered target turns unhealthy.
 *
 * A plain Fargate task (no load balancer) passes through both states in about a second: ACTIVATING while its
 * containers start, DEACTIVATING with nothing to deregister. Real captures show no version or event of their own
 * for them. A task behind a load balancer stays ACTIVATING until its target is registered and healthy, and
 * DEACTIVATING for the target group's deregistration delay; both are versions with events.
 *
 * The target groups' settings come from the World config (`targetGroups`); a target group it does not name has
 * ELB's defaults (`DEFAULT_TARGET_GROUP`).
 *
 * @module
 */
import { type Task, type TaskLoadBalancer, taskMs } from '../domain/task.js';
import type { WorldTxn } from '../domain/txn.js';
import { DEFAULT_TARGET_GROUP, type ResolvedConfig, type TargetGroupConfig } from '../domain/world.js';
import { ruleFor } from './behaviors.js';

/** Whether the task registers in a load balancer (then ACTIVATING and DEACTIVATING are visible versions). */
export const isLoadBalanced = (t: Task): boolean => (t.spec.loadBalancers?.length ?? 0) > 0;

/** The settings of target group `arn`: the configured ones, or ELB's defaults. */
export function targetGroupOf(config: ResolvedConfig, arn: string): TargetGroupConfig {
  return config.targetGroups.find((g) => g.targetGroupArn === arn) ?? { targetGroupArn: arn, ...DEFAULT_TARGET_GROUP };
}

/** Time for a new target to pass `healthyThresholdCount` checks `healthCheckIntervalSeconds` apart, in ms. */
const turnsHealthyMs = (g: TargetGroupConfig): number => g.healthCheckIntervalSeconds * g.healthyThresholdCount * 1000;

/**
 * How long the task stays ACTIVATING: its containers start (`timings.activating`, drawn from the `lifecycle`
 * stream), and, behind load balancers, every target then needs its target group's passing checks before the task
 * is RUNNING (150 s with ELB's defaults).
 */
export function activatingMs(tx: WorldTxn, t: Task): number {
  const start = tx.rng('lifecycle').durationMs(tx.config.timings.activating);
  if (!isLoadBalanced(t)) return start;
  let wait = 0;
  for (const lb of t.spec.loadBalancers!) wait = Math.max(wait, turnsHealthyMs(targetGroupOf(tx.config, lb.targetGroupArn)));
  return start + wait;
}

/**
 * How long the task stays DEACTIVATING before its containers get SIGTERM: the longest deregistration delay of its
 * target groups behind load balancers (300 s by default), otherwise `timings.deactivating` (nothing to deregister).
 */
export function deactivatingMs(tx: WorldTxn, t: Task): number {
  if (!isLoadBalanced(t)) return tx.rng('lifecycle').durationMs(tx.config.timings.deactivating);
  let delay = 0;
  for (const lb of t.spec.loadBalancers!) delay = Math.max(delay, targetGroupOf(tx.config, lb.targetGroupArn).deregistrationDelaySeconds);
  return delay * 1000;
}

/**
 * When a RUNNING task's target first turns unhealthy, and in which target group: a container scripted with
 * `failTargetHealthChecksAfterMs` fails its checks from then on, and the target is unhealthy after
 * `unhealthyThresholdCount` failed checks (SIM RULE: checks fall on the interval grid from RUNNING). Undefined when
 * every target stays healthy.
 */
export function targetFailure(
  tx: WorldTxn,
  t: Task,
  containers: readonly { readonly name: string; readonly image: string }[],
): { readonly atMs: number; readonly loadBalancer: TaskLoadBalancer } | undefined {
  if (!isLoadBalanced(t) || t.startedAt === undefined) return undefined;
  let worst: { atMs: number; loadBalancer: TaskLoadBalancer } | undefined;
  for (const lb of t.spec.loadBalancers!) {
    const spec = containers.find((c) => c.name === lb.containerName);
    if (spec === undefined) continue;
    const after = ruleFor(tx.base.behaviors, t.spec.family, spec)?.failTargetHealthChecksAfterMs;
    if (after === undefined) continue;
    const g = targetGroupOf(tx.config, lb.targetGroupArn);
    const intervalMs = g.healthCheckIntervalSeconds * 1000;
    const firstFail = Math.max(1, Math.ceil(after / intervalMs));
    const atMs = taskMs(t, t.startedAt) + (firstFail + g.unhealthyThresholdCount - 1) * intervalMs;
    if (worst === undefined || atMs < worst.atMs) worst = { atMs, loadBalancer: lb };
  }
  return worst;
}
