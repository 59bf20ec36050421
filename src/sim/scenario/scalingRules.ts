/**
 * Application Auto Scaling's rules that span several fields: the step adjustments of a step-scaling policy, and
 * the syntax of a scheduled action's `Schedule`.
 *
 * @module
 */
import type { StepAdjustment } from './types.js';

/**
 * Why `steps` break AAS's rules (API_StepAdjustment), or `undefined` when they keep them:
 * ranges neither overlap nor leave gaps; at most one null lower bound and one null upper bound, never both in one
 * step; a negative lower bound needs a step with a null lower bound, a positive upper bound one with a null upper
 * bound; each lower bound below its upper bound.
 */
export function checkStepAdjustments(steps: readonly StepAdjustment[]): string | undefined {
  const lowerNulls = steps.filter((s) => s.MetricIntervalLowerBound === undefined).length;
  const upperNulls = steps.filter((s) => s.MetricIntervalUpperBound === undefined).length;
  for (const [i, s] of steps.entries()) {
    const [lo, hi] = [s.MetricIntervalLowerBound, s.MetricIntervalUpperBound];
    if (lo === undefined && hi === undefined) return `step ${i}: the upper and lower bound can't both be null in one step adjustment`;
    if (lo !== undefined && hi !== undefined && lo >= hi) return `step ${i}: MetricIntervalLowerBound (${lo}) must be below MetricIntervalUpperBound (${hi})`;
  }
  if (lowerNulls > 1) return 'at most one step adjustment can have a null lower bound';
  if (upperNulls > 1) return 'at most one step adjustment can have a null upper bound';
  if (lowerNulls === 0 && steps.some((s) => (s.MetricIntervalLowerBound ?? 0) < 0)) {
    return 'a step adjustment has a negative lower bound, so one step adjustment must have a null lower bound';
  }
  if (upperNulls === 0 && steps.some((s) => (s.MetricIntervalUpperBound ?? 0) > 0)) {
    return 'a step adjustment has a positive upper bound, so one step adjustment must have a null upper bound';
  }
  const sorted = [...steps].sort((a, b) => (a.MetricIntervalLowerBound ?? -Infinity) - (b.MetricIntervalLowerBound ?? -Infinity));
  for (let i = 1; i < sorted.length; i++) {
    const prevUpper = sorted[i - 1]!.MetricIntervalUpperBound;
    const lower = sorted[i]!.MetricIntervalLowerBound;
    if (prevUpper === undefined || lower === undefined || prevUpper !== lower) {
      return `the ranges of the step adjustments can't overlap or have a gap (one ends at ${prevUpper ?? '+∞'}, the next starts at ${lower ?? '-∞'})`;
    }
  }
  return undefined;
}

const CRON_FIELDS: readonly { name: string; chars: RegExp }[] = [
  { name: 'Minutes', chars: /^[0-9,\-*/]+$/ },
  { name: 'Hours', chars: /^[0-9,\-*/]+$/ },
  { name: 'Day-of-month', chars: /^[0-9,\-*/?LW]+$/ },
  { name: 'Month', chars: /^[0-9A-Za-z,\-*/]+$/ },
  { name: 'Day-of-week', chars: /^[0-9A-Za-z,\-*/?L#]+$/ },
  { name: 'Year', chars: /^[0-9,\-*/]+$/ },
];

/**
 * Why `schedule` is not an AAS schedule expression, or `undefined`: `at(yyyy-mm-ddThh:mm:ss)`, `rate(value unit)`
 * (a positive integer; minute(s), hour(s), day(s)) or `cron(Minutes Hours Day-of-month Month Day-of-week Year)`,
 * with `?` in day-of-month or day-of-week (EventBridge's cron syntax, which AAS uses). Syntax only: the runner
 * computes the fire times.
 * Source: https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScheduledAction.html
 */
export function checkSchedule(schedule: string): string | undefined {
  const s = schedule.trim();
  const at = /^at\((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\)$/.exec(s);
  if (at !== null) {
    const [y, mo, d, h, mi, sec] = at.slice(1).map(Number) as [number, number, number, number, number, number];
    const check = new Date(Date.UTC(y, mo - 1, d));
    const ok = mo >= 1 && mo <= 12 && check.getUTCDate() === d && h <= 23 && mi <= 59 && sec <= 59;
    return ok ? undefined : `at(…) names no real instant: ${JSON.stringify(schedule)}`;
  }
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(s);
  if (rate !== null) {
    const n = Number(rate[1]);
    // AAS lists the units without EventBridge's singular/plural rule, so either form is accepted for any value.
    return n >= 1 && n <= 1_000_000 ? undefined : `rate(…) needs a positive integer value, got ${rate[1]}`;
  }
  const cron = /^cron\((.*)\)$/.exec(s);
  if (cron !== null) {
    const fields = cron[1]!.trim().split(/\s+/);
    if (fields.length !== 6) return `cron(…) takes six fields (Minutes Hours Day-of-month Month Day-of-week Year), got ${fields.length}`;
    for (const [i, f] of fields.entries()) {
      if (!CRON_FIELDS[i]!.chars.test(f)) return `cron(…) field ${CRON_FIELDS[i]!.name} ${JSON.stringify(f)} is not valid`;
    }
    if (fields[2] !== '?' && fields[4] !== '?') return 'cron(…) needs ? in Day-of-month or Day-of-week (one of them must be left open)';
    return undefined;
  }
  return `expected a schedule at(yyyy-mm-ddThh:mm:ss), rate(value unit) or cron(fields), got ${JSON.stringify(schedule.length > 60 ? `${schedule.slice(0, 57)}...` : schedule)}`;
}
