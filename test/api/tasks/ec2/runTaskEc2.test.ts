// RunTask on the EC2 launch type (issue 11): the placement engine places tasks on the cluster's container
// instances, the instance's books (remainingResources, pending/running counts) follow every task, and what the
// task shows is an EC2 task's (containerInstanceArn, networkBindings, no platform version, no ENI attachment).
//
// Facts recorded here:
// - Placement memory is the container's memoryReservation, else its memory (reference §6.5;
//   https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_memory).
// - runningTasksCount / pendingTasksCount count the tasks on the instance in the RUNNING / PENDING status
//   (API reference, ContainerInstance: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerInstance.html).
// - networkBindings appear once the task is RUNNING, dynamic host ports from the ephemeral range 49153–65535
//   (API reference, NetworkBinding and PortMapping).
// - RunTask failures name the container instance and ECS's reason, e.g. RESOURCE:PORTS (reference §6.5).
import { describe, expect, it } from 'vitest';
import { advance } from '../../../../src/engine/advance.js';
import { EC2_AGENT_PICKUP_MS } from '../../../../src/scheduler/ec2/launchEc2Tasks.js';
import { describeTask, ec2World, fails, instanceByArn, instances, ok, resource, withDefinition } from './harness.js';

describe('RunTask with launchType EC2', () => {
  it('places a task on an instance, PENDING at version 1, holding its reservation there', () => {
    let w = withDefinition(ec2World(3), 'web', { memoryReservation: 256, portMappings: [{ containerPort: 443, hostPort: 8443 }] });
    const r = ok(w, 'RunTask', { cluster: 'prod', taskDefinition: 'web', launchType: 'EC2' });
    w = r.world;
    expect(r.output.failures).toEqual([]);
    const [t] = r.output.tasks;
    expect(t).toMatchObject({ lastStatus: 'PENDING', desiredStatus: 'RUNNING', version: 1, launchType: 'EC2', cpu: '256', memory: '512', attachments: [] });
    expect(t.containerInstanceArn).toMatch(/^arn:aws:ecs:us-east-1:123456789012:container-instance\/prod\/[0-9a-f]{32}$/);
    for (const member of ['platformVersion', 'platformFamily', 'capacityProviderName', 'ephemeralStorage', 'fargateEphemeralStorage', 'connectivityAt']) {
      expect(t, member).not.toHaveProperty(member);
    }
    const ci = instanceByArn(w, t.containerInstanceArn);
    expect(t.availabilityZone).toBe(ci.attributes.find((a: { name: string }) => a.name === 'ecs.availability-zone').value);
    expect(ci).toMatchObject({ pendingTasksCount: 1, runningTasksCount: 0 });
    expect(resource(ci, 'remainingResources', 'CPU')).toBe(4096 - 256);
    // The reservation (256), not the hard limit (512).
    expect(resource(ci, 'remainingResources', 'MEMORY')).toBe(15728 - 256);
    expect(resource(ci, 'remainingResources', 'PORTS')).toEqual(['22', '2376', '2375', '51678', '51679', '8443']);
    expect(resource(ci, 'registeredResources', 'MEMORY')).toBe(15728);
    // The other instances are untouched.
    for (const other of instances(w).filter((x) => x.containerInstanceArn !== t.containerInstanceArn)) {
      expect(resource(other, 'remainingResources', 'CPU')).toBe(4096);
    }
  });

  it('walks PENDING → PENDING (agent report) → RUNNING with bindings, then StopTask gives everything back', () => {
    let w = withDefinition(ec2World(1), 'web', { portMappings: [{ containerPort: 80, hostPort: 0 }, { containerPort: 443, hostPort: 8443 }, { containerPort: 53, protocol: 'udp' }] });
    const r = ok(w, 'RunTask', { cluster: 'prod', taskDefinition: 'web', launchType: 'EC2' });
    const arn = r.output.tasks[0].taskArn;
    w = advance(r.world, EC2_AGENT_PICKUP_MS).world;
    let t = describeTask(w, arn);
    expect(t).toMatchObject({ lastStatus: 'PENDING', version: 2, connectivity: 'CONNECTED' });
    expect(t.connectivityAt - t.createdAt).toBeCloseTo(EC2_AGENT_PICKUP_MS / 1000, 6);
    expect(t.containers[0]).not.toHaveProperty('networkBindings');
    w = advance(w, 120_000).world;
    t = describeTask(w, arn);
    expect(t).toMatchObject({ lastStatus: 'RUNNING', version: 3 });
    expect(t.containers[0].networkBindings).toEqual([
      { bindIP: '0.0.0.0', containerPort: 80, hostPort: 49153, protocol: 'tcp' },
      { bindIP: '0.0.0.0', containerPort: 443, hostPort: 8443, protocol: 'tcp' },
      { bindIP: '0.0.0.0', containerPort: 53, hostPort: 49153, protocol: 'udp' },
    ]);
    let [ci] = instances(w);
    expect(ci).toMatchObject({ pendingTasksCount: 0, runningTasksCount: 1 });
    expect(resource(ci, 'remainingResources', 'PORTS')).toEqual(['22', '2376', '2375', '51678', '51679', '8443', '49153']);
    expect(resource(ci, 'remainingResources', 'PORTS_UDP')).toEqual(['49153']);

    w = ok(w, 'StopTask', { cluster: 'prod', task: arn }).world;
    w = advance(w, 60_000).world;
    t = describeTask(w, arn);
    // No task ENI, so no DEPROVISIONING: the stop request (4), then STOPPED (5).
    expect(t).toMatchObject({ lastStatus: 'STOPPED', version: 5, stopCode: 'UserInitiated' });
    [ci] = instances(w);
    expect(ci).toMatchObject({ pendingTasksCount: 0, runningTasksCount: 0 });
    expect(resource(ci, 'remainingResources', 'CPU')).toBe(4096);
    expect(resource(ci, 'remainingResources', 'MEMORY')).toBe(15728);
    expect(resource(ci, 'remainingResources', 'PORTS')).toEqual(['22', '2376', '2375', '51678', '51679']);
    expect(resource(ci, 'remainingResources', 'PORTS_UDP')).toEqual([]);
  });

  it('host mode binds the container port itself', () => {
    let w = withDefinition(ec2World(1), 'h', { portMappings: [{ containerPort: 9000 }] }, { networkMode: 'host' });
    const r = ok(w, 'RunTask', { cluster: 'prod', taskDefinition: 'h', launchType: 'EC2' });
    w = advance(r.world, 120_000).world;
    expect(describeTask(w, r.output.tasks[0].taskArn).containers[0].networkBindings).toEqual([
      { bindIP: '0.0.0.0', containerPort: 9000, hostPort: 9000, protocol: 'tcp' },
    ]);
    // A second task needs the same port: the only instance has it in use.
    const second = ok(w, 'RunTask', { cluster: 'prod', taskDefinition: 'h', launchType: 'EC2' }).output;
    expect(second.tasks).toEqual([]);
    expect(second.failures).toEqual([{ arn: instances(w)[0].containerInstanceArn, reason: 'RESOURCE:PORTS' }]);
  });

  it('an essential container exit stops the task straight to STOPPED and frees the instance', () => {
    let w = ec2World(1, { behaviors: [{ match: { family: 'job' }, exitAfterMs: 30_000, exitCode: 0 }] });
    w = withDefinition(w, 'job');
    const r = ok(w, 'RunTask', { cluster: 'prod', taskDefinition: 'job', launchType: 'EC2' });
    w = advance(r.world, 180_000).world;
    const t = describeTask(w, r.output.tasks[0].taskArn);
    expect(t).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'EssentialContainerExited', version: 4 });
    expect(instances(w)[0]).toMatchObject({ runningTasksCount: 0, pendingTasksCount: 0 });
    expect(resource(instances(w)[0], 'remainingResources', 'CPU')).toBe(4096);
  });

  it('reports RESOURCE:MEMORY with the closest instance when no instance has the memory left', () => {
    let w = withDefinition(ec2World(2), 'big', { cpu: 128, memory: 10_000 });
    const r = ok(w, 'RunTask', { cluster: 'prod', taskDefinition: 'big', launchType: 'EC2', count: 3 });
    expect(r.output.tasks).toHaveLength(2);
    expect(r.output.failures).toHaveLength(1);
    expect(r.output.failures[0].reason).toBe('RESOURCE:MEMORY');
    expect(r.output.tasks.map((t: { containerInstanceArn: string }) => t.containerInstanceArn)).toContain(r.output.failures[0].arn);
    w = r.world;
    for (const ci of instances(w)) expect(resource(ci, 'remainingResources', 'MEMORY')).toBe(5728);
  });

  it('honours memberOf and distinctInstance, from the request and the task definition', () => {
    let w = withDefinition(ec2World(3), 'pinned', {}, { placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.availability-zone == us-east-1b' }] });
    const pinned = ok(w, 'RunTask', { cluster: 'prod', taskDefinition: 'pinned', launchType: 'EC2', count: 2 });
    for (const t of pinned.output.tasks) expect(t.availabilityZone).toBe('us-east-1b');
    w = withDefinition(pinned.world, 'one');
    const distinct = ok(w, 'RunTask', { cluster: 'prod', taskDefinition: 'one', launchType: 'EC2', count: 4, placementConstraints: [{ type: 'distinctInstance' }] });
    const hosts = distinct.output.tasks.map((t: { containerInstanceArn: string }) => t.containerInstanceArn);
    expect(new Set(hosts).size).toBe(3);
    expect(distinct.output.failures.map((f: { reason: string }) => f.reason)).toEqual(['DistinctInstance placement constraint unsatisfied']);
    const nowhere = ok(distinct.world, 'RunTask', {
      cluster: 'prod', taskDefinition: 'one', launchType: 'EC2', placementConstraints: [{ type: 'memberOf', expression: 'attribute:stack == dev' }],
    }).output;
    expect(nowhere.failures.map((f: { reason: string }) => f.reason)).toEqual(['MemberOf placement constraint unsatisfied']);
  });

  it('binpack on memory fills one instance before the next; spread by instance fills them evenly', () => {
    let w = withDefinition(ec2World(3), 'p', { cpu: 64, memory: 1024 });
    const packed = ok(w, 'RunTask', { cluster: 'prod', taskDefinition: 'p', launchType: 'EC2', count: 6, placementStrategy: [{ type: 'binpack', field: 'memory' }] });
    expect(new Set(packed.output.tasks.map((t: { containerInstanceArn: string }) => t.containerInstanceArn)).size).toBe(1);
    w = packed.world;
    const spread = ok(w, 'RunTask', { cluster: 'prod', taskDefinition: 'p', launchType: 'EC2', count: 6, group: 'even', placementStrategy: [{ type: 'spread', field: 'instanceId' }] });
    const perHost = new Map<string, number>();
    for (const t of spread.output.tasks) perHost.set(t.containerInstanceArn, (perHost.get(t.containerInstanceArn) ?? 0) + 1);
    expect([...perHost.values()]).toEqual([2, 2, 2]);
  });

  it('skips DRAINING instances', () => {
    let w = withDefinition(ec2World(2), 'web');
    const [a, b] = instances(w);
    w = ok(w, 'UpdateContainerInstancesState', { cluster: 'prod', containerInstances: [a.containerInstanceArn], status: 'DRAINING' }).world;
    const r = ok(w, 'RunTask', { cluster: 'prod', taskDefinition: 'web', launchType: 'EC2', count: 3 });
    for (const t of r.output.tasks) expect(t.containerInstanceArn).toBe(b.containerInstanceArn);
  });

  it('falls back to EC2 when the request names neither a launch type nor a strategy and the cluster has no default', () => {
    const w = withDefinition(ec2World(1), 'web');
    const r = ok(w, 'RunTask', { cluster: 'prod', taskDefinition: 'web' });
    expect(r.output.tasks[0].launchType).toBe('EC2');
  });

  it('places the same way for the same seed (random by default) and the same requests', () => {
    const run = () => {
      let w = withDefinition(ec2World(6), 'web', { cpu: 16, memory: 64 });
      const hosts: string[] = [];
      for (let i = 0; i < 5; i++) {
        const r = ok(w, 'RunTask', { cluster: 'prod', taskDefinition: 'web', launchType: 'EC2', count: 4 });
        w = r.world;
        hosts.push(...r.output.tasks.map((t: { containerInstanceArn: string }) => t.containerInstanceArn));
      }
      return hosts;
    };
    const first = run();
    expect(run()).toEqual(first);
    // Random placement does use more than one instance.
    expect(new Set(first).size).toBeGreaterThan(1);
  });
});

describe('RunTask with launchType EC2: refusals', () => {
  const w = withDefinition(ec2World(1), 'web');

  it('a cluster without container instances', () => {
    const empty = ok(w, 'CreateCluster', { clusterName: 'empty' }).world;
    expect(fails(empty, 'RunTask', { cluster: 'empty', taskDefinition: 'web', launchType: 'EC2' })).toEqual({
      name: 'InvalidParameterException',
      message: 'No Container Instances were found in your cluster.',
    });
  });

  it('a platform version, a network configuration, awsvpc', () => {
    expect(fails(w, 'RunTask', { cluster: 'prod', taskDefinition: 'web', launchType: 'EC2', platformVersion: 'LATEST' }).message).toBe(
      'The platform version must be null when specifying an EC2 launch type.',
    );
    expect(
      fails(w, 'RunTask', { cluster: 'prod', taskDefinition: 'web', launchType: 'EC2', networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'] } } }).message,
    ).toBe('Network Configuration is not valid for the given networkMode of this task definition.');
    const vpc = withDefinition(w, 'vpc', {}, { networkMode: 'awsvpc' });
    expect(fails(vpc, 'RunTask', { cluster: 'prod', taskDefinition: 'vpc', launchType: 'EC2' }).message).toMatch(/Network Configuration must be provided/);
  });

  it('bad strategies and constraints name the entry', () => {
    const bad = (extra: Record<string, unknown>) => fails(w, 'RunTask', { cluster: 'prod', taskDefinition: 'web', launchType: 'EC2', ...extra });
    expect(bad({ placementStrategy: [{ type: 'binpack', field: 'disk' }] }).message).toBe(
      'placementStrategy[0].field must be cpu or memory for a binpack strategy, got "disk".',
    );
    expect(bad({ placementStrategy: [{ type: 'spread' }] }).message).toMatch(/^placementStrategy\[0\]\.field must be instanceId, host or attribute:<name>/);
    expect(bad({ placementStrategy: [{ type: 'pack' }] }).message).toMatch(/^placementStrategy\[0\]\.type must be one of random, spread, binpack/);
    expect(bad({ placementStrategy: Array.from({ length: 6 }, () => ({ type: 'random' })) }).message).toMatch(/maximum is 5/);
    expect(bad({ placementConstraints: [{ type: 'distinctInstance', expression: 'x' }] }).message).toBe('distinctInstance expression should not be specified.');
    expect(bad({ placementConstraints: [{ type: 'memberOf', expression: 'attribute:a ==' }] }).name).toBe('InvalidParameterException');
    expect(bad({ placementConstraints: Array.from({ length: 11 }, () => ({ type: 'distinctInstance' })) }).message).toMatch(/maximum is 10/);
    expect(bad({ overrides: { ephemeralStorage: { sizeInGiB: 30 } } }).name).toBe('InvalidParameterException');
  });
});
