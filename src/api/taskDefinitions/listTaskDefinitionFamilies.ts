/**
 * ListTaskDefinitionFamilies.
 *
 * @module
 */
import type { ListTaskDefinitionFamiliesResponse } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { Int, literals } from '../../codecs/common.js';
import { struct } from '../../codecs/struct.js';
import type { Wire } from '../../domain/wire.js';
import { defineOperation } from '../operation.js';
import { END_OF_RANGE, collectPage, readPage } from '../pagination.js';
import { familyIndexPrefix } from './storeTaskDefinition.js';

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
 * including families whose revisions are all DELETE_IN_PROGRESS, which ECS keeps listing while they exist, but
 * not families whose revisions have all been deleted for good.
 *
 * ALL walks the families table; ACTIVE and INACTIVE walk their range of the index (`f <status> <family>`, see
 * `storeTaskDefinition.ts`). Either way a page is one seek plus the families on it: O(log n + page).
 */
export const listTaskDefinitionFamilies = defineOperation({
  name: 'ListTaskDefinitionFamilies',
  input: ListTaskDefinitionFamiliesInput,
  run: (tx, input) => {
    const list = 'ListTaskDefinitionFamilies';
    const page = readPage(list, input, 100);
    if (E.isLeft(page)) return page;
    const { afterKey } = page.right;
    const status = input.status ?? 'ALL';
    const prefix = input.familyPrefix ?? '';
    const start = afterKey !== undefined && afterKey > prefix ? afterKey : prefix;
    // Every family in range is yielded — listed or not — so that the first name past the prefix ends the scan.
    const names = (function* (): Generator<readonly [string, { name: string; listed: boolean }]> {
      if (status === 'ALL') {
        // A family whose revisions were all deleted keeps its record (revision numbers go on) but is not listed.
        for (const [name, fam] of tx.base.families.entries(start)) yield [name, { name, listed: fam.revisionCount > 0 }];
        return;
      }
      const base = familyIndexPrefix(status === 'ACTIVE');
      for (const [key, name] of tx.base.taskDefinitionIndex.entries(base + start)) {
        if (!key.startsWith(base)) return;
        yield [name, { name, listed: true }];
      }
    })();
    const { items, nextToken } = collectPage(list, page.right, names, ({ name, listed }) => {
      if (!name.startsWith(prefix)) return END_OF_RANGE;
      return listed ? name : undefined;
    });
    const output: Wire<ListTaskDefinitionFamiliesResponse> = {
      families: items,
      ...(nextToken !== undefined ? { nextToken } : {}),
    };
    return E.right(output);
  },
});
