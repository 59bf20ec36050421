import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { StrategyItem } from '../../src/domain/cluster.js';
import {
  pickCapacityProvider,
  pickScaleIn,
  splitByStrategy,
  strategyTotals,
} from '../../src/scheduler/capacityProviderSplit.js';

const item = (capacityProvider: string, weight: number, base = 0): StrategyItem => ({ capacityProvider, base, weight });
const F = 'FARGATE';
const S = 'FARGATE_SPOT';
/** The reference's worked example (§7.2): FARGATE base=2 weight=1, FARGATE_SPOT weight=3. */
const worked = [item(F, 1, 2), item(S, 3)];

const tally = (providers: readonly string[]): Map<string, number> => {
  const m = new Map<string, number>();
  for (const p of providers) m.set(p, (m.get(p) ?? 0) + 1);
  return m;
};

describe('splitByStrategy: worked examples', () => {
  it('places the reference example (base 2, weights 1:3, 10 tasks) as FARGATE 4, FARGATE_SPOT 6', () => {
    const order = splitByStrategy(worked, 10);
    // Base first, then D'Hondt with ties to the earlier item: F F | S S F S S S F S.
    expect(order).toEqual([F, F, S, S, F, S, S, S, F, S]);
    expect(tally(order)).toEqual(new Map([[F, 4], [S, 6]]));
    expect(strategyTotals(worked, 10)).toEqual(new Map([[F, 4], [S, 6]]));
  });

  it('splits weights 1 and 4 as one task on A for every four on B (the DG example)', () => {
    expect(tally(splitByStrategy([item('A', 1), item('B', 4)], 10))).toEqual(new Map([['B', 8], ['A', 2]]));
    expect(tally(splitByStrategy([item('A', 1), item('B', 4)], 5))).toEqual(new Map([['B', 4], ['A', 1]]));
  });

  it('alternates equal weights, starting with the first item', () => {
    expect(splitByStrategy([item('A', 1), item('B', 1)], 5)).toEqual(['A', 'B', 'A', 'B', 'A']);
    expect(splitByStrategy([item('A', 7), item('B', 7), item('C', 7)], 4)).toEqual(['A', 'B', 'C', 'A']);
  });

  it('gives a weight-0 item its base and nothing more', () => {
    expect(splitByStrategy([item('A', 0, 2), item('B', 1)], 5)).toEqual(['A', 'A', 'B', 'B', 'B']);
  });

  it('stops when every base is met and every weight is 0 (ECS refuses such a strategy)', () => {
    expect(splitByStrategy([item('A', 0, 3), item('B', 0)], 5)).toEqual(['A', 'A', 'A']);
    expect(pickCapacityProvider([item('A', 0), item('B', 0)], new Map())).toBeUndefined();
    expect(splitByStrategy([], 3)).toEqual([]);
  });

  it('continues from existing counts (a service scaling out)', () => {
    expect(splitByStrategy(worked, 8, new Map([[F, 2]]))).toEqual(splitByStrategy(worked, 10).slice(2));
    expect(strategyTotals(worked, 3, new Map([[F, 4], [S, 6], ['OLD', 1]]))).toEqual(new Map([[F, 5], [S, 8], ['OLD', 1]]));
  });

  it('keeps a heavy item within one task of its share where plain D\u2019Hondt would not', () => {
    // Weights 5,1,1,1,1,1 and 5 tasks: D'Hondt gives A all 5 (exact share 2.5); the quota guard caps A at 3.
    const strategy = [item('A', 5), ...['B', 'C', 'D', 'E', 'F'].map((p) => item(p, 1))];
    const totals = tally(splitByStrategy(strategy, 5));
    expect(totals.get('A')).toBe(3);
    expect([...totals.values()].reduce((a, b) => a + b, 0)).toBe(5);
  });

  it('sanitises what validation should have caught: repeated providers count once, bad numbers count as 0', () => {
    expect(splitByStrategy([item('A', 1), item('A', 5), item('B', 1)], 4)).toEqual(['A', 'B', 'A', 'B']);
    expect(splitByStrategy([item('A', Number.NaN, -1), item('B', 1)], 2)).toEqual(['B', 'B']);
    expect(splitByStrategy(worked, -2)).toEqual([]);
  });
});

describe('pickScaleIn: examples', () => {
  it('removes from the provider furthest above its share', () => {
    expect(pickScaleIn(worked, new Map([[F, 4], [S, 6]]))).toBe(S);
    expect(pickScaleIn(worked, new Map([[F, 5], [S, 6]]))).toBe(F);
  });

  it('keeps the base while another provider has tasks, and takes it last', () => {
    expect(pickScaleIn(worked, new Map([[F, 2], [S, 1]]))).toBe(S);
    expect(pickScaleIn(worked, new Map([[F, 2]]))).toBe(F);
    expect(pickScaleIn(worked, new Map([[F, 0], [S, 0]]))).toBeUndefined();
    expect(pickScaleIn(worked, new Map())).toBeUndefined();
  });

  it('removes tasks of providers outside the strategy first, then weight-0 excess', () => {
    expect(pickScaleIn(worked, new Map([[F, 4], [S, 6], ['zeta', 1], ['alpha', 2]]))).toBe('alpha');
    expect(pickScaleIn([item('A', 0, 1), item('B', 1)], new Map([['A', 3], ['B', 9]]))).toBe('A');
  });
});

// ------------------------------------------------------------------------------------------------------------------
// Properties
// ------------------------------------------------------------------------------------------------------------------

/** Strategies as ECS allows them: 1–6 distinct providers, at most one base > 0, at least one weight > 0. */
const strategyArb = fc
  .record({
    weights: fc.array(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 1000 })), { minLength: 1, maxLength: 6 }),
    base: fc.integer({ min: 0, max: 20 }),
    baseAt: fc.nat(),
  })
  .filter(({ weights }) => weights.some((w) => w > 0))
  .map(({ weights, base, baseAt }) => weights.map((w, i) => item(`P${i}`, w, i === baseAt % weights.length ? base : 0)));

const twoProviderArb = fc
  .record({ w0: fc.integer({ min: 0, max: 1000 }), w1: fc.integer({ min: 1, max: 1000 }), base: fc.integer({ min: 0, max: 10 }), swap: fc.boolean() })
  .map(({ w0, w1, base, swap }) => {
    const s = [item(F, w0, base), item(S, w1)];
    return swap ? [s[1]!, s[0]!] : s;
  });

/**
 * The closed form: the base item gets min(count, base) first; then every weighted item's tasks beyond base are
 * strictly within one task of the exact share (count − base) × weight / Σweights, and weight-0 items get none.
 * Compared as integers: |excess × W − rest × weight| < W.
 */
function expectClosedForm(strategy: readonly StrategyItem[], counts: ReadonlyMap<string, number>, count: number): void {
  const baseItem = strategy.find((it) => it.base > 0);
  const base = baseItem?.base ?? 0;
  const totalWeight = strategy.reduce((s, it) => s + it.weight, 0);
  if (count === 0) return;
  if (count <= base) {
    expect(counts.get(baseItem!.capacityProvider) ?? 0, 'the base is filled first').toBe(count);
    return;
  }
  const rest = count - base;
  for (const it of strategy) {
    const excess = (counts.get(it.capacityProvider) ?? 0) - it.base;
    if (it.weight === 0) {
      expect(excess, `${it.capacityProvider} has weight 0 and must get nothing beyond its base`).toBe(0);
    } else {
      expect(
        Math.abs(excess * totalWeight - rest * it.weight),
        `${it.capacityProvider} holds ${excess} tasks beyond base; its exact share of ${rest} is ${(rest * it.weight) / totalWeight}`,
      ).toBeLessThan(totalWeight);
    }
  }
}

/**
 * Scales a service out (`true`) or in (`false`, or out when it has no task) one task per step, checking after each
 * step with `check(counts, removed, total)`: before applying a scale-in `removed` names the provider about to lose
 * a task; after every step (scale-out or applied scale-in) it is `undefined` and `counts` are current.
 */
function walk(
  strategy: readonly StrategyItem[],
  steps: readonly boolean[],
  check: (counts: ReadonlyMap<string, number>, removed: string | undefined, total: number) => void,
): void {
  const counts = new Map<string, number>();
  let total = 0;
  for (const up of steps) {
    if (up || total === 0) {
      const p = pickCapacityProvider(strategy, counts)!;
      counts.set(p, (counts.get(p) ?? 0) + 1);
      total += 1;
    } else {
      const p = pickScaleIn(strategy, counts)!;
      check(counts, p, total);
      counts.set(p, counts.get(p)! - 1);
      total -= 1;
    }
    for (const s of strategy) expect(counts.get(s.capacityProvider) ?? 0, 'no provider may go below zero tasks').toBeGreaterThanOrEqual(0);
    check(counts, undefined, total);
  }
}

describe('capacity-provider split properties', () => {
  test.prop([strategyArb, fc.integer({ min: 0, max: 300 })])(
    'after every task the totals match the closed form (base first, then within one task of the exact share)',
    (strategy, count) => {
      const order = splitByStrategy(strategy, count);
      expect(order).toHaveLength(count);
      const counts = new Map<string, number>();
      order.forEach((p, i) => {
        counts.set(p, (counts.get(p) ?? 0) + 1);
        expectClosedForm(strategy, counts, i + 1);
      });
    },
  );

  test.prop([strategyArb, fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 })])(
    'incremental equals batch: one call for a + b tasks, two calls, or one pick at a time',
    (strategy, a, b) => {
      const batch = splitByStrategy(strategy, a + b);
      const first = splitByStrategy(strategy, a);
      const second = splitByStrategy(strategy, b, tally(first));
      expect([...first, ...second]).toEqual(batch);
      const counts = new Map<string, number>();
      const oneByOne: string[] = [];
      for (let i = 0; i < a + b; i++) {
        const p = pickCapacityProvider(strategy, counts)!;
        oneByOne.push(p);
        counts.set(p, (counts.get(p) ?? 0) + 1);
      }
      expect(oneByOne).toEqual(batch);
    },
  );

  test.prop([twoProviderArb, fc.integer({ min: 1, max: 200 })])(
    'with two providers, scale-in exactly undoes the latest scale-out',
    (strategy, count) => {
      const order = splitByStrategy(strategy, count);
      const counts = tally(order);
      for (let n = order.length; n > 0; n--) {
        const p = pickScaleIn(strategy, counts);
        expect(p, `scaling in from ${n} tasks should remove the task placed last`).toBe(order[n - 1]);
        counts.set(p!, counts.get(p!)! - 1);
      }
      expect(pickScaleIn(strategy, counts)).toBeUndefined();
    },
  );

  test.prop([strategyArb, fc.array(fc.boolean(), { maxLength: 300 })])(
    'scale-in never dips below a base while another provider has tasks beyond its base',
    (strategy, steps) => {
      walk(strategy, steps, (counts, removed) => {
        if (removed === undefined) return;
        // `counts` is still before the removal here: the provider must hold more than its base.
        const it = strategy.find((s) => s.capacityProvider === removed)!;
        const othersBeyondBase = strategy.some(
          (s) => s.capacityProvider !== removed && (counts.get(s.capacityProvider) ?? 0) > s.base,
        );
        if (othersBeyondBase) {
          expect(counts.get(removed)!, `${removed} was scaled in below its base ${it.base} while others had tasks beyond base`).toBeGreaterThan(it.base);
        }
      });
    },
  );

  test.prop([twoProviderArb, fc.array(fc.boolean(), { maxLength: 300 })])(
    'with two providers, any mix of scale-out and scale-in keeps the closed form',
    (strategy, steps) => {
      walk(strategy, steps, (counts, removed, total) => {
        if (removed === undefined) expectClosedForm(strategy, counts, total);
      });
    },
  );
});
