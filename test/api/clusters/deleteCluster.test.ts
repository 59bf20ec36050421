import { describe, expect, it } from 'vitest';
import { createWorld } from '../../../src/engine/createWorld.js';
import { arnOf, failsUnchanged, ok, patchCluster, worldWith } from './harness.js';

describe('DeleteCluster', () => {
  it('returns the cluster with status INACTIVE and keeps it describable', () => {
    const w = ok(createWorld(), 'CreateCluster', { clusterName: 'a', tags: [{ key: 'k', value: 'v' }] }).world;
    const r = ok(w, 'DeleteCluster', { cluster: arnOf('a') });
    expect(r.output.cluster).toMatchObject({ clusterName: 'a', clusterArn: arnOf('a'), status: 'INACTIVE', tags: [{ key: 'k', value: 'v' }] });
    expect(r.world.clusters.get('a')?.status).toBe('INACTIVE');
    expect(r.world.clusters.get('a')?.tags).toEqual([{ key: 'k', value: 'v' }]);
  });

  // Messages: [OBS] via reference §14.2.
  it('refuses while services are active: ClusterContainsServicesException', () => {
    const w = patchCluster(worldWith('a'), 'a', { activeServicesCount: 1, activeTasksCount: 2 });
    expect(failsUnchanged(w, 'DeleteCluster', { cluster: 'a' })).toEqual({
      name: 'ClusterContainsServicesException',
      message: 'The Cluster cannot be deleted while Services are active.',
    });
  });

  it('refuses while tasks are not yet STOPPED: ClusterContainsTasksException', () => {
    const w = patchCluster(worldWith('a'), 'a', { activeTasksCount: 1 });
    expect(failsUnchanged(w, 'DeleteCluster', { cluster: 'a' })).toEqual({
      name: 'ClusterContainsTasksException',
      message: 'The Cluster cannot be deleted while Tasks are active.',
    });
  });

  it('deletes once the counters are back to zero', () => {
    const busy = patchCluster(worldWith('a'), 'a', { activeTasksCount: 1 });
    const idle = patchCluster(busy, 'a', { activeTasksCount: 0 });
    expect(ok(idle, 'DeleteCluster', { cluster: 'a' }).output.cluster.status).toBe('INACTIVE');
  });

  const notFound = { name: 'ClusterNotFoundException', message: 'Cluster not found.' };
  it('answers ClusterNotFoundException for an unknown or already deleted cluster', () => {
    expect(failsUnchanged(worldWith('a'), 'DeleteCluster', { cluster: 'b' })).toEqual(notFound);
    const deleted = ok(worldWith('a'), 'DeleteCluster', { cluster: 'a' }).world;
    expect(failsUnchanged(deleted, 'DeleteCluster', { cluster: 'a' })).toEqual(notFound);
  });

  // The AWS JSON protocol reads a `null` member as an absent one, so `null` is "missing", not a type error.
  it.each([[{}], [{ cluster: null }]])('requires the cluster member (API DeleteClusterRequest.cluster): %j', (input) => {
    expect(failsUnchanged(worldWith('default'), 'DeleteCluster', input)).toEqual({
      name: 'InvalidParameterException',
      message: 'cluster is required but was not given.',
    });
  });
});
