/**
 * DeleteService: a service scaled to 0 (or any, with `force`) goes ACTIVE → DRAINING at once — it leaves
 * ListServices, its tasks are stopped by the scheduler — and INACTIVE once they have all stopped (reference §4.3).
 * Deleting a DRAINING or INACTIVE service again answers the service as it is (aws/aws-cli#1334, aws-sdk-js#4189).
 *
 * @module
 */
import type { DeleteServiceResponse } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { struct } from '../../codecs/struct.js';
import { invalidParameter, type EcsError } from '../../domain/errors.js';
import type { Service } from '../../domain/service.js';
import type { Wire } from '../../domain/wire.js';
import { withPassAt } from '../../scheduler/service/servicePassTimer.js';
import { getActiveCluster } from '../clusters/getCluster.js';
import { defineOperation } from '../operation.js';
import { findService } from './findService.js';
import { SCALED_ABOVE_ZERO } from './serviceRequest.js';
import { serviceToWire } from './serviceWire.js';

/** DeleteService request. */
export const DeleteServiceInput = struct('DeleteServiceRequest', { cluster: t.string, service: t.string, force: t.boolean }, ['service']);

/** DeleteService. */
export const deleteService = defineOperation({
  name: 'DeleteService',
  input: DeleteServiceInput,
  run: (tx, input): E.Either<EcsError, Wire<DeleteServiceResponse>> => {
    const cluster = getActiveCluster(tx, input.cluster);
    if (E.isLeft(cluster)) return cluster;
    const found = findService(tx, cluster.right.name, input.service);
    if (E.isLeft(found)) return found;
    const s = found.right;
    if (s.status !== 'ACTIVE') return E.right({ service: serviceToWire(tx, s) });
    if (s.desiredCount > 0 && input.force !== true) return E.left(invalidParameter(SCALED_ABOVE_ZERO));
    let next: Service = { ...s, status: 'DRAINING', desiredCount: 0, steadySinceMs: undefined };
    // The scheduler stops the tasks at once and deactivates the service when none is left.
    next = withPassAt(tx, next, tx.nowMs);
    tx.table('services').set(s.key, next);
    tx.table('clusters').set(cluster.right.name, {
      ...cluster.right,
      activeServicesCount: Math.max(0, cluster.right.activeServicesCount - 1),
    });
    return E.right({ service: serviceToWire(tx, next) });
  },
});
