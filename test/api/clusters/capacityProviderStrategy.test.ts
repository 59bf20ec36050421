import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  NOT_ASSOCIATED_MESSAGE,
  validateStrategy,
  validateStrategyAgainst,
  validateStrategyShape,
  type StrategyItemInput,
} from '../../../src/api/capacityProviderStrategy.js';
import { strategyArb } from '../../../src/testing/arbitraries/cluster.js';

const both = { capacityProviders: ['FARGATE', 'FARGATE_SPOT'] };
const F = 'FARGATE';
const S = 'FARGATE_SPOT';

describe('validateStrategy', () => {
  it('applies the defaults base 0 and weight 0, keeping request order', () => {
    const r = validateStrategy([{ capacityProvider: S, weight: 3 }, { capacityProvider: F, base: 2, weight: null }], both);
    expect(r).toEqual(
      E.right([
        { capacityProvider: S, base: 0, weight: 3 },
        { capacityProvider: F, base: 2, weight: 0 },
      ]),
    );
  });

  it('accepts an empty strategy and a single item with weight 0', () => {
    expect(validateStrategy([], both)).toEqual(E.right([]));
    expect(validateStrategy([{ capacityProvider: F }], both)).toEqual(E.right([{ capacityProvider: F, base: 0, weight: 0 }]));
  });

  // Rules of reference §7.2 (API CapacityProviderStrategyItem: base 0–100000, weight 0–1000; ≤20 items since Dec 2024).
  const cases: Array<[string, StrategyItemInput[], string]> = [
    [
      'more than 20 items',
      Array.from({ length: 21 }, () => ({ capacityProvider: F, weight: 1 })),
      // SIM RULE: ECS's list-size sentence (src/api/listSize.ts; [OBS] sources there), no real answer for strategies.
      'capacityProviderStrategy can have at most 20 items.',
    ],
    [
      'a provider the cluster does not have (an Auto Scaling group provider never associated)',
      [{ capacityProvider: 'my-asg-provider', weight: 1 }],
      NOT_ASSOCIATED_MESSAGE,
    ],
    ['a negative base', [{ capacityProvider: F, base: -1 }], 'capacityProviderStrategy[0].base must be between 0 and 100000, but was -1.'],
    ['a base above 100000', [{ capacityProvider: F, base: 100001 }], 'capacityProviderStrategy[0].base must be between 0 and 100000, but was 100001.'],
    ['a negative weight', [{ capacityProvider: F, weight: -1 }], 'capacityProviderStrategy[0].weight must be between 0 and 1000, but was -1.'],
    ['a weight above 1000', [{ capacityProvider: S, weight: 1001 }], 'capacityProviderStrategy[0].weight must be between 0 and 1000, but was 1001.'],
    [
      'a provider twice',
      [{ capacityProvider: F, weight: 1 }, { capacityProvider: F, weight: 2 }],
      "capacityProviderStrategy[1].capacityProvider: the capacity provider 'FARGATE' appears more than once in capacityProviderStrategy.",
    ],
    [
      'two items with a base',
      [{ capacityProvider: F, base: 1, weight: 1 }, { capacityProvider: S, base: 2, weight: 1 }],
      'capacityProviderStrategy: only one capacity provider in a strategy can have a base greater than 0.',
    ],
    [
      'several items, all weights 0',
      [{ capacityProvider: F, base: 1 }, { capacityProvider: S, weight: 0 }],
      'capacityProviderStrategy: with more than one capacity provider, at least one must have a weight greater than 0.',
    ],
  ];
  it.each(cases)('refuses %s with InvalidParameterException', (_rule, items, message) => {
    expect(validateStrategy(items, both)).toEqual(E.left({ name: 'InvalidParameterException', message }));
  });

  it('refuses a provider the cluster does not have, with ECS wording', () => {
    // Wording: [OBS] dask/dask-cloudprovider#328 via reference §7.2.
    const r = validateStrategy([{ capacityProvider: S, weight: 1 }], { capacityProviders: [F] });
    expect(r).toEqual(E.left({ name: 'InvalidParameterException', message: NOT_ASSOCIATED_MESSAGE }));
    expect(NOT_ASSOCIATED_MESSAGE).toBe(
      'The specified capacity provider strategy cannot contain a capacity provider that is not associated with the ' +
        'cluster. Associate the capacity provider with the cluster or specify a valid capacity provider and try again.',
    );
  });

  it('names the request member given as `where`', () => {
    const r = validateStrategy([{ capacityProvider: F, base: -5 }], both, 'defaultCapacityProviderStrategy');
    expect(E.isLeft(r) && r.left.message).toBe('defaultCapacityProviderStrategy[0].base must be between 0 and 100000, but was -5.');
  });

  it('checks the strategy rules before the association', () => {
    // A cluster without providers: the duplicate is reported, not the missing association.
    const r = validateStrategy([{ capacityProvider: F, weight: 1 }, { capacityProvider: F, weight: 1 }], { capacityProviders: [] });
    expect(E.isLeft(r) && r.left.message).toContain('appears more than once');
  });
});

describe('validateStrategyShape and validateStrategyAgainst', () => {
  it('validateStrategyShape skips the association check', () => {
    expect(validateStrategyShape([{ capacityProvider: S, weight: 1 }])).toEqual(E.right([{ capacityProvider: S, base: 0, weight: 1 }]));
  });

  it('validateStrategyShape still applies the strategy rules', () => {
    const r = validateStrategyShape([{ capacityProvider: F, weight: 2000 }]);
    expect(E.isLeft(r) && r.left.name).toBe('InvalidParameterException');
  });

  it('validateStrategyAgainst checks against the given provider list', () => {
    expect(E.isRight(validateStrategyAgainst([{ capacityProvider: S }], [S]))).toBe(true);
    expect(validateStrategyAgainst([{ capacityProvider: S }], [F])).toEqual(
      E.left({ name: 'InvalidParameterException', message: NOT_ASSOCIATED_MESSAGE }),
    );
  });
});

describe('generated strategies', () => {
  test.prop([strategyArb()])('every generated valid strategy is accepted, with defaults applied', (items) => {
    const r = validateStrategy(items, both);
    expect(r).toEqual(
      E.right(items.map((s) => ({ capacityProvider: s.capacityProvider, base: s.base ?? 0, weight: s.weight ?? 0 }))),
    );
  });

  test.prop([strategyArb(), fc.integer({ min: 1, max: 1000 })])(
    'adding a second base to a valid strategy of two items is refused',
    (items, extra) => {
      fc.pre(items.length === 2);
      const withTwoBases = items.map((s) => ({ ...s, base: s.base ?? extra }));
      const r = validateStrategy(withTwoBases, both);
      expect(E.isLeft(r) && r.left.message).toBe(
        'capacityProviderStrategy: only one capacity provider in a strategy can have a base greater than 0.',
      );
    },
  );
});
