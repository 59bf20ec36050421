import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { offeredRps, requestsOver, utilization } from '../../src/sim/load.js';
import type { LoadProfile, ServiceLoad } from '../../src/sim/scenario/types.js';

const MIDNIGHT = Date.UTC(2024, 0, 1); // a UTC midnight
const H = 3_600_000;
const diurnal: LoadProfile = { type: 'diurnal', baseRps: 10, peakRps: 110, peakHour: 12 };

describe('offeredRps: each profile at key instants', () => {
  it('constant', () => expect(offeredRps([{ type: 'constant', rps: 42 }], 123_456, MIDNIGHT)).toBe(42));

  it('step: 0 before the first step, the latest step from its instant on (unsorted steps too)', () => {
    const p: LoadProfile = { type: 'step', steps: [{ atMs: 60_000, rps: 50 }, { atMs: 0, rps: 10 }, { atMs: 120_000, rps: 5 }] };
    const late: LoadProfile = { type: 'step', steps: [{ atMs: 1000, rps: 7 }] };
    expect(offeredRps([late], 999, 0)).toBe(0);
    expect(offeredRps([p], 0, 0)).toBe(10);
    expect(offeredRps([p], 59_999, 0)).toBe(10);
    expect(offeredRps([p], 60_000, 0)).toBe(50);
    expect(offeredRps([p], 500_000, 0)).toBe(5);
  });

  it('ramp: from before the start, linear in between, to after the end', () => {
    const p: LoadProfile = { type: 'ramp', fromRps: 100, toRps: 300, startMs: 10_000, endMs: 20_000 };
    expect(offeredRps([p], 0, 0)).toBe(100);
    expect(offeredRps([p], 10_000, 0)).toBe(100);
    expect(offeredRps([p], 15_000, 0)).toBe(200);
    expect(offeredRps([p], 17_500, 0)).toBe(250);
    expect(offeredRps([p], 20_000, 0)).toBe(300);
    expect(offeredRps([p], 1e9, 0)).toBe(300);
  });

  it('spike: extra load on [atMs, atMs + durationMs) only', () => {
    const p: LoadProfile = { type: 'spike', extraRps: 100, atMs: 60_000, durationMs: 30_000 };
    expect(offeredRps([p], 59_999, 0)).toBe(0);
    expect(offeredRps([p], 60_000, 0)).toBe(100);
    expect(offeredRps([p], 89_999, 0)).toBe(100);
    expect(offeredRps([p], 90_000, 0)).toBe(0);
  });

  it('replay: the last point at or before t, 0 before the first', () => {
    const p: LoadProfile = { type: 'replay', points: [{ atMs: 1000, rps: 3 }, { atMs: 2000, rps: 8 }] };
    expect(offeredRps([p], 500, 0)).toBe(0);
    expect(offeredRps([p], 1500, 0)).toBe(3);
    expect(offeredRps([p], 2000, 0)).toBe(8);
  });

  it('diurnal: peak at the peak hour, base twelve hours away, the mean six hours away (UTC)', () => {
    expect(offeredRps([diurnal], 12 * H, MIDNIGHT)).toBeCloseTo(110, 12);
    expect(offeredRps([diurnal], 0, MIDNIGHT)).toBeCloseTo(10, 12);
    expect(offeredRps([diurnal], 0, MIDNIGHT + 24 * H)).toBeCloseTo(10, 12);
    expect(offeredRps([diurnal], 6 * H, MIDNIGHT)).toBeCloseTo(60, 12);
    expect(offeredRps([diurnal], 18 * H, MIDNIGHT)).toBeCloseTo(60, 12);
    // The run starts at 18:00 UTC: t = 18 h later is 12:00 the next day.
    expect(offeredRps([diurnal], 18 * H, MIDNIGHT + 18 * H)).toBeCloseTo(110, 12);
    // A fractional peak hour: 13:30.
    expect(offeredRps([{ ...diurnal, peakHour: 13.5 } as LoadProfile], 13.5 * H, MIDNIGHT)).toBeCloseTo(110, 12);
  });

  it('sums the profiles', () => {
    expect(offeredRps([{ type: 'constant', rps: 50 }, { type: 'spike', extraRps: 100, atMs: 60_000, durationMs: 30_000 }], 70_000, 0)).toBe(150);
    expect(offeredRps([], 0, 0)).toBe(0);
  });
});

describe('requestsOver: integrals by hand', () => {
  it('constant under capacity: all served', () => {
    expect(requestsOver([{ type: 'constant', rps: 80 }], 0, 0, 60_000, 100)).toEqual({ offered: 80 * 60, served: 80 * 60, dropped: 0, overloadedMs: 0 });
  });

  it('constant over capacity: capacity served, the rest dropped, overloaded all along', () => {
    expect(requestsOver([{ type: 'constant', rps: 150 }], 0, 0, 60_000, 100)).toEqual({ offered: 150 * 60, served: 100 * 60, dropped: 50 * 60, overloadedMs: 60_000 });
  });

  it('a spike inside the interval: 30 s of 100 extra over a 50 rps base, capacity 120', () => {
    const r = requestsOver([{ type: 'constant', rps: 50 }, { type: 'spike', extraRps: 100, atMs: 15_000, durationMs: 30_000 }], 0, 0, 60_000, 120);
    expect(r.offered).toBe(50 * 60 + 100 * 30);
    expect(r.served).toBe(50 * 30 + 120 * 30);
    expect(r.dropped).toBe((150 - 120) * 30);
    expect(r.overloadedMs).toBe(30_000);
  });

  it('a ramp 0 → 200 over 60 s against capacity 100: a triangle above capacity', () => {
    const r = requestsOver([{ type: 'ramp', fromRps: 0, toRps: 200, startMs: 0, endMs: 60_000 }], 0, 0, 60_000, 100);
    expect(r.offered).toBe((200 / 2) * 60); // 6000
    expect(r.dropped).toBe((100 * 30) / 2); // the triangle: 30 s rising from 0 to 100 excess
    expect(r.served).toBe(6000 - 1500);
    expect(r.overloadedMs).toBe(30_000);
  });

  it('a step change inside the interval', () => {
    const r = requestsOver([{ type: 'step', steps: [{ atMs: 0, rps: 10 }, { atMs: 20_000, rps: 40 }] }], 0, 10_000, 30_000, 30);
    expect(r.offered).toBe(10 * 10 + 40 * 10);
    expect(r.served).toBe(10 * 10 + 30 * 10);
    expect(r.overloadedMs).toBe(10_000);
  });

  it('diurnal over a whole day under capacity: the mean × a day, exactly', () => {
    const r = requestsOver([diurnal], MIDNIGHT, 0, 24 * H, 1000);
    expect(r.offered).toBeCloseTo(60 * 86_400, 3);
    expect(r.served).toBe(r.offered);
    expect(r.overloadedMs).toBe(0);
  });

  it('diurnal from 06:00 to 18:00 (the upper half): (mean + amplitude × 2/π) × 12 h', () => {
    const r = requestsOver([diurnal], MIDNIGHT, 6 * H, 18 * H, 1000);
    expect(r.offered).toBeCloseTo((60 + (50 * 2) / Math.PI) * 12 * 3600, 3);
  });

  it('diurnal around the peak against capacity 60: overloaded from 06:00 to 18:00, served ≈ 60 × 12 h', () => {
    const r = requestsOver([diurnal], MIDNIGHT, 0, 24 * H, 60);
    expect(r.overloadedMs).toBeGreaterThan(12 * H - 2000);
    expect(r.overloadedMs).toBeLessThan(12 * H + 2000);
    // Above 60 in [6 h, 18 h]: excess = ∫ 50 cos(…) = 50 × 12 h × 2/π.
    expect(r.dropped).toBeCloseTo((50 * 12 * 3600 * 2) / Math.PI, -1);
    expect(r.served + r.dropped).toBe(r.offered);
  });

  it('no capacity drops everything; an empty interval is all zeros', () => {
    expect(requestsOver([{ type: 'constant', rps: 5 }], 0, 0, 1000, 0)).toEqual({ offered: 5, served: 0, dropped: 5, overloadedMs: 1000 });
    expect(requestsOver([{ type: 'constant', rps: 5 }], 0, 1000, 1000, 10)).toEqual({ offered: 0, served: 0, dropped: 0, overloadedMs: 0 });
  });

  it('is deterministic', () => {
    const profiles: LoadProfile[] = [diurnal, { type: 'ramp', fromRps: 0, toRps: 90, startMs: 0, endMs: 7 * H }];
    expect(requestsOver(profiles, MIDNIGHT, 3 * H, 3 * H + 60_000, 123.4)).toEqual(requestsOver(profiles, MIDNIGHT, 3 * H, 3 * H + 60_000, 123.4));
  });
});

const profileArb: fc.Arbitrary<LoadProfile> = fc.oneof(
  fc.record({ type: fc.constant('constant' as const), rps: fc.double({ min: 0, max: 1e4, noNaN: true }) }),
  fc.record({
    type: fc.constant('step' as const),
    steps: fc.array(fc.record({ atMs: fc.integer({ min: 0, max: 600_000 }), rps: fc.double({ min: 0, max: 1e4, noNaN: true }) }), { maxLength: 5 }),
  }),
  fc.record({
    type: fc.constant('ramp' as const),
    fromRps: fc.double({ min: 0, max: 1e4, noNaN: true }),
    toRps: fc.double({ min: 0, max: 1e4, noNaN: true }),
    startMs: fc.integer({ min: 0, max: 300_000 }),
    endMs: fc.integer({ min: 0, max: 600_000 }),
  }),
  fc.record({
    type: fc.constant('diurnal' as const),
    baseRps: fc.double({ min: 0, max: 1e4, noNaN: true }),
    peakRps: fc.double({ min: 0, max: 1e4, noNaN: true }),
    peakHour: fc.double({ min: 0, max: 23.99, noNaN: true }),
  }),
  fc.record({
    type: fc.constant('spike' as const),
    extraRps: fc.double({ min: 0, max: 1e4, noNaN: true }),
    atMs: fc.integer({ min: 0, max: 600_000 }),
    durationMs: fc.integer({ min: 0, max: 300_000 }),
  }),
);

describe('requestsOver properties', () => {
  it('served + dropped = offered exactly; 0 ≤ served ≤ min(offered, capacity × duration); overload within the interval', () => {
    fc.assert(
      fc.property(
        fc.array(profileArb, { maxLength: 4 }),
        fc.integer({ min: 0, max: 600_000 }),
        fc.integer({ min: 1, max: 180_000 }),
        fc.double({ min: 0, max: 2e4, noNaN: true }),
        fc.integer({ min: 0, max: 2e12 }),
        (profiles, from, len, capacity, start) => {
          const r = requestsOver(profiles, start, from, from + len, capacity);
          expect(r.served + r.dropped).toBe(r.offered);
          expect(r.served).toBeGreaterThanOrEqual(0);
          expect(r.dropped).toBeGreaterThanOrEqual(0);
          expect(r.served).toBeLessThanOrEqual(r.offered);
          expect(r.served).toBeLessThanOrEqual(capacity * (len / 1000));
          expect(r.overloadedMs).toBeGreaterThanOrEqual(0);
          expect(r.overloadedMs).toBeLessThanOrEqual(len + 1e-6);
        },
      ),
    );
  });

  it('splitting an interval in two adds up (within rounding) for piecewise-linear load', () => {
    fc.assert(
      fc.property(fc.array(profileArb.filter((p) => p.type !== 'diurnal'), { maxLength: 4 }), fc.integer({ min: 1, max: 120_000 }), fc.integer({ min: 1, max: 120_000 }), fc.double({ min: 0, max: 2e4, noNaN: true }), (profiles, l1, l2, c) => {
        const whole = requestsOver(profiles, 0, 0, l1 + l2, c);
        const a = requestsOver(profiles, 0, 0, l1, c);
        const b = requestsOver(profiles, 0, l1, l1 + l2, c);
        expect(a.offered + b.offered).toBeCloseTo(whole.offered, 2);
        expect(a.served + b.served).toBeCloseTo(whole.served, 2);
      }),
    );
  });
});

describe('utilization', () => {
  const load: ServiceLoad = { capacityRps: 100, cpuBaselinePct: 2, memoryBaselinePct: 20, memoryAtCapacityPct: 60, profile: [] };
  it('has no datapoint without running tasks', () => expect(utilization(load, 50, 0)).toEqual({ cpuPct: null, memoryPct: null }));
  it('is the baseline when idle', () => expect(utilization(load, 0, 3)).toEqual({ cpuPct: 2, memoryPct: 20 }));
  it('spreads load over the tasks: 100 rps on 2 tasks of 100 is half load', () => {
    expect(utilization(load, 100, 2)).toEqual({ cpuPct: 2 + 98 * 0.5, memoryPct: 20 + 40 * 0.5 });
  });
  it('caps at capacity: CPU 100, memory at its capacity value', () => expect(utilization(load, 1000, 2)).toEqual({ cpuPct: 100, memoryPct: 60 }));
  it('stays within [baseline, 100] and [memory baseline, memory at capacity]', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.integer({ min: 1, max: 1000 }), fc.double({ min: 0, max: 100, noNaN: true }), (rps, n, base) => {
        const u = utilization({ ...load, cpuBaselinePct: base }, rps, n);
        expect(u.cpuPct!).toBeGreaterThanOrEqual(base - 1e-9);
        expect(u.cpuPct!).toBeLessThanOrEqual(100);
        expect(u.memoryPct!).toBeGreaterThanOrEqual(20);
        expect(u.memoryPct!).toBeLessThanOrEqual(60);
      }),
    );
  });
});
