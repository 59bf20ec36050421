/**
 * CreateCluster.
 *
 * @module
 */
import type { CreateClusterResponse } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { TagListCodec } from '../../codecs/common.js';
import { list, struct } from '../../codecs/struct.js';
import { clusterArn } from '../../domain/arn.js';
import type { Cluster } from '../../domain/cluster.js';
import { invalidParameter, type EcsError } from '../../domain/errors.js';
import type { Wire } from '../../domain/wire.js';
import { StrategyInputCodec, validateStrategyAgainst } from '../capacityProviderStrategy.js';
import {
  ClusterConfigurationCodec,
  ClusterSettingsCodec,
  DEFAULT_CLUSTER_SETTINGS,
  ServiceConnectDefaultsCodec,
  toConfiguration,
  validateCapacityProviders,
  validateClusterName,
  validateNamespace,
  validateSettings,
} from './clusterRequest.js';
import { MUTATION_RESPONSE_OPTIONS, clusterToWire } from './clusterWire.js';
import { INCONSISTENT_ARGUMENTS_MESSAGE, inconsistentArgument } from './createClusterIdempotency.js';
import { associableProviders } from '../capacityProviders/associable.js';
import { defineOperation } from '../operation.js';
import { validateTags } from '../tags/tags.js';

/** CreateCluster request (every member optional; JSON `null` reads as absent). */
export const CreateClusterInput = struct('CreateClusterRequest', {
  clusterName: t.string,
  tags: TagListCodec,
  settings: ClusterSettingsCodec,
  configuration: ClusterConfigurationCodec,
  capacityProviders: list(t.string, 'list of capacity provider names'),
  defaultCapacityProviderStrategy: StrategyInputCodec,
  serviceConnectDefaults: ServiceConnectDefaultsCodec,
});

/** A decoded CreateCluster request. */
export type CreateClusterRequest = t.TypeOf<typeof CreateClusterInput>;

/**
 * Validates a CreateCluster request and builds the ACTIVE cluster it describes (counters at zero). Pure; does not
 * look at the World beyond its Region and account.
 */
export function buildCluster(
  scope: { readonly region: string; readonly accountId: string },
  input: CreateClusterRequest,
  asgProviders: ReadonlySet<string> = new Set(),
): E.Either<EcsError, Cluster> {
  const name = validateClusterName(input.clusterName ?? 'default');
  if (E.isLeft(name)) return name;
  const settings = input.settings === undefined ? E.right([...DEFAULT_CLUSTER_SETTINGS]) : validateSettings(input.settings);
  if (E.isLeft(settings)) return settings;
  const tags = validateTags(input.tags ?? []);
  if (E.isLeft(tags)) return tags;
  const configuration = input.configuration === undefined ? E.right(undefined) : toConfiguration(input.configuration);
  if (E.isLeft(configuration)) return configuration;
  const providers = validateCapacityProviders(input.capacityProviders ?? [], 'capacityProviders', asgProviders);
  if (E.isLeft(providers)) return providers;
  const strategy = validateStrategyAgainst(
    input.defaultCapacityProviderStrategy ?? [],
    providers.right,
    'defaultCapacityProviderStrategy',
  );
  if (E.isLeft(strategy)) return strategy;
  // An empty namespace means "no Service Connect defaults" (UpdateCluster documents "" as removal).
  const namespace = input.serviceConnectDefaults?.namespace;
  const ns = namespace === undefined || namespace === '' ? E.right(undefined) : validateNamespace(namespace);
  if (E.isLeft(ns)) return ns;
  return E.right({
    name: name.right,
    arn: clusterArn(scope, name.right),
    status: 'ACTIVE',
    settings: settings.right,
    ...(configuration.right ? { configuration: configuration.right } : {}),
    ...(ns.right !== undefined ? { serviceConnectDefaults: { namespace: ns.right } } : {}),
    capacityProviders: providers.right,
    defaultCapacityProviderStrategy: strategy.right,
    tags: tags.right,
    runningTasksCount: 0,
    pendingTasksCount: 0,
    activeServicesCount: 0,
    activeTasksCount: 0,
    tasksByCapacityProvider: {},
  });
}

/**
 * CreateCluster: creates the cluster (`default` when no name is given). Like ECS, creating a cluster whose name
 * is already ACTIVE is idempotent: after the request is validated, the same arguments return the existing cluster
 * unchanged, and other arguments are refused with `InvalidParameterException` "Arguments on this idempotent request
 * are inconsistent with arguments used in previous request(s)." (which arguments count, and how:
 * `createClusterIdempotency.ts`). A name whose cluster was deleted (INACTIVE) gets a new ACTIVE cluster.
 */
export const createCluster = defineOperation({
  name: 'CreateCluster',
  input: CreateClusterInput,
  run: (tx, input) => {
    const built = buildCluster(tx.config, input, associableProviders(tx));
    if (E.isLeft(built)) return built;
    const existing = tx.table('clusters').get(built.right.name);
    if (existing && existing.status === 'ACTIVE') {
      if (inconsistentArgument(existing, input, built.right) !== undefined) {
        return E.left(invalidParameter(INCONSISTENT_ARGUMENTS_MESSAGE));
      }
      return E.right<never, Wire<CreateClusterResponse>>({ cluster: clusterToWire(existing, MUTATION_RESPONSE_OPTIONS) });
    }
    tx.table('clusters').set(built.right.name, built.right);
    return E.right<never, Wire<CreateClusterResponse>>({ cluster: clusterToWire(built.right, MUTATION_RESPONSE_OPTIONS) });
  },
});
