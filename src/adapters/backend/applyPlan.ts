/**
 * `apply`: carries out a {@link Plan} against an {@link EcsBackend} — refusing a stale plan, calling the ECS
 * operations in order with the plan's idempotency tokens (through {@link applyOperations}), skipping the
 * Application Auto Scaling ones (the port and the twin's endpoint speak ECS only), and, when asked, following every
 * service the plan touched to steady state.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Plan, PlannedOperation } from '../../plan/types.js';
import { applyOperations, type ApplyReport, type Operation } from './applyOperations.js';
import type { BackendError, BackendResult, EcsBackend } from './ecsBackend.js';

/** Where a followed service stands after a poll. */
export interface ServiceProgress {
  /** `cluster/service`. */
  readonly service: string;
  readonly runningCount: number;
  readonly desiredCount: number;
  /** Deployments the service still has (1 once the rollout is over). */
  readonly deployments: number;
  /** The primary deployment's rolloutState (`IN_PROGRESS`, `COMPLETED`, `FAILED`). */
  readonly rolloutState: string;
  /** Time waited so far, in ms (as counted by `pause`). */
  readonly waitedMs: number;
  readonly steady: boolean;
}

/** Options of {@link apply}. */
export interface PlanApplyOptions {
  /** The fingerprint of the state now (`planFingerprint(currentWorld, desired)`): must equal the plan's. */
  readonly currentFingerprint: string;
  /** After the calls, poll DescribeServices until each touched service is steady (or failed, or `maxWaitMs`). */
  readonly wait?: boolean;
  /** Between polls (default 5 000 ms). */
  readonly pollMs?: number;
  /** Give up waiting after this long (default 30 minutes). */
  readonly maxWaitMs?: number;
  /**
   * Lets `ms` pass between polls. The default sleeps on the wall clock; against an `ecs-twin serve` with a manual
   * clock pass one that advances the twin (`POST /_twin/advance`), or nothing would ever move.
   */
  readonly pause?: (ms: number) => Promise<void>;
  /** Told of every call made and of every service polled. */
  readonly onProgress?: (event: ApplyProgress) => void;
}

/** What {@link apply} reports as it goes. */
export type ApplyProgress =
  | { readonly kind: 'call'; readonly index: number; readonly operation: string; readonly target: string }
  | { readonly kind: 'skipped'; readonly index: number; readonly operation: string; readonly note: string }
  | ({ readonly kind: 'service' } & ServiceProgress);

/** What {@link apply} did. */
export interface PlanApplyReport {
  /** The ECS calls made, indexed by their position in `plan.operations`; `failed` stops the rest. */
  readonly applied: ApplyReport;
  /** Operations not sent, with why (Application Auto Scaling). */
  readonly skipped: readonly { readonly index: number; readonly operation: string; readonly note: string }[];
  /** With `wait`: the last poll of each touched service. */
  readonly services: readonly ServiceProgress[];
  /** True when `wait` was asked and every touched service reached steady state (false without `wait`). */
  readonly steady: boolean;
}

/** The error name of a refused plan (the state changed since it was made). */
export const STALE_PLAN = 'StalePlanException';

/** Why Application Auto Scaling operations are skipped. */
export const AAS_SKIP_NOTE =
  'Application Auto Scaling is not part of the ECS API: the EcsBackend port (and the twin\'s endpoint) cannot call it. Register the scalable target and policies with the AWS CLI or your IaC tool.';

const DEFAULT_POLL_MS = 5_000;
const DEFAULT_MAX_WAIT_MS = 30 * 60_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The operation's input with the plan's `clientToken`, so a retried apply does not start what ECS already started. */
function withPlanToken(op: PlannedOperation): Operation {
  if (op.clientToken === undefined || op.input.clientToken !== undefined) return { operation: op.operation, input: op.input };
  return { operation: op.operation, input: { ...op.input, clientToken: op.clientToken } };
}

/**
 * Applies `plan` to `backend`. `Left` ({@link STALE_PLAN}) when `options.currentFingerprint` is not the plan's
 * fingerprint: nothing is called. Otherwise the ECS operations run in order and stop at the first error
 * (`applied.failed`); with `wait`, the services the plan creates or updates are followed to steady state.
 *
 * @example
 * ```ts
 * const done = await apply(awsBackend(client), plan, { currentFingerprint: planFingerprint(world, plan.desired!), wait: true });
 * if (E.isLeft(done)) console.error(done.left.message);
 * ```
 */
export async function apply(backend: EcsBackend, plan: Plan, options: PlanApplyOptions): Promise<BackendResult<PlanApplyReport>> {
  if (options.currentFingerprint !== plan.fingerprint) {
    return E.left({
      name: STALE_PLAN,
      message: `The state changed since the plan was made (fingerprint ${plan.fingerprint} in the plan, ${options.currentFingerprint} now): nothing was applied. Make a new plan.`,
    });
  }
  const notify = options.onProgress ?? (() => undefined);
  const skipped: { index: number; operation: string; note: string }[] = [];
  const made: ApplyReport['calls'][number][] = [];
  let failed: ApplyReport['failed'];
  // In plan order, one call at a time, so progress is told as each is made and a failure stops the rest.
  for (const [index, op] of plan.operations.entries()) {
    if (op.service !== 'ecs') {
      skipped.push({ index, operation: op.operation, note: AAS_SKIP_NOTE });
      notify({ kind: 'skipped', index, operation: op.operation, note: AAS_SKIP_NOTE });
      continue;
    }
    notify({ kind: 'call', index, operation: op.operation, target: plan.changes[op.change]?.id ?? '' });
    const one = await applyOperations(backend, [withPlanToken(op)], { dryRun: false });
    if (one.failed !== undefined) {
      failed = { ...one.failed, index };
      break;
    }
    for (const c of one.calls) made.push({ ...c, index });
  }
  const applied: ApplyReport = { dryRun: false, calls: made, ...(failed !== undefined ? { failed } : {}) };
  if (options.wait !== true || failed !== undefined) return E.right({ applied, skipped, services: [], steady: false });
  const followed = await followServices(backend, touchedServices(plan), options, notify);
  if (E.isLeft(followed)) return followed;
  return E.right({ applied, skipped, services: followed.right, steady: followed.right.every((s) => s.steady) });
}

/** `[cluster, service]` of every CreateService / UpdateService of the plan, in plan order, once each. */
export function touchedServices(plan: Plan): readonly (readonly [string, string])[] {
  const out: [string, string][] = [];
  for (const op of plan.operations) {
    if (op.service !== 'ecs' || (op.operation !== 'CreateService' && op.operation !== 'UpdateService')) continue;
    const cluster = typeof op.input.cluster === 'string' ? shortName(op.input.cluster) : 'default';
    const name = op.operation === 'CreateService' ? op.input.serviceName : op.input.service;
    if (typeof name !== 'string') continue;
    const service = shortName(name);
    if (!out.some(([c, s]) => c === cluster && s === service)) out.push([cluster, service]);
  }
  return out;
}

/** The last segment of an ARN (`…:service/prod/web` → `web`), or the name itself. */
function shortName(nameOrArn: string): string {
  return nameOrArn.startsWith('arn:') ? (nameOrArn.split('/').pop() ?? nameOrArn) : nameOrArn;
}

async function followServices(
  backend: EcsBackend,
  services: readonly (readonly [string, string])[],
  options: PlanApplyOptions,
  notify: (event: ApplyProgress) => void,
): Promise<E.Either<BackendError, ServiceProgress[]>> {
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  const pause = options.pause ?? sleep;
  const last = new Map<string, ServiceProgress>();
  let waitedMs = 0;
  for (;;) {
    for (const [cluster, service] of services) {
      const key = `${cluster}/${service}`;
      const prev = last.get(key);
      if (prev !== undefined && (prev.steady || prev.rolloutState === 'FAILED')) continue;
      const described = await backend.DescribeServices({ cluster, services: [service] });
      if (E.isLeft(described)) return described;
      const s = described.right.services?.[0];
      if (s === undefined) return E.left({ name: 'ServiceNotFoundException', message: `Service ${key} is not found after apply: ${String(described.right.failures?.[0]?.reason ?? 'MISSING')}.` });
      const deployments = s.deployments ?? [];
      const primary = deployments.find((d) => d.status === 'PRIMARY');
      const progress: ServiceProgress = {
        service: key,
        runningCount: s.runningCount ?? 0,
        desiredCount: s.desiredCount ?? 0,
        deployments: deployments.length,
        rolloutState: primary?.rolloutState ?? 'UNKNOWN',
        waitedMs,
        // Steady as `aws ecs wait services-stable` has it (one deployment, running = desired), and the rollout done.
        steady: deployments.length === 1 && (s.runningCount ?? 0) === (s.desiredCount ?? 0) && (primary?.rolloutState ?? 'COMPLETED') === 'COMPLETED',
      };
      last.set(key, progress);
      notify({ kind: 'service', ...progress });
    }
    const pending = [...last.values()].filter((p) => !p.steady && p.rolloutState !== 'FAILED');
    if (pending.length === 0 || waitedMs >= maxWaitMs) break;
    await pause(pollMs);
    waitedMs += pollMs;
  }
  return E.right(services.map(([c, s]) => last.get(`${c}/${s}`)).filter((p): p is ServiceProgress => p !== undefined));
}
