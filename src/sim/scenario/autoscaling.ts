/**
 * The `autoscaling` section: Application Auto Scaling requests for ECS services, in AAS's own shapes
 * (RegisterScalableTarget, PutScalingPolicy with its step-scaling alarm, PutScheduledAction), checked with AAS's
 * documented rules (API reference: https://docs.aws.amazon.com/autoscaling/application/APIReference/).
 *
 * `ServiceNamespace` and `ScalableDimension` may be left out (they can only be `ecs` and
 * `ecs:service:DesiredCount` here); any other value is an error.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { describeValue } from '../../codecs/reporter.js';
import { parseIsoTimestamp } from './durations.js';
import type { Path } from './problems.js';
import { fail, isObj, optional, readBoolean, readEnum, readList, readNumber, readObject, readString, type Obj, type Reader } from './reader.js';
import { resourceIdOf, type ServiceId } from './serviceRefs.js';
import { checkSchedule, checkStepAdjustments } from './scalingRules.js';
import type {
  AutoscalingInputs,
  PutScalingPolicyInput,
  PutScheduledActionInput,
  RegisterScalableTargetInput,
  StepAdjustment,
  StepScalingAlarm,
  StepScalingPolicyConfiguration,
  TargetTrackingScalingPolicyConfiguration,
} from './types.js';

const CAPACITY = { min: 0, max: 1_000_000, integer: true } as const;
const SECONDS = { min: 0, max: 31_536_000, integer: true } as const;
const NAME_MAX = 256;

/** Decodes `autoscaling`; ResourceIds must name services of the scenario, policies and actions registered targets. */
export function readAutoscaling(r: Reader, u: unknown, path: Path, services: readonly ServiceId[]): AutoscalingInputs | undefined {
  const o = readObject(r, u, path, 'an autoscaling object', { scalableTargets: false, scalingPolicies: false, scheduledActions: false });
  if (o === undefined) return undefined;
  const serviceIds = new Set(services.map(resourceIdOf));
  const items = <T>(key: string, f: (v: unknown, p: Path) => T | undefined): T[] | undefined => {
    const list = optional(o, path, key, (v, p) => readList(r, v, p, `a list of ${key} requests`)) ?? [];
    const out = list.map((v, i) => f(v, [...path, key, i]));
    return out.every((x) => x !== undefined) ? (out as T[]) : undefined;
  };
  const targets = items('scalableTargets', (v, p) => readScalableTarget(r, v, p, serviceIds));
  const registered = new Set<string>();
  (Array.isArray(o.scalableTargets) ? o.scalableTargets : []).forEach((t, i) => {
    if (!isObj(t) || typeof t.ResourceId !== 'string') return;
    if (registered.has(t.ResourceId)) fail(r, [...path, 'scalableTargets', i, 'ResourceId'], `'${t.ResourceId}' is registered twice; register each scalable target once`);
    registered.add(t.ResourceId);
  });
  const policyKeys = new Set<string>();
  const policies = items('scalingPolicies', (v, p) => {
    const policy = readScalingPolicy(r, v, p, registered);
    if (policy === undefined) return undefined;
    const key = `${policy.ResourceId}\u0000${policy.PolicyName}`;
    if (policyKeys.has(key)) return fail(r, [...p, 'PolicyName'], `'${policy.PolicyName}' is already a policy of ${policy.ResourceId}; policy names are unique per scalable target`);
    policyKeys.add(key);
    return policy;
  });
  const actionKeys = new Set<string>();
  const actions = items('scheduledActions', (v, p) => {
    const action = readScheduledAction(r, v, p, registered);
    if (action === undefined) return undefined;
    const key = `${action.ResourceId}\u0000${action.ScheduledActionName}`;
    if (actionKeys.has(key)) return fail(r, [...p, 'ScheduledActionName'], `'${action.ScheduledActionName}' is already a scheduled action of ${action.ResourceId}`);
    actionKeys.add(key);
    return action;
  });
  if (targets === undefined || policies === undefined || actions === undefined) return undefined;
  return { scalableTargets: targets, scalingPolicies: policies, scheduledActions: actions };
}

/** The parts every AAS request here shares: namespace, resource id, dimension. */
function readTargetRef(r: Reader, o: Obj, path: Path, known: ReadonlySet<string>, unknownMessage: (id: string) => string): string | undefined {
  optional(o, path, 'ServiceNamespace', (v, p) => (v === 'ecs' ? v : fail(r, p, `expected ecs (the simulator scales ECS services only), got ${describeValue(v)}`)));
  optional(o, path, 'ScalableDimension', (v, p) =>
    v === 'ecs:service:DesiredCount' ? v : fail(r, p, `expected ecs:service:DesiredCount, got ${describeValue(v)}`),
  );
  return optional(o, path, 'ResourceId', (v, p) => {
    if (typeof v !== 'string' || !/^service\/[^/]+\/[^/]+$/.test(v)) return fail(r, p, `expected a resource id service/<cluster>/<service>, got ${describeValue(v)}`);
    return known.has(v) ? v : fail(r, p, unknownMessage(v));
  });
}

function readScalableTarget(r: Reader, u: unknown, path: Path, serviceIds: ReadonlySet<string>): RegisterScalableTargetInput | undefined {
  const o = readObject(r, u, path, 'a RegisterScalableTarget request', {
    ServiceNamespace: false,
    ResourceId: true,
    ScalableDimension: false,
    MinCapacity: true,
    MaxCapacity: true,
    SuspendedState: false,
    RoleARN: false,
    Tags: false,
  });
  if (o === undefined) return undefined;
  const before = r.issues.length;
  const ResourceId = readTargetRef(r, o, path, serviceIds, (id) => `no service matches ${id} in resources.services (${[...serviceIds].join(', ') || 'there are none'})`);
  const MinCapacity = optional(o, path, 'MinCapacity', (v, p) => readNumber(r, v, p, CAPACITY));
  const MaxCapacity = optional(o, path, 'MaxCapacity', (v, p) => readNumber(r, v, p, CAPACITY));
  if (MinCapacity !== undefined && MaxCapacity !== undefined && MinCapacity > MaxCapacity) {
    // AAS answers a ValidationException: the minimum capacity cannot be greater than the maximum.
    fail(r, [...path, 'MinCapacity'], `MinCapacity (${MinCapacity}) cannot be greater than MaxCapacity (${MaxCapacity})`);
  }
  optional(o, path, 'RoleARN', (v, p) => readString(r, v, p, 1_600));
  const suspended = optional(o, path, 'SuspendedState', (v, p) => {
    const s = readObject(r, v, p, 'a SuspendedState object', { DynamicScalingInSuspended: false, DynamicScalingOutSuspended: false, ScheduledScalingSuspended: false });
    if (s === undefined) return undefined;
    const flag = (k: string): boolean | undefined => optional(s, p, k, (x, q) => readBoolean(r, x, q));
    const [i, out, sched] = [flag('DynamicScalingInSuspended'), flag('DynamicScalingOutSuspended'), flag('ScheduledScalingSuspended')];
    return {
      ...(i === undefined ? {} : { DynamicScalingInSuspended: i }),
      ...(out === undefined ? {} : { DynamicScalingOutSuspended: out }),
      ...(sched === undefined ? {} : { ScheduledScalingSuspended: sched }),
    };
  });
  if (r.issues.length > before || ResourceId === undefined || MinCapacity === undefined || MaxCapacity === undefined) return undefined;
  return {
    ServiceNamespace: 'ecs',
    ResourceId,
    ScalableDimension: 'ecs:service:DesiredCount',
    MinCapacity,
    MaxCapacity,
    ...(suspended === undefined ? {} : { SuspendedState: suspended }),
  };
}

const notRegistered = (id: string): string =>
  `no scalable target is registered for ${id} (AAS: ObjectNotFoundException); add it to autoscaling.scalableTargets`;

function readScalingPolicy(r: Reader, u: unknown, path: Path, registered: ReadonlySet<string>): PutScalingPolicyInput | undefined {
  const o = readObject(r, u, path, 'a PutScalingPolicy request', {
    PolicyName: true,
    ServiceNamespace: false,
    ResourceId: true,
    ScalableDimension: false,
    PolicyType: true,
    TargetTrackingScalingPolicyConfiguration: false,
    StepScalingPolicyConfiguration: false,
    Alarm: false,
  });
  if (o === undefined) return undefined;
  const before = r.issues.length;
  const PolicyName = optional(o, path, 'PolicyName', (v, p) => readString(r, v, p, NAME_MAX));
  const ResourceId = readTargetRef(r, o, path, registered, notRegistered);
  const PolicyType = optional(o, path, 'PolicyType', (v, p) => readEnum(r, v, p, ['TargetTrackingScaling', 'StepScaling'] as const));
  const own = PolicyType === 'TargetTrackingScaling' ? 'TargetTrackingScalingPolicyConfiguration' : 'StepScalingPolicyConfiguration';
  const other = PolicyType === 'TargetTrackingScaling' ? ['StepScalingPolicyConfiguration', 'Alarm'] : ['TargetTrackingScalingPolicyConfiguration'];
  if (PolicyType !== undefined) {
    if (o[own] === undefined) fail(r, [...path, own], `required for a ${PolicyType} policy, but missing`);
    if (PolicyType === 'StepScaling' && o.Alarm === undefined) fail(r, [...path, 'Alarm'], 'required for a StepScaling policy (the CloudWatch alarm that triggers it), but missing');
    for (const k of other) if (o[k] !== undefined) fail(r, [...path, k], `only for a ${k === 'Alarm' || k.startsWith('Step') ? 'StepScaling' : 'TargetTrackingScaling'} policy, but PolicyType is ${PolicyType}`, 'key');
  }
  const tt = optional(o, path, 'TargetTrackingScalingPolicyConfiguration', (v, p) => readTargetTracking(r, v, p));
  const step = optional(o, path, 'StepScalingPolicyConfiguration', (v, p) => readStepScaling(r, v, p));
  const alarm = optional(o, path, 'Alarm', (v, p) => readAlarm(r, v, p));
  if (r.issues.length > before || PolicyName === undefined || ResourceId === undefined || PolicyType === undefined) return undefined;
  return {
    PolicyName,
    ServiceNamespace: 'ecs',
    ResourceId,
    ScalableDimension: 'ecs:service:DesiredCount',
    PolicyType,
    ...(tt === undefined ? {} : { TargetTrackingScalingPolicyConfiguration: tt }),
    ...(step === undefined ? {} : { StepScalingPolicyConfiguration: step }),
    ...(alarm === undefined ? {} : { Alarm: alarm }),
  };
}

const PREDEFINED = ['ECSServiceAverageCPUUtilization', 'ECSServiceAverageMemoryUtilization', 'ALBRequestCountPerTarget'] as const;

function readTargetTracking(r: Reader, u: unknown, path: Path): TargetTrackingScalingPolicyConfiguration | undefined {
  const o = readObject(r, u, path, 'a TargetTrackingScalingPolicyConfiguration object', {
    TargetValue: true,
    PredefinedMetricSpecification: true,
    ScaleOutCooldown: false,
    ScaleInCooldown: false,
    DisableScaleIn: false,
  });
  if (o === undefined) return undefined;
  // TargetValue: a Double within ±2^360 (API_TargetTrackingScalingPolicyConfiguration); a target of 0 or less never
  // makes sense for a utilization or a request count, so the twin asks for > 0.
  const TargetValue = optional(o, path, 'TargetValue', (v, p) => readNumber(r, v, p, { above: 0, max: 1e15 }));
  const spec = optional(o, path, 'PredefinedMetricSpecification', (v, p) => {
    const s = readObject(r, v, p, 'a PredefinedMetricSpecification object', { PredefinedMetricType: true, ResourceLabel: false });
    if (s === undefined) return undefined;
    const type = optional(s, p, 'PredefinedMetricType', (x, q) => readEnum(r, x, q, PREDEFINED));
    const label = optional(s, p, 'ResourceLabel', (x, q) => readString(r, x, q, 1_023));
    if (type === 'ALBRequestCountPerTarget' && s.ResourceLabel === undefined) {
      return fail(r, [...p, 'ResourceLabel'], 'required for ALBRequestCountPerTarget (app/<lb-name>/<lb-id>/targetgroup/<tg-name>/<tg-id>), but missing');
    }
    if (type !== undefined && type !== 'ALBRequestCountPerTarget' && s.ResourceLabel !== undefined) {
      return fail(r, [...p, 'ResourceLabel'], `only for ALBRequestCountPerTarget, not ${type}`, 'key');
    }
    if (type === undefined) return undefined;
    return { PredefinedMetricType: type, ...(label === undefined ? {} : { ResourceLabel: label }) };
  });
  const out = optional(o, path, 'ScaleOutCooldown', (v, p) => readNumber(r, v, p, SECONDS));
  const inn = optional(o, path, 'ScaleInCooldown', (v, p) => readNumber(r, v, p, SECONDS));
  const disable = optional(o, path, 'DisableScaleIn', (v, p) => readBoolean(r, v, p));
  if (TargetValue === undefined || spec === undefined) return undefined;
  return {
    TargetValue,
    PredefinedMetricSpecification: spec,
    ...(out === undefined ? {} : { ScaleOutCooldown: out }),
    ...(inn === undefined ? {} : { ScaleInCooldown: inn }),
    ...(disable === undefined ? {} : { DisableScaleIn: disable }),
  };
}

function readStepScaling(r: Reader, u: unknown, path: Path): StepScalingPolicyConfiguration | undefined {
  const o = readObject(r, u, path, 'a StepScalingPolicyConfiguration object', {
    AdjustmentType: true,
    StepAdjustments: true,
    MinAdjustmentMagnitude: false,
    Cooldown: false,
    MetricAggregationType: false,
  });
  if (o === undefined) return undefined;
  const before = r.issues.length;
  const type = optional(o, path, 'AdjustmentType', (v, p) => readEnum(r, v, p, ['ChangeInCapacity', 'PercentChangeInCapacity', 'ExactCapacity'] as const));
  const steps = optional(o, path, 'StepAdjustments', (v, p) => {
    const list = readList(r, v, p, 'a list of StepAdjustment objects');
    if (list === undefined) return undefined;
    if (list.length === 0 || list.length > 20) return fail(r, p, `expected 1 to 20 step adjustments, got ${list.length}`);
    const out = list.map((s, i) => readStepAdjustment(r, s, [...p, i], type));
    if (!out.every((s) => s !== undefined)) return undefined;
    const broken = checkStepAdjustments(out as StepAdjustment[]);
    return broken === undefined ? (out as StepAdjustment[]) : fail(r, p, broken);
  });
  const magnitude = optional(o, path, 'MinAdjustmentMagnitude', (v, p) =>
    type !== undefined && type !== 'PercentChangeInCapacity'
      ? fail(r, p, `only for AdjustmentType PercentChangeInCapacity, not ${type}`, 'key')
      : readNumber(r, v, p, { min: 1, max: CAPACITY.max, integer: true }),
  );
  const cooldown = optional(o, path, 'Cooldown', (v, p) => readNumber(r, v, p, SECONDS));
  const aggregation = optional(o, path, 'MetricAggregationType', (v, p) => readEnum(r, v, p, ['Average', 'Minimum', 'Maximum'] as const));
  if (r.issues.length > before || type === undefined || steps === undefined) return undefined;
  return {
    AdjustmentType: type,
    StepAdjustments: steps,
    ...(magnitude === undefined ? {} : { MinAdjustmentMagnitude: magnitude }),
    ...(cooldown === undefined ? {} : { Cooldown: cooldown }),
    ...(aggregation === undefined ? {} : { MetricAggregationType: aggregation }),
  };
}

function readStepAdjustment(r: Reader, u: unknown, path: Path, type: string | undefined): StepAdjustment | undefined {
  const o = readObject(r, u, path, 'a StepAdjustment object', { MetricIntervalLowerBound: false, MetricIntervalUpperBound: false, ScalingAdjustment: true });
  if (o === undefined) return undefined;
  const lower = optional(o, path, 'MetricIntervalLowerBound', (v, p) => readNumber(r, v, p));
  const upper = optional(o, path, 'MetricIntervalUpperBound', (v, p) => readNumber(r, v, p));
  // "For exact capacity, you must specify a non-negative value" (API_StepAdjustment).
  const rule = type === 'ExactCapacity' ? { min: 0, max: CAPACITY.max, integer: true } : { min: -CAPACITY.max, max: CAPACITY.max, integer: true };
  const adj = optional(o, path, 'ScalingAdjustment', (v, p) => readNumber(r, v, p, rule));
  if (adj === undefined || (o.MetricIntervalLowerBound !== undefined && lower === undefined) || (o.MetricIntervalUpperBound !== undefined && upper === undefined)) return undefined;
  return {
    ...(lower === undefined ? {} : { MetricIntervalLowerBound: lower }),
    ...(upper === undefined ? {} : { MetricIntervalUpperBound: upper }),
    ScalingAdjustment: adj,
  };
}

function readAlarm(r: Reader, u: unknown, path: Path): StepScalingAlarm | undefined {
  const o = readObject(r, u, path, 'an Alarm object (PutMetricAlarm: AlarmName, MetricName, Statistic, Period, EvaluationPeriods, Threshold, ComparisonOperator)', {
    AlarmName: true,
    MetricName: true,
    Statistic: true,
    Period: true,
    EvaluationPeriods: true,
    DatapointsToAlarm: false,
    Threshold: true,
    ComparisonOperator: true,
  });
  if (o === undefined) return undefined;
  const before = r.issues.length;
  const AlarmName = optional(o, path, 'AlarmName', (v, p) => readString(r, v, p, 255));
  const MetricName = optional(o, path, 'MetricName', (v, p) => readEnum(r, v, p, ['CPUUtilization', 'MemoryUtilization', 'RequestCountPerTarget'] as const));
  const Statistic = optional(o, path, 'Statistic', (v, p) => readEnum(r, v, p, ['Average', 'Minimum', 'Maximum', 'Sum'] as const));
  const Period = optional(o, path, 'Period', (v, p) => {
    const n = readNumber(r, v, p, { min: 60, max: 86_400, integer: true });
    return n === undefined || n % 60 === 0 ? n : fail(r, p, `expected a multiple of 60 seconds (the metrics are per minute), got ${n}`);
  });
  const EvaluationPeriods = optional(o, path, 'EvaluationPeriods', (v, p) => readNumber(r, v, p, { min: 1, max: 1_440, integer: true }));
  const Datapoints = optional(o, path, 'DatapointsToAlarm', (v, p) => {
    const n = readNumber(r, v, p, { min: 1, max: 1_440, integer: true });
    if (n !== undefined && EvaluationPeriods !== undefined && n > EvaluationPeriods) return fail(r, p, `expected at most EvaluationPeriods (${EvaluationPeriods}), got ${n}`);
    return n;
  });
  const Threshold = optional(o, path, 'Threshold', (v, p) => readNumber(r, v, p));
  const ComparisonOperator = optional(o, path, 'ComparisonOperator', (v, p) =>
    readEnum(r, v, p, ['GreaterThanThreshold', 'GreaterThanOrEqualToThreshold', 'LessThanThreshold', 'LessThanOrEqualToThreshold'] as const),
  );
  if (
    r.issues.length > before ||
    AlarmName === undefined ||
    MetricName === undefined ||
    Statistic === undefined ||
    Period === undefined ||
    EvaluationPeriods === undefined ||
    Threshold === undefined ||
    ComparisonOperator === undefined
  ) {
    return undefined;
  }
  return { AlarmName, MetricName, Statistic, Period, EvaluationPeriods, ...(Datapoints === undefined ? {} : { DatapointsToAlarm: Datapoints }), Threshold, ComparisonOperator };
}

function readScheduledAction(r: Reader, u: unknown, path: Path, registered: ReadonlySet<string>): PutScheduledActionInput | undefined {
  const o = readObject(r, u, path, 'a PutScheduledAction request', {
    ScheduledActionName: true,
    ServiceNamespace: false,
    ResourceId: true,
    ScalableDimension: false,
    Schedule: true,
    Timezone: false,
    StartTime: false,
    EndTime: false,
    ScalableTargetAction: true,
  });
  if (o === undefined) return undefined;
  const before = r.issues.length;
  const name = optional(o, path, 'ScheduledActionName', (v, p) => {
    const s = readString(r, v, p, NAME_MAX);
    // The API's pattern: no control characters, no ':', '/' or '|', no leading or trailing space.
    return s === undefined || (!/[\u0000-\u001f\u007f-\u009f:/|]/.test(s) && s.trim() === s) ? s : fail(r, p, `expected a name without ':', '/', '|', control characters or surrounding spaces, got ${describeValue(s)}`);
  });
  const ResourceId = readTargetRef(r, o, path, registered, notRegistered);
  const Schedule = optional(o, path, 'Schedule', (v, p) => {
    if (typeof v !== 'string') return fail(r, p, `expected a schedule at(…), rate(…) or cron(…), got ${describeValue(v)}`);
    const broken = checkSchedule(v);
    return broken === undefined ? v : fail(r, p, broken);
  });
  const Timezone = optional(o, path, 'Timezone', (v, p) => {
    const s = readString(r, v, p, 64);
    return s === undefined || isTimeZone(s) ? s : fail(r, p, `expected an IANA time zone name such as "Europe/London" or "Etc/GMT+9", got ${describeValue(s)}`);
  });
  const instant = (v: unknown, p: Path): number | undefined => {
    if (typeof v !== 'string') return fail(r, p, `expected an ISO-8601 timestamp such as "2024-01-01T10:00:00Z", got ${describeValue(v)}`);
    const ms = parseIsoTimestamp(v);
    return E.isRight(ms) ? ms.right : fail(r, p, ms.left);
  };
  const StartTimeMs = optional(o, path, 'StartTime', instant);
  const EndTimeMs = optional(o, path, 'EndTime', instant);
  if (StartTimeMs !== undefined && EndTimeMs !== undefined && EndTimeMs < StartTimeMs) fail(r, [...path, 'EndTime'], 'expected an EndTime after StartTime');
  const action = optional(o, path, 'ScalableTargetAction', (v, p) => {
    const a = readObject(r, v, p, 'a ScalableTargetAction object { MinCapacity?, MaxCapacity? }', { MinCapacity: false, MaxCapacity: false });
    if (a === undefined) return undefined;
    const min = optional(a, p, 'MinCapacity', (x, q) => readNumber(r, x, q, CAPACITY));
    const max = optional(a, p, 'MaxCapacity', (x, q) => readNumber(r, x, q, CAPACITY));
    if (a.MinCapacity === undefined && a.MaxCapacity === undefined) return fail(r, p, 'expected MinCapacity, MaxCapacity or both');
    if (min !== undefined && max !== undefined && min > max) return fail(r, [...p, 'MinCapacity'], `MinCapacity (${min}) cannot be greater than MaxCapacity (${max})`);
    return { ...(min === undefined ? {} : { MinCapacity: min }), ...(max === undefined ? {} : { MaxCapacity: max }) };
  });
  if (r.issues.length > before || name === undefined || ResourceId === undefined || Schedule === undefined || action === undefined) return undefined;
  return {
    ScheduledActionName: name,
    ServiceNamespace: 'ecs',
    ResourceId,
    ScalableDimension: 'ecs:service:DesiredCount',
    Schedule,
    ...(Timezone === undefined ? {} : { Timezone }),
    ...(StartTimeMs === undefined ? {} : { StartTimeMs }),
    ...(EndTimeMs === undefined ? {} : { EndTimeMs }),
    ScalableTargetAction: action,
  };
}

/** Whether the runtime's time-zone database knows `name` (pure: a lookup, not the host's own zone). */
function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
