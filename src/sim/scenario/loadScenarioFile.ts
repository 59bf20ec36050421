/**
 * Loading a scenario file (YAML or JSON): the base scenario and its variants, fully resolved, or every problem in
 * the file, each with its path, line and column. Pure: files the scenario names (JSON request bodies, replay
 * CSVs) are read through the injected `readFile` (the CLI's `readScenarioFile` resolves them against the
 * scenario's folder).
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { describeValue } from '../../codecs/reporter.js';
import { closestKey } from '../../codecs/strict.js';
import { DEFAULT_START_TIME_MS } from '../../domain/time.js';
import { SCENARIO_SECTIONS, decodeScenario } from './decodeScenario.js';
import { mergeOverrides, overridePathOf, type Merged } from './merge.js';
import { pathToString, sortProblems, type Issue, type Path, type ScenarioProblem } from './problems.js';
import { fail, isObj, readString, type Obj, type Reader } from './reader.js';
import { inlineResourceFiles } from './resources.js';
import { parseScenarioSource, type ScenarioSource } from './source.js';
import type { Scenario, ScenarioFile } from './types.js';

/** How to load a scenario file. */
export interface LoadScenarioOptions {
  /** The file's name as problems print it (`scenario.yaml`). */
  readonly fileName: string;
  /** Reads a file the scenario names (a path as written in it); `Left` is a message such as `no such file: x.json`. */
  readonly readFile: (path: string) => E.Either<string, string>;
}

/** Most variants one file may define. */
export const MAX_VARIANTS = 100;

/**
 * Decodes a scenario file. `Left`: every problem found, in file order. Never throws, whatever the text.
 *
 * @category constructors
 * @example
 * ```ts
 * const file = loadScenarioFile('name: demo\nduration: 1h\n', { fileName: 'demo.yaml', readFile: () => E.left('no files') });
 * // Right({ base: { name: 'demo', durationMs: 3_600_000, metricPeriodMs: 60_000, seeds: 1, … }, variants: [] })
 * ```
 */
export function loadScenarioFile(text: string, options: LoadScenarioOptions): E.Either<readonly ScenarioProblem[], ScenarioFile> {
  try {
    return load(text, options);
  } catch (e) {
    // A defect of ours must still not escape as an exception: it becomes a problem naming the file.
    const reason = e instanceof Error ? e.message : 'an exception';
    return E.left([{ file: options.fileName, path: '(file)', message: `internal error while loading the scenario: ${reason}` }]);
  }
}

function load(text: string, { fileName, readFile }: LoadScenarioOptions): E.Either<readonly ScenarioProblem[], ScenarioFile> {
  const parsed = parseScenarioSource(text);
  if (E.isLeft(parsed)) return E.left(parsed.left.map((i) => ({ file: fileName, path: pathToString(i.path), ...i.position, message: i.message })));
  const source = parsed.right;
  const place = (issue: Issue): ScenarioProblem => ({ file: fileName, path: pathToString(issue.path), ...position(source, issue.path, issue.at), message: issue.message });
  const root = source.value;
  if (!isObj(root)) return E.left([place({ path: [], message: `expected a scenario object (name, duration, world, resources, …), got ${describeValue(root)}` })]);

  const fileIssues: Issue[] = [];
  const r: Reader = { issues: fileIssues, startTimeMs: DEFAULT_START_TIME_MS, durationMs: undefined, readFile };
  const { variants: rawVariants, ...baseRaw } = root;
  const base = inlineResourceFiles(r, baseRaw, []);
  const decodedBase = decodeScenario(base, readFile);
  const problems: ScenarioProblem[] = [...fileIssues, ...decodedBase.issues].map(place);
  const baseKeys = new Set(decodedBase.issues.map((i) => `${pathToString(i.path)}\u0000${i.message}`));

  const variants: { name: string; description?: string; scenario: Scenario }[] = [];
  const names = new Map<string, number>();
  const list = rawVariants === undefined ? [] : Array.isArray(rawVariants) ? rawVariants : undefined;
  if (list === undefined) problems.push(place({ path: ['variants'], message: `expected a list of variants { name, …overrides }, got ${describeValue(rawVariants)}` }));
  else if (list.length > MAX_VARIANTS) problems.push(place({ path: ['variants'], message: `expected at most ${MAX_VARIANTS} variants, got ${list.length}` }));
  else {
    list.forEach((v, i) => {
      const vPath: Path = ['variants', i];
      const own: Issue[] = [];
      const vr: Reader = { ...r, issues: own };
      const head = readVariantHead(vr, v, vPath, names);
      if (head !== undefined) {
        const overrides = inlineResourceFiles(vr, head.overrides, vPath);
        const merged = mergeOverrides(base, overrides);
        const decoded = decodeScenario(merged.value, readFile);
        for (const issue of decoded.issues) {
          // A problem of the base shows in every variant that keeps that part: it is reported once, for the base.
          if (baseKeys.has(`${pathToString(issue.path)}\u0000${issue.message}`)) continue;
          problems.push({ ...placeInVariant(source, merged, i, issue), file: fileName });
        }
        if (decoded.scenario !== undefined && own.length === 0) {
          variants.push({ name: head.name, ...(head.description === undefined ? {} : { description: head.description }), scenario: decoded.scenario });
        }
      }
      problems.push(...own.map(place));
    });
  }
  if (problems.length > 0 || decodedBase.scenario === undefined) return E.left(sortProblems(problems));
  return E.right({ base: decodedBase.scenario, variants });
}

/** A variant's name, description and overrides (any top-level section but `name` and `variants`). */
function readVariantHead(r: Reader, u: unknown, path: Path, names: Map<string, number>): { name: string; description?: string; overrides: Obj } | undefined {
  if (!isObj(u)) return fail(r, path, `expected a variant { name, description?, …overrides }, got ${describeValue(u)}`);
  const allowed = Object.keys(SCENARIO_SECTIONS).filter((k) => k !== 'variants');
  for (const k of Object.keys(u)) {
    if (allowed.includes(k)) continue;
    const hint = closestKey(k, allowed);
    fail(r, [...path, k], `unknown key '${k}'${hint === undefined ? '' : ` (did you mean '${hint}'?)`}; a variant overrides any of ${allowed.filter((a) => a !== 'name').join(', ')}`, 'key');
  }
  const name = u.name === undefined ? fail(r, [...path, 'name'], 'required, but missing') : readString(r, u.name, [...path, 'name'], 256);
  const description = u.description === undefined || u.description === null ? undefined : readString(r, u.description, [...path, 'description'], 10_000);
  if (name !== undefined) {
    const prior = names.get(name);
    if (prior !== undefined) fail(r, [...path, 'name'], `'${name}' is already the name of variants[${prior}]; variant names are unique`);
    else names.set(name, path[1] as number);
  }
  if (name === undefined) return undefined;
  // Unknown keys were reported above; left out here so the merged scenario does not report them again.
  const overrides = Object.fromEntries(Object.entries(u).filter(([k]) => k !== 'name' && k !== 'description' && allowed.includes(k)));
  return { name, ...(description === undefined ? {} : { description }), overrides };
}

function position(source: ScenarioSource, path: Path, at?: 'key'): { line: number; column: number } {
  const p = source.locate(path, at);
  return { line: p.line, column: p.column };
}

/**
 * A problem of a merged variant, named `variants[i].<path in the merged scenario>`, placed where the value is
 * written: in the variant's overrides when it comes from there, else in the base, else at the nearest enclosing
 * value of the variant.
 */
function placeInVariant(source: ScenarioSource, merged: Merged, index: number, issue: Issue): Omit<ScenarioProblem, 'file'> {
  const inOverride = overridePathOf(merged, issue.path);
  const variantPath: Path = ['variants', index, ...inOverride.path];
  const there = source.locate(variantPath, issue.at);
  const name = pathToString(['variants', index, ...issue.path]);
  if (inOverride.complete && there.exact) return { path: name, line: there.line, column: there.column, message: issue.message };
  const inBase = source.locate(issue.path, issue.at);
  const at = inBase.exact ? inBase : there;
  return { path: name, line: at.line, column: at.column, message: issue.message };
}
