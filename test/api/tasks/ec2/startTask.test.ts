// StartTask (issue 11): one task on each listed container instance, checked as RunTask on EC2 is, with the
// placement engine's reason for an instance that cannot take its task.
//
// Facts recorded here:
// - "Starts a new task from the specified task definition on the specified container instance or instances";
//   containerInstances is required, ids or full ARNs, up to 10
//   (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_StartTask.html; reference §9.1: not adjustable).
// - The response is tasks[] and failures[], as RunTask's (same API reference).
// SIM RULES (the API reference is silent):
// - An unknown or deregistered instance is a failure { arn, reason: 'MISSING' } (the reason ECS's Describe* calls
//   give for unknown ARNs, reference §6.5), not an exception; the other instances still get their task.
// - The task definition's memberOf constraints apply to the listed instances; StartTask takes no strategy.
// - More than 10 instances: `containerInstances can have at most 10 items.` (the list-size sentence ECS uses for
//   other lists, src/api/listSize.ts).
import { describe, expect, it } from 'vitest';
import { advance } from '../../../../src/engine/advance.js';
import { describeTask, ec2World, fails, instanceByArn, instances, ok, resource, withDefinition } from './harness.js';

const ids = (w: Parameters<typeof instances>[0]): string[] => instances(w).map((ci) => ci.containerInstanceArn.split('/').pop());

describe('StartTask', () => {
  it('starts one task on each listed instance (ids or ARNs), holding its reservation there', () => {
    let w = withDefinition(ec2World(3), 'web', { memoryReservation: 256, portMappings: [{ containerPort: 80, hostPort: 8080 }] });
    const [a, b, c] = instances(w);
    const r = ok(w, 'StartTask', {
      cluster: 'prod',
      taskDefinition: 'web',
      containerInstances: [a.containerInstanceArn, ids(w)[2]],
      startedBy: 'me',
      group: 'batch',
      tags: [{ key: 'team', value: 'a' }],
    });
    w = r.world;
    expect(r.output.failures).toEqual([]);
    expect(r.output.tasks.map((t: { containerInstanceArn: string }) => t.containerInstanceArn)).toEqual([a.containerInstanceArn, c.containerInstanceArn]);
    expect(r.output.tasks[0]).toMatchObject({ launchType: 'EC2', lastStatus: 'PENDING', version: 1, startedBy: 'me', group: 'batch', tags: [{ key: 'team', value: 'a' }] });
    expect(resource(instanceByArn(w, a.containerInstanceArn), 'remainingResources', 'MEMORY')).toBe(15728 - 256);
    expect(resource(instanceByArn(w, a.containerInstanceArn), 'remainingResources', 'PORTS')).toContain('8080');
    expect(instanceByArn(w, a.containerInstanceArn)).toMatchObject({ pendingTasksCount: 1 });
    expect(resource(instanceByArn(w, b.containerInstanceArn), 'remainingResources', 'MEMORY')).toBe(15728);
    // The task runs like a RunTask one.
    w = advance(w, 120_000).world;
    expect(describeTask(w, r.output.tasks[0].taskArn)).toMatchObject({ lastStatus: 'RUNNING', startedBy: 'me' });
    expect(instanceByArn(w, c.containerInstanceArn)).toMatchObject({ pendingTasksCount: 0, runningTasksCount: 1 });
  });

  it('an instance that cannot take the task is a failure with its ARN and the engine reason; the others start', () => {
    let w = withDefinition(ec2World(2), 'h', { portMappings: [{ containerPort: 9000 }] }, { networkMode: 'host' });
    const [a, b] = instances(w);
    w = ok(w, 'StartTask', { cluster: 'prod', taskDefinition: 'h', containerInstances: [a.containerInstanceArn] }).world;
    // The same instance twice: the first takes port 9000, so the second is refused; b takes its task.
    const r = ok(w, 'StartTask', { cluster: 'prod', taskDefinition: 'h', containerInstances: [a.containerInstanceArn, b.containerInstanceArn] });
    expect(r.output.tasks.map((t: { containerInstanceArn: string }) => t.containerInstanceArn)).toEqual([b.containerInstanceArn]);
    expect(r.output.failures).toEqual([{ arn: a.containerInstanceArn, reason: 'RESOURCE:PORTS' }]);
    const big = withDefinition(w, 'big', { cpu: 128, memory: 20_000 });
    expect(ok(big, 'StartTask', { cluster: 'prod', taskDefinition: 'big', containerInstances: [b.containerInstanceArn] }).output.failures).toEqual([
      { arn: b.containerInstanceArn, reason: 'RESOURCE:MEMORY' },
    ]);
  });

  it('a ref listed twice starts two tasks on that instance', () => {
    const w = withDefinition(ec2World(1), 'web');
    const [a] = instances(w);
    const r = ok(w, 'StartTask', { cluster: 'prod', taskDefinition: 'web', containerInstances: [a.containerInstanceArn, ids(w)[0]] });
    expect(r.output.tasks).toHaveLength(2);
    expect(instanceByArn(r.world, a.containerInstanceArn)).toMatchObject({ pendingTasksCount: 2 });
    expect(resource(instanceByArn(r.world, a.containerInstanceArn), 'remainingResources', 'CPU')).toBe(4096 - 512);
  });

  it('unknown and deregistered instances are MISSING failures (SIM RULE); DRAINING ones are refused', () => {
    let w = withDefinition(ec2World(3), 'web');
    const [a, b, c] = instances(w);
    w = ok(w, 'DeregisterContainerInstance', { cluster: 'prod', containerInstance: b.containerInstanceArn }).world;
    w = ok(w, 'UpdateContainerInstancesState', { cluster: 'prod', containerInstances: [c.containerInstanceArn], status: 'DRAINING' }).world;
    const unknownId = '0123456789abcdef0123456789abcdef';
    const r = ok(w, 'StartTask', { cluster: 'prod', taskDefinition: 'web', containerInstances: [unknownId, b.containerInstanceArn, c.containerInstanceArn, a.containerInstanceArn] });
    expect(r.output.tasks.map((t: { containerInstanceArn: string }) => t.containerInstanceArn)).toEqual([a.containerInstanceArn]);
    expect(r.output.failures).toEqual([
      { arn: `arn:aws:ecs:us-east-1:123456789012:container-instance/prod/${unknownId}`, reason: 'MISSING' },
      { arn: b.containerInstanceArn, reason: 'MISSING' },
      { arn: c.containerInstanceArn, reason: 'DRAINING' },
    ]);
  });

  it("applies the task definition's memberOf constraints to the listed instances (SIM RULE)", () => {
    const w = withDefinition(ec2World(3), 'pinned', {}, { placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.availability-zone == us-east-1b' }] });
    const all = instances(w);
    const zoneOf = (ci: { attributes: Array<{ name: string; value: string }> }) => ci.attributes.find((x) => x.name === 'ecs.availability-zone')!.value;
    const r = ok(w, 'StartTask', { cluster: 'prod', taskDefinition: 'pinned', containerInstances: all.map((ci) => ci.containerInstanceArn) });
    expect(r.output.tasks.map((t: { availabilityZone: string }) => t.availabilityZone)).toEqual(['us-east-1b']);
    expect(r.output.failures).toEqual(
      all.filter((ci) => zoneOf(ci) !== 'us-east-1b').map((ci) => ({ arn: ci.containerInstanceArn, reason: 'MemberOf placement constraint unsatisfied' })),
    );
  });

  it('is deterministic: the same requests give the same tasks', () => {
    const run = () => {
      const w = withDefinition(ec2World(2), 'web');
      return ok(w, 'StartTask', { cluster: 'prod', taskDefinition: 'web', containerInstances: instances(w).map((ci) => ci.containerInstanceArn) }).output.tasks;
    };
    expect(JSON.stringify(run())).toBe(JSON.stringify(run()));
  });
});

describe('StartTask: refusals', () => {
  const w = withDefinition(ec2World(1), 'web');
  const arn = instances(w)[0].containerInstanceArn;
  const start = (extra: Record<string, unknown>) => fails(w, 'StartTask', { cluster: 'prod', taskDefinition: 'web', containerInstances: [arn], ...extra });

  it('containerInstances: required, 1 to 10', () => {
    expect(fails(w, 'StartTask', { cluster: 'prod', taskDefinition: 'web' }).name).toBe('InvalidParameterException');
    expect(start({ containerInstances: [] }).message).toBe('containerInstances can not be empty.');
    expect(start({ containerInstances: Array.from({ length: 11 }, () => arn) })).toEqual({
      name: 'InvalidParameterException',
      message: 'containerInstances can have at most 10 items.',
    });
  });

  it('an unknown cluster or task definition', () => {
    expect(start({ cluster: 'nope' }).name).toBe('ClusterNotFoundException');
    expect(start({ taskDefinition: 'nope' }).name).toBe('ClientException');
  });

  it('a network configuration, awsvpc, volume configurations (as RunTask on EC2)', () => {
    expect(start({ networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'] } } }).message).toBe(
      'Network Configuration is not valid for the given networkMode of this task definition.',
    );
    const vpc = withDefinition(w, 'vpc', {}, { networkMode: 'awsvpc' });
    expect(fails(vpc, 'StartTask', { cluster: 'prod', taskDefinition: 'vpc', containerInstances: [arn] }).message).toMatch(/Network Configuration must be provided/);
    expect(start({ volumeConfigurations: [{ name: 'data' }] }).message).toMatch(/volumeConfigurations/);
    expect(ok(w, 'StartTask', { cluster: 'prod', taskDefinition: 'web', containerInstances: [arn], volumeConfigurations: [] }).output.tasks).toHaveLength(1);
  });

  it('labels and overrides are checked as RunTask checks them', () => {
    expect(start({ propagateTags: 'SERVICE' }).message).toMatch(/propagateTags SERVICE/);
    expect(start({ startedBy: 'bad name!' }).message).toMatch(/^startedBy must be/);
    expect(start({ overrides: { ephemeralStorage: { sizeInGiB: 30 } } }).message).toBe('Ephemeral storage overrides are only supported for tasks hosted on AWS Fargate.');
    expect(start({ overrides: { containerOverrides: [{ name: 'ghost' }] } }).name).toMatch(/Exception$/);
  });

  it('the World a call is made on is not changed by it', () => {
    const r = ok(w, 'StartTask', { cluster: 'prod', taskDefinition: 'web', containerInstances: [arn] });
    expect(r.world).not.toBe(w);
    expect(instanceByArn(w, arn)).toMatchObject({ pendingTasksCount: 0 });
  });
});
