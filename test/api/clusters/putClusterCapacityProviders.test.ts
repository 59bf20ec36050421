import { describe, expect, it } from 'vitest';
import { NOT_ASSOCIATED_MESSAGE } from '../../../src/api/capacityProviderStrategy.js';
import { createWorld } from '../../../src/engine/createWorld.js';
import { failsUnchanged, ok, patchCluster, worldWith } from './harness.js';

const withBoth = () =>
  ok(createWorld(), 'CreateCluster', {
    clusterName: 'a',
    capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
    defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }],
  }).world;

describe('PutClusterCapacityProviders', () => {
  it('replaces the provider list and the default strategy as a whole (reference §7.2)', () => {
    const r = ok(withBoth(), 'PutClusterCapacityProviders', {
      cluster: 'a',
      capacityProviders: ['FARGATE_SPOT'],
      defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', base: 2, weight: 3 }],
    });
    expect(r.output.cluster).toMatchObject({
      capacityProviders: ['FARGATE_SPOT'],
      defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 3, base: 2 }],
    });
    expect(r.world.clusters.get('a')?.defaultCapacityProviderStrategy).toEqual([
      { capacityProvider: 'FARGATE_SPOT', base: 2, weight: 3 },
    ]);
  });

  it('clears both lists with []', () => {
    const r = ok(withBoth(), 'PutClusterCapacityProviders', { cluster: 'a', capacityProviders: [], defaultCapacityProviderStrategy: [] });
    expect(r.output.cluster).toMatchObject({ capacityProviders: [], defaultCapacityProviderStrategy: [] });
  });

  it('leaves the world as the same object when nothing changes', () => {
    const w = withBoth();
    const same = {
      cluster: 'a',
      capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
      defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1, base: 0 }],
    };
    expect(ok(w, 'PutClusterCapacityProviders', same).world).toBe(w);
  });

  it('refuses to remove a provider used by tasks: ResourceInUseException', () => {
    const w = patchCluster(withBoth(), 'a', { tasksByCapacityProvider: { FARGATE_SPOT: 2 } });
    expect(
      failsUnchanged(w, 'PutClusterCapacityProviders', {
        cluster: 'a',
        capacityProviders: ['FARGATE'],
        defaultCapacityProviderStrategy: [],
      }),
    ).toEqual({
      name: 'ResourceInUseException',
      message: "The specified capacity provider is in use and can't be removed: FARGATE_SPOT has 2 tasks that are not STOPPED on this cluster.",
    });
    // Keeping the busy provider is fine, and so is removing an idle one.
    const kept = ok(w, 'PutClusterCapacityProviders', { cluster: 'a', capacityProviders: ['FARGATE_SPOT'], defaultCapacityProviderStrategy: [] });
    expect(kept.output.cluster.capacityProviders).toEqual(['FARGATE_SPOT']);
  });

  it('uses the singular for one task', () => {
    const w = patchCluster(withBoth(), 'a', { tasksByCapacityProvider: { FARGATE: 1 } });
    expect(
      failsUnchanged(w, 'PutClusterCapacityProviders', { cluster: 'a', capacityProviders: [], defaultCapacityProviderStrategy: [] }).message,
    ).toBe("The specified capacity provider is in use and can't be removed: FARGATE has 1 task that is not STOPPED on this cluster.");
  });

  it('answers ClientException "Cluster was not ACTIVE." for a deleted cluster (reference §7.2)', () => {
    const w = ok(worldWith('a'), 'DeleteCluster', { cluster: 'a' }).world;
    expect(
      failsUnchanged(w, 'PutClusterCapacityProviders', { cluster: 'a', capacityProviders: [], defaultCapacityProviderStrategy: [] }),
    ).toEqual({ name: 'ClientException', message: 'Cluster was not ACTIVE.' });
  });

  const cases: Array<[string, Record<string, unknown>, string, string]> = [
    [
      'an unknown cluster',
      { cluster: 'zz', capacityProviders: [], defaultCapacityProviderStrategy: [] },
      'ClusterNotFoundException',
      'Cluster not found.',
    ],
    [
      // API PutClusterCapacityProvidersRequest: defaultCapacityProviderStrategy is required ([] for none).
      'a missing default strategy',
      { cluster: 'a', capacityProviders: [] },
      'InvalidParameterException',
      'defaultCapacityProviderStrategy is required but was not given.',
    ],
    [
      'a null provider list (JSON null reads as absent)',
      { cluster: 'a', capacityProviders: null, defaultCapacityProviderStrategy: [] },
      'InvalidParameterException',
      'capacityProviders is required but was not given.',
    ],
    [
      'a default strategy using a provider not in the new list',
      { cluster: 'a', capacityProviders: ['FARGATE'], defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT' }] },
      'InvalidParameterException',
      NOT_ASSOCIATED_MESSAGE,
    ],
    [
      'a capacity provider that does not exist',
      { cluster: 'a', capacityProviders: ['asg'], defaultCapacityProviderStrategy: [] },
      'InvalidParameterException',
      "capacityProviders[0]: the capacity provider 'asg' does not exist. Specify FARGATE, FARGATE_SPOT or a capacity provider created with CreateCapacityProvider.",
    ],
    [
      // [OBS] aws-cloudformation/cloudformation-coverage-roadmap#1086: ECS's InvalidParameterException when a cluster
      // would have more capacity providers than allowed (20 now, 10 then).
      'more than 20 capacity providers',
      { cluster: 'a', capacityProviders: Array.from({ length: 21 }, () => 'FARGATE'), defaultCapacityProviderStrategy: [] },
      'InvalidParameterException',
      'The maximum number of capacity providers per cluster has been exceeded.',
    ],
    [
      'an invalid strategy',
      { cluster: 'a', capacityProviders: ['FARGATE'], defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', base: 100001 }] },
      'InvalidParameterException',
      'defaultCapacityProviderStrategy[0].base must be between 0 and 100000, but was 100001.',
    ],
  ];
  it.each(cases)('refuses %s', (_rule, input, name, message) => {
    expect(failsUnchanged(withBoth(), 'PutClusterCapacityProviders', input)).toEqual({ name, message });
  });
});
