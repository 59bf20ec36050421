/**
 * Scheduled actions: when each fires. `at(yyyy-mm-ddThh:mm:ss)`, `rate(<n> minute|minutes|hour|hours|day|days)`
 * and `cron(<6 fields>)`; `at` and `cron` read the wall clock of `Timezone` (default UTC), `StartTime`/`EndTime`
 * are instants (https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScheduledAction.html).
 *
 * SIM RULES where AWS publishes nothing exact:
 * - `rate`: the first run is at `StartTime` when given ("Application Auto Scaling performs the action at this time,
 *   and then performs the action based on the specified recurrence"), else one interval after the scenario start;
 * - a run falls in the window when `StartTime ≤ t ≤ EndTime`; after `EndTime` nothing reverts (documented);
 * - runs are checked at the minute boundaries the runner steps through; several runs of one action between two
 *   steps count once (they set the same bounds).
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import type { PutScheduledActionInput } from '../scenario/types.js';
import { matchesCron, parseCron, type CronExpression } from './cron.js';
import { instantOfWallTime, isKnownTimeZone, wallTimeOf } from './timeZone.js';

/** A parsed `Schedule`. */
export type Schedule =
  | { readonly _tag: 'at'; readonly atMs: number }
  | { readonly _tag: 'rate'; readonly everyMs: number }
  | { readonly _tag: 'cron'; readonly cron: CronExpression };

/** A scheduled action with its parsed schedule. */
export interface ScheduledActionState {
  readonly input: PutScheduledActionInput;
  readonly schedule: Schedule;
  readonly timeZone: string;
  /** The scenario start: the anchor of a `rate` without `StartTime`. */
  readonly createdMs: number;
}

const UNIT_MS: Readonly<Record<string, number>> = {
  minute: 60_000,
  minutes: 60_000,
  hour: 3_600_000,
  hours: 3_600_000,
  day: 86_400_000,
  days: 86_400_000,
};

/** Parses `Schedule` in `timeZone` (already checked). `Left` says what is wrong. */
export function parseSchedule(text: string, timeZone: string): E.Either<string, Schedule> {
  const m = /^(at|rate|cron)\((.*)\)$/.exec(text.trim());
  if (m === null) return E.left(`"${text}" is not at(…), rate(…) or cron(…)`);
  const [, kind, body = ''] = m;
  if (kind === 'at') {
    const a = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(body);
    if (a === null) return E.left(`at(${body}): expected at(yyyy-mm-ddThh:mm:ss)`);
    const [year, month, day, hour, minute, second] = a.slice(1).map(Number) as [number, number, number, number, number, number];
    const probe = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
    if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
      return E.left(`at(${body}) is not a valid date and time`);
    }
    return E.right({ _tag: 'at', atMs: instantOfWallTime({ year, month, day, hour, minute, second }, timeZone) });
  }
  if (kind === 'rate') {
    const r = /^(\d+)\s+(minute|minutes|hour|hours|day|days)$/.exec(body.trim());
    if (r === null || Number(r[1]) <= 0) return E.left(`rate(${body}): expected rate(<positive integer> minute|minutes|hour|hours|day|days)`);
    return E.right({ _tag: 'rate', everyMs: Number(r[1]) * (UNIT_MS[r[2] ?? ''] ?? 0) });
  }
  const c = parseCron(body);
  return E.isLeft(c) ? E.left(`cron(${body}): ${c.left}`) : E.right({ _tag: 'cron', cron: c.right });
}

/** Checks `Timezone` (default UTC). */
export const checkTimeZone = (tz: string | undefined): E.Either<string, string> =>
  tz === undefined ? E.right('UTC') : isKnownTimeZone(tz) ? E.right(tz) : E.left(`unknown time zone "${tz}"`);

/** The longest stretch scanned for a cron match between two steps (two years of minutes): a bound on the loop. */
const MAX_SCAN_MINUTES = 2 * 366 * 24 * 60;

/**
 * The latest run of the action in `(afterMs, nowMs]` within its Start/End window, if any.
 *
 * @example
 * ```ts
 * lastRunIn(everyFiveMinutes, t0, t0 + 60_000); // t0 + 60_000 when that minute is a multiple of 5
 * ```
 */
export function lastRunIn(a: ScheduledActionState, afterMs: number, nowMs: number): number | undefined {
  const lo = Math.max(afterMs, (a.input.StartTimeMs ?? -Infinity) - 1);
  const hi = Math.min(nowMs, a.input.EndTimeMs ?? Infinity);
  if (hi <= lo) return undefined;
  const s = a.schedule;
  switch (s._tag) {
    case 'at':
      return s.atMs > lo && s.atMs <= hi ? s.atMs : undefined;
    case 'rate': {
      const anchor = a.input.StartTimeMs ?? a.createdMs;
      const firstK = a.input.StartTimeMs === undefined ? 1 : 0;
      const k = Math.floor((hi - anchor) / s.everyMs);
      if (k < firstK) return undefined;
      const t = anchor + k * s.everyMs;
      return t > lo ? t : undefined;
    }
    case 'cron': {
      // Whole minutes only: the latest minute boundary ≤ hi, scanning back to lo.
      let t = Math.floor(hi / 60_000) * 60_000;
      for (let i = 0; t > lo && i < MAX_SCAN_MINUTES; i++, t -= 60_000) {
        // Every time zone in use today is offset from UTC by a multiple of 15 minutes, so the wall-clock minute
        // is congruent to the UTC minute modulo 15: most minutes are ruled out without asking Intl.
        const utcMinute = (t / 60_000) % 60;
        if (!s.cron.minutes.some((m) => (m - utcMinute) % 15 === 0)) continue;
        if (matchesCron(s.cron, wallTimeOf(t, a.timeZone))) return t;
      }
      return undefined;
    }
  }
}
