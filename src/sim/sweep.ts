/**
 * A sweep: which variants run, how many seeds each, and the list of `(variant, seed)` runs. Shared by the library
 * entry `simulate`, the CLI's worker pool and its shards, so all of them run exactly the same seeds.
 *
 * Every variant runs the same seed indexes (0 … seedCount − 1): variants are compared on common random numbers,
 * which makes their differences less noisy than independent draws would.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { aggregate, BASE_VARIANT, variantsOf } from './aggregate.js';
import type { SeedResult, SimulationResult } from './result.js';
import type { Scenario, ScenarioFile } from './scenario/types.js';

/** The most seeds a sweep runs (a bound on every loop; 100,000 seeds is far past any useful sweep). */
export const MAX_SEEDS = 100_000;

/** What to run of a scenario file. */
export interface SweepOptions {
  /** Seeds per variant; default the base scenario's `seeds`. */
  readonly seeds?: number;
  /** Only these variants (by name), in file order; default all. */
  readonly variants?: readonly string[];
}

/** A resolved sweep: the file with only the selected variants, and the seeds per variant. */
export interface Sweep {
  readonly file: ScenarioFile;
  readonly seedCount: number;
}

/** One run: a variant and a seed index (the seed is the variant's `world.seed` + the index). */
export interface SeedTask {
  readonly variant: string;
  readonly seedIndex: number;
}

/** Runs one seed of one variant (the simulator's `simulateSeed`; a stand-in in tests). */
export type SeedRunner = (scenario: Scenario, variant: string, seedIndex: number) => SeedResult;

/**
 * Resolves options against a file: the seed count (an integer 1 … {@link MAX_SEEDS}) and the selected variants
 * (each name must exist; a file without variants has the one variant `base`). `Left` says what is wrong.
 */
export function planSweep(file: ScenarioFile, options: SweepOptions = {}): E.Either<string, Sweep> {
  const seedCount = options.seeds ?? file.base.seeds;
  if (!Number.isSafeInteger(seedCount) || seedCount < 1 || seedCount > MAX_SEEDS) {
    return E.left(`seeds must be an integer from 1 to ${MAX_SEEDS}, got ${seedCount}`);
  }
  if (options.variants === undefined || options.variants.length === 0) return E.right({ file, seedCount });
  const known = variantsOf(file).map((v) => v.name);
  const unknown = options.variants.filter((n) => !known.includes(n));
  if (unknown.length > 0) return E.left(`no variant ${unknown.join(', ')} in ${file.base.name} (variants: ${known.join(', ')})`);
  if (file.variants.length === 0) return E.right({ file, seedCount }); // only `base`, which was asked for
  const wanted = new Set(options.variants);
  return E.right({ file: { base: file.base, variants: file.variants.filter((v) => wanted.has(v.name)) }, seedCount });
}

/** The runs of a sweep, variant by variant (file order), seed indexes ascending; `seedIndexes` picks a shard's. */
export function seedTasks(sweep: Sweep, seedIndexes?: readonly number[]): SeedTask[] {
  const indexes = seedIndexes ?? Array.from({ length: sweep.seedCount }, (_, i) => i);
  return variantsOf(sweep.file).flatMap((v) => indexes.map((seedIndex) => ({ variant: v.name, seedIndex })));
}

/** The resolved scenario of a variant of the file (`base` for a file without variants); undefined if none. */
export function scenarioOf(file: ScenarioFile, variant: string): Scenario | undefined {
  if (file.variants.length === 0) return variant === BASE_VARIANT ? file.base : undefined;
  return file.variants.find((v) => v.name === variant)?.scenario;
}

/**
 * Runs `tasks` one after the other in this thread with `run`, calling `onSeedDone(done, total)` after each.
 * Tasks for variants the file lacks are skipped (they cannot come from {@link seedTasks}).
 */
export function runTasks(
  file: ScenarioFile,
  tasks: readonly SeedTask[],
  run: SeedRunner,
  onSeedDone?: (done: number, total: number) => void,
): SeedResult[] {
  const results: SeedResult[] = [];
  for (const t of tasks) {
    const scenario = scenarioOf(file, t.variant);
    if (scenario === undefined) continue;
    results.push(run(scenario, t.variant, t.seedIndex));
    onSeedDone?.(results.length, tasks.length);
  }
  return results;
}

/** Plans, runs every seed of every selected variant with `run`, and aggregates. */
export function runSweep(
  file: ScenarioFile,
  options: SweepOptions & { readonly onSeedDone?: (done: number, total: number) => void },
  run: SeedRunner,
): E.Either<string, SimulationResult> {
  const sweep = planSweep(file, options);
  if (E.isLeft(sweep)) return sweep;
  const seeds = runTasks(sweep.right.file, seedTasks(sweep.right), run, options.onSeedDone);
  return E.right(aggregate(sweep.right.file, seeds));
}
