// importWorld end to end through the AWS backend against `ecs-twin serve` (the code path real AWS uses): resources
// set up over HTTP, imported into a new twin, then the same Describe* questions asked of both.
import { ECSClient } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsBackend } from '../../../src/adapters/backend/awsBackend.js';
import type { EcsBackend } from '../../../src/adapters/backend/ecsBackend.js';
import { importWorld, type ImportResult } from '../../../src/adapters/backend/importWorld.js';
import { twinBackend } from '../../../src/adapters/backend/twinBackend.js';
import { compareStrings } from '../../../src/domain/pmap.js';
import { startEndpoint, WEB_TASK_DEFINITION, type TestEndpoint } from '../twinServer.js';

const CONFIG = { seed: 5, quotas: { onDemandVcpu: 1000 } };

function right<T>(e: E.Either<{ message: string }, T>): T {
  if (E.isLeft(e)) throw new Error(e.left.message);
  return e.right;
}

describe('importWorld from ecs-twin serve through the AWS backend', () => {
  let ep: TestEndpoint;
  let source: EcsBackend;
  let imported: ImportResult;
  let twin: EcsBackend;
  let standaloneArn: string;

  beforeAll(async () => {
    ep = await startEndpoint(CONFIG, { kind: 'manual' });
    // Standard retry mode: the SDK retries ThrottlingException itself (the brief's "SDK's throttling retries").
    source = awsBackend(new ECSClient({ endpoint: ep.server.url, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, retryMode: 'standard' }));
    const subnets = (ep.twin.world.config.network.subnets as readonly { subnetId: string }[]).map((s) => s.subnetId);
    right(await source.CreateCluster({ clusterName: 'prod', tags: [{ key: 'team', value: 'core' }], settings: [{ name: 'containerInsights', value: 'enabled' }] }));
    right(await source.CreateCluster({ clusterName: 'other' }));
    right(await source.RegisterTaskDefinition(WEB_TASK_DEFINITION));
    right(await source.RegisterTaskDefinition({ ...WEB_TASK_DEFINITION, cpu: '512', memory: '1024', tags: [{ key: 'v', value: '2' }] }));
    right(await source.RegisterTaskDefinition({ ...WEB_TASK_DEFINITION, family: 'job' }));
    right(await source.DeregisterTaskDefinition({ taskDefinition: 'web:1' }));
    right(await source.CreateService({ cluster: 'prod', serviceName: 'api', taskDefinition: 'web:2', desiredCount: 3, launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: subnets.slice(0, 2) } },
      deploymentConfiguration: { maximumPercent: 150, minimumHealthyPercent: 50 }, tags: [{ key: 'svc', value: 'api' }] }));
    const ran = right(await source.RunTask({ cluster: 'prod', taskDefinition: 'job', launchType: 'FARGATE', group: 'batch', startedBy: 'cron',
      networkConfiguration: { awsvpcConfiguration: { subnets: [subnets[1] ?? ''] } } }));
    standaloneArn = ran.tasks?.[0]?.taskArn ?? '';
    expect((await ep.control('POST', '/_twin/advance', { ms: 300_000 })).status).toBe(200);
    imported = right(await importWorld(source, { clusters: ['prod'], config: CONFIG }));
    twin = twinBackend(imported.host);
  }, 60_000);
  afterAll(() => ep.close());

  it('answers DescribeClusters as the source: name, ARN, tags, settings and counts', async () => {
    const ask = { clusters: ['prod'], include: ['SETTINGS', 'TAGS', 'STATISTICS'] as const };
    const [a, b] = [right(await source.DescribeClusters({ ...ask, include: [...ask.include] })), right(await twin.DescribeClusters({ ...ask, include: [...ask.include] }))];
    expect(b.clusters).toEqual(a.clusters);
    expect(a.clusters?.[0]?.runningTasksCount).toBe(4);
  });

  it('imports only the clusters asked for', async () => {
    const listed = right(await twin.ListClusters({}));
    expect(listed.clusterArns).toEqual(['arn:aws:ecs:us-east-1:123456789012:cluster/prod']);
  });

  it('registers every revision of the families in use, in order, with their status and tags', async () => {
    for (const name of ['web:1', 'web:2', 'job:1']) {
      const [a, b] = [right(await source.DescribeTaskDefinition({ taskDefinition: name, include: ['TAGS'] })), right(await twin.DescribeTaskDefinition({ taskDefinition: name, include: ['TAGS'] }))];
      const strip = (td: typeof a.taskDefinition) => ({ ...td, registeredAt: undefined, deregisteredAt: undefined });
      expect(strip(b.taskDefinition)).toEqual(strip(a.taskDefinition));
      expect(b.tags).toEqual(a.tags);
    }
    expect(right(await twin.DescribeTaskDefinition({ taskDefinition: 'web:1' })).taskDefinition?.status).toBe('INACTIVE');
  });

  it('recreates the service with its configuration and desired count; deployment ids and times are the twin\'s', async () => {
    const [a, b] = [right(await source.DescribeServices({ cluster: 'prod', services: ['api'], include: ['TAGS'] })), right(await twin.DescribeServices({ cluster: 'prod', services: ['api'], include: ['TAGS'] }))];
    const sa = a.services?.[0];
    const sb = b.services?.[0];
    const comparable = (s: typeof sa) => ({ ...s, events: undefined, createdAt: undefined, deployments: s?.deployments?.map((d) => ({ ...d, id: undefined, createdAt: undefined, updatedAt: undefined })) });
    expect(comparable(sb)).toEqual(comparable(sa));
    expect(sb?.runningCount).toBe(3);
    // The ids are the twin's: equal here only because source and import share seed 5 and the same call order.
    expect(sb?.deployments?.[0]?.id).toMatch(/^ecs-svc\/\d+$/);
  });

  it('re-runs standalone RUNNING tasks and maps their ARNs; service tasks are the service\'s own', async () => {
    const newArn = imported.taskArns[standaloneArn];
    expect(Object.keys(imported.taskArns)).toEqual([standaloneArn]);
    expect(newArn).toMatch(/^arn:aws:ecs:us-east-1:123456789012:task\/prod\/[0-9a-f]{32}$/);
    const a = right(await source.DescribeTasks({ cluster: 'prod', tasks: [standaloneArn] })).tasks?.[0];
    const b = right(await twin.DescribeTasks({ cluster: 'prod', tasks: [newArn ?? ''] })).tasks?.[0];
    const keep = (t: typeof a) => ({ lastStatus: t?.lastStatus, desiredStatus: t?.desiredStatus, group: t?.group, startedBy: t?.startedBy, taskDefinitionArn: t?.taskDefinitionArn, launchType: t?.launchType, cpu: t?.cpu, memory: t?.memory, clusterArn: t?.clusterArn, availabilityZone: t?.availabilityZone });
    expect(keep(b)).toEqual(keep(a));
    expect(b?.lastStatus).toBe('RUNNING');
    const [la, lb] = [right(await source.ListTasks({ cluster: 'prod' })), right(await twin.ListTasks({ cluster: 'prod' }))];
    expect(lb.taskArns).toHaveLength(la.taskArns?.length ?? -1);
  });

  it('says what it could not reproduce', () => {
    expect(imported.notes.some((n) => n.includes('security groups'))).toBe(true);
    expect(imported.notes.some((n) => n.includes('derived from its seed'))).toBe(true);
  });

  it('fails with the source\'s error, naming the cluster, when a cluster does not exist', async () => {
    const failed = await importWorld(source, { clusters: ['nope'], config: CONFIG });
    expect(failed).toEqual(E.left({ name: 'ClusterNotFoundException', message: 'Cluster arn:aws:ecs:us-east-1:123456789012:cluster/nope: MISSING' }));
  });
});

describe('importWorld of a cluster with EC2 container instances', () => {
  const FLEET_CONFIG = { ...CONFIG, containerInstances: [{ cluster: 'fleet', instanceType: 'm5.large', count: 3, attributes: { stack: 'blue' } }] };
  let ep: TestEndpoint;
  let source: EcsBackend;
  let imported: ImportResult;
  let twin: EcsBackend;

  /** What the source and the twin must agree on: everything but the ids and times the twin derives itself. */
  async function instancesOf(b: EcsBackend): Promise<unknown[]> {
    const arns = right(await b.ListContainerInstances({ cluster: 'fleet' })).containerInstanceArns ?? [];
    const described = right(await b.DescribeContainerInstances({ cluster: 'fleet', containerInstances: arns, include: ['TAGS'] }));
    return (described.containerInstances ?? [])
      .map(({ containerInstanceArn: _arn, registeredAt: _at, ...rest }) => rest)
      .sort((x, y) => compareStrings(String(x.ec2InstanceId), String(y.ec2InstanceId)));
  }

  beforeAll(async () => {
    ep = await startEndpoint(FLEET_CONFIG, { kind: 'manual' });
    source = awsBackend(new ECSClient({ endpoint: ep.server.url, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } }));
    right(
      await source.RegisterContainerInstance({
        cluster: 'fleet',
        instanceIdentityDocument: JSON.stringify({ instanceId: 'i-0123456789abcdef0', instanceType: 'c5.xlarge', availabilityZone: 'us-east-1b', imageId: 'ami-0abcdef1234567890' }),
        attributes: [{ name: 'team', value: 'data' }],
        tags: [{ key: 'owner', value: 'ops' }],
      }),
    );
    const arns = right(await source.ListContainerInstances({ cluster: 'fleet' })).containerInstanceArns ?? [];
    right(await source.UpdateContainerInstancesState({ cluster: 'fleet', containerInstances: [arns[0] ?? ''], status: 'DRAINING' }));
    imported = right(await importWorld(source, { clusters: ['fleet'], config: CONFIG }));
    twin = twinBackend(imported.host);
  }, 60_000);
  afterAll(() => ep.close());

  it('registers every instance as its agent would: resources, built-in and custom attributes, tags, status', async () => {
    const [a, b] = [await instancesOf(source), await instancesOf(twin)];
    expect(a).toHaveLength(4);
    expect(b).toEqual(a);
    expect(a.filter((x) => (x as { status: string }).status === 'DRAINING')).toHaveLength(1);
  });

  it('counts them in DescribeClusters as the source does, and maps their ARNs', async () => {
    const [a, b] = [right(await source.DescribeClusters({ clusters: ['fleet'] })), right(await twin.DescribeClusters({ clusters: ['fleet'] }))];
    expect(b.clusters?.[0]?.registeredContainerInstancesCount).toBe(a.clusters?.[0]?.registeredContainerInstancesCount);
    expect(Object.keys(imported.containerInstanceArns)).toHaveLength(4);
    const twinArns = right(await twin.ListContainerInstances({ cluster: 'fleet' })).containerInstanceArns ?? [];
    expect(Object.values(imported.containerInstanceArns).sort()).toEqual([...twinArns].sort());
    expect(imported.notes.some((n) => n.includes('4 container instance(s) registered'))).toBe(true);
  });
});
