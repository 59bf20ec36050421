// importWorld's edges, with the twin as the source (in process): small pages, lost revisions, rollouts in
// progress, determinism.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { EcsBackend } from '../../../src/adapters/backend/ecsBackend.js';
import { importWorld } from '../../../src/adapters/backend/importWorld.js';
import { twinBackend } from '../../../src/adapters/backend/twinBackend.js';
import { TwinHost } from '../../../src/adapters/twinHost.js';
import { WEB_TASK_DEFINITION } from '../twinServer.js';

const CONFIG = { seed: 9, quotas: { onDemandVcpu: 1000 } };

function right<T>(e: E.Either<{ message: string }, T>): T {
  if (E.isLeft(e)) throw new Error(e.left.message);
  return e.right;
}

async function sourceTwin(): Promise<{ host: TwinHost; backend: EcsBackend; subnets: string[] }> {
  const host = right(TwinHost.create(CONFIG));
  const backend = twinBackend(host);
  const subnets = host.world.config.network.subnets.map((s) => s.subnetId);
  right(await backend.CreateCluster({ clusterName: 'prod' }));
  right(await backend.RegisterTaskDefinition(WEB_TASK_DEFINITION));
  return { host, backend, subnets };
}

/** `backend` with every list answered one item per page, so the import must follow nextToken. */
const onePerPage = (backend: EcsBackend): EcsBackend => ({
  ...backend,
  ListServices: (i) => backend.ListServices({ ...i, maxResults: 1 }),
  ListTasks: (i) => backend.ListTasks({ ...i, maxResults: 1 }),
  ListTaskDefinitions: (i) => backend.ListTaskDefinitions({ ...i, maxResults: 1 }),
});

describe('importWorld with the twin as source', () => {
  it('follows every page: one item per page imports the same services, tasks and revisions', async () => {
    const { host, backend, subnets } = await sourceTwin();
    right(await backend.RegisterTaskDefinition({ ...WEB_TASK_DEFINITION, cpu: '512', memory: '1024' }));
    for (const name of ['a', 'b', 'c']) {
      right(await backend.CreateService({ cluster: 'prod', serviceName: name, taskDefinition: 'web:1', desiredCount: 1, launchType: 'FARGATE', networkConfiguration: { awsvpcConfiguration: { subnets } } }));
    }
    right(await backend.RunTask({ cluster: 'prod', taskDefinition: 'web:2', launchType: 'FARGATE', count: 3, networkConfiguration: { awsvpcConfiguration: { subnets } } }));
    host.advance(300_000);
    const paged = right(await importWorld(onePerPage(backend), { clusters: ['prod'], config: CONFIG }));
    expect(Object.keys(paged.taskArns)).toHaveLength(3);
    const twin = twinBackend(paged.host);
    expect(right(await twin.ListServices({ cluster: 'prod' })).serviceArns).toHaveLength(3);
    expect(right(await twin.DescribeTaskDefinition({ taskDefinition: 'web:2' })).taskDefinition?.cpu).toBe('512');
  });

  it('renumbers after a lost revision, says so, and points the service at the renumbered one', async () => {
    const { host, backend, subnets } = await sourceTwin();
    right(await backend.RegisterTaskDefinition({ ...WEB_TASK_DEFINITION, cpu: '512', memory: '1024' }));
    right(await backend.DeregisterTaskDefinition({ taskDefinition: 'web:1' }));
    // DeleteTaskDefinitions is not in the port (importWorld never deletes): ask the source twin directly.
    right(host.ecs('DeleteTaskDefinitions', { taskDefinitions: ['web:1'] }));
    expect(right(await backend.ListTaskDefinitions({ familyPrefix: 'web', status: 'INACTIVE' })).taskDefinitionArns).toEqual([]);
    right(await backend.CreateService({ cluster: 'prod', serviceName: 'api', taskDefinition: 'web:2', desiredCount: 1, launchType: 'FARGATE', networkConfiguration: { awsvpcConfiguration: { subnets } } }));
    const imported = right(await importWorld(backend, { clusters: ['prod'], config: CONFIG }));
    const svc = right(await twinBackend(imported.host).DescribeServices({ cluster: 'prod', services: ['api'] })).services?.[0];
    // web:1 is gone from every list: the twin registers web:2's content as its revision 1.
    expect(imported.notes).toContain('Task definition family web: revisions 1..1 no longer exist at the source; the twin numbers from 1.');
    expect(imported.notes).toContain('Task definition web:2 is web:1 in the twin.');
    expect(svc?.taskDefinition).toBe('arn:aws:ecs:us-east-1:123456789012:task-definition/web:1');
    expect(right(await twinBackend(imported.host).DescribeTaskDefinition({ taskDefinition: 'web:1' })).taskDefinition?.cpu).toBe('512');
    expect(svc?.runningCount).toBe(1);
  });

  it('imports a rollout in progress as one deployment of the current task definition, with a note', async () => {
    const { backend, subnets } = await sourceTwin();
    right(await backend.RegisterTaskDefinition({ ...WEB_TASK_DEFINITION, cpu: '512', memory: '1024' }));
    right(await backend.CreateService({ cluster: 'prod', serviceName: 'api', taskDefinition: 'web:1', desiredCount: 2, launchType: 'FARGATE', networkConfiguration: { awsvpcConfiguration: { subnets } } }));
    right(await backend.UpdateService({ cluster: 'prod', service: 'api', taskDefinition: 'web:2' }));
    const deployments = right(await backend.DescribeServices({ cluster: 'prod', services: ['api'] })).services?.[0]?.deployments ?? [];
    expect(deployments.length).toBe(2);
    const imported = right(await importWorld(backend, { clusters: ['prod'], config: CONFIG, settleMs: 0 }));
    expect(imported.notes).toContain('Service api: its 2 deployments are imported as one deployment of web:2.');
    const svc = right(await twinBackend(imported.host).DescribeServices({ cluster: 'prod', services: ['api'] })).services?.[0];
    expect(svc?.deployments?.map((d) => d.taskDefinition)).toEqual(['arn:aws:ecs:us-east-1:123456789012:task-definition/web:2']);
  });

  it('is deterministic: the same source imported twice gives byte-identical snapshots', async () => {
    const { host, backend, subnets } = await sourceTwin();
    right(await backend.RunTask({ cluster: 'prod', taskDefinition: 'web', launchType: 'FARGATE', networkConfiguration: { awsvpcConfiguration: { subnets } } }));
    host.advance(60_000);
    const [a, b] = [right(await importWorld(backend, { clusters: ['prod'], config: CONFIG })), right(await importWorld(backend, { clusters: ['prod'], config: CONFIG }))];
    expect(JSON.stringify(b.host.snapshot())).toBe(JSON.stringify(a.host.snapshot()));
    expect(b.taskArns).toEqual(a.taskArns);
  });

  it('waits out the new twin\'s rate limit: 25 standalone tasks are 25 RunTask calls, over its burst of 20', async () => {
    const { host, backend, subnets } = await sourceTwin();
    for (const count of [10, 10, 5]) {
      right(await backend.RunTask({ cluster: 'prod', taskDefinition: 'web', launchType: 'FARGATE', count, networkConfiguration: { awsvpcConfiguration: { subnets } } }));
    }
    host.advance(60_000);
    const imported = right(await importWorld(backend, { clusters: ['prod'], config: CONFIG }));
    expect(Object.keys(imported.taskArns)).toHaveLength(25);
    // The waits are virtual seconds in the journal of the new twin.
    expect(imported.host.snapshot().journal.filter((e) => e.kind === 'advance' && (e as { ms: number }).ms === 1_000).length).toBeGreaterThan(0);
  });

  it('rejects an invalid twin config with the config error, before reading the source', async () => {
    const { backend } = await sourceTwin();
    const failed = await importWorld(backend, { clusters: ['prod'], config: { seed: 'x' } });
    expect(E.isLeft(failed) && failed.left.name).toBe('InvalidParameterException');
  });
});
