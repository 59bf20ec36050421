/**
 * ListContainerInstances (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ListContainerInstances.html):
 * the ARNs of a cluster's container instances in id order, 100 per page by default. `status` keeps one status;
 * without it every instance but deregistered (INACTIVE) ones is listed. `filter` is a cluster query language
 * expression (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-query-language.html), parsed
 * once and evaluated on each instance of the page scan; a bad expression is the parser's ECS error.
 *
 * @module
 */
import type { ListContainerInstancesResponse } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { Int, literals } from '../../codecs/common.js';
import { struct } from '../../codecs/struct.js';
import { clusterInstancesPrefix } from '../../domain/containerInstance.js';
import { ecsError, type EcsError } from '../../domain/errors.js';
import type { Wire } from '../../domain/wire.js';
import { evaluateQuery, parseQuery } from '../../scheduler/placement/query/index.js';
import { getActiveCluster } from '../clusters/getCluster.js';
import { defineOperation } from '../operation.js';
import { collectPage, END_OF_RANGE, readPage } from '../pagination.js';
import { querySubjectOf } from '../../scheduler/ec2/instanceSubject.js';

const LIST = 'ListContainerInstances';

/** ListContainerInstances request. */
export const ListContainerInstancesInput = struct('ListContainerInstancesRequest', {
  cluster: t.string,
  filter: t.string,
  nextToken: t.string,
  maxResults: Int,
  status: literals(['ACTIVE', 'DRAINING', 'REGISTERING', 'DEREGISTERING', 'REGISTRATION_FAILED']),
});

/** ListContainerInstances. */
export const listContainerInstances = defineOperation({
  name: LIST,
  input: ListContainerInstancesInput,
  run: (tx, input): E.Either<EcsError, Wire<ListContainerInstancesResponse>> => {
    const cluster = getActiveCluster(tx, input.cluster);
    if (E.isLeft(cluster)) return cluster;
    const page = readPage(LIST, input);
    if (E.isLeft(page)) return page;
    const query = input.filter === undefined || input.filter === '' ? undefined : parseQuery(input.filter);
    if (query !== undefined && E.isLeft(query)) return E.left(ecsError(query.left.name, query.left.message));
    const prefix = clusterInstancesPrefix(cluster.right.name);
    const after = page.right.afterKey;
    const from = after !== undefined && after > prefix ? after : prefix;
    const { items, nextToken } = collectPage(LIST, page.right, tx.table('containerInstances').entries(from), (ci, key) => {
      if (!key.startsWith(prefix)) return END_OF_RANGE;
      if (input.status === undefined ? ci.status === 'INACTIVE' : ci.status !== input.status) return undefined;
      if (query !== undefined && !evaluateQuery(query.right, querySubjectOf(ci))) return undefined;
      return ci.arn;
    });
    const out: Wire<ListContainerInstancesResponse> = { containerInstanceArns: items };
    if (nextToken !== undefined) out.nextToken = nextToken;
    return E.right(out);
  },
});
