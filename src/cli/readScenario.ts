/**
 * The edge of scenario loading: reads a scenario file from disk and gives the pure loader a `readFile` that
 * resolves the paths the scenario names (JSON request bodies, replay CSVs) against the scenario file's folder.
 *
 * @module
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { loadScenarioFile } from '../sim/scenario/loadScenarioFile.js';
import type { ScenarioProblem } from '../sim/scenario/problems.js';
import type { ScenarioFile } from '../sim/scenario/types.js';

/** Largest file read (the scenario or one it names): 64 MiB. */
const MAX_FILE_BYTES = 64 * 1_048_576;

/**
 * A `readFile` for the pure loader: `path` as written in the scenario, relative to `baseDir` unless absolute.
 * `Left` is a sentence naming the resolved path (`no such file: /work/s/bodies/web.json`).
 */
export function fileReaderFrom(baseDir: string): (path: string) => E.Either<string, string> {
  return (path) => readText(isAbsolute(path) ? path : resolve(baseDir, path));
}

/**
 * Reads and loads the scenario at `scenarioPath` (YAML or JSON). Problems name the file as given. A missing or
 * unreadable scenario file is one problem, not an exception.
 */
export function readScenarioFile(scenarioPath: string): E.Either<readonly ScenarioProblem[], ScenarioFile> {
  const text = readText(scenarioPath);
  if (E.isLeft(text)) return E.left([{ file: scenarioPath, path: '(file)', message: text.left }]);
  return loadScenarioFile(text.right, { fileName: scenarioPath, readFile: fileReaderFrom(dirname(resolve(scenarioPath))) });
}

function readText(path: string): E.Either<string, string> {
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return E.left(`${path} is a directory, not a file`);
    if (stat.size > MAX_FILE_BYTES) return E.left(`${path} is larger than ${MAX_FILE_BYTES} bytes`);
    return E.right(readFileSync(path, 'utf8'));
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === 'ENOENT') return E.left(`no such file: ${path}`);
    if (code === 'EACCES' || code === 'EPERM') return E.left(`permission denied: ${path}`);
    return E.left(`cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
