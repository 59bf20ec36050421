// The control API of `ecs-twin serve` over a real socket (the curl examples of docs/guides/endpoint.md).
import { CreateClusterCommand, DescribeTasksCommand, RegisterTaskDefinitionCommand, RunTaskCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTROL_ROUTES } from '../../src/adapters/controlApi.js';
import { startEndpoint, WEB_TASK_DEFINITION, type TestEndpoint } from './twinServer.js';

describe('the control API (/_twin/)', () => {
  let ep: TestEndpoint;
  let subnets: string[];
  beforeAll(async () => {
    ep = await startEndpoint({ seed: 11, quotas: { onDemandVcpu: 100, spotVcpu: 100 } });
    subnets = ((await ep.control('GET', '/_twin/state')).body.subnets as { subnetId: string }[]).map((s) => s.subnetId);
    await ep.ecs.send(new CreateClusterCommand({ clusterName: 'c', capacityProviders: ['FARGATE', 'FARGATE_SPOT'] }));
    await ep.ecs.send(new RegisterTaskDefinitionCommand(WEB_TASK_DEFINITION));
  });
  afterAll(() => ep.close());

  const runOne = async (spot = false): Promise<string> => {
    const out = await ep.ecs.send(
      new RunTaskCommand({
        cluster: 'c',
        taskDefinition: 'web',
        ...(spot ? { capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }] } : { launchType: 'FARGATE' }),
        networkConfiguration: { awsvpcConfiguration: { subnets } },
      }),
    );
    return out.tasks?.[0]?.taskArn ?? '';
  };
  const statusOf = async (task: string) => (await ep.ecs.send(new DescribeTasksCommand({ cluster: 'c', tasks: [task] }))).tasks?.[0];

  it('states the clock, region, account and the default subnets', async () => {
    const { status, body } = await ep.control('GET', '/_twin/state');
    expect(status).toBe(200);
    expect(body).toMatchObject({ nowMs: 1_704_067_200_000, clock: { mode: 'manual' }, region: 'us-east-1', accountId: '123456789012' });
    expect(subnets).toHaveLength(6);
  });

  it('advances the clock and returns the events; a bad step is an InvalidParameterException', async () => {
    const task = await runOne();
    const { status, body } = await ep.control('POST', '/_twin/advance', { ms: 120_000 });
    expect(status).toBe(200);
    expect(body.nowMs).toBe(1_704_067_320_000);
    expect((body.events as unknown[]).length).toBeGreaterThan(0);
    expect((await statusOf(task))?.lastStatus).toBe('RUNNING');
    const bad = await ep.control('POST', '/_twin/advance', { ms: -5 });
    expect(bad).toMatchObject({ status: 400, body: { __type: 'InvalidParameterException' } });
  });

  it('injects faults: stop a task, a Spot interruption; an unknown fault is refused', async () => {
    const task = await runOne();
    await ep.control('POST', '/_twin/advance', { ms: 120_000 });
    const stop = await ep.control('POST', '/_twin/faults', { fault: 'stopTask', cluster: 'c', task });
    expect(stop.status).toBe(200);
    expect((await statusOf(task))?.desiredStatus).toBe('STOPPED');
    const spot = await runOne(true);
    await ep.control('POST', '/_twin/advance', { ms: 120_000 });
    const interrupted = await ep.control('POST', '/_twin/faults', { fault: 'interruptSpotTasks', options: { cluster: 'c', tasks: [spot] } });
    expect(interrupted.status).toBe(200);
    expect((await statusOf(spot))?.stopCode).toBe('SpotInterruption');
    const unknown = await ep.control('POST', '/_twin/faults', { fault: 'meteorStrike' });
    expect(unknown).toMatchObject({ status: 400, body: { __type: 'InvalidParameterException' } });
  });

  it('sets behaviours: a container that exits stops its task', async () => {
    const set = await ep.control('POST', '/_twin/behaviors', { rules: [{ match: { image: WEB_TASK_DEFINITION.containerDefinitions[0]?.image }, exitAfterMs: 1_000, exitCode: 1 }] });
    expect(set.status).toBe(200);
    const task = await runOne();
    await ep.control('POST', '/_twin/advance', { ms: 300_000 });
    expect((await statusOf(task))?.lastStatus).toBe('STOPPED');
    await ep.control('POST', '/_twin/behaviors', { rules: [] });
  });

  it('reads events since a cursor', async () => {
    const page = await ep.control('GET', '/_twin/events?cursor=0&limit=5');
    expect(page.status).toBe(200);
    expect((page.body.events as { source: string }[]).map((e) => e.source)).toEqual(Array(5).fill('aws.ecs'));
    const next = await ep.control('GET', `/_twin/events?cursor=${String(page.body.nextCursor)}&limit=1000`);
    expect((next.body.events as unknown[]).length).toBeGreaterThan(0);
  });

  it('snapshots, resets and restores the exact World', async () => {
    const snap = await ep.control('GET', '/_twin/snapshot');
    const before = JSON.stringify(ep.twin.world);
    const reset = await ep.control('POST', '/_twin/reset', {});
    expect(reset.status).toBe(200);
    expect(ep.twin.world.clusters.size).toBe(0);
    const restored = await ep.control('POST', '/_twin/restore', snap.body);
    expect(restored.status).toBe(200);
    expect(JSON.stringify(ep.twin.world)).toBe(before);
  });

  it('answers an unknown route with the list of routes, and a bad body as SerializationException', async () => {
    const r = await ep.control('GET', '/_twin/teleport');
    expect(r.status).toBe(404);
    expect(r.body.message).toContain(Object.keys(CONTROL_ROUTES)[0]);
    const res = await fetch(`${ep.server.url}/_twin/advance`, { method: 'POST', body: '{ms:' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { __type: string }).__type).toBe('SerializationException');
  });

  it('explains placement on EC2 instances over HTTP (POST /_twin/explain-placement)', async () => {
    const ec2 = await startEndpoint({ seed: 3, containerInstances: [{ cluster: 'ec2', instanceType: 't3.medium', count: 2 }] });
    try {
      await ec2.ecs.send(
        new RegisterTaskDefinitionCommand({ family: 'fat', requiresCompatibilities: ['EC2'], containerDefinitions: [{ name: 'a', image: 'nginx', memory: 2500 }] }),
      );
      const r = await ec2.control('POST', '/_twin/explain-placement', { cluster: 'ec2', taskDefinition: 'fat', count: 3 });
      expect(r.status).toBe(200);
      // t3.medium registers 3,932 MiB: one 2,500 MiB task per instance.
      expect(r.body).toMatchObject({ unplaced: 1, reason: 'RESOURCE:MEMORY' });
      expect((r.body.placed as unknown[]).length).toBe(2);
      expect((r.body.explanation as { text: string }).text).toMatch(/needs 1068 MiB more memory/);
      const bad = await ec2.control('POST', '/_twin/explain-placement', { cluster: 'ec2', taskDefinition: 'nope' });
      expect(bad).toMatchObject({ status: 400, body: { __type: 'ClientException' } });
    } finally {
      await ec2.close();
    }
  });
});
