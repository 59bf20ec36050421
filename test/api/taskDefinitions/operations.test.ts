import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createWorld, execute, type World } from '../../../src/index.js';
import { ec2Request, fail, fargateRequest, registerOk, run } from './helpers.js';

const ARN = 'arn:aws:ecs:us-east-1:123456789012:task-definition';
type Td = Record<string, unknown>;

/** A world with `web:1..n` (and optionally other families) registered, one second apart. */
function worldWith(families: Record<string, number>): World {
  let w = createWorld();
  for (const [family, n] of Object.entries(families)) {
    for (let i = 0; i < n; i++) w = registerOk(fargateRequest({ family }), w).world;
  }
  return w;
}

describe('RegisterTaskDefinition', () => {
  it('returns the normalised definition as DescribeTaskDefinition shows it', () => {
    const { output } = registerOk(fargateRequest({ tags: [{ key: 'team', value: 'web' }] }));
    expect(output).toEqual({
      taskDefinition: {
        taskDefinitionArn: `${ARN}/web:1`,
        containerDefinitions: [
          {
            name: 'app',
            image: 'nginx:latest',
            cpu: 0,
            portMappings: [{ containerPort: 80, hostPort: 80, protocol: 'tcp' }],
            essential: true,
            environment: [],
            mountPoints: [],
            volumesFrom: [],
            logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/web' } },
            systemControls: [],
          },
        ],
        family: 'web',
        executionRoleArn: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
        networkMode: 'awsvpc',
        revision: 1,
        volumes: [],
        status: 'ACTIVE',
        // The list and order AWS returned for the same shape (corpus 0072: awsvpc, awslogs, an execution role).
        requiresAttributes: [
          { name: 'com.amazonaws.ecs.capability.logging-driver.awslogs' },
          { name: 'ecs.capability.execution-role-awslogs' },
          { name: 'com.amazonaws.ecs.capability.docker-remote-api.1.19' },
          { name: 'com.amazonaws.ecs.capability.docker-remote-api.1.18' },
          { name: 'ecs.capability.task-eni' },
        ],
        placementConstraints: [],
        compatibilities: ['EC2', 'MANAGED_INSTANCES', 'FARGATE'],
        requiresCompatibilities: ['FARGATE'],
        cpu: '256',
        memory: '512',
        registeredAt: 1704067200,
        registeredBy: 'arn:aws:iam::123456789012:root',
      },
      tags: [{ key: 'team', value: 'web' }],
    });
  });

  it('numbers revisions per family and keeps counting after deregistration and deletion', () => {
    let w = worldWith({ web: 2, api: 1 });
    w = run(w, 'DeregisterTaskDefinition', { taskDefinition: 'web:2' }).world;
    w = run(w, 'DeleteTaskDefinitions', { taskDefinitions: ['web:2'] }).world;
    const r = registerOk(fargateRequest(), w);
    expect(r.output.taskDefinition.revision).toBe(3);
    expect(r.output.taskDefinition.taskDefinitionArn).toBe(`${ARN}/web:3`);
  });

  it('computes compatibilities as ECS does today (corpus 0112, 0026, 0164, 0142 from June 2026 on)', () => {
    const compat = (req: unknown) => registerOk(req).output.taskDefinition.compatibilities;
    // Non-awsvpc: EC2 only since 2023 (corpus 0093, 0035, 0234, 0318); EXTERNAL only when requested.
    expect(compat(ec2Request())).toEqual(['EC2']);
    expect(compat(ec2Request({ requiresCompatibilities: ['EXTERNAL'] }))).toEqual(['EXTERNAL', 'EC2']);
    // awsvpc Linux: Managed Instances too; Fargate when every Fargate rule holds (corpus 0030: an EC2 definition).
    expect(compat(ec2Request({ networkMode: 'awsvpc', cpu: '256', memory: '512' }))).toEqual(['EC2', 'MANAGED_INSTANCES', 'FARGATE']);
    expect(compat(ec2Request({ networkMode: 'awsvpc', cpu: '300', memory: '512' }))).toEqual(['EC2', 'MANAGED_INSTANCES']);
    expect(compat(fargateRequest({ requiresCompatibilities: ['FARGATE', 'MANAGED_INSTANCES'] }))).toEqual(['EC2', 'MANAGED_INSTANCES', 'FARGATE']);
    // Managed Instances run Linux only.
    const windows = { runtimePlatform: { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE' }, cpu: '1024', memory: '2048' };
    expect(compat(fargateRequest(windows))).toEqual(['EC2', 'FARGATE']);
  });

  it('stores requiresAttributes on the domain definition, where EC2 placement reads them', () => {
    const { world, output } = registerOk(fargateRequest());
    const td = world.taskDefinitions.get('web 0000001')!;
    expect(td.requiresAttributes).toEqual(output.taskDefinition.requiresAttributes);
    // Responses are copies: editing one leaves the World's list alone.
    (output.taskDefinition.requiresAttributes as { name: string }[])[0]!.name = 'edited';
    expect(td.requiresAttributes![0]!.name).toBe('com.amazonaws.ecs.capability.logging-driver.awslogs');
  });

  it('stores the domain fields the scheduler reads', () => {
    const { world } = registerOk(
      fargateRequest({
        cpu: '1 vCPU',
        memory: '2 GB',
        runtimePlatform: { cpuArchitecture: 'ARM64' },
        containerDefinitions: [
          { name: 'app', image: 'nginx', cpu: 512, memory: 1024, memoryReservation: 512, portMappings: [{ containerPort: 8080 }],
            healthCheck: { command: ['CMD', 'true'], startPeriod: 10 }, dependsOn: [{ containerName: 'init', condition: 'SUCCESS' }] },
          { name: 'init', image: 'busybox', essential: false, stopTimeout: 5, startTimeout: 60 },
        ],
      }),
    );
    const td = world.taskDefinitions.get('web 0000001')!;
    expect(td).toMatchObject({
      family: 'web', revision: 1, status: 'ACTIVE', cpuUnits: 1024, memoryMiB: 2048, networkMode: 'awsvpc',
      cpuArchitecture: 'ARM64', operatingSystemFamily: 'LINUX', ephemeralStorageGiB: 20, registeredAtMs: 1704067200000,
    });
    expect(td.containers).toEqual([
      { name: 'app', image: 'nginx', essential: true, cpuUnits: 512, memoryMiB: 1024, memoryReservationMiB: 512,
        healthCheck: { command: ['CMD', 'true'], intervalSeconds: 30, timeoutSeconds: 5, retries: 3, startPeriodSeconds: 10 },
        dependsOn: [{ containerName: 'init', condition: 'SUCCESS' }], stopTimeoutSeconds: 30,
        portMappings: [{ containerPort: 8080, hostPort: 8080, protocol: 'tcp' }] },
      { name: 'init', image: 'busybox', essential: false, cpuUnits: 0, dependsOn: [], stopTimeoutSeconds: 5, startTimeoutSeconds: 60, portMappings: [] },
    ]);
    expect(world.families.get('web')).toEqual({ family: 'web', lastRevision: 1, activeRevisionCount: 1, revisionCount: 1, latestActiveRevision: 1 });
  });

  it('does not let a caller change the world through its request or the response', () => {
    const req = fargateRequest();
    const { world, output } = registerOk(req);
    ((req.containerDefinitions as Td[])[0]!.portMappings as Td[]).push({ containerPort: 1 });
    (output.taskDefinition.containerDefinitions as Td[])[0]!.image = 'changed';
    const described = run<{ taskDefinition: Td }>(world, 'DescribeTaskDefinition', { taskDefinition: 'web' }).output;
    expect((described.taskDefinition.containerDefinitions as Td[])[0]).toMatchObject({ image: 'nginx:latest', portMappings: [{ containerPort: 80, hostPort: 80, protocol: 'tcp' }] });
  });

  it('refuses a revision beyond the 1,000,000 per family', () => {
    const w0 = worldWith({ web: 1 });
    const w: World = { ...w0, families: w0.families.set('web', { family: 'web', lastRevision: 1_000_000, activeRevisionCount: 1, revisionCount: 1, latestActiveRevision: 1 }) };
    expect(fail(w, 'RegisterTaskDefinition', fargateRequest())).toEqual({
      name: 'LimitExceededException',
      message: "Family 'web' has reached the limit of 1000000 revisions per task definition family.",
    });
  });
});

describe('DescribeTaskDefinition', () => {
  const w = worldWith({ web: 3 });

  it.each([
    ['web', 3],
    ['web:2', 2],
    [`${ARN}/web:1`, 1],
    [`${ARN}/web`, 3],
  ])('finds %s (revision %i)', (ref, revision) => {
    expect(run<{ taskDefinition: Td }>(w, 'DescribeTaskDefinition', { taskDefinition: ref }).output.taskDefinition.revision).toBe(revision);
  });

  // ECS's answer for an unknown definition (getmoto/moto#5910 quotes the AWS CLI).
  it.each(['nope', 'web:4', 'web:0', 'web:x', 'web:', 'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:1',
    'arn:aws:ecs:us-east-1:999999999999:task-definition/web:1', 'arn:aws:ecs:us-east-1:123456789012:cluster/web', ''])(
    'rejects %j',
    (ref) => {
      expect(fail(w, 'DescribeTaskDefinition', { taskDefinition: ref })).toEqual({ name: 'ClientException', message: 'Unable to describe task definition.' });
    },
  );

  it('adds tags only when asked', () => {
    const tagged = registerOk(fargateRequest({ tags: [{ key: 'a', value: 'b' }] })).world;
    expect(run(tagged, 'DescribeTaskDefinition', { taskDefinition: 'web' }).output).not.toHaveProperty('tags');
    expect(run(tagged, 'DescribeTaskDefinition', { taskDefinition: 'web', include: ['TAGS'] }).output).toHaveProperty('tags', [{ key: 'a', value: 'b' }]);
  });

  it('requires taskDefinition', () => {
    expect(fail(w, 'DescribeTaskDefinition', {})).toEqual({ name: 'InvalidParameterException', message: 'taskDefinition is required but was not given.' });
  });

  it('resolves a bare family to the latest ACTIVE revision', () => {
    const w2 = run(w, 'DeregisterTaskDefinition', { taskDefinition: 'web:3' }).world;
    expect(run<{ taskDefinition: Td }>(w2, 'DescribeTaskDefinition', { taskDefinition: 'web' }).output.taskDefinition.revision).toBe(2);
    const w3 = run(run(w2, 'DeregisterTaskDefinition', { taskDefinition: 'web:1' }).world, 'DeregisterTaskDefinition', { taskDefinition: 'web:2' }).world;
    expect(fail(w3, 'DescribeTaskDefinition', { taskDefinition: 'web' }).message).toBe('Unable to describe task definition.');
    expect(run<{ taskDefinition: Td }>(w3, 'DescribeTaskDefinition', { taskDefinition: 'web:2' }).output.taskDefinition.status).toBe('INACTIVE');
  });
});

describe('DeregisterTaskDefinition', () => {
  it('marks the revision INACTIVE with deregisteredAt, in describe order', () => {
    const w = worldWith({ web: 1 });
    const later: World = { ...w, nowMs: w.nowMs + 5_000 };
    const { output } = run<{ taskDefinition: Td }>(later, 'DeregisterTaskDefinition', { taskDefinition: `${ARN}/web:1` });
    expect(output.taskDefinition).toMatchObject({ status: 'INACTIVE', registeredAt: 1704067200, deregisteredAt: 1704067205 });
    expect(Object.keys(output.taskDefinition).slice(-3)).toEqual(['registeredAt', 'deregisteredAt', 'registeredBy']);
  });

  it('returns an INACTIVE revision unchanged (same world)', () => {
    const w = run(worldWith({ web: 1 }), 'DeregisterTaskDefinition', { taskDefinition: 'web:1' }).world;
    const again = execute(w, 'DeregisterTaskDefinition', { taskDefinition: 'web:1' });
    expect(E.isRight(again) && again.right.world).toBe(w);
  });

  it('requires a revision, and an existing one', () => {
    const w = worldWith({ web: 1 });
    expect(fail(w, 'DeregisterTaskDefinition', { taskDefinition: 'web' })).toEqual({
      name: 'ClientException',
      message: "taskDefinition 'web' has no revision; give family:revision or a full ARN to deregister it.",
    });
    expect(fail(w, 'DeregisterTaskDefinition', { taskDefinition: 'web:9' })).toEqual({ name: 'ClientException', message: 'The specified task definition does not exist.' });
  });

  it('keeps the family bookkeeping in step', () => {
    let w = worldWith({ web: 3 });
    w = run(w, 'DeregisterTaskDefinition', { taskDefinition: 'web:3' }).world;
    expect(w.families.get('web')).toEqual({ family: 'web', lastRevision: 3, activeRevisionCount: 2, revisionCount: 3, latestActiveRevision: 2 });
    w = run(w, 'DeregisterTaskDefinition', { taskDefinition: 'web:1' }).world;
    expect(w.families.get('web')).toEqual({ family: 'web', lastRevision: 3, activeRevisionCount: 1, revisionCount: 3, latestActiveRevision: 2 });
    w = run(w, 'DeregisterTaskDefinition', { taskDefinition: 'web:2' }).world;
    expect(w.families.get('web')).toEqual({ family: 'web', lastRevision: 3, activeRevisionCount: 0, revisionCount: 3 });
  });
});

describe('DeleteTaskDefinitions', () => {
  it('moves INACTIVE revisions to DELETE_IN_PROGRESS and reports the others as failures', () => {
    let w = worldWith({ web: 3 });
    w = run(w, 'DeregisterTaskDefinition', { taskDefinition: 'web:1' }).world;
    const { world, output } = run<{ taskDefinitions: Td[]; failures: unknown[] }>(w, 'DeleteTaskDefinitions', {
      taskDefinitions: ['web:1', `${ARN}/web:2`, 'web:9', 'web:1'],
    });
    expect(output.taskDefinitions.map((t) => [t.revision, t.status, t.deleteRequestedAt])).toEqual([[1, 'DELETE_IN_PROGRESS', 1704067200]]);
    expect(output.failures).toEqual([
      { arn: `${ARN}/web:2`, reason: 'The specified task definition is still in ACTIVE status. Please deregister the target and try again.' },
      { arn: `${ARN}/web:9`, reason: 'MISSING' },
    ]);
    // Still describable, still counted for the family.
    expect(run<{ taskDefinition: Td }>(world, 'DescribeTaskDefinition', { taskDefinition: 'web:1' }).output.taskDefinition.status).toBe('DELETE_IN_PROGRESS');
    const again = run<{ taskDefinitions: Td[] }>(world, 'DeleteTaskDefinitions', { taskDefinitions: ['web:1'] });
    expect(again.world).toBe(world);
    expect(again.output.taskDefinitions).toHaveLength(1);
  });

  it('takes 1–10 references, each with a revision', () => {
    const w = worldWith({ web: 1 });
    const many = Array.from({ length: 11 }, (_, i) => `web:${i + 1}`);
    expect(fail(w, 'DeleteTaskDefinitions', { taskDefinitions: many })).toEqual({
      name: 'InvalidParameterException',
      // SIM RULE: ECS's list-size sentence (src/api/listSize.ts; [OBS] sources there), no real answer for this list.
      message: 'taskDefinitions can have at most 10 items.',
    });
    expect(fail(w, 'DeleteTaskDefinitions', { taskDefinitions: [] })).toEqual({
      name: 'InvalidParameterException',
      message: 'taskDefinitions can not be empty.',
    });
    expect(fail(w, 'DeleteTaskDefinitions', { taskDefinitions: ['web'] })).toEqual({
      name: 'ClientException',
      message: "The task definition 'web' must be given as family:revision or a full ARN with a revision to be deleted.",
    });
  });
});

describe('ListTaskDefinitions', () => {
  const base = worldWith({ web: 3, api: 2, 'web-admin': 1 });
  const w = run(base, 'DeregisterTaskDefinition', { taskDefinition: 'web:2' }).world;
  const list = (input: Td) => run<{ taskDefinitionArns: string[]; nextToken?: string }>(w, 'ListTaskDefinitions', input).output;
  const short = (arns: string[]) => arns.map((a) => a.slice(ARN.length + 1));

  it('lists ACTIVE revisions by family then revision (ASC), or the reverse (DESC)', () => {
    expect(short(list({}).taskDefinitionArns)).toEqual(['api:1', 'api:2', 'web:1', 'web:3', 'web-admin:1']);
    expect(short(list({ sort: 'DESC' }).taskDefinitionArns)).toEqual(['web-admin:1', 'web:3', 'web:1', 'api:2', 'api:1']);
  });

  it('filters by status and by family (familyPrefix is a full family name)', () => {
    expect(short(list({ status: 'INACTIVE' }).taskDefinitionArns)).toEqual(['web:2']);
    expect(short(list({ familyPrefix: 'web' }).taskDefinitionArns)).toEqual(['web:1', 'web:3']);
    expect(short(list({ familyPrefix: 'web', sort: 'DESC' }).taskDefinitionArns)).toEqual(['web:3', 'web:1']);
    expect(list({ familyPrefix: 'we' }).taskDefinitionArns).toEqual([]);
  });

  it.each(['ASC', 'DESC'])('pages with maxResults and nextToken (%s)', (sort) => {
    const all = list({ sort }).taskDefinitionArns;
    const seen: string[] = [];
    let token: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = list({ sort, maxResults: 2, ...(token ? { nextToken: token } : {}) });
      expect(page.taskDefinitionArns.length).toBeLessThanOrEqual(2);
      seen.push(...page.taskDefinitionArns);
      token = page.nextToken;
      if (!token) break;
    }
    expect(seen).toEqual(all);
  });

  it('rejects a bad maxResults or a token from another listing', () => {
    expect(fail(w, 'ListTaskDefinitions', { maxResults: 0 })).toEqual({ name: 'InvalidParameterException', message: 'maxResults must be between 1 and 100.' });
    const token = list({ maxResults: 1 }).nextToken!;
    expect(fail(w, 'ListTaskDefinitions', { sort: 'DESC', nextToken: token })).toEqual({ name: 'InvalidParameterException', message: 'The nextToken provided is invalid.' });
  });
});

describe('ListTaskDefinitionFamilies', () => {
  let w = worldWith({ web: 2, api: 1, 'web-admin': 1, worker: 1 });
  w = run(w, 'DeregisterTaskDefinition', { taskDefinition: 'api:1' }).world;
  w = run(w, 'DeregisterTaskDefinition', { taskDefinition: 'web:1' }).world;
  const families = (input: Td) => run<{ families: string[]; nextToken?: string }>(w, 'ListTaskDefinitionFamilies', input).output;

  it('lists every family by default, with a prefix filter', () => {
    expect(families({}).families).toEqual(['api', 'web', 'web-admin', 'worker']);
    expect(families({ familyPrefix: 'web' }).families).toEqual(['web', 'web-admin']);
    expect(families({ familyPrefix: 'x' }).families).toEqual([]);
  });

  it('filters ACTIVE (some ACTIVE revision) and INACTIVE (none)', () => {
    expect(families({ status: 'ACTIVE' }).families).toEqual(['web', 'web-admin', 'worker']);
    expect(families({ status: 'INACTIVE' }).families).toEqual(['api']);
    expect(families({ status: 'ALL' }).families).toEqual(['api', 'web', 'web-admin', 'worker']);
  });

  it('pages', () => {
    const first = families({ maxResults: 3 });
    expect(first.families).toEqual(['api', 'web', 'web-admin']);
    expect(families({ maxResults: 3, nextToken: first.nextToken! })).toEqual({ families: ['worker'] });
  });
});
