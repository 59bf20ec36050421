import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  FARGATE_ON_DEMAND_LAUNCH_BUCKET,
  FARGATE_RUN_TASK_API_BUCKET,
  FARGATE_SPOT_LAUNCH_BUCKET,
  availableTokens,
  fullBucket,
  msUntilTokens,
  takeTokens,
  type TokenBucket,
} from '../../src/scheduler/tokenBucket.js';

/** An empty Fargate launch bucket (burst 100, 20/s) at time 0. */
const drained = (): TokenBucket => {
  const r = takeTokens(fullBucket(100, 20, 0), 0, 100);
  expect(r.ok).toBe(true);
  return r.bucket;
};

describe('token bucket examples', () => {
  it('carries the reference §9.3 launch limits', () => {
    expect(FARGATE_ON_DEMAND_LAUNCH_BUCKET).toEqual({ capacity: 100, refillPerSecond: 20 });
    expect(FARGATE_SPOT_LAUNCH_BUCKET).toEqual({ capacity: 100, refillPerSecond: 20 });
    expect(FARGATE_RUN_TASK_API_BUCKET).toEqual({ capacity: 20, refillPerSecond: 20 });
  });

  it('starts full and refills at the rate, up to the capacity', () => {
    expect(availableTokens(fullBucket(100, 20, 0), 0)).toBe(100);
    const b = drained();
    expect(availableTokens(b, 0)).toBe(0);
    expect(availableTokens(b, 49)).toBe(0);
    expect(availableTokens(b, 50)).toBe(1);
    expect(availableTokens(b, 1000)).toBe(20);
    expect(availableTokens(b, 5000)).toBe(100);
    expect(availableTokens(b, 60_000)).toBe(100);
  });

  it('grants all or nothing, and leaves the bucket untouched when refusing', () => {
    const b = drained();
    const refused = takeTokens(b, 400, 10);
    expect(refused.ok).toBe(false);
    expect(refused.bucket).toBe(b);
    const granted = takeTokens(b, 500, 10);
    expect(granted.ok).toBe(true);
    expect(granted.bucket).toEqual({ capacity: 100, refillPerSecond: 20, milliTokens: 0, updatedAtMs: 500 });
  });

  it('allows 100 launches at once and then 20 per second (10 RunTask calls of 10 tasks)', () => {
    let b = fullBucket(100, 20, 0);
    for (let call = 0; call < 10; call++) {
      const r = takeTokens(b, 0, 10);
      expect(r.ok, `call ${call} at t=0`).toBe(true);
      b = r.bucket;
    }
    expect(takeTokens(b, 0, 1).ok).toBe(false);
    expect(takeTokens(b, 1000, 20).ok).toBe(true);
    expect(takeTokens(b, 1000, 21).ok).toBe(false);
  });

  it('does not bank refill while full', () => {
    const b = fullBucket(10, 10, 0);
    const r = takeTokens(b, 10_000, 10);
    expect(r.ok).toBe(true);
    expect(availableTokens(r.bucket, 10_000)).toBe(0);
    expect(availableTokens(r.bucket, 10_100)).toBe(1);
  });

  it('says how long until tokens are available', () => {
    const b = drained();
    expect(msUntilTokens(b, 0, 10)).toBe(500);
    expect(msUntilTokens(b, 0, 1)).toBe(50);
    expect(msUntilTokens(b, 30, 1)).toBe(20);
    expect(msUntilTokens(b, 0, 0)).toBe(0);
    expect(msUntilTokens(b, 0, 100)).toBe(5000);
    expect(msUntilTokens(b, 0, 101)).toBe(Infinity);
    expect(msUntilTokens(fullBucket(5, 0, 0), 0, 5)).toBe(0);
    expect(msUntilTokens(takeTokens(fullBucket(5, 0, 0), 0, 5).bucket, 0, 1)).toBe(Infinity);
  });

  it('treats time going backwards as no time passing, and never rewinds its clock', () => {
    const at1000 = takeTokens(drained(), 1000, 20).bucket;
    expect(at1000.updatedAtMs).toBe(1000);
    expect(availableTokens(at1000, 200)).toBe(0);
    expect(msUntilTokens(at1000, 200, 1)).toBe(800 + 50);
    const r = takeTokens(takeTokens(at1000, 1500, 5).bucket, 700, 5);
    expect(r.ok).toBe(true);
    expect(r.bucket.updatedAtMs, 'a take at an earlier time leaves the clock where it was').toBe(1500);
    expect(availableTokens(r.bucket, 1550)).toBe(1);
  });

  it('handles fractional rates and bad numbers without throwing', () => {
    const half = takeTokens(fullBucket(1, 0.5, 0), 0, 1).bucket;
    expect(msUntilTokens(half, 0, 1)).toBe(2000);
    expect(takeTokens(half, 1999, 1).ok).toBe(false);
    expect(takeTokens(half, 2000, 1).ok).toBe(true);
    expect(fullBucket(-5, -1, Number.NaN)).toEqual({ capacity: 0, refillPerSecond: 0, milliTokens: 0, updatedAtMs: 0 });
    expect(fullBucket(2.7, Infinity, 5)).toEqual({ capacity: 2, refillPerSecond: 0, milliTokens: 2000, updatedAtMs: 5 });
    const b = fullBucket(10, 1, 0);
    expect(takeTokens(b, 0, Number.NaN)).toEqual({ bucket: b, ok: false });
    expect(takeTokens(b, 0, Infinity).ok).toBe(false);
    expect(takeTokens(b, 0, -3)).toEqual({ bucket: b, ok: true });
    expect(availableTokens(takeTokens(b, 0, 0.2).bucket, 0), 'a fractional request takes a whole token').toBe(9);
    expect(availableTokens(b, Number.NaN)).toBe(10);
    expect(msUntilTokens(b, 0, Number.NaN)).toBe(Infinity);
  });
});

// ------------------------------------------------------------------------------------------------------------------
// Properties
// ------------------------------------------------------------------------------------------------------------------

const specArb = fc.record({
  capacity: fc.integer({ min: 0, max: 200 }),
  // Mostly integer rates (all of ECS's are), some fractional ones in quarters.
  refillPerSecond: fc.oneof(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 1, max: 40 }).map((q) => q / 4)),
});
/** A call: move the clock by dtMs (sometimes backwards) and try to take n tokens. */
const callsArb = fc.array(fc.record({ dtMs: fc.integer({ min: -2000, max: 3000 }), n: fc.integer({ min: 0, max: 60 }) }), {
  maxLength: 80,
});

interface Grant {
  readonly clockMs: number;
  readonly n: number;
}

/** Replays calls from a full bucket at time 0; returns the bucket, the grants and the final time. */
function replay(spec: { capacity: number; refillPerSecond: number }, calls: ReadonlyArray<{ dtMs: number; n: number }>) {
  let b = fullBucket(spec.capacity, spec.refillPerSecond, 0);
  let nowMs = 0;
  let clockMs = 0;
  const grants: Grant[] = [];
  for (const { dtMs, n } of calls) {
    nowMs += dtMs;
    clockMs = Math.max(clockMs, nowMs);
    const r = takeTokens(b, nowMs, n);
    if (r.ok) grants.push({ clockMs, n });
    else expect(r.bucket, 'a refused take leaves the bucket unchanged').toBe(b);
    b = r.bucket;
    expect(availableTokens(b, nowMs), 'the bucket never holds more than its capacity').toBeLessThanOrEqual(spec.capacity);
    expect(b.milliTokens).toBeGreaterThanOrEqual(0);
    expect(b.milliTokens).toBeLessThanOrEqual(spec.capacity * 1000);
    expect(Number.isInteger(b.milliTokens), 'the level stays a whole number of milli-tokens').toBe(true);
  }
  return { bucket: b, grants, nowMs };
}

describe('token bucket properties', () => {
  test.prop([specArb, callsArb])(
    'over any window of T ms, at most capacity + floor(T × rate / 1000) tokens are granted',
    (spec, calls) => {
      const { grants } = replay(spec, calls);
      for (let i = 0; i < grants.length; i++) {
        let granted = 0;
        for (let j = i; j < grants.length; j++) {
          granted += grants[j]!.n;
          // Virtual time never runs backwards for the bucket, so the window is measured on its clock.
          const windowMs = grants[j]!.clockMs - grants[i]!.clockMs;
          expect(granted, `granted ${granted} tokens in ${windowMs} ms`).toBeLessThanOrEqual(
            spec.capacity + Math.floor((windowMs * spec.refillPerSecond) / 1000),
          );
        }
      }
    },
  );

  test.prop([specArb, callsArb, fc.integer({ min: 0, max: 200 }), fc.integer({ min: -3000, max: 3000 })])(
    'msUntilTokens is exact: the take succeeds after that many ms and fails one ms earlier',
    (spec, calls, n, dtMs) => {
      const { bucket, nowMs } = replay(spec, calls);
      const at = nowMs + dtMs;
      const waitMs = msUntilTokens(bucket, at, n);
      if (waitMs === Infinity) {
        expect(n > spec.capacity || spec.refillPerSecond === 0, 'only an impossible request waits forever').toBe(true);
        expect(takeTokens(bucket, at + 10_000_000, n).ok).toBe(false);
        return;
      }
      expect(Number.isInteger(waitMs) && waitMs >= 0).toBe(true);
      expect(takeTokens(bucket, at + waitMs, n).ok).toBe(true);
      if (waitMs > 0) expect(takeTokens(bucket, at + waitMs - 1, n).ok).toBe(false);
    },
  );

  test.prop([specArb, callsArb, fc.integer({ min: 1, max: 100_000 })])(
    'time going backwards counts as no time passing',
    (spec, calls, backMs) => {
      const { bucket } = replay(spec, calls);
      const then = bucket.updatedAtMs;
      expect(availableTokens(bucket, then - backMs)).toBe(availableTokens(bucket, then));
      const r = takeTokens(bucket, then - backMs, 1);
      expect(r.ok).toBe(availableTokens(bucket, then) >= 1);
      expect(r.bucket.updatedAtMs).toBe(then);
    },
  );
});
