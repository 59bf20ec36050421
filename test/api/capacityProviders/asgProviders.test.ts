// Auto Scaling group capacity providers (issue 11): CreateCapacityProvider for an Auto Scaling group of the World
// configuration, DescribeCapacityProviders (FARGATE and FARGATE_SPOT listed too), DeleteCapacityProvider; a cluster
// associates them (one cluster each) and its strategies split tasks over them by base and weight — RunTask,
// services — each provider's tasks placed on its group's instances only. A strategy never mixes them with Fargate
// providers (reference §7.1). Managed scaling is not modelled: ENABLED is refused with a message that says so.
// API reference defaults (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ManagedScaling.html):
// instanceWarmupPeriod 300, maximumScalingStepSize 10000.
import { describe, expect, it } from 'vitest';
import type { World } from '../../../src/domain/world.js';
import { advance } from '../../../src/engine/advance.js';
import { createWorld } from '../../../src/engine/createWorld.js';
import { autoScalingGroupArn } from '../../../src/scheduler/ec2/autoScalingGroups.js';
import { fails, ok } from '../clusters/harness.js';

/** Cluster prod with two Auto Scaling groups of two m5.large each (asg-a in us-east-1a, asg-b in us-east-1b). */
function world(): World {
  let w = createWorld({
    seed: 9,
    containerInstances: [
      { cluster: 'prod', instanceType: 'm5.large', count: 2, availabilityZones: ['us-east-1a'], autoScalingGroup: 'asg-a' },
      { cluster: 'prod', instanceType: 'm5.large', count: 2, availabilityZones: ['us-east-1b'], autoScalingGroup: 'asg-b' },
    ],
  });
  w = ok(w, 'RegisterTaskDefinition', { family: 'web', requiresCompatibilities: ['EC2'], containerDefinitions: [{ name: 'a', image: 'nginx', cpu: 256, memory: 256 }] }).world;
  for (const g of ['a', 'b']) {
    w = ok(w, 'CreateCapacityProvider', { name: `cp-${g}`, autoScalingGroupProvider: { autoScalingGroupArn: autoScalingGroupArn(w.config, `asg-${g}`) } }).world;
  }
  return ok(w, 'PutClusterCapacityProviders', {
    cluster: 'prod',
    capacityProviders: ['cp-a', 'cp-b'],
    defaultCapacityProviderStrategy: [{ capacityProvider: 'cp-a', base: 1, weight: 1 }, { capacityProvider: 'cp-b', weight: 1 }],
  }).world;
}

 
const instanceZones = (w: World): Map<string, string> =>
  new Map([...w.containerInstances.values()].map((ci) => [ci.arn, ci.attributes.find((a) => a.name === 'ecs.availability-zone')!.value!]));

describe('Auto Scaling group capacity providers', () => {
  it('are created for a configured group and described with ECS defaults, beside FARGATE and FARGATE_SPOT', () => {
    const w = world();
    const all = ok(w, 'DescribeCapacityProviders', {}).output;
    expect(all.capacityProviders.map((p: { name: string }) => p.name)).toEqual(['FARGATE', 'FARGATE_SPOT', 'cp-a', 'cp-b']);
    expect(all.capacityProviders[2]).toMatchObject({
      capacityProviderArn: 'arn:aws:ecs:us-east-1:123456789012:capacity-provider/cp-a',
      status: 'ACTIVE',
      autoScalingGroupProvider: {
        autoScalingGroupArn: autoScalingGroupArn(w.config, 'asg-a'),
        managedScaling: { status: 'DISABLED', targetCapacity: 100, minimumScalingStepSize: 1, maximumScalingStepSize: 10000, instanceWarmupPeriod: 300 },
        managedTerminationProtection: 'DISABLED',
      },
    });
    expect(autoScalingGroupArn(w.config, 'asg-a')).toMatch(/^arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:[0-9a-f-]{36}:autoScalingGroupName\/asg-a$/);
    const named = ok(w, 'DescribeCapacityProviders', { capacityProviders: ['cp-b', 'nope'] }).output;
    expect(named.capacityProviders.map((p: { name: string }) => p.name)).toEqual(['cp-b']);
    expect(named.failures).toEqual([{ arn: 'arn:aws:ecs:us-east-1:123456789012:capacity-provider/nope', reason: 'MISSING' }]);
    // The instances of a group name its provider.
    const arns = ok(w, 'ListContainerInstances', { cluster: 'prod' }).output.containerInstanceArns;
    const described = ok(w, 'DescribeContainerInstances', { cluster: 'prod', containerInstances: arns }).output.containerInstances;
    expect(described.map((ci: { capacityProviderName: string }) => ci.capacityProviderName).sort()).toEqual(['cp-a', 'cp-a', 'cp-b', 'cp-b']);
  });

  it('split RunTask by the default strategy: the base first, then by weight, each on its group', () => {
    const w = world();
    const r = ok(w, 'RunTask', { cluster: 'prod', taskDefinition: 'web', count: 5 });
    expect(r.output.failures).toEqual([]);
    const zones = instanceZones(r.world);
    const byProvider = new Map<string, string[]>();
    for (const t of r.output.tasks) byProvider.set(t.capacityProviderName, [...(byProvider.get(t.capacityProviderName) ?? []), zones.get(t.containerInstanceArn)!]);
    // base 1 on cp-a, the other 4 split 1:1.
    expect(byProvider.get('cp-a')).toHaveLength(3);
    expect(byProvider.get('cp-b')).toHaveLength(2);
    expect(new Set(byProvider.get('cp-a'))).toEqual(new Set(['us-east-1a']));
    expect(new Set(byProvider.get('cp-b'))).toEqual(new Set(['us-east-1b']));
    expect(r.output.tasks[0].launchType).toBe('EC2');
  });

  it('run services by weight, counting their live tasks toward the base', () => {
    let w = world();
    w = ok(w, 'CreateService', {
      cluster: 'prod', serviceName: 'web', taskDefinition: 'web', desiredCount: 8,
      capacityProviderStrategy: [{ capacityProvider: 'cp-a', weight: 1 }, { capacityProvider: 'cp-b', weight: 3 }],
    }).world;
    w = advance(w, 180_000).world;
    const s = ok(w, 'DescribeServices', { cluster: 'prod', services: ['web'] }).output.services[0];
    expect(s).toMatchObject({ runningCount: 8 });
    expect(s.capacityProviderStrategy).toEqual([{ capacityProvider: 'cp-a', weight: 1, base: 0 }, { capacityProvider: 'cp-b', weight: 3, base: 0 }]);
    const arns = ok(w, 'ListTasks', { cluster: 'prod', serviceName: 'web' }).output.taskArns;
    const tasks = ok(w, 'DescribeTasks', { cluster: 'prod', tasks: arns }).output.tasks;
    const count = (p: string) => tasks.filter((t: { capacityProviderName: string }) => t.capacityProviderName === p).length;
    expect([count('cp-a'), count('cp-b')]).toEqual([2, 6]);
    expect(w.clusters.get('prod')!.tasksByCapacityProvider).toMatchObject({ 'cp-a': 2, 'cp-b': 6 });
  });

  it('keep a service on EC2 capacity: an update to Fargate providers is refused', () => {
    let w = ok(world(), 'PutClusterCapacityProviders', {
      cluster: 'prod', capacityProviders: ['cp-a', 'cp-b', 'FARGATE'], defaultCapacityProviderStrategy: [{ capacityProvider: 'cp-a', weight: 1 }],
    }).world;
    w = ok(w, 'CreateService', { cluster: 'prod', serviceName: 'web', taskDefinition: 'web', desiredCount: 1 }).world;
    const r = fails(w, 'UpdateService', { cluster: 'prod', service: 'web', capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }] });
    expect(r.message).toMatch(/cannot be updated between EC2 capacity/);
  });

  it('are taggable (TagResource, UntagResource, ListTagsForResource, DescribeCapacityProviders include TAGS)', () => {
    let w = world();
    const arn = 'arn:aws:ecs:us-east-1:123456789012:capacity-provider/cp-a';
    w = ok(w, 'TagResource', { resourceArn: arn, tags: [{ key: 'team', value: 'web' }, { key: 'env', value: 'prod' }] }).world;
    w = ok(w, 'UntagResource', { resourceArn: arn, tagKeys: ['env'] }).world;
    expect(ok(w, 'ListTagsForResource', { resourceArn: arn }).output.tags).toEqual([{ key: 'team', value: 'web' }]);
    const described = ok(w, 'DescribeCapacityProviders', { capacityProviders: ['cp-a'], include: ['TAGS'] }).output.capacityProviders[0];
    expect(described.tags).toEqual([{ key: 'team', value: 'web' }]);
    expect(fails(w, 'TagResource', { resourceArn: 'arn:aws:ecs:us-east-1:123456789012:capacity-provider/none', tags: [{ key: 'a', value: 'b' }] }).name).toBe('ResourceNotFoundException');
  });

  it('are updated by UpdateCapacityProvider (managed scaling still refused when ENABLED)', () => {
    const w = world();
    const r = ok(w, 'UpdateCapacityProvider', { name: 'cp-a', autoScalingGroupProvider: { managedScaling: { targetCapacity: 80 }, managedDraining: 'DISABLED' } });
    expect(r.output.capacityProvider.autoScalingGroupProvider).toMatchObject({ managedScaling: { status: 'DISABLED', targetCapacity: 80, instanceWarmupPeriod: 300 }, managedDraining: 'DISABLED' });
    expect(fails(w, 'UpdateCapacityProvider', { name: 'cp-a', autoScalingGroupProvider: { managedScaling: { status: 'ENABLED' } } }).message).toMatch(/does not model managed scaling/);
    expect(fails(w, 'UpdateCapacityProvider', { name: 'cp-a', autoScalingGroupProvider: { managedScaling: { targetCapacity: 0 } } }).message).toMatch(/targetCapacity must be between 1 and 100/);
    expect(fails(w, 'UpdateCapacityProvider', { name: 'nope', autoScalingGroupProvider: {} }).message).toBe('The specified capacity provider does not exist.');
  });

  it('page DescribeCapacityProviders (maxResults, nextToken)', () => {
    const w = world();
    const first = ok(w, 'DescribeCapacityProviders', { maxResults: 3 }).output;
    expect(first.capacityProviders.map((p: { name: string }) => p.name)).toEqual(['FARGATE', 'FARGATE_SPOT', 'cp-a']);
    const second = ok(w, 'DescribeCapacityProviders', { maxResults: 3, nextToken: first.nextToken }).output;
    expect(second.capacityProviders.map((p: { name: string }) => p.name)).toEqual(['cp-b']);
    expect(second.nextToken).toBeUndefined();
    expect(fails(w, 'DescribeCapacityProviders', { nextToken: 'bogus' }).message).toBe('The nextToken provided is invalid.');
  });

  it('refuse a mix with Fargate providers, an unknown provider or one another cluster holds, managed scaling, a provider in use', () => {
    let w = world();
    const mixed = fails(w, 'RunTask', { cluster: 'prod', taskDefinition: 'web', capacityProviderStrategy: [{ capacityProvider: 'cp-a', weight: 1 }, { capacityProvider: 'FARGATE', weight: 1 }] });
    expect(mixed.message).toMatch(/cannot contain a mix of capacity providers using Auto Scaling groups and Fargate providers/);
    expect(fails(w, 'PutClusterCapacityProviders', { cluster: 'prod', capacityProviders: ['cp-z'], defaultCapacityProviderStrategy: [] }).message).toMatch(/'cp-z' does not exist/);
    w = ok(w, 'CreateCluster', { clusterName: 'other' }).world;
    expect(fails(w, 'PutClusterCapacityProviders', { cluster: 'other', capacityProviders: ['cp-a'], defaultCapacityProviderStrategy: [] }).message).toMatch(/'cp-a' does not exist/);
    const arn = autoScalingGroupArn(w.config, 'asg-a');
    expect(fails(w, 'CreateCapacityProvider', { name: 'again', autoScalingGroupProvider: { autoScalingGroupArn: arn } }).message).toMatch(/already used by the capacity provider cp-a/);
    expect(fails(w, 'CreateCapacityProvider', { name: 'cp-a', autoScalingGroupProvider: { autoScalingGroupArn: arn } }).message).toMatch(/already exists/);
    expect(fails(w, 'CreateCapacityProvider', { name: 'fargate-x', autoScalingGroupProvider: { autoScalingGroupArn: arn } }).message).toMatch(/cannot be prefixed/);
    expect(
      fails(w, 'CreateCapacityProvider', { name: 'ms', autoScalingGroupProvider: { autoScalingGroupArn: 'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:x:autoScalingGroupName/none' } }).message,
    ).toMatch(/does not exist in this World/);
    const inUse = fails(w, 'DeleteCapacityProvider', { capacityProvider: 'cp-a' });
    expect(inUse.name).toBe('ResourceInUseException');
    w = ok(w, 'PutClusterCapacityProviders', { cluster: 'prod', capacityProviders: ['cp-b'], defaultCapacityProviderStrategy: [{ capacityProvider: 'cp-b', weight: 1 }] }).world;
    const deleted = ok(w, 'DeleteCapacityProvider', { capacityProvider: 'cp-a' });
    expect(deleted.output.capacityProvider).toMatchObject({ name: 'cp-a', status: 'INACTIVE', updateStatus: 'DELETE_COMPLETE' });
    // Managed scaling is not modelled: refused, saying so.
    const scaling = fails(deleted.world, 'CreateCapacityProvider', { name: 'cp-c', autoScalingGroupProvider: { autoScalingGroupArn: arn, managedScaling: { status: 'ENABLED' } } });
    expect(scaling.message).toMatch(/does not model managed scaling/);
  });
});
