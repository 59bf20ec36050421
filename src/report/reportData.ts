/**
 * The data a report page embeds: a trimmed, rounded copy of a {@link SimulationResult} holding what the charts
 * draw. A 24 h × 200-service × 100-seed result holds billions of numbers; the page keeps the series of the first
 * few seeds per variant and of the first few services, and every statistic (the tables are rendered from the full
 * result, not from this).
 *
 * @module
 */
import type { AccountSeries, Marker, ScalingTarget, SimulationResult } from '../sim/result.js';

/** How much of a result the page embeds. */
export interface ReportLimits {
  /** Seeds per variant whose series are embedded (the seed selector offers these). Default 3. */
  readonly maxSeedsPerVariant: number;
  /** Services whose series are embedded (the service selector offers these), in scenario order. Default 10. */
  readonly maxChartServices: number;
}

/** The defaults: enough to explore, small enough that a 24 h × 200-service page stays a few megabytes. */
export const DEFAULT_REPORT_LIMITS: ReportLimits = { maxSeedsPerVariant: 3, maxChartServices: 10 };

/**
 * The per-service series the charts draw (names as in {@link ServiceSeries}), rounded to what a chart shows:
 * utilization to 0.1 %, requests to whole requests, costs to 4 significant digits, anything else to 6
 * ({@link roundForChart}). A service's per-period cost is left out (the cost chart draws the account's; the
 * outcome table has each service's).
 */
export interface ChartServiceSeries {
  readonly RunningTaskCount: readonly number[];
  readonly DesiredTaskCount: readonly number[];
  readonly PendingTaskCount: readonly number[];
  readonly CPUUtilization: readonly (number | null)[];
  readonly MemoryUtilization: readonly (number | null)[];
  readonly OfferedRequests: readonly number[];
  readonly ServedRequests: readonly number[];
  readonly DroppedRequests: readonly number[];
}

/** One embedded seed. */
export interface ReportSeed {
  readonly seed: number;
  readonly startMs: number;
  readonly periodMs: number;
  readonly periods: number;
  readonly services: Readonly<Record<string, ChartServiceSeries>>;
  readonly account: AccountSeries;
  readonly subnets: Readonly<Record<string, readonly number[]>>;
  readonly markers: readonly Marker[];
  readonly notes: readonly string[];
}

/** One embedded variant. */
export interface ReportVariant {
  readonly name: string;
  readonly description?: string;
  /** Seeds run (all of them), of which `seeds` embeds the first few. */
  readonly seedCount: number;
  readonly seeds: readonly ReportSeed[];
  readonly fan: Readonly<Record<string, { readonly p10: readonly number[]; readonly p50: readonly number[]; readonly p90: readonly number[] }>>;
}

/** Everything the page's script reads. */
export interface ReportData {
  readonly scenario: string;
  readonly durationMs: number;
  readonly periodMs: number;
  readonly seedCount: number;
  readonly best: string | null;
  /** Every service, in scenario order. */
  readonly services: readonly string[];
  /** The services with embedded series (a prefix of `services`). */
  readonly chartServices: readonly string[];
  readonly scalingTargets: Readonly<Record<string, ScalingTarget>>;
  readonly variants: readonly ReportVariant[];
}

/**
 * Rounds a non-integer to 6 significant digits (integers stay exact): enough for a chart, and it keeps
 * `73.33333333333333` from costing 17 bytes a point.
 */
export function roundForChart(x: number): number {
  return Number.isInteger(x) || !Number.isFinite(x) ? x : Number(x.toPrecision(6));
}

function roundAll(xs: readonly number[]): number[] {
  return xs.map(roundForChart);
}

/** Request counts as whole requests: a fraction of a request draws no differently and costs bytes. */
function roundCounts(xs: readonly number[]): number[] {
  return xs.map((x) => Math.round(x));
}

/** Utilization to 0.1 %, the precision a chart can show. */
function roundPercents(xs: readonly (number | null)[]): (number | null)[] {
  return xs.map((x) => (x === null ? null : Math.round(x * 10) / 10));
}

/** Per-period costs to 4 significant digits: a cumulative curve drawn from them is off by under 0.01 %. */
function roundCosts(xs: readonly number[]): number[] {
  return xs.map((x) => (x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(4))));
}

function mapRecord<A, B>(record: Readonly<Record<string, A>>, keys: readonly string[], f: (a: A) => B): Record<string, B> {
  const out: Record<string, B> = {};
  for (const k of keys) {
    const v = record[k];
    if (v !== undefined) out[k] = f(v);
  }
  return out;
}

/** A quota series; `null` (no limit) stays `null`, which the chart leaves undrawn. */
function roundQuota(xs: readonly (number | null)[]): (number | null)[] {
  return xs.map((x) => (x === null ? null : roundForChart(x)));
}

function roundAccount(a: AccountSeries): AccountSeries {
  return {
    OnDemandVcpuInUse: roundAll(a.OnDemandVcpuInUse),
    OnDemandVcpuQuota: roundQuota(a.OnDemandVcpuQuota),
    SpotVcpuInUse: roundAll(a.SpotVcpuInUse),
    SpotVcpuQuota: roundQuota(a.SpotVcpuQuota),
    LaunchFailures: roundAll(a.LaunchFailures),
    Throttles: roundAll(a.Throttles),
    SpotInterruptions: roundAll(a.SpotInterruptions),
    DeploymentsStarted: roundAll(a.DeploymentsStarted),
    DeploymentsCompleted: roundAll(a.DeploymentsCompleted),
    DeploymentsFailed: roundAll(a.DeploymentsFailed),
    DeploymentsRolledBack: roundAll(a.DeploymentsRolledBack),
    CostUsd: roundCosts(a.CostUsd),
  };
}

/** Every service named anywhere in the result, in the order first seen (scenario order, then later variants'). */
export function servicesOf(result: SimulationResult): string[] {
  const seen = new Set<string>();
  for (const v of result.variants) {
    for (const s of v.seeds) for (const name of Object.keys(s.services)) seen.add(name);
    for (const name of Object.keys(v.outcomes)) if (name !== 'total') seen.add(name);
  }
  return [...seen];
}

/**
 * The data embedded in the page for `result`, within `limits`. Pure; the same result gives the same data.
 * @category report
 */
export function reportData(result: SimulationResult, limits: ReportLimits = DEFAULT_REPORT_LIMITS): ReportData {
  const services = servicesOf(result);
  const chartServices = services.slice(0, Math.max(0, limits.maxChartServices));
  return {
    scenario: result.scenario,
    durationMs: result.durationMs,
    periodMs: result.periodMs,
    seedCount: result.seedCount,
    best: result.best,
    services,
    chartServices,
    scalingTargets: mapRecord(result.scalingTargets ?? {}, chartServices, (t) => ({ metric: t.metric, targetValue: t.targetValue })),
    variants: result.variants.map((v) => ({
      name: v.name,
      ...(v.description !== undefined ? { description: v.description } : {}),
      seedCount: v.seeds.length,
      seeds: v.seeds.slice(0, Math.max(1, limits.maxSeedsPerVariant)).map((s) => ({
        seed: s.seed,
        startMs: s.startMs,
        periodMs: s.periodMs,
        periods: s.periods,
        services: mapRecord(s.services, chartServices, (x) => ({
          RunningTaskCount: roundAll(x.RunningTaskCount),
          DesiredTaskCount: roundAll(x.DesiredTaskCount),
          PendingTaskCount: roundAll(x.PendingTaskCount),
          CPUUtilization: roundPercents(x.CPUUtilization),
          MemoryUtilization: roundPercents(x.MemoryUtilization),
          OfferedRequests: roundCounts(x.OfferedRequests),
          ServedRequests: roundCounts(x.ServedRequests),
          DroppedRequests: roundCounts(x.DroppedRequests),
        })),
        account: roundAccount(s.account),
        subnets: mapRecord(s.subnets, Object.keys(s.subnets), roundAll),
        markers: s.markers.map((m) => ({
          atMs: m.atMs,
          kind: m.kind,
          ...(m.service !== undefined ? { service: m.service } : {}),
          label: m.label,
          ...(m.endMs !== undefined ? { endMs: m.endMs } : {}),
        })),
        notes: [...s.notes],
      })),
      fan: mapRecord(v.fan, chartServices, (f) => ({ p10: roundAll(f.p10), p50: roundAll(f.p50), p90: roundAll(f.p90) })),
    })),
  };
}

/**
 * JSON for a `<script type="application/json">` element: `<`, `>` and `&` become `\u003c`… so no service name
 * can close the element (`</script>`) or open a comment (`<!--`), and U+2028/U+2029 are escaped for old parsers.
 * `JSON.parse` of the element's text gives the value back unchanged.
 * @category report
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
