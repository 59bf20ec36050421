/**
 * A small toolkit for decoding the scenario file's own sections: each reader checks one value at a path, records
 * an {@link Issue} when it is wrong and returns `undefined`, so one pass collects every problem (not just the
 * first). Context matters here (times depend on the World's start and the scenario's duration, replay CSVs are
 * read through an injected function), which is why these are functions of a {@link Reader} rather than
 * context-free codecs; the World config itself goes through its io-ts codec (`world.ts`).
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { describeValue } from '../../codecs/reporter.js';
import { closestKey } from '../../codecs/strict.js';
import { DURATION_EXPECTED, TIME_EXPECTED, parseDuration, parseTime } from './durations.js';
import type { Issue, Path } from './problems.js';
import { isRecord } from '../../codecs/isRecord.js';

/** What the readers need besides the value: where issues go and how times resolve. */
export interface Reader {
  readonly issues: Issue[];
  /** The World's start, epoch ms (times of day are on its day). */
  readonly startTimeMs: number;
  /** The scenario's duration, ms, when known (times beyond it are errors); `undefined` while it is invalid. */
  readonly durationMs: number | undefined;
  /** Reads a file named in the scenario (a replay CSV), relative to the scenario file. */
  readonly readFile: (path: string) => E.Either<string, string>;
}

/** A JSON object (not a list, not null). */
export type Obj = Readonly<Record<string, unknown>>;

export const isObj: (u: unknown) => u is Obj = isRecord;

/** Records an issue and returns `undefined`, so readers can `return fail(...)`. */
export function fail(r: Reader, path: Path, message: string, at?: 'key'): undefined {
  r.issues.push(at === undefined ? { path, message } : { path, message, at });
  return undefined;
}

/**
 * An object with exactly the keys in `fields` (`true`: required). Unknown keys are issues at the key, with the
 * closest known key as a suggestion; a missing required key is an issue at its (absent) path.
 */
export function readObject(r: Reader, u: unknown, path: Path, what: string, fields: Readonly<Record<string, boolean>>): Obj | undefined {
  if (!isObj(u)) return fail(r, path, `expected ${what}, got ${describeValue(u)}`);
  const known = Object.keys(fields);
  for (const k of Object.keys(u)) {
    if (Object.hasOwn(fields, k)) continue;
    const hint = closestKey(k, known);
    const list = known.length <= 12 ? `; known keys: ${known.join(', ')}` : '';
    fail(r, [...path, k], `unknown key '${k}'${hint === undefined ? '' : ` (did you mean '${hint}'?)`}${list}`, 'key');
  }
  for (const k of known) if (fields[k] === true && u[k] === undefined) fail(r, [...path, k], `required, but missing`);
  return u;
}

/** A list. */
export function readList(r: Reader, u: unknown, path: Path, what: string): readonly unknown[] | undefined {
  return Array.isArray(u) ? u : fail(r, path, `expected ${what}, got ${describeValue(u)}`);
}

/** A non-empty string of at most `maxLength` characters. */
export function readString(r: Reader, u: unknown, path: Path, maxLength = 1_024): string | undefined {
  if (typeof u === 'string' && u.length > 0 && u.length <= maxLength) return u;
  return fail(r, path, `expected a non-empty string of up to ${maxLength} characters, got ${describeValue(u)}`);
}

/** `true` or `false`. */
export function readBoolean(r: Reader, u: unknown, path: Path): boolean | undefined {
  return typeof u === 'boolean' ? u : fail(r, path, `expected true or false, got ${describeValue(u)}`);
}

/** One of `values`, with a suggestion for a near miss. */
export function readEnum<T extends string>(r: Reader, u: unknown, path: Path, values: readonly T[]): T | undefined {
  if (typeof u === 'string' && (values as readonly string[]).includes(u)) return u as T;
  const hint = typeof u === 'string' ? closestKey(u, values) : undefined;
  return fail(r, path, `expected one of ${values.join(', ')}, got ${describeValue(u)}${hint === undefined ? '' : ` (did you mean ${hint}?)`}`);
}

/** Bounds of a number. */
export interface NumberRule {
  readonly min?: number;
  /** `min` itself is excluded. */
  readonly above?: number;
  readonly max?: number;
  readonly integer?: boolean;
}

/** A finite number within `rule` (by default any finite number up to 1e15 in size). */
export function readNumber(r: Reader, u: unknown, path: Path, rule: NumberRule = {}): number | undefined {
  const max = rule.max ?? 1e15;
  const min = rule.min ?? -1e15;
  const ok =
    typeof u === 'number' &&
    Number.isFinite(u) &&
    u <= max &&
    u >= min &&
    (rule.above === undefined || u > rule.above) &&
    (rule.integer !== true || Number.isInteger(u));
  return ok ? (u as number) : fail(r, path, `expected ${describeNumberRule(rule)}, got ${describeValue(u)}`);
}

/** `a number ≥ 0`, `an integer from 1 to 100000`, `a number > 0`. */
export function describeNumberRule(rule: NumberRule): string {
  const noun = rule.integer === true ? 'an integer' : 'a number';
  if (rule.min !== undefined && rule.max !== undefined) return `${noun} from ${rule.min} to ${rule.max}`;
  if (rule.above !== undefined) return `${noun} > ${rule.above}${rule.max !== undefined ? ` and ≤ ${rule.max}` : ''}`;
  if (rule.min !== undefined) return `${noun} ≥ ${rule.min}`;
  if (rule.max !== undefined) return `${noun} ≤ ${rule.max}`;
  return noun === 'a number' ? 'a finite number' : noun;
}

/** A duration in ms (see `durations.ts`), at least `minMs`. */
export function readDuration(r: Reader, u: unknown, path: Path, minMs = 0): number | undefined {
  const d = parseDuration(u);
  if (E.isLeft(d)) return fail(r, path, d.left);
  if (d.right < minMs) return fail(r, path, `expected ${DURATION_EXPECTED} of at least ${minMs / 1000} s, got ${describeValue(u)}`);
  return d.right;
}

/** A time as an offset in ms from the start, within the scenario (0 … duration). */
export function readTime(r: Reader, u: unknown, path: Path): number | undefined {
  const t = parseTime(u, r.startTimeMs);
  if (E.isLeft(t)) return fail(r, path, t.left);
  if (t.right < 0) return fail(r, path, `${describeValue(u)} is before the start of the scenario (${isoOf(r.startTimeMs)})`);
  if (r.durationMs !== undefined && t.right > r.durationMs) {
    return fail(r, path, `${describeValue(u)} is after the end of the scenario (${isoOf(r.startTimeMs + r.durationMs)})`);
  }
  return t.right;
}

/** `TIME_EXPECTED`, for the CSV reader's messages. */
export { TIME_EXPECTED };

function isoOf(ms: number): string {
  return Number.isFinite(ms) && Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : String(ms);
}

/** `obj[key]` decoded by `f` at `path.key` when present; `undefined` (no issue) when absent. */
export function optional<T>(obj: Obj, path: Path, key: string, f: (u: unknown, p: Path) => T | undefined): T | undefined {
  const v = obj[key];
  return v === undefined ? undefined : f(v, [...path, key]);
}
