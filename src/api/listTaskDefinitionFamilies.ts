/**
 * ListTaskDefinitionFamilies.
 *
 * @module
 */
import type { ListTaskDefinitionFamiliesResponse } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { Int, literals } from '../codecs/common.js';
import { struct } from '../codecs/struct.js';
import type { Wire } from '../domain/wire.js';
import { defineOperation } from './operation.js';
import { encodeNextToken, readPage } from './pagination.js';

/** ListTaskDefinitionFamilies request. */
export const ListTaskDefinitionFamiliesInput = struct('ListTaskDefinitionFamiliesRequest', {
  familyPrefix: t.string,
  status: literals(['ACTIVE', 'INACTIVE', 'ALL']),
  nextToken: t.string,
  maxResults: Int,
});

/**
 * ListTaskDefinitionFamilies: family names starting with `familyPrefix`, in code-unit order. `status` ACTIVE
 * lists families with at least one ACTIVE revision, INACTIVE those with none, ALL (the default) every family —
 * including families whose revisions are all DELETE_IN_PROGRESS, which ECS keeps listing while they exist.
 */
export const listTaskDefinitionFamilies = defineOperation({
  name: 'ListTaskDefinitionFamilies',
  input: ListTaskDefinitionFamiliesInput,
  run: (tx, input) => {
    const list = 'ListTaskDefinitionFamilies';
    const page = readPage(list, input, 100);
    if (E.isLeft(page)) return page;
    const { limit, afterKey } = page.right;
    const status = input.status ?? 'ALL';
    const prefix = input.familyPrefix ?? '';
    const families: string[] = [];
    let nextToken: string | undefined;
    for (const [name, fam] of tx.base.families.entries(afterKey ?? prefix)) {
      if (afterKey !== undefined && name <= afterKey) continue;
      if (!name.startsWith(prefix)) break;
      const active = fam.activeRevisionCount > 0;
      if ((status === 'ACTIVE' && !active) || (status === 'INACTIVE' && active)) continue;
      if (families.length === limit) {
        nextToken = encodeNextToken(list, families[families.length - 1]!);
        break;
      }
      families.push(name);
    }
    const output: Wire<ListTaskDefinitionFamiliesResponse> = {
      families,
      ...(nextToken !== undefined ? { nextToken } : {}),
    };
    return E.right(output);
  },
});
