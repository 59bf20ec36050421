/**
 * Whether a service named in a task request exists (ListTasks' `serviceName` filter).
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { ecsError, type EcsError } from '../../domain/errors.js';
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
 * found.") when it does not — a service of another cluster does not count, as in ECS.
 *
 * The twin has no services yet, so today every name is unknown. This is the one place ListTasks asks, so the
 * services table only has to be read here once it exists.
 *
 * @category queries
 * @example
 * ```ts
 * checkServiceExists(tx, 'default', 'web'); // Left: ServiceNotFoundException "Service not found." (no services yet)
 * ```
 */
export function checkServiceExists(_tx: WorldTxn, _clusterName: string, _serviceName: string): E.Either<EcsError, void> {
  return E.left(ecsError('ServiceNotFoundException', SERVICE_NOT_FOUND_MESSAGE));
}
