import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregate, BASE_VARIANT, SERVICE_OUTCOME_METRICS, TOTAL_OUTCOME_METRICS } from '../../src/sim/aggregate.js';
import type { SeedResult } from '../../src/sim/result.js';
import { assertSpec, file, scenario, seedResult } from './seedResults.js';

const base = scenario({ assert: [assertSpec({ _tag: 'service', service: 'web' }, 'minutesBelowDesired', '<=', 5)] });
const threeSeeds = (variant: string, costs: number[], below: number[]): SeedResult[] =>
  costs.map((c, i) =>
    seedResult(variant, 100 + i, {
      'prod/web': { outcome: { costUsd: c, minutesBelowDesired: below[i] ?? 0, offeredRequests: 1000, droppedRequests: 10 * i }, running: [i, 2, 4 - i] },
      'prod/api': { outcome: { costUsd: 1 }, running: [1, 1, 1] },
    }),
  );

describe('aggregate', () => {
  it('names the single variant of a file without variants "base", and takes name, duration and period from the base', () => {
    const r = aggregate(file(base), threeSeeds(BASE_VARIANT, [1, 2, 3], [0, 0, 0]));
    expect(r.variants.map((v) => v.name)).toEqual(['base']);
    expect([r.scenario, r.durationMs, r.periodMs, r.seedCount]).toEqual(['hand', 180_000, 60_000, 3]);
  });

  it('computes statistics of every outcome number per service and for the total', () => {
    const r = aggregate(file(base), threeSeeds(BASE_VARIANT, [1, 2, 6], [0, 3, 9]));
    const v = r.variants[0]!;
    expect(Object.keys(v.outcomes)).toEqual(['prod/web', 'prod/api', 'total']);
    expect(Object.keys(v.outcomes['prod/web']!)).toEqual([...SERVICE_OUTCOME_METRICS]);
    expect(Object.keys(v.outcomes.total!)).toEqual([...TOTAL_OUTCOME_METRICS]);
    expect(v.outcomes['prod/web']!.costUsd).toEqual({ mean: 3, p50: 2, p90: 6, p99: 6, min: 1, max: 6 });
    expect(v.outcomes['prod/web']!.minutesBelowDesired).toEqual({ mean: 4, p50: 3, p90: 9, p99: 9, min: 0, max: 9 });
    // total cost per seed = web + api (1): 2, 3, 7.
    expect(v.outcomes.total!.costUsd).toEqual({ mean: 4, p50: 3, p90: 7, p99: 7, min: 2, max: 7 });
    // dropped % of the total per seed (only web is offered load): 0/1000, 10/1000, 20/1000 → 0, 1, 2.
    expect(v.outcomes.total!.droppedRequestsPct).toEqual({ mean: 1, p50: 1, p90: 2, p99: 2, min: 0, max: 2 });
  });

  it('builds the fan of running tasks per period (p10/p50/p90 over seeds)', () => {
    const r = aggregate(file(base), threeSeeds(BASE_VARIANT, [1, 2, 3], [0, 0, 0]));
    // web running: seed0 [0,2,4], seed1 [1,2,3], seed2 [2,2,2].
    expect(r.variants[0]!.fan['prod/web']).toEqual({ p10: [0, 2, 2], p50: [1, 2, 3], p90: [2, 2, 4] });
    expect(r.variants[0]!.fan['prod/api']).toEqual({ p10: [1, 1, 1], p50: [1, 1, 1], p90: [1, 1, 1] });
  });

  it('sorts seeds by seed and gives the same bytes whatever order they arrive in', () => {
    const seeds = [...threeSeeds('a', [1, 2.5, 3.1], [0, 1, 2]), ...threeSeeds('b', [0.3, 0.1, 7], [6, 0, 1])];
    const f = file(base, [
      { name: 'a', scenario: base },
      { name: 'b', description: 'cheaper', scenario: base },
    ]);
    const expected = JSON.stringify(aggregate(f, seeds));
    expect(aggregate(f, seeds).variants[0]!.seeds.map((s) => s.seed)).toEqual([100, 101, 102]);
    fc.assert(
      fc.property(fc.shuffledSubarray(seeds, { minLength: seeds.length, maxLength: seeds.length }), (shuffled) => {
        expect(JSON.stringify(aggregate(f, shuffled))).toBe(expected);
      }),
      { numRuns: 30 },
    );
  });

  it('keeps the file order of variants, the deltas against the first, and picks the cheapest passing variant', () => {
    const f = file(base, [
      { name: 'on-demand', scenario: base },
      { name: 'spot-80', description: '80% Spot', scenario: base },
      { name: 'spot-50', scenario: base },
    ]);
    const seeds = [
      ...threeSeeds('spot-80', [0.5, 0.5, 0.5], [0, 0, 7]), // cheapest, fails (max 7 > 5)
      ...threeSeeds('on-demand', [3, 3, 3], [0, 0, 0]),
      ...threeSeeds('spot-50', [1, 1, 1], [0, 5, 0]), // passes (5 <= 5)
    ];
    const r = aggregate(f, seeds);
    expect(r.variants.map((v) => [v.name, v.pass])).toEqual([
      ['on-demand', true],
      ['spot-80', false],
      ['spot-50', true],
    ]);
    expect(r.variants[1]!.description).toBe('80% Spot');
    expect(r.variants.map((v) => v.costDeltaUsd)).toEqual([0, -2.5, -2]);
    expect(r.variants.map((v) => v.droppedPctDelta)).toEqual([0, 0, 0]);
    expect(r.best).toBe('spot-50');
    expect(r.pass).toBe(false);
    expect(r.variants[1]!.asserts).toEqual([{ text: 'web.minutesBelowDesired <= 5', subject: 'prod/web', statistic: 'max', value: 7, pass: false }]);
  });

  it('breaks a cost tie by file order, and has no best when nothing passes', () => {
    const f = file(base, [
      { name: 'x', scenario: base },
      { name: 'y', scenario: base },
    ]);
    const tie = aggregate(f, [...threeSeeds('y', [1, 1, 1], [0, 0, 0]), ...threeSeeds('x', [1, 1, 1], [0, 0, 0])]);
    expect([tie.best, tie.pass]).toEqual(['x', true]);
    const none = aggregate(f, [...threeSeeds('y', [1, 1, 1], [9, 9, 9]), ...threeSeeds('x', [1, 1, 1], [9, 9, 9])]);
    expect([none.best, none.pass]).toEqual([null, false]);
  });

  it('uses each variant\'s own asserts', () => {
    const strict = scenario({ assert: [assertSpec({ _tag: 'total' }, 'costUsd', '<', 1, 'mean')] });
    const f = file(base, [
      { name: 'lenient', scenario: scenario() },
      { name: 'strict', scenario: strict },
    ]);
    const r = aggregate(f, [...threeSeeds('lenient', [1, 1, 1], [9, 9, 9]), ...threeSeeds('strict', [1, 1, 1], [9, 9, 9])]);
    expect(r.variants.map((v) => [v.name, v.asserts.length, v.pass])).toEqual([
      ['lenient', 0, true],
      ['strict', 1, false],
    ]);
  });

  it('ignores seeds of variants the file does not have', () => {
    const r = aggregate(file(base), [...threeSeeds(BASE_VARIANT, [1, 1, 1], [0, 0, 0]), ...threeSeeds('other', [9, 9, 9], [0, 0, 0])]);
    expect(r.variants[0]!.outcomes['prod/web']!.costUsd!.max).toBe(1);
  });
});

describe('scalingTargets', () => {
  it('takes each service\'s first target-tracking policy from the first variant', () => {
    const policy = (service: string, type: 'TargetTrackingScaling' | 'StepScaling', target: number) => ({
      PolicyName: `${service}-${target}`,
      ServiceNamespace: 'ecs' as const,
      ResourceId: `service/prod/${service}`,
      ScalableDimension: 'ecs:service:DesiredCount' as const,
      PolicyType: type,
      ...(type === 'TargetTrackingScaling'
        ? { TargetTrackingScalingPolicyConfiguration: { TargetValue: target, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' as const } } }
        : {}),
    });
    const first = scenario({
      autoscaling: { scalableTargets: [], scheduledActions: [], scalingPolicies: [policy('api', 'StepScaling', 1), policy('web', 'TargetTrackingScaling', 60), policy('web', 'TargetTrackingScaling', 70)] },
    });
    const r = aggregate(file(base, [{ name: 'tt', scenario: first }, { name: 'none', scenario: base }]), []);
    expect(r.scalingTargets).toEqual({ 'prod/web': { metric: 'ECSServiceAverageCPUUtilization', targetValue: 60 } });
  });
});
