/**
 * The common ending of the cluster operations that change a cluster (UpdateCluster, UpdateClusterSettings,
 * PutClusterCapacityProviders, DeleteCluster): store the new version when it differs, answer with it.
 *
 * @module
 */
import type { Cluster as SdkCluster } from '@aws-sdk/client-ecs';
import type { Cluster } from '../../domain/cluster.js';
import type { WorldTxn } from '../../domain/txn.js';
import type { Wire } from '../../domain/wire.js';
import { MUTATION_RESPONSE_OPTIONS, clusterToWire } from './clusterWire.js';

/**
 * Replaces `before` with `after` in the clusters table and returns the response body `{ cluster }` (in the form
 * ECS's mutating calls answer with). When `after` is `before` itself nothing is written, so a request that
 * changes nothing leaves the World the very same object.
 *
 * @param tx the transaction of the operation
 * @param before the stored cluster the operation started from
 * @param after its new version (or `before` when nothing changed)
 *
 * @example
 * ```ts
 * const next = sameSettings(cluster.settings, merged) ? cluster : { ...cluster, settings: merged };
 * return E.right(replaceCluster(tx, cluster, next));
 * ```
 */
export function replaceCluster(tx: WorldTxn, before: Cluster, after: Cluster): { cluster: Wire<SdkCluster> } {
  if (after !== before) tx.table('clusters').set(before.name, after);
  return { cluster: clusterToWire(after, MUTATION_RESPONSE_OPTIONS) };
}
