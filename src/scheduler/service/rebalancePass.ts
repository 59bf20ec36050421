/**
 * The Availability Zone rebalancing step of a scheduler pass (decisions in azRebalance.ts).
 *
 * @module
 */
import { launchesOnInstances, type Service } from '../../domain/service.js';
import type { DeploymentRoster } from '../../domain/serviceRoster.js';
import type { WorldTxn } from '../../domain/txn.js';
import { capacityShortageEndMs, isSubnetAvailable } from '../fargatePlacement.js';
import { requestStop } from '../lifecycle.js';
import {
  balancedMessage,
  isBalanced,
  notBalancedMessage,
  rebalanceStartedMessage,
  rebalanceStep,
  rebalanceStoppedMessage,
} from './azRebalance.js';
import { maxTasks, minHealthyTasks } from './rollingBounds.js';
import { emitServiceAction, withServiceEvent } from './serviceEvents.js';
import { scalingActivityReason } from './serviceMessages.js';
import { launchForDeployment } from './serviceLaunch.js';
import type { Bucketed } from './serviceTasks.js';

/**
 * Availability Zone rebalancing of a steady service (azRebalance.ts): notices an imbalance, then takes one step per
 * pass — a task started in the emptiest zone, a task stopped in the fullest — and says when it is balanced.
 */
export function rebalanceZones(
  tx: WorldTxn,
  s: Service,
  primaryTasks: DeploymentRoster,
  readPrimaryTasks: () => readonly Bucketed[],
  desired: number,
): { readonly service: Service; readonly changed: boolean; readonly recheckAtMs?: number } {
  const [primary, ...olds] = s.deployments;
  // EC2 services are spread by their placement strategies instead (AZ rebalancing is Fargate's here).
  const ec2 = primary !== undefined && launchesOnInstances(primary.launch);
  const steadyShape =
    !ec2 && primary !== undefined && olds.length === 0 && primary.rolloutState === 'COMPLETED' && s.status === 'ACTIVE';
  if (!steadyShape || s.availabilityZoneRebalancing !== 'ENABLED') {
    return { service: s.rebalancing ? { ...s, rebalancing: false } : s, changed: false };
  }
  if (primaryTasks.running < primaryTasks.live) return { service: s, changed: false };
  const pool = primary.launch._tag === 'Strategy' && primary.launch.strategy.every((i) => i.capacityProvider === 'FARGATE_SPOT') ? 'FARGATE_SPOT' : 'FARGATE';
  const faults = tx.base.faults;
  const counts = new Map<string, number>();
  // A zone short of capacity is left out until the shortage ends; the scheduler looks again then.
  let recheckAtMs: number | undefined;
  for (const sub of primary.subnets) {
    if (counts.has(sub.availabilityZone) || !isSubnetAvailable(faults, sub.subnetId)) continue;
    const end = capacityShortageEndMs(faults, pool, sub.availabilityZone, tx.nowMs);
    if (end !== undefined) {
      if (recheckAtMs === undefined || end < recheckAtMs) recheckAtMs = end;
      continue;
    }
    counts.set(sub.availabilityZone, 0);
  }
  for (const [zone, n] of Object.entries(primaryTasks.zones)) if (counts.has(zone)) counts.set(zone, counts.get(zone)! + n);
  if (counts.size < 2) return { service: s.rebalancing ? { ...s, rebalancing: false } : s, changed: false, ...(recheckAtMs !== undefined ? { recheckAtMs } : {}) };
  let next = s;
  if (!s.rebalancing) {
    if (isBalanced(counts)) return { service: s, changed: false, ...(recheckAtMs !== undefined ? { recheckAtMs } : {}) };
    next = { ...next, rebalancing: true, events: withServiceEvent(tx, next.events, notBalancedMessage(s.serviceName, counts)) };
    emitServiceAction(tx, next, 'SERVICE_REBALANCING_STARTED');
  }
  const step = rebalanceStep({
    counts,
    live: primaryTasks.live,
    healthy: primaryTasks.healthy,
    desired,
    maxTasks: maxTasks(desired, s.deploymentConfiguration.maximumPercent),
    minHealthy: minHealthyTasks(desired, s.deploymentConfiguration.minimumHealthyPercent),
  });
  switch (step._tag) {
    case 'Wait':
      return { service: next, changed: next !== s };
    case 'Done': {
      const done = { ...next, rebalancing: false, events: withServiceEvent(tx, next.events, balancedMessage(s.serviceName, counts)) };
      emitServiceAction(tx, done, 'SERVICE_REBALANCING_COMPLETED');
      return { service: done, changed: true };
    }
    case 'Launch': {
      const subnets = primary.subnets.filter((x) => x.availabilityZone === step.zone);
      const r = launchForDeployment(tx, next, primary, 1, primaryTasks.providers, subnets);
      let events = r.events(next.events);
      if (r.taskIds.length > 0) events = withServiceEvent(tx, events, rebalanceStartedMessage(s.serviceName, step.zone, r.taskIds));
      const deployments = r.taskIds.length > 0 ? [{ ...primary, activeTasks: primary.activeTasks + r.taskIds.length }] : next.deployments;
      return { service: { ...next, events, deployments, steadySinceMs: undefined }, changed: true };
    }
    case 'Stop': {
      const inZone = readPrimaryTasks().filter((b) => b.view.availabilityZone === step.zone && b.view.healthy);
      const victim = inZone.reduce<Bucketed | undefined>((a, b) => (a === undefined || b.task.seq > a.task.seq ? b : a), undefined);
      if (victim === undefined) return { service: next, changed: next !== s };
      requestStop(tx, victim.task, 'ServiceSchedulerInitiated', scalingActivityReason(primary.id));
      const events = withServiceEvent(tx, next.events, rebalanceStoppedMessage(s.serviceName, step.zone, [victim.task.taskId]));
      return { service: { ...next, events, steadySinceMs: undefined }, changed: true };
    }
  }
}
