/**
 * UpdateCluster.
 *
 * @module
 */
import type { UpdateClusterResponse } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { struct } from '../../codecs/struct.js';
import type { Cluster } from '../../domain/cluster.js';
import type { Wire } from '../../domain/wire.js';
import { defineOperation } from '../operation.js';
import {
  ClusterConfigurationCodec,
  ClusterSettingsCodec,
  ServiceConnectDefaultsCodec,
  mergeConfiguration,
  mergeSettings,
  toConfiguration,
  validateNamespace,
  validateSettings,
} from './clusterRequest.js';
import { getActiveCluster } from './getCluster.js';
import { replaceCluster } from './replaceCluster.js';
import { sameSettings } from './updateClusterSettings.js';

/** UpdateCluster request: `cluster` is required; `settings`, `configuration`, `serviceConnectDefaults` optional. */
export const UpdateClusterInput = struct(
  'UpdateClusterRequest',
  {
    cluster: t.string,
    settings: ClusterSettingsCodec,
    configuration: ClusterConfigurationCodec,
    serviceConnectDefaults: ServiceConnectDefaultsCodec,
  },
  ['cluster'],
);

/**
 * UpdateCluster: changes the settings (by name), the configuration (each given part — execute command, managed
 * storage — replaces the stored part) and the Service Connect default namespace (`""` removes it, as the API
 * documents) of an ACTIVE cluster. A request that changes nothing leaves the World unchanged.
 */
export const updateCluster = defineOperation({
  name: 'UpdateCluster',
  input: UpdateClusterInput,
  run: (tx, input) => {
    const found = getActiveCluster(tx, input.cluster);
    if (E.isLeft(found)) return found;
    const cluster = found.right;
    let next: Cluster = cluster;
    if (input.settings !== undefined) {
      const settings = validateSettings(input.settings);
      if (E.isLeft(settings)) return settings;
      const merged = mergeSettings(cluster.settings, settings.right);
      if (!sameSettings(cluster.settings, merged)) next = { ...next, settings: merged };
    }
    if (input.configuration !== undefined) {
      const configuration = toConfiguration(input.configuration);
      if (E.isLeft(configuration)) return configuration;
      const merged = mergeConfiguration(cluster.configuration, configuration.right);
      if (JSON.stringify(merged) !== JSON.stringify(cluster.configuration)) next = { ...next, configuration: merged };
    }
    if (input.serviceConnectDefaults !== undefined) {
      const namespace = input.serviceConnectDefaults.namespace;
      if (namespace === '') {
        if (next.serviceConnectDefaults !== undefined) {
          const { serviceConnectDefaults: _removed, ...rest } = next;
          next = rest;
        }
      } else {
        const ns = validateNamespace(namespace);
        if (E.isLeft(ns)) return ns;
        if (next.serviceConnectDefaults?.namespace !== ns.right) {
          next = { ...next, serviceConnectDefaults: { namespace: ns.right } };
        }
      }
    }
    return E.right<never, Wire<UpdateClusterResponse>>(replaceCluster(tx, cluster, next));
  },
});
