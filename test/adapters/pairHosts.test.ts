// The World of an (account, region) pair as `ecs-twin serve` makes it: base config + pair, persisted per pair.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, describe, expect, it } from 'vitest';
import { pairDataDir, pairHostFactory } from '../../src/adapters/pairHosts.js';

const dir = mkdtempSync(join(tmpdir(), 'ecs-twin-pairs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pairHostFactory', () => {
  it('makes the base config\'s World with the pair\'s account, region and seed', () => {
    const host = pairHostFactory({ seed: 3, quotas: { onDemandVcpu: 7 } }, { kind: 'manual' })('111111111111', 'eu-west-1', 42);
    if (E.isLeft(host)) throw new Error(host.left.message);
    expect(host.right.world.config).toMatchObject({ accountId: '111111111111', region: 'eu-west-1', seed: 42 });
    expect(host.right.world.config.quotas.onDemandVcpu).toBe(7);
  });

  it('refuses an account or region that is not one, before it names a folder', () => {
    const make = pairHostFactory({}, { kind: 'manual' }, dir);
    const badRegion = make('111111111111', '../../etc', 1);
    expect(E.isLeft(badRegion) && badRegion.left).toMatchObject({ name: 'InvalidParameterException' });
    const badAccount = make('../x', 'us-east-1', 1);
    expect(E.isLeft(badAccount) && badAccount.left).toMatchObject({ name: 'InvalidParameterException' });
    expect(existsSync(join(dir, 'accounts'))).toBe(false);
  });

  it('with a data dir: journals into DIR/accounts/<account>/<region>/ and resumes it', () => {
    const make = pairHostFactory({ seed: 5 }, { kind: 'manual' }, dir);
    const first = make('222222222222', 'us-west-2', 99);
    if (E.isLeft(first)) throw new Error(first.left.message);
    first.right.ecs('CreateCluster', { clusterName: 'kept' });
    expect(existsSync(join(pairDataDir(dir, '222222222222', 'us-west-2'), 'journal.ndjson'))).toBe(true);
    const again = make('222222222222', 'us-west-2', 99);
    if (E.isLeft(again)) throw new Error(again.left.message);
    expect(again.right.world.clusters.has('kept')).toBe(true);
    expect(again.right.world.config.seed).toBe(99);
  });
});
