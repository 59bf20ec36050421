// `ecs-twin serve --accounts / --auth strict --credentials`: option checks, and the pool wired to the endpoint
// with a real SDK client (the accept/reject cases themselves are in test/adapters/twinPool.test.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateClusterCommand, ECSClient, ListClustersCommand } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, describe, expect, it } from 'vitest';
import { serve } from '../../src/cli/commands/serve.js';

const dir = mkdtempSync(join(tmpdir(), 'ecs-twin-serve-auth-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, value: unknown): string => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
};
const base = { port: 0, host: '127.0.0.1', clock: 'manual' as const, speed: 1 };

describe('ecs-twin serve with accounts and auth', () => {
  it('--auth strict --credentials: a signed client gets its account\'s World, kept in the data dir per pair', async () => {
    const accounts = file('accounts.json', { AKIDA: '333333333333' });
    const credentials = file('credentials.json', { AKIDA: 'sa' });
    const dataDir = join(dir, 'data');
    const lines: string[] = [];
    const started = await serve({ ...base, accounts, auth: 'strict', credentials, dataDir }, (l) => lines.push(l));
    if (E.isLeft(started)) throw new Error(started.left);
    expect(lines).toContain('auth: strict (SigV4 verified; 1 access keys)');
    const ecs = new ECSClient({ endpoint: started.right.server.url, region: 'ap-south-1', credentials: { accessKeyId: 'AKIDA', secretAccessKey: 'sa' }, maxAttempts: 1 });
    await ecs.send(new CreateClusterCommand({ clusterName: 'mine' }));
    ecs.destroy();
    await started.right.server.close();
    expect(started.right.pool.pairs).toContain('333333333333/ap-south-1');
    expect(started.right.twin.world.clusters.size).toBe(0); // the default pair saw nothing
    const again = await serve({ ...base, accounts, auth: 'strict', credentials, dataDir }, () => undefined);
    if (E.isLeft(again)) throw new Error(again.left);
    const ecs2 = new ECSClient({ endpoint: again.right.server.url, region: 'ap-south-1', credentials: { accessKeyId: 'AKIDA', secretAccessKey: 'sa' }, maxAttempts: 1 });
    const out = await ecs2.send(new ListClustersCommand({}));
    ecs2.destroy();
    await again.right.server.close();
    expect(out.clusterArns).toEqual(['arn:aws:ecs:ap-south-1:333333333333:cluster/mine']);
  });

  it.each<[string, { auth?: 'strict'; credentials?: string; accounts?: string }, string]>([
    ['--auth strict without --credentials', { auth: 'strict' as const }, '--auth strict needs --credentials FILE'],
    ['--credentials without --auth strict', { credentials: 'x.json' }, '--credentials is only used with --auth strict.'],
    ['an --accounts value that is not an account id', { accounts: 'bad-accounts' }, '"AKIDA": expected a 12-digit account id'],
    ['a missing --accounts file', { accounts: join(dir, 'missing.json') }, 'cannot read --accounts'],
  ])('refuses %s', async (_what, opts, message) => {
    const resolved = opts.accounts === 'bad-accounts' ? { accounts: file('bad.json', { AKIDA: '12' }) } : opts;
    const started = await serve({ ...base, ...resolved }, () => undefined);
    expect(E.isLeft(started) && started.left).toContain(message);
  });
});
