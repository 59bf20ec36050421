/**
 * Resolving the `cluster` parameter of cluster-scoped operations.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { parseArn } from '../../domain/arn.js';
import type { Cluster } from '../../domain/cluster.js';
import { clusterNotFound, invalidParameter, type EcsError } from '../../domain/errors.js';
import type { WorldTxn } from '../../domain/txn.js';

/**
 * The cluster name a `cluster` parameter refers to in this World: a short name, or a cluster ARN of the World's
 * Region and account; omitted (or empty) means `default`. A cluster ARN of another Region or account names no
 * cluster here (`Right(undefined)`); an ARN of another resource type is malformed (`InvalidParameterException`).
 *
 * @param tx the transaction (for the World's Region and account)
 * @param ref the `cluster` request member
 * @param where the request member, used in messages
 */
export function resolveClusterName(
  tx: WorldTxn,
  ref: string | null | undefined,
  where = 'cluster',
): E.Either<EcsError, string | undefined> {
  if (ref === undefined || ref === null || ref === '') return E.right('default');
  if (!ref.startsWith('arn:')) return E.right(ref);
  const arn = parseArn(ref);
  if (!arn || arn.resourceType !== 'cluster' || arn.resourceParts.length !== 1) {
    return E.left(invalidParameter(`${where}: '${ref}' is not a valid cluster name or cluster ARN.`));
  }
  if (arn.region !== tx.config.region || arn.accountId !== tx.config.accountId) return E.right(undefined);
  return E.right(arn.resourceParts[0]);
}

/**
 * The ACTIVE cluster a `cluster` parameter names (name or ARN; omitted → `default`). An unknown or INACTIVE
 * cluster is ECS's `ClusterNotFoundException: Cluster not found.` (reference §14.1).
 *
 * @param tx the transaction to read from
 * @param ref the `cluster` request member
 *
 * @example
 * ```ts
 * const cluster = getActiveCluster(tx, input.cluster);
 * if (E.isLeft(cluster)) return cluster;
 * ```
 */
export function getActiveCluster(tx: WorldTxn, ref: string | null | undefined): E.Either<EcsError, Cluster> {
  const name = resolveClusterName(tx, ref);
  if (E.isLeft(name)) return name;
  const cluster = name.right === undefined ? undefined : tx.table('clusters').get(name.right);
  return cluster && cluster.status === 'ACTIVE' ? E.right(cluster) : E.left(clusterNotFound());
}
