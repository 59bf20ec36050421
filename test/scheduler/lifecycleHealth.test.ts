// Container health checks in closed form (reference §2.4).
import { describe, expect, it } from 'vitest';
import { healthTimes, taskHealthOf } from '../../src/scheduler/healthCheck.js';

const hc = (intervalSeconds: number, retries: number, startPeriodSeconds = 0) => ({
  command: ['CMD-SHELL', 'true'],
  intervalSeconds,
  timeoutSeconds: 5,
  retries,
  startPeriodSeconds,
});

describe('healthTimes', () => {
  it.each([
    // [interval s, retries, start period s, fails from ms] → [healthy at, unhealthy at]
    [30, 3, 0, undefined, 30_000, undefined], // always passing: HEALTHY at the first probe
    [30, 3, 0, 100_000, 30_000, 180_000], // passes at 30/60/90 s; fails at 120, 150, 180 s
    [30, 3, 0, 0, undefined, 90_000], // fails from the start: three failures at 30, 60, 90 s
    [10, 1, 0, 25_000, 10_000, 30_000], // one retry: the first failure (30 s) is enough
    [10, 3, 60, 0, undefined, 80_000], // failures inside the start period do not count: 60, 70, 80 s
    [10, 3, 60, 15_000, 10_000, 40_000], // a pass inside the start period ends it: failures count at once
    [5, 10, 0, 4_000, undefined, 50_000], // the first probe (5 s) already fails
  ])('interval %i s, retries %i, start period %i s, failing from %s ms', (interval, retries, start, failFrom, healthy, unhealthy) => {
    expect(healthTimes(0, hc(interval, retries, start), failFrom)).toEqual({ healthyAtMs: healthy, unhealthyAtMs: unhealthy });
  });

  it('counts from the container start time', () => {
    expect(healthTimes(1_000_000, hc(30, 3), 100_000)).toEqual({ healthyAtMs: 1_030_000, unhealthyAtMs: 1_180_000 });
  });
});

describe('taskHealthOf (essential containers only)', () => {
  it.each([
    [['HEALTHY', 'HEALTHY'], 'HEALTHY'],
    [['HEALTHY', 'UNKNOWN'], 'UNKNOWN'],
    [['UNKNOWN', 'UNHEALTHY'], 'UNHEALTHY'],
    [[], 'UNKNOWN'],
  ] as const)('%j → %s', (healths, expected) => {
    expect(taskHealthOf(healths)).toBe(expected);
  });
});
