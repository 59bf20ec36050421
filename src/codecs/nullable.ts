/**
 * Optional request members that may be JSON `null`.
 *
 * The AWS JSON protocol treats a member whose value is `null` exactly like an absent member, and real requests
 * carry such nulls (SDKs and tools serialise unset fields as `null`). `nullable(codec)` accepts `null` and
 * `undefined` and decodes both to `undefined`, so handlers see one "absent" value.
 *
 * @module
 */
import * as t from 'io-ts';

/**
 * `codec`, or `null`/absent (both decoded to `undefined`). Keeps the codec's name, so the reporter's messages
 * say what was expected without mentioning null.
 *
 * @example
 * ```ts
 * const Input = t.partial({ base: nullable(Int) });
 * Input.decode({ base: null }); // Right({ base: undefined })
 * ```
 */
export function nullable<A, O>(codec: t.Type<A, O, unknown>): t.Type<A | undefined, O | undefined, unknown> {
  return new t.Type<A | undefined, O | undefined, unknown>(
    codec.name,
    (u): u is A | undefined => u === undefined || codec.is(u),
    (u, c) => (u === null || u === undefined ? t.success(undefined) : codec.validate(u, c)),
    (a) => (a === undefined ? undefined : codec.encode(a)),
  );
}

/** A tag as in requests, with `null` members read as absent. */
export const NullableTag = t.partial({ key: nullable(t.string), value: nullable(t.string) }, 'Tag');

/** A list of tags as in requests (`null` members read as absent). */
export const NullableTagList = t.array(NullableTag, 'list of tags');

/**
 * A list of strings named after what it holds (`list of cluster names or ARNs`), so decode messages say what was
 * expected. (The name avoids the word "string": the reporter's JSON-kind heuristic would otherwise take a bare
 * string given for the list as a parameter problem rather than a serialisation one.)
 */
export const listOf = (what: string): t.Type<string[], string[], unknown> => t.array(t.string, `list of ${what}`);
