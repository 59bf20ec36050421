// applyOperations: dry run by default, then the same list for real through the AWS backend against
// `ecs-twin serve`; idempotency tokens on RunTask and CreateService (reference §4.2; CreateService clientToken:
// "Up to 36 ASCII characters in the range of 33-126 (inclusive) are allowed",
// https://docs.aws.amazon.com/AmazonECS/latest/APIReference/ECS_Idempotency.html: "If you retry a request that
// completed successfully using the same client token and the same parameters, the retry succeeds without
// performing any further actions").
import { ECSClient } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyOperations, clientTokenFor, type Operation } from '../../../src/adapters/backend/applyOperations.js';
import { awsBackend } from '../../../src/adapters/backend/awsBackend.js';
import type { EcsBackend } from '../../../src/adapters/backend/ecsBackend.js';
import { twinBackend } from '../../../src/adapters/backend/twinBackend.js';
import { TwinHost } from '../../../src/adapters/twinHost.js';
import { startEndpoint, WEB_TASK_DEFINITION, type TestEndpoint } from '../twinServer.js';

describe('applyOperations against ecs-twin serve', () => {
  let ep: TestEndpoint;
  let backend: EcsBackend;
  let ops: Operation[];

  beforeAll(async () => {
    ep = await startEndpoint({ seed: 3 }, { kind: 'manual' });
    backend = awsBackend(new ECSClient({ endpoint: ep.server.url, region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } }));
    const subnets = [ep.twin.world.config.network.subnets[0]?.subnetId ?? ''];
    const network = { awsvpcConfiguration: { subnets } };
    ops = [
      { operation: 'CreateCluster', input: { clusterName: 'demo' } },
      { operation: 'RegisterTaskDefinition', input: WEB_TASK_DEFINITION },
      { operation: 'CreateService', input: { cluster: 'demo', serviceName: 'web', taskDefinition: 'web', desiredCount: 1, launchType: 'FARGATE', networkConfiguration: network } },
      { operation: 'RunTask', input: { cluster: 'demo', taskDefinition: 'web', launchType: 'FARGATE', networkConfiguration: network } },
    ];
  });
  afterAll(() => ep.close());

  it('is a dry run by default: lists the calls with their tokens and changes nothing', async () => {
    const journalBefore = ep.twin.journalLength;
    const plan = await applyOperations(backend, ops);
    expect(plan.dryRun).toBe(true);
    expect(plan.failed).toBeUndefined();
    expect(plan.calls.map((c) => c.operation)).toEqual(['CreateCluster', 'RegisterTaskDefinition', 'CreateService', 'RunTask']);
    expect(plan.calls.map((c) => c.input.clientToken)).toEqual([undefined, undefined, clientTokenFor(2, ops[2]!), clientTokenFor(3, ops[3]!)]);
    expect(plan.calls.every((c) => c.output === undefined)).toBe(true);
    expect(ep.twin.journalLength).toBe(journalBefore);
    expect(ep.twin.world.clusters.size).toBe(0);
  });

  it('calls in order for real, sending the same inputs the dry run listed', async () => {
    const plan = await applyOperations(backend, ops);
    const done = await applyOperations(backend, ops, { dryRun: false });
    expect(done.failed).toBeUndefined();
    expect(done.calls.map((c) => c.input)).toEqual(plan.calls.map((c) => c.input));
    const svc = done.calls[2]?.output as { service?: { serviceName?: string } };
    expect(svc.service?.serviceName).toBe('web');
    const ran = done.calls[3]?.output as { tasks?: { taskArn?: string }[] };
    expect(ran.tasks).toHaveLength(1);
  });

  it('is idempotent where ECS takes a token: re-applying the RunTask returns the same task, not a second one', async () => {
    const first = await applyOperations(backend, ops.slice(3), { dryRun: false });
    const again = await applyOperations(backend, ops.slice(3), { dryRun: false });
    const arn = (r: typeof first) => (r.calls[0]?.output as { tasks?: { taskArn?: string }[] }).tasks?.[0]?.taskArn;
    expect(arn(again)).toBe(arn(first));
    const arns = await backend.ListTasks({ cluster: 'demo' });
    if (E.isLeft(arns)) throw new Error(arns.left.message);
    const described = await backend.DescribeTasks({ cluster: 'demo', tasks: arns.right.taskArns ?? [] });
    if (E.isLeft(described)) throw new Error(described.left.message);
    const standalone = (described.right.tasks ?? []).filter((t) => !(t.group ?? '').startsWith('service:'));
    // One from the full apply (token of index 3) and one from the slice (token of index 0) — not a third for the retry.
    expect(standalone).toHaveLength(2);
  });

  it('stops at the first error and reports it with its index; later calls are not made', async () => {
    const bad: Operation[] = [
      { operation: 'CreateCluster', input: { clusterName: 'second' } },
      { operation: 'CreateService', input: { cluster: 'missing', serviceName: 'x', taskDefinition: 'web', desiredCount: 1 } },
      { operation: 'CreateCluster', input: { clusterName: 'never' } },
    ];
    const done = await applyOperations(backend, bad, { dryRun: false });
    expect(done.calls.map((c) => c.index)).toEqual([0]);
    expect(done.failed).toEqual({ index: 1, operation: 'CreateService', error: { name: 'ClusterNotFoundException', message: 'Cluster not found.' } });
    expect(ep.twin.world.clusters.size).toBe(2);
  });

  it('rejects an operation the port does not have, in a dry run too', async () => {
    const plan = await applyOperations(backend, [{ operation: 'CreateTaskSet', input: {} }]);
    expect(plan.failed?.error).toEqual({ name: 'UnknownOperationException', message: 'operations[0].operation: CreateTaskSet is not an operation of the EcsBackend port.' });
  });
});

describe('clientTokenFor', () => {
  it('depends on position and content, not on key order, and fits CreateService\'s 36 characters', () => {
    const a = clientTokenFor(0, { operation: 'RunTask', input: { cluster: 'c', taskDefinition: 't' } });
    expect(clientTokenFor(0, { operation: 'RunTask', input: { taskDefinition: 't', cluster: 'c' } })).toBe(a);
    expect(clientTokenFor(1, { operation: 'RunTask', input: { cluster: 'c', taskDefinition: 't' } })).not.toBe(a);
    expect(clientTokenFor(0, { operation: 'RunTask', input: { cluster: 'c', taskDefinition: 'u' } })).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{32}$/);
  });

  it('keeps a token the caller gave', async () => {
    const host = TwinHost.create({ seed: 1 });
    if (E.isLeft(host)) throw new Error(host.left.message);
    const plan = await applyOperations(twinBackend(host.right), [{ operation: 'RunTask', input: { taskDefinition: 'x', clientToken: 'mine' } }]);
    expect(plan.calls[0]?.input.clientToken).toBe('mine');
  });
});
