import { describe, expect, it } from 'vitest';
import { NOT_ASSOCIATED_MESSAGE } from '../../../src/api/capacityProviderStrategy.js';
import {
  NETWORK_CONFIGURATION_REQUIRED,
  NOT_FARGATE_COMPATIBLE,
  NO_CONTAINER_INSTANCES,
  PLATFORM_INCOMPATIBLE,
  PLATFORM_UNKNOWN,
  RATE_EXCEEDED,
} from '../../../src/api/tasks/runTaskRequest.js';
import { CAPACITY_UNAVAILABLE_REASON, INSUFFICIENT_ADDRESSES_REASON } from '../../../src/scheduler/fargatePlacement.js';
import { VCPU_LIMIT_REASON } from '../../../src/scheduler/launchTasks.js';
import { injectCapacityShortage } from '../../../src/sim/faults.js';
import { Sim, WEB_TD, detailOf, net } from './harness.js';

const ALL = ['subnet-a1', 'subnet-a2', 'subnet-b1', 'subnet-b2', 'subnet-c1', 'subnet-c2'];

describe('RunTask: the happy path', () => {
  it('returns the tasks in PROVISIONING with the fields ECS sets at launch', () => {
    const sim = new Sim().setup();
    const { tasks, failures } = sim.run({ count: 2, startedBy: 'ci-job/42', group: 'batch' });
    expect(failures).toEqual([]);
    expect(tasks).toHaveLength(2);
    const t = tasks[0]!;
    expect(t).toMatchObject({
      lastStatus: 'PROVISIONING',
      desiredStatus: 'RUNNING',
      launchType: 'FARGATE',
      platformVersion: '1.4.0',
      platformFamily: 'Linux',
      cpu: '256',
      memory: '512',
      group: 'batch',
      startedBy: 'ci-job/42',
      version: 1,
      healthStatus: 'UNKNOWN',
      enableExecuteCommand: false,
      createdAt: sim.world.config.startTimeMs / 1000,
      clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/default',
      taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:1',
      overrides: { containerOverrides: [{ name: 'app' }], inferenceAcceleratorOverrides: [] },
      ephemeralStorage: { sizeInGiB: 20 },
    });
    expect(t.taskArn).toMatch(/^arn:aws:ecs:us-east-1:123456789012:task\/default\/[0-9a-f]{32}$/);
    expect(t).not.toHaveProperty('capacityProviderName'); // launched by launch type, not by a provider
    expect(t).not.toHaveProperty('startedAt');
    expect(t.containers[0]).toMatchObject({ name: 'app', image: 'nginx:1.27', lastStatus: 'PENDING' });
    // The ENI is being created: its subnet is known, its address not yet shown.
    expect(t.attachments[0]).toMatchObject({ type: 'ElasticNetworkInterface', status: 'PRECREATED' });
    expect(ALL).toContain(detailOf(t, 'subnetId'));
    expect(detailOf(t, 'privateIPv4Address')).toBeUndefined();
    // One event per new task, with the same version.
    expect(sim.events.map((e) => (e.detail as { version: number }).version)).toEqual([1, 1]);
    expect(sim.counts()).toEqual({ running: 0, pending: 2 });
  });

  it('defaults the group to family:<family> and the count to 1', () => {
    const sim = new Sim().setup();
    const { tasks } = sim.run();
    expect(tasks).toHaveLength(1);
    expect(tasks[0]!.group).toBe('family:web');
  });

  it('accepts JSON null for optional members, as the AWS JSON protocol reads them', () => {
    const sim = new Sim().setup();
    const { tasks } = sim.run({ count: null, group: null, overrides: null, tags: null, startedBy: null });
    expect(tasks).toHaveLength(1);
  });

  it('uses the default security group when none is given, and accepts the VPC of the subnets', () => {
    const sim = new Sim().setup();
    const ok = sim.run({
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-a1'], securityGroups: ['sg-web'], assignPublicIp: 'ENABLED' } },
    });
    expect(ok.tasks).toHaveLength(1);
  });

  it('lands LATEST, 1.4.0 and 1.3.0 on those versions', () => {
    const sim = new Sim().setup();
    expect(sim.run({ platformVersion: 'LATEST' }).tasks[0]!.platformVersion).toBe('1.4.0');
    expect(sim.run({ platformVersion: '1.3.0' }).tasks[0]!.platformVersion).toBe('1.3.0');
  });
});

describe('RunTask: validation (exception name and message)', () => {
  const cases: Array<[string, Record<string, unknown>, string, string | RegExp]> = [
    // UNVERIFIED wording (no real answer found), shaped like the one below.
    ['count 0', { count: 0 }, 'InvalidParameterException', 'Task count can not be less than 1'],
    // [OBS] artilleryio/artillery#595: "InvalidParameterException: Task count can not be greater than 10" (count 20).
    ['count 11', { count: 11 }, 'InvalidParameterException', 'Task count can not be greater than 10'],
    ['count 20', { count: 20 }, 'InvalidParameterException', 'Task count can not be greater than 10'],
    ['count as a string', { count: '2' }, 'SerializationException', /count/],
    ['missing taskDefinition', { taskDefinition: undefined }, 'InvalidParameterException', 'taskDefinition is required but was not given.'],
    ['unknown task definition', { taskDefinition: 'nope' }, 'ClientException', 'TaskDefinition not found.'],
    ['unknown cluster', { cluster: 'nope' }, 'ClusterNotFoundException', 'Cluster not found.'],
    [
      'launch type and strategy',
      { capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }] },
      'InvalidParameterException',
      'Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.',
    ],
    ['EC2 launch type (no container instances)', { launchType: 'EC2' }, 'InvalidParameterException', NO_CONTAINER_INSTANCES],
    ['unknown launch type', { launchType: 'LAMBDA' }, 'InvalidParameterException', /launchType/],
    ['no network configuration', { networkConfiguration: undefined }, 'InvalidParameterException', NETWORK_CONFIGURATION_REQUIRED],
    ['no awsvpcConfiguration', { networkConfiguration: {} }, 'InvalidParameterException', NETWORK_CONFIGURATION_REQUIRED],
    ['no subnets', { networkConfiguration: net() }, 'InvalidParameterException', 'subnets can not be empty.'],
    [
      '17 subnets',
      { networkConfiguration: net(...Array.from({ length: 17 }, (_, i) => `subnet-x${i}`)) },
      'InvalidParameterException',
      // [OBS] reference §3.8 (messages seen in real answers).
      'subnets can have at most 16 items.',
    ],
    [
      'unknown subnet',
      { networkConfiguration: net('subnet-nope') },
      'InvalidParameterException',
      "Error retrieving subnet information for [subnet-nope]: The subnet ID 'subnet-nope' does not exist (ErrorCode: InvalidSubnetID.NotFound)",
    ],
    [
      'subnets of two VPCs',
      { networkConfiguration: net('subnet-a1', 'subnet-other') },
      'InvalidParameterException',
      'All subnets must belong to the same VPC: subnet-a1 is in vpc-main but subnet-other is in vpc-other.',
    ],
    [
      'six security groups',
      { networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-a1'], securityGroups: ['sg-1', 'sg-2', 'sg-3', 'sg-4', 'sg-5', 'sg-6'] } } },
      'InvalidParameterException',
      // SIM RULE: ECS's list-size sentence (src/api/listSize.ts), as for subnets; no real answer found.
      'securityGroups can have at most 5 items.',
    ],
    [
      'unknown security group',
      { networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-a1'], securityGroups: ['sg-nope'] } } },
      'InvalidParameterException',
      "Error retrieving security group information for [sg-nope]: The security group 'sg-nope' does not exist (ErrorCode: InvalidGroup.NotFound)",
    ],
    [
      'security group of another VPC',
      { networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-other'], securityGroups: ['sg-web'] } } },
      'InvalidParameterException',
      'Security group sg-web is in vpc-main, but the subnets are in vpc-other; all must be in one VPC.',
    ],
    [
      'bad assignPublicIp',
      { networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-a1'], assignPublicIp: 'YES' } } },
      'InvalidParameterException',
      /assignPublicIp/,
    ],
    ['unknown platform version', { platformVersion: '9.9.9' }, 'PlatformUnknownException', PLATFORM_UNKNOWN],
    ['retired platform version', { platformVersion: '1.2.0' }, 'PlatformUnknownException', PLATFORM_UNKNOWN],
    [
      'override of a container that does not exist',
      { overrides: { containerOverrides: [{ name: 'sidecar', command: ['x'] }] } },
      'InvalidParameterException',
      'Override for container named sidecar is not a container in the TaskDefinition.',
    ],
    [
      'container override without a name',
      { overrides: { containerOverrides: [{ command: ['x'] }] } },
      'InvalidParameterException',
      'overrides.containerOverrides[0].name is required: it names the container to override.',
    ],
    [
      'a container overridden twice',
      { overrides: { containerOverrides: [{ name: 'app' }, { name: 'app' }] } },
      'InvalidParameterException',
      "overrides.containerOverrides[1]: container 'app' is overridden more than once.",
    ],
    [
      'task size override that Fargate lacks',
      { overrides: { cpu: '512', memory: '512' } },
      'ClientException',
      'No Fargate configuration exists for given values: 512 CPU, 512 memory. See the Amazon ECS documentation for the valid values.',
    ],
    [
      'container memory above the task memory',
      { overrides: { containerOverrides: [{ name: 'app', memory: 1024 }] } },
      'ClientException',
      "The 'memory' setting for container 'app' is greater than for the task.",
    ],
    [
      'container cpu above the task cpu',
      { overrides: { containerOverrides: [{ name: 'app', cpu: 512 }] } },
      'ClientException',
      "The sum of the 'cpu' settings of the containers (512) is greater than the 'cpu' setting of the task (256).",
    ],
    [
      'a negative container cpu override',
      { overrides: { containerOverrides: [{ name: 'app', cpu: -1 }] } },
      'InvalidParameterException',
      'overrides.containerOverrides[0].cpu must be 0 or greater, but was -1.',
    ],
    [
      'a negative container memory override',
      { overrides: { containerOverrides: [{ name: 'app', memory: -512 }] } },
      'InvalidParameterException',
      'overrides.containerOverrides[0].memory must be 0 or greater, but was -512.',
    ],
    [
      'a negative container memoryReservation override',
      { overrides: { containerOverrides: [{ name: 'app', memoryReservation: -1 }] } },
      'InvalidParameterException',
      'overrides.containerOverrides[0].memoryReservation must be 0 or greater, but was -1.',
    ],
    [
      'ephemeral storage out of range',
      { overrides: { ephemeralStorage: { sizeInGiB: 10 } } },
      'InvalidParameterException',
      'overrides.ephemeralStorage.sizeInGiB must be between 21 and 200, but was 10.',
    ],
    [
      'ephemeral storage override on 1.3.0',
      { platformVersion: '1.3.0', overrides: { ephemeralStorage: { sizeInGiB: 30 } } },
      'PlatformTaskDefinitionIncompatibilityException',
      PLATFORM_INCOMPATIBLE,
    ],
    [
      'oversized overrides',
      { overrides: { containerOverrides: [{ name: 'app', command: ['x'.repeat(8200)] }] } },
      'InvalidParameterException',
      'Container Overrides length must be at most 8192',
    ],
    ['group too long', { group: 'g'.repeat(256) }, 'InvalidParameterException', 'group must be 1-255 characters long.'],
    [
      'startedBy with a space',
      { startedBy: 'me and you' },
      'InvalidParameterException',
      'startedBy must be up to 128 letters (uppercase and lowercase), numbers, hyphens (-), forward slashes (/) and underscores (_).',
    ],
    [
      'propagateTags SERVICE',
      { propagateTags: 'SERVICE' },
      'InvalidParameterException',
      'propagateTags SERVICE applies only to tasks of a service; RunTask accepts TASK_DEFINITION or NONE.',
    ],
    [
      'a reserved tag key',
      { tags: [{ key: 'aws:mine', value: 'x' }] },
      'InvalidParameterException',
      "Tag keys beginning with 'aws:' are reserved for AWS use (tags[0].key).",
    ],
    [
      'placement constraints on Fargate',
      { placementConstraints: [{ type: 'distinctInstance' }] },
      'InvalidParameterException',
      'placementConstraints and placementStrategy are not supported for tasks using the Fargate launch type.',
    ],
    [
      'a client token with a space',
      { clientToken: 'a b' },
      'InvalidParameterException',
      'clientToken must be 1-64 characters of printable ASCII (codes 33-126) without spaces.',
    ],
  ];
  it.each(cases)('%s', (_name, patch, name, message) => {
    const sim = new Sim().setup();
    const input: Record<string, unknown> = {
      taskDefinition: 'web',
      launchType: 'FARGATE',
      networkConfiguration: net('subnet-a1'),
      ...patch,
    };
    for (const k of Object.keys(input)) if (input[k] === undefined) delete input[k];
    const before = sim.world;
    const err = sim.fail('RunTask', input);
    expect(err.name).toBe(name);
    if (typeof message === 'string') expect(err.message).toBe(message);
    else expect(err.message).toMatch(message);
    expect(sim.world).toBe(before);
  });

  it('refuses INACTIVE task definitions (RunTask cannot start new tasks from them)', () => {
    const sim = new Sim().setup();
    sim.ok('DeregisterTaskDefinition', { taskDefinition: 'web:1' });
    const err = sim.fail('RunTask', { taskDefinition: 'web:1', launchType: 'FARGATE', networkConfiguration: net('subnet-a1') });
    expect(err).toMatchObject({ name: 'InvalidParameterException', message: 'TaskDefinition is inactive' });
  });

  it('refuses a task definition that is not FARGATE-compatible', () => {
    const sim = new Sim().setup();
    sim.ok('RegisterTaskDefinition', {
      family: 'ec2only',
      networkMode: 'bridge',
      containerDefinitions: [{ name: 'app', image: 'nginx', memory: 128, essential: true }],
    });
    const err = sim.fail('RunTask', { taskDefinition: 'ec2only', launchType: 'FARGATE', networkConfiguration: net('subnet-a1') });
    expect(err).toMatchObject({ name: 'InvalidParameterException', message: NOT_FARGATE_COMPATIBLE });
  });

  it('refuses a strategy naming a provider the cluster does not have', () => {
    const sim = new Sim();
    sim.ok('CreateCluster', { clusterName: 'default', capacityProviders: ['FARGATE'] });
    sim.ok('RegisterTaskDefinition', WEB_TD);
    const err = sim.fail('RunTask', {
      taskDefinition: 'web',
      capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
      networkConfiguration: net('subnet-a1'),
    });
    expect(err).toMatchObject({ name: 'InvalidParameterException', message: NOT_ASSOCIATED_MESSAGE });
  });

  it('without a launch type or strategy and no default strategy, falls back to EC2 and finds no instances', () => {
    const sim = new Sim().setup();
    const err = sim.fail('RunTask', { taskDefinition: 'web', networkConfiguration: net('subnet-a1') });
    expect(err).toMatchObject({ name: 'InvalidParameterException', message: NO_CONTAINER_INSTANCES });
  });
});

describe('RunTask: capacity providers', () => {
  it('uses the cluster default strategy when neither a launch type nor a strategy is given', () => {
    const sim = new Sim().setup('default', {
      defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
    });
    const { tasks } = sim.ok<{ tasks: Array<{ capacityProviderName: string; launchType: string }> }>('RunTask', {
      taskDefinition: 'web',
      count: 3,
      networkConfiguration: net(...ALL),
    });
    expect(tasks.map((t) => t.capacityProviderName)).toEqual(['FARGATE_SPOT', 'FARGATE_SPOT', 'FARGATE_SPOT']);
    expect(tasks.every((t) => t.launchType === 'FARGATE')).toBe(true);
  });

  it('keeps the per-provider task counter on the cluster (for PutClusterCapacityProviders)', () => {
    const sim = new Sim().setup();
    sim.ok('RunTask', {
      taskDefinition: 'web',
      count: 4,
      capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }, { capacityProvider: 'FARGATE_SPOT', weight: 1 }],
      networkConfiguration: net(...ALL),
    });
    expect(sim.world.clusters.get('default')!.tasksByCapacityProvider).toEqual({ FARGATE: 2, FARGATE_SPOT: 2 });
    const err = sim.fail('PutClusterCapacityProviders', {
      cluster: 'default',
      capacityProviders: ['FARGATE'],
      defaultCapacityProviderStrategy: [],
    });
    expect(err.name).toBe('ResourceInUseException');
  });
});

describe('RunTask: quotas and throttling', () => {
  // Fargate's vCPU quota is reported per task in `failures`, as the service event catalogue and the console word it
  // (reference §9.2, with a straight apostrophe):
  // "You've reached the limit on the number of vCPUs you can run concurrently"
  // https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-event-messages.html ; RunTask answers such
  // limits in `failures` ([OBS] numerai/numerai-cli: {"tasks":[],"failures":[{"reason":"The requested CPU
  // configuration is above your limit"}]}).
  it('launches what fits in the vCPU quota and reports the rest in failures', () => {
    const sim = new Sim({ quotas: { onDemandVcpu: 1 } }).setup(); // 1 vCPU = four 0.25-vCPU tasks
    const { tasks, failures } = sim.run({ count: 6 });
    expect(tasks).toHaveLength(4);
    expect(failures).toEqual([{ reason: VCPU_LIMIT_REASON }, { reason: VCPU_LIMIT_REASON }]);
    expect(VCPU_LIMIT_REASON).toBe("You've reached the limit on the number of vCPUs you can run concurrently");
    // Spot has its own quota.
    const spot = sim.run({ launchType: undefined, capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }], count: 2 });
    expect(spot.tasks).toHaveLength(2);
  });

  it('gives the vCPUs back when tasks stop', () => {
    const sim = new Sim({ quotas: { onDemandVcpu: 0.5 } }).setup();
    const first = sim.run({ count: 2 });
    expect(first.failures).toEqual([]);
    expect(sim.run().failures).toEqual([{ reason: VCPU_LIMIT_REASON }]);
    sim.ok('StopTask', { task: first.tasks[0]!.taskArn });
    sim.advance(120_000);
    expect(sim.run().failures).toEqual([]);
  });

  // Token buckets per https://docs.aws.amazon.com/AmazonECS/latest/developerguide/throttling.html (RunTask 20/20,
  // launches 100/20 per second). A throttled RunTask is the generic AWS ThrottlingException "Rate exceeded."
  // ([OBS] cisagov/crossfeed#247, AllenInstitute/neuron_morphology#151).
  it('throttles RunTask calls beyond the burst of 20 and refills at 20 per second', () => {
    const sim = new Sim({ quotas: { onDemandLaunches: { burst: Infinity, refillPerSecond: 0 } } }).setup();
    for (let i = 0; i < 20; i++) sim.run();
    expect(sim.fail('RunTask', { taskDefinition: 'web', launchType: 'FARGATE', networkConfiguration: net('subnet-a1') })).toEqual({
      name: 'ThrottlingException',
      message: RATE_EXCEEDED,
    });
    sim.advance(50); // one token back after 50 ms at 20 per second
    sim.run();
    expect(sim.fail('RunTask', { taskDefinition: 'web', launchType: 'FARGATE', networkConfiguration: net('subnet-a1') }).name).toBe(
      'ThrottlingException',
    );
  });

  it('throttles task launches beyond the burst of 100 per pool, all or nothing per call', () => {
    const sim = new Sim({ quotas: { runTaskApi: { burst: Infinity, refillPerSecond: 0 } } }).setup();
    for (let i = 0; i < 10; i++) expect(sim.run({ count: 10 }).tasks).toHaveLength(10);
    const input = { taskDefinition: 'web', launchType: 'FARGATE', count: 10, networkConfiguration: net(...ALL) };
    expect(sim.fail('RunTask', input)).toEqual({ name: 'ThrottlingException', message: RATE_EXCEEDED });
    expect(sim.fail('RunTask', { ...input, count: 1 }).name).toBe('ThrottlingException');
    sim.advance(450); // 9 tokens back at 20 per second: not enough for 10
    expect(sim.fail('RunTask', input).name).toBe('ThrottlingException');
    sim.advance(50);
    expect(sim.run({ count: 10 }).tasks).toHaveLength(10);
    // Spot launches have their own bucket.
    const spot = sim.run({ launchType: undefined, capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }], count: 10 });
    expect(spot.tasks).toHaveLength(10);
  });
});

describe('RunTask: asynchronous and synchronous placement failures', () => {
  it('still returns a task when its subnet has no free address; the task then fails to start (reference §8)', () => {
    const sim = new Sim({
      network: {
        subnets: [{ subnetId: 'subnet-tiny', cidrBlock: '10.9.0.0/28', availabilityZone: 'us-east-1a', vpcId: 'vpc-t' }],
      },
    }).setup();
    const { tasks, failures } = sim.run({ count: 10, networkConfiguration: net('subnet-tiny') });
    const more = sim.run({ count: 2, networkConfiguration: net('subnet-tiny') });
    expect(failures).toEqual([]);
    expect(more.tasks).toHaveLength(2); // 12 tasks, 11 usable addresses: RunTask still succeeds
    sim.advance(60_000);
    const last = sim.describe(more.tasks[1]!.taskArn);
    expect(last).toMatchObject({
      lastStatus: 'STOPPED',
      desiredStatus: 'STOPPED',
      stopCode: 'TaskFailedToStart',
      stoppedReason: INSUFFICIENT_ADDRESSES_REASON,
    });
    expect(last).not.toHaveProperty('startedAt');
    expect(sim.describe(tasks[0]!.taskArn).lastStatus).not.toBe('STOPPED');
  });

  // ECS answers "Capacity is unavailable at this time…" in RunTask's failures when no zone has capacity
  // ([OBS] dagster-io/dagster#33439: retried "the same way 'Capacity is unavailable at this time' errors are",
  // read from response["failures"]); wording from
  // https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-event-messages.html
  it('reports no capacity in any zone of the request in failures', () => {
    const sim = new Sim().setup();
    sim.world = injectCapacityShortage(sim.world, { capacityProvider: 'FARGATE', availabilityZone: 'us-east-1a', durationMs: 60_000 }).world;
    const r = sim.run({ count: 2, networkConfiguration: net('subnet-a1', 'subnet-a2') });
    expect(r.tasks).toEqual([]);
    expect(r.failures).toEqual([{ reason: CAPACITY_UNAVAILABLE_REASON }, { reason: CAPACITY_UNAVAILABLE_REASON }]);
    // Another zone of the request still has capacity: tasks go there.
    const ok = sim.run({ count: 2, networkConfiguration: net('subnet-a1', 'subnet-b1') });
    expect(ok.tasks.map((t) => t.availabilityZone)).toEqual(['us-east-1b', 'us-east-1b']);
  });
});

describe('RunTask: overrides, tags, exec', () => {
  it('shows task-level and container overrides as DescribeTasks does', () => {
    const sim = new Sim().setup();
    const { tasks } = sim.run({
      overrides: {
        cpu: '1 vCPU',
        memory: '2GB',
        taskRoleArn: 'arn:aws:iam::123456789012:role/job',
        containerOverrides: [{ name: 'app', command: ['run', '--fast'], environment: [{ name: 'A', value: '1' }], memory: 1024 }],
      },
      enableExecuteCommand: true,
    });
    const t = tasks[0]!;
    expect(t).toMatchObject({
      cpu: '1024',
      memory: '2048',
      enableExecuteCommand: true,
      overrides: {
        cpu: '1024',
        memory: '2048',
        taskRoleArn: 'arn:aws:iam::123456789012:role/job',
        containerOverrides: [{ name: 'app', command: ['run', '--fast'], environment: [{ name: 'A', value: '1' }], memory: 1024 }],
      },
    });
    expect(t.containers[0]).toMatchObject({ memory: '1024', managedAgents: [{ name: 'ExecuteCommandAgent', lastStatus: 'PENDING' }] });
  });

  it('propagates the task definition tags with TASK_DEFINITION, request tags winning, and adds managed tags', () => {
    const sim = new Sim();
    sim.ok('CreateCluster', { clusterName: 'default' });
    sim.ok('RegisterTaskDefinition', { ...WEB_TD, tags: [{ key: 'team', value: 'web' }, { key: 'env', value: 'dev' }] });
    const { tasks } = sim.run({
      tags: [{ key: 'env', value: 'prod' }],
      propagateTags: 'TASK_DEFINITION',
      enableECSManagedTags: true,
    });
    expect(sim.describe(tasks[0]!.taskArn).tags).toEqual([
      { key: 'team', value: 'web' },
      { key: 'env', value: 'prod' },
      { key: 'aws:ecs:clusterName', value: 'default' },
    ]);
  });
});

/** The request `Sim.run` sends by default. */
const runInput = (): Record<string, unknown> => ({ taskDefinition: 'web', launchType: 'FARGATE', networkConfiguration: net(...ALL) });

describe('RunTask: clientToken idempotency (reference §9.3)', () => {
  it('answers a retry with the same tasks, as they are now, without launching more', () => {
    const sim = new Sim().setup();
    const first = sim.run({ count: 2, clientToken: 'tok-1' });
    sim.advance(120_000);
    const again = sim.run({ count: 2, clientToken: 'tok-1' });
    expect(again.tasks.map((t) => t.taskArn)).toEqual(first.tasks.map((t) => t.taskArn));
    expect(again.tasks.map((t) => t.lastStatus)).toEqual(['RUNNING', 'RUNNING']);
    expect(sim.counts().running).toBe(2);
  });

  it('refuses the token with different parameters: ConflictException listing the bound tasks', () => {
    const sim = new Sim().setup();
    const first = sim.run({ count: 1, clientToken: 'tok-2' });
    const err = sim.fail('RunTask', {
      taskDefinition: 'web',
      launchType: 'FARGATE',
      count: 3,
      clientToken: 'tok-2',
      networkConfiguration: net(...ALL),
    });
    expect(err).toEqual({
      name: 'ConflictException',
      message: 'The clientToken was already used with different request parameters.',
      resourceIds: [first.tasks[0]!.taskArn],
    });
  });

  it('treats a retry that spells out the defaults or names the cluster by ARN as the same request', () => {
    const sim = new Sim().setup();
    const first = sim.run({ clientToken: 'tok-4' });
    const clusterArn = 'arn:aws:ecs:us-east-1:123456789012:cluster/default';
    const retries: Array<Record<string, unknown>> = [
      { cluster: 'default' },
      { cluster: clusterArn },
      { count: 1 },
      { enableExecuteCommand: false, enableECSManagedTags: false, platformVersion: 'LATEST', propagateTags: 'NONE' },
      { tags: [], placementConstraints: [], placementStrategy: [] },
      { cluster: clusterArn, count: 1, startedBy: null, group: null },
    ];
    for (const patch of retries) {
      const again = sim.run({ clientToken: 'tok-4', ...patch });
      expect(again.tasks.map((t) => t.taskArn), JSON.stringify(patch)).toEqual([first.tasks[0]!.taskArn]);
    }
    expect(sim.world.tasks.size).toBe(1);
    // A real difference still conflicts, whichever way the cluster is named.
    expect(sim.fail('RunTask', { ...runInput(), clientToken: 'tok-4', cluster: clusterArn, count: 2 }).name).toBe(
      'ConflictException',
    );
    expect(sim.fail('RunTask', { ...runInput(), clientToken: 'tok-4', startedBy: 'me' }).name).toBe('ConflictException');
  });

  it('forgets a token after a day: a later call with it launches new tasks', () => {
    const sim = new Sim().setup();
    const first = sim.run({ clientToken: 'tok-3' });
    sim.advance(24 * 3_600_000 - 1);
    expect(sim.run({ clientToken: 'tok-3' }).tasks[0]!.taskArn).toBe(first.tasks[0]!.taskArn);
    sim.advance(1);
    expect(sim.run({ clientToken: 'tok-3' }).tasks[0]!.taskArn).not.toBe(first.tasks[0]!.taskArn);
    expect(sim.counts()).toEqual({ running: 1, pending: 1 });
  });
});

describe('RunTask: placement across zones', () => {
  it('spreads the tasks of one group evenly across the zones of the request', () => {
    const sim = new Sim().setup();
    const { tasks } = sim.run({ count: 9 });
    const perZone = new Map<string, number>();
    for (const t of tasks) perZone.set(t.availabilityZone, (perZone.get(t.availabilityZone) ?? 0) + 1);
    expect([...perZone.values()].sort()).toEqual([3, 3, 3]);
  });

  it('moves to another subnet of the zone (then of the request) when one is full', () => {
    const sim = new Sim({
      network: {
        subnets: [
          { subnetId: 'subnet-s', cidrBlock: '10.8.0.0/28', availabilityZone: 'us-east-1a', vpcId: 'vpc-t' },
          { subnetId: 'subnet-t', cidrBlock: '10.8.1.0/28', availabilityZone: 'us-east-1a', vpcId: 'vpc-t' },
        ],
      },
    }).setup();
    const a = sim.run({ count: 10, networkConfiguration: net('subnet-s', 'subnet-t') });
    const b = sim.run({ count: 10, networkConfiguration: net('subnet-s', 'subnet-t') });
    const subnets = [...a.tasks, ...b.tasks].map((t) => detailOf(t, 'subnetId'));
    expect(subnets.filter((s) => s === 'subnet-s')).toHaveLength(10);
    expect(subnets.filter((s) => s === 'subnet-t')).toHaveLength(10);
  });
});
