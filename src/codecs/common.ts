/**
 * Shared io-ts building blocks for ECS request shapes: integers, enumerations, and the request structures several
 * operations share (tags).
 *
 * Structures and lists are built with {@link struct} and {@link list}, which read a JSON `null` member exactly
 * like an absent one (as the AWS JSON protocol does) and never alias the caller's input. Decoded values are
 * converted to domain types by explicit functions in each operation (io-ts's `t.partial` and
 * `exactOptionalPropertyTypes` disagree about `undefined`, so decoded shapes are never stored as domain types).
 *
 * @module
 */
import * as t from 'io-ts';
import { list, struct } from './struct.js';

/** Smallest value of the model's `Integer`/`BoxedInteger` (a signed 32-bit integer). */
export const MIN_INT32 = -2_147_483_648;
/** Largest value of the model's `Integer`/`BoxedInteger`. */
export const MAX_INT32 = 2_147_483_647;

const isInt32 = (u: unknown): u is number =>
  typeof u === 'number' && Number.isInteger(u) && u >= MIN_INT32 && u <= MAX_INT32;

/**
 * A JSON integer as the ECS model's `Integer`/`BoxedInteger` holds it: a signed 32-bit value. Larger integers
 * (`1e308` is an integer to JavaScript) are refused at decoding, so no rule downstream ever sums or compares
 * values that lost their precision.
 */
export const Int = new t.Type<number, number, unknown>(
  'integer',
  isInt32,
  (u, c) => {
    if (isInt32(u)) return t.success(u);
    // Name the range only when it is what failed: a fraction or a string is simply "not an integer".
    const outOfRange = typeof u === 'number' && Number.isInteger(u);
    return t.failure(u, c, outOfRange ? `an integer from ${MIN_INT32} to ${MAX_INT32}` : undefined);
  },
  t.identity,
);

/** An enum of literal strings, named after its values (so decode errors say what is allowed). */
export function literals<const L extends readonly [string, ...string[]]>(values: L): t.Type<L[number], L[number], unknown> {
  const set = new Set<string>(values);
  return new t.Type<L[number], L[number], unknown>(
    values.length === 1 ? `'${values[0]}'` : `one of ${values.map((v) => `'${v}'`).join(', ')}`,
    (u): u is L[number] => typeof u === 'string' && set.has(u),
    (u, c) => (typeof u === 'string' && set.has(u) ? t.success(u as L[number]) : t.failure(u, c)),
    t.identity,
  );
}

/** A single literal string (`'FARGATE'`), named after its value. */
export function literal<const L extends string>(value: L): t.Type<L, L, unknown> {
  return literals([value]);
}

/** `Tag`: `{ key, value }`, both optional in the model (the tag rules of `src/api/tags/tags.ts` check them). */
export const TagCodec = struct('Tag', { key: t.string, value: t.string });

/** A list of tags, as every taggable resource's request carries it. */
export const TagListCodec = list(TagCodec, 'list of tags');
