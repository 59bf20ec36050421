/**
 * How `ecs-twin serve` makes the World of an (account, region) pair for a {@link TwinPool}: the base config with
 * the pair's `accountId`, `region` and derived seed, on the server's clock, and — with `--data-dir DIR` — kept in
 * `DIR/accounts/<account>/<region>/` (the default pair stays in `DIR` itself, as before accounts existed). A pair
 * with a stored World resumes it (its stored config wins) the first time a request names it.
 *
 * @module
 */
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { ecsError, invalidParameter } from '../domain/errors.js';
import { durableHostOptions, loadDataDir } from './dataDir.js';
import { TwinHost, type ClockMode } from './twinHost.js';
import type { HostFactory } from './twinPool.js';

/** AWS region names: `us-east-1`, `eu-central-2`, `us-gov-west-1`, `ap-southeast-5`, … */
const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const ACCOUNT_ID = /^\d{12}$/;

/** The folder of a pair under a data directory. */
export function pairDataDir(dataDir: string, accountId: string, region: string): string {
  return join(dataDir, 'accounts', accountId, region);
}

/**
 * A {@link HostFactory} for the base `config` (untrusted JSON) and `clock`, persisting under `dataDir` if given.
 * The account and region are checked before they name a folder, so a crafted credential scope cannot reach
 * outside the data directory. `snapshotEvery`: journal entries between snapshots (`JournalFileOptions`).
 */
export function pairHostFactory(config: unknown, clock: ClockMode, dataDir?: string, snapshotEvery?: number): HostFactory {
  const base = typeof config === 'object' && config !== null && !Array.isArray(config) ? (config as Record<string, unknown>) : {};
  return (accountId, region, seed) => {
    if (!ACCOUNT_ID.test(accountId)) return E.left(invalidParameter(`accountId: expected 12 digits, got '${accountId.slice(0, 40)}'.`));
    if (!REGION_NAME.test(region)) return E.left(invalidParameter(`region: '${region.slice(0, 40)}' is not an AWS region name (such as us-east-1).`));
    const pairConfig = { ...base, accountId, region, seed };
    if (dataDir === undefined) return TwinHost.create(pairConfig, clock);
    const dir = pairDataDir(dataDir, accountId, region);
    const stored = loadDataDir(dir);
    if (E.isLeft(stored)) return E.left(ecsError('ServerException', stored.left));
    const resumed = stored.right.config !== undefined;
    const cfg = resumed ? stored.right.config : pairConfig;
    // A new pair's config is checked before it is written, so a bad one leaves no folder content behind.
    if (!resumed) {
      const check = TwinHost.create(cfg, { kind: 'manual' });
      if (E.isLeft(check)) return check;
    }
    try {
      return TwinHost.create(cfg, clock, durableHostOptions(dir, stored.right, cfg, snapshotEvery));
    } catch (e) {
      return E.left(ecsError('ServerException', `cannot use ${dir}: ${e instanceof Error ? e.message : String(e)}`));
    }
  };
}
