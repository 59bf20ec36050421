/**
 * ListServices: the ARNs of a cluster's ACTIVE services in name order (DRAINING ones have left the list,
 * reference §4.3), 10 per page by default — ECS's unusual default — and at most 100.
 *
 * @module
 */
import type { ListServicesResponse } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { Int, literals } from '../../codecs/common.js';
import { struct } from '../../codecs/struct.js';
import type { EcsError } from '../../domain/errors.js';
import { serviceKey } from '../../domain/service.js';
import type { Wire } from '../../domain/wire.js';
import { getActiveCluster } from '../clusters/getCluster.js';
import { defineOperation } from '../operation.js';
import { collectPage, END_OF_RANGE, readPage } from '../pagination.js';

const LIST = 'ListServices';

/** ListServices request. */
export const ListServicesInput = struct('ListServicesRequest', {
  cluster: t.string,
  nextToken: t.string,
  maxResults: Int,
  launchType: literals(['EC2', 'FARGATE', 'EXTERNAL', 'MANAGED_INSTANCES']),
  schedulingStrategy: literals(['REPLICA', 'DAEMON']),
  resourceManagementType: literals(['CUSTOMER', 'ECS']),
});

/** ListServices. */
export const listServices = defineOperation({
  name: LIST,
  input: ListServicesInput,
  run: (tx, input): E.Either<EcsError, Wire<ListServicesResponse>> => {
    const cluster = getActiveCluster(tx, input.cluster);
    if (E.isLeft(cluster)) return cluster;
    const page = readPage(LIST, input, 10);
    if (E.isLeft(page)) return page;
    const prefix = serviceKey(cluster.right.name, '');
    const from = page.right.afterKey ?? prefix;
    const { items, nextToken } = collectPage(LIST, page.right, tx.table('services').entries(from), (s, key) => {
      if (!key.startsWith(prefix)) return END_OF_RANGE;
      if (s.status !== 'ACTIVE') return undefined;
      if (input.launchType !== undefined && (s.launch._tag !== 'LaunchType' || s.launch.launchType !== input.launchType)) {
        return undefined;
      }
      if (input.schedulingStrategy !== undefined && input.schedulingStrategy !== (s.schedulingStrategy ?? 'REPLICA')) return undefined;
      if (input.resourceManagementType !== undefined && input.resourceManagementType !== 'CUSTOMER') return undefined;
      return s.arn;
    });
    const out: Wire<ListServicesResponse> = { serviceArns: items };
    if (nextToken !== undefined) out.nextToken = nextToken;
    return E.right(out);
  },
});
