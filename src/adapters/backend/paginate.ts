/**
 * Reading every page of a paginated ECS list operation through the {@link EcsBackend} port.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import type { BackendResult } from './ecsBackend.js';

/** A bound on pages so that a backend that never stops returning `nextToken` cannot loop forever. */
export const MAX_PAGES = 10_000;

/**
 * Calls `list` with `input` and each `nextToken` until there is none, concatenating `items(page)`. The first
 * failing page is the answer.
 */
export async function collectPages<I extends { nextToken?: string | undefined }, O extends { nextToken?: string | undefined }, T>(
  list: (input: I) => Promise<BackendResult<O>>,
  input: I,
  items: (page: O) => readonly T[] | undefined,
): Promise<BackendResult<readonly T[]>> {
  const all: T[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await list(nextToken === undefined ? input : { ...input, nextToken });
    if (E.isLeft(answer)) return answer;
    all.push(...(items(answer.right) ?? []));
    nextToken = answer.right.nextToken;
    if (nextToken === undefined || nextToken === '') return E.right(all);
  }
  return E.left({ name: 'ClientException', message: `More than ${MAX_PAGES} pages: the backend kept returning nextToken.` });
}

/** `items` in chunks of at most `size` (Describe* take 10 services or 100 tasks per call). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
