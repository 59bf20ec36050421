// Accounts, regions and auth on the endpoint (issue 9): the real @aws-sdk/client-ecs signs every request with
// SigV4; the twin reads the region from the credential scope and the account from the access key.
// Error texts and statuses:
// - InvalidSignatureException, "The request signature we calculated does not match …", status 400: the message
//   quoted in issue 9 and https://github.com/aws/aws-sdk-js/issues/254 (statusCode 400 for InvalidSignatureException).
// - UnrecognizedClientException "The security token included in the request is invalid.":
//   https://www.github.com/boto/boto3/discussions/3576 (the message as AWS JSON services send it).
// - MissingAuthenticationTokenException "Missing Authentication Token", 400 as the JSON 1.1 service ECR answers it:
//   https://github.com/jenkinsci/aws-credentials-plugin/issues/270 ("Status Code: 400; Error Code:
//   MissingAuthenticationTokenException"). The generic https://docs.aws.amazon.com/en_us/AmazonRDS/latest/APIReference/CommonErrors.html
//   (query protocol) says 403: a source conflict, resolved for the JSON protocol ECS speaks.
// - "Signature expired: X is now earlier than Y (NOW - 5 min.)": https://github.com/remind101/logspout-kinesis/issues/21
import { CreateClusterCommand, ECSClient, ListClustersCommand } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/adapters/server.js';
import { TwinHost } from '../../src/adapters/twinHost.js';
import { TwinPool, pairSeed, parseKeyMap, accountIdProblem, type AuthOptions } from '../../src/adapters/twinPool.js';

const ACCOUNTS = { AKIDALICE: '111111111111', AKIDBOB: '222222222222' };
const CREDENTIALS = { AKIDALICE: 'alice-secret', AKIDBOB: 'bob-secret' };

async function startPool(auth: AuthOptions): Promise<{ pool: TwinPool; server: RunningServer }> {
  const base = { seed: 9 };
  const created = TwinHost.create(base);
  if (E.isLeft(created)) throw new Error(created.left.message);
  const pool = new TwinPool(created.right, (accountId, region, seed) => TwinHost.create({ ...base, accountId, region, seed }), auth);
  return { pool, server: await startServer(created.right, { port: 0, pool }) };
}

const client = (url: string, region: string, accessKeyId: string, secretAccessKey: string): ECSClient =>
  new ECSClient({ endpoint: url, region, credentials: { accessKeyId, secretAccessKey }, maxAttempts: 1 });

const clusterArns = async (ecs: ECSClient): Promise<string[]> => (await ecs.send(new ListClustersCommand({}))).clusterArns ?? [];

describe('TwinPool: one World per (account, region)', () => {
  let pool: TwinPool;
  let server: RunningServer;
  beforeAll(async () => ({ pool, server } = await startPool({ accounts: ACCOUNTS })));
  afterAll(() => server.close());

  it('isolates accounts (from the access key) and regions (from the credential scope)', async () => {
    const alice = client(server.url, 'us-east-1', 'AKIDALICE', 'whatever');
    const bob = client(server.url, 'us-east-1', 'AKIDBOB', 'whatever');
    const aliceEu = client(server.url, 'eu-west-1', 'AKIDALICE', 'whatever');
    await alice.send(new CreateClusterCommand({ clusterName: 'a' }));
    await bob.send(new CreateClusterCommand({ clusterName: 'b' }));
    await aliceEu.send(new CreateClusterCommand({ clusterName: 'a-eu' }));
    expect(await clusterArns(alice)).toEqual(['arn:aws:ecs:us-east-1:111111111111:cluster/a']);
    expect(await clusterArns(bob)).toEqual(['arn:aws:ecs:us-east-1:222222222222:cluster/b']);
    expect(await clusterArns(aliceEu)).toEqual(['arn:aws:ecs:eu-west-1:111111111111:cluster/a-eu']);
    expect(pool.pairs).toEqual(['111111111111/eu-west-1', '111111111111/us-east-1', '123456789012/us-east-1', '222222222222/us-east-1']);
    for (const c of [alice, bob, aliceEu]) c.destroy();
  });

  it('an unlisted key is the default account; a request without Authorization is the default pair', async () => {
    const stranger = client(server.url, 'us-east-1', 'AKIDOTHER', 'x');
    await stranger.send(new CreateClusterCommand({ clusterName: 'default-one' }));
    stranger.destroy();
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonEC2ContainerServiceV20141113.ListClusters' },
      body: '{}',
    });
    expect(await res.json()).toEqual({ clusterArns: ['arn:aws:ecs:us-east-1:123456789012:cluster/default-one'] });
  });

  it('a malformed Authorization header is refused in parse mode too (it names no region)', async () => {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { authorization: 'Basic dXNlcjpwYXNz', 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonEC2ContainerServiceV20141113.ListClusters' },
      body: '{}',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { __type: string }).__type).toBe('IncompleteSignatureException');
  });

  it('the control API picks its World with ?account=&region= (default: the default pair)', async () => {
    const state = async (q: string) => (await (await fetch(`${server.url}/_twin/state${q}`)).json()) as { accountId: string; region: string; journalLength: number };
    expect(await state('?account=111111111111&region=eu-west-1')).toMatchObject({ accountId: '111111111111', region: 'eu-west-1', journalLength: 2 }); // CreateCluster, ListClusters
    expect(await state('')).toMatchObject({ accountId: '123456789012', region: 'us-east-1' });
    const adv = await fetch(`${server.url}/_twin/advance?account=222222222222&region=us-east-1`, { method: 'POST', body: '{"ms":1000}' });
    expect(adv.status).toBe(200);
    expect((await state('?account=222222222222')).journalLength).toBe(3); // CreateCluster, ListClusters, advance
  });

  it('a pair whose World cannot be made is the config error (here: an invalid region in the scope)', async () => {
    const res = await fetch(`${server.url}/_twin/state?region=not a region!`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { __type: string }).__type).toBe('InvalidParameterException');
  });

  it('derives each pair\'s seed from the base seed and the pair, deterministically', () => {
    expect(pairSeed(9, '111111111111', 'us-east-1')).toBe(pairSeed(9, '111111111111', 'us-east-1'));
    expect(pairSeed(9, '111111111111', 'us-east-1')).not.toBe(pairSeed(9, '222222222222', 'us-east-1'));
    expect(pairSeed(9, '111111111111', 'us-east-1')).not.toBe(pairSeed(10, '111111111111', 'us-east-1'));
    const h = pool.hostFor('111111111111', 'us-east-1');
    expect(E.isRight(h) && h.right.world.config.seed).toBe(pairSeed(9, '111111111111', 'us-east-1'));
  });
});

describe('TwinPool --auth strict', () => {
  let server: RunningServer;
  let wall = Date.now();
  beforeAll(async () => ({ server } = await startPool({ mode: 'strict', accounts: ACCOUNTS, credentials: CREDENTIALS, wallNowMs: () => wall })));
  afterAll(() => server.close());

  it('accepts a client with the right secret', async () => {
    const ecs = client(server.url, 'us-west-2', 'AKIDALICE', 'alice-secret');
    await ecs.send(new CreateClusterCommand({ clusterName: 'ok' }));
    expect(await clusterArns(ecs)).toEqual(['arn:aws:ecs:us-west-2:111111111111:cluster/ok']);
    ecs.destroy();
  });

  it('a wrong secret is InvalidSignatureException with AWS\'s message', async () => {
    const ecs = client(server.url, 'us-west-2', 'AKIDALICE', 'wrong');
    const err = (await ecs.send(new ListClustersCommand({})).catch((e: unknown) => e)) as { name: string; message: string; $metadata: { httpStatusCode: number } };
    expect(err.name).toBe('InvalidSignatureException');
    expect(err.message).toBe(
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
    expect(err.$metadata.httpStatusCode).toBe(400);
    ecs.destroy();
  });

  it('an unknown access key is UnrecognizedClientException', async () => {
    const ecs = client(server.url, 'us-west-2', 'AKIDNOBODY', 'alice-secret');
    const err = (await ecs.send(new ListClustersCommand({})).catch((e: unknown) => e)) as { name: string; message: string };
    expect(err.name).toBe('UnrecognizedClientException');
    expect(err.message).toBe('The security token included in the request is invalid.');
    ecs.destroy();
  });

  it('a request without Authorization is MissingAuthenticationTokenException (400)', async () => {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonEC2ContainerServiceV20141113.ListClusters' },
      body: '{}',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' });
  });

  it('a signature made more than 5 minutes before the server\'s clock is "Signature expired"', async () => {
    wall = Date.now() + 6 * 60_000;
    const ecs = client(server.url, 'us-west-2', 'AKIDALICE', 'alice-secret');
    const err = (await ecs.send(new ListClustersCommand({})).catch((e: unknown) => e)) as { name: string; message: string };
    wall = Date.now();
    expect(err.name).toBe('InvalidSignatureException');
    expect(err.message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/);
    ecs.destroy();
  });

  it('a malformed Authorization header is IncompleteSignatureException', async () => {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKIDALICE', 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonEC2ContainerServiceV20141113.ListClusters' },
      body: '{}',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { __type: string }).__type).toBe('IncompleteSignatureException');
  });
});

describe('parseKeyMap', () => {
  it('accepts an object of strings and names the bad entry otherwise', () => {
    expect(parseKeyMap({ A: '111111111111' }, '--accounts', accountIdProblem)).toEqual(E.right({ A: '111111111111' }));
    expect(parseKeyMap({ A: '42' }, '--accounts', accountIdProblem)).toEqual(E.left('--accounts: "A": expected a 12-digit account id, got \'42\'.'));
    expect(parseKeyMap([], '--credentials')).toEqual(E.left('--credentials: expected a JSON object mapping access key ids to strings.'));
    expect(parseKeyMap({ A: 3 }, '--credentials')).toEqual(E.left('--credentials: "A": expected a non-empty string, got 3.'));
  });
});
