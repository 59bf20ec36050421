/**
 * `ecs-twin serve`: the ECS-compatible endpoint (JSON 1.1 on `POST /`) and its control API (`/_twin/`), bound to
 * 127.0.0.1 by default. See docs/guides/endpoint.md.
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import { Command, InvalidArgumentError } from 'commander';
import * as E from 'fp-ts/lib/Either.js';
import { startServer, type RunningServer } from '../../adapters/server.js';
import { DEFAULT_SNAPSHOT_EVERY, durableHostOptions, loadDataDir } from '../../adapters/dataDir.js';
import { DEFAULT_REALTIME_SPEED, TwinHost, type ClockMode, type TwinHostOptions } from '../../adapters/twinHost.js';
import { pairHostFactory } from '../../adapters/pairHosts.js';
import { TwinPool, accountIdProblem, parseKeyMap, type AuthOptions } from '../../adapters/twinPool.js';

/** Parsed options of `serve`. */
export interface ServeOptions {
  readonly port: number;
  readonly host: string;
  readonly config?: string;
  readonly clock: 'manual' | 'realtime';
  readonly speed: number;
  /** Keep the World durably in this directory (config + fsync'd journal + snapshot); resume it at start. */
  readonly dataDir?: string;
  /** With `dataDir`: journal entries between snapshots (0: only on a clean shutdown). */
  readonly snapshotEvery?: number;
  /** JSON file: access key id → account id. Unlisted keys (and unsigned requests) use the config's account. */
  readonly accounts?: string;
  /** `parse` (default): signatures are read, not checked; `strict`: verified against `credentials`. */
  readonly auth?: 'parse' | 'strict';
  /** JSON file: access key id → secret access key; required by `--auth strict`. */
  readonly credentials?: string;
}

/** Reads the `--accounts` / `--credentials` files into {@link AuthOptions}. */
async function readAuth(options: ServeOptions): Promise<E.Either<string, AuthOptions>> {
  const mode = options.auth ?? 'parse';
  if (mode === 'strict' && options.credentials === undefined) return E.left('--auth strict needs --credentials FILE (access key id -> secret).');
  if (mode !== 'strict' && options.credentials !== undefined) return E.left('--credentials is only used with --auth strict.');
  let accounts: Record<string, string> | undefined;
  let credentials: Record<string, string> | undefined;
  if (options.accounts !== undefined) {
    const read = await readConfigFile(options.accounts, '--accounts');
    const parsed = E.isLeft(read) ? read : parseKeyMap(read.right, `--accounts ${options.accounts}`, accountIdProblem);
    if (E.isLeft(parsed)) return parsed;
    accounts = parsed.right;
  }
  if (options.credentials !== undefined) {
    const read = await readConfigFile(options.credentials, '--credentials');
    const parsed = E.isLeft(read) ? read : parseKeyMap(read.right, `--credentials ${options.credentials}`);
    if (E.isLeft(parsed)) return parsed;
    credentials = parsed.right;
  }
  return E.right({ mode, ...(accounts !== undefined ? { accounts } : {}), ...(credentials !== undefined ? { credentials } : {}) });
}

/** Reads the `--config` file (or another JSON option's, named by `option`); a missing file or invalid JSON is a message. */
export async function readConfigFile(file: string, option = '--config'): Promise<E.Either<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return E.left(`cannot read ${option} ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    return E.right(JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text) as unknown);
  } catch (e) {
    return E.left(`${option} ${file} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Creates the twin and starts the endpoint; `Left` is the message to print before exiting with 1 (an unreadable
 * or invalid config). `log` prints the start-up lines (the URL, the default subnets).
 */
export async function serve(
  options: ServeOptions,
  log: (line: string) => void,
): Promise<E.Either<string, { server: RunningServer; twin: TwinHost; pool: TwinPool }>> {
  const auth = await readAuth(options);
  if (E.isLeft(auth)) return auth;
  let config: unknown = {};
  if (options.config !== undefined) {
    const read = await readConfigFile(options.config);
    if (E.isLeft(read)) return read;
    config = read.right;
  }
  const clock: ClockMode = options.clock === 'manual' ? { kind: 'manual' } : { kind: 'realtime', speed: options.speed };
  let hostOptions: TwinHostOptions = {};
  if (options.dataDir !== undefined) {
    const stored = loadDataDir(options.dataDir);
    if (E.isLeft(stored)) return stored;
    if (stored.right.config !== undefined) {
      if (options.config !== undefined && JSON.stringify(stored.right.config) !== JSON.stringify(config)) {
        return E.left(`--data-dir ${options.dataDir} already holds a World with another config; drop --config to resume it, or use a new directory.`);
      }
      config = stored.right.config;
    }
    for (const warning of stored.right.warnings) log(`warning: ${warning}`);
    hostOptions = durableHostOptions(options.dataDir, stored.right, config, options.snapshotEvery);
    if (stored.right.base !== undefined) log(`snapshot: ${stored.right.base.entries} journal entries, ${stored.right.journal.length} replayed after it`);
  }
  const twin = TwinHost.create(config, clock, hostOptions);
  if (E.isLeft(twin)) return E.left(`${twin.left.name}: ${twin.left.message}`);
  // The default pair (the config's account and region) is `twin`, stored in the data dir itself; other pairs are
  // made on first use (pairHosts.ts), from the config as given (the stored one for the default pair).
  const pool = new TwinPool(twin.right, pairHostFactory(config, clock, options.dataDir, options.snapshotEvery), auth.right);
  let server: RunningServer;
  try {
    server = await startServer(twin.right, { port: options.port, host: options.host, pool });
  } catch (e) {
    return E.left(`cannot listen on ${options.host}:${options.port}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const w = twin.right.world;
  log(`ecs-twin ECS endpoint on ${server.url} (region ${w.config.region}, account ${w.config.accountId})`);
  log(`clock: ${clock.kind === 'manual' ? 'manual (POST /_twin/advance moves it)' : `realtime x${clock.speed}`}`);
  log(`subnets: ${w.config.network.subnets.map((s) => `${s.subnetId} (${s.availabilityZone})`).join(', ')}`);
  log(`security groups: ${w.config.network.securityGroups.map((g) => g.groupId).join(', ')}`);
  log(`control API: ${server.url}/_twin/state`);
  log(
    auth.right.mode === 'strict'
      ? `auth: strict (SigV4 verified; ${Object.keys(auth.right.credentials ?? {}).length} access keys)`
      : 'auth: signatures parsed, not verified (region from the credential scope, account from --accounts)',
  );
  if (options.dataDir !== undefined) log(`data dir: ${options.dataDir} (${twin.right.journalLength} journal entries resumed)`);
  return E.right({ server, twin: twin.right, pool });
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number > 0.');
  return n;
}

function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number >= 0.');
  return n;
}

function portNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535) throw new InvalidArgumentError('expected a port number 0-65535.');
  return n;
}

/** Adds the `serve` command. */
export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run an ECS-compatible endpoint (AWS SDKs and CLI with --endpoint-url) and its control API')
    .option('--port <port>', 'port to listen on (0 picks a free one)', portNumber, 9090)
    .option('--host <address>', 'address to bind', '127.0.0.1')
    .option('--config <file>', 'World config JSON (region, seed, network, quotas, timings, behaviors, …)')
    .option('--clock <mode>', 'manual (only the control API moves time) or realtime', 'realtime')
    .option('--speed <n>', 'realtime clock: virtual ms per wall ms', positiveNumber, DEFAULT_REALTIME_SPEED)
    .option('--data-dir <dir>', 'keep the World in DIR (config + fsync\'d journal + snapshot) and resume it at start')
    .option('--snapshot-every <n>', 'with --data-dir: journal entries between snapshots (0: only at a clean shutdown)', wholeNumber, DEFAULT_SNAPSHOT_EVERY)
    .option('--accounts <file>', 'JSON {"ACCESS_KEY_ID": "ACCOUNT_ID"}: the account of each key (default: the config\'s account)')
    .option('--auth <mode>', 'parse (signatures read, not checked) or strict (verified with --credentials)', 'parse')
    .option('--credentials <file>', 'JSON {"ACCESS_KEY_ID": "SECRET_ACCESS_KEY"}, for --auth strict')
    .action(async (opts: { port: number; host: string; config?: string; clock: string; speed: number; dataDir?: string; snapshotEvery: number; accounts?: string; auth: string; credentials?: string }) => {
      if (opts.clock !== 'manual' && opts.clock !== 'realtime') {
        console.error(`--clock must be manual or realtime, got ${opts.clock}`);
        process.exitCode = 1;
        return;
      }
      if (opts.auth !== 'parse' && opts.auth !== 'strict') {
        console.error(`--auth must be parse or strict, got ${opts.auth}`);
        process.exitCode = 1;
        return;
      }
      const started = await serve({ ...opts, clock: opts.clock, auth: opts.auth }, (line) => console.log(line));
      if (E.isLeft(started)) {
        console.error(started.left);
        process.exitCode = 1;
        return;
      }
      // A clean shutdown snapshots every World, so the next start replays nothing.
      const stop = () =>
        void started.right.server.close().then(() => {
          for (const host of started.right.pool.hosts) {
            try {
              host.checkpoint();
            } catch (e) {
              // The journal holds everything already: a missing snapshot only makes the next start replay more.
              console.error(`warning: no snapshot written: ${e instanceof Error ? e.message : String(e)}`);
            }
          }
          process.exit(0);
        });
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
