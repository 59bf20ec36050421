import { describe, expect, it } from 'vitest';
import { compare, evaluateAsserts, resolveServiceKey } from '../../src/sim/asserts.js';
import { statsOf } from '../../src/sim/stats.js';
import { assertSpec } from './seedResults.js';

const outcomes = {
  'prod/web': { minutesBelowDesired: statsOf([0, 2, 9]), costUsd: statsOf([1, 1, 1]) },
  'prod/api': { minutesBelowDesired: statsOf([0, 0, 1]), costUsd: statsOf([2, 2, 2]) },
  total: { minutesBelowDesired: statsOf([0, 2, 10]), costUsd: statsOf([3, 3, 3]), throttles: statsOf([0, 4, 0]) },
};

describe('compare', () => {
  it('applies each operator', () => {
    expect([compare(1, '<', 2), compare(2, '<', 2), compare(2, '<=', 2), compare(3, '>', 2), compare(2, '>=', 2), compare(2, '==', 2), compare(2.1, '==', 2)]).toEqual([
      true,
      false,
      true,
      true,
      true,
      true,
      false,
    ]);
  });
});

describe('evaluateAsserts', () => {
  it('checks a service assert over the worst seed by default (max)', () => {
    const [v] = evaluateAsserts([assertSpec({ _tag: 'service', service: 'web' }, 'minutesBelowDesired', '<=', 5)], outcomes);
    expect(v).toEqual({ text: 'web.minutesBelowDesired <= 5', subject: 'prod/web', statistic: 'max', value: 9, pass: false });
  });

  it('checks over p90 and p50 (nearest rank)', () => {
    const verdicts = evaluateAsserts(
      [
        assertSpec({ _tag: 'service', service: 'prod/web' }, 'minutesBelowDesired', '<=', 5, 'p50'),
        assertSpec({ _tag: 'service', service: 'prod/web' }, 'minutesBelowDesired', '<=', 5, 'p90'),
      ],
      outcomes,
    );
    expect(verdicts.map((v) => [v.value, v.pass])).toEqual([
      [2, true],
      [9, false],
    ]);
  });

  it('gives one verdict per service for `each`, in the outcomes order', () => {
    const verdicts = evaluateAsserts([assertSpec({ _tag: 'each' }, 'minutesBelowDesired', '<', 2)], outcomes);
    expect(verdicts.map((v) => [v.subject, v.value, v.pass])).toEqual([
      ['prod/web', 9, false],
      ['prod/api', 1, true],
    ]);
  });

  it('checks the total, including account-wide metrics', () => {
    const verdicts = evaluateAsserts(
      [assertSpec({ _tag: 'total' }, 'costUsd', '<=', 3, 'mean'), assertSpec({ _tag: 'total' }, 'throttles', '==', 0)],
      outcomes,
    );
    expect(verdicts.map((v) => [v.subject, v.statistic, v.value, v.pass])).toEqual([
      ['total', 'mean', 3, true],
      ['total', 'max', 4, false],
    ]);
  });

  it('fails, with the reason, an assert on an unknown service or a metric not measured per service', () => {
    const verdicts = evaluateAsserts(
      [assertSpec({ _tag: 'service', service: 'wbe' }, 'costUsd', '<=', 100), assertSpec({ _tag: 'service', service: 'web' }, 'throttles', '<=', 100)],
      outcomes,
    );
    expect(verdicts[0]).toMatchObject({ subject: 'wbe', pass: false, problem: 'no service wbe in the results (services: prod/web, prod/api)' });
    expect(verdicts[1]).toMatchObject({ subject: 'prod/web', pass: false, problem: 'throttles is not measured per service; use total.throttles' });
  });

  it('no asserts: no verdicts', () => {
    expect(evaluateAsserts([], outcomes)).toEqual([]);
  });
});

describe('resolveServiceKey', () => {
  it('matches the exact key, or a unique service name, and refuses an ambiguous one', () => {
    expect(resolveServiceKey('a/web', ['a/web', 'b/web'])).toEqual({ key: 'a/web' });
    expect(resolveServiceKey('api', ['a/web', 'b/api'])).toEqual({ key: 'b/api' });
    expect(resolveServiceKey('web', ['a/web', 'b/web'])).toEqual({ problem: 'service web is ambiguous (a/web, b/web); write cluster/service' });
  });
});
