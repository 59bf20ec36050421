/**
 * DescribeContainerInstances: up to 100 instances of one cluster by id or ARN, in request order; unknown ones come
 * back in `failures` with reason `MISSING` (reference §14.1). Deregistered (INACTIVE) instances are described.
 *
 * @module
 */
import type { DescribeContainerInstancesResponse } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { literals } from '../../codecs/common.js';
import { list, StringListCodec, struct } from '../../codecs/struct.js';
import { invalidParameter, type EcsError } from '../../domain/errors.js';
import type { Wire } from '../../domain/wire.js';
import { getActiveCluster } from '../clusters/getCluster.js';
import { listSizeMessage } from '../listSize.js';
import { defineOperation } from '../operation.js';
import { containerInstanceToWire, providerOfInstance } from './containerInstanceWire.js';
import { lookupInstance, missingArn } from './findContainerInstance.js';

/** Most instances per DescribeContainerInstances call (reference §10). */
export const MAX_DESCRIBE_CONTAINER_INSTANCES = 100;

/** DescribeContainerInstances request. */
export const DescribeContainerInstancesInput = struct(
  'DescribeContainerInstancesRequest',
  {
    cluster: t.string,
    containerInstances: StringListCodec,
    include: list(literals(['TAGS', 'CONTAINER_INSTANCE_HEALTH']), 'list of ContainerInstanceField'),
  },
  ['containerInstances'],
);

/** DescribeContainerInstances. */
export const describeContainerInstances = defineOperation({
  name: 'DescribeContainerInstances',
  input: DescribeContainerInstancesInput,
  run: (tx, input): E.Either<EcsError, Wire<DescribeContainerInstancesResponse>> => {
    const cluster = getActiveCluster(tx, input.cluster);
    if (E.isLeft(cluster)) return cluster;
    if (input.containerInstances.length === 0) return E.left(invalidParameter('containerInstances can not be empty.'));
    if (input.containerInstances.length > MAX_DESCRIBE_CONTAINER_INSTANCES) {
      // [OBS] traefik/traefik#3625: `instanceIds can have at most 100 items.`
      return E.left(invalidParameter(listSizeMessage('instanceIds', MAX_DESCRIBE_CONTAINER_INSTANCES)));
    }
    const includeTags = (input.include ?? []).includes('TAGS');
    const containerInstances: NonNullable<Wire<DescribeContainerInstancesResponse>['containerInstances']> = [];
    const failures: NonNullable<Wire<DescribeContainerInstancesResponse>['failures']> = [];
    for (const ref of input.containerInstances) {
      const ci = lookupInstance(tx, cluster.right.name, ref);
      if (ci === undefined) failures.push({ arn: missingArn(tx, cluster.right.name, ref), reason: 'MISSING' });
      else containerInstances.push(containerInstanceToWire(ci, includeTags, providerOfInstance(tx.table('capacityProviders').values(), ci)));
    }
    return E.right({ containerInstances, failures });
  },
});
