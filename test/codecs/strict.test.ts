// Exact codecs for the twin's own inputs (issue 13): unknown keys, null and non-finite numbers are errors that
// name the path and, for a misspelt key, the key meant.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { describeIssues } from '../../src/codecs/reporter.js';
import { AString, EpochMs, NonNegativeFinite, closestKey, exact, exactList, withRule } from '../../src/codecs/strict.js';
import { WorldConfigCodec, WorldConfigSections } from '../../src/codecs/worldConfig.js';

const Pair = withRule(exact('a pair', { lo: NonNegativeFinite, hi: NonNegativeFinite }, ['lo', 'hi']), (p) =>
  p.lo <= p.hi ? undefined : `expected lo ≤ hi, got lo ${p.lo} and hi ${p.hi}`,
);
const Holder = exact('a holder', { name: AString, pairs: exactList(Pair, 'a list of pairs') });

const issues = (u: unknown): string[] => {
  const r = Holder.decode(u);
  return E.isLeft(r) ? describeIssues(r.left, 'cfg') : [];
};

describe('exact codecs', () => {
  it('decode valid input into fresh values; undefined members are absent', () => {
    const input = { name: 'n', pairs: [{ lo: 1, hi: 2 }], extra: undefined };
    const r = Holder.decode(input);
    expect(r).toEqual(E.right({ name: 'n', pairs: [{ lo: 1, hi: 2 }] }));
    expect(E.isRight(r) && r.right.pairs).not.toBe(input.pairs);
    expect(Holder.is(input)).toBe(true);
  });

  it('report every problem with its path', () => {
    expect(issues({ name: null, pairs: [{ lo: -1, hi: 'x' }, { lo: 5, hi: 1 }, { lo: 1 }], nmae: 'x' })).toEqual([
      'cfg.name: expected a string, got null',
      'cfg.pairs[0].lo: expected a finite number ≥ 0, got -1',
      'cfg.pairs[0].hi: expected a finite number ≥ 0, got "x"',
      'cfg.pairs[1]: expected lo ≤ hi, got lo 5 and hi 1',
      'cfg.pairs[2].hi: required, but missing',
      'cfg.nmae: unknown key (did you mean name?); known keys: name, pairs',
    ]);
    expect(Holder.is({ name: 'n', pairs: [{ lo: 5, hi: 1 }] })).toBe(false);
  });

  it('refuse NaN, infinities and times a Date cannot hold', () => {
    for (const bad of [NaN, Infinity, -Infinity, -0.5]) expect(NonNegativeFinite.is(bad)).toBe(false);
    expect(EpochMs.is(8.64e15)).toBe(true);
    expect(EpochMs.is(8.64e15 + 1)).toBe(false);
    expect(EpochMs.is(1.5)).toBe(false);
  });

  it('suggest the closest known key', () => {
    expect(closestKey('stopedTaskMs', ['stoppedTaskMs'])).toBe('stoppedTaskMs');
    expect(closestKey('REGION', ['region', 'seed'])).toBe('region');
    expect(closestKey('zzzzzz', ['region', 'seed'])).toBeUndefined();
    expect(closestKey('x'.repeat(1000), ['region'])).toBeUndefined();
  });
});

describe('WorldConfigCodec', () => {
  it('has one optional member per section, so a new section is one line', () => {
    expect(Object.keys(WorldConfigCodec.props)).toEqual(Object.keys(WorldConfigSections));
    expect(WorldConfigCodec.decode({})).toEqual(E.right({}));
  });
});
