/**
 * ListTaskDefinitions.
 *
 * @module
 */
import type { ListTaskDefinitionsResponse } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { Int, literals } from '../../codecs/common.js';
import { struct } from '../../codecs/struct.js';
import type { Wire } from '../../domain/wire.js';
import { defineOperation } from '../operation.js';
import { collectPage, readPage } from '../pagination.js';
import { revisionIndexPrefix } from './storeTaskDefinition.js';

/** ListTaskDefinitions request. */
export const ListTaskDefinitionsInput = struct('ListTaskDefinitionsRequest', {
  familyPrefix: t.string,
  status: literals(['ACTIVE', 'INACTIVE', 'DELETE_IN_PROGRESS']),
  sort: literals(['ASC', 'DESC']),
  nextToken: t.string,
  maxResults: Int,
});

// Above every family character ([A-Za-z0-9_-]) and the space of a key: the end of a key range, for reverse seeks.
const RANGE_END = '\uffff';

/**
 * ListTaskDefinitions: ARNs of the revisions with `status` (default ACTIVE), optionally of one family
 * (`familyPrefix` is, despite its name, a full family name, as the API reference says). `ASC` (default) orders by
 * family, then revision ascending; `DESC` reverses both. Pages of `maxResults` (1–100, default 100); the token
 * resumes after the last revision returned, so entries added between pages do not shift the listing.
 *
 * A page is one seek in the status index (`r <status> <family> <revision>`, see `storeTaskDefinition.ts`) and a
 * walk over matching revisions only: O(log n + page), however many revisions have another status.
 */
export const listTaskDefinitions = defineOperation({
  name: 'ListTaskDefinitions',
  input: ListTaskDefinitionsInput,
  run: (tx, input) => {
    const desc = input.sort === 'DESC';
    const list = desc ? 'ListTaskDefinitions:DESC' : 'ListTaskDefinitions';
    const page = readPage(list, input, 100);
    if (E.isLeft(page)) return page;
    const { afterKey } = page.right;
    const base = revisionIndexPrefix(input.status ?? 'ACTIVE');
    // Keys are `family<space>revision`: a family's revisions are contiguous, so a family filter is a key range.
    const prefix = input.familyPrefix === undefined ? '' : `${input.familyPrefix} `;
    // Start at the token or at the family's range, whichever is further along (a token from another listing
    // cannot move the scan outside the range).
    const start = desc
      ? min(afterKey, prefix + RANGE_END)
      : afterKey !== undefined && afterKey > prefix ? afterKey : prefix;
    const index = tx.base.taskDefinitionIndex;
    const entries = desc ? index.entriesReversed(base + start) : index.entries(base + start);
    const range = base + prefix;
    // Keys handed to the page are the revisions' own keys (without the status), so a token stays valid whatever
    // the status filter of the next call.
    const revisions = (function* () {
      for (const [key, arn] of entries) {
        if (!key.startsWith(range)) return;
        yield [key.slice(base.length), arn] as const;
      }
    })();
    const { items, nextToken } = collectPage(list, page.right, revisions, (arn) => arn, desc);
    const output: Wire<ListTaskDefinitionsResponse> = {
      taskDefinitionArns: items,
      ...(nextToken !== undefined ? { nextToken } : {}),
    };
    return E.right(output);
  },
});

const min = (a: string | undefined, b: string): string => (a !== undefined && a < b ? a : b);
