/**
 * Whether a service named in a task request exists (ListTasks' `serviceName` filter).
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { ecsError, type EcsError } from '../../domain/errors.js';
import { serviceKey } from '../../domain/service.js';
import type { WorldTxn } from '../../domain/txn.js';

/**
 * ECS's answer for a service that does not exist in the cluster ([OBS] reference §3.8: ListTasks with an unknown
 * `serviceName` answers `ServiceNotFoundException: Service not found.`).
 *
 * @category constants
 */
export const SERVICE_NOT_FOUND_MESSAGE = 'Service not found.';

/**
 * Checks that service `serviceName` exists in cluster `clusterName`; `ServiceNotFoundException` ("Service not
 * found.") when it does not — a service of another cluster does not count, as in ECS. A deleted service that is
 * still DRAINING or INACTIVE (describable) exists: its stopped tasks can still be listed.
 *
 * @category queries
 * @example
 * ```ts
 * checkServiceExists(tx, 'default', 'nope'); // Left: ServiceNotFoundException "Service not found." 
 * ```
 */
export function checkServiceExists(tx: WorldTxn, clusterName: string, serviceName: string): E.Either<EcsError, void> {
  return tx.table('services').has(serviceKey(clusterName, serviceName))
    ? E.right(undefined)
    : E.left(ecsError('ServiceNotFoundException', SERVICE_NOT_FOUND_MESSAGE));
}
