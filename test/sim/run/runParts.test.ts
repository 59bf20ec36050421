// The simulator loop's small parts: the cost meter, the timeline queue and the random draws.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng, seedState } from '../../../src/domain/rng.js';
import { CostMeter } from '../../../src/sim/run/costMeter.js';
import { chooseIndexes, poisson } from '../../../src/sim/run/poisson.js';
import { TimelineQueue } from '../../../src/sim/run/timeline.js';
import type { TimelineEntry } from '../../../src/sim/scenario/types.js';

describe('CostMeter', () => {
  it('integrates rate changes inside a period and carries later ones over', () => {
    const m = new CostMeter(2, 0);
    m.change(0, 10_000, 1e-6); // service 0 from 10 s
    m.change(-1, 30_000, 2e-6); // a standalone task from 30 s
    m.change(1, 90_000, 1e-6); // service 1 from 90 s: the next period
    const p1 = m.closePeriod(60_000);
    expect(p1.services[0]).toBeCloseTo(50_000 * 1e-6, 12);
    expect(p1.services[1]).toBe(0);
    expect(p1.account).toBeCloseTo(50_000 * 1e-6 + 30_000 * 2e-6, 12);
    m.change(0, 100_000, -1e-6);
    m.lump(0, 100_000, 0.5);
    const p2 = m.closePeriod(120_000);
    expect(p2.services[0]).toBeCloseTo(40_000 * 1e-6 + 0.5, 12);
    expect(p2.services[1]).toBeCloseTo(30_000 * 1e-6, 12);
  });

  it('sums to the rate × time of every window, whatever the periods (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 600_000 }), fc.integer({ min: 0, max: 600_000 }), fc.integer({ min: 1, max: 100 })), { maxLength: 20 }),
        fc.integer({ min: 1, max: 12 }),
        (windows, nPeriods) => {
          const m = new CostMeter(1, 0);
          let expected = 0;
          for (const [a, b, r] of windows) {
            const [s, e] = a <= b ? [a, b] : [b, a];
            m.change(0, s, r * 1e-9);
            m.change(0, e, -r * 1e-9);
            expected += (e - s) * r * 1e-9;
          }
          let total = 0;
          const len = Math.ceil(600_000 / nPeriods);
          for (let p = 1; p <= nPeriods; p++) total += m.closePeriod(p * len).services[0]!;
          expect(total).toBeCloseTo(expected, 9);
        },
      ),
    );
  });
});

describe('TimelineQueue', () => {
  const op = (atMs: number, times = 1, everyMs = 0, path = 'timeline[0]'): TimelineEntry => ({ _tag: 'operation', atMs, operation: 'RunTask', input: {}, times, everyMs, path });
  it('gives steps in time order, file order for ties, window ends before starts, and repeats as they come due', () => {
    const q = new TimelineQueue(
      [
        op(5_000, 3, 1_000, 'timeline[0]'),
        { _tag: 'azOutage', atMs: 2_000, durationMs: 4_000, availabilityZone: 'us-east-1a', path: 'timeline[1]' },
        op(2_000, 1, 0, 'timeline[2]'),
      ],
      60_000,
    );
    expect(q.nextAtMs()).toBe(2_000);
    expect(q.takeDue(2_000).map((s) => `${s._tag}@${s.atMs}`)).toEqual(['start@2000', 'call@2000']);
    expect(q.takeDue(6_000).map((s) => `${s._tag}@${s.atMs}`)).toEqual(['call@5000', 'call@6000', 'end@6000']);
    expect(q.takeDue(60_000).map((s) => `${s._tag}@${s.atMs}`)).toEqual(['call@7000']);
    expect(q.nextAtMs()).toBe(Infinity);
  });

  it('drops the end of a window that outlasts the run', () => {
    const q = new TimelineQueue([{ _tag: 'subnetUnavailable', atMs: 0, durationMs: 90_000, subnetId: 's', path: 'timeline[0]' }], 60_000);
    expect(q.takeDue(1e9).map((s) => s._tag)).toEqual(['start']);
  });
});

describe('poisson', () => {
  it('has the mean it is asked for (small and large means), and is 0 for a zero rate', () => {
    const rng = new Rng(seedState(5, 0));
    for (const lambda of [0.3, 4, 80]) {
      let sum = 0;
      const n = 4000;
      for (let i = 0; i < n; i++) sum += poisson(rng, lambda);
      expect(Math.abs(sum / n - lambda)).toBeLessThan(4 * Math.sqrt(lambda / n) + 0.01);
    }
    expect(poisson(rng, 0)).toBe(0);
  });

  it('chooses distinct indexes, no more than there are', () => {
    const rng = new Rng(seedState(9, 0));
    const c = chooseIndexes(rng, 10, 4);
    expect(new Set(c).size).toBe(4);
    expect(c.every((i) => i >= 0 && i < 10)).toBe(true);
    expect(chooseIndexes(rng, 3, 8)).toHaveLength(3);
  });
});
