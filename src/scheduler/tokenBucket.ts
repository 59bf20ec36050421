/**
 * Token buckets on virtual time: the launch-rate throttles of Fargate (reference §9.3).
 *
 * A bucket holds up to `capacity` tokens and refills continuously at `refillPerSecond`. The level is kept in
 * integer milli-tokens, and refilling `elapsedMs` adds `elapsedMs × refillPerSecond` milli-tokens (one token per
 * second is one milli-token per millisecond), so for integer rates — all of ECS's — the arithmetic is exact:
 * no drift, and the same on every machine. A fractional rate is floored to whole milli-tokens per refill.
 *
 * The level is computed lazily from `updatedAtMs`: reading never changes the bucket, and only a successful take
 * stores a new level. Time that goes backwards counts as no time passing, and the bucket's clock never moves back,
 * so no refill is ever granted twice.
 *
 * @module
 */
import type { TokenBucket } from '../domain/ledgers.js';

// ---------------------------------------------------------------------------------------------------------------
// model
// ---------------------------------------------------------------------------------------------------------------

export type { TokenBucket };

/**
 * The size and refill rate of a bucket.
 *
 * @category model
 */
export interface BucketSpec {
  readonly capacity: number;
  readonly refillPerSecond: number;
}

/**
 * The result of {@link takeTokens}.
 *
 * @category model
 */
export interface TakeResult {
  readonly bucket: TokenBucket;
  /** Whether the tokens were granted; when false, the bucket is unchanged (the same object). */
  readonly ok: boolean;
}

// ---------------------------------------------------------------------------------------------------------------
// constants (reference §9.3, per account per Region)
// ---------------------------------------------------------------------------------------------------------------

/**
 * Fargate On-Demand task launches: burst 100, 20 per second. One token per launched task.
 *
 * @category constants
 */
export const FARGATE_ON_DEMAND_LAUNCH_BUCKET: BucketSpec = { capacity: 100, refillPerSecond: 20 };
/**
 * Fargate Spot task launches: burst 100, 20 per second. One token per launched task.
 *
 * @category constants
 */
export const FARGATE_SPOT_LAUNCH_BUCKET: BucketSpec = { capacity: 100, refillPerSecond: 20 };
/**
 * RunTask API calls on Fargate: burst 20, 20 per second. One token per call (a call launches up to 10 tasks).
 *
 * @category constants
 */
export const FARGATE_RUN_TASK_API_BUCKET: BucketSpec = { capacity: 20, refillPerSecond: 20 };

const MILLI = 1000;

// ---------------------------------------------------------------------------------------------------------------
// constructors
// ---------------------------------------------------------------------------------------------------------------

/**
 * A full bucket at `nowMs`. A negative, fractional or non-finite capacity becomes a non-negative integer (0 when
 * not finite); a negative or non-finite rate becomes 0 (a bucket that never refills).
 *
 * @category constructors
 * @example
 * ```ts
 * const b = fullBucket(100, 20, 0);
 * availableTokens(b, 0); // 100
 * ```
 */
export function fullBucket(capacity: number, refillPerSecond: number, nowMs: number): TokenBucket {
  const cap = Number.isFinite(capacity) && capacity > 0 ? Math.floor(capacity) : 0;
  const rate = Number.isFinite(refillPerSecond) && refillPerSecond > 0 ? refillPerSecond : 0;
  return { capacity: cap, refillPerSecond: rate, milliTokens: cap * MILLI, updatedAtMs: finiteOr(nowMs, 0) };
}

// ---------------------------------------------------------------------------------------------------------------
// queries
// ---------------------------------------------------------------------------------------------------------------

/**
 * Whole tokens available at `nowMs`.
 *
 * @category queries
 * @example
 * ```ts
 * const { bucket } = takeTokens(fullBucket(100, 20, 0), 0, 100);
 * availableTokens(bucket, 50); // 1 (20 tokens/s × 50 ms)
 * ```
 */
export function availableTokens(b: TokenBucket, nowMs: number): number {
  return Math.floor(levelAt(b, nowMs) / MILLI);
}

/**
 * Milliseconds from `nowMs` until `n` tokens are available: 0 when they already are, `Infinity` when they never
 * will be (`n` above the capacity, or a bucket that does not refill). Taking `n` tokens at `nowMs` plus the result
 * succeeds, and one millisecond earlier it fails.
 *
 * @category queries
 * @example
 * ```ts
 * const { bucket } = takeTokens(fullBucket(100, 20, 0), 0, 100);
 * msUntilTokens(bucket, 0, 10); // 500
 * ```
 */
export function msUntilTokens(b: TokenBucket, nowMs: number, n: number): number {
  const needMilli = tokensNeeded(n) * MILLI;
  if (levelAt(b, nowMs) >= needMilli) return 0;
  if (needMilli > b.capacity * MILLI || !(b.refillPerSecond > 0)) return Infinity;
  // The level at time T ≥ updatedAtMs is milliTokens + floor((T − updatedAtMs) × rate), so the answer is the
  // smallest whole e with floor(e × rate) ≥ deficit, counted from the bucket's own clock. The deficit is positive:
  // the level at nowMs is short, and a valid bucket's level is never below its stored milliTokens.
  const deficit = needMilli - b.milliTokens;
  // The division may round either way for fractional rates: settle e exactly (at most a step or two).
  let e = Math.ceil(deficit / b.refillPerSecond);
  while (Math.floor(e * b.refillPerSecond) < deficit) e += 1;
  while (e > 0 && Math.floor((e - 1) * b.refillPerSecond) >= deficit) e -= 1;
  return b.updatedAtMs + e - finiteOr(nowMs, b.updatedAtMs);
}

// ---------------------------------------------------------------------------------------------------------------
// combinators
// ---------------------------------------------------------------------------------------------------------------

/**
 * Takes `n` tokens at `nowMs`, all or nothing. On success the bucket stores its level and time; on failure it is
 * returned unchanged (same object). Taking 0 tokens always succeeds and changes nothing. A fractional `n` is
 * rounded up; a non-finite `n` never succeeds.
 *
 * @category combinators
 * @example
 * ```ts
 * const r = takeTokens(fullBucket(20, 20, 0), 0, 10);
 * r.ok; // true
 * availableTokens(r.bucket, 0); // 10
 * ```
 */
export function takeTokens(b: TokenBucket, nowMs: number, n: number): TakeResult {
  const needMilli = tokensNeeded(n) * MILLI;
  if (needMilli === 0) return { bucket: b, ok: true };
  const level = levelAt(b, nowMs);
  if (level < needMilli) return { bucket: b, ok: false };
  const updatedAtMs = Math.max(b.updatedAtMs, finiteOr(nowMs, b.updatedAtMs));
  return { bucket: { ...b, milliTokens: level - needMilli, updatedAtMs }, ok: true };
}

// ---------------------------------------------------------------------------------------------------------------
// utils
// ---------------------------------------------------------------------------------------------------------------

function finiteOr(n: number, fallback: number): number {
  return Number.isFinite(n) ? n : fallback;
}

/** Tokens a request needs: fractional rounds up, negative is 0, non-finite is unsatisfiable. */
function tokensNeeded(n: number): number {
  if (!Number.isFinite(n)) return Infinity;
  return n > 0 ? Math.ceil(n) : 0;
}

/** Milli-tokens refilled over `elapsedMs` (never negative), without the capacity cap. */
function refillMilli(b: TokenBucket, elapsedMs: number): number {
  return elapsedMs > 0 ? Math.floor(elapsedMs * b.refillPerSecond) : 0;
}

/** Level in milli-tokens at `nowMs`, capped at capacity; time before `updatedAtMs` counts as none. */
function levelAt(b: TokenBucket, nowMs: number): number {
  const cap = b.capacity * MILLI;
  const elapsedMs = finiteOr(nowMs, b.updatedAtMs) - b.updatedAtMs;
  return Math.min(cap, b.milliTokens + refillMilli(b, elapsedMs));
}
