import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { decodePartial, makePartial, mergePartials, parseShard, shardSeeds, type PartialResult } from '../../src/sim/partial.js';
import { planSweep, runSweep, runTasks, seedTasks, type Sweep } from '../../src/sim/sweep.js';
import { assertSpec, fakeRun, file, scenario } from './seedResults.js';

const base = scenario({ seeds: 10, assert: [assertSpec({ _tag: 'each' }, 'minutesBelowDesired', '<=', 5, 'p90')] });
const twoVariants = file(base, [
  { name: 'on-demand', scenario: base },
  { name: 'spot', description: 'all Spot', scenario: scenario({ world: { seed: 7 }, assert: base.assert }) },
]);

function sweepOf(): Sweep {
  const s = planSweep(twoVariants);
  if (E.isLeft(s)) throw new Error(s.left);
  return s.right;
}

/** One shard's partial as `ecs-twin simulate --shard` writes it, read back from its JSON text. */
function shard(sweep: Sweep, index: number, count: number): PartialResult {
  const seeds = runTasks(sweep.file, seedTasks(sweep, shardSeeds(sweep.seedCount, index, count)), fakeRun);
  const decoded = decodePartial(JSON.parse(JSON.stringify(makePartial(sweep.file, sweep.seedCount, { index, count }, seeds))), `part-${index}.json`);
  if (E.isLeft(decoded)) throw new Error(decoded.left);
  return decoded.right;
}

describe('shardSeeds and parseShard', () => {
  it('takes every count-th seed from the index', () => {
    expect(shardSeeds(10, 0, 3)).toEqual([0, 3, 6, 9]);
    expect(shardSeeds(10, 1, 3)).toEqual([1, 4, 7]);
    expect(shardSeeds(10, 2, 3)).toEqual([2, 5, 8]);
    expect(shardSeeds(2, 3, 4)).toEqual([]);
  });

  it('reads I/N and says what is wrong otherwise', () => {
    expect(parseShard('2/8')).toEqual(E.right({ index: 2, count: 8 }));
    expect(parseShard('8/8')).toEqual(E.left('the shard index must be an integer from 0 to 7, got 8'));
    expect(parseShard('0/0')).toEqual(E.left('the shard count must be an integer >= 1, got 0'));
    expect(parseShard('two')).toEqual(E.left('a shard is I/N (e.g. 0/4), got "two"'));
  });
});

describe('mergePartials', () => {
  const sweep = sweepOf();
  const whole = runSweep(twoVariants, {}, fakeRun);
  const parts = [shard(sweep, 2, 3), shard(sweep, 0, 3), shard(sweep, 1, 3)];

  it('merges shards 0/3, 1/3, 2/3 (any order) into exactly the bytes one run gives', () => {
    const merged = mergePartials(undefined, parts);
    expect(E.isRight(merged)).toBe(true);
    expect(E.isRight(whole)).toBe(true);
    if (E.isRight(merged) && E.isRight(whole)) {
      expect(JSON.stringify(merged.right)).toBe(JSON.stringify(whole.right));
      expect(merged.right.variants.map((v) => v.seeds.length)).toEqual([10, 10]);
    }
    expect(E.isRight(mergePartials(twoVariants, parts))).toBe(true);
  });

  it('a single shard 0/1 is the whole run', () => {
    const merged = mergePartials(undefined, [shard(sweep, 0, 1)]);
    expect(E.isRight(merged) && E.isRight(whole) && JSON.stringify(merged.right) === JSON.stringify(whole.right)).toBe(true);
  });

  it('refuses nothing to merge, a missing shard and a shard given twice', () => {
    expect(mergePartials(undefined, [])).toEqual(E.left('no partial results to merge'));
    expect(mergePartials(undefined, [parts[0]!, parts[1]!])).toEqual(E.left('missing shard 1/3'));
    expect(mergePartials(undefined, [parts[1]!, parts[0]!, parts[1]!])).toEqual(E.left('shard 0/3 is given twice'));
  });

  it('refuses parts of another scenario, another seed count or another split', () => {
    const other = file(scenario({ name: 'other', seeds: 10 }));
    const otherSweep = { file: other, seedCount: 10 };
    const foreign = makePartial(other, 10, { index: 1, count: 3 }, runTasks(other, seedTasks(otherSweep, [1, 4, 7]), fakeRun));
    expect(mergePartials(undefined, [parts[1]!, foreign, parts[2]!])).toEqual(
      E.left(`shard 1/3 ran another scenario (fingerprint ${foreign.fingerprint}, expected ${parts[1]!.fingerprint}): merge parts of one sweep only`),
    );
    expect(mergePartials(other, parts)).toMatchObject({ _tag: 'Left' });
    const moreSeeds = { ...parts[0]!, seedCount: 11 };
    expect(mergePartials(undefined, [parts[1]!, moreSeeds, parts[2]!])).toEqual(E.left('shard 2/3 ran 11 seeds, shard 0/3 10: merge parts of one sweep only'));
    const halves = shard(sweep, 0, 2);
    expect(mergePartials(undefined, [parts[1]!, halves])).toEqual(E.left('shard 0/2 and shard 0/3 split the seeds differently: merge parts of one sweep only'));
  });

  it('refuses a shard with a seed missing, or with a seed another shard has', () => {
    const p0 = parts[1]!;
    const short = { ...p0, seeds: p0.seeds.slice(1) };
    expect(mergePartials(undefined, [short, parts[2]!, parts[0]!])).toEqual(E.left('shard 0/3 has 3 seeds of variant on-demand, expected 4'));
    // shard 1/3 with its first on-demand seed (101) replaced by shard 0/3's (100).
    const p1 = parts[2]!;
    const stolen = { ...p1, seeds: [p0.seeds[0]!, ...p1.seeds.slice(1)] };
    expect(mergePartials(undefined, [p0, stolen, parts[0]!])).toEqual(E.left('seed 100 of variant on-demand is in shard 0/3 and shard 1/3'));
  });
});

describe('decodePartial', () => {
  const sweep = sweepOf();
  const good = JSON.parse(JSON.stringify(makePartial(sweep.file, 10, { index: 0, count: 2 }, []))) as Record<string, unknown>;

  it('refuses what is not a partial of this version, naming the file', () => {
    expect(decodePartial([], 'a.json')).toEqual(E.left('a.json: not a partial result (expected a JSON object)'));
    expect(decodePartial({ ...good, format: 'ecs-twin-partial/0' }, 'a.json')).toEqual(
      E.left('a.json: not a partial result of this version (format "ecs-twin-partial/0", expected "ecs-twin-partial/1")'),
    );
    expect(decodePartial({ ...good, shard: { index: 2, count: 2 } }, 'a.json')).toEqual(E.left('a.json: the shard index must be an integer from 0 to 1, got 2'));
    expect(decodePartial({ ...good, seeds: [{ variant: 'x' }] }, 'a.json')).toEqual(E.left('a.json: seeds[0] is not a seed result'));
  });

  it('refuses a partial whose scenario was edited after it was written', () => {
    const edited = { ...good, file: { ...(good.file as object), base: { ...(good.file as { base: object }).base, durationMs: 1 } } };
    expect(decodePartial(edited, 'a.json')).toEqual(E.left(`a.json: its scenario does not match its fingerprint ${String(good.fingerprint)} (the file was changed after it was written)`));
  });
});
