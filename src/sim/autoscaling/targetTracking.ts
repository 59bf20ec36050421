/**
 * Target-tracking policies: the two alarms AAS creates, and what the policy asks for when one is in ALARM.
 *
 * Alarms (OBSERVED in live exports, shared/ecs-autoscaling-captures.md §1.1): `AlarmHigh` = metric
 * `GreaterThanThreshold` TargetValue for 3 of 3 one-minute periods; `AlarmLow` = `LessThanThreshold`
 * 0.9 × TargetValue for 15 of 15; `TreatMissingData: missing`; CPU/memory `Average` from `AWS/ECS`,
 * `RequestCountPerTarget` `Sum` from `AWS/ApplicationELB`. With `DisableScaleIn` only `AlarmHigh` exists (SIM RULE:
 * nothing would act on the low one).
 *
 * New capacity (SIM RULE, §1.3 — AWS publishes no formula): `ceil(running × metric / TargetValue)` from the RUNNING
 * count (DOCUMENTED: "the actual running task count … is the starting point"), which rounds up on scale-out and
 * removes too few rather than too many on scale-in; from 0 running tasks a scale-out asks for 1 ("scales out by the
 * minimum possible amount"). Cooldowns (DOCUMENTED, API_TargetTrackingScalingPolicyConfiguration, default 300 s
 * each for ECS): inside the scale-out cooldown a scale-out happens only when it asks for more than the previous
 * scale-out set; scale-in waits out the scale-in cooldown (a scale-out clears it).
 *
 * @module
 */
import type { PredefinedMetricType, PutScalingPolicyInput, TargetTrackingScalingPolicyConfiguration } from '../scenario/types.js';
import { createAlarm, latestDatapoint, type AlarmSpec, type AlarmState, type MetricSource } from './alarms.js';
import { alarmCause } from './activities.js';

/** A target-tracking policy and its alarms. */
export interface TargetTrackingPolicyState {
  readonly _tag: 'TargetTracking';
  readonly PolicyName: string;
  readonly PolicyARN: string;
  readonly TargetValue: number;
  readonly metricType: PredefinedMetricType;
  readonly scaleOutCooldownMs: number;
  readonly scaleInCooldownMs: number;
  readonly disableScaleIn: boolean;
  readonly high: AlarmState;
  readonly low?: AlarmState;
}

/** What a policy asks for this minute. */
export interface Proposal {
  readonly direction: 'out' | 'in';
  readonly capacity: number;
  readonly cause: string;
  /** A scale-out inside the previous scale-out's cooldown: it keeps that cooldown's start and base. */
  readonly withinCooldown?: boolean;
}

/** When the policy last scaled (shared by the target's policies). */
export interface ScalingHistory {
  readonly nowMs: number;
  readonly running: number;
  readonly lastScaleOut?: { readonly atMs: number; readonly baseCapacity: number; readonly capacity: number };
  readonly lastScaleInMs?: number;
}

/** 300 s: the default of both cooldowns for ECS services. */
export const DEFAULT_COOLDOWN_S = 300;

/** The observation field a predefined metric reads. */
export const sourceOf = (m: PredefinedMetricType): MetricSource =>
  m === 'ECSServiceAverageCPUUtilization' ? 'cpu' : m === 'ECSServiceAverageMemoryUtilization' ? 'memory' : 'requestCountPerTarget';

/** The `ResourceLabel` form `app/<lb>/<id>/targetgroup/<tg>/<id>`. */
export const RESOURCE_LABEL = /^(app\/[^/]+\/[^/]+)\/(targetgroup\/[^/]+\/[^/]+)$/;

/** Ids the policy needs, drawn by the caller from the seeded generator. */
export interface PolicyIds {
  readonly policyUuid: string;
  readonly highUuid: string;
  readonly lowUuid: string;
}

/** Builds the policy and its alarms (inputs already checked). */
export function createTargetTrackingPolicy(
  input: PutScalingPolicyInput & { readonly TargetTrackingScalingPolicyConfiguration: TargetTrackingScalingPolicyConfiguration },
  ids: PolicyIds,
  ctx: { readonly region: string; readonly accountId: string; readonly nowMs: number },
): TargetTrackingPolicyState {
  const cfg = input.TargetTrackingScalingPolicyConfiguration;
  const metricType = cfg.PredefinedMetricSpecification.PredefinedMetricType;
  const resource = input.ResourceId;
  const policyArn = `arn:aws:autoscaling:${ctx.region}:${ctx.accountId}:scalingPolicy:${ids.policyUuid}:resource/ecs/${resource}:policyName/${input.PolicyName}`;
  const [, cluster = '', service = ''] = resource.split('/');
  const label = RESOURCE_LABEL.exec(cfg.PredefinedMetricSpecification.ResourceLabel ?? '');
  const metric: Pick<AlarmSpec, 'Namespace' | 'MetricName' | 'Dimensions' | 'Statistic' | 'Unit' | 'source'> =
    metricType === 'ALBRequestCountPerTarget'
      ? {
          Namespace: 'AWS/ApplicationELB',
          MetricName: 'RequestCountPerTarget',
          Dimensions: [
            { Name: 'LoadBalancer', Value: label?.[1] ?? '' },
            { Name: 'TargetGroup', Value: label?.[2] ?? '' },
          ],
          Statistic: 'Sum',
          Unit: 'None',
          source: 'requestCountPerTarget',
        }
      : {
          Namespace: 'AWS/ECS',
          MetricName: metricType === 'ECSServiceAverageCPUUtilization' ? 'CPUUtilization' : 'MemoryUtilization',
          Dimensions: [
            { Name: 'ClusterName', Value: cluster },
            { Name: 'ServiceName', Value: service },
          ],
          Statistic: 'Average',
          Unit: 'Percent',
          source: sourceOf(metricType),
        };
  const alarm = (kind: 'High' | 'Low', uuid: string): AlarmState => {
    const name = `TargetTracking-${resource}-Alarm${kind}-${uuid}`;
    return createAlarm(
      {
        AlarmName: name,
        AlarmArn: `arn:aws:cloudwatch:${ctx.region}:${ctx.accountId}:alarm:${name}`,
        AlarmDescription: `DO NOT EDIT OR DELETE. For TargetTrackingScaling policy ${policyArn}.`,
        AlarmActions: [policyArn],
        ...metric,
        Period: 60,
        EvaluationPeriods: kind === 'High' ? 3 : 15,
        DatapointsToAlarm: kind === 'High' ? 3 : 15,
        // × 9 / 10 rather than × 0.9 keeps 70 → 63 exact, as the live alarms show.
        Threshold: kind === 'High' ? cfg.TargetValue : (cfg.TargetValue * 9) / 10,
        ComparisonOperator: kind === 'High' ? 'GreaterThanThreshold' : 'LessThanThreshold',
        TreatMissingData: 'missing',
      },
      ctx.nowMs,
    );
  };
  const disableScaleIn = cfg.DisableScaleIn ?? false;
  return {
    _tag: 'TargetTracking',
    PolicyName: input.PolicyName,
    PolicyARN: policyArn,
    TargetValue: cfg.TargetValue,
    metricType,
    scaleOutCooldownMs: (cfg.ScaleOutCooldown ?? DEFAULT_COOLDOWN_S) * 1000,
    scaleInCooldownMs: (cfg.ScaleInCooldown ?? DEFAULT_COOLDOWN_S) * 1000,
    disableScaleIn,
    high: alarm('High', ids.highUuid),
    ...(disableScaleIn ? {} : { low: alarm('Low', ids.lowUuid) }),
  };
}

/**
 * `ceil` of a ratio that float arithmetic may have nudged past an integer (`5.000000000001` is 5 here, not 6).
 */
export const ceilRatio = (x: number): number => Math.ceil(Math.round(x * 1e6) / 1e6);

/** The capacity the metric asks for: `ceil(running × metric / target)`. */
export const trackedCapacity = (running: number, metric: number, target: number): number => ceilRatio((running * metric) / target);

/**
 * What the policy asks for this minute, if anything: a scale-out while `AlarmHigh` is in ALARM (outside the
 * scale-out cooldown, or for more than the last scale-out set), a scale-in while `AlarmLow` is in ALARM outside
 * the scale-in cooldown. The latest datapoint must be present (no data, no scaling).
 */
export function targetTrackingProposal(p: TargetTrackingPolicyState, h: ScalingHistory): Proposal | undefined {
  if (p.high.state === 'ALARM') {
    const m = latestDatapoint(p.high);
    if (m === null) return undefined;
    const want = h.running === 0 ? 1 : Math.max(h.running + 1, trackedCapacity(h.running, m, p.TargetValue));
    const last = h.lastScaleOut;
    const within = last !== undefined && h.nowMs < last.atMs + p.scaleOutCooldownMs;
    if (within && want <= last.capacity) return undefined;
    return { direction: 'out', capacity: want, cause: alarmCause(p.high.spec.AlarmName, p.PolicyName), withinCooldown: within };
  }
  if (p.low?.state === 'ALARM') {
    const m = latestDatapoint(p.low);
    if (m === null) return undefined;
    if (h.lastScaleInMs !== undefined && h.nowMs < h.lastScaleInMs + p.scaleInCooldownMs) return undefined;
    const want = trackedCapacity(h.running, m, p.TargetValue);
    return { direction: 'in', capacity: want, cause: alarmCause(p.low.spec.AlarmName, p.PolicyName) };
  }
  return undefined;
}
