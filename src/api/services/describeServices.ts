/**
 * DescribeServices: up to 10 services by name or ARN, in request order; unknown ones come back in `failures` with
 * reason `MISSING` (reference §4.3). DRAINING and INACTIVE services are described.
 *
 * @module
 */
import type { DescribeServicesResponse } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { literals } from '../../codecs/common.js';
import { list, StringListCodec, struct } from '../../codecs/struct.js';
import { serviceArn } from '../../domain/arn.js';
import { invalidParameter, type EcsError } from '../../domain/errors.js';
import { listSizeMessage } from '../listSize.js';
import type { Wire } from '../../domain/wire.js';
import { getActiveCluster } from '../clusters/getCluster.js';
import { defineOperation } from '../operation.js';
import { lookupService } from './findService.js';
import { serviceToWire } from './serviceWire.js';

/** Most services per DescribeServices call (reference §4.3). */
export const MAX_DESCRIBE_SERVICES = 10;

/** DescribeServices request. */
export const DescribeServicesInput = struct(
  'DescribeServicesRequest',
  { cluster: t.string, services: StringListCodec, include: list(literals(['TAGS']), 'list of ServiceField') },
  ['services'],
);

/** DescribeServices. */
export const describeServices = defineOperation({
  name: 'DescribeServices',
  input: DescribeServicesInput,
  run: (tx, input): E.Either<EcsError, Wire<DescribeServicesResponse>> => {
    const cluster = getActiveCluster(tx, input.cluster);
    if (E.isLeft(cluster)) return cluster;
    if (input.services.length === 0) return E.left(invalidParameter('services can not be empty.'));
    if (input.services.length > MAX_DESCRIBE_SERVICES) {
      // [OBS] structurely/ecs-autoscale#32: `service names can have at most 10 items.`
      return E.left(invalidParameter(listSizeMessage('service names', MAX_DESCRIBE_SERVICES)));
    }
    const includeTags = (input.include ?? []).includes('TAGS');
    const services: Wire<DescribeServicesResponse>['services'] = [];
    const failures: NonNullable<Wire<DescribeServicesResponse>['failures']> = [];
    for (const ref of input.services) {
      const s = lookupService(tx, cluster.right.name, ref);
      if (s === undefined) {
        failures.push({ arn: ref.startsWith('arn:') ? ref : serviceArn(tx.config, cluster.right.name, ref), reason: 'MISSING' });
      } else {
        services.push(serviceToWire(tx, s, includeTags));
      }
    }
    return E.right({ services, failures });
  },
});
