// CreateCluster of a name that is already ACTIVE: the same arguments answer the existing cluster, other arguments
// InvalidParameterException "Arguments on this idempotent request are inconsistent with arguments used in previous
// request(s)." Sources (see src/api/clusters/createClusterIdempotency.ts for the rules the twin derives from them):
// - hashicorp/terraform#24615: CreateCluster with capacity providers on an existing cluster (created by AWS Batch,
//   without them) answered exactly this InvalidParameterException;
// - a public noq deploy script (boto3) calls create_cluster with an executeCommandConfiguration, catches exactly this
//   code and message, and falls back to update_cluster: a differing configuration is refused;
// - hashicorp/terraform-provider-aws#38875, #44817 and nandemo-ya/kecs#79: a CreateCluster of an existing name
//   answers the existing cluster without error, also when capacity providers were added later and are not in the
//   request (#38875: the cluster had FARGATE/FARGATE_SPOT from PutClusterCapacityProviders);
// - aws/amazon-ecs-agent#14: a deleted (INACTIVE) cluster is created again by CreateCluster.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { CreateClusterInput } from '../../../src/api/clusters/createCluster.js';
import {
  INCONSISTENT_ARGUMENTS_MESSAGE,
  inconsistentArgument,
} from '../../../src/api/clusters/createClusterIdempotency.js';
import { createWorld } from '../../../src/engine/createWorld.js';
import type { World } from '../../../src/domain/world.js';
import { arnOf, failsUnchanged, ok } from './harness.js';

const FULL = {
  clusterName: 'prod',
  tags: [{ key: 'team', value: 'web' }, { key: 'env', value: 'prod' }],
  settings: [{ name: 'containerInsights', value: 'enabled' }],
  capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
  defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', base: 1, weight: 1 }, { capacityProvider: 'FARGATE_SPOT', weight: 3 }],
  configuration: { executeCommandConfiguration: { logging: 'DEFAULT', kmsKeyId: 'alias/k' } },
  serviceConnectDefaults: { namespace: 'internal' },
};

const created = (input: Record<string, unknown> = FULL): World => ok(createWorld(), 'CreateCluster', input).world;
const INCONSISTENT = { name: 'InvalidParameterException', message: INCONSISTENT_ARGUMENTS_MESSAGE };

describe('CreateCluster of an ACTIVE name', () => {
  it('uses ECS\'s exact message (hashicorp/terraform#24615)', () => {
    expect(INCONSISTENT_ARGUMENTS_MESSAGE).toBe(
      'Arguments on this idempotent request are inconsistent with arguments used in previous request(s).',
    );
  });

  it('answers the existing cluster for the same arguments, leaving the World as it was', () => {
    const w = created();
    const first = ok(createWorld(), 'CreateCluster', FULL);
    const again = ok(w, 'CreateCluster', FULL);
    expect(again.world).toBe(w);
    expect(again.output).toEqual(first.output);
  });

  it('answers the existing cluster for a request that specifies nothing but the name (#38875, kecs#79)', () => {
    const w = created();
    const again = ok(w, 'CreateCluster', { clusterName: 'prod' });
    expect(again.world).toBe(w);
    expect(again.output.cluster).toMatchObject({ clusterArn: arnOf('prod'), capacityProviders: ['FARGATE', 'FARGATE_SPOT'] });
  });

  it('treats absent, null and empty members as not specified', () => {
    const w = created();
    const r = ok(w, 'CreateCluster', {
      clusterName: 'prod',
      tags: [],
      settings: null,
      capacityProviders: [],
      defaultCapacityProviderStrategy: [],
      configuration: {},
      serviceConnectDefaults: { namespace: '' },
    });
    expect(r.world).toBe(w);
  });

  it('compares lists as sets and strategy items with their defaults applied', () => {
    const w = created();
    const r = ok(w, 'CreateCluster', {
      ...FULL,
      tags: [...FULL.tags].reverse(),
      capacityProviders: ['FARGATE_SPOT', 'FARGATE'],
      defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 3, base: 0 }, { capacityProvider: 'FARGATE', base: 1, weight: 1 }],
      configuration: { executeCommandConfiguration: { kmsKeyId: 'alias/k', logging: 'DEFAULT' } },
    });
    expect(r.world).toBe(w);
  });

  it('compares settings by name: the default containerInsights is "disabled"', () => {
    const w = created({ clusterName: 'plain' });
    expect(ok(w, 'CreateCluster', { clusterName: 'plain', settings: [{ name: 'containerInsights', value: 'disabled' }] }).world).toBe(w);
    expect(failsUnchanged(w, 'CreateCluster', { clusterName: 'plain', settings: [{ name: 'containerInsights', value: 'enabled' }] })).toEqual(
      INCONSISTENT,
    );
  });

  const differing: Array<[string, Record<string, unknown>]> = [
    ['settings', { settings: [{ name: 'containerInsights', value: 'enhanced' }] }],
    ['configuration', { configuration: { executeCommandConfiguration: { logging: 'NONE' } } }],
    ['capacityProviders', { capacityProviders: ['FARGATE'], defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }] }],
    ['defaultCapacityProviderStrategy', { defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }] }],
    ['tags', { tags: [{ key: 'team', value: 'api' }] }],
    ['serviceConnectDefaults', { serviceConnectDefaults: { namespace: 'other' } }],
  ];
  it.each(differing)('refuses a request whose %s differs, leaving the World unchanged', (member, change) => {
    const w = created();
    const input = { ...FULL, ...change };
    expect(failsUnchanged(w, 'CreateCluster', input)).toEqual(INCONSISTENT);
    const built = ok(createWorld(), 'CreateCluster', input).world.clusters.get('prod')!;
    const decoded = CreateClusterInput.decode(input);
    if (E.isLeft(decoded)) throw new Error('the request must decode');
    expect(inconsistentArgument(w.clusters.get('prod')!, decoded.right, built)).toBe(member);
  });

  it('refuses capacity providers on a cluster created without them (hashicorp/terraform#24615)', () => {
    const w = created({ clusterName: 'batch' });
    const input = { clusterName: 'batch', capacityProviders: ['FARGATE'], defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE' }] };
    expect(failsUnchanged(w, 'CreateCluster', input)).toEqual(INCONSISTENT);
  });

  it('compares with the cluster as it is now, after later changes', () => {
    let w = created({ clusterName: 'a', tags: [{ key: 'k', value: 'v' }] });
    // Capacity providers added later do not make a bare request inconsistent (#38875) …
    w = ok(w, 'PutClusterCapacityProviders', { cluster: 'a', capacityProviders: ['FARGATE'], defaultCapacityProviderStrategy: [] }).world;
    expect(ok(w, 'CreateCluster', { clusterName: 'a' }).world).toBe(w);
    // … and a request that gives them agrees once they match.
    expect(ok(w, 'CreateCluster', { clusterName: 'a', capacityProviders: ['FARGATE'] }).world).toBe(w);
    // A tag added by TagResource makes the original tag list differ from the cluster's.
    w = ok(w, 'TagResource', { resourceArn: arnOf('a'), tags: [{ key: 'more', value: '1' }] }).world;
    expect(failsUnchanged(w, 'CreateCluster', { clusterName: 'a', tags: [{ key: 'k', value: 'v' }] })).toEqual(INCONSISTENT);
    expect(ok(w, 'CreateCluster', { clusterName: 'a', tags: [{ key: 'more', value: '1' }, { key: 'k', value: 'v' }] }).world).toBe(w);
  });

  it('validates the request before comparing it', () => {
    const w = created();
    expect(failsUnchanged(w, 'CreateCluster', { clusterName: 'prod', tags: [{ key: 'aws:x', value: '1' }] }).message).toBe(
      "Tag keys beginning with 'aws:' are reserved for AWS use (tags[0].key).",
    );
  });

  it('creates a new cluster from the request alone for a deleted (INACTIVE) name (aws/amazon-ecs-agent#14)', () => {
    let w = created();
    w = ok(w, 'DeleteCluster', { cluster: 'prod' }).world;
    const r = ok(w, 'CreateCluster', { clusterName: 'prod', tags: [{ key: 'new', value: '1' }] });
    expect(r.output.cluster).toMatchObject({ status: 'ACTIVE', tags: [{ key: 'new', value: '1' }], capacityProviders: [] });
  });
});
