/**
 * Capacity-provider strategies (reference §7.2): validation with ECS's rules and defaults applied.
 *
 * Used by CreateCluster and PutClusterCapacityProviders (a cluster's default strategy) and by RunTask /
 * CreateService / UpdateService (a request's own strategy).
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { Int } from '../codecs/common.js';
import { list, struct } from '../codecs/struct.js';
import type { Cluster, StrategyItem } from '../domain/cluster.js';
import { invalidParameter, type EcsError } from '../domain/errors.js';
import { listSizeMessage } from './listSize.js';

/** The Fargate capacity providers that exist in every account (reference §7.1). */
export const FARGATE_CAPACITY_PROVIDERS: readonly string[] = ['FARGATE', 'FARGATE_SPOT'];

/** Most items in one strategy (reference §7.2, §9.1: 20 since Dec 2024, 6 earlier). */
export const MAX_STRATEGY_ITEMS = 20;
/** Largest `base` of an item. */
export const MAX_STRATEGY_BASE = 100_000;
/** Largest `weight` of an item. */
export const MAX_STRATEGY_WEIGHT = 1_000;

/** ECS's message when a strategy names a provider the cluster does not have ([OBS] dask/dask-cloudprovider#328). */
export const NOT_ASSOCIATED_MESSAGE =
  'The specified capacity provider strategy cannot contain a capacity provider that is not associated with the ' +
  'cluster. Associate the capacity provider with the cluster or specify a valid capacity provider and try again.';

/**
 * A strategy item as decoded from a request: `base` and `weight` may be absent (or JSON `null`, which the AWS
 * JSON protocol treats as absent).
 */
export interface StrategyItemInput {
  readonly capacityProvider: string;
  readonly base?: number | null | undefined;
  readonly weight?: number | null | undefined;
}

/**
 * Decoder of one strategy item in a request: `capacityProvider` required, `base`/`weight` optional integers that
 * may be JSON `null` (read as absent).
 */
export const StrategyItemInputCodec = struct(
  'CapacityProviderStrategyItem',
  { capacityProvider: t.string, weight: Int, base: Int },
  ['capacityProvider'],
);

/** Decoder of a strategy (a list of items) in a request. */
export const StrategyInputCodec = list(StrategyItemInputCodec, 'list of CapacityProviderStrategyItem');

/** Whether `name` is one of the Fargate capacity providers. */
export const isFargateCapacityProvider = (name: string): boolean => FARGATE_CAPACITY_PROVIDERS.includes(name);

/**
 * The message for a provider that does not exist: neither FARGATE / FARGATE_SPOT nor an Auto Scaling group
 * capacity provider created with CreateCapacityProvider (wording UNVERIFIED).
 */
export const unsupportedProviderMessage = (at: string, name: string): string =>
  `${at}: the capacity provider '${name}' does not exist. Specify FARGATE, FARGATE_SPOT or a capacity provider created with CreateCapacityProvider.`;

/** A strategy mixing Fargate and Auto Scaling group providers (reference §7.1: "never both"; wording UNVERIFIED). */
export const MIXED_STRATEGY_MESSAGE =
  'The specified capacity provider strategy cannot contain a mix of capacity providers using Auto Scaling groups and Fargate providers. Specify one or the other and try again.';

/**
 * Checks a list of capacity-provider names as both a cluster's `capacityProviders` and a strategy's items need it:
 * at most `max` entries, each a Fargate provider, none twice. Returns the first violation.
 *
 * @param names the provider names in request order
 * @param max the most entries the list may hold
 * @param where the request member, used in messages (e.g. `capacityProviders`)
 * @param pathOf the message path of entry `i` (e.g. `capacityProviderStrategy[2].capacityProvider`)
 */
export function checkProviderNames(
  names: readonly string[],
  max: number,
  where: string,
  pathOf: (i: number) => string,
  exists: (name: string) => boolean = isFargateCapacityProvider,
): EcsError | undefined {
  if (names.length > max) {
    return invalidParameter(listSizeMessage(where, max));
  }
  const seen = new Set<string>();
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    if (!exists(name)) return invalidParameter(unsupportedProviderMessage(pathOf(i), name));
    if (seen.has(name)) {
      return invalidParameter(`${pathOf(i)}: the capacity provider '${name}' appears more than once in ${where}.`);
    }
    seen.add(name);
  }
  return undefined;
}

/**
 * Validates a strategy's own rules — at most {@link MAX_STRATEGY_ITEMS} items, only Fargate providers, no provider
 * twice ({@link checkProviderNames}), `base` 0–100000, `weight` 0–1000, at most one item with `base > 0`, and with
 * more than one item at least one `weight > 0` — and applies the defaults (`base` 0, `weight` 0). It does **not**
 * check that the providers are associated with a cluster: PutClusterCapacityProviders uses it for the new default
 * strategy, which is checked against the new provider list instead ({@link validateStrategyAgainst}).
 *
 * @param items the strategy from the request
 * @param where the request member, used in messages (e.g. `capacityProviderStrategy`)
 */
export function validateStrategyShape(
  items: readonly StrategyItemInput[],
  where = 'capacityProviderStrategy',
  exists: (name: string) => boolean = isFargateCapacityProvider,
): E.Either<EcsError, StrategyItem[]> {
  const names = checkProviderNames(
    items.map((item) => item.capacityProvider),
    MAX_STRATEGY_ITEMS,
    where,
    (i) => `${where}[${i}].capacityProvider`,
    exists,
  );
  if (names) return E.left(names);
  const fargate = items.filter((item) => isFargateCapacityProvider(item.capacityProvider)).length;
  if (fargate > 0 && fargate < items.length) return E.left(invalidParameter(MIXED_STRATEGY_MESSAGE));
  const out: StrategyItem[] = [];
  let withBase = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const at = `${where}[${i}]`;
    const base = item.base ?? 0;
    const weight = item.weight ?? 0;
    if (!Number.isInteger(base) || base < 0 || base > MAX_STRATEGY_BASE) {
      return E.left(invalidParameter(`${at}.base must be between 0 and ${MAX_STRATEGY_BASE}, but was ${base}.`));
    }
    if (!Number.isInteger(weight) || weight < 0 || weight > MAX_STRATEGY_WEIGHT) {
      return E.left(invalidParameter(`${at}.weight must be between 0 and ${MAX_STRATEGY_WEIGHT}, but was ${weight}.`));
    }
    if (base > 0) withBase++;
    out.push({ capacityProvider: item.capacityProvider, base, weight });
  }
  if (withBase > 1) {
    return E.left(invalidParameter(`${where}: only one capacity provider in a strategy can have a base greater than 0.`));
  }
  if (out.length > 1 && out.every((s) => s.weight === 0)) {
    return E.left(
      invalidParameter(`${where}: with more than one capacity provider, at least one must have a weight greater than 0.`),
    );
  }
  return E.right(out);
}

/**
 * {@link validateStrategyShape}, then every provider must be in `providers` (ECS's "not associated with the
 * cluster" error otherwise).
 *
 * @param items the strategy from the request
 * @param providers the capacity providers the strategy may use (a cluster's, or the new list being put)
 * @param where the request member, used in messages
 */
export function validateStrategyAgainst(
  items: readonly StrategyItemInput[],
  providers: readonly string[],
  where = 'capacityProviderStrategy',
): E.Either<EcsError, StrategyItem[]> {
  // A provider of `providers` exists (it was checked when associated); any other is checked for association below.
  const shaped = validateStrategyShape(items, where, (n) => isFargateCapacityProvider(n) || providers.includes(n));
  if (E.isLeft(shaped)) {
    const unknown = items.find((i) => !isFargateCapacityProvider(i.capacityProvider) && !providers.includes(i.capacityProvider));
    return unknown !== undefined ? E.left(invalidParameter(NOT_ASSOCIATED_MESSAGE)) : shaped;
  }
  if (shaped.right.some((s) => !providers.includes(s.capacityProvider))) {
    return E.left(invalidParameter(NOT_ASSOCIATED_MESSAGE));
  }
  return shaped;
}

/**
 * Validates a capacity-provider strategy for use on `cluster` (RunTask, CreateService, UpdateService, …): the
 * strategy rules of {@link validateStrategyShape}, plus every provider associated with the cluster.
 * Returns the items with defaults applied (`base` 0, `weight` 0), in request order.
 *
 * @param items the strategy from the request
 * @param cluster the cluster the strategy is used on
 * @param where the request member, used in messages (default `capacityProviderStrategy`)
 *
 * @example
 * ```ts
 * validateStrategy([{ capacityProvider: 'FARGATE', base: 1 }, { capacityProvider: 'FARGATE_SPOT', weight: 3 }], cluster);
 * // Right([{ capacityProvider: 'FARGATE', base: 1, weight: 0 }, { capacityProvider: 'FARGATE_SPOT', base: 0, weight: 3 }])
 * ```
 */
export function validateStrategy(
  items: readonly StrategyItemInput[],
  cluster: Pick<Cluster, 'capacityProviders'>,
  where = 'capacityProviderStrategy',
): E.Either<EcsError, StrategyItem[]> {
  return validateStrategyAgainst(items, cluster.capacityProviders, where);
}
