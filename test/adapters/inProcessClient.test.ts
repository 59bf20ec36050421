// The in-process ECSClient over a TwinPool: the SDK's region and access key choose the (account, Region) World, as
// on `ecs-twin serve` (issue 9, accounts and regions); strict auth verifies the SDK's own SigV4 signature.
import { CreateClusterCommand, ListClustersCommand } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createInProcessEcsClient } from '../../src/adapters/inProcessClient.js';
import { pairHostFactory } from '../../src/adapters/pairHosts.js';
import { TwinHost } from '../../src/adapters/twinHost.js';
import { TwinPool, type AuthOptions } from '../../src/adapters/twinPool.js';

function pool(auth: AuthOptions = {}): TwinPool {
  const host = TwinHost.create({ seed: 3 }, { kind: 'manual' });
  if (E.isLeft(host)) throw new Error(host.left.message);
  return new TwinPool(host.right, pairHostFactory({ seed: 3 }, { kind: 'manual' }), auth);
}

const names = async (client: ReturnType<typeof createInProcessEcsClient>): Promise<string[]> =>
  ((await client.send(new ListClustersCommand({}))).clusterArns ?? []).map((a) => a.slice(a.indexOf(':ecs:') + 5));

describe('createInProcessEcsClient with a TwinPool', () => {
  it('gives each (account, Region) its own World, by the client region and access key', async () => {
    const twins = pool({ accounts: { AKIDOTHER: '222222222222' } });
    const east = createInProcessEcsClient(twins);
    const west = createInProcessEcsClient(twins, { region: 'eu-west-1' });
    const other = createInProcessEcsClient(twins, { credentials: { accessKeyId: 'AKIDOTHER', secretAccessKey: 's' } });
    await east.send(new CreateClusterCommand({ clusterName: 'a' }));
    await west.send(new CreateClusterCommand({ clusterName: 'b' }));
    await other.send(new CreateClusterCommand({ clusterName: 'c' }));
    expect(await names(east)).toEqual(['us-east-1:123456789012:cluster/a']);
    expect(await names(west)).toEqual(['eu-west-1:123456789012:cluster/b']);
    expect(await names(other)).toEqual(['us-east-1:222222222222:cluster/c']);
    expect(twins.pairs).toEqual(['123456789012/eu-west-1', '123456789012/us-east-1', '222222222222/us-east-1']);
  });

  it('verifies the SDK signature under strict auth and refuses a wrong secret with AWS’s error', async () => {
    const twins = pool({ mode: 'strict', credentials: { AKIDGOOD: 'right-secret' } });
    const good = createInProcessEcsClient(twins, { credentials: { accessKeyId: 'AKIDGOOD', secretAccessKey: 'right-secret' } });
    const bad = createInProcessEcsClient(twins, { credentials: { accessKeyId: 'AKIDGOOD', secretAccessKey: 'wrong' } });
    await good.send(new CreateClusterCommand({ clusterName: 'ok' }));
    expect(await names(good)).toEqual(['us-east-1:123456789012:cluster/ok']);
    await expect(bad.send(new ListClustersCommand({}))).rejects.toMatchObject({ name: 'InvalidSignatureException' });
  });
});
