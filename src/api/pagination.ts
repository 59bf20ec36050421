/**
 * Pagination for the List* operations: `maxResults` (1–100) and an opaque `nextToken`.
 *
 * Lists are read in the key order of a {@link PMap}; the token carries the last key returned, so the next page
 * resumes with an O(log n) seek and stays correct when entries are added or removed between pages.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { invalidParameter, type EcsError } from '../domain/errors.js';

/** Resolved page request. */
export interface PageRequest {
  readonly limit: number;
  /** Resume strictly after this key. */
  readonly afterKey?: string;
}

// The token is the base64 of a small JSON document, tied to the list it came from, so a token from
// ListClusters cannot be replayed against ListTasks.
interface TokenBody {
  readonly l: string;
  readonly k: string;
}

/** Encodes a continuation token for `list` that resumes after `lastKey`. */
export function encodeNextToken(list: string, lastKey: string): string {
  const body: TokenBody = { l: list, k: lastKey };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64');
}

/**
 * Validates `maxResults` (1–100; `defaultLimit` when absent) and decodes `nextToken`.
 * Errors are ECS's `InvalidParameterException`s.
 */
export function readPage(
  list: string,
  input: { readonly maxResults?: number | undefined; readonly nextToken?: string | undefined },
  defaultLimit = 100,
): E.Either<EcsError, PageRequest> {
  const limit = input.maxResults ?? defaultLimit;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    return E.left(invalidParameter('maxResults must be between 1 and 100.'));
  }
  if (input.nextToken === undefined || input.nextToken === '') return E.right({ limit });
  const body = decodeToken(input.nextToken);
  if (body === undefined || body.l !== list) {
    return E.left(invalidParameter('The nextToken provided is invalid.'));
  }
  return E.right({ limit, afterKey: body.k });
}

function decodeToken(token: string): TokenBody | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(token)) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null) {
      const { l, k } = parsed as Record<string, unknown>;
      if (typeof l === 'string' && typeof k === 'string') return { l, k };
    }
  } catch {
    // Not JSON: an invalid token, reported by the caller.
  }
  return undefined;
}

/** Returned by a {@link collectPage} `accept` callback to end the scan: the rest of the entries are out of range. */
export const END_OF_RANGE: unique symbol = Symbol('end of range');

/**
 * Collects one page from `entries`, keeping those `accept` takes. `entries` are already positioned at (or just
 * around) `page.afterKey`, in ascending key order — or descending with `descending` — and keys up to and including
 * `afterKey` in that order are skipped. `accept` returns the item, `undefined` to skip an entry, or
 * {@link END_OF_RANGE} to stop (a prefix range is over). Returns the page and the token for the next one (absent
 * at the end). Scans at most until the page is full, plus one entry to learn whether another page exists.
 *
 * @example
 * ```ts
 * const { items, nextToken } = collectPage('ListClusters', page, clusters.entries(page.afterKey), (c) =>
 *   c.status === 'ACTIVE' ? c.arn : undefined,
 * );
 * ```
 */
export function collectPage<V, R>(
  list: string,
  page: PageRequest,
  entries: Iterable<readonly [string, V]>,
  accept: (value: V, key: string) => R | undefined | typeof END_OF_RANGE,
  descending = false,
): { readonly items: R[]; readonly nextToken?: string } {
  const items: R[] = [];
  let lastKey: string | undefined;
  const { afterKey } = page;
  for (const [key, value] of entries) {
    if (afterKey !== undefined && (descending ? key >= afterKey : key <= afterKey)) continue;
    const r = accept(value, key);
    if (r === END_OF_RANGE) break;
    if (r === undefined) continue;
    if (items.length === page.limit) {
      // There is at least one more match: the page ends at the previous accepted key.
      return { items, nextToken: encodeNextToken(list, lastKey!) };
    }
    items.push(r);
    lastKey = key;
  }
  return { items };
}
