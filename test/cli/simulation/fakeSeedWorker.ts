// A stand-in worker for pool tests: the hand-made seeds of test/sim/seedResults.ts instead of the simulator.
import { workerData } from 'piscina';
import type { WorkerTask } from '../../../src/cli/simulation/pool.js';
import type { SeedResult } from '../../../src/sim/result.js';
import type { ScenarioFile } from '../../../src/sim/scenario/types.js';
import { scenarioOf } from '../../../src/sim/sweep.js';
import { fakeRun } from '../../sim/seedResults.js';

const file = (workerData as { file: ScenarioFile }).file;

export default function runSeed(task: WorkerTask): SeedResult {
  const scenario = scenarioOf(file, task.variant);
  if (scenario === undefined) throw new Error(`no variant ${task.variant}`);
  if (task.seedIndex === 999) throw new Error('seed 999 always fails');
  task.port?.postMessage(scenario.durationMs / 2);
  task.port?.close();
  return fakeRun(scenario, task.variant, task.seedIndex);
}
