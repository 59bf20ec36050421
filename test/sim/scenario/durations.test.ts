import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { parseDuration, parseIsoTimestamp, parseTime } from '../../../src/sim/scenario/durations.js';
import { MINIMAL, loadOk, loadProblems } from './fixtures.js';

const MIDNIGHT = Date.UTC(2024, 0, 1);
const right = <A>(e: E.Either<string, A>): A | string => (E.isRight(e) ? e.right : `Left: ${e.left}`);

describe('parseDuration', () => {
  it.each([
    [90, 90_000],
    [0.5, 500],
    ['90s', 90_000],
    ['15m', 900_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    ['1h30m', 5_400_000],
    ['250ms', 250],
    ['1.5h', 5_400_000],
  ])('%j is %d ms', (u, ms) => expect(right(parseDuration(u))).toBe(ms));

  it.each([['90 min'], ['-5s'], [-1], [Number.NaN], [Infinity], [''], ['h'], [null], [[1]], ['1e3s'], ['1x']])('refuses %j', (u) => {
    expect(E.isLeft(parseDuration(u))).toBe(true);
  });

  it('refuses a duration beyond the range of a Date', () => {
    expect(right(parseDuration(1e20))).toMatch(/^Left: expected a duration up to/);
  });
});

describe('parseTime', () => {
  it('reads offsets, times of day, later days and ISO timestamps as offsets from the start', () => {
    expect(right(parseTime('10m', MIDNIGHT))).toBe(600_000);
    expect(right(parseTime('+10m', MIDNIGHT))).toBe(600_000);
    expect(right(parseTime(600, MIDNIGHT))).toBe(600_000);
    expect(right(parseTime('10:00', MIDNIGHT))).toBe(36_000_000);
    expect(right(parseTime('10:00:30', MIDNIGHT))).toBe(36_030_000);
    expect(right(parseTime('D2 10:00', MIDNIGHT))).toBe(86_400_000 + 36_000_000);
    expect(right(parseTime('2024-01-01T00:30:00Z', MIDNIGHT))).toBe(1_800_000);
    expect(right(parseTime('2024-01-01T01:30:00+01:00', MIDNIGHT))).toBe(1_800_000);
    // No zone is UTC, never the host's local time.
    expect(right(parseTime('2024-01-01T00:30:00', MIDNIGHT))).toBe(1_800_000);
  });

  it('puts a time of day on the start day, even when the start is not midnight', () => {
    const nineAm = MIDNIGHT + 9 * 3_600_000;
    expect(right(parseTime('10:00', nineAm))).toBe(3_600_000);
    expect(right(parseTime('08:00', nineAm))).toBe(-3_600_000);
  });

  it.each([['25:00'], ['10:61'], ['D0 10:00'], ['2024-02-30T00:00:00Z'], ['tomorrow'], [true], ['10']])('refuses %j', (u) => {
    expect(E.isLeft(parseTime(u, MIDNIGHT))).toBe(true);
  });

  it('reads ISO timestamps strictly', () => {
    expect(right(parseIsoTimestamp('2024-06-01T12:00:00.250Z'))).toBe(Date.UTC(2024, 5, 1, 12, 0, 0, 250));
    expect(E.isLeft(parseIsoTimestamp('2024-13-01T00:00:00Z'))).toBe(true);
  });
});

describe('durations and times in a scenario', () => {
  it('defaults metricPeriod to 60 s and seeds to 1', () => {
    const s = loadOk(MINIMAL).base;
    expect([s.metricPeriodMs, s.seeds]).toEqual([60_000, 1]);
  });

  it('requires metricPeriod to divide the duration, be whole seconds and at least 10 s', () => {
    const msg = (period: string): string => loadProblems(`${MINIMAL}metricPeriod: ${period}\n`)[0]!.message;
    expect(msg('7m')).toBe('expected a period that divides the duration (3600 s), got 420 s');
    expect(msg('5s')).toMatch(/of at least 10 s/);
    expect(msg('10500ms')).toBe('expected a whole number of seconds, got 10.5 s');
  });

  it('refuses times before the start or after the end, naming the path', () => {
    const problems = loadProblems(`name: x
duration: 2h
world: { startTimeMs: ${MIDNIGHT + 9 * 3_600_000} }
resources: { services: [{ serviceName: web }] }
load:
  web: { capacityRps: 1, profile: [{ type: spike, extra: 1, at: "08:00", duration: 1m }, { type: spike, extra: 1, at: "12:00", duration: 1m }] }
`);
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'load.web.profile[0].at: "08:00" is before the start of the scenario (2024-01-01T09:00:00.000Z)',
      'load.web.profile[1].at: "12:00" is after the end of the scenario (2024-01-01T11:00:00.000Z)',
    ]);
  });

  it('refuses repeats that run past the end, and times without every', () => {
    const problems = loadProblems(`${MINIMAL}timeline:
  - { at: 50m, operation: ListTasks, times: 3, every: 10m }
  - { at: 0, operation: ListTasks, times: 2 }
`);
    expect(problems.map((p) => p.path)).toEqual(['timeline[0].times', 'timeline[1].every']);
  });
});
