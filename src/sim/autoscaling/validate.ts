/**
 * Checks the autoscaling section beyond its shape: value ranges, the rules AAS enforces on its requests, and
 * cross-references (a policy or scheduled action must name a registered scalable target). Every problem is one
 * message naming its path (`autoscaling.scalingPolicies[2].StepScalingPolicyConfiguration.StepAdjustments[1]: …`).
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import type { AutoscalingInputs, PutScalingPolicyInput, PutScheduledActionInput } from '../scenario/types.js';
import { checkTimeZone, parseSchedule, type Schedule } from './scheduled.js';
import { checkStepAdjustments } from './stepScaling.js';
import { RESOURCE_LABEL } from './targetTracking.js';

/** 50 scaling policies per scalable target (AAS quota). */
export const MAX_POLICIES_PER_TARGET = 50;

const RESOURCE_ID = /^service\/[^/]+\/[^/]+$/;
const isCount = (n: number): boolean => Number.isInteger(n) && n >= 0;
const isSeconds = (n: number | undefined): boolean => n === undefined || (Number.isInteger(n) && n >= 0);

/** A scheduled action's parsed schedule and zone, by input index. */
export interface CheckedSchedules {
  readonly schedules: readonly { readonly schedule: Schedule; readonly timeZone: string }[];
}

function checkPolicy(p: PutScalingPolicyInput, path: string, registered: ReadonlySet<string>): string[] {
  const errors: string[] = [];
  if (!registered.has(p.ResourceId)) errors.push(`${path}.ResourceId: ${p.ResourceId} is not a registered scalable target (see autoscaling.scalableTargets)`);
  if (p.PolicyName.length === 0) errors.push(`${path}.PolicyName: must not be empty`);
  if (p.PolicyType === 'TargetTrackingScaling') {
    const c = p.TargetTrackingScalingPolicyConfiguration;
    if (c === undefined) return [...errors, `${path}.TargetTrackingScalingPolicyConfiguration: required for PolicyType TargetTrackingScaling`];
    if (p.StepScalingPolicyConfiguration !== undefined || p.Alarm !== undefined) {
      errors.push(`${path}: StepScalingPolicyConfiguration and Alarm belong to PolicyType StepScaling`);
    }
    const cp = `${path}.TargetTrackingScalingPolicyConfiguration`;
    if (!Number.isFinite(c.TargetValue) || c.TargetValue <= 0) errors.push(`${cp}.TargetValue: must be a number above 0, got ${c.TargetValue}`);
    if (!isSeconds(c.ScaleOutCooldown)) errors.push(`${cp}.ScaleOutCooldown: must be a whole number of seconds ≥ 0`);
    if (!isSeconds(c.ScaleInCooldown)) errors.push(`${cp}.ScaleInCooldown: must be a whole number of seconds ≥ 0`);
    const spec = c.PredefinedMetricSpecification;
    if (spec.PredefinedMetricType === 'ALBRequestCountPerTarget') {
      if (spec.ResourceLabel === undefined || !RESOURCE_LABEL.test(spec.ResourceLabel)) {
        errors.push(`${cp}.PredefinedMetricSpecification.ResourceLabel: ALBRequestCountPerTarget needs app/<load-balancer-name>/<id>/targetgroup/<target-group-name>/<id>`);
      }
    } else if (spec.ResourceLabel !== undefined) {
      errors.push(`${cp}.PredefinedMetricSpecification.ResourceLabel: only ALBRequestCountPerTarget takes a ResourceLabel`);
    }
    return errors;
  }
  const c = p.StepScalingPolicyConfiguration;
  if (c === undefined) errors.push(`${path}.StepScalingPolicyConfiguration: required for PolicyType StepScaling`);
  if (p.Alarm === undefined) errors.push(`${path}.Alarm: a StepScaling policy needs the CloudWatch alarm that triggers it`);
  if (p.TargetTrackingScalingPolicyConfiguration !== undefined) errors.push(`${path}.TargetTrackingScalingPolicyConfiguration: belongs to PolicyType TargetTrackingScaling`);
  if (c !== undefined) {
    const cp = `${path}.StepScalingPolicyConfiguration`;
    errors.push(...checkStepAdjustments(c.StepAdjustments, `${cp}.StepAdjustments`));
    if (c.AdjustmentType === 'ExactCapacity') {
      c.StepAdjustments.forEach((s, i) => {
        if (s.ScalingAdjustment < 0) errors.push(`${cp}.StepAdjustments[${i}].ScalingAdjustment: ExactCapacity must not be negative`);
      });
    }
    if (c.MinAdjustmentMagnitude !== undefined) {
      if (c.AdjustmentType !== 'PercentChangeInCapacity') errors.push(`${cp}.MinAdjustmentMagnitude: only valid with PercentChangeInCapacity`);
      else if (!Number.isInteger(c.MinAdjustmentMagnitude) || c.MinAdjustmentMagnitude < 1) errors.push(`${cp}.MinAdjustmentMagnitude: must be a positive integer`);
    }
    if (!isSeconds(c.Cooldown)) errors.push(`${cp}.Cooldown: must be a whole number of seconds ≥ 0`);
  }
  const a = p.Alarm;
  if (a !== undefined) {
    const ap = `${path}.Alarm`;
    if (a.AlarmName.length === 0) errors.push(`${ap}.AlarmName: must not be empty`);
    if (!Number.isInteger(a.Period) || a.Period < 60 || a.Period % 60 !== 0) errors.push(`${ap}.Period: must be a multiple of 60 seconds, got ${a.Period}`);
    if (!Number.isInteger(a.EvaluationPeriods) || a.EvaluationPeriods < 1) errors.push(`${ap}.EvaluationPeriods: must be a positive integer`);
    if (a.DatapointsToAlarm !== undefined && (!Number.isInteger(a.DatapointsToAlarm) || a.DatapointsToAlarm < 1 || a.DatapointsToAlarm > a.EvaluationPeriods)) {
      errors.push(`${ap}.DatapointsToAlarm: must be between 1 and EvaluationPeriods (${a.EvaluationPeriods})`);
    }
    if (!Number.isFinite(a.Threshold)) errors.push(`${ap}.Threshold: must be a finite number`);
  }
  return errors;
}

function checkScheduled(s: PutScheduledActionInput, path: string, registered: ReadonlySet<string>): E.Either<string[], { schedule: Schedule; timeZone: string }> {
  const errors: string[] = [];
  if (!registered.has(s.ResourceId)) errors.push(`${path}.ResourceId: ${s.ResourceId} is not a registered scalable target (see autoscaling.scalableTargets)`);
  const { MinCapacity: min, MaxCapacity: max } = s.ScalableTargetAction;
  if (min === undefined && max === undefined) errors.push(`${path}.ScalableTargetAction: set MinCapacity, MaxCapacity or both`);
  if (min !== undefined && !isCount(min)) errors.push(`${path}.ScalableTargetAction.MinCapacity: must be a whole number ≥ 0`);
  if (max !== undefined && !isCount(max)) errors.push(`${path}.ScalableTargetAction.MaxCapacity: must be a whole number ≥ 0`);
  if (min !== undefined && max !== undefined && min > max) errors.push(`${path}.ScalableTargetAction: MinCapacity ${min} is above MaxCapacity ${max}`);
  if (s.StartTimeMs !== undefined && s.EndTimeMs !== undefined && s.EndTimeMs <= s.StartTimeMs) errors.push(`${path}.EndTime: must be after StartTime`);
  const tz = checkTimeZone(s.Timezone);
  if (E.isLeft(tz)) return E.left([...errors, `${path}.Timezone: ${tz.left}`]);
  const schedule = parseSchedule(s.Schedule, tz.right);
  if (E.isLeft(schedule)) errors.push(`${path}.Schedule: ${schedule.left}`);
  return errors.length > 0 || E.isLeft(schedule) ? E.left(errors) : E.right({ schedule: schedule.right, timeZone: tz.right });
}

/**
 * Checks the inputs; `Right` carries the parsed schedules (by input index), `Left` every problem found.
 */
export function checkAutoscalingInputs(inputs: AutoscalingInputs): E.Either<readonly string[], CheckedSchedules> {
  const errors: string[] = [];
  const registered = new Set<string>();
  inputs.scalableTargets.forEach((t, i) => {
    const path = `autoscaling.scalableTargets[${i}]`;
    if (!RESOURCE_ID.test(t.ResourceId)) errors.push(`${path}.ResourceId: expected service/<cluster>/<service>, got "${t.ResourceId}"`);
    else if (registered.has(t.ResourceId)) errors.push(`${path}.ResourceId: ${t.ResourceId} is registered twice`);
    registered.add(t.ResourceId);
    if (!isCount(t.MinCapacity)) errors.push(`${path}.MinCapacity: must be a whole number ≥ 0, got ${t.MinCapacity}`);
    if (!isCount(t.MaxCapacity)) errors.push(`${path}.MaxCapacity: must be a whole number ≥ 0, got ${t.MaxCapacity}`);
    if (t.MinCapacity > t.MaxCapacity) errors.push(`${path}: MinCapacity ${t.MinCapacity} is above MaxCapacity ${t.MaxCapacity}`);
  });
  const policyKeys = new Set<string>();
  const metricKeys = new Map<string, string>();
  const alarmNames = new Set<string>();
  const perTarget = new Map<string, number>();
  inputs.scalingPolicies.forEach((p, i) => {
    const path = `autoscaling.scalingPolicies[${i}]`;
    errors.push(...checkPolicy(p, path, registered));
    const key = `${p.ResourceId}\u0000${p.PolicyName}`;
    if (policyKeys.has(key)) errors.push(`${path}.PolicyName: ${p.PolicyName} is defined twice for ${p.ResourceId}`);
    policyKeys.add(key);
    const n = (perTarget.get(p.ResourceId) ?? 0) + 1;
    perTarget.set(p.ResourceId, n);
    if (n === MAX_POLICIES_PER_TARGET + 1) errors.push(`${path}: more than ${MAX_POLICIES_PER_TARGET} scaling policies for ${p.ResourceId}`);
    const metric = p.TargetTrackingScalingPolicyConfiguration?.PredefinedMetricSpecification.PredefinedMetricType;
    if (p.PolicyType === 'TargetTrackingScaling' && metric !== undefined) {
      // Several target-tracking policies on one target must each track a different metric (AAS user guide).
      const mk = `${p.ResourceId}\u0000${metric}`;
      const other = metricKeys.get(mk);
      if (other !== undefined) errors.push(`${path}: ${other} already tracks ${metric} for ${p.ResourceId}; each target-tracking policy needs its own metric`);
      else metricKeys.set(mk, p.PolicyName);
    }
    if (p.Alarm !== undefined) {
      if (alarmNames.has(p.Alarm.AlarmName)) errors.push(`${path}.Alarm.AlarmName: ${p.Alarm.AlarmName} is used twice`);
      alarmNames.add(p.Alarm.AlarmName);
    }
  });
  const scheduleKeys = new Set<string>();
  const schedules: { schedule: Schedule; timeZone: string }[] = [];
  inputs.scheduledActions.forEach((s, i) => {
    const path = `autoscaling.scheduledActions[${i}]`;
    const key = `${s.ResourceId}\u0000${s.ScheduledActionName}`;
    if (scheduleKeys.has(key)) errors.push(`${path}.ScheduledActionName: ${s.ScheduledActionName} is defined twice for ${s.ResourceId}`);
    scheduleKeys.add(key);
    const r = checkScheduled(s, path, registered);
    if (E.isLeft(r)) errors.push(...r.left);
    else schedules.push(r.right);
  });
  return errors.length > 0 ? E.left(errors) : E.right({ schedules });
}
