import { describe, expect, it } from 'vitest';
import { createWorld } from '../../../src/engine/createWorld.js';
import { failsUnchanged, ok, worldWith } from './harness.js';

const base = () =>
  ok(createWorld(), 'CreateCluster', {
    clusterName: 'a',
    configuration: { executeCommandConfiguration: { logging: 'NONE' }, managedStorageConfiguration: { kmsKeyId: 'k1' } },
    serviceConnectDefaults: { namespace: 'ns1' },
  }).world;

describe('UpdateCluster', () => {
  it('changes the containerInsights setting', () => {
    const r = ok(base(), 'UpdateCluster', { cluster: 'a', settings: [{ name: 'containerInsights', value: 'enhanced' }] });
    expect(r.output.cluster.settings).toEqual([{ name: 'containerInsights', value: 'enhanced' }]);
    expect(r.world.clusters.get('a')?.settings).toEqual([{ name: 'containerInsights', value: 'enhanced' }]);
  });

  it('replaces the configuration parts it is given and keeps the others', () => {
    const r = ok(base(), 'UpdateCluster', {
      cluster: 'a',
      configuration: { executeCommandConfiguration: { logging: 'DEFAULT', kmsKeyId: 'x' } },
    });
    expect(r.output.cluster.configuration).toEqual({
      executeCommandConfiguration: { logging: 'DEFAULT', kmsKeyId: 'x' },
      managedStorageConfiguration: { kmsKeyId: 'k1' },
    });
  });

  it('sets, and with "" removes, the Service Connect default namespace (API ClusterServiceConnectDefaultsRequest)', () => {
    const set = ok(base(), 'UpdateCluster', { cluster: 'a', serviceConnectDefaults: { namespace: 'ns2' } });
    expect(set.output.cluster.serviceConnectDefaults).toEqual({ namespace: 'ns2' });
    const removed = ok(set.world, 'UpdateCluster', { cluster: 'a', serviceConnectDefaults: { namespace: '' } });
    expect(removed.output.cluster.serviceConnectDefaults).toBeUndefined();
    expect(removed.world.clusters.get('a')?.serviceConnectDefaults).toBeUndefined();
  });

  it('leaves the world as the same object when nothing changes', () => {
    const w = base();
    expect(ok(w, 'UpdateCluster', { cluster: 'a' }).world).toBe(w);
    expect(ok(w, 'UpdateCluster', { cluster: 'a', settings: [{ name: 'containerInsights', value: 'disabled' }] }).world).toBe(w);
    expect(ok(w, 'UpdateCluster', { cluster: 'a', serviceConnectDefaults: { namespace: 'ns1' } }).world).toBe(w);
    expect(
      ok(w, 'UpdateCluster', { cluster: 'a', configuration: { managedStorageConfiguration: { kmsKeyId: 'k1' } } }).world,
    ).toBe(w);
  });

  const cases: Array<[string, Record<string, unknown>, string, string]> = [
    ['an unknown cluster', { cluster: 'zz' }, 'ClusterNotFoundException', 'Cluster not found.'],
    ['a missing cluster member', {}, 'InvalidParameterException', 'cluster is required but was not given.'],
    [
      'an invalid setting value',
      { cluster: 'a', settings: [{ name: 'containerInsights', value: 'ENABLED' }] },
      'InvalidParameterException',
      "settings[0].value must be one of 'enabled', 'disabled', 'enhanced' for containerInsights, but was 'ENABLED'.",
    ],
    [
      'logging OVERRIDE without logConfiguration',
      { cluster: 'a', configuration: { executeCommandConfiguration: { logging: 'OVERRIDE' } } },
      'InvalidParameterException',
      "configuration.executeCommandConfiguration.logConfiguration is required when logging is 'OVERRIDE'.",
    ],
    [
      'an invalid namespace',
      { cluster: 'a', serviceConnectDefaults: { namespace: '<ns>' } },
      'InvalidParameterException',
      "serviceConnectDefaults.namespace must be a namespace ARN, or a name of up to 1024 characters without '>', '<', '\"' or '/'.",
    ],
  ];
  it.each(cases)('refuses %s', (_rule, input, name, message) => {
    expect(failsUnchanged(base(), 'UpdateCluster', input)).toEqual({ name, message });
  });

  it('refuses a deleted cluster with ClusterNotFoundException', () => {
    const w = ok(worldWith('a'), 'DeleteCluster', { cluster: 'a' }).world;
    expect(failsUnchanged(w, 'UpdateCluster', { cluster: 'a', settings: [] })).toEqual({
      name: 'ClusterNotFoundException',
      message: 'Cluster not found.',
    });
  });
});

describe('UpdateClusterSettings', () => {
  it('sets containerInsights and returns the cluster', () => {
    const r = ok(worldWith('a'), 'UpdateClusterSettings', { cluster: 'a', settings: [{ name: 'containerInsights', value: 'enabled' }] });
    expect(r.output.cluster).toMatchObject({ clusterName: 'a', settings: [{ name: 'containerInsights', value: 'enabled' }] });
    expect(r.world.clusters.get('a')?.settings).toEqual([{ name: 'containerInsights', value: 'enabled' }]);
  });

  it('leaves the world as the same object when the value is unchanged', () => {
    const w = worldWith('a');
    expect(ok(w, 'UpdateClusterSettings', { cluster: 'a', settings: [{ name: 'containerInsights', value: 'disabled' }] }).world).toBe(w);
  });

  const cases: Array<[string, Record<string, unknown>, string, string]> = [
    ['a missing settings member', { cluster: 'a' }, 'InvalidParameterException', 'settings is required but was not given.'],
    ['an unknown cluster', { cluster: 'b', settings: [] }, 'ClusterNotFoundException', 'Cluster not found.'],
    [
      'an unknown setting name',
      { cluster: 'a', settings: [{ name: 'insights', value: 'enabled' }] },
      'InvalidParameterException',
      "settings[0].name must be 'containerInsights', but was 'insights'.",
    ],
  ];
  it.each(cases)('refuses %s', (_rule, input, name, message) => {
    expect(failsUnchanged(worldWith('a'), 'UpdateClusterSettings', input)).toEqual({ name, message });
  });
});
