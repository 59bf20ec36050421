// Services on the EC2 launch type (issue 11): the service scheduler places its tasks with the placement engine
// (ECS's service default: spread across zones, then instances — reference §6.2), keeps desiredCount, rolls
// deployments within min/max percent, replaces stopped tasks, and reports a task it cannot place as ECS does on
// EC2 ("no container instance met all of its requirements", the closest instance and what it lacks — reference
// §4.7). DescribeServices shows launchType EC2, the placement given, and no platform version or network.
import { describe, expect, it } from 'vitest';
import type { World } from '../../../src/domain/world.js';
import { advance } from '../../../src/engine/advance.js';
import { ec2World, fails, instances, ok, resource, withDefinition } from '../tasks/ec2/harness.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const service = (w: World, name = 'web'): any => ok(w, 'DescribeServices', { cluster: 'prod', services: [name] }).output.services[0];
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const serviceTasks = (w: World, name = 'web'): any[] => {
  const arns = ok(w, 'ListTasks', { cluster: 'prod', serviceName: name }).output.taskArns as string[];
  return arns.length === 0 ? [] : ok(w, 'DescribeTasks', { cluster: 'prod', tasks: arns }).output.tasks;
};
const zoneOf = (ci: { attributes: Array<{ name: string; value?: string }> }): string | undefined =>
  ci.attributes.find((a) => a.name === 'ecs.availability-zone')?.value;

/** Six m5.xlarge instances over three zones and a 512-unit, 1 GiB bridge definition with a dynamic port. */
function world(): World {
  return withDefinition(ec2World(6), 'web', { cpu: 512, memory: 1024, portMappings: [{ containerPort: 80, hostPort: 0 }] });
}

describe('services on EC2', () => {
  it('reach desiredCount spread across zones and instances, and show EC2 members', () => {
    let w = world();
    const created = ok(w, 'CreateService', { cluster: 'prod', serviceName: 'web', taskDefinition: 'web', desiredCount: 6, launchType: 'EC2' });
    const wire = created.output.service;
    expect(wire).toMatchObject({ launchType: 'EC2', placementConstraints: [], placementStrategy: [], schedulingStrategy: 'REPLICA' });
    for (const member of ['platformVersion', 'platformFamily', 'networkConfiguration']) expect(wire, member).not.toHaveProperty(member);
    expect(wire.deployments[0]).toMatchObject({ launchType: 'EC2', rolloutState: 'IN_PROGRESS' });
    expect(wire.deployments[0]).not.toHaveProperty('platformVersion');
    w = advance(created.world, 180_000).world;
    const s = service(w);
    expect(s).toMatchObject({ runningCount: 6, pendingCount: 0 });
    expect(s.deployments[0].rolloutState).toBe('COMPLETED');
    const tasks = serviceTasks(w);
    expect(tasks.map((t) => t.launchType)).toEqual(Array(6).fill('EC2'));
    // The default spread: two per zone, one per instance.
    const perZone = new Map<string, number>();
    for (const t of tasks) perZone.set(t.availabilityZone, (perZone.get(t.availabilityZone) ?? 0) + 1);
    expect([...perZone.values()]).toEqual([2, 2, 2]);
    expect(new Set(tasks.map((t) => t.containerInstanceArn)).size).toBe(6);
    for (const ci of instances(w)) {
      expect(ci.runningTasksCount).toBe(1);
      expect(resource(ci, 'remainingResources', 'CPU')).toBe(4096 - 512);
    }
  });

  it('honour the service placement (binpack memory fills instances one after the other)', () => {
    let w = world();
    w = ok(w, 'CreateService', {
      cluster: 'prod', serviceName: 'web', taskDefinition: 'web', desiredCount: 5, launchType: 'EC2',
      placementStrategy: [{ type: 'binpack', field: 'memory' }],
      placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.availability-zone != us-east-1c' }],
    }).world;
    expect(service(w).placementStrategy).toEqual([{ type: 'binpack', field: 'memory' }]);
    w = advance(w, 180_000).world;
    const tasks = serviceTasks(w);
    expect(tasks).toHaveLength(5);
    expect(new Set(tasks.map((t) => t.containerInstanceArn)).size).toBe(1);
    expect(tasks.every((t) => t.availabilityZone !== 'us-east-1c')).toBe(true);
  });

  it('replace a stopped task and roll a new revision within min/max percent', () => {
    let w = world();
    w = ok(w, 'CreateService', { cluster: 'prod', serviceName: 'web', taskDefinition: 'web', desiredCount: 4, launchType: 'EC2' }).world;
    w = advance(w, 180_000).world;
    const victim = serviceTasks(w)[0].taskArn;
    w = ok(w, 'StopTask', { cluster: 'prod', task: victim }).world;
    w = advance(w, 180_000).world;
    expect(service(w).runningCount).toBe(4);
    expect(serviceTasks(w).map((t) => t.taskArn)).not.toContain(victim);

    w = withDefinition(w, 'web', { image: 'nginx:2', cpu: 512, memory: 1024, portMappings: [{ containerPort: 80, hostPort: 0 }] });
    w = ok(w, 'UpdateService', {
      cluster: 'prod', service: 'web', taskDefinition: 'web:2', deploymentConfiguration: { minimumHealthyPercent: 50, maximumPercent: 100 },
    }).world;
    // Never more than 4 tasks (max 100 %) and never fewer than 2 RUNNING (min 50 %) while it rolls.
    for (let i = 0; i < 60; i++) {
      w = advance(w, 5_000).world;
      const live = serviceTasks(w).filter((t) => t.desiredStatus === 'RUNNING');
      expect(live.length).toBeLessThanOrEqual(4);
      expect(live.filter((t) => t.lastStatus === 'RUNNING').length).toBeGreaterThanOrEqual(2);
    }
    const s = service(w);
    expect(s.deployments).toHaveLength(1);
    expect(s.deployments[0]).toMatchObject({ rolloutState: 'COMPLETED', runningCount: 4 });
    expect(serviceTasks(w).every((t) => t.taskDefinitionArn.endsWith(':2'))).toBe(true);
    // What the stopped tasks held is back: 4 tasks of 512 units on 6 instances of 4,096.
    const used = instances(w).reduce((n, ci) => n + (4096 - (resource(ci, 'remainingResources', 'CPU') as number)), 0);
    expect(used).toBe(4 * 512);
  });

  it('report a task it cannot place with the closest instance and what it lacks', () => {
    let w = withDefinition(ec2World(1), 'big', { cpu: 1024, memory: 6000 });
    w = ok(w, 'CreateService', { cluster: 'prod', serviceName: 'big', taskDefinition: 'big', desiredCount: 3, launchType: 'EC2' }).world;
    w = advance(w, 180_000).world;
    const s = service(w, 'big');
    expect(s.runningCount).toBe(2);
    const id = instances(w)[0].containerInstanceArn.split('/').pop();
    expect(s.events.map((e: { message: string }) => e.message)).toContain(
      `(service big) was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance ${id}) has insufficient memory available. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.`,
    );
  });

  it('refuse what ECS refuses on EC2', () => {
    const w = world();
    const base = { cluster: 'prod', serviceName: 'x', taskDefinition: 'web', desiredCount: 1, launchType: 'EC2' };
    expect(fails(w, 'CreateService', { ...base, networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'] } } }).message).toBe(
      'Network Configuration is not valid for the given networkMode of this task definition.',
    );
    expect(fails(w, 'CreateService', { ...base, platformVersion: '1.4.0' }).message).toBe('The platform version must be null when specifying an EC2 launch type.');
    expect(fails(w, 'CreateService', { ...base, placementStrategy: [{ type: 'binpack', field: 'disk' }] }).message).toMatch(/binpack/);
    expect(fails(w, 'CreateService', { ...base, platformVersion: 'LATEST' }).message).toBe('The platform version must be null when specifying an EC2 launch type.');
    const created = ok(w, 'CreateService', { ...base, serviceName: 'ok' }).world;
    expect(fails(created, 'UpdateService', { cluster: 'prod', service: 'ok', platformVersion: 'LATEST' }).message).toBe(
      'The platform version must be null when specifying an EC2 launch type.',
    );
    const empty = ok(w, 'CreateCluster', { clusterName: 'empty' }).world;
    expect(fails(empty, 'CreateService', { ...base, cluster: 'empty' }).message).toBe('No Container Instances were found in your cluster.');
  });

  it('fall back to EC2 when neither a launch type nor a strategy is given and the cluster has no default', () => {
    const w = ok(world(), 'CreateService', { cluster: 'prod', serviceName: 'web', taskDefinition: 'web', desiredCount: 1 }).world;
    expect(service(w).launchType).toBe('EC2');
  });

  it('take new placement from UpdateService for their next launches', () => {
    let w = world();
    w = ok(w, 'CreateService', { cluster: 'prod', serviceName: 'web', taskDefinition: 'web', desiredCount: 1, launchType: 'EC2' }).world;
    w = advance(w, 180_000).world;
    w = ok(w, 'UpdateService', {
      cluster: 'prod', service: 'web', desiredCount: 4, placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.availability-zone == us-east-1a' }],
    }).world;
    expect(service(w).placementConstraints).toEqual([{ type: 'memberOf', expression: 'attribute:ecs.availability-zone == us-east-1a' }]);
    expect(service(w).deployments).toHaveLength(1);
    w = advance(w, 180_000).world;
    const zones = instances(w).filter((ci) => ci.runningTasksCount > 0).map(zoneOf);
    // The first task kept its zone; the three new ones went to us-east-1a.
    const tasks = serviceTasks(w);
    expect(tasks).toHaveLength(4);
    expect(tasks.filter((t) => t.availabilityZone === 'us-east-1a').length).toBeGreaterThanOrEqual(3);
    expect(zones).toContain('us-east-1a');
  });

  it('scale in by their placement strategy: binpack stops the tasks on the instances with the most left', () => {
    let w = withDefinition(ec2World(3), 'web', { cpu: 256, memory: 1024 });
    w = withDefinition(w, 'hog', { cpu: 256, memory: 10_000 });
    w = ok(w, 'CreateService', {
      cluster: 'prod', serviceName: 'web', taskDefinition: 'web', desiredCount: 6, launchType: 'EC2', placementStrategy: [{ type: 'spread', field: 'instanceId' }],
    }).world;
    w = advance(w, 180_000).world;
    const [a] = instances(w);
    const zone = zoneOf(a);
    // A big standalone task leaves instance A with the least memory.
    w = ok(w, 'RunTask', { cluster: 'prod', taskDefinition: 'hog', launchType: 'EC2', placementConstraints: [{ type: 'memberOf', expression: `attribute:ecs.availability-zone == ${zone}` }] }).world;
    w = advance(w, 180_000).world;
    w = ok(w, 'UpdateService', { cluster: 'prod', service: 'web', desiredCount: 3, placementStrategy: [{ type: 'binpack', field: 'memory' }] }).world;
    w = advance(w, 180_000).world;
    const live = serviceTasks(w).filter((t) => t.desiredStatus === 'RUNNING');
    expect(live).toHaveLength(3);
    // The fullest instance kept both its tasks; the three stops came from the two emptier ones.
    expect(live.filter((t) => t.containerInstanceArn === a.containerInstanceArn)).toHaveLength(2);
  });

  it('move their tasks off a DRAINING instance within min/max percent; standalone tasks stay', () => {
    let w = world();
    w = ok(w, 'CreateService', {
      cluster: 'prod', serviceName: 'web', taskDefinition: 'web', desiredCount: 6, launchType: 'EC2',
      deploymentConfiguration: { minimumHealthyPercent: 50, maximumPercent: 150 },
    }).world;
    const job = ok(w, 'RunTask', { cluster: 'prod', taskDefinition: 'web', launchType: 'EC2', placementStrategy: [{ type: 'binpack', field: 'cpu' }] });
    w = advance(job.world, 180_000).world;
    const drainedArn = job.output.tasks[0].containerInstanceArn;
    const onIt = () => serviceTasks(w).filter((t) => t.containerInstanceArn === drainedArn && t.desiredStatus === 'RUNNING');
    expect(onIt().length).toBeGreaterThan(0);
    w = ok(w, 'UpdateContainerInstancesState', { cluster: 'prod', containerInstances: [drainedArn], status: 'DRAINING' }).world;
    for (let i = 0; i < 60; i++) {
      w = advance(w, 5_000).world;
      const live = serviceTasks(w).filter((t) => t.desiredStatus === 'RUNNING');
      expect(live.length, 'maximumPercent 150 %: at most 9 tasks').toBeLessThanOrEqual(9);
      expect(live.filter((t) => t.lastStatus === 'RUNNING').length, 'minimumHealthyPercent 50 %: at least 3 RUNNING').toBeGreaterThanOrEqual(3);
    }
    expect(onIt()).toEqual([]);
    const s = service(w);
    expect(s.runningCount).toBe(6);
    expect(s.deployments).toHaveLength(1);
    const drainedCi = instances(w).find((ci) => ci.containerInstanceArn === drainedArn);
    expect(drainedCi.status).toBe('DRAINING');
    // Only the standalone task is left on it, still RUNNING.
    expect(drainedCi.runningTasksCount).toBe(1);
    expect(ok(w, 'DescribeTasks', { cluster: 'prod', tasks: [job.output.tasks[0].taskArn] }).output.tasks[0].lastStatus).toBe('RUNNING');
  });

  it('replace the tasks of an instance deregistered with force', () => {
    let w = world();
    w = ok(w, 'CreateService', { cluster: 'prod', serviceName: 'web', taskDefinition: 'web', desiredCount: 6, launchType: 'EC2' }).world;
    w = advance(w, 180_000).world;
    const gone = serviceTasks(w)[0].containerInstanceArn;
    w = ok(w, 'DeregisterContainerInstance', { cluster: 'prod', containerInstance: gone, force: true }).world;
    w = advance(w, 300_000).world;
    const live = serviceTasks(w).filter((t) => t.desiredStatus === 'RUNNING');
    expect(live).toHaveLength(6);
    expect(live.every((t) => t.containerInstanceArn !== gone)).toBe(true);
  });
});

describe('DAEMON services', () => {
  const daemon = (w: World, extra: Record<string, unknown> = {}) =>
    ok(w, 'CreateService', { cluster: 'prod', serviceName: 'agent', taskDefinition: 'agent', launchType: 'EC2', schedulingStrategy: 'DAEMON', ...extra });
  const agentWorld = (): World => withDefinition(ec2World(6), 'agent', { cpu: 128, memory: 256, portMappings: [{ containerPort: 8125, hostPort: 8125, protocol: 'udp' }] });
  const onInstances = (w: World): string[] =>
    serviceTasks(w, 'agent').filter((t) => t.desiredStatus === 'RUNNING').map((t) => t.containerInstanceArn).sort();

  it('run one task on every ACTIVE instance; desiredCount is the number of instances', () => {
    const created = daemon(agentWorld());
    expect(created.output.service).toMatchObject({ schedulingStrategy: 'DAEMON', desiredCount: 6 });
    expect(created.output.service.deploymentConfiguration).toMatchObject({ minimumHealthyPercent: 0, maximumPercent: 100 });
    const w = advance(created.world, 180_000).world;
    expect(onInstances(w)).toEqual(instances(w).map((ci) => ci.containerInstanceArn).sort());
    expect(service(w, 'agent')).toMatchObject({ runningCount: 6, desiredCount: 6 });
    expect(ok(w, 'ListServices', { cluster: 'prod', schedulingStrategy: 'DAEMON' }).output.serviceArns).toHaveLength(1);
    expect(ok(w, 'ListServices', { cluster: 'prod', schedulingStrategy: 'REPLICA' }).output.serviceArns).toHaveLength(0);
  });

  it('follow the instances: a new one gets a task, a drained one loses it', () => {
    let w = advance(daemon(agentWorld()).world, 180_000).world;
    w = ok(w, 'RegisterContainerInstance', {
      cluster: 'prod',
      instanceIdentityDocument: JSON.stringify({ instanceId: 'i-0123456789abcdef0', instanceType: 'm5.xlarge', availabilityZone: 'us-east-1a', region: 'us-east-1', architecture: 'x86_64' }),
    }).world;
    w = advance(w, 180_000).world;
    expect(service(w, 'agent')).toMatchObject({ desiredCount: 7, runningCount: 7 });
    const drained = instances(w)[0].containerInstanceArn;
    w = ok(w, 'UpdateContainerInstancesState', { cluster: 'prod', containerInstances: [drained], status: 'DRAINING' }).world;
    w = advance(w, 180_000).world;
    expect(service(w, 'agent')).toMatchObject({ desiredCount: 6, runningCount: 6 });
    expect(onInstances(w)).not.toContain(drained);
  });

  it('honour memberOf constraints, and roll a new revision instance by instance (old task gone before the new)', () => {
    let w = daemon(agentWorld(), { placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.availability-zone != us-east-1c' }] }).world;
    expect(service(w, 'agent').desiredCount).toBe(4);
    w = advance(w, 180_000).world;
    expect(service(w, 'agent').runningCount).toBe(4);
    w = withDefinition(w, 'agent', { image: 'nginx:2', cpu: 128, memory: 256, portMappings: [{ containerPort: 8125, hostPort: 8125, protocol: 'udp' }] });
    w = ok(w, 'UpdateService', { cluster: 'prod', service: 'agent', taskDefinition: 'agent:2' }).world;
    for (let i = 0; i < 60; i++) {
      w = advance(w, 5_000).world;
      // Never two live tasks on one instance (the static UDP port could not be shared anyway).
      const hosts = onInstances(w);
      expect(new Set(hosts).size).toBe(hosts.length);
      expect(hosts.length).toBeLessThanOrEqual(4);
    }
    const s = service(w, 'agent');
    expect(s.deployments).toHaveLength(1);
    expect(s.deployments[0]).toMatchObject({ rolloutState: 'COMPLETED', runningCount: 4 });
    expect(serviceTasks(w, 'agent').every((t) => t.taskDefinitionArn.endsWith(':2'))).toBe(true);
  });

  it('stop the task of an instance that no longer meets their constraints (ECS re-evaluates running daemon tasks)', () => {
    // CreateService API reference, schedulingStrategy: the daemon scheduler "also evaluates the task placement
    // constraints for running tasks and will stop tasks that don't meet the placement constraints".
    let w = daemon(agentWorld(), { placementConstraints: [{ type: 'memberOf', expression: 'attribute:stack == prod' }] }).world;
    w = advance(w, 180_000).world;
    expect(service(w, 'agent').runningCount).toBe(6);
    const [leaving, ...staying] = instances(w).map((ci) => ci.containerInstanceArn as string);
    w = ok(w, 'PutAttributes', { cluster: 'prod', attributes: [{ name: 'stack', value: 'batch', targetId: leaving }] }).world;
    w = advance(w, 180_000).world;
    expect(service(w, 'agent')).toMatchObject({ desiredCount: 5, runningCount: 5 });
    expect(onInstances(w)).toEqual([...staying].sort());
  });

  it('refuse Fargate and placement strategies', () => {
    const w = agentWorld();
    expect(fails(w, 'CreateService', { cluster: 'prod', serviceName: 'a', taskDefinition: 'agent', launchType: 'FARGATE', schedulingStrategy: 'DAEMON' }).message).toBe(
      'The DAEMON scheduling strategy is not supported for services using the Fargate launch type.',
    );
    expect(fails(w, 'CreateService', {
      cluster: 'prod', serviceName: 'a', taskDefinition: 'agent', launchType: 'EC2', schedulingStrategy: 'DAEMON', placementStrategy: [{ type: 'random' }],
    }).message).toBe('Placement strategies are not supported for services using the DAEMON scheduling strategy.');
  });
});
