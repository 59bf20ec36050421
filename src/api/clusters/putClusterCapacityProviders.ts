/**
 * PutClusterCapacityProviders.
 *
 * @module
 */
import type { PutClusterCapacityProvidersResponse } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { list, struct } from '../../codecs/struct.js';
import type { Cluster } from '../../domain/cluster.js';
import { clientException, clusterNotFound, ecsError } from '../../domain/errors.js';
import type { Wire } from '../../domain/wire.js';
import { StrategyInputCodec, validateStrategyAgainst } from '../capacityProviderStrategy.js';
import { associableProviders } from '../capacityProviders/associable.js';
import { defineOperation } from '../operation.js';
import { validateCapacityProviders } from './clusterRequest.js';
import { resolveClusterName } from './getCluster.js';
import { replaceCluster } from './replaceCluster.js';

/** ECS's message when the cluster was deleted (reference §7.2, observed). */
export const CLUSTER_NOT_ACTIVE_MESSAGE = 'Cluster was not ACTIVE.';

/**
 * The message when a provider to be removed still has tasks. UNVERIFIED wording: the model only names the
 * exception (`ResourceInUseException`: "The specified resource is in-use and can't be removed.").
 */
export const providerInUseMessage = (provider: string, tasks: number): string =>
  `The specified capacity provider is in use and can't be removed: ${provider} has ${tasks} ` +
  `${tasks === 1 ? 'task' : 'tasks'} that ${tasks === 1 ? 'is' : 'are'} not STOPPED on this cluster.`;

/** PutClusterCapacityProviders request: all three members are required (`[]` clears a list). */
export const PutClusterCapacityProvidersInput = struct(
  'PutClusterCapacityProvidersRequest',
  {
    cluster: t.string,
    capacityProviders: list(t.string, 'list of capacity provider names'),
    defaultCapacityProviderStrategy: StrategyInputCodec,
  },
  ['cluster', 'capacityProviders', 'defaultCapacityProviderStrategy'],
);

/**
 * PutClusterCapacityProviders: replaces the cluster's capacity providers and default strategy as a whole. The new
 * strategy may use only the new providers. A provider that is removed while tasks not yet STOPPED use it is
 * refused with `ResourceInUseException` (read from `Cluster.tasksByCapacityProvider`, kept by the task
 * lifecycle). A deleted cluster answers `ClientException: Cluster was not ACTIVE.`
 */
export const putClusterCapacityProviders = defineOperation({
  name: 'PutClusterCapacityProviders',
  input: PutClusterCapacityProvidersInput,
  run: (tx, input) => {
    const name = resolveClusterName(tx, input.cluster);
    if (E.isLeft(name)) return name;
    const cluster = name.right === undefined ? undefined : tx.table('clusters').get(name.right);
    if (!cluster) return E.left(clusterNotFound());
    if (cluster.status !== 'ACTIVE') return E.left(clientException(CLUSTER_NOT_ACTIVE_MESSAGE));
    const providers = validateCapacityProviders(input.capacityProviders, 'capacityProviders', associableProviders(tx, cluster.name));
    if (E.isLeft(providers)) return providers;
    const strategy = validateStrategyAgainst(
      input.defaultCapacityProviderStrategy,
      providers.right,
      'defaultCapacityProviderStrategy',
    );
    if (E.isLeft(strategy)) return strategy;
    for (const removed of cluster.capacityProviders) {
      if (providers.right.includes(removed)) continue;
      const inUse = cluster.tasksByCapacityProvider[removed] ?? 0;
      if (inUse > 0) return E.left(ecsError('ResourceInUseException', providerInUseMessage(removed, inUse)));
    }
    const unchanged =
      JSON.stringify([cluster.capacityProviders, cluster.defaultCapacityProviderStrategy]) ===
      JSON.stringify([providers.right, strategy.right]);
    const next: Cluster = unchanged
      ? cluster
      : { ...cluster, capacityProviders: providers.right, defaultCapacityProviderStrategy: strategy.right };
    return E.right<never, Wire<PutClusterCapacityProvidersResponse>>(replaceCluster(tx, cluster, next));
  },
});
