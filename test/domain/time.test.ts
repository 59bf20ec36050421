import { describe, expect, it } from 'vitest';
import { toIsoSeconds, toIsoTrimmed } from '../../src/domain/time.js';

describe('toIsoTrimmed (event timestamps, reference §3.8 B: `…:39.75Z`, `…:44Z`)', () => {
  it.each([
    [Date.UTC(2020, 5, 1, 10, 0, 39, 750), '2020-06-01T10:00:39.75Z'],
    [Date.UTC(2020, 5, 1, 10, 0, 44, 0), '2020-06-01T10:00:44Z'],
    [Date.UTC(2020, 5, 1, 10, 0, 44, 800), '2020-06-01T10:00:44.8Z'],
    [Date.UTC(2020, 5, 1, 10, 0, 44, 123), '2020-06-01T10:00:44.123Z'],
    [Date.UTC(2020, 5, 1, 10, 0, 44, 5), '2020-06-01T10:00:44.005Z'],
    [Date.UTC(2020, 5, 1, 10, 0, 44, 50), '2020-06-01T10:00:44.05Z'],
  ])('%d → %s', (ms, iso) => {
    expect(toIsoTrimmed(ms)).toBe(iso);
    expect(Date.parse(iso)).toBe(ms);
  });

  it('differs from the envelope time, which is at second precision', () => {
    expect(toIsoSeconds(Date.UTC(2020, 5, 1, 10, 0, 39, 750))).toBe('2020-06-01T10:00:39Z');
  });
});
