import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_STATS, percentile, percentileOfSorted, statsOf } from '../../src/sim/stats.js';

describe('nearest-rank percentiles', () => {
  it('takes the value at rank ceil(p/100 · n)', () => {
    const ten = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
    // n = 10: p50 → rank 5, p90 → rank 9 (not 10: 0.9·10 must not round up), p99 → rank 10, p10 → rank 1.
    expect(percentile(ten, 50)).toBe(5);
    expect(percentile(ten, 90)).toBe(9);
    expect(percentile(ten, 99)).toBe(10);
    expect(percentile(ten, 10)).toBe(1);
    expect(percentile(ten, 0)).toBe(1);
    expect(percentile(ten, 100)).toBe(10);
  });

  it('gives a value some seed had, never one in between', () => {
    expect(percentileOfSorted([1, 2, 3, 4], 50)).toBe(2);
    expect(percentileOfSorted([0, 100], 50)).toBe(0);
    expect(percentileOfSorted([0, 100], 51)).toBe(100);
  });

  it('is 0 for no values', () => {
    expect(percentile([], 90)).toBe(0);
  });

  it('is always one of the values, and monotone in p', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 0, max: 100 }), (values, p) => {
        const v = percentile(values, p);
        expect(values).toContain(v);
        expect(percentile(values, Math.min(100, p + 1))).toBeGreaterThanOrEqual(v);
      }),
    );
  });
});

describe('statsOf', () => {
  it('computes mean, percentiles, min and max on a hand case', () => {
    expect(statsOf([3, 1, 2])).toEqual({ mean: 2, p50: 2, p90: 3, p99: 3, min: 1, max: 3 });
    expect(statsOf([5])).toEqual({ mean: 5, p50: 5, p90: 5, p99: 5, min: 5, max: 5 });
  });

  it('over 100 values 1..100: p50 = 50, p90 = 90, p99 = 99', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(statsOf(values)).toEqual({ mean: 50.5, p50: 50, p90: 90, p99: 99, min: 1, max: 100 });
  });

  it('is all zeros for an empty sample', () => {
    expect(statsOf([])).toEqual(EMPTY_STATS);
  });
});
