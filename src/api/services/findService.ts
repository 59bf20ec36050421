/**
 * Resolving the `service` parameter: a name, or a service ARN (long format `service/<cluster>/<name>`, or the
 * legacy `service/<name>`) in the given cluster.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { parseArn } from '../../domain/arn.js';
import { ecsError, type EcsError } from '../../domain/errors.js';
import { serviceKey, type Service } from '../../domain/service.js';
import type { WorldTxn } from '../../domain/txn.js';
import { SERVICE_NOT_FOUND } from './serviceRequest.js';

/** The service name a `service` reference names in cluster `clusterName`, or undefined when it names none here. */
export function serviceNameOfRef(tx: WorldTxn, clusterName: string, ref: string): string | undefined {
  if (!ref.startsWith('arn:')) return ref;
  const arn = parseArn(ref);
  if (!arn || arn.resourceType !== 'service') return undefined;
  if (arn.region !== tx.config.region || arn.accountId !== tx.config.accountId) return undefined;
  const parts = arn.resourceParts;
  if (parts.length === 2) return parts[0] === clusterName ? parts[1] : undefined;
  return parts.length === 1 ? parts[0] : undefined;
}

/** The service `ref` names in cluster `clusterName` (any status), if it exists. */
export function lookupService(tx: WorldTxn, clusterName: string, ref: string): Service | undefined {
  const name = serviceNameOfRef(tx, clusterName, ref);
  return name === undefined ? undefined : tx.table('services').get(serviceKey(clusterName, name));
}

/**
 * The service `ref` names, or ECS's `ServiceNotFoundException: Service not found.` (service captures §4). A
 * service that is INACTIVE is found (callers decide what that means).
 */
export function findService(tx: WorldTxn, clusterName: string, ref: string): E.Either<EcsError, Service> {
  const s = lookupService(tx, clusterName, ref);
  return s === undefined ? E.left(ecsError('ServiceNotFoundException', SERVICE_NOT_FOUND)) : E.right(s);
}
