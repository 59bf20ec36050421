/**
 * The library entry of the what-if simulator: every seed of every variant of a scenario file, run in this thread,
 * aggregated into a {@link SimulationResult}. Pure: the same file and options give the same bytes. The CLI runs the
 * same seeds on worker threads and shards (`ecs-twin simulate`); the report renderer is separate.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import type { SimulationResult } from './result.js';
import { simulateSeed } from './run/simulateSeed.js';
import type { ScenarioFile } from './scenario/types.js';
import { runSweep, type SweepOptions } from './sweep.js';

/** Options of {@link simulate}. */
export interface SimulateOptions extends SweepOptions {
  /** Called after each seed with the number done and the total (`variants × seeds`). */
  readonly onSeedDone?: (done: number, total: number) => void;
}

/**
 * {@link simulate}, with bad options (a seed count that is not an integer from 1 to 100,000, an unknown variant)
 * or a scenario the World refuses as a `Left` message instead of a thrown error.
 */
export function trySimulate(file: ScenarioFile, options: SimulateOptions = {}): E.Either<string, SimulationResult> {
  try {
    return runSweep(file, options, (scenario, variant, seedIndex) => simulateSeed(scenario, variant, seedIndex));
  } catch (e) {
    // simulateSeed throws only for a scenario the loader should have refused (an invalid World config).
    return E.left(e instanceof Error ? e.message : String(e));
  }
}

/**
 * Runs every seed (`options.seeds`, default the scenario's `seeds`) of every variant (`options.variants`, default
 * all) and aggregates: per variant, each outcome's mean, p50/p90/p99 (nearest rank), min and max over the seeds,
 * the asserts' verdicts, the deltas against the first variant, and the best variant.
 *
 * @throws RangeError for bad options (see {@link trySimulate} for the same as a value).
 *
 * @example
 * ```ts
 * const result = simulate(scenarioFile, { seeds: 20 });
 * result.best; // 'spot-50'
 * result.variants[0].outcomes.total.costUsd.mean;
 * ```
 */
export function simulate(file: ScenarioFile, options: SimulateOptions = {}): SimulationResult {
  const r = trySimulate(file, options);
  if (E.isLeft(r)) throw new RangeError(r.left);
  return r.right;
}
