/**
 * Typed readings of query arguments: `registeredAt` dates, `agentVersion` versions, `runningTasksCount` counts,
 * and the ordering of attribute values. All pure; a value that does not read returns `undefined`.
 *
 * @module
 */

// Docs, registeredAt: "Valid date formats: 2018-06-18T22:28:28+00:00, 2018-06-18T22:28:28Z, 2018-06-18T22:28:28,
// 2018-06-18" (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-query-language.html).
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(Z|[+-]\d{2}:\d{2})?)?$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/**
 * Reads a `registeredAt` argument as epoch milliseconds, in one of the four documented formats. A date or a time
 * without an offset is read as UTC (SIM RULE: the docs do not say which zone). Returns `undefined` for anything
 * else, including impossible dates such as `2018-02-30`.
 */
export function parseQueryDate(text: string): number | undefined {
  const m = DATE_RE.exec(text);
  if (m === null) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return undefined;
  const maxDay = month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 31);
  if (day > maxDay) return undefined;
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let offsetMinutes = 0;
  const zone = m[7];
  if (zone !== undefined && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = sign * (oh * 60 + om);
  }
  // Date.UTC with explicit arguments is a pure calendar computation (no clock is read).
  return Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * 60_000;
}

const COUNT_RE = /^\d{1,9}$/;

/** Reads a `runningTasksCount` argument: a non-negative integer of at most 9 digits. */
export function parseQueryCount(text: string): number | undefined {
  return COUNT_RE.test(text) ? Number(text) : undefined;
}

const VERSION_RE = /^\d{1,9}(?:\.\d{1,9}){0,9}$/;

/** Reads an agent version such as `1.14.5` as its numeric components. */
export function parseVersion(text: string): readonly number[] | undefined {
  return VERSION_RE.test(text) ? text.split('.').map(Number) : undefined;
}

/** Compares two versions component by component; a missing component counts as 0 (`1.14` = `1.14.0`). */
export function compareVersions(a: readonly number[], b: readonly number[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

const NUMBER_RE = /^-?\d{1,15}(?:\.\d{1,15})?$/;

/**
 * Orders two attribute values: numerically when both are plain decimal numbers, otherwise by UTF-16 code unit
 * (SIM RULE: the docs give `>`/`<` for attributes without saying how values order).
 */
export function compareAttributeValues(a: string, b: string): number {
  if (NUMBER_RE.test(a) && NUMBER_RE.test(b)) {
    const d = Number(a) - Number(b);
    return d === 0 ? 0 : d < 0 ? -1 : 1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}
