/**
 * Step-scaling policies: the user's alarm, the step whose bounds contain `aggregated metric − threshold`, and the
 * adjustment (https://docs.aws.amazon.com/autoscaling/application/APIReference/API_StepScalingPolicyConfiguration.html,
 * https://docs.aws.amazon.com/autoscaling/application/APIReference/API_StepAdjustment.html,
 * https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-step-scaling-policies.html).
 *
 * - Bounds are relative to the alarm threshold. Above it the lower bound is inclusive and the upper exclusive;
 *   below it the lower is exclusive and the upper inclusive.
 * - `PercentChangeInCapacity` rounds toward zero past ±1 and to ±1 inside it (12.7 → 12, 0.5 → 1, −0.5 → −1,
 *   −6.67 → −6); `MinAdjustmentMagnitude` raises a smaller change (4 tasks × 25 % = 1 → 2 with magnitude 2).
 * - `Cooldown` (default 300 s): a re-trigger of a scale-out inside it adds only what exceeds the previous
 *   scale-out (computed from the capacity that scale-out started from); scale-in waits it out.
 * - The base is the RUNNING count, as for every ECS scaling activity (captures §1.3).
 *
 * @module
 */
import type { PutScalingPolicyInput, StepAdjustment, StepScalingAlarm, StepScalingPolicyConfiguration } from '../scenario/types.js';
import { alarmCause } from './activities.js';
import { createAlarm, presentDatapoints, type AlarmState, type MetricSource } from './alarms.js';
import { DEFAULT_COOLDOWN_S, type Proposal, type ScalingHistory } from './targetTracking.js';

/** A step-scaling policy and its alarm. */
export interface StepPolicyState {
  readonly _tag: 'Step';
  readonly PolicyName: string;
  readonly PolicyARN: string;
  readonly config: StepScalingPolicyConfiguration;
  readonly cooldownMs: number;
  readonly alarm: AlarmState;
}

const SOURCES: Readonly<Record<StepScalingAlarm['MetricName'], MetricSource>> = {
  CPUUtilization: 'cpu',
  MemoryUtilization: 'memory',
  RequestCountPerTarget: 'requestCountPerTarget',
};

/** Builds the policy and its alarm (inputs already checked). */
export function createStepPolicy(
  input: PutScalingPolicyInput & { readonly StepScalingPolicyConfiguration: StepScalingPolicyConfiguration; readonly Alarm: StepScalingAlarm },
  policyUuid: string,
  ctx: { readonly region: string; readonly accountId: string; readonly nowMs: number },
): StepPolicyState {
  const a = input.Alarm;
  const policyArn = `arn:aws:autoscaling:${ctx.region}:${ctx.accountId}:scalingPolicy:${policyUuid}:resource/ecs/${input.ResourceId}:policyName/${input.PolicyName}`;
  const [, cluster = '', service = ''] = input.ResourceId.split('/');
  const alb = a.MetricName === 'RequestCountPerTarget';
  return {
    _tag: 'Step',
    PolicyName: input.PolicyName,
    PolicyARN: policyArn,
    config: input.StepScalingPolicyConfiguration,
    cooldownMs: (input.StepScalingPolicyConfiguration.Cooldown ?? DEFAULT_COOLDOWN_S) * 1000,
    alarm: createAlarm(
      {
        AlarmName: a.AlarmName,
        AlarmArn: `arn:aws:cloudwatch:${ctx.region}:${ctx.accountId}:alarm:${a.AlarmName}`,
        AlarmActions: [policyArn],
        Namespace: alb ? 'AWS/ApplicationELB' : 'AWS/ECS',
        MetricName: a.MetricName,
        // The twin has no load balancer ids here; the service dimensions name what is measured.
        Dimensions: [
          { Name: 'ClusterName', Value: cluster },
          { Name: 'ServiceName', Value: service },
        ],
        Statistic: a.Statistic,
        Period: a.Period,
        EvaluationPeriods: a.EvaluationPeriods,
        DatapointsToAlarm: a.DatapointsToAlarm ?? a.EvaluationPeriods,
        Threshold: a.Threshold,
        ComparisonOperator: a.ComparisonOperator,
        TreatMissingData: 'missing',
        Unit: alb ? 'None' : 'Percent',
        source: SOURCES[a.MetricName],
      },
      ctx.nowMs,
    ),
  };
}

/** Checks the documented rules of a step list; each problem is one message under `path`. */
export function checkStepAdjustments(steps: readonly StepAdjustment[], path: string): string[] {
  const errors: string[] = [];
  if (steps.length === 0) return [`${path}: at least one step adjustment is required`];
  const lo = (s: StepAdjustment): number => s.MetricIntervalLowerBound ?? -Infinity;
  const hi = (s: StepAdjustment): number => s.MetricIntervalUpperBound ?? Infinity;
  steps.forEach((s, i) => {
    if (s.MetricIntervalLowerBound === undefined && s.MetricIntervalUpperBound === undefined) {
      errors.push(`${path}[${i}]: the lower and upper bound can't both be null`);
    } else if (lo(s) >= hi(s)) errors.push(`${path}[${i}]: the lower bound must be below the upper bound`);
    if (!Number.isInteger(s.ScalingAdjustment)) errors.push(`${path}[${i}].ScalingAdjustment: must be an integer`);
  });
  if (steps.filter((s) => s.MetricIntervalLowerBound === undefined).length > 1) errors.push(`${path}: at most one step can have a null lower bound`);
  if (steps.filter((s) => s.MetricIntervalUpperBound === undefined).length > 1) errors.push(`${path}: at most one step can have a null upper bound`);
  if (steps.some((s) => lo(s) < 0 && s.MetricIntervalLowerBound !== undefined) && !steps.some((s) => s.MetricIntervalLowerBound === undefined)) {
    errors.push(`${path}: a negative lower bound requires a step with a null lower bound`);
  }
  if (steps.some((s) => hi(s) > 0 && s.MetricIntervalUpperBound !== undefined) && !steps.some((s) => s.MetricIntervalUpperBound === undefined)) {
    errors.push(`${path}: a positive upper bound requires a step with a null upper bound`);
  }
  const sorted = [...steps].sort((a, b) => lo(a) - lo(b));
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1] as StepAdjustment;
    const cur = sorted[i] as StepAdjustment;
    if (hi(prev) !== lo(cur)) errors.push(`${path}: the step ranges overlap or leave a gap at ${hi(prev)} / ${lo(cur)}`);
  }
  return errors;
}

/**
 * The step whose bounds contain `diff` (= aggregated metric − threshold); `above` says which side of the
 * threshold the metric is on (it decides the inclusive ends; at 0 it follows the alarm's direction).
 */
export function pickStep(steps: readonly StepAdjustment[], diff: number, above: boolean): StepAdjustment | undefined {
  return steps.find((s) => {
    const lo = s.MetricIntervalLowerBound ?? -Infinity;
    const hi = s.MetricIntervalUpperBound ?? Infinity;
    return above ? lo <= diff && diff < hi : lo < diff && diff <= hi;
  });
}

/**
 * The new capacity from `base` for one step.
 *
 * @example
 * ```ts
 * adjustedCapacity('PercentChangeInCapacity', 25, 4, 2); // 6 (25 % of 4 = 1, raised to MinAdjustmentMagnitude 2)
 * adjustedCapacity('PercentChangeInCapacity', 30, 11);   // 14 (3.3 → 3)
 * ```
 */
export function adjustedCapacity(
  type: StepScalingPolicyConfiguration['AdjustmentType'],
  adjustment: number,
  base: number,
  minAdjustmentMagnitude?: number,
): number {
  if (type === 'ExactCapacity') return adjustment;
  if (type === 'ChangeInCapacity') return Math.max(0, base + adjustment);
  const raw = (base * adjustment) / 100;
  let delta = raw > 1 ? Math.floor(raw) : raw > 0 ? 1 : raw === 0 ? 0 : raw >= -1 ? -1 : Math.ceil(raw);
  if (minAdjustmentMagnitude !== undefined && delta !== 0 && Math.abs(delta) < minAdjustmentMagnitude) {
    delta = Math.sign(delta) * minAdjustmentMagnitude;
  }
  return Math.max(0, base + delta);
}

const aggregateFor = (type: StepScalingPolicyConfiguration['MetricAggregationType'], values: readonly number[]): number =>
  type === 'Minimum' ? Math.min(...values) : type === 'Maximum' ? Math.max(...values) : values.reduce((a, b) => a + b, 0) / values.length;

/** What the policy asks for this minute, if its alarm is in ALARM and its cooldown allows. */
export function stepProposal(p: StepPolicyState, h: ScalingHistory): Proposal | undefined {
  if (p.alarm.state !== 'ALARM') return undefined;
  const values = presentDatapoints(p.alarm);
  if (values.length === 0) return undefined;
  const spec = p.alarm.spec;
  const diff = aggregateFor(p.config.MetricAggregationType, values) - spec.Threshold;
  const above = diff > 0 || (diff === 0 && spec.ComparisonOperator.startsWith('Greater'));
  const step = pickStep(p.config.StepAdjustments, diff, above);
  if (step === undefined) return undefined;
  const compute = (base: number): number =>
    adjustedCapacity(p.config.AdjustmentType, step.ScalingAdjustment, base, p.config.MinAdjustmentMagnitude);
  const want = compute(h.running);
  const cause = alarmCause(spec.AlarmName, p.PolicyName);
  if (want > h.running) {
    const last = h.lastScaleOut;
    if (last !== undefined && h.nowMs < last.atMs + p.cooldownMs) {
      // Inside the cooldown only the part beyond the previous scale-out counts.
      const again = compute(last.baseCapacity);
      return again > last.capacity ? { direction: 'out', capacity: again, cause, withinCooldown: true } : undefined;
    }
    return { direction: 'out', capacity: want, cause };
  }
  if (want < h.running) {
    if (h.lastScaleInMs !== undefined && h.nowMs < h.lastScaleInMs + p.cooldownMs) return undefined;
    return { direction: 'in', capacity: want, cause };
  }
  return undefined;
}
