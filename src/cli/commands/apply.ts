/**
 * `ecs-twin apply PLAN (--endpoint URL | --aws) [--wait]`: reads a plan written by `ecs-twin plan --out`, reads
 * the current state the same way `plan` does, refuses the plan when the state of the resources it touches has
 * changed since (the fingerprints differ), then makes the ECS calls in order and, with `--wait`, follows each
 * service to steady state. Against an `ecs-twin serve` with a manual clock, `--wait` moves the twin's clock itself
 * (`POST /_twin/advance`), by `--poll` each time. Exit status: 0 applied (and steady with `--wait`), 1 otherwise.
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import { ECSClient } from '@aws-sdk/client-ecs';
import { type Command, InvalidArgumentError } from 'commander';
import * as E from 'fp-ts/lib/Either.js';
import { apply, type ApplyProgress, type PlanApplyReport } from '../../adapters/backend/applyPlan.js';
import { awsBackend } from '../../adapters/backend/awsBackend.js';
import type { EcsBackend } from '../../adapters/backend/ecsBackend.js';
import { planFingerprint } from '../../plan/fingerprint.js';
import { decodePlanFile } from '../../plan/planFile.js';
import { formatDuration } from '../../plan/render.js';
import type { Plan } from '../../plan/types.js';
import { endpointClient } from '../plan/currentState.js';
import { errorMessage } from '../simulation/outputs.js';
import { EXIT_ERROR, EXIT_OK, currentStateOf, desiredClusters, exitWithError, type PlanIo, type SourceOptions } from './plan.js';

/** Parsed options of `apply`. */
export interface ApplyCommandOptions extends SourceOptions {
  readonly wait?: boolean;
  /** Ms between polls with `--wait` (default 5 000). */
  readonly poll?: number;
  /** Give up waiting after this many ms (default 30 minutes). */
  readonly timeout?: number;
}

/** What `apply` needs besides io: the backend to call and how time passes while waiting (injectable for tests). */
export interface ApplyDeps {
  readonly backend: (options: ApplyCommandOptions, env: PlanIo['env']) => EcsBackend;
  readonly pause: (options: ApplyCommandOptions) => Promise<(ms: number) => Promise<void>>;
}

/** The production deps: the SDK client of the endpoint or of AWS; for a manual-clock ecs-twin, a pause that advances it. */
export const defaultApplyDeps: ApplyDeps = {
  backend: (options, env) => awsBackend(options.endpoint !== undefined ? endpointClient(options.endpoint, env) : new ECSClient({})),
  pause: async (options) => {
    const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
    if (options.endpoint === undefined) return sleep;
    const base = options.endpoint.replace(/\/+$/, '');
    try {
      const res = await fetch(`${base}/_twin/state`);
      const state = res.ok ? ((await res.json()) as { clock?: { mode?: string } }) : undefined;
      if (state?.clock?.mode !== 'manual') return sleep;
    } catch {
      return sleep;
    }
    // A manual clock moves only when told: waiting for a rollout means moving it.
    return async (ms) => {
      const res = await fetch(`${base}/_twin/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ms }) });
      if (!res.ok) throw new Error(`POST /_twin/advance answered ${res.status}`);
    };
  },
};

async function readPlan(path: string): Promise<E.Either<string, Plan>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    return E.left(`cannot read ${path}: ${errorMessage(e)}`);
  }
  return E.mapLeft((m: string) => `${path}: ${m}`)(decodePlanFile(text));
}

function progressLine(p: ApplyProgress): string {
  switch (p.kind) {
    case 'call':
      return `→ ${p.operation} ${p.target}`;
    case 'skipped':
      return `skipped ${p.operation}: ${p.note}`;
    case 'service':
      return `  ${p.service}: ${p.runningCount}/${p.desiredCount} running, ${p.deployments} deployment${p.deployments === 1 ? '' : 's'}, ${p.rolloutState}${p.steady ? ', steady' : ''} (${formatDuration(p.waitedMs / 1000)})`;
  }
}

function summary(report: PlanApplyReport, wait: boolean): { text: string; ok: boolean } {
  const { applied, skipped } = report;
  if (applied.failed !== undefined) {
    const f = applied.failed;
    return { text: `Apply failed at operation ${f.index + 1} (${f.operation}): ${f.error.name}: ${f.error.message}\n${applied.calls.length} call(s) made before it; the rest were not.`, ok: false };
  }
  const lines = [`Apply complete: ${applied.calls.length} call(s) made${skipped.length > 0 ? `, ${skipped.length} skipped (Application Auto Scaling)` : ''}.`];
  if (wait) {
    for (const s of report.services) {
      lines.push(s.steady ? `${s.service}: steady after ${formatDuration(s.waitedMs / 1000)}` : `${s.service}: not steady (${s.rolloutState}, ${s.runningCount}/${s.desiredCount} running after ${formatDuration(s.waitedMs / 1000)})`);
    }
  }
  return { text: lines.join('\n'), ok: !wait || report.steady };
}

/** Runs `apply`; resolves with the exit status. Never throws. */
export async function applyCommand(path: string, options: ApplyCommandOptions, io: PlanIo, deps: ApplyDeps = defaultApplyDeps): Promise<number> {
  const fail = (message: string) => {
    io.stderr(`error: ${message}\n`);
    return EXIT_ERROR;
  };
  if ((options.endpoint === undefined) === (options.aws !== true)) return fail('give one of --endpoint URL and --aws: where to apply the plan');
  if (options.from !== undefined) return fail('--from is for ecs-twin plan: apply needs a live target (--endpoint or --aws)');
  try {
    const read = await readPlan(path);
    if (E.isLeft(read)) return fail(read.left);
    const p = read.right;
    if (p.desired === undefined) return fail(`${path}: the plan holds no desired state, so its staleness cannot be checked; make it again with ecs-twin plan --out`);
    const state = await currentStateOf(options, desiredClusters(p.desired), io.env);
    if (E.isLeft(state)) return fail(state.left);
    const currentFingerprint = planFingerprint(state.right.world, p.desired);
    const pause = options.wait === true ? await deps.pause(options) : undefined;
    const done = await apply(deps.backend(options, io.env), p, {
      currentFingerprint,
      ...(options.wait === true ? { wait: true } : {}),
      ...(pause !== undefined ? { pause } : {}),
      ...(options.poll !== undefined ? { pollMs: options.poll } : {}),
      ...(options.timeout !== undefined ? { maxWaitMs: options.timeout } : {}),
      onProgress: (event) => io.stderr(`${progressLine(event)}\n`),
    });
    if (E.isLeft(done)) return fail(done.left.message);
    const { text, ok } = summary(done.right, options.wait === true);
    io.stdout(`${text}\n`);
    return ok ? EXIT_OK : EXIT_ERROR;
  } catch (e) {
    return fail(`the apply failed: ${errorMessage(e)}`);
  }
}

function positiveMs(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of ms > 0.');
  return n;
}

/** Adds the `apply` command. */
export function registerApplyCommand(program: Command, io: () => PlanIo, deps: ApplyDeps = defaultApplyDeps): void {
  program
    .command('apply')
    .description('apply a plan written by ecs-twin plan --out; refuses it when the state changed since')
    .argument('<plan>', 'plan file (JSON)')
    .option('--endpoint <url>', 'apply to this ECS endpoint (ecs-twin serve, …)')
    .option('--aws', 'apply to the AWS account of the SDK\'s credentials')
    .option('--config <file>', 'World config JSON for importing the current state (Region, account, subnets)')
    .option('--wait', 'follow each service the plan touches to steady state')
    .option('--poll <ms>', 'with --wait: ms between polls (a manual-clock ecs-twin is advanced by this much)', positiveMs)
    .option('--timeout <ms>', 'with --wait: give up after this many ms (default 30 minutes)', positiveMs)
    .exitOverride(exitWithError)
    .action(async (path: string, options: ApplyCommandOptions) => {
      process.exitCode = await applyCommand(path, options, io(), deps);
    });
}
