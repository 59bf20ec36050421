/**
 * The plan's prediction (issue 12): a plan's operations simulated on a branch of the current World — what the
 * rollout of each service will look like, whether it fits the account, and what it costs per month.
 *
 * The prediction is the twin's own run: the operations go through `execute` and time through `advance`, on the
 * World given (immutable, so the caller's is untouched), in steps of `stepMs`. So applying the same operations to
 * the same World and advancing gives exactly the events predicted (the World's seed drives everything).
 *
 * @module
 */
import type { World } from '../domain/world.js';
import { advance } from '../engine/advance.js';
import { applyOnBranch, serviceIdOfKey } from './applyOnBranch.js';
import { circuitBreakerChecks, subnetIpChecks, vcpuQuotaChecks } from './planChecks.js';
import { monthlyCostUsd } from './planCost.js';
import { RolloutObserver, type ServiceWatch } from './rolloutObserver.js';
import type { PlanCheck, PlannedOperation, RolloutPrediction } from './types.js';

/** Options of {@link predict}. */
export interface PredictOptions {
  /** How far to simulate, virtual ms (default 2 hours). */
  readonly horizonMs?: number;
  /** Virtual ms between two samples of the World (default 5 s). */
  readonly stepMs?: number;
}

/** What {@link predict} returns: the parts of a `Plan` the simulation gives. */
export interface Prediction {
  /** One per service named by an accepted CreateService/UpdateService operation, in order of first mention. */
  readonly rollouts: readonly RolloutPrediction[];
  /** Rejected operations first (in plan order), then vCPU quota, subnet addresses and circuit breaker. */
  readonly checks: readonly PlanCheck[];
  /** USD per 30-day month of those services' desired tasks, before and after the operations (cents). */
  readonly monthlyCostUsd: { readonly before: number; readonly after: number };
}

/** Default horizon: 2 hours of virtual time. */
export const DEFAULT_HORIZON_MS = 2 * 3_600_000;
/** Default sampling step: 5 seconds (the service scheduler's health tick). */
export const DEFAULT_STEP_MS = 5_000;

/** A valid option, or the default with a warning naming what was wrong. */
function optionOr(value: unknown, name: string, fallback: number, min: number, warnings: PlanCheck[]): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= min) return value;
  warnings.push({
    name: 'operation',
    status: 'warn',
    subject: `options.${name}`,
    message: `options.${name} must be an integer number of milliseconds ≥ ${min} (got ${String(value)}); predicted with the default ${fallback}`,
  });
  return fallback;
}

const seconds = (ms: number): number => ms / 1000;

function rolloutOf(w: ServiceWatch, startMs: number, subnetInUseAtPeak: ReadonlyMap<string, number>): RolloutPrediction {
  const failed = w.failedDeployment();
  const outcome: RolloutPrediction['outcome'] =
    failed !== undefined ? (w.rolledBack ? 'ROLLED_BACK' : 'FAILED') : w.steadyAtMs !== undefined ? 'COMPLETED' : 'IN_PROGRESS';
  const ips: Record<string, number> = {};
  for (const id of w.subnets) {
    const n = subnetInUseAtPeak.get(id);
    if (n !== undefined) ips[id] = n;
  }
  return {
    service: serviceIdOfKey(w.key),
    timeToSteadySeconds: w.steadyAtMs === undefined ? null : seconds(w.steadyAtMs - startMs),
    peakTasks: w.peakTasks,
    peakVcpus: w.peakVcpus,
    lowestHealthy: Number.isFinite(w.lowestHealthy) ? w.lowestHealthy : 0,
    ipsAtPeak: ips,
    events: w.events.map((e) => ({ atSeconds: seconds(e.atMs - startMs), message: e.message })),
    outcome,
  };
}

/**
 * Simulates a plan's operations on a branch of `world` and predicts each touched service's rollout, the checks,
 * and the monthly cost before and after.
 *
 * - The ECS operations are applied in order at the World's current instant (`application-autoscaling` ones are
 *   skipped: not ECS calls). A rejected one is a failed check (`task-definition` for RegisterTaskDefinition,
 *   `operation` otherwise) with ECS's exception and message; the rest are still applied. Never throws.
 * - Then time advances in `stepMs` steps until every touched service is settled — steady (one COMPLETED
 *   deployment, RUNNING = desired, nothing pending), or failed by the circuit breaker without rollback — or
 *   `horizonMs` has passed.
 *
 * @example
 * ```ts
 * const p = predict(world, [
 *   { service: 'ecs', operation: 'RegisterTaskDefinition', change: 0, input: webV2 },
 *   { service: 'ecs', operation: 'UpdateService', change: 1, input: { cluster: 'prod', service: 'web', taskDefinition: 'web' } },
 * ]);
 * p.rollouts[0]; // { service: 'prod/web', timeToSteadySeconds: 180, peakTasks: 12, lowestHealthy: 6, outcome: 'COMPLETED', … }
 * ```
 */
export function predict(world: World, operations: readonly PlannedOperation[], options: PredictOptions = {}): Prediction {
  const optionChecks: PlanCheck[] = [];
  const horizonMs = optionOr(options.horizonMs, 'horizonMs', DEFAULT_HORIZON_MS, 0, optionChecks);
  const stepMs = optionOr(options.stepMs, 'stepMs', DEFAULT_STEP_MS, 1, optionChecks);
  const startMs = world.nowMs;
  const applied = applyOnBranch(world, operations);
  const keys = applied.touchedServices;
  const before = monthlyCostUsd(world, keys);
  const after = monthlyCostUsd(applied.world, keys);
  const obs = new RolloutObserver(world, applied.world, keys);
  obs.observe(applied.events);
  obs.sample(applied.world);
  let w = applied.world;
  for (let elapsed = 0; elapsed < horizonMs && obs.watches.length > 0 && !obs.allSettled(); ) {
    const step = Math.min(stepMs, horizonMs - elapsed);
    const r = advance(w, step);
    if (r.error !== undefined) break; // the clock would pass what a Date holds: nothing more can happen
    w = r.world;
    obs.observe(r.events);
    obs.sample(w);
    elapsed += step;
  }
  const simulated = obs.watches.length > 0 ? [...vcpuQuotaChecks(w, obs), ...subnetIpChecks(w, obs), ...circuitBreakerChecks(w, obs, horizonMs)] : [];
  return {
    rollouts: obs.watches.map((s) => rolloutOf(s, startMs, obs.account.subnetInUseAtPeak)),
    checks: [...optionChecks, ...applied.checks, ...simulated],
    monthlyCostUsd: { before, after },
  };
}
