/**
 * Statistics over seeds: the mean and nearest-rank percentiles.
 *
 * **Quantile rule: nearest rank.** The p-th percentile of n values sorted ascending is the value at 1-based rank
 * `ceil(p/100 · n)` (rank 1 for p = 0). Every percentile is therefore a value some seed actually had — "p90 of
 * minutes below desired is 7" means a seed saw 7 — task counts stay integers in the fan chart, and `p100 = max`.
 * Linear interpolation would invent values between seeds, which reads oddly for counts and for asserts.
 *
 * Sums run in the order given (callers pass seeds sorted by seed), so results are the same bytes on every run.
 *
 * @module
 */
import type { Stats } from './result.js';
import type { SeedStatistic } from './scenario/types.js';

/** The statistics of an empty sample: all 0 (a variant that ran no seed has nothing to report). */
export const EMPTY_STATS: Stats = { mean: 0, p50: 0, p90: 0, p99: 0, min: 0, max: 0 };

/** Ascending numeric order (total: `-0` before `0` is irrelevant here, NaN never reaches it). */
const ascending = (a: number, b: number): number => a - b;

/**
 * The nearest-rank p-th percentile of values already sorted ascending; 0 for an empty array.
 *
 * @example
 * ```ts
 * percentileOfSorted([1, 2, 3, 4], 50); // 2 (rank ceil(0.5·4) = 2)
 * percentileOfSorted([1, 2, 3, 4], 90); // 4 (rank ceil(0.9·4) = 4)
 * ```
 */
export function percentileOfSorted(sorted: readonly number[], p: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  // p in percent times n is an exact integer for integer p, so the division is exact whenever the rank is whole
  // (0.9·10 in binary would be 9.000000000000002 and round up to rank 10).
  const rank = Math.max(1, Math.ceil((p * n) / 100));
  return sorted[Math.min(n, rank) - 1] ?? 0;
}

/** The nearest-rank p-th percentile of `values` (any order). */
export function percentile(values: readonly number[], p: number): number {
  return percentileOfSorted([...values].sort(ascending), p);
}

/**
 * Mean, p50/p90/p99 (nearest rank), min and max of `values`; {@link EMPTY_STATS} for none.
 *
 * @example
 * ```ts
 * statsOf([3, 1, 2]); // { mean: 2, p50: 2, p90: 3, p99: 3, min: 1, max: 3 }
 * ```
 */
export function statsOf(values: readonly number[]): Stats {
  if (values.length === 0) return EMPTY_STATS;
  let sum = 0;
  for (const v of values) sum += v;
  const sorted = [...values].sort(ascending);
  return {
    mean: sum / values.length,
    p50: percentileOfSorted(sorted, 50),
    p90: percentileOfSorted(sorted, 90),
    p99: percentileOfSorted(sorted, 99),
    min: sorted[0] ?? 0,
    max: sorted[sorted.length - 1] ?? 0,
  };
}

/** One statistic of a {@link Stats}, by the name asserts use (`over: p90`). */
export function pickStatistic(stats: Stats, statistic: SeedStatistic): number {
  return stats[statistic];
}
