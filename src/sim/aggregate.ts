/**
 * Aggregation of per-seed results into a {@link SimulationResult}: per variant, each outcome's statistics over
 * the seeds, the fan chart of running tasks, the asserts' verdicts, the deltas against the first variant, and
 * the best variant.
 *
 * Pure and order-free: seeds are grouped by variant in the scenario file's order and sorted by seed before any
 * sum, so the result is the same bytes whatever order the seeds arrive in (worker threads, shards).
 *
 * @module
 */
import { compareNumbers } from '../domain/pmap.js';
import { evaluateAsserts, TOTAL_SUBJECT } from './asserts.js';
import type { ScalingTarget, SeedResult, ServiceOutcome, SimulationResult, Stats, TotalOutcome, VariantResult } from './result.js';
import type { Scenario, ScenarioFile } from './scenario/types.js';
import { percentileOfSorted, statsOf } from './stats.js';

/** The name of the only variant of a scenario file without `variants`. */
export const BASE_VARIANT = 'base';

/** The per-service outcome numbers that get statistics, in the order they appear in results. */
export const SERVICE_OUTCOME_METRICS = [
  'minutesBelowDesired',
  'minutesOverloaded',
  'offeredRequests',
  'servedRequests',
  'droppedRequests',
  'droppedRequestsPct',
  'tasksReplaced',
  'spotInterruptions',
  'costUsd',
  'maxTimeToSteadyStateMinutes',
] as const satisfies readonly (keyof ServiceOutcome)[];

/** The total outcome numbers that get statistics, in the order they appear in results. */
export const TOTAL_OUTCOME_METRICS = [
  'minutesBelowDesired',
  'minutesOverloaded',
  'offeredRequests',
  'servedRequests',
  'droppedRequests',
  'droppedRequestsPct',
  'tasksReplaced',
  'spotInterruptions',
  'costUsd',
  'launchFailures',
  'throttles',
  'maxTimeToSteadyStateMinutes',
] as const satisfies readonly (keyof TotalOutcome)[];

/** A variant of a scenario file as it runs: its name, description and resolved scenario. */
export interface RunnableVariant {
  readonly name: string;
  readonly description?: string;
  readonly scenario: Scenario;
}

/** The variants that run, in file order: the declared ones, or the base alone as {@link BASE_VARIANT}. */
export function variantsOf(file: ScenarioFile): readonly RunnableVariant[] {
  if (file.variants.length > 0) return file.variants;
  return [{ name: BASE_VARIANT, ...(file.base.description !== undefined ? { description: file.base.description } : {}), scenario: file.base }];
}

/** Service keys over the seeds, first-seen order (seeds sorted by seed): the scenario's declaration order. */
function serviceKeys(seeds: readonly SeedResult[]): string[] {
  const keys = new Set<string>();
  for (const s of seeds) for (const k of Object.keys(s.outcomes)) keys.add(k);
  return [...keys];
}

function outcomeStats(seeds: readonly SeedResult[], services: readonly string[]): Record<string, Record<string, Stats>> {
  const out: Record<string, Record<string, Stats>> = {};
  for (const service of services) {
    const perMetric: Record<string, Stats> = {};
    // A seed without the service (it cannot happen with one scenario, but seeds are data) contributes nothing.
    const present = seeds.map((s) => s.outcomes[service]).filter((o): o is ServiceOutcome => o !== undefined);
    for (const m of SERVICE_OUTCOME_METRICS) perMetric[m] = statsOf(present.map((o) => o[m]));
    out[service] = perMetric;
  }
  const total: Record<string, Stats> = {};
  for (const m of TOTAL_OUTCOME_METRICS) total[m] = statsOf(seeds.map((s) => s.totals[m]));
  out[TOTAL_SUBJECT] = total;
  return out;
}

function fanOf(seeds: readonly SeedResult[], services: readonly string[]): VariantResult['fan'] {
  const fan: Record<string, { p10: number[]; p50: number[]; p90: number[] }> = {};
  for (const service of services) {
    const series = seeds.map((s) => s.services[service]?.RunningTaskCount).filter((r): r is readonly number[] => r !== undefined);
    const periods = series.reduce((n, r) => Math.max(n, r.length), 0);
    const p10: number[] = [];
    const p50: number[] = [];
    const p90: number[] = [];
    for (let i = 0; i < periods; i++) {
      const sorted = series.map((r) => r[i]).filter((v): v is number => v !== undefined).sort(compareNumbers);
      p10.push(percentileOfSorted(sorted, 10));
      p50.push(percentileOfSorted(sorted, 50));
      p90.push(percentileOfSorted(sorted, 90));
    }
    fan[service] = { p10, p50, p90 };
  }
  return fan;
}

/**
 * Per service (`cluster/service`), the first target-tracking policy's metric and target, for the report's
 * utilization chart; from the first variant's scenario (the baseline the others are compared with).
 */
export function scalingTargetsOf(scenario: Scenario): Record<string, ScalingTarget> {
  const out: Record<string, ScalingTarget> = {};
  for (const p of scenario.autoscaling.scalingPolicies) {
    const config = p.TargetTrackingScalingPolicyConfiguration;
    // ResourceId is `service/<cluster>/<service>`; results key services `cluster/service`.
    const key = p.ResourceId.startsWith('service/') ? p.ResourceId.slice('service/'.length) : p.ResourceId;
    if (p.PolicyType !== 'TargetTrackingScaling' || config === undefined || key in out) continue;
    out[key] = { metric: config.PredefinedMetricSpecification.PredefinedMetricType, targetValue: config.TargetValue };
  }
  return out;
}

/** Mean of a total metric, from the statistics (0 when the variant ran no seed). */
function totalMean(outcomes: VariantResult['outcomes'], metric: (typeof TOTAL_OUTCOME_METRICS)[number]): number {
  return outcomes[TOTAL_SUBJECT]?.[metric]?.mean ?? 0;
}

/**
 * Aggregates per-seed results into the result of the whole run.
 *
 * - Variants in `file`'s order ({@link variantsOf}); each variant's seeds are those of `seeds` with its name,
 *   sorted by seed (each `(variant, seed)` is expected once; seeds of variants not in `file` are ignored).
 * - `outcomes`: per service (first-seen order), then `total`: each outcome number's {@link Stats} over the seeds
 *   (nearest-rank percentiles, see `stats.ts`).
 * - `fan`: per service and period, the p10/p50/p90 of `RunningTaskCount` over the seeds.
 * - `asserts`: the variant's scenario's asserts; the variant passes when every verdict passes.
 * - `costDeltaUsd` / `droppedPctDelta`: mean total cost / dropped % minus the first variant's.
 * - `best`: the passing variant with the least mean total cost (ties: the earlier in the file); `pass`: every
 *   variant passes. `seedCount`: the most seeds any variant ran. `durationMs` / `periodMs`: the base scenario's.
 * - `scalingTargets`: {@link scalingTargetsOf} the first variant.
 *
 * @example
 * ```ts
 * const result = aggregate(file, seeds); // seeds from simulateSeed, in any order
 * result.variants[0].outcomes.total.costUsd.p90;
 * ```
 */
export function aggregate(file: ScenarioFile, seeds: readonly SeedResult[]): SimulationResult {
  const variants: VariantResult[] = [];
  let first: { cost: number; dropped: number } | undefined;
  for (const v of variantsOf(file)) {
    const mine = seeds.filter((s) => s.variant === v.name).sort((a, b) => a.seed - b.seed);
    const services = serviceKeys(mine);
    const outcomes = outcomeStats(mine, services);
    const asserts = evaluateAsserts(v.scenario.assert, outcomes);
    const cost = totalMean(outcomes, 'costUsd');
    const dropped = totalMean(outcomes, 'droppedRequestsPct');
    first ??= { cost, dropped };
    variants.push({
      name: v.name,
      ...(v.description !== undefined ? { description: v.description } : {}),
      seeds: mine,
      outcomes,
      fan: fanOf(mine, services),
      asserts,
      pass: asserts.every((a) => a.pass),
      costDeltaUsd: cost - first.cost,
      droppedPctDelta: dropped - first.dropped,
    });
  }
  let best: VariantResult | undefined;
  for (const v of variants) {
    if (v.pass && (best === undefined || totalMean(v.outcomes, 'costUsd') < totalMean(best.outcomes, 'costUsd'))) best = v;
  }
  return {
    scenario: file.base.name,
    ...(file.base.description !== undefined ? { description: file.base.description } : {}),
    durationMs: file.base.durationMs,
    periodMs: file.base.metricPeriodMs,
    seedCount: variants.reduce((n, v) => Math.max(n, v.seeds.length), 0),
    variants,
    best: best?.name ?? null,
    pass: variants.every((v) => v.pass),
    scalingTargets: scalingTargetsOf(variantsOf(file)[0]?.scenario ?? file.base),
  };
}
