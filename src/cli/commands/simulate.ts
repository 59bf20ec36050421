/**
 * `ecs-twin simulate SCENARIO`: runs every seed of every variant of a what-if scenario on worker threads, then
 * prints a summary table and writes the requested outputs; with `--shard I/N` (or `--shards N` in an AWS Batch
 * array job / Kubernetes Indexed Job) it runs one shard's seeds and writes a partial result for `ecs-twin merge`.
 * Exit status: 0 every assert passed, 1 one failed, 2 a bad scenario or arguments. See
 * docs/guides/what-if-simulations.md.
 *
 * @module
 */
import { type Command, InvalidArgumentError } from 'commander';
import * as E from 'fp-ts/lib/Either.js';
import { aggregate } from '../../sim/aggregate.js';
import { makePartial, shardSeeds } from '../../sim/partial.js';
import type { SeedResult } from '../../sim/result.js';
import type { ScenarioFile } from '../../sim/scenario/types.js';
import { MAX_SEEDS, planSweep, scenarioOf, seedTasks, type SeedTask } from '../../sim/sweep.js';
import { checkScenario } from '../../sim/run/simulateSeed.js';
import { EXIT_BAD_INPUT, EXIT_PASS, errorMessage, fail, finish, writeTextFile, type CommandIo, type OutputOptions, type ReportWriter } from '../simulation/outputs.js';
import { defaultWorkers } from '../simulation/pool.js';
import { createProgress, type SeedProgress } from '../simulation/progress.js';
import { partialPath, resolveShard } from '../simulation/shard.js';

/** Parsed options of `simulate`. */
export interface SimulateOptions extends OutputOptions {
  readonly seeds?: number;
  readonly workers?: number;
  /** `I/N`. */
  readonly shard?: string;
  /** The shard count, the index coming from the environment. */
  readonly shards?: number;
  /** Write a partial result here (`{index}` becomes the shard index) instead of the whole run's outputs. */
  readonly partial?: string;
  readonly variant?: readonly string[];
}

/** What `simulate` needs from the rest of the program (injected, so tests run it without files or threads). */
export interface SimulateDeps {
  /** Reads and decodes a scenario file; `Left` is the formatted problems, one per line. */
  readonly loadScenario: (path: string) => Promise<E.Either<readonly string[], ScenarioFile>>;
  /** Runs seed tasks (on `workers` threads), results in task order. */
  readonly runSeeds: (file: ScenarioFile, tasks: readonly SeedTask[], workers: number, progress: SeedProgress) => Promise<SeedResult[]>;
  readonly writeReport: ReportWriter;
}

/** The most worker threads `--workers` takes. */
export const MAX_WORKERS = 256;

/** Runs `simulate`; resolves with the exit status. Never throws: every failure is a line on stderr and status 2. */
export async function simulateCommand(path: string, options: SimulateOptions, io: CommandIo, deps: SimulateDeps): Promise<number> {
  if (options.workers !== undefined && (!Number.isSafeInteger(options.workers) || options.workers < 1 || options.workers > MAX_WORKERS)) {
    return fail(io, `--workers must be an integer from 1 to ${MAX_WORKERS}, got ${options.workers}`);
  }
  const choice = resolveShard(options, io.env);
  if (E.isLeft(choice)) return fail(io, choice.left);
  if (choice.right.warning !== undefined) io.stderr(`warning: ${choice.right.warning}\n`);
  const shard = choice.right.shard ?? (options.partial !== undefined ? { index: 0, count: 1 } : undefined);
  if (shard !== undefined && options.partial === undefined) {
    return fail(io, `--shard runs part of the seeds: give --partial FILE to write its partial result, then combine the parts with ecs-twin merge`);
  }
  if (options.partial !== undefined && (options.json !== undefined || options.csv !== undefined || options.report !== undefined)) {
    return fail(io, 'a partial result is not the whole run: write --json, --csv and --report with ecs-twin merge');
  }

  let loaded: E.Either<readonly string[], ScenarioFile>;
  try {
    loaded = await deps.loadScenario(path);
  } catch (e) {
    loaded = E.left([`${path}: ${errorMessage(e)}`]);
  }
  if (E.isLeft(loaded)) {
    for (const line of loaded.left) io.stderr(`${line}\n`);
    return EXIT_BAD_INPUT;
  }
  const sweep = planSweep(loaded.right, { ...(options.seeds !== undefined ? { seeds: options.seeds } : {}), ...(options.variant !== undefined ? { variants: options.variant } : {}) });
  if (E.isLeft(sweep)) return fail(io, sweep.left);
  const { file, seedCount } = sweep.right;
  // A resource ECS rejects (or a start off the minute) would spoil every seed: say so before any runs, like a bad file.
  const variantsToCheck = file.variants.length > 0 ? file.variants : [{ name: 'base', scenario: file.base }];
  const problems = variantsToCheck.flatMap((v) =>
    options.variant === undefined || options.variant.includes(v.name) ? checkScenario(v.scenario).map((p) => (file.variants.length > 0 ? `variants ${v.name}: ${p}` : p)) : [],
  );
  if (problems.length > 0) {
    for (const line of problems) io.stderr(`${path}: ${line}\n`);
    return EXIT_BAD_INPUT;
  }
  const tasks = seedTasks(sweep.right, shard !== undefined ? shardSeeds(seedCount, shard.index, shard.count) : undefined);
  const workers = options.workers ?? defaultWorkers(tasks.length);
  const progress = createProgress(
    tasks.map((t) => ({ ...t, durationMs: scenarioOf(file, t.variant)?.durationMs ?? 0 })),
    { stream: io.progressStream, isTTY: io.isTTY, nowMs: io.nowMs },
  );
  let seeds: SeedResult[];
  try {
    seeds = tasks.length === 0 ? [] : await deps.runSeeds(file, tasks, workers, progress);
  } catch (e) {
    return fail(io, `the simulation failed: ${errorMessage(e)}`);
  } finally {
    progress.stop();
  }

  if (shard !== undefined && options.partial !== undefined) {
    const out = partialPath(options.partial, shard.index);
    const w = await writeTextFile(out, `${JSON.stringify(makePartial(file, seedCount, shard, seeds))}\n`);
    if (E.isLeft(w)) return fail(io, w.left);
    io.stdout(`shard ${shard.index}/${shard.count}: ${seeds.length} seed runs of ${file.base.name} written to ${out}; combine the parts with ecs-twin merge\n`);
    return EXIT_PASS;
  }
  return finish(aggregate(file, seeds), options, io, deps.writeReport);
}

function positiveInteger(max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1 || n > max) throw new InvalidArgumentError(`expected an integer from 1 to ${max}.`);
    return n;
  };
}

/** Adds the `simulate` command; `deps` and `io` are resolved when it runs. */
export function registerSimulateCommand(program: Command, deps: () => Promise<SimulateDeps>, io: () => CommandIo): void {
  program
    .command('simulate')
    .description('run a what-if scenario over seeds and variants: summary table, --report, --json, --csv; exit 1 when an assert fails')
    .argument('<scenario>', 'scenario file (YAML or JSON)')
    .option('--seeds <n>', 'seeds per variant (default: the scenario\'s seeds)', positiveInteger(MAX_SEEDS))
    .option('--workers <k>', 'worker threads (default: min(runs, CPUs))', positiveInteger(MAX_WORKERS))
    .option('--variant <names...>', 'run only these variants')
    .option('--report <file>', 'write the HTML report')
    .option('--json <file>', 'write the result as JSON')
    .option('--csv <dir>', 'write per-seed series and outcomes.csv under DIR')
    .option('--shard <i/n>', 'run shard I of N (every N-th seed from I); needs --partial')
    .option('--shards <n>', 'shard count, the index from AWS_BATCH_JOB_ARRAY_INDEX or JOB_COMPLETION_INDEX', positiveInteger(MAX_SEEDS))
    .option('--partial <file>', 'write this shard\'s partial result ({index} becomes the shard index)')
    .exitOverride(exitWithBadInput)
    .action(async (path: string, options: SimulateOptions) => {
      process.exitCode = await simulateCommand(path, options, io(), await deps());
    });
}

/** Commander's own errors (an unknown option, a bad value) are bad arguments: status 2; help and version exit 0. */
export function exitWithBadInput(err: { exitCode: number }): never {
  process.exit(err.exitCode === 0 ? 0 : EXIT_BAD_INPUT);
}
