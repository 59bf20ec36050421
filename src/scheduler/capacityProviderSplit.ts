/**
 * Which capacity provider the next task goes to: the base/weight rule of a capacity-provider strategy
 * (reference §7.2).
 *
 * ECS documents the outcome (base first, then the rest in proportion to the weights) but not the per-task order,
 * so this module fixes one (a SIM RULE), chosen so that the totals are the same whether tasks are placed one at a
 * time or in a batch, and are right after *every* task, not only at the end:
 *
 * 1. **Base.** While an item with `base > 0` has fewer tasks than its base, it gets the task (first such item in
 *    strategy order; ECS allows only one).
 * 2. **Weights.** Otherwise, among items with `weight > 0`, the task goes to the item minimising
 *    `(countExBase + 1) / weight` — the reference's rule, a divisor method (D'Hondt) — ties broken by strategy
 *    order. `countExBase` is an item's tasks beyond its base.
 * 3. **Quota guard.** An item is a candidate in step 2 only while it is below its upper quota for the new total
 *    (`countExBase × W < (h + 1) × weight`, with `W` the sum of weights and `h` the tasks beyond base). This is
 *    Balinski and Young's quota method: it changes nothing for two providers (the Fargate case: FARGATE and
 *    FARGATE_SPOT, where D'Hondt already stays within one task of the exact share), and with three or more it stops
 *    a heavy item from running ahead of its share by more than one task, which plain D'Hondt allows.
 *
 * Every comparison is between integer products (no division, no floating point), so results are exact and
 * identical on every machine. Scale-in ({@link pickScaleIn}) mirrors the same rules in reverse.
 *
 * The strategy is assumed to be validated by the API layer (distinct providers, integer base 0–100000 and weight
 * 0–1000); to stay total anyway, a repeated provider counts once (first occurrence) and a negative or non-finite
 * base or weight counts as 0.
 *
 * @module
 */
import type { StrategyItem } from '../domain/cluster.js';
import { compareStrings } from '../domain/pmap.js';

/** A strategy item with sanitised integers and its position in the strategy. */
interface Item {
  readonly provider: string;
  readonly base: number;
  readonly weight: number;
}

const toInt = (n: number): number => (Number.isFinite(n) && n > 0 ? Math.floor(n) : 0);

/** Distinct providers in strategy order (first occurrence wins), with sanitised base and weight. */
function itemsOf(strategy: readonly StrategyItem[]): Item[] {
  const seen = new Set<string>();
  const out: Item[] = [];
  for (const s of strategy) {
    if (seen.has(s.capacityProvider)) continue;
    seen.add(s.capacityProvider);
    out.push({ provider: s.capacityProvider, base: toInt(s.base), weight: toInt(s.weight) });
  }
  return out;
}

const countOf = (counts: ReadonlyMap<string, number>, provider: string): number => toInt(counts.get(provider) ?? 0);

/**
 * The provider for one more task, given the tasks each provider already has (for a service: its tasks; for one
 * RunTask call: the tasks of that call). `undefined` when no provider can take it: the strategy is empty, or every
 * base is met and every weight is 0 (ECS refuses such a strategy).
 *
 * @category combinators
 * @example
 * ```ts
 * const strategy = [
 *   { capacityProvider: 'FARGATE', base: 2, weight: 1 },
 *   { capacityProvider: 'FARGATE_SPOT', base: 0, weight: 3 },
 * ];
 * pickCapacityProvider(strategy, new Map()); // 'FARGATE' (base)
 * pickCapacityProvider(strategy, new Map([['FARGATE', 2]])); // 'FARGATE_SPOT'
 * ```
 */
export function pickCapacityProvider(
  strategy: readonly StrategyItem[],
  counts: ReadonlyMap<string, number>,
): string | undefined {
  const items = itemsOf(strategy);
  for (const it of items) if (countOf(counts, it.provider) < it.base) return it.provider;

  const weighted = items.filter((it) => it.weight > 0);
  if (weighted.length === 0) return undefined;
  const excess = weighted.map((it) => Math.max(0, countOf(counts, it.provider) - it.base));
  const totalWeight = weighted.reduce((sum, it) => sum + it.weight, 0);
  const nextTotal = excess.reduce((sum, c) => sum + c, 0) + 1;

  let best = -1;
  weighted.forEach((it, i) => {
    const c = excess[i]!;
    // Upper quota for the new total: at least one item always qualifies, since Σ c < nextTotal = Σ quota.
    if (c * totalWeight >= nextTotal * it.weight) return;
    // (c + 1) / w < (c_best + 1) / w_best, cross-multiplied; strict, so ties keep the earlier item.
    if (best < 0 || (c + 1) * weighted[best]!.weight < (excess[best]! + 1) * it.weight) best = i;
  });
  return best < 0 ? undefined : weighted[best]!.provider;
}

/**
 * One provider per new task, in launch order, for `count` tasks added to `existing` (default: none). Equal to
 * calling {@link pickCapacityProvider} `count` times, so splitting a batch or adding tasks one by one gives the
 * same result. Shorter than `count` only when the strategy cannot take more tasks (see
 * {@link pickCapacityProvider}); callers treat the missing tasks as failures.
 *
 * @category combinators
 * @example
 * ```ts
 * splitByStrategy(strategy, 10); // FARGATE ×2 (base), then FARGATE_SPOT, FARGATE_SPOT, FARGATE_SPOT, FARGATE, …
 * // totals: FARGATE 4, FARGATE_SPOT 6
 * ```
 */
export function splitByStrategy(
  strategy: readonly StrategyItem[],
  count: number,
  existing?: ReadonlyMap<string, number>,
): string[] {
  const counts = new Map<string, number>(existing ?? []);
  const out: string[] = [];
  const n = toInt(count);
  for (let i = 0; i < n; i++) {
    const provider = pickCapacityProvider(strategy, counts);
    if (provider === undefined) break;
    out.push(provider);
    counts.set(provider, countOf(counts, provider) + 1);
  }
  return out;
}

/**
 * Provider totals after {@link splitByStrategy}: `existing` plus the new tasks, in strategy order (providers only
 * in `existing` come after, as given).
 *
 * @category combinators
 */
export function strategyTotals(
  strategy: readonly StrategyItem[],
  count: number,
  existing?: ReadonlyMap<string, number>,
): Map<string, number> {
  const totals = new Map<string, number>();
  for (const it of itemsOf(strategy)) totals.set(it.provider, existing?.get(it.provider) ?? 0);
  for (const [p, c] of existing ?? []) if (!totals.has(p)) totals.set(p, c);
  for (const p of splitByStrategy(strategy, count, existing)) totals.set(p, (totals.get(p) ?? 0) + 1);
  return totals;
}

/**
 * The provider to lose one task when scaling in, or `undefined` when no provider has a task. In order:
 *
 * 1. a provider that is no longer in the strategy (first by name), since its tasks match no rule;
 * 2. an item with weight 0 holding tasks beyond its base (first in strategy order) — only possible after the
 *    strategy changed;
 * 3. among weighted items with tasks beyond base, the one maximising `countExBase / weight` (ties to the *later*
 *    item in strategy order, the reverse of the scale-out tie-break), limited by the mirror of the quota guard:
 *    an item that would otherwise end above its upper quota for the smaller total must lose the task; failing
 *    that, any item above its lower quota for the smaller total may;
 * 4. only when no provider has tasks beyond its base: the last item in strategy order that has tasks.
 *
 * With two weighted providers (the Fargate case) scale-in exactly undoes the latest scale-out, and any mix of
 * scale-out and scale-in keeps every provider within one task of its exact share. With three or more, some
 * in-quota states have no in-quota state one task smaller (the counts do not record their history), so after
 * scale-in the split is best effort.
 * So a base is never dipped into while another provider still has tasks beyond its own base.
 *
 * @category combinators
 * @example
 * ```ts
 * pickScaleIn(strategy, new Map([['FARGATE', 4], ['FARGATE_SPOT', 6]])); // 'FARGATE_SPOT'
 * pickScaleIn(strategy, new Map([['FARGATE', 2]])); // 'FARGATE' — nothing else left
 * ```
 */
export function pickScaleIn(
  strategy: readonly StrategyItem[],
  counts: ReadonlyMap<string, number>,
): string | undefined {
  const items = itemsOf(strategy);
  const inStrategy = new Set(items.map((it) => it.provider));

  const strays = [...counts.keys()].filter((p) => !inStrategy.has(p) && countOf(counts, p) > 0).sort(compareStrings);
  if (strays.length > 0) return strays[0];

  const idleExcess = items.find((it) => it.weight === 0 && countOf(counts, it.provider) > it.base);
  if (idleExcess) return idleExcess.provider;

  const weighted = items.filter((it) => it.weight > 0);
  const excess = weighted.map((it) => Math.max(0, countOf(counts, it.provider) - it.base));
  const total = excess.reduce((sum, c) => sum + c, 0);
  if (total > 0) {
    const totalWeight = weighted.reduce((sum, it) => sum + it.weight, 0);
    // An item whose count would exceed its upper quota for the smaller total must lose the task; otherwise any
    // item above its lower quota for the smaller total may (Σ c = total > total − 1 = Σ quota, so one exists).
    const mustLose = (c: number, w: number): boolean => (c - 1) * totalWeight >= (total - 1) * w;
    const mayLose = (c: number, w: number): boolean => c * totalWeight > (total - 1) * w;
    const forced = weighted.some((it, i) => excess[i]! > 0 && mustLose(excess[i]!, it.weight));
    let best = -1;
    weighted.forEach((it, i) => {
      const c = excess[i]!;
      if (c === 0 || !(forced ? mustLose(c, it.weight) : mayLose(c, it.weight))) return;
      // c / w ≥ c_best / w_best, cross-multiplied; non-strict, so ties move to the later item.
      if (best < 0 || c * weighted[best]!.weight >= excess[best]! * it.weight) best = i;
    });
    if (best >= 0) return weighted[best]!.provider;
  }

  for (let i = items.length - 1; i >= 0; i--) {
    const it = items[i]!;
    if (countOf(counts, it.provider) > 0) return it.provider;
  }
  return undefined;
}
