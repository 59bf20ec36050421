// The AWS CLI (botocore's SigV4 signer, not the JS SDK's) against `--auth strict`: the right secret is accepted in
// the account of its key and the Region of --region; a wrong one is InvalidSignatureException with AWS's message
// (quoted in issue 9). `aws` is on the CI machine image, as for awsCli.test.ts.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/adapters/server.js';
import { TwinHost } from '../../src/adapters/twinHost.js';
import { TwinPool } from '../../src/adapters/twinPool.js';

const run = promisify(execFile);

describe('the AWS CLI against --auth strict', () => {
  let server: RunningServer;
  beforeAll(async () => {
    const host = TwinHost.create({ seed: 2 });
    if (E.isLeft(host)) throw new Error(host.left.message);
    const pool = new TwinPool(host.right, (accountId, region, seed) => TwinHost.create({ accountId, region, seed }), {
      mode: 'strict',
      accounts: { AKIDCLI: '444444444444' },
      credentials: { AKIDCLI: 'cli-secret' },
    });
    server = await startServer(host.right, { port: 0, pool });
  });
  afterAll(() => server.close());

  // Async on purpose: the server answers from this process, so a synchronous child would deadlock it.
  const aws = (secret: string, ...args: string[]) =>
    run('aws', ['ecs', ...args, '--endpoint-url', server.url, '--region', 'eu-north-1', '--output', 'json'], {
      env: { ...process.env, AWS_ACCESS_KEY_ID: 'AKIDCLI', AWS_SECRET_ACCESS_KEY: secret, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', AWS_PAGER: '', AWS_MAX_ATTEMPTS: '1' },
    });

  it('accepts the right secret: the cluster is in the key\'s account and the --region', async () => {
    const { stdout } = await aws('cli-secret', 'create-cluster', '--cluster-name', 'from-cli');
    expect((JSON.parse(stdout) as { cluster: { clusterArn: string } }).cluster.clusterArn).toBe('arn:aws:ecs:eu-north-1:444444444444:cluster/from-cli');
  });

  it('refuses a wrong secret with InvalidSignatureException', async () => {
    const err = (await aws('wrong', 'list-clusters').catch((e: unknown) => e)) as { code: number; stderr: string };
    expect(err.code).not.toBe(0);
    expect(err.stderr).toContain('(InvalidSignatureException)');
    expect(err.stderr).toContain('The request signature we calculated does not match the signature you provided.');
  });
});
