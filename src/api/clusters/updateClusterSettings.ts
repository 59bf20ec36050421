/**
 * UpdateClusterSettings.
 *
 * @module
 */
import type { UpdateClusterSettingsResponse } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { struct } from '../../codecs/struct.js';
import type { Cluster } from '../../domain/cluster.js';
import type { Wire } from '../../domain/wire.js';
import { defineOperation } from '../operation.js';
import { ClusterSettingsCodec, mergeSettings, validateSettings } from './clusterRequest.js';
import { getActiveCluster } from './getCluster.js';
import { replaceCluster } from './replaceCluster.js';

/** UpdateClusterSettings request: `cluster` and `settings` are required. */
export const UpdateClusterSettingsInput = struct(
  'UpdateClusterSettingsRequest',
  { cluster: t.string, settings: ClusterSettingsCodec },
  ['cluster', 'settings'],
);

/**
 * UpdateClusterSettings: sets the named settings (`containerInsights`) of an ACTIVE cluster; settings not named
 * keep their values. Setting a value the cluster already has leaves the World unchanged (the same object).
 */
export const updateClusterSettings = defineOperation({
  name: 'UpdateClusterSettings',
  input: UpdateClusterSettingsInput,
  run: (tx, input) => {
    const found = getActiveCluster(tx, input.cluster);
    if (E.isLeft(found)) return found;
    const settings = validateSettings(input.settings);
    if (E.isLeft(settings)) return settings;
    const cluster = found.right;
    const merged = mergeSettings(cluster.settings, settings.right);
    const next: Cluster = sameSettings(cluster.settings, merged) ? cluster : { ...cluster, settings: merged };
    return E.right<never, Wire<UpdateClusterSettingsResponse>>(replaceCluster(tx, cluster, next));
  },
});

/** Whether two setting lists are equal item by item. */
export function sameSettings(
  a: ReadonlyArray<{ readonly name: string; readonly value: string }>,
  b: ReadonlyArray<{ readonly name: string; readonly value: string }>,
): boolean {
  return a.length === b.length && a.every((s, i) => s.name === b[i]!.name && s.value === b[i]!.value);
}
