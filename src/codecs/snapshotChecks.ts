/**
 * Small strict checks for reading a World snapshot: each takes a value and the path it was found at and returns
 * what is wrong (`snapshot.world.tasks.rows[3][1].seq: expected 17, got 4.`) or `undefined`. They check shapes and
 * the invariants the engine relies on (key types and order, sequence numbers, timer fields); the snapshot's own
 * integrity (a checksum) is the file format's business (`src/adapters/dataDir.ts`).
 *
 * @module
 */
import { describeValue } from './reporter.js';
import { isRecord } from './isRecord.js';

/** What is wrong with a value, or `undefined` when nothing is. */
export type Problem = string | undefined;
/** A check of one value found at `at`. */
export type Check = (u: unknown, at: string) => Problem;

/** A plain object (not an array, not null). */

const expected = (at: string, what: string, u: unknown): string => `${at}: expected ${what}, got ${describeValue(u)}.`;

/** Any plain object. */
export const anObject: Check = (u, at) => (isRecord(u) ? undefined : expected(at, 'an object', u));
/** A string. */
export const aString: Check = (u, at) => (typeof u === 'string' ? undefined : expected(at, 'a string', u));
/** A safe integer (sequence numbers, epoch milliseconds, counts). */
export const anInteger: Check = (u, at) => (Number.isSafeInteger(u) ? undefined : expected(at, 'an integer', u));
/** A safe integer ≥ 0. */
export const aCount: Check = (u, at) => (Number.isSafeInteger(u) && (u as number) >= 0 ? undefined : expected(at, 'an integer ≥ 0', u));
/** A number that is not NaN (`Infinity` switches a limit off). */
export const aNumber: Check = (u, at) => (typeof u === 'number' && !Number.isNaN(u) ? undefined : expected(at, 'a number', u));
/** A 32-bit unsigned integer (an address). */
export const aUint32: Check = (u, at) => (Number.isInteger(u) && (u as number) >= 0 && (u as number) <= 0xffffffff ? undefined : expected(at, 'a uint32', u));
/** A 32-bit word, signed or not (a generator state word: the generators keep some as int32). */
export const aWord32: Check = (u, at) => (Number.isInteger(u) && (u as number) >= -0x80000000 && (u as number) <= 0xffffffff ? undefined : expected(at, 'a 32-bit integer', u));
/** The value `true`. */
export const isTrue: Check = (u, at) => (u === true ? undefined : expected(at, 'true', u));

/** A list whose items pass `item`. */
export function listOf(item: Check): Check {
  return (u, at) => {
    if (!Array.isArray(u)) return expected(at, 'a list', u);
    for (let i = 0; i < u.length; i++) {
      const p = item(u[i], `${at}[${i}]`);
      if (p !== undefined) return p;
    }
    return undefined;
  };
}

/** An object with exactly the members of `fields` (an `undefined` member is absent), each passing its check. */
export function exactly(fields: Readonly<Record<string, Check>>, optional: readonly string[] = []): Check {
  return (u, at) => {
    if (!isRecord(u)) return expected(at, 'an object', u);
    for (const k of Object.keys(u)) if (!Object.hasOwn(fields, k) && u[k] !== undefined) return `${at}.${k}: unknown member.`;
    for (const [k, check] of Object.entries(fields)) {
      if (u[k] === undefined && optional.includes(k)) continue;
      const p = check(u[k], `${at}.${k}`);
      if (p !== undefined) return p;
    }
    return undefined;
  };
}

/** An object whose every member passes `value`. */
export function recordOf(value: Check): Check {
  return (u, at) => {
    if (!isRecord(u)) return expected(at, 'an object', u);
    for (const k of Object.keys(u)) {
      const p = value(u[k], `${at}.${k}`);
      if (p !== undefined) return p;
    }
    return undefined;
  };
}

/** `undefined`, or a value passing `check`. */
export const optional =
  (check: Check): Check =>
  (u, at) =>
    u === undefined ? undefined : check(u, at);

/** One of the given strings. */
export function oneOf(values: readonly string[]): Check {
  return (u, at) => (typeof u === 'string' && values.includes(u) ? undefined : expected(at, `one of ${values.map((v) => `'${v}'`).join(', ')}`, u));
}

/** The `[key, value]` pairs of a table, as read: keys and values in order. */
export interface TableRows {
  readonly keys: unknown[];
  readonly values: unknown[];
}

/**
 * Reads a table written as `[[key, value], …]`: every key must pass `key` and be strictly greater than the one
 * before under `less` (so no duplicates, and the rows can be bulk-loaded), every value must pass `value`.
 */
export function readRows(u: unknown, at: string, key: Check, less: (a: never, b: never) => boolean, value: Check): TableRows | string {
  if (!Array.isArray(u)) return expected(at, 'a list of [key, value] pairs', u);
  const keys: unknown[] = new Array(u.length);
  const values: unknown[] = new Array(u.length);
  for (let i = 0; i < u.length; i++) {
    const row: unknown = u[i];
    if (!Array.isArray(row) || row.length !== 2) return expected(`${at}[${i}]`, 'a [key, value] pair', row);
    const p = key(row[0], `${at}[${i}][0]`) ?? value(row[1], `${at}[${i}][1]`);
    if (p !== undefined) return p;
    if (i > 0 && !less(keys[i - 1] as never, row[0] as never)) {
      return `${at}[${i}][0]: keys must be strictly increasing, but ${describeValue(row[0])} follows ${describeValue(keys[i - 1])}.`;
    }
    keys[i] = row[0];
    values[i] = row[1];
  }
  return { keys, values };
}

/** Strict order of strings by code unit, of numbers, and of `(atMs, seq)` records. */
export const stringLess = (a: string, b: string): boolean => a < b;
export const numberLess = (a: number, b: number): boolean => a < b;
export const timeSeqLess = (a: { atMs: number; seq: number }, b: { atMs: number; seq: number }): boolean =>
  a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq);

/** A list of strictly increasing safe integers (a set of numbers). */
export function readNumberSet(u: unknown, at: string): number[] | string {
  if (!Array.isArray(u)) return expected(at, 'a list of increasing integers', u);
  for (let i = 0; i < u.length; i++) {
    const v: unknown = u[i];
    if (!Number.isSafeInteger(v)) return expected(`${at}[${i}]`, 'an integer', v);
    if (i > 0 && !((u[i - 1] as number) < (v as number))) return `${at}[${i}]: the numbers must be strictly increasing, but ${String(v)} follows ${String(u[i - 1])}.`;
  }
  return u as number[];
}
