import { describe, expect, it } from 'vitest';
import { createWorld } from '../../../src/engine/createWorld.js';
import { arnOf, fails, failsUnchanged, ok, patchCluster, worldWith } from './harness.js';

describe('DescribeClusters', () => {
  it('describes the default cluster when no clusters are named (API DescribeClustersRequest.clusters)', () => {
    const w = worldWith('default', 'other');
    for (const input of [{}, { clusters: [] }, { clusters: null }]) {
      const out = ok(w, 'DescribeClusters', input).output;
      expect(out.clusters.map((c: { clusterName: string }) => c.clusterName)).toEqual(['default']);
      expect(out.failures).toEqual([]);
    }
  });

  it('reports unknown clusters in failures exactly as ECS does (reference §14.1)', () => {
    // `aws ecs describe-clusters --clusters foobar` → clusters [], failures [{ arn, reason: MISSING }].
    const out = ok(createWorld(), 'DescribeClusters', { clusters: ['foobar'] }).output;
    expect(out).toEqual({ clusters: [], failures: [{ arn: arnOf('foobar'), reason: 'MISSING' }] });
    const arn = 'arn:aws:ecs:eu-west-1:123456789012:cluster/elsewhere';
    expect(ok(createWorld(), 'DescribeClusters', { clusters: [arn] }).output.failures).toEqual([{ arn, reason: 'MISSING' }]);
    // No default cluster yet: the implied `default` is missing too.
    expect(ok(createWorld(), 'DescribeClusters', {}).output.failures).toEqual([{ arn: arnOf('default'), reason: 'MISSING' }]);
  });

  it('describes found and missing clusters in request order, by name or ARN, each once', () => {
    const w = worldWith('a', 'b');
    const out = ok(w, 'DescribeClusters', { clusters: ['b', 'x', arnOf('a'), 'a', 'x'] }).output;
    expect(out.clusters.map((c: { clusterName: string }) => c.clusterName)).toEqual(['b', 'a']);
    expect(out.failures).toEqual([{ arn: arnOf('x'), reason: 'MISSING' }]);
  });

  it('still describes a deleted cluster, with status INACTIVE', () => {
    const w = ok(worldWith('gone'), 'DeleteCluster', { cluster: 'gone' }).world;
    const out = ok(w, 'DescribeClusters', { clusters: ['gone'] }).output;
    expect(out.clusters).toHaveLength(1);
    expect(out.clusters[0].status).toBe('INACTIVE');
    expect(out.failures).toEqual([]);
  });

  it('without include returns empty statistics, tags and settings and no configuration or attachments', () => {
    const w = ok(createWorld(), 'CreateCluster', {
      clusterName: 'c',
      tags: [{ key: 'k', value: 'v' }],
      configuration: { managedStorageConfiguration: { kmsKeyId: 'k' } },
      capacityProviders: ['FARGATE'],
    }).world;
    const c = ok(w, 'DescribeClusters', { clusters: ['c'] }).output.clusters[0];
    expect(c.statistics).toEqual([]);
    expect(c.tags).toEqual([]);
    expect(c.settings).toEqual([]);
    expect(c.configuration).toBeUndefined();
    expect(c.attachments).toBeUndefined();
    expect(c.capacityProviders).toEqual(['FARGATE']);
  });

  it('adds what each include value names (API DescribeClustersRequest.include)', () => {
    let w = ok(createWorld(), 'CreateCluster', {
      clusterName: 'c',
      tags: [{ key: 'k', value: 'v' }],
      settings: [{ name: 'containerInsights', value: 'enabled' }],
      configuration: { managedStorageConfiguration: { kmsKeyId: 'k' } },
      capacityProviders: ['FARGATE'],
    }).world;
    w = patchCluster(w, 'c', { runningTasksCount: 3, pendingTasksCount: 2, activeServicesCount: 1 });
    const describe1 = (include: string[]) => ok(w, 'DescribeClusters', { clusters: ['c'], include }).output.clusters[0];
    expect(describe1(['TAGS']).tags).toEqual([{ key: 'k', value: 'v' }]);
    expect(describe1(['SETTINGS']).settings).toEqual([{ name: 'containerInsights', value: 'enabled' }]);
    expect(describe1(['CONFIGURATIONS']).configuration).toEqual({ managedStorageConfiguration: { kmsKeyId: 'k' } });
    expect(describe1(['ATTACHMENTS'])).toMatchObject({ attachments: [], attachmentsStatus: 'UPDATE_COMPLETE' });
    // Statistics by launch type (API Cluster.statistics); the twin's tasks and services are all on Fargate.
    expect(describe1(['STATISTICS']).statistics).toEqual([
      { name: 'runningEC2TasksCount', value: '0' },
      { name: 'runningFargateTasksCount', value: '3' },
      { name: 'pendingEC2TasksCount', value: '0' },
      { name: 'pendingFargateTasksCount', value: '2' },
      { name: 'activeEC2ServiceCount', value: '0' },
      { name: 'activeFargateServiceCount', value: '1' },
      { name: 'drainingEC2ServiceCount', value: '0' },
      { name: 'drainingFargateServiceCount', value: '0' },
    ]);
    expect(describe1(['TAGS']).statistics).toEqual([]);
    expect(describe1(['STATISTICS']).tags).toEqual([]);
  });

  it('reports no attachmentsStatus for a cluster without capacity providers', () => {
    const c = ok(worldWith('c'), 'DescribeClusters', { clusters: ['c'], include: ['ATTACHMENTS'] }).output.clusters[0];
    expect(c.attachments).toEqual([]);
    expect(c.attachmentsStatus).toBeUndefined();
  });

  it('is a read: the world comes back as the same object', () => {
    const w = worldWith('a');
    expect(ok(w, 'DescribeClusters', { clusters: ['a', 'b'] }).world).toBe(w);
  });

  const cases: Array<[string, Record<string, unknown>, string, string]> = [
    [
      'more than 100 clusters',
      { clusters: Array.from({ length: 101 }, (_, i) => `c${i}`) },
      'InvalidParameterException',
      // SIM RULE: ECS's list-size sentence (src/api/listSize.ts; DescribeTasks answers `taskIds can have at most 100
      // items.`, gchq/sleeper#555); no real answer for clusters was found, so the request member is named.
      'clusters can have at most 100 items.',
    ],
    // [OBS] blox/blox#170 quotes ECS's "Clusters can not be blank."
    ['a blank cluster', { clusters: ['a', ''] }, 'InvalidParameterException', 'Clusters can not be blank.'],
    // [OBS] hashicorp/terraform-provider-aws#23342 quotes "include should be one of [ATTACHMENTS,SETTINGS,STATISTICS,TAGS]"
    // from before CONFIGURATIONS existed.
    [
      'an unknown include value',
      { include: ['TAGS', 'EVERYTHING'] },
      'InvalidParameterException',
      'include should be one of [ATTACHMENTS,CONFIGURATIONS,SETTINGS,STATISTICS,TAGS]',
    ],
    ['a non-list clusters member', { clusters: 'a' }, 'SerializationException', 'clusters must be list of cluster names or ARNs, but was "a".'],
  ];
  it.each(cases)('refuses %s', (_rule, input, name, message) => {
    expect(failsUnchanged(worldWith('a'), 'DescribeClusters', input)).toEqual({ name, message });
  });

  it('accepts exactly 100 clusters', () => {
    const out = ok(createWorld(), 'DescribeClusters', { clusters: Array.from({ length: 100 }, (_, i) => `c${i}`) }).output;
    expect(out.failures).toHaveLength(100);
    expect(fails(createWorld(), 'DescribeClusters', { include: [1] }).name).toBe('SerializationException');
  });
});
