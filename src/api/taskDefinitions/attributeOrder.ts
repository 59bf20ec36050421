/**
 * The order in which ECS lists `requiresAttributes`.
 *
 * ECS collects the attributes in a Java `HashSet` and returns them in its iteration order. Every list in the public
 * task-definition corpus (139 of 141 lists of two or more; the other two carry names edited by hand) is in the
 * iteration order of a `java.util.HashSet` whose elements hash like a Lombok `@EqualsAndHashCode` value of
 * `(name, value)`: `h = (59 + name.hashCode()) * 59 + (value == null ? 43 : value.hashCode())`. Iteration goes by
 * bucket (`(h ^ h >>> 16) & (capacity - 1)`, capacity 16 doubled whenever the set holds more than ¾ of it, so the
 * order changes at 13 attributes, as corpus files 0343 and 0351 show), and within a bucket by insertion order. The
 * twin reproduces that order so a described definition is byte-identical to ECS's.
 *
 * @module
 */
import type { RequiredAttribute } from '../../domain/taskDefinition.js';

/** `java.lang.String#hashCode`: 32-bit, over UTF-16 code units. */
export function javaStringHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/** The hash ECS's attribute objects have: Lombok's scheme (prime 59, 43 for null) over `name` and `value`. */
export function attributeHash(a: RequiredAttribute): number {
  const h = (59 + javaStringHash(a.name)) | 0;
  return (Math.imul(h, 59) + (a.value === undefined ? 43 : javaStringHash(a.value))) | 0;
}

/** `java.util.HashMap`'s table size after inserting `n` distinct keys into a default-sized (16) table. */
export function hashSetCapacity(n: number): number {
  let capacity = 16;
  while (n > capacity * 0.75) capacity *= 2;
  return capacity;
}

const sameAttribute = (a: RequiredAttribute, b: RequiredAttribute): boolean =>
  a.name === b.name && a.value === b.value && a.targetType === b.targetType;

/**
 * The distinct attributes of `inserted` (kept at their first insertion) in the iteration order of a Java
 * `HashSet` they were added to in this order. `hashOf` may supply precomputed hashes; it must agree with
 * {@link attributeHash}.
 */
export function inHashSetOrder(
  inserted: readonly RequiredAttribute[],
  hashOf: (a: RequiredAttribute) => number = attributeHash,
): RequiredAttribute[] {
  const out: RequiredAttribute[] = [];
  const buckets: number[] = [];
  for (const a of inserted) if (!out.some((d) => sameAttribute(d, a))) out.push(a);
  const mask = hashSetCapacity(out.length) - 1;
  for (const a of out) {
    const h = hashOf(a);
    buckets.push((h ^ (h >>> 16)) & mask);
  }
  // A stable insertion sort by bucket: lists hold a dozen entries, and equal buckets keep insertion order.
  for (let i = 1; i < out.length; i++) {
    const a = out[i]!;
    const b = buckets[i]!;
    let j = i - 1;
    for (; j >= 0 && buckets[j]! > b; j--) {
      out[j + 1] = out[j]!;
      buckets[j + 1] = buckets[j]!;
    }
    out[j + 1] = a;
    buckets[j + 1] = b;
  }
  return out;
}
