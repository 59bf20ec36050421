/**
 * CreateCluster.
 *
 * @module
 */
import type { CreateClusterResponse } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { StrategyItemCodec, TagList } from '../codecs/common.js';
import { clusterArn } from '../domain/arn.js';
import type { Cluster } from '../domain/cluster.js';
import { invalidParameter } from '../domain/errors.js';
import type { Wire } from '../domain/wire.js';
import { clusterToWire } from './clusterWire.js';
import { defineOperation } from './operation.js';

const CLUSTER_NAME = /^[A-Za-z0-9_-]{1,255}$/;

/** CreateCluster request. */
export const CreateClusterInput = t.partial(
  {
    clusterName: t.string,
    tags: TagList,
    settings: t.array(t.partial({ name: t.string, value: t.string })),
    configuration: t.UnknownRecord,
    capacityProviders: t.array(t.string),
    defaultCapacityProviderStrategy: t.array(StrategyItemCodec),
    serviceConnectDefaults: t.UnknownRecord,
  },
  'CreateClusterRequest',
);

/** CreateCluster: creates (or, like ECS, returns the existing ACTIVE) cluster. */
export const createCluster = defineOperation({
  name: 'CreateCluster',
  input: CreateClusterInput,
  run: (tx, input) => {
    const name = input.clusterName ?? 'default';
    if (!CLUSTER_NAME.test(name)) {
      return E.left(
        invalidParameter(
          'Cluster name can only contain letters, numbers, underscores and hyphens, and must be 1-255 characters long.',
        ),
      );
    }
    const existing = tx.table('clusters').get(name);
    if (existing && existing.status === 'ACTIVE') {
      return E.right<never, Wire<CreateClusterResponse>>({ cluster: clusterToWire(existing) });
    }
    const cluster: Cluster = {
      name,
      arn: clusterArn(tx.config, name),
      status: 'ACTIVE',
      settings: (input.settings ?? [{ name: 'containerInsights', value: 'disabled' }]).map((s) => ({
        name: s.name ?? '',
        value: s.value ?? '',
      })),
      capacityProviders: input.capacityProviders ?? [],
      defaultCapacityProviderStrategy: (input.defaultCapacityProviderStrategy ?? []).map((s) => ({
        capacityProvider: s.capacityProvider,
        base: s.base ?? 0,
        weight: s.weight ?? 0,
      })),
      tags: (input.tags ?? []).map((tag) => ({ key: tag.key ?? '', value: tag.value ?? '' })),
      runningTasksCount: 0,
      pendingTasksCount: 0,
      activeServicesCount: 0,
      activeTasksCount: 0,
      ...(input.configuration ? { configuration: input.configuration } : {}),
      ...(input.serviceConnectDefaults ? { serviceConnectDefaults: input.serviceConnectDefaults } : {}),
    };
    tx.table('clusters').set(name, cluster);
    return E.right<never, Wire<CreateClusterResponse>>({ cluster: clusterToWire(cluster) });
  },
});
