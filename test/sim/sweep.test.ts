import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { planSweep, runSweep, runTasks, scenarioOf, seedTasks } from '../../src/sim/sweep.js';
import { fakeRun, file, scenario } from './seedResults.js';

const base = scenario({ seeds: 2 });
const three = file(base, [
  { name: 'a', scenario: base },
  { name: 'b', scenario: scenario({ name: 'b', world: { seed: 500 } }) },
  { name: 'c', scenario: base },
]);

describe('planSweep', () => {
  it('defaults to the base seeds and every variant', () => {
    expect(planSweep(three)).toEqual(E.right({ file: three, seedCount: 2 }));
  });

  it('selects variants in file order and overrides the seed count', () => {
    const r = planSweep(three, { seeds: 5, variants: ['c', 'a'] });
    expect(E.isRight(r) && [r.right.seedCount, r.right.file.variants.map((v) => v.name)]).toEqual([5, ['a', 'c']]);
  });

  it('refuses an unknown variant and a bad seed count, saying which', () => {
    expect(planSweep(three, { variants: ['a', 'd'] })).toEqual(E.left('no variant d in hand (variants: a, b, c)'));
    expect(planSweep(file(base), { variants: ['a'] })).toEqual(E.left('no variant a in hand (variants: base)'));
    expect(planSweep(three, { seeds: 0 })).toEqual(E.left('seeds must be an integer from 1 to 100000, got 0'));
    expect(planSweep(three, { seeds: 1.5 })).toEqual(E.left('seeds must be an integer from 1 to 100000, got 1.5'));
  });

  it('accepts base for a file without variants', () => {
    expect(E.isRight(planSweep(file(base), { variants: ['base'] }))).toBe(true);
  });
});

describe('seedTasks and runTasks', () => {
  it('lists variant-major, seed indexes ascending, or a shard\'s indexes', () => {
    const sweep = { file: three, seedCount: 2 };
    expect(seedTasks(sweep).map((t) => `${t.variant}${t.seedIndex}`)).toEqual(['a0', 'a1', 'b0', 'b1', 'c0', 'c1']);
    expect(seedTasks({ file: file(base), seedCount: 4 }, [1, 3]).map((t) => `${t.variant}${t.seedIndex}`)).toEqual(['base1', 'base3']);
  });

  it('runs each task with its variant\'s scenario and reports progress', () => {
    const progress: string[] = [];
    const seeds = runTasks(three, seedTasks({ file: three, seedCount: 2 }), fakeRun, (d, t) => progress.push(`${d}/${t}`));
    expect(seeds.map((s) => `${s.variant}:${s.seed}`)).toEqual(['a:100', 'a:101', 'b:500', 'b:501', 'c:100', 'c:101']);
    expect(progress).toEqual(['1/6', '2/6', '3/6', '4/6', '5/6', '6/6']);
    expect(scenarioOf(three, 'zz')).toBeUndefined();
  });

  it('runSweep aggregates the selected variants only', () => {
    const r = runSweep(three, { variants: ['b'], seeds: 3 }, fakeRun);
    expect(E.isRight(r) && r.right.variants.map((v) => [v.name, v.seeds.map((s) => s.seed)])).toEqual([['b', [500, 501, 502]]]);
  });
});
