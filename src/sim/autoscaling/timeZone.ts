/**
 * Wall-clock fields of an instant in an IANA time zone, and the instant of a wall-clock time, through `Intl` (the
 * tz database of the runtime's ICU). Pure: every function takes the instant; nothing reads the clock.
 *
 * AAS takes "the canonical names of the IANA time zones supported by Joda-Time (such as Etc/GMT+9 or
 * Pacific/Tahiti)" and follows daylight saving time
 * (https://docs.aws.amazon.com/autoscaling/application/userguide/scheduled-scaling-using-cron-expressions.html).
 *
 * @module
 */

/** Wall-clock fields; `weekday` 1 = Sunday … 7 = Saturday (the cron numbering). */
export interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly weekday: number;
}

const WEEKDAYS: Readonly<Record<string, number>> = { Sun: 1, Mon: 2, Tue: 3, Wed: 4, Thu: 5, Fri: 6, Sat: 7 };

// Formatters are costly to build and hold no state between calls: one per zone, built on first use.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether the runtime knows the zone (an unknown name is an input error, reported by the caller). */
export function isKnownTimeZone(timeZone: string): boolean {
  if (timeZone === 'UTC') return true;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    // Intl signals an unknown zone with a RangeError; here that is an answer, not a failure.
    return false;
  }
}

/** The wall-clock fields of `ms` in `timeZone` (UTC without `Intl`). */
export function wallTimeOf(ms: number, timeZone: string): WallTime {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') {
    const d = new Date(ms);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      weekday: d.getUTCDay() + 1,
    };
  }
  // Every service's cron action asks about the same minute in the same few zones: remember recent answers.
  const key = `${timeZone}|${ms}`;
  const known = recent.get(key);
  if (known !== undefined) return known;
  if (recent.size >= 4096) recent.clear();
  const w = wallTimeViaIntl(ms, timeZone);
  recent.set(key, w);
  return w;
}

// A memo of pure results (same input, same answer), so it cannot make outputs depend on call order.
const recent = new Map<string, WallTime>();

function wallTimeViaIntl(ms: number, timeZone: string): WallTime {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(ms)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS[parts.weekday ?? ''] ?? 0,
  };
}

const offsetMs = (ms: number, timeZone: string): number => {
  const w = wallTimeOf(ms, timeZone);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - (ms - (((ms % 1000) + 1000) % 1000));
};

/**
 * The instant at which the wall clock of `timeZone` shows the given time. A time that occurs twice (the hour
 * repeated when clocks go back) gives the first; a time that does not exist (skipped when clocks go forward)
 * gives the instant the skipped-over offset would name, i.e. that wall time read one shift later (02:30 on a
 * New York spring-forward day → 03:30 EDT).
 */
export function instantOfWallTime(w: Omit<WallTime, 'weekday'>, timeZone: string): number {
  const guess = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  // Offsets a day either side bracket any transition near the guess (zones change at most once a day).
  const before = offsetMs(guess - 86_400_000, timeZone);
  const after = offsetMs(guess + 86_400_000, timeZone);
  const shows = (t: number): boolean => {
    const v = wallTimeOf(t, timeZone);
    return v.year === w.year && v.month === w.month && v.day === w.day && v.hour === w.hour && v.minute === w.minute && v.second === w.second;
  };
  const candidates = [guess - before, guess - after].filter(shows).sort((a, b) => a - b);
  return candidates[0] ?? guess - before;
}
