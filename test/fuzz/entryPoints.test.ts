// The fuzz suite (issue 13): every external door into the core — execute (each operation), tryCreateWorld /
// createWorld, the fault functions, advance and replay — fed any JavaScript value, any JSON value, and mutations
// of valid inputs (a member replaced, deleted, stringified, an unknown key, deep nesting, cycles, BigInts, Proxies
// and getters that throw). Every answer must be a value (never a throw) with a documented error shape, a rejection
// must leave the World unchanged, and Object.prototype must stay clean.
//
// CI: fixed seed (test/setup.ts), a few thousand cases, well under a minute. Long local mode:
// `FC_NUM_RUNS_SCALE=50 npx vitest run test/fuzz` (FC_SEED=… for another seed).
import { autoScalingGroupArn } from '../../src/scheduler/ec2/autoScalingGroups.js';
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import {
  advance,
  createWorld,
  execute,
  injectCapacityShortage,
  interruptSpotTasks,
  replay,
  setBehaviors,
  setSubnetAvailability,
  tryCreateWorld,
  type EcsError,
  type World,
} from '../../src/index.js';
import { operations } from '../../src/api/operations.js';
import { anyJson, anyValue, applyMutation, materialize, mutationOf, prototypeKeys, replacement, runs, type Mutation } from './fuzzInputs.js';

/** A mutation of `valid`, or a value on its own (any value, any JSON, a replacement). */
type Case = { readonly mutation: Mutation } | { readonly value: unknown };
const casesOf = (valid: unknown, ...others: Array<fc.Arbitrary<unknown>>): fc.Arbitrary<Case> =>
  fc.oneof(mutationOf(valid).map((mutation) => ({ mutation })), ...others.map((a) => a.map((value) => ({ value }))));
const build = (valid: unknown, c: Case): unknown => ('mutation' in c ? applyMutation(valid, c.mutation) : materialize(c.value));

// ---------------------------------------------------------------------------------------------------------------
// A small world with something in every table, and a valid request for every operation

function setUp(): World {
  let w = createWorld({
    seed: 2026,
    containerInstances: [
      { cluster: 'ec2', instanceType: 'm5.large', count: 2, attributes: { stack: 'a' }, autoScalingGroup: 'asg' },
      { cluster: 'ec2', instanceType: 'm5.large', count: 1, autoScalingGroup: 'asg-2' },
    ],
  });
  const subnets = w.config.network.subnets.map((s) => s.subnetId);
  const steps: Array<[string, unknown]> = [
    ['CreateCluster', {}],
    ['CreateCluster', { clusterName: 'c1', tags: [{ key: 'team', value: 'a' }], capacityProviders: ['FARGATE', 'FARGATE_SPOT'] }],
    ['RegisterTaskDefinition', TASK_DEFINITION],
    ['RunTask', { taskDefinition: 'web', launchType: 'FARGATE', count: 2, networkConfiguration: { awsvpcConfiguration: { subnets } } }],
    ['CreateService', { serviceName: 'svc', taskDefinition: 'web', desiredCount: 2, launchType: 'FARGATE', networkConfiguration: { awsvpcConfiguration: { subnets } } }],
    // An EC2 definition, for StartTask.
    ['RegisterTaskDefinition', { family: 'batch', requiresCompatibilities: ['EC2'], containerDefinitions: [{ name: 'b', image: 'busybox', cpu: 128, memory: 128, portMappings: [{ containerPort: 80, hostPort: 0 }] }] }],
    // An Auto Scaling group provider, for DeleteCapacityProvider (the other group is CreateCapacityProvider's sample).
    ['CreateCapacityProvider', { name: 'cp-setup', autoScalingGroupProvider: { autoScalingGroupArn: autoScalingGroupArn(w.config, 'asg') } }],
  ];
  for (const [op, input] of steps) {
    const r = execute(w, op, input);
    if (E.isLeft(r)) throw new Error(`${op}: ${r.left.message}`);
    w = r.right.world;
  }
  return advance(w, 120_000).world;
}

const TASK_DEFINITION = {
  family: 'web',
  requiresCompatibilities: ['FARGATE'],
  networkMode: 'awsvpc',
  cpu: '256',
  memory: '512',
  containerDefinitions: [
    {
      name: 'web',
      image: 'nginx:1.27',
      essential: true,
      portMappings: [{ containerPort: 80, protocol: 'tcp' }],
      environment: [{ name: 'A', value: 'b' }],
      healthCheck: { command: ['CMD-SHELL', 'true'], interval: 30, retries: 3 },
      dockerLabels: { a: 'b' },
    },
  ],
  volumes: [{ name: 'v' }],
  tags: [{ key: 'k', value: 'v' }],
};

const world = setUp();
const subnetIds = world.config.network.subnets.map((s) => s.subnetId);
const taskArns = [...world.tasks.values()].map((t) => `arn:aws:ecs:us-east-1:123456789012:task/default/${t.taskId}`);
const clusterArn = 'arn:aws:ecs:us-east-1:123456789012:cluster/c1';
const instanceArns = [...world.containerInstances.values()].map((ci) => ci.arn);

const VALID_REQUESTS: Readonly<Record<string, unknown>> = {
  CreateCluster: { clusterName: 'new', settings: [{ name: 'containerInsights', value: 'enabled' }], tags: [{ key: 'a', value: 'b' }], capacityProviders: ['FARGATE'], defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1, base: 0 }] },
  DescribeClusters: { clusters: ['default', clusterArn], include: ['TAGS', 'SETTINGS'] },
  ListClusters: { maxResults: 10 },
  DeleteCluster: { cluster: 'c1' },
  UpdateCluster: { cluster: 'c1', settings: [{ name: 'containerInsights', value: 'disabled' }] },
  UpdateClusterSettings: { cluster: 'c1', settings: [{ name: 'containerInsights', value: 'enabled' }] },
  PutClusterCapacityProviders: { cluster: 'c1', capacityProviders: ['FARGATE', 'FARGATE_SPOT'], defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 2 }] },
  TagResource: { resourceArn: clusterArn, tags: [{ key: 'x', value: 'y' }] },
  UntagResource: { resourceArn: clusterArn, tagKeys: ['team'] },
  ListTagsForResource: { resourceArn: clusterArn },
  RegisterTaskDefinition: TASK_DEFINITION,
  DescribeTaskDefinition: { taskDefinition: 'web:1', include: ['TAGS'] },
  DeregisterTaskDefinition: { taskDefinition: 'web:1' },
  DeleteTaskDefinitions: { taskDefinitions: ['web:1'] },
  ListTaskDefinitions: { familyPrefix: 'we', status: 'ACTIVE', sort: 'DESC', maxResults: 5 },
  ListTaskDefinitionFamilies: { familyPrefix: 'w', status: 'ALL' },
  RunTask: {
    cluster: 'c1',
    taskDefinition: 'web',
    count: 3,
    clientToken: 'tok-1',
    capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }, { capacityProvider: 'FARGATE_SPOT', weight: 1 }],
    networkConfiguration: { awsvpcConfiguration: { subnets: subnetIds, assignPublicIp: 'DISABLED' } },
    overrides: { cpu: '512', memory: '1024', containerOverrides: [{ name: 'web', environment: [{ name: 'B', value: 'c' }], command: ['x'] }] },
    tags: [{ key: 'a', value: 'b' }],
    propagateTags: 'TASK_DEFINITION',
    volumeConfigurations: [{ name: 'v', managedEBSVolume: { roleArn: 'arn:aws:iam::123456789012:role/r', sizeInGiB: 5 } }],
    group: 'g',
    startedBy: 'me',
  },
  CreateCapacityProvider: {
    name: 'cp-fuzz',
    autoScalingGroupProvider: {
      autoScalingGroupArn: autoScalingGroupArn(world.config, 'asg-2'),
      managedScaling: { status: 'DISABLED', targetCapacity: 90, minimumScalingStepSize: 1, maximumScalingStepSize: 5, instanceWarmupPeriod: 60 },
      managedTerminationProtection: 'DISABLED',
    },
    tags: [{ key: 'a', value: 'b' }],
  },
  DescribeCapacityProviders: { capacityProviders: ['FARGATE', 'cp-setup', 'nope'], include: ['TAGS'] },
  DeleteCapacityProvider: { capacityProvider: 'cp-setup' },
  UpdateCapacityProvider: { name: 'cp-setup', autoScalingGroupProvider: { managedScaling: { status: 'DISABLED', targetCapacity: 80 }, managedDraining: 'DISABLED' } },
  StartTask: {
    cluster: 'ec2',
    taskDefinition: 'batch',
    containerInstances: [...instanceArns, 'nope'],
    overrides: { containerOverrides: [{ name: 'b', command: ['x'], memoryReservation: 64 }] },
    group: 'g',
    startedBy: 'me',
    tags: [{ key: 'a', value: 'b' }],
    propagateTags: 'TASK_DEFINITION',
    enableECSManagedTags: true,
    referenceId: 'ref-1',
  },
  StopTask: { task: taskArns[0], reason: 'done' },
  DescribeTasks: { tasks: taskArns, include: ['TAGS'] },
  ListTasks: { desiredStatus: 'RUNNING', family: 'web', maxResults: 10 },
  CreateService: {
    cluster: 'c1',
    serviceName: 'api',
    taskDefinition: 'web:1',
    desiredCount: 3,
    capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1, base: 1 }, { capacityProvider: 'FARGATE_SPOT', weight: 2 }],
    networkConfiguration: { awsvpcConfiguration: { subnets: subnetIds, securityGroups: [] } },
    deploymentConfiguration: { minimumHealthyPercent: 50, maximumPercent: 150, deploymentCircuitBreaker: { enable: true, rollback: true } },
    loadBalancers: [{ targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef', containerName: 'web', containerPort: 80 }],
    healthCheckGracePeriodSeconds: 30,
    tags: [{ key: 'a', value: 'b' }],
    propagateTags: 'SERVICE',
    clientToken: 'tok-2',
  },
  UpdateService: { service: 'svc', desiredCount: 4, forceNewDeployment: true, deploymentConfiguration: { maximumPercent: 200 } },
  DeleteService: { service: 'svc', force: true },
  DescribeServices: { services: ['svc', 'nope'], include: ['TAGS'] },
  ListServices: { maxResults: 5, launchType: 'FARGATE' },
  RegisterContainerInstance: {
    cluster: 'ec2',
    instanceIdentityDocument: JSON.stringify({ instanceId: 'i-0123456789abcdef0', instanceType: 'c5.large', availabilityZone: 'us-east-1a' }),
    totalResources: [{ name: 'CPU', type: 'INTEGER', integerValue: 2048 }, { name: 'PORTS', type: 'STRINGSET', stringSetValue: ['22'] }],
    versionInfo: { agentVersion: '1.86.3' },
    attributes: [{ name: 'stack', value: 'b' }],
    tags: [{ key: 'a', value: 'b' }],
  },
  DeregisterContainerInstance: { cluster: 'ec2', containerInstance: instanceArns[0], force: true },
  DescribeContainerInstances: { cluster: 'ec2', containerInstances: [...instanceArns, 'nope'], include: ['TAGS'] },
  ListContainerInstances: { cluster: 'ec2', filter: 'attribute:stack == a and attribute:ecs.availability-zone in [us-east-1a, us-east-1b]', status: 'ACTIVE', maxResults: 1 },
  UpdateContainerInstancesState: { cluster: 'ec2', containerInstances: instanceArns, status: 'DRAINING' },
  PutAttributes: { cluster: 'ec2', attributes: [{ name: 'tier', value: 'gold', targetType: 'container-instance', targetId: instanceArns[1] }] },
  DeleteAttributes: { cluster: 'ec2', attributes: [{ name: 'stack', targetId: instanceArns[0] }] },
  ListAttributes: { cluster: 'ec2', targetType: 'container-instance', attributeName: 'stack', maxResults: 5 },
};

// Every error an ECS call may answer with, except ServerException, which is a defect of the twin.
const ERROR_NAMES = new Set<string>([
  'ClientException',
  'InvalidParameterException',
  'ClusterNotFoundException',
  'ClusterContainsServicesException',
  'ClusterContainsTasksException',
  'ClusterContainsContainerInstancesException',
  'ServiceNotFoundException',
  'ServiceNotActiveException',
  'PlatformUnknownException',
  'PlatformTaskDefinitionIncompatibilityException',
  'UnsupportedFeatureException',
  'AccessDeniedException',
  'LimitExceededException',
  'ResourceNotFoundException',
  'ResourceInUseException',
  'UpdateInProgressException',
  'ConflictException',
  'AttributeLimitExceededException',
  'TargetNotFoundException',
  'ThrottlingException',
  'SerializationException',
  'UnknownOperationException',
]);

function expectDocumentedError(e: EcsError): void {
  expect(ERROR_NAMES.has(e.name), `error name ${e.name}: ${e.message}`).toBe(true);
  expect(typeof e.message).toBe('string');
  expect(e.message.length).toBeGreaterThan(0);
}

/** A fault function's answer to invalid arguments is the same World and an error; to valid ones, no error. */
function expectSimShape(r: { world: World; events: readonly unknown[]; error?: EcsError }): void {
  if (r.error !== undefined) {
    expect(r.world).toBe(world);
    expect(r.events).toEqual([]);
    expect(['InvalidParameterException', 'SerializationException']).toContain(r.error.name);
  }
}

const OPERATIONS = Object.keys(VALID_REQUESTS);
const worldJson = JSON.stringify(world);
let protoBefore: string[];

beforeAll(() => {
  protoBefore = prototypeKeys();
});

afterAll(() => {
  // Nothing any call did changed the World it was given, and nothing polluted Object.prototype.
  expect(JSON.stringify(world)).toBe(worldJson);
  expect(prototypeKeys()).toEqual(protoBefore);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

describe('fuzz: execute', () => {
  test('every operation the twin implements has a sample request here (none escapes the fuzz)', () => {
    expect([...operations.keys()].sort()).toEqual([...OPERATIONS].sort());
  });

  test('every valid sample request is accepted (the mutations start from valid inputs)', () => {
    for (const op of OPERATIONS) {
      const r = execute(world, op, VALID_REQUESTS[op]);
      expect(E.isRight(r), `${op}: ${E.isLeft(r) ? r.left.message : ''}`).toBe(true);
    }
  });

  test.prop([fc.constantFrom(...OPERATIONS).chain((op) => fc.tuple(fc.constant(op), mutationOf(VALID_REQUESTS[op])))], { numRuns: runs(3_000) })(
    'a mutation of a valid request: a documented answer, never a throw',
    ([op, mutation]) => {
      const r = execute(world, op, applyMutation(VALID_REQUESTS[op], mutation));
      if (E.isLeft(r)) expectDocumentedError(r.left);
    },
  );

  test.prop([fc.constantFrom(...OPERATIONS), fc.oneof(anyValue, anyJson, replacement)], { numRuns: runs(1_500) })(
    'any value as a request: a documented answer, never a throw',
    (op, input) => {
      const r = execute(world, op, materialize(input));
      if (E.isLeft(r)) expectDocumentedError(r.left);
    },
  );

  test.prop([anyValue, anyJson], { numRuns: runs(200) })('any operation name: UnknownOperationException or an answer', (op, input) => {
    const r = execute(world, op as never, input);
    if (E.isLeft(r)) expectDocumentedError(r.left);
  });
});

const VALID_CONFIG = {
  region: 'eu-west-1',
  accountId: '111122223333',
  seed: 7,
  startTimeMs: 1_700_000_000_000,
  network: {
    subnets: [{ subnetId: 'subnet-1', cidrBlock: '10.0.0.0/24', availabilityZone: 'eu-west-1a', vpcId: 'vpc-1' }],
    securityGroups: [{ groupId: 'sg-1', vpcId: 'vpc-1', groupName: 'web' }],
  },
  quotas: { onDemandVcpu: 100, runTaskApi: { burst: 5, refillPerSecond: 1 } },
  timings: { provisioning: { medianMs: 1000, minMs: 500, maxMs: 2000, spread: 0.1 } },
  behaviors: [{ match: { image: '*nginx*' }, pullMs: { medianMs: 5, minMs: 1, maxMs: 10 }, exitAfterMs: 1000, exitCode: 1, onSigterm: 'ignore' }],
  retention: { stoppedTaskMs: 60_000 },
};

describe('fuzz: world configuration', () => {
  test('the valid sample config is accepted', () => {
    expect(E.isRight(tryCreateWorld(VALID_CONFIG))).toBe(true);
  });

  test.prop([casesOf(VALID_CONFIG, anyValue, anyJson)], { numRuns: runs(1_500) })(
    'tryCreateWorld answers a value; createWorld throws only RangeError with the same message; a World it makes can run',
    (c) => {
      const config = build(VALID_CONFIG, c);
      const r = tryCreateWorld(config);
      let thrown: unknown;
      try {
        createWorld(config as never);
      } catch (e) {
        thrown = e;
      }
      if (E.isLeft(r)) {
        expect(r.left.name).toBe('InvalidParameterException');
        // A non-object config is refused before decoding; createWorld reads it like an empty one only for undefined.
        if (typeof config === 'object' && config !== null && !Array.isArray(config)) {
          expect(thrown).toBeInstanceOf(RangeError);
          expect((thrown as RangeError).message).toBe(r.left.message);
        }
        return;
      }
      expect(thrown).toBeUndefined();
      const w = r.right;
      expect(Number.isSafeInteger(w.nowMs)).toBe(true);
      const later = advance(w, 3_600_000);
      expect(later.error).toBeUndefined();
      expect(later.world.nowMs).toBe(w.nowMs + 3_600_000);
    },
  );
});

describe('fuzz: fault functions and advance', () => {
  const validRules = VALID_CONFIG.behaviors;
  const validShortage = { capacityProvider: 'FARGATE', availabilityZone: 'us-east-1a', durationMs: 60_000, startMs: world.nowMs };
  const validSpot = { cluster: 'default', availabilityZone: 'us-east-1a', tasks: taskArns, count: 1 };

  test.prop([casesOf(validRules, anyValue, replacement)], { numRuns: runs(800) })('setBehaviors', (c) => {
    expectSimShape(setBehaviors(world, build(validRules, c) as never));
  });

  test.prop([casesOf(validShortage, anyValue, replacement)], { numRuns: runs(800) })('injectCapacityShortage', (c) => {
    const r = injectCapacityShortage(world, build(validShortage, c) as never);
    expectSimShape(r);
    for (const s of r.world.faults.capacityShortages) expect(Number.isSafeInteger(s.untilMs) && s.untilMs <= 8.64e15).toBe(true);
  });

  test.prop([casesOf(validSpot, anyValue, replacement)], { numRuns: runs(800) })('interruptSpotTasks', (c) => {
    expectSimShape(interruptSpotTasks(world, build(validSpot, c) as never));
  });

  test.prop([fc.oneof(fc.constantFrom(...subnetIds), replacement), fc.oneof(fc.boolean(), replacement)], { numRuns: runs(500) })(
    'setSubnetAvailability',
    (subnetId, available) => {
      expectSimShape(setSubnetAvailability(world, materialize(subnetId) as never, materialize(available) as never));
    },
  );

  test.prop([fc.oneof(fc.integer({ min: 0, max: 10_000_000 }), fc.double(), fc.constantFrom(8.64e15, Number.MAX_SAFE_INTEGER), replacement)], { numRuns: runs(300) })(
    'advance: a step is taken whole or refused with an error, and the clock stays a readable date',
    (ms) => {
      const r = advance(world, materialize(ms) as never);
      if (r.error !== undefined) {
        expect(r.world).toBe(world);
        expect(r.error.name).toBe('InvalidParameterException');
      } else {
        expect(r.world.nowMs).toBe(world.nowMs + (ms as number));
        expect(() => new Date(r.world.nowMs).toISOString()).not.toThrow();
      }
    },
  );
});

describe('fuzz: replay', () => {
  const validJournal = [
    { kind: 'execute', operation: 'CreateCluster', input: { clusterName: 'j' } },
    { kind: 'execute', operation: 'RegisterTaskDefinition', input: TASK_DEFINITION },
    { kind: 'advance', ms: 5_000 },
    { kind: 'fault', fault: 'setBehaviors', rules: VALID_CONFIG.behaviors },
    { kind: 'fault', fault: 'injectCapacityShortage', options: { capacityProvider: 'FARGATE', availabilityZone: 'us-east-1b', durationMs: 1000 } },
    { kind: 'fault', fault: 'setSubnetAvailability', subnetId: 'subnet-x', available: false },
    { kind: 'fault', fault: 'interruptSpotTasks', options: {} },
  ];

  test.prop([casesOf(validJournal, fc.array(anyJson, { maxLength: 5 }), anyValue)], { numRuns: runs(800) })(
    'a documented answer, never a throw, and the same answer twice',
    (c) => {
      const journal = build(validJournal, c);
      const iterable = Array.isArray(journal) ? journal : (journal as Iterable<unknown>);
      const a = replay({ seed: 3 }, iterable);
      if (E.isLeft(a)) expectDocumentedError(a.left);
      const b = replay({ seed: 3 }, iterable);
      expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    },
  );
});
