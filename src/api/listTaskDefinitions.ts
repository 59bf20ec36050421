/**
 * ListTaskDefinitions.
 *
 * @module
 */
import type { ListTaskDefinitionsResponse } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { Int, literals } from '../codecs/common.js';
import { struct } from '../codecs/struct.js';
import type { Wire } from '../domain/wire.js';
import { defineOperation } from './operation.js';
import { encodeNextToken, readPage } from './pagination.js';

/** ListTaskDefinitions request. */
export const ListTaskDefinitionsInput = struct('ListTaskDefinitionsRequest', {
  familyPrefix: t.string,
  status: literals(['ACTIVE', 'INACTIVE', 'DELETE_IN_PROGRESS']),
  sort: literals(['ASC', 'DESC']),
  nextToken: t.string,
  maxResults: Int,
});

/**
 * ListTaskDefinitions: ARNs of the revisions with `status` (default ACTIVE), optionally of one family
 * (`familyPrefix` is, despite its name, a full family name, as the API reference says). `ASC` (default) orders by
 * family, then revision ascending; `DESC` reverses both. Pages of `maxResults` (1–100, default 100); the token
 * resumes after the last key returned, so entries added between pages do not shift the listing.
 */
export const listTaskDefinitions = defineOperation({
  name: 'ListTaskDefinitions',
  input: ListTaskDefinitionsInput,
  run: (tx, input) => {
    const desc = input.sort === 'DESC';
    const list = desc ? 'ListTaskDefinitions:DESC' : 'ListTaskDefinitions';
    const page = readPage(list, input, 100);
    if (E.isLeft(page)) return page;
    const { limit, afterKey } = page.right;
    const status = input.status ?? 'ACTIVE';
    // Keys are `family<space>revision`: a family's revisions are contiguous, so a family filter is a range scan.
    const prefix = input.familyPrefix === undefined ? undefined : `${input.familyPrefix} `;
    const table = tx.base.taskDefinitions;
    const start = afterKey ?? (prefix === undefined ? undefined : desc ? `${prefix}\uffff` : prefix);
    const entries = desc ? table.entriesReversed(start) : table.entries(start);
    const arns: string[] = [];
    let lastKey: string | undefined;
    let nextToken: string | undefined;
    for (const [key, td] of entries) {
      if (afterKey !== undefined && (desc ? key >= afterKey : key <= afterKey)) continue;
      if (prefix !== undefined && !key.startsWith(prefix)) break;
      if (td.status !== status) continue;
      if (arns.length === limit) {
        nextToken = encodeNextToken(list, lastKey!);
        break;
      }
      arns.push(td.arn);
      lastKey = key;
    }
    const output: Wire<ListTaskDefinitionsResponse> = {
      taskDefinitionArns: arns,
      ...(nextToken !== undefined ? { nextToken } : {}),
    };
    return E.right(output);
  },
});
