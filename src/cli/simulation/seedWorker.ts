/**
 * The worker-thread entry of `ecs-twin simulate`: runs one `(variant, seed)` of the scenario file it was given
 * (as piscina `workerData`) and returns its {@link SeedResult}; while it runs it posts the virtual milliseconds done
 * on the task's port, at most every 100 ms of wall time.
 *
 * @module
 */
import { workerData } from 'piscina';
import type { SeedResult } from '../../sim/result.js';
import { simulateSeed } from '../../sim/run/simulateSeed.js';
import type { ScenarioFile } from '../../sim/scenario/types.js';
import { scenarioOf } from '../../sim/sweep.js';
import type { WorkerTask } from './pool.js';

const PROGRESS_EVERY_MS = 100;
const file = (workerData as { file: ScenarioFile }).file;

/** Runs one seed (piscina calls the default export per task). */
export default function runSeed(task: WorkerTask): SeedResult {
  const scenario = scenarioOf(file, task.variant);
  if (scenario === undefined) throw new Error(`no variant ${task.variant} in the scenario given to the worker`);
  let lastPostMs = 0;
  try {
    return simulateSeed(scenario, task.variant, task.seedIndex, {
      onProgress: (virtualMsDone) => {
        const now = Date.now();
        if (task.port !== undefined && now - lastPostMs >= PROGRESS_EVERY_MS) {
          lastPostMs = now;
          task.port.postMessage(virtualMsDone);
        }
      },
    });
  } finally {
    task.port?.close();
  }
}
