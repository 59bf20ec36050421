/**
 * `ecs-twin plan DESIRED`: reads the desired state (ECS request bodies, or a CloudFormation template), reads the
 * current state (`--from` a snapshot, `--endpoint` a running ecs-twin or other ECS endpoint, `--aws` an account;
 * none: an empty account), and prints the plan — changes, predicted rollout, checks, cost — like `terraform plan`.
 * `--out` writes it as JSON for `ecs-twin apply`. Exit status: 0 success, 1 error; with `--detailed-exitcode`,
 * 0 no changes, 2 changes, 1 error. See docs/guides/plan-before-you-deploy.md.
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import * as E from 'fp-ts/lib/Either.js';
import { tryCreateWorld } from '../../engine/createWorld.js';
import { readDesiredState } from '../../plan/desired/index.js';
import { plan } from '../../plan/plan.js';
import { isNoOpPlan, renderPlan } from '../../plan/render.js';
import type { DesiredState, Plan } from '../../plan/types.js';
import { formatProblem, type ScenarioProblem } from '../../sim/scenario/problems.js';
import { loadCurrentState, type CurrentState, type StateSource } from '../plan/currentState.js';
import { errorMessage, writeTextFile, type CommandIo } from '../simulation/outputs.js';
import { readConfigFile } from './serve.js';

/** Success (with `--detailed-exitcode`: success and no changes). */
export const EXIT_OK = 0;
/** An error: bad arguments, unreadable input, an unreachable source, a refused or failed apply. */
export const EXIT_ERROR = 1;
/** With `--detailed-exitcode`: success, and the plan has changes. */
export const EXIT_CHANGES = 2;

/** Where the current state comes from (at most one). */
export interface SourceOptions {
  readonly from?: string;
  readonly endpoint?: string;
  readonly aws?: boolean;
  /** World config (JSON) of an imported or empty current state: Region, account, subnets. */
  readonly config?: string;
}

/** Parsed options of `plan`. */
export interface PlanCommandOptions extends SourceOptions {
  readonly parameters?: readonly string[];
  readonly out?: string;
  readonly detailedExitcode?: boolean;
  /** `--no-color` sets it false; colours also need a terminal and no NO_COLOR. */
  readonly color?: boolean;
}

/** The command's io, plus whether stdout is a terminal (colours). */
export interface PlanIo extends CommandIo {
  readonly stdoutIsTTY: boolean;
}

/** `k=v` pairs as a record; `Left` names the first malformed one. */
export function parseParameters(pairs: readonly string[] = []): E.Either<string, Record<string, string>> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) return E.left(`--parameters ${pair}: expected KEY=VALUE`);
    out[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return E.right(out);
}

/** The clusters a desired state names: its clusters, and those of its services (`default` when none is named). */
export function desiredClusters(desired: DesiredState): string[] {
  const names = new Set<string>();
  const short = (v: unknown): string => (typeof v === 'string' && v !== '' ? (v.startsWith('arn:') ? (v.split('/').pop() ?? v) : v) : 'default');
  for (const c of desired.clusters) names.add(short(c.body.clusterName));
  for (const s of desired.services) names.add(short(s.body.cluster));
  return [...names].sort();
}

/** Reads the `--config` file, if any. */
async function readWorldConfig(options: SourceOptions): Promise<E.Either<string, unknown>> {
  return options.config === undefined ? E.right(undefined) : readConfigFile(options.config);
}

/**
 * The current state per the source options: a file, an endpoint, AWS, or (none given) an empty account made from
 * `--config`. `Left` is the message to print.
 */
export async function currentStateOf(options: SourceOptions, clusters: readonly string[], env: PlanIo['env']): Promise<E.Either<string, CurrentState>> {
  const given = [options.from !== undefined, options.endpoint !== undefined, options.aws === true].filter(Boolean).length;
  if (given > 1) return E.left('give at most one of --from, --endpoint and --aws');
  const config = await readWorldConfig(options);
  if (E.isLeft(config)) return config;
  let source: StateSource;
  if (options.from !== undefined) {
    let text: string;
    try {
      text = await readFile(options.from, 'utf8');
    } catch (e) {
      return E.left(`cannot read --from ${options.from}: ${errorMessage(e)}`);
    }
    source = { kind: 'file', path: options.from, text };
  } else if (options.endpoint !== undefined) {
    source = { kind: 'endpoint', url: options.endpoint };
  } else if (options.aws === true) {
    source = { kind: 'aws' };
  } else {
    const world = tryCreateWorld(config.right ?? {});
    if (E.isLeft(world)) return E.left(`--config: ${world.left.message}`);
    return E.right({ world: world.right, description: 'an empty account (no --from, --endpoint or --aws)', notes: [] });
  }
  return loadCurrentState(source, { clusters, ...(config.right !== undefined ? { config: config.right } : {}) }, env);
}

/** Reads and decodes the desired-state file for a World's Region and account; `Left` is the problems, one a line. */
async function readDesired(path: string, parameters: Record<string, string>, region: string, accountId: string): Promise<E.Either<string, DesiredState>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    return E.left(`cannot read ${path}: ${errorMessage(e)}`);
  }
  const read = readDesiredState(text, { fileName: basename(path), parameters, region, accountId });
  return E.mapLeft((problems: readonly ScenarioProblem[]) => problems.map(formatProblem).join('\n'))(read);
}

/** Makes the plan (without printing): the desired state, the current state, the plan. */
export async function makePlan(path: string, options: PlanCommandOptions, env: PlanIo['env']): Promise<E.Either<string, { plan: Plan; state: CurrentState }>> {
  const parameters = parseParameters(options.parameters);
  if (E.isLeft(parameters)) return parameters;
  // The Region and account resolve CloudFormation pseudo parameters; a first read with the defaults names the
  // clusters to read, then the state's own Region and account are used.
  const first = await readDesired(path, parameters.right, 'us-east-1', '123456789012');
  if (E.isLeft(first)) return first;
  const state = await currentStateOf(options, desiredClusters(first.right), env);
  if (E.isLeft(state)) return state;
  const { region, accountId } = state.right.world.config;
  const desired = region === 'us-east-1' && accountId === '123456789012' ? first : await readDesired(path, parameters.right, region, accountId);
  if (E.isLeft(desired)) return desired;
  return E.right({ plan: plan(state.right.world, desired.right), state: state.right });
}

/** Runs `plan`; resolves with the exit status. Never throws. */
export async function planCommand(path: string, options: PlanCommandOptions, io: PlanIo): Promise<number> {
  let made: E.Either<string, { plan: Plan; state: CurrentState }>;
  try {
    made = await makePlan(path, options, io.env);
  } catch (e) {
    made = E.left(`the plan failed: ${errorMessage(e)}`);
  }
  if (E.isLeft(made)) {
    io.stderr(`error: ${made.left}\n`);
    return EXIT_ERROR;
  }
  const { plan: p, state } = made.right;
  io.stderr(`current state: ${state.description}\n`);
  for (const note of state.notes) io.stderr(`note: ${note}\n`);
  const color = options.color !== false && io.stdoutIsTTY && io.env.NO_COLOR === undefined;
  io.stdout(renderPlan(p, { color }));
  if (options.out !== undefined) {
    const w = await writeTextFile(options.out, `${JSON.stringify(p, null, 2)}\n`);
    if (E.isLeft(w)) {
      io.stderr(`error: ${w.left}\n`);
      return EXIT_ERROR;
    }
    io.stderr(`wrote ${options.out}; apply it with: ecs-twin apply ${options.out} ${applySourceHint(options)}\n`);
  }
  if (options.detailedExitcode === true && !isNoOpPlan(p)) return EXIT_CHANGES;
  return EXIT_OK;
}

function applySourceHint(options: SourceOptions): string {
  if (options.endpoint !== undefined) return `--endpoint ${options.endpoint}`;
  return '--endpoint URL | --aws';
}

/** Commander's own errors (an unknown option, a bad value) are errors: status 1; help and version exit 0. */
export function exitWithError(err: { exitCode: number }): never {
  process.exit(err.exitCode === 0 ? 0 : EXIT_ERROR);
}

function endpointUrl(value: string): string {
  if (!/^https?:\/\/[^\s/]+/.test(value)) throw new InvalidArgumentError('expected an http(s) URL, like http://127.0.0.1:9090.');
  return value;
}

/** Adds the `plan` command. */
export function registerPlanCommand(program: Command, io: () => PlanIo): void {
  program
    .command('plan')
    .description('compare a desired state with the current one: changes, predicted rollout, checks, cost (like terraform plan)')
    .argument('<desired>', 'desired state: ECS request bodies (YAML/JSON) or a CloudFormation template')
    .option('--from <snapshot>', 'current state from a World snapshot or a GET /_twin/snapshot export')
    .option('--endpoint <url>', 'current state from an ECS endpoint (a running ecs-twin serve is replayed exactly)', endpointUrl)
    .option('--aws', 'current state from the AWS account of the SDK\'s credentials (imported)')
    .option('--config <file>', 'World config JSON for an imported or empty current state (Region, account, subnets)')
    .option('--parameters <pairs...>', 'CloudFormation parameters, KEY=VALUE')
    .option('--out <file>', 'write the plan as JSON (for ecs-twin apply)')
    .option('--detailed-exitcode', 'exit 0 when there are no changes, 2 when there are, 1 on error')
    .option('--no-color', 'no colours (also off when stdout is not a terminal or NO_COLOR is set)')
    .exitOverride(exitWithError)
    .action(async (path: string, options: PlanCommandOptions) => {
      process.exitCode = await planCommand(path, options, io());
    });
}
