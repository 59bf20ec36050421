/**
 * Seeds on worker threads (piscina): one task per `(variant, seed)`, results returned in task order, so the
 * aggregate is the same bytes whatever the number of workers (aggregation sorts by seed anyway).
 *
 * The worker entry is `seedWorker.ts` beside this file when running from source (through tsx: the worker is
 * started with `--import <tsx>`), or `seedWorker.js` in the built `dist/`.
 *
 * @module
 */
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { SeedResult } from '../../sim/result.js';
import type { ScenarioFile } from '../../sim/scenario/types.js';
import type { SeedTask } from '../../sim/sweep.js';
import type { SeedProgress } from './progress.js';

/** What the worker receives per task (the scenario file travels once, as `workerData`). */
export interface WorkerTask extends SeedTask {
  /** Where the worker posts `virtualMsDone` numbers while the seed runs. */
  readonly port?: import('node:worker_threads').MessagePort;
}

/** The default worker count: one per run, at most one per CPU the process may use. */
export function defaultWorkers(runs: number): number {
  return Math.max(1, Math.min(runs, availableParallelism()));
}

/** The worker entry and the Node options it needs, for source (tsx) or built (dist) runs. */
export function workerEntry(moduleUrl: string = import.meta.url): { filename: string; execArgv: string[] } {
  const fromSource = moduleUrl.endsWith('.ts');
  const filename = new URL(`./seedWorker.${fromSource ? 'ts' : 'js'}`, moduleUrl).href;
  if (!fromSource) return { filename, execArgv: [] };
  // An absolute URL of tsx's loader, so the worker finds it whatever the current directory.
  const tsx = pathToFileURL(createRequire(moduleUrl).resolve('tsx')).href;
  return { filename, execArgv: ['--import', tsx] };
}

/**
 * The seed workers' heap: a young generation of 256 MB instead of V8's default (16 MB semi-spaces). A seed allocates
 * short-lived records at a high rate — a new version of a task or service per change — and with the default most
 * scavenges copy a full young generation of live objects; a large one lets them die young. One seed of 24 h ×
 * 200 services × 100 tasks (benchmarks/simulate.ts): 9.2–9.4 s → 8.2–8.4 s with 384 MB, 8.4–8.8 s with 192 MB.
 */
export const SEED_WORKER_LIMITS = { maxYoungGenerationSizeMb: 256 } as const;

/**
 * Runs `tasks` of `file` on `workers` threads; resolves with their results in task order. Progress goes to
 * `progress` (virtual time while a seed runs, then its completion). Rejects when a worker fails. `entry` is the
 * worker module (tests pass a stand-in).
 */
export async function runSeedsOnWorkers(
  file: ScenarioFile,
  tasks: readonly SeedTask[],
  workers: number,
  progress?: SeedProgress,
  entry: { readonly filename: string; readonly execArgv: readonly string[] } = workerEntry(),
): Promise<SeedResult[]> {
  const threads = Math.max(1, Math.min(workers, tasks.length));
  const pool = new Piscina<WorkerTask, SeedResult>({
    filename: entry.filename,
    execArgv: [...entry.execArgv],
    minThreads: threads,
    maxThreads: threads,
    resourceLimits: SEED_WORKER_LIMITS,
    workerData: { file },
  });
  try {
    return await Promise.all(
      tasks.map(async (t, index) => {
        const { port1, port2 } = new MessageChannel();
        port1.on('message', (ms: unknown) => {
          if (typeof ms === 'number') progress?.advance(index, ms);
        });
        try {
          const result = await pool.run({ variant: t.variant, seedIndex: t.seedIndex, port: port2 }, { transferList: [port2] });
          progress?.done(index, result.seed);
          return result;
        } finally {
          port1.close();
        }
      }),
    );
  } finally {
    await pool.destroy();
  }
}
