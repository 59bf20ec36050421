// RegisterContainerInstance, DeregisterContainerInstance and UpdateContainerInstancesState through `execute`
// (issue 11): the instance round trip, the cluster counter, draining, the `force` rule and ECS's errors.
// API reference: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterContainerInstance.html,
// .../API_DeregisterContainerInstance.html, .../API_UpdateContainerInstancesState.html
import { describe as group, expect, it } from 'vitest';
import { INSTANCE_NOT_FOUND, TASKS_RUNNING_ON_INSTANCE } from '../../../src/api/containerInstances/deregisterContainerInstance.js';
import { containerInstanceKey } from '../../../src/domain/containerInstance.js';
import type { World } from '../../../src/domain/world.js';
import { createWorld } from '../../../src/engine/createWorld.js';
import { describe, fails, failsUnchanged, fleetWorld, listAll, ok } from './harness.js';

const DOC = JSON.stringify({ instanceId: 'i-0123456789abcdef0', instanceType: 'c5.large', availabilityZone: 'us-east-1b', imageId: 'ami-0abcdef1234567890' });

function withCluster(): World {
  return ok(createWorld({ seed: 3 }), 'CreateCluster', { clusterName: 'web' }).world;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const value = (ci: any, name: string): string | undefined => ci.attributes.find((a: any) => a.name === name)?.value;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const res = (ci: any, name: string): any => ci.registeredResources.find((r: any) => r.name === name);
const count = (w: World, cluster: string): number =>
  ok(w, 'DescribeClusters', { clusters: [cluster] }).output.clusters[0].registeredContainerInstancesCount;

group('RegisterContainerInstance', () => {
  it('registers an instance from its identity document: EC2 id, type, zone, AMI and the type\'s resources', () => {
    const r = ok(withCluster(), 'RegisterContainerInstance', { cluster: 'web', instanceIdentityDocument: DOC, attributes: [{ name: 'stack', value: 'blue' }] });
    const ci = r.output.containerInstance;
    expect(ci.containerInstanceArn).toMatch(/^arn:aws:ecs:us-east-1:123456789012:container-instance\/web\/[0-9a-f]{32}$/);
    expect(ci.ec2InstanceId).toBe('i-0123456789abcdef0');
    expect(value(ci, 'ecs.instance-type')).toBe('c5.large');
    expect(value(ci, 'ecs.availability-zone')).toBe('us-east-1b');
    expect(value(ci, 'ecs.ami-id')).toBe('ami-0abcdef1234567890');
    expect(value(ci, 'stack')).toBe('blue');
    // c5.large: 2 vCPUs × 1,024; 4 GiB × 0.96 (instanceTypes.ts).
    expect(res(ci, 'CPU').integerValue).toBe(2048);
    expect(res(ci, 'MEMORY').integerValue).toBe(3932);
    expect(ci.status).toBe('ACTIVE');
    expect(ci.version).toBe(1);
    expect(count(r.world, 'web')).toBe(1);
    expect(listAll(r.world, { cluster: 'web' })).toEqual([ci.containerInstanceArn]);
    // The registration answer carries the tags; DescribeContainerInstances only with include TAGS.
    const { tags, ...untagged } = ci;
    expect(tags).toEqual([]);
    expect(describe(r.world, 'web', [ci.containerInstanceArn]).containerInstances[0]).toEqual(untagged);
    expect(describe(r.world, 'web', [ci.containerInstanceArn], ['TAGS']).containerInstances[0]).toEqual(ci);
  });

  it('takes totalResources as given: CPU, MEMORY, PORTS, PORTS_UDP', () => {
    const ci = ok(withCluster(), 'RegisterContainerInstance', {
      cluster: 'web',
      totalResources: [
        { name: 'CPU', type: 'INTEGER', integerValue: 1024 },
        { name: 'MEMORY', type: 'INTEGER', integerValue: 993 },
        { name: 'PORTS', type: 'STRINGSET', stringSetValue: ['22', '2376', '2375', '51678', '51679'] },
        { name: 'PORTS_UDP', type: 'STRINGSET', stringSetValue: ['53'] },
      ],
    }).output.containerInstance;
    expect(res(ci, 'CPU').integerValue).toBe(1024);
    expect(res(ci, 'MEMORY').integerValue).toBe(993);
    expect(res(ci, 'PORTS_UDP').stringSetValue).toEqual(['53']);
    expect(ci.remainingResources).toEqual(ci.registeredResources);
  });

  it('draws ids from the seed: the same World and call give the same instance', () => {
    const a = ok(withCluster(), 'RegisterContainerInstance', { cluster: 'web' }).output.containerInstance;
    const b = ok(withCluster(), 'RegisterContainerInstance', { cluster: 'web' }).output.containerInstance;
    expect(b.containerInstanceArn).toBe(a.containerInstanceArn);
    expect(b.ec2InstanceId).toBe(a.ec2InstanceId);
  });

  it('re-registers an instance named by containerInstanceArn: same id, version + 1, the count unchanged', () => {
    const first = ok(withCluster(), 'RegisterContainerInstance', { cluster: 'web', instanceIdentityDocument: DOC });
    const arn = first.output.containerInstance.containerInstanceArn;
    const again = ok(first.world, 'RegisterContainerInstance', { cluster: 'web', instanceIdentityDocument: DOC, containerInstanceArn: arn });
    expect(again.output.containerInstance.containerInstanceArn).toBe(arn);
    expect(again.output.containerInstance.version).toBe(2);
    expect(count(again.world, 'web')).toBe(1);
  });

  it('re-registers an EC2 instance already registered in the cluster instead of counting it twice', () => {
    const first = ok(withCluster(), 'RegisterContainerInstance', { cluster: 'web', instanceIdentityDocument: DOC });
    const again = ok(first.world, 'RegisterContainerInstance', { cluster: 'web', instanceIdentityDocument: DOC });
    expect(again.output.containerInstance.containerInstanceArn).toBe(first.output.containerInstance.containerInstanceArn);
    expect(again.output.containerInstance.version).toBe(2);
    expect(listAll(again.world, { cluster: 'web' })).toHaveLength(1);
    // Once deregistered, the same EC2 instance registers as a new container instance.
    const gone = ok(again.world, 'DeregisterContainerInstance', { cluster: 'web', containerInstance: first.output.containerInstance.containerInstanceArn }).world;
    const fresh = ok(gone, 'RegisterContainerInstance', { cluster: 'web', instanceIdentityDocument: DOC });
    expect(fresh.output.containerInstance.containerInstanceArn).not.toBe(first.output.containerInstance.containerInstanceArn);
    expect(count(fresh.world, 'web')).toBe(1);
  });

  it('answers an unknown cluster with ClientException "Cluster not found." (reference §14.1, agent-side call)', () => {
    expect(failsUnchanged(createWorld(), 'RegisterContainerInstance', { cluster: 'nope' })).toEqual({ name: 'ClientException', message: 'Cluster not found.' });
  });

  it('refuses a malformed identity document, bad resources and bad attributes with InvalidParameterException', () => {
    const w = withCluster();
    expect(failsUnchanged(w, 'RegisterContainerInstance', { cluster: 'web', instanceIdentityDocument: '{not json' }).message).toMatch(/instanceIdentityDocument/);
    expect(failsUnchanged(w, 'RegisterContainerInstance', { cluster: 'web', totalResources: [{ name: 'CPU', integerValue: -1 }] }).message).toMatch(/totalResources\[0\]/);
    expect(failsUnchanged(w, 'RegisterContainerInstance', { cluster: 'web', totalResources: [{ name: 'PORTS', stringSetValue: ['70000'] }] }).message).toMatch(/'70000'/);
    expect(
      failsUnchanged(w, 'RegisterContainerInstance', { cluster: 'web', instanceIdentityDocument: JSON.stringify({ instanceType: 'x1.weird' }) }).message,
    ).toMatch(/CPU and MEMORY are required/);
    expect(failsUnchanged(w, 'RegisterContainerInstance', { cluster: 'web', attributes: [{ name: 'bad name' }] }).name).toBe('InvalidParameterException');
    const eleven = Array.from({ length: 11 }, (_, i) => ({ name: `a${i}`, value: 'x' }));
    expect(failsUnchanged(w, 'RegisterContainerInstance', { cluster: 'web', attributes: eleven }).name).toBe('AttributeLimitExceededException');
  });
});

group('DeregisterContainerInstance', () => {
  it('turns the instance INACTIVE: still described, no longer listed or counted', () => {
    const w = fleetWorld(3);
    const [arn, ...rest] = listAll(w, { cluster: 'prod' });
    const r = ok(w, 'DeregisterContainerInstance', { cluster: 'prod', containerInstance: arn });
    expect(r.output.containerInstance.status).toBe('INACTIVE');
    expect(r.output.containerInstance.agentConnected).toBe(false);
    expect(listAll(r.world, { cluster: 'prod' })).toEqual(rest);
    expect(count(r.world, 'prod')).toBe(2);
    expect(describe(r.world, 'prod', [arn!]).containerInstances[0].status).toBe('INACTIVE');
    // A second deregistration finds nothing to deregister.
    expect(fails(r.world, 'DeregisterContainerInstance', { cluster: 'prod', containerInstance: arn })).toEqual({ name: 'InvalidParameterException', message: INSTANCE_NOT_FOUND });
  });

  it('accepts the short id as well as the ARN', () => {
    const w = fleetWorld(1);
    const [arn] = listAll(w, { cluster: 'prod' });
    const id = arn!.split('/').pop()!;
    expect(ok(w, 'DeregisterContainerInstance', { cluster: 'prod', containerInstance: id }).output.containerInstance.containerInstanceArn).toBe(arn);
  });

  it('without force, refuses while tasks run on the instance; with force, deregisters it', () => {
    const w = fleetWorld(1);
    const [arn] = listAll(w, { cluster: 'prod' });
    const id = arn!.split('/').pop()!;
    // No task can be placed on an instance yet: give it one directly, as placement will.
    const key = containerInstanceKey('prod', id);
    const busy: World = { ...w, containerInstances: w.containerInstances.set(key, { ...w.containerInstances.get(key)!, runningTasksCount: 1 }) };
    expect(failsUnchanged(busy, 'DeregisterContainerInstance', { cluster: 'prod', containerInstance: arn })).toEqual({
      name: 'InvalidParameterException',
      message: TASKS_RUNNING_ON_INSTANCE,
    });
    expect(ok(busy, 'DeregisterContainerInstance', { cluster: 'prod', containerInstance: arn, force: true }).output.containerInstance.status).toBe('INACTIVE');
  });

  it('lets DeleteCluster go through only once every instance is deregistered', () => {
    let w = fleetWorld(2);
    expect(fails(w, 'DeleteCluster', { cluster: 'prod' }).name).toBe('ClusterContainsContainerInstancesException');
    for (const arn of listAll(w, { cluster: 'prod' })) w = ok(w, 'DeregisterContainerInstance', { cluster: 'prod', containerInstance: arn }).world;
    expect(ok(w, 'DeleteCluster', { cluster: 'prod' }).output.cluster.status).toBe('INACTIVE');
  });

  it('answers an unknown cluster with ClusterNotFoundException', () => {
    expect(failsUnchanged(fleetWorld(1), 'DeregisterContainerInstance', { cluster: 'nope', containerInstance: 'x' }).name).toBe('ClusterNotFoundException');
  });
});

group('UpdateContainerInstancesState', () => {
  it('drains and reactivates instances, bumping version; unknown ones are MISSING failures', () => {
    const w = fleetWorld(3);
    const arns = listAll(w, { cluster: 'prod' });
    const missing = 'arn:aws:ecs:us-east-1:123456789012:container-instance/prod/00000000000000000000000000000000';
    const drained = ok(w, 'UpdateContainerInstancesState', { cluster: 'prod', containerInstances: [arns[0], missing], status: 'DRAINING' });
    expect(drained.output.containerInstances.map((c: { status: string; version: number }) => [c.status, c.version])).toEqual([['DRAINING', 2]]);
    expect(drained.output.failures).toEqual([{ arn: missing, reason: 'MISSING' }]);
    expect(listAll(drained.world, { cluster: 'prod', status: 'DRAINING' })).toEqual([arns[0]]);
    expect(listAll(drained.world, { cluster: 'prod', status: 'ACTIVE' })).toEqual(arns.slice(1));
    // DRAINING instances stay registered (DescribeClusters counts ACTIVE and DRAINING).
    expect(count(drained.world, 'prod')).toBe(3);
    const back = ok(drained.world, 'UpdateContainerInstancesState', { cluster: 'prod', containerInstances: [arns[0]], status: 'ACTIVE' });
    expect(back.output.containerInstances[0].status).toBe('ACTIVE');
    expect(listAll(back.world, { cluster: 'prod', status: 'ACTIVE' })).toEqual(arns);
  });

  it('refuses other statuses, empty and oversized lists', () => {
    const w = fleetWorld(1);
    const [arn] = listAll(w, { cluster: 'prod' });
    expect(failsUnchanged(w, 'UpdateContainerInstancesState', { cluster: 'prod', containerInstances: [arn], status: 'REGISTERING' }).message).toMatch(
      /only be set to ACTIVE or DRAINING/,
    );
    expect(failsUnchanged(w, 'UpdateContainerInstancesState', { cluster: 'prod', containerInstances: [], status: 'DRAINING' }).name).toBe('InvalidParameterException');
    const eleven = Array.from({ length: 11 }, () => arn);
    expect(failsUnchanged(w, 'UpdateContainerInstancesState', { cluster: 'prod', containerInstances: eleven, status: 'DRAINING' }).message).toBe(
      'containerInstances can have at most 10 items.',
    );
  });
});

group('DescribeContainerInstances', () => {
  it('returns instances in request order, tags only with include TAGS, MISSING failures for unknown refs', () => {
    const r = ok(withCluster(), 'RegisterContainerInstance', { cluster: 'web', tags: [{ key: 'team', value: 'a' }] });
    const arn = r.output.containerInstance.containerInstanceArn;
    const plain = describe(r.world, 'web', ['nope', arn]);
    expect(plain.containerInstances.map((c: { containerInstanceArn: string }) => c.containerInstanceArn)).toEqual([arn]);
    expect(plain.containerInstances[0].tags).toBeUndefined();
    expect(plain.failures).toEqual([{ arn: 'arn:aws:ecs:us-east-1:123456789012:container-instance/web/nope', reason: 'MISSING' }]);
    expect(describe(r.world, 'web', [arn], ['TAGS']).containerInstances[0].tags).toEqual([{ key: 'team', value: 'a' }]);
  });

  it('limits the list to 100 with the observed wording and refuses an empty one', () => {
    const w = fleetWorld(1);
    // [OBS] traefik/traefik#3625: `instanceIds can have at most 100 items.`
    expect(failsUnchanged(w, 'DescribeContainerInstances', { cluster: 'prod', containerInstances: Array.from({ length: 101 }, () => 'x') }).message).toBe(
      'instanceIds can have at most 100 items.',
    );
    expect(failsUnchanged(w, 'DescribeContainerInstances', { cluster: 'prod', containerInstances: [] }).name).toBe('InvalidParameterException');
    expect(failsUnchanged(w, 'DescribeContainerInstances', { cluster: 'nope', containerInstances: ['x'] }).name).toBe('ClusterNotFoundException');
  });
});
