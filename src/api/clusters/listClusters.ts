/**
 * ListClusters.
 *
 * @module
 */
import type { ListClustersResponse } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { Int } from '../../codecs/common.js';
import { struct } from '../../codecs/struct.js';
import type { Wire } from '../../domain/wire.js';
import { defineOperation } from '../operation.js';
import { collectPage, readPage } from '../pagination.js';

/** The list name tokens are bound to (a ListClusters token is refused by other List* calls). */
const LIST = 'ListClusters';

/** ListClusters request. */
export const ListClustersInput = struct('ListClustersRequest', { nextToken: t.string, maxResults: Int });

/**
 * ListClusters: the ARNs of the ACTIVE clusters, in name order (code units), 100 per page by default
 * (`maxResults` 1–100). Deleted (INACTIVE) clusters are not listed, as in ECS.
 */
export const listClusters = defineOperation({
  name: LIST,
  input: ListClustersInput,
  run: (tx, input) => {
    const page = readPage(LIST, input, 100);
    if (E.isLeft(page)) return page;
    const clusters = tx.table('clusters');
    const { items, nextToken } = collectPage(LIST, page.right, clusters.entries(page.right.afterKey), (c) =>
      c.status === 'ACTIVE' ? c.arn : undefined,
    );
    const out: Wire<ListClustersResponse> = { clusterArns: items };
    if (nextToken !== undefined) out.nextToken = nextToken;
    return E.right<never, Wire<ListClustersResponse>>(out);
  },
});
