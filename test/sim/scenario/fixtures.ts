// Shared inputs of the scenario loader tests: an in-memory file system and a loader bound to it.
import * as E from 'fp-ts/lib/Either.js';
import { loadScenarioFile } from '../../../src/sim/scenario/loadScenarioFile.js';
import type { ScenarioProblem } from '../../../src/sim/scenario/problems.js';
import type { ScenarioFile } from '../../../src/sim/scenario/types.js';

/** A `readFile` over `files`; a missing file is a `Left` naming it, as the CLI's is. */
export function memoryFiles(files: Readonly<Record<string, string>>): (path: string) => E.Either<string, string> {
  return (path) => (Object.hasOwn(files, path) ? E.right(files[path]!) : E.left(`no such file: ${path}`));
}

/** Loads `text` as `scenario.yaml` with `files` beside it. */
export function load(text: string, files: Readonly<Record<string, string>> = {}): E.Either<readonly ScenarioProblem[], ScenarioFile> {
  return loadScenarioFile(text, { fileName: 'scenario.yaml', readFile: memoryFiles(files) });
}

/** The scenario file, or a test failure listing its problems. */
export function loadOk(text: string, files: Readonly<Record<string, string>> = {}): ScenarioFile {
  const r = load(text, files);
  if (E.isLeft(r)) throw new Error(`expected the scenario to load, got:\n${r.left.map((p) => `${p.line}:${p.column} ${p.path}: ${p.message}`).join('\n')}`);
  return r.right;
}

/** The problems, or a test failure when the scenario loads. */
export function loadProblems(text: string, files: Readonly<Record<string, string>> = {}): readonly ScenarioProblem[] {
  const r = load(text, files);
  if (E.isRight(r)) throw new Error('expected problems, but the scenario loaded');
  return r.left;
}

/** A small valid scenario: one service `web` in cluster `default`, 1 hour. Sections can be appended. */
export const MINIMAL = `name: minimal
duration: 1h
resources:
  taskDefinitions:
    - { family: web, cpu: "256", memory: "512", networkMode: awsvpc, requiresCompatibilities: [FARGATE], containerDefinitions: [{ name: app, image: nginx }] }
  services:
    - { serviceName: web, taskDefinition: web, desiredCount: 2, launchType: FARGATE }
`;
