/**
 * Virtual time. The World's clock is an integer count of milliseconds since the Unix epoch; nothing in the core
 * reads the wall clock.
 *
 * @module
 */

/** 2024-01-01T00:00:00.000Z — the default start of a world's clock, so fresh worlds print readable dates. */
export const DEFAULT_START_TIME_MS = 1_704_067_200_000;

/** Epoch ms → the ECS JSON wire form: epoch seconds as a number with a millisecond fraction. */
export const toEpochSeconds = (ms: number): number => ms / 1000;

/** Epoch ms → ISO-8601 with milliseconds (`2024-01-01T00:00:00.000Z`). Pure: formats the given instant. */
export const toIso = (ms: number): string => new Date(ms).toISOString();

/**
 * Epoch ms → ISO-8601 as ECS writes timestamps in EventBridge events: the fraction of a second without its
 * trailing zeros, and none when it is zero (`…:39.750` → `…:39.75Z`, `…:44.000` → `…:44Z`; reference §3.8 B).
 */
export function toIsoTrimmed(ms: number): string {
  const iso = new Date(ms).toISOString();
  const frac = iso.slice(20, 23);
  if (frac === '000') return `${iso.slice(0, 19)}Z`;
  if (frac.endsWith('00')) return `${iso.slice(0, 21)}Z`;
  if (frac.endsWith('0')) return `${iso.slice(0, 22)}Z`;
  return iso;
}

/** Epoch ms → ISO-8601 at second precision, as EventBridge's envelope `time` (`2024-01-01T00:00:00Z`). */
export const toIsoSeconds = (ms: number): string => `${new Date(ms).toISOString().slice(0, 19)}Z`;

/**
 * The largest instant a JavaScript `Date` can hold (±8.64e15 ms, 275760-09-13). The clock, every timer and every
 * fault window stay within it, so formatting any instant of a World (`toIso`) can never throw.
 */
export const MAX_TIME_MS = 8_640_000_000_000_000;
