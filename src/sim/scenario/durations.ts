/**
 * Durations and times as a scenario file writes them, resolved to milliseconds.
 *
 * - A duration is a number of seconds (`90`, `0.5`) or a string of amounts with units, largest first or in any
 *   order: `"90s"`, `"15m"`, `"2h"`, `"1d"`, `"1h30m"`, `"250ms"`.
 * - A time is an offset from the start (a duration, optionally with a leading `+`: `"10m"`, `"+10m"`, `600`), a UTC
 *   time of day on the start day (`"10:00"`, `"10:00:30"`), on a later day (`"D2 10:00"`: day 1 is the start
 *   day), or an ISO-8601 timestamp (`"2024-01-01T10:00:00Z"`; without a zone it is UTC). Every time resolves to an
 *   offset in ms from the World's `startTimeMs`.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { describeValue } from '../../codecs/reporter.js';
import { MAX_TIME_MS } from '../../domain/time.js';

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DAY_MS = 86_400_000;

/** What a duration may be, for messages. */
export const DURATION_EXPECTED = 'a duration (seconds, or a string such as "90s", "15m", "2h", "1h30m")';
/** What a time may be, for messages. */
export const TIME_EXPECTED = 'a time (an offset such as "10m" or "+90s", a UTC time of day "10:00", "D2 10:00", or an ISO timestamp)';

/**
 * A duration in whole milliseconds (fractions of a ms are rounded). `Left` is the message after the path.
 *
 * @example
 * ```ts
 * parseDuration('1h30m'); // Right(5_400_000)
 * parseDuration(90);      // Right(90_000)
 * parseDuration('90 min'); // Left('expected a duration (…), got "90 min"')
 * ```
 */
export function parseDuration(u: unknown): E.Either<string, number> {
  const bad = E.left(`expected ${DURATION_EXPECTED}, got ${describeValue(u)}`);
  let ms: number;
  if (typeof u === 'number') {
    if (!Number.isFinite(u) || u < 0) return bad;
    ms = u * 1_000;
  } else if (typeof u === 'string') {
    const s = u.trim();
    if (s.length === 0 || s.length > 64 || !/^(\d+(\.\d+)?(ms|s|m|h|d))+$/.test(s)) return bad;
    ms = 0;
    for (const m of s.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d)/g)) ms += Number(m[1]) * UNIT_MS[m[2]!]!;
  } else {
    return bad;
  }
  ms = Math.round(ms);
  if (ms > MAX_TIME_MS) return E.left(`expected a duration up to ${MAX_TIME_MS / DAY_MS} days, got ${describeValue(u)}`);
  return E.right(ms);
}

/**
 * A time as an offset in ms from `startTimeMs` (may be negative: the caller checks the range and names the path).
 *
 * @example
 * ```ts
 * const start = Date.UTC(2024, 0, 1);       // midnight
 * parseTime('14:00', start);                 // Right(50_400_000)
 * parseTime('D2 01:00', start);              // Right(90_000_000)
 * parseTime('+10m', start);                  // Right(600_000)
 * parseTime('2024-01-01T00:30:00Z', start);  // Right(1_800_000)
 * ```
 */
export function parseTime(u: unknown, startTimeMs: number): E.Either<string, number> {
  const bad = E.left(`expected ${TIME_EXPECTED}, got ${describeValue(u)}`);
  if (typeof u === 'number') return parseDuration(u);
  if (typeof u !== 'string' || u.length > 64) return bad;
  const s = u.trim();
  const offset = /^\+?(.*)$/.exec(s)![1]!;
  if (/^[\d.]+(ms|s|m|h|d)/.test(offset)) return parseDuration(offset);
  const ofDay = /^(?:D(\d{1,5})\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  if (ofDay !== null) {
    const day = ofDay[1] === undefined ? 1 : Number(ofDay[1]);
    const [h, m, sec] = [Number(ofDay[2]), Number(ofDay[3]), Number(ofDay[4] ?? 0)];
    if (day < 1 || h > 23 || m > 59 || sec > 59) return E.left(`expected a valid time of day (D1 or later, 00:00 to 23:59:59), got ${describeValue(u)}`);
    const startDay = Math.floor(startTimeMs / DAY_MS) * DAY_MS;
    return E.right(startDay + (day - 1) * DAY_MS + h * 3_600_000 + m * 60_000 + sec * 1_000 - startTimeMs);
  }
  const iso = parseIsoTimestamp(s);
  if (E.isRight(iso)) return E.right(iso.right - startTimeMs);
  return /^\d{4}-/.test(s) ? iso : bad;
}

/**
 * An ISO-8601 timestamp (`2024-01-01T10:00:00Z`, with optional fraction and zone offset; no zone means UTC) as
 * epoch ms. Strict: the fields must form a real date (Date.parse alone would read a zone-less time as local).
 */
export function parseIsoTimestamp(s: string): E.Either<string, number> {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/.exec(s);
  const bad = E.left(`expected an ISO-8601 timestamp such as "2024-01-01T10:00:00Z", got ${describeValue(s)}`);
  if (m === null) return bad;
  const [y, mo, d, h, mi, sec] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
  const frac = m[7] === undefined ? 0 : Math.round(Number(m[7]) * 1_000);
  const utc = Date.UTC(y, mo - 1, d, h, mi, sec, frac);
  const check = new Date(utc);
  if (mo < 1 || mo > 12 || check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1 || h > 23 || mi > 59 || sec > 59) return bad;
  const zone = m[8];
  let offsetMs = 0;
  if (zone !== undefined && zone !== 'Z') {
    const zh = Number(zone.slice(1, 3));
    const zm = Number(zone.slice(4, 6));
    if (zh > 23 || zm > 59) return bad;
    offsetMs = (zone[0] === '-' ? -1 : 1) * (zh * 3_600_000 + zm * 60_000);
  }
  const ms = utc - offsetMs;
  return ms < 0 || ms > MAX_TIME_MS ? bad : E.right(ms);
}
