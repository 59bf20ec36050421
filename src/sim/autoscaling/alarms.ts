/**
 * CloudWatch metric alarms on one service's 1-minute datapoints: the two alarms AAS creates per target-tracking
 * policy, and the user's alarm of a step-scaling policy.
 *
 * Evaluation (SIM RULE from CloudWatch's documented `TreatMissingData: missing` — "the alarm does not consider
 * missing data points when evaluating whether to change state", and "if all datapoints in the evaluation range are
 * missing, the alarm goes to INSUFFICIENT_DATA";
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-missing-data.html): over the last
 * `EvaluationPeriods` period datapoints,
 * - none present → `INSUFFICIENT_DATA`;
 * - at least `DatapointsToAlarm` breaching → `ALARM`;
 * - so few breaching that even every missing one breaching would not reach `DatapointsToAlarm` → `OK`;
 * - otherwise the missing datapoints would decide, so the state stays as it is.
 *
 * A period longer than a minute aggregates its minutes with the alarm's statistic (Average = mean of the minute
 * values, Minimum, Maximum, Sum): with one datapoint per minute for one service, each minute value stands for
 * every statistic of that minute.
 *
 * @module
 */
import type { AlarmStateValue, AlarmTransition } from './types.js';

/** Where an alarm's metric comes from in a {@link ServiceObservation}. */
export type MetricSource = 'cpu' | 'memory' | 'requestCountPerTarget';

/** CloudWatch comparison operators used here. */
export type ComparisonOperator =
  | 'GreaterThanThreshold'
  | 'GreaterThanOrEqualToThreshold'
  | 'LessThanThreshold'
  | 'LessThanOrEqualToThreshold';

/** The static part of an alarm, in DescribeAlarms' member names (Period in seconds). */
export interface AlarmSpec {
  readonly AlarmName: string;
  readonly AlarmArn: string;
  readonly AlarmDescription?: string;
  readonly AlarmActions: readonly string[];
  readonly Namespace: 'AWS/ECS' | 'AWS/ApplicationELB';
  readonly MetricName: 'CPUUtilization' | 'MemoryUtilization' | 'RequestCountPerTarget';
  readonly Dimensions: readonly { readonly Name: string; readonly Value: string }[];
  readonly Statistic: 'Average' | 'Minimum' | 'Maximum' | 'Sum';
  readonly Period: number;
  readonly EvaluationPeriods: number;
  readonly DatapointsToAlarm: number;
  readonly Threshold: number;
  readonly ComparisonOperator: ComparisonOperator;
  readonly TreatMissingData: 'missing';
  readonly Unit?: 'Percent' | 'None';
  /** Not CloudWatch's: which observation field feeds the alarm. */
  readonly source: MetricSource;
}

/** An alarm and its evaluation state. */
export interface AlarmState {
  readonly spec: AlarmSpec;
  readonly state: AlarmStateValue;
  readonly stateUpdatedMs: number;
  /** The last `EvaluationPeriods` period datapoints, oldest first (`null` = missing). */
  readonly window: readonly (number | null)[];
  /** The present minute values of the period in progress (periods longer than a minute). */
  readonly bucket: readonly number[];
  /** `floor(minuteStartMs / periodMs)` of the period in progress; -1 before the first minute. */
  readonly bucketIndex: number;
}

/** A new alarm in `INSUFFICIENT_DATA`, as CloudWatch creates it. */
export function createAlarm(spec: AlarmSpec, nowMs: number): AlarmState {
  return { spec, state: 'INSUFFICIENT_DATA', stateUpdatedMs: nowMs, window: [], bucket: [], bucketIndex: -1 };
}

/** Whether `value` breaches the alarm's threshold. */
export function isBreaching(spec: Pick<AlarmSpec, 'ComparisonOperator' | 'Threshold'>, value: number): boolean {
  switch (spec.ComparisonOperator) {
    case 'GreaterThanThreshold':
      return value > spec.Threshold;
    case 'GreaterThanOrEqualToThreshold':
      return value >= spec.Threshold;
    case 'LessThanThreshold':
      return value < spec.Threshold;
    case 'LessThanOrEqualToThreshold':
      return value <= spec.Threshold;
  }
}

/**
 * The state the window gives (see the module comment), `current` when the missing datapoints would decide.
 *
 * @example
 * ```ts
 * evaluateWindow(spec3of3, [80, 80, 80], 'OK'); // 'ALARM'
 * evaluateWindow(spec3of3, [80, null, 80], 'OK'); // 'OK' (the missing one would decide)
 * ```
 */
export function evaluateWindow(
  spec: Pick<AlarmSpec, 'ComparisonOperator' | 'Threshold' | 'EvaluationPeriods' | 'DatapointsToAlarm'>,
  window: readonly (number | null)[],
  current: AlarmStateValue,
): AlarmStateValue {
  let present = 0;
  let breaching = 0;
  for (let i = Math.max(0, window.length - spec.EvaluationPeriods); i < window.length; i++) {
    const v = window[i];
    if (v === null || v === undefined) continue;
    present++;
    if (isBreaching(spec, v)) breaching++;
  }
  if (present === 0) return 'INSUFFICIENT_DATA';
  if (breaching >= spec.DatapointsToAlarm) return 'ALARM';
  const missing = spec.EvaluationPeriods - present;
  if (breaching + missing < spec.DatapointsToAlarm) return 'OK';
  return current;
}

const aggregate = (statistic: AlarmSpec['Statistic'], values: readonly number[]): number | null => {
  if (values.length === 0) return null;
  switch (statistic) {
    case 'Average':
      return values.reduce((a, b) => a + b, 0) / values.length;
    case 'Sum':
      return values.reduce((a, b) => a + b, 0);
    case 'Minimum':
      return Math.min(...values);
    case 'Maximum':
      return Math.max(...values);
  }
};

/**
 * Feeds the datapoint of the minute starting at `minuteStartMs` and, when that completes a period, evaluates the
 * alarm at `nowMs`. Returns the same object when nothing changed.
 */
export function ingestMinute(
  alarm: AlarmState,
  minuteStartMs: number,
  value: number | null,
  nowMs: number,
  resourceId: string,
): { readonly alarm: AlarmState; readonly transition?: AlarmTransition } {
  const spec = alarm.spec;
  if (spec.Period === 60) {
    // One-minute periods (every target-tracking alarm): each minute is a complete period.
    const window = pushWindow(alarm.window, value, spec.EvaluationPeriods);
    return settle(alarm, window, [], Math.floor(minuteStartMs / 60_000) + 1, nowMs, resourceId);
  }
  const periodMs = spec.Period * 1000;
  const index = Math.floor(minuteStartMs / periodMs);
  let window = alarm.window;
  let bucket = alarm.bucket;
  // A period left incomplete (minutes skipped) still yields its datapoint before the new one starts.
  if (alarm.bucketIndex !== -1 && alarm.bucketIndex < index) {
    if (bucket.length > 0) window = pushWindow(window, aggregate(spec.Statistic, bucket), spec.EvaluationPeriods);
    bucket = [];
  }
  bucket = value === null ? bucket : [...bucket, value];
  const completes = (minuteStartMs + 60_000) % periodMs === 0;
  if (!completes) return { alarm: { ...alarm, window, bucket, bucketIndex: index } };
  window = pushWindow(window, aggregate(spec.Statistic, bucket), spec.EvaluationPeriods);
  return settle(alarm, window, [], index + 1, nowMs, resourceId);
}

/** The alarm with its new window, evaluated at `nowMs`. */
function settle(
  alarm: AlarmState,
  window: readonly (number | null)[],
  bucket: readonly number[],
  bucketIndex: number,
  nowMs: number,
  resourceId: string,
): { readonly alarm: AlarmState; readonly transition?: AlarmTransition } {
  const next = evaluateWindow(alarm.spec, window, alarm.state);
  const changed = next !== alarm.state;
  const updated: AlarmState = {
    spec: alarm.spec,
    state: next,
    stateUpdatedMs: changed ? nowMs : alarm.stateUpdatedMs,
    window,
    bucket,
    bucketIndex,
  };
  if (!changed) return { alarm: updated };
  return {
    alarm: updated,
    transition: { AlarmName: alarm.spec.AlarmName, resourceId, atMs: nowMs, oldState: alarm.state, newState: next },
  };
}

function pushWindow(window: readonly (number | null)[], v: number | null, n: number): readonly (number | null)[] {
  const keep = Math.min(window.length, n - 1);
  const out = new Array<number | null>(keep + 1);
  for (let i = 0; i < keep; i++) out[i] = window[window.length - keep + i] as number | null;
  out[keep] = v;
  return out;
}

/** The most recent period datapoint, `null` when it is missing (or none yet). */
export const latestDatapoint = (alarm: AlarmState): number | null => alarm.window[alarm.window.length - 1] ?? null;

/** The present datapoints of the evaluation window (for a step policy's MetricAggregationType). */
export const presentDatapoints = (alarm: AlarmState): readonly number[] =>
  alarm.window.slice(-alarm.spec.EvaluationPeriods).filter((v): v is number => v !== null);

/** A DescribeAlarms `MetricAlarms` entry (times in epoch ms). */
export interface MetricAlarmDescription extends Omit<AlarmSpec, 'source'> {
  readonly ActionsEnabled: true;
  readonly StateValue: AlarmStateValue;
  readonly StateUpdatedTimestampMs: number;
}

/** The alarm as DescribeAlarms shows it. */
export function describeAlarm(alarm: AlarmState): MetricAlarmDescription {
  const { source: _source, ...spec } = alarm.spec;
  return { ...spec, ActionsEnabled: true, StateValue: alarm.state, StateUpdatedTimestampMs: alarm.stateUpdatedMs };
}
