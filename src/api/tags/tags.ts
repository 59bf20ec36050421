/**
 * Tag rules shared by every taggable resource (reference §2.1, §9.4): at most 50 user tags, key 1–128 and value
 * 0–256 characters of letters, digits, spaces and `_ . : / = + - @`, unique keys, and the `aws:` prefix
 * (any case) reserved for AWS.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { invalidParameter, type EcsError } from '../../domain/errors.js';
import type { Tag } from '../../domain/wire.js';
import { listSizeMessage } from '../listSize.js';

/** Maximum number of user tags on one resource. */
export const MAX_TAGS = 50;
const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** Number of Unicode code points in `s` (counts an astral character once; ASCII fast path). */
function characterCount(s: string): number {
  if (/^[\u0000-\ud7ff]*$/.test(s)) return s.length;
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Whether `key` is in the reserved `aws:` namespace. */
export const isReservedTagKey = (key: string): boolean => key.toLowerCase().startsWith('aws:');

/**
 * Validates a tag list from a request (`where` names the parameter in messages, e.g. `tags`) and returns the
 * tags with absent values as `""`.
 */
export function validateTags(
  tags: ReadonlyArray<{ readonly key?: string | undefined; readonly value?: string | undefined }>,
  where = 'tags',
): E.Either<EcsError, Tag[]> {
  const out: Tag[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < tags.length; i++) {
    const { key, value = '' } = tags[i]!;
    const at = `${where}[${i}]`;
    // Limits are in Unicode characters (AWS counts UTF-8 characters), not UTF-16 code units: "😀" is one.
    const keyChars = key === undefined ? 0 : characterCount(key);
    if (key === undefined || keyChars < 1 || keyChars > 128) {
      return E.left(invalidParameter(`Tag keys must be between 1 and 128 characters (${at}.key).`));
    }
    if (characterCount(value) > 256) {
      return E.left(invalidParameter(`Tag values must be at most 256 characters (${at}.value).`));
    }
    if (!TAG_CHARS.test(key) || !TAG_CHARS.test(value)) {
      return E.left(
        invalidParameter(
          `Tag keys and values may contain only letters, numbers, spaces and the characters _ . : / = + - @ (${at}).`,
        ),
      );
    }
    if (isReservedTagKey(key)) {
      return E.left(invalidParameter(`Tag keys beginning with 'aws:' are reserved for AWS use (${at}.key).`));
    }
    if (seen.has(key)) return E.left(invalidParameter(`Duplicate tag key '${key}' (${at}.key).`));
    seen.add(key);
    out.push({ key, value });
  }
  if (out.length > MAX_TAGS) {
    return E.left(invalidParameter(listSizeMessage(where, MAX_TAGS)));
  }
  return E.right(out);
}

/** `existing` with `added` merged in (same key: the new value wins), keeping first-seen key order. */
export function mergeTags(existing: readonly Tag[], added: readonly Tag[]): Tag[] {
  const byKey = new Map(existing.map((t) => [t.key, t.value]));
  for (const t of added) byKey.set(t.key, t.value);
  return Array.from(byKey, ([key, value]) => ({ key, value }));
}
