/**
 * Problems found in a scenario file: where (file, path, line and column) and what, and how they print.
 *
 * @module
 */

/**
 * One problem in a scenario file. `path` names the value (`load.web.profile[0].peakRps`); `line` and `column`
 * (1-based) point at it in the file, or at its nearest enclosing value when it is missing.
 *
 * @category model
 */
export interface ScenarioProblem {
  readonly file: string;
  readonly path: string;
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

/** A step of a path into the decoded value: a key of an object or an index of a list. */
export type PathSegment = string | number;

/** A path into the decoded value. */
export type Path = readonly PathSegment[];

/**
 * A problem before it is placed in the file: its path as segments. `at: 'key'` points at the key rather than its
 * value (an unknown key is the key's fault).
 *
 * @category model
 */
export interface Issue {
  readonly path: Path;
  readonly message: string;
  readonly at?: 'key';
}

/**
 * `load.web.profile[0].peakRps`; keys that are not identifiers are quoted (`load["cluster/web"]`); the empty path
 * is `(file)`.
 *
 * @category utils
 * @example
 * ```ts
 * pathToString(['load', 'cluster/web', 'profile', 0]); // 'load["cluster/web"].profile[0]'
 * ```
 */
export function pathToString(path: Path): string {
  let out = '';
  for (const s of path) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s.length > 40 ? `${s.slice(0, 37)}...` : s)}]`;
  }
  return out === '' ? '(file)' : out;
}

/**
 * The problem as a compiler prints it: `scenario.yaml:12:5: load.web.profile[0].peakRps: expected a number ≥ 0,
 * got "x"` (`file: path: message` when it has no position).
 *
 * @category utils
 */
export function formatProblem(p: ScenarioProblem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}:${p.column ?? 1}`;
  return `${where}: ${p.path}: ${p.message}`;
}

/** Problems in file order (line, then column; those without a position last), stable otherwise. */
export function sortProblems(problems: readonly ScenarioProblem[]): ScenarioProblem[] {
  const key = (p: ScenarioProblem): number => (p.line === undefined ? Number.MAX_SAFE_INTEGER : p.line * 1_000_000 + (p.column ?? 0));
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => key(a.p) - key(b.p) || a.i - b.i)
    .map((x) => x.p);
}
