/**
 * The real collaborators of `simulate` and `merge`: the scenario reader (problems formatted `file:line:col: path:
 * message`, in file order), the worker pool, and the HTML report writer (its failures as messages, not throws).
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { formatProblem, sortProblems } from '../../sim/scenario/problems.js';
import type { ScenarioFile } from '../../sim/scenario/types.js';
import type { SimulateDeps } from '../commands/simulate.js';
import { readScenarioFile } from '../readScenario.js';
import { writeReport } from '../report/writeReport.js';
import { errorMessage, type ReportWriter } from './outputs.js';
import { runSeedsOnWorkers } from './pool.js';

/** Reads a scenario file; `Left` is its problems, one formatted line each. */
export async function loadScenario(path: string): Promise<E.Either<readonly string[], ScenarioFile>> {
  const r = readScenarioFile(path);
  return E.isLeft(r) ? E.left(sortProblems(r.left).map(formatProblem)) : r;
}

/** Writes the HTML report; a failure (an unwritable path) is a message. */
export const writeReportFile: ReportWriter = async (result, file) => {
  try {
    await writeReport(result, file);
    return E.right(undefined);
  } catch (e) {
    return E.left(`cannot write the report ${file}: ${errorMessage(e)}`);
  }
};

/** The collaborators `ecs-twin simulate` runs with. */
export function simulateDeps(): SimulateDeps {
  return { loadScenario, runSeeds: (file, tasks, workers, progress) => runSeedsOnWorkers(file, tasks, workers, progress), writeReport: writeReportFile };
}
