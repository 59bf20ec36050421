// `ecs-twin serve` with a real client over loopback: @aws-sdk/client-ecs, nothing mocked. Reference §14.1 (wire
// protocol), §14.2 (exceptions), §14.3 (waiters: waiters-2.json of the ECS model, used by the SDK's waitUntil*).
import {
  ClusterNotFoundException,
  CreateClusterCommand,
  CreateServiceCommand,
  DeleteServiceCommand,
  DescribeClustersCommand,
  DescribeServicesCommand,
  InvalidParameterException,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
  UpdateServiceCommand,
  paginateListTasks,
  waitUntilServicesInactive,
  waitUntilServicesStable,
  waitUntilTasksRunning,
  waitUntilTasksStopped,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEndpoint, WEB_TASK_DEFINITION, type TestEndpoint } from './twinServer.js';

const subnetsOf = (state: Record<string, unknown>): string[] => (state.subnets as { subnetId: string }[]).map((s) => s.subnetId);

describe('ecs-twin serve with @aws-sdk/client-ecs (manual clock)', () => {
  let ep: TestEndpoint;
  let subnets: string[];
  beforeAll(async () => {
    ep = await startEndpoint({ seed: 5, quotas: { onDemandVcpu: 1000 } }, { kind: 'manual' });
    subnets = subnetsOf((await ep.control('GET', '/_twin/state')).body);
    await ep.ecs.send(new CreateClusterCommand({ clusterName: 'demo' }));
    await ep.ecs.send(new RegisterTaskDefinitionCommand(WEB_TASK_DEFINITION));
  });
  afterAll(() => ep.close());

  it('answers operations with ECS shapes: timestamps come back as Dates through the SDK', async () => {
    const out = await ep.ecs.send(
      new RunTaskCommand({
        cluster: 'demo',
        taskDefinition: 'web',
        launchType: 'FARGATE',
        count: 2,
        networkConfiguration: { awsvpcConfiguration: { subnets, assignPublicIp: 'ENABLED' } },
      }),
    );
    expect(out.failures).toEqual([]);
    expect(out.tasks).toHaveLength(2);
    expect(out.tasks?.[0]?.createdAt).toBeInstanceOf(Date);
    expect(out.tasks?.[0]?.createdAt?.getTime()).toBe(ep.twin.world.nowMs);
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('turns ECS errors into the SDK exception classes with their message', async () => {
    const err = await ep.ecs.send(new DescribeServicesCommand({ cluster: 'nope', services: ['x'] })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ClusterNotFoundException);
    expect((err as Error).message).toBe('Cluster not found.');
    expect((err as ClusterNotFoundException).$metadata.httpStatusCode).toBe(400);
    const bad = await ep.ecs.send(new RunTaskCommand({ cluster: 'demo', taskDefinition: 'web', count: 11 })).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(InvalidParameterException);
  });

  it('reports describe misses as failures, not errors', async () => {
    const out = await ep.ecs.send(new DescribeClustersCommand({ clusters: ['demo', 'ghost'] }));
    expect(out.clusters?.map((c) => c.clusterName)).toEqual(['demo']);
    expect(out.failures).toEqual([{ arn: 'arn:aws:ecs:us-east-1:123456789012:cluster/ghost', reason: 'MISSING' }]);
  });

  it('pages ListTasks through the SDK paginator', async () => {
    await ep.ecs.send(
      new RunTaskCommand({
        cluster: 'demo',
        taskDefinition: 'web',
        launchType: 'FARGATE',
        count: 5,
        networkConfiguration: { awsvpcConfiguration: { subnets } },
      }),
    );
    const first = await ep.ecs.send(new ListTasksCommand({ cluster: 'demo', maxResults: 3 }));
    expect(first.taskArns).toHaveLength(3);
    expect(first.nextToken).toBeDefined();
    const all: string[] = [];
    for await (const page of paginateListTasks({ client: ep.ecs, pageSize: 3 }, { cluster: 'demo' })) all.push(...(page.taskArns ?? []));
    expect(all).toHaveLength(7);
    expect(new Set(all).size).toBe(7);
  });

  it('waits for tasks running and stopped while the control API advances the clock', async () => {
    const run = await ep.ecs.send(
      new RunTaskCommand({ cluster: 'demo', taskDefinition: 'web', launchType: 'FARGATE', networkConfiguration: { awsvpcConfiguration: { subnets } } }),
    );
    const tasks = (run.tasks ?? []).map((t) => t.taskArn ?? '');
    const clockDriver = setInterval(() => void ep.control('POST', '/_twin/advance', { ms: 20_000 }).catch(() => undefined), 100);
    try {
      const running = await waitUntilTasksRunning({ client: ep.ecs, maxWaitTime: 20, minDelay: 1, maxDelay: 1 }, { cluster: 'demo', tasks });
      expect(running.state).toBe('SUCCESS');
      await ep.ecs.send(new StopTaskCommand({ cluster: 'demo', task: tasks[0] }));
      const stopped = await waitUntilTasksStopped({ client: ep.ecs, maxWaitTime: 20, minDelay: 1, maxDelay: 1 }, { cluster: 'demo', tasks });
      expect(stopped.state).toBe('SUCCESS');
    } finally {
      clearInterval(clockDriver);
    }
  });

  it('throttles a client that hammers RunTask, charging rejected calls too (reference §9.3)', async () => {
    // The manual clock stands still, so the bucket does not refill during the burst.
    // 25 bad RunTask calls in one burst: the bucket holds 20, so some answer ThrottlingException although every
    // call is invalid (count 0) — ECS throttles before it validates, and rejected calls are charged.
    const calls = Array.from({ length: 25 }, () =>
      ep.ecs.send(new RunTaskCommand({ cluster: 'demo', taskDefinition: 'web', count: 0 })).catch((e: unknown) => e),
    );
    const errors = await Promise.all(calls);
    // ThrottlingException is not in the ECS model, so the SDK has no class for it: it is known by its name.
    const isThrottling = (e: unknown) => e instanceof Error && e.name === 'ThrottlingException';
    const throttled = errors.filter(isThrottling);
    expect(errors.every((e) => isThrottling(e) || e instanceof InvalidParameterException)).toBe(true);
    expect(errors.filter((e) => e instanceof InvalidParameterException).length).toBeGreaterThan(0);
    expect(throttled.length).toBeGreaterThan(0);
    expect((throttled[0] as Error).message).toBe('Rate exceeded.');
  });
});

describe('ecs-twin serve with @aws-sdk/client-ecs (realtime clock ×2000)', () => {
  let ep: TestEndpoint;
  let subnets: string[];
  beforeAll(async () => {
    ep = await startEndpoint({ seed: 9, quotas: { onDemandVcpu: 1000 } }, { kind: 'realtime', speed: 2000 });
    subnets = subnetsOf((await ep.control('GET', '/_twin/state')).body);
    await ep.ecs.send(new CreateClusterCommand({ clusterName: 'svc' }));
    await ep.ecs.send(new RegisterTaskDefinitionCommand(WEB_TASK_DEFINITION));
  });
  afterAll(() => ep.close());

  it('waits for a service to be stable, then inactive after DeleteService', async () => {
    await ep.ecs.send(
      new CreateServiceCommand({
        cluster: 'svc',
        serviceName: 'web',
        taskDefinition: 'web',
        desiredCount: 2,
        launchType: 'FARGATE',
        networkConfiguration: { awsvpcConfiguration: { subnets } },
      }),
    );
    const stable = await waitUntilServicesStable({ client: ep.ecs, maxWaitTime: 20, minDelay: 1, maxDelay: 1 }, { cluster: 'svc', services: ['web'] });
    expect(stable.state).toBe('SUCCESS');
    const described = await ep.ecs.send(new DescribeServicesCommand({ cluster: 'svc', services: ['web'] }));
    expect(described.services?.[0]?.runningCount).toBe(2);
    await ep.ecs.send(new UpdateServiceCommand({ cluster: 'svc', service: 'web', desiredCount: 0 }));
    await ep.ecs.send(new DeleteServiceCommand({ cluster: 'svc', service: 'web' }));
    const inactive = await waitUntilServicesInactive({ client: ep.ecs, maxWaitTime: 20, minDelay: 1, maxDelay: 1 }, { cluster: 'svc', services: ['web'] });
    expect(inactive.state).toBe('SUCCESS');
  });

});
