/**
 * Request codecs and checks shared by the container instance operations.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { Int, literals } from '../../codecs/common.js';
import { list, struct } from '../../codecs/struct.js';
import { clientException, type EcsError } from '../../domain/errors.js';
import type { Cluster } from '../../domain/cluster.js';
import type { WorldTxn } from '../../domain/txn.js';
import { getActiveCluster } from '../clusters/getCluster.js';

/** ECS's `Attribute` in requests. */
export const AttributeCodec = struct(
  'Attribute',
  { name: t.string, value: t.string, targetType: literals(['container-instance']), targetId: t.string },
  ['name'],
);

/** A list of attributes. */
export const AttributeListCodec = list(AttributeCodec, 'list of Attribute');

/** ECS's `Resource` in requests (`totalResources`). */
export const ResourceCodec = struct('Resource', {
  name: t.string,
  type: t.string,
  doubleValue: t.number,
  longValue: t.number,
  integerValue: Int,
  stringSetValue: list(t.string, 'list of strings'),
});

/** ECS's `VersionInfo`. */
export const VersionInfoCodec = struct('VersionInfo', { agentVersion: t.string, agentHash: t.string, dockerVersion: t.string });

/**
 * The cluster of an agent-side call (RegisterContainerInstance): an unknown cluster is `ClientException: Cluster not
 * found.` there, where the other operations say `ClusterNotFoundException` (reference §14.1: the agent then creates
 * the `default` cluster).
 */
export function getRegistrationCluster(tx: WorldTxn, ref: string | undefined): E.Either<EcsError, Cluster> {
  const cluster = getActiveCluster(tx, ref);
  if (E.isLeft(cluster) && cluster.left.name === 'ClusterNotFoundException') return E.left(clientException('Cluster not found.'));
  return cluster;
}
