// The in-process client in a user's unit test (docs/guides/in-process-client.md): a real ECSClient whose requests
// are answered by the twin, no sockets — the deploy function of docs/examples/deploy.ts runs unchanged.
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  ServiceNotFoundException,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createInProcessEcsClient, TwinHost } from '../../src/adapters/index.js';
import { deploy } from '../../docs/examples/deploy.js';

async function twinWithService() {
  // Realtime ×100,000: one wall millisecond is 100 virtual seconds, so the waiter's second poll finds it stable.
  const twin = TwinHost.create({ seed: 8 }, { kind: 'realtime', speed: 100_000 });
  if (E.isLeft(twin)) throw new Error(twin.left.message);
  const ecs = createInProcessEcsClient(twin.right);
  const subnets = twin.right.world.config.network.subnets.map((s) => s.subnetId);
  await ecs.send(new CreateClusterCommand({ clusterName: 'prod' }));
  await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'api',
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      containerDefinitions: [{ name: 'api', image: 'example/api:1' }],
    }),
  );
  await ecs.send(
    new CreateServiceCommand({
      cluster: 'prod',
      serviceName: 'api',
      taskDefinition: 'api',
      desiredCount: 2,
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets } },
    }),
  );
  return { twin: twin.right, ecs };
}

describe('deploy() with the in-process ECSClient', () => {
  it('registers a new revision with the new image and rolls the service onto it', async () => {
    const { ecs } = await twinWithService();
    const arn = await deploy(ecs, { cluster: 'prod', service: 'api', container: 'api', image: 'example/api:2', pollSeconds: 1, maxWaitSeconds: 30 });
    expect(arn).toBe('arn:aws:ecs:us-east-1:123456789012:task-definition/api:2');
    const svc = (await ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: ['api'] }))).services?.[0];
    expect(svc?.taskDefinition).toBe(arn);
    expect(svc?.deployments).toHaveLength(1);
    expect(svc?.runningCount).toBe(2);
    expect((await ecs.send(new ListTasksCommand({ cluster: 'prod', serviceName: 'api' }))).taskArns).toHaveLength(2);
  });

  it('gets the SDK exception classes from the twin, with request ids', async () => {
    const { ecs } = await twinWithService();
    const err = await deploy(ecs, { cluster: 'prod', service: 'nope', container: 'api', image: 'x' }).catch((e: unknown) => e);
    expect((err as Error).message).toBe('service nope not found in cluster prod');
    const missing = await ecs.send(new CreateServiceCommand({ cluster: 'prod', serviceName: 'x', desiredCount: 1 })).catch((e: unknown) => e);
    expect((missing as Error).name).toBe('InvalidParameterException');
    const update = await ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'ghost', desiredCount: 1 })).catch((e: unknown) => e);
    expect(update).toBeInstanceOf(ServiceNotFoundException);
    expect((update as ServiceNotFoundException).$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('shares the World with the host: what the client did is in the journal', async () => {
    const { twin } = await twinWithService();
    const ops = twin.snapshot().journal.filter((e) => e.kind === 'execute').map((e) => (e as { operation: string }).operation);
    expect(ops).toEqual(['CreateCluster', 'RegisterTaskDefinition', 'CreateService']);
  });
});
