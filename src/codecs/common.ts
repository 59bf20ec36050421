/**
 * Shared io-ts building blocks for ECS request shapes.
 *
 * Request members are optional unless ECS marks them required. Decoded values are converted to domain types by
 * explicit functions in each operation (io-ts's `t.partial` and `exactOptionalPropertyTypes` disagree about
 * `undefined`, so decoded shapes are never stored as domain types).
 *
 * @module
 */
import * as t from 'io-ts';

/** A JSON integer (ECS `Integer`/`Long`/`BoxedInteger`). */
export const Int = new t.Type<number, number, unknown>(
  'integer',
  (u): u is number => typeof u === 'number' && Number.isInteger(u),
  (u, c) => (typeof u === 'number' && Number.isInteger(u) ? t.success(u) : t.failure(u, c)),
  t.identity,
);

/** A list of strings. */
export const StringList = t.array(t.string, 'list of strings');

/** `{ key, value }` tag as in the ECS API (both optional in the model; validated by the tag rules). */
export const TagCodec = t.partial({ key: t.string, value: t.string }, 'Tag');
/** List of tags. */
export const TagList = t.array(TagCodec, 'list of tags');

/** A capacity-provider strategy item. */
export const StrategyItemCodec = t.intersection(
  [t.type({ capacityProvider: t.string }), t.partial({ base: Int, weight: Int })],
  'CapacityProviderStrategyItem',
);

/** Pagination inputs shared by the List* operations. */
export const PageInput = t.partial({ nextToken: t.string, maxResults: Int });

/** An enum of literal strings, named after its values (so decode errors say what is allowed). */
export function literals<const L extends readonly [string, string, ...string[]]>(
  values: L,
): t.Type<L[number], L[number], unknown> {
  const set = new Set<string>(values);
  return new t.Type<L[number], L[number], unknown>(
    `one of ${values.map((v) => `'${v}'`).join(', ')}`,
    (u): u is L[number] => typeof u === 'string' && set.has(u),
    (u, c) => (typeof u === 'string' && set.has(u) ? t.success(u as L[number]) : t.failure(u, c)),
    t.identity,
  );
}

/** A single literal string (`'FARGATE'`), named after its value. */
export function literal<const L extends string>(value: L): t.Type<L, L, unknown> {
  return literals([value, value]) as unknown as t.Type<L, L, unknown>;
}
