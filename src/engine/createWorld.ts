/**
 * Creating a World from a configuration.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { decodeFailure } from '../codecs/reporter.js';
import { BehaviorRulesCodec } from '../codecs/simInputs.js';
import { invalidParameter, type EcsError } from '../domain/errors.js';
import { resolveNetwork, type NetworkConfig } from '../domain/network.js';
import type { DurationSpec } from '../domain/rng.js';
import { DEFAULT_START_TIME_MS } from '../domain/time.js';
import { seedStreams } from '../domain/rng.js';
import {
  NO_FAULTS,
  emptyTables,
  type BehaviorRule,
  type FargateQuotas,
  type RateLimit,
  type ResolvedConfig,
  type RetentionConfig,
  type TaskTimings,
  type World,
} from '../domain/world.js';

/** Options for a new World. Every field is optional. */
export interface WorldConfig {
  /** AWS Region of the simulated account. Default `us-east-1`. */
  readonly region?: string;
  /** 12-digit account id used in ARNs. Default `123456789012`. */
  readonly accountId?: string;
  /** Root seed of every random choice (ids, durations, placement ties, faults). Default `1`. */
  readonly seed?: number;
  /**
   * Start of the virtual clock, epoch milliseconds. Default `1704067200000` (2024-01-01T00:00:00Z), a fixed value
   * so that the same inputs give the same outputs on any machine and any day.
   */
  readonly startTimeMs?: number;
  /**
   * Subnets (`{ subnetId, cidrBlock, availabilityZone, vpcId }`, EC2 field names) and security groups for
   * `awsvpc` tasks. Default: a default VPC like a new AWS account's — `172.31.0.0/16`, one default `/20` subnet per
   * Availability Zone of the Region, a `default` security group — so RunTask works out of the box. Usable
   * addresses per subnet = addresses in the CIDR − 5.
   */
  readonly network?: NetworkConfig;
  /**
   * Fargate quotas: vCPUs On-Demand and Spot (default 6 each) and the launch-rate token buckets (RunTask calls
   * 20/20 per second, task launches 100/20 per pool). Any field may be given alone; `Infinity` switches a limit
   * off. See {@link FargateQuotas}.
   */
  readonly quotas?: Partial<FargateQuotas>;
  /** Lifecycle durations; any field may be given alone. See {@link TaskTimings} for the defaults. */
  readonly timings?: Partial<TaskTimings>;
  /** Container behaviour rules, first match wins (see {@link BehaviorRule}). Default: none (realistic defaults). */
  readonly behaviors?: readonly BehaviorRule[];
  /** Retention of stopped tasks. Default `{ stoppedTaskMs: 3_600_000 }` (1 hour, ECS's documented minimum). */
  readonly retention?: Partial<RetentionConfig>;
}

const spec = (medianMs: number, minMs: number, maxMs: number): DurationSpec => ({ medianMs, minMs, maxMs });

/**
 * The default lifecycle durations, calibrated on the real Fargate captures of reference §3.8 (the docs of each
 * field of {@link TaskTimings} give its source figures).
 */
export const DEFAULT_TASK_TIMINGS: TaskTimings = {
  provisioning: spec(6_600, 2_000, 45_000),
  pullStartDelay: spec(9_400, 2_000, 30_000),
  pullPublicRegistry: spec(7_000, 2_000, 120_000),
  pullEcr: spec(1_600, 500, 60_000),
  activating: spec(1_000, 300, 10_000),
  stopNotice: spec(50, 20, 1_000),
  deactivating: spec(50, 0, 1_000),
  gracefulStop: spec(100, 50, 10_000),
  exitNotice: spec(10_000, 2_000, 30_000),
  deprovisioning: spec(23_100, 10_000, 60_000),
  serviceReaction: spec(15_000, 5_000, 30_000),
};

const rate = (burst: number, refillPerSecond: number): RateLimit => ({ burst, refillPerSecond });

/** The default Fargate quotas (reference §9.2–9.3). */
export const DEFAULT_FARGATE_QUOTAS: FargateQuotas = {
  onDemandVcpu: 6,
  spotVcpu: 6,
  runTaskApi: rate(20, 20),
  onDemandLaunches: rate(100, 20),
  spotLaunches: rate(100, 20),
};

/** The default retention of stopped tasks: one hour. */
export const DEFAULT_RETENTION: RetentionConfig = { stoppedTaskMs: 3_600_000 };

/**
 * Applies the defaults to a configuration.
 *
 * @throws RangeError when the configuration is invalid (an unusable network: bad CIDR, unknown zone, …; a
 *   negative quota; a duration spec with min > max). A configuration is code written by the user of the library,
 *   not an API request, so a mistake in it is reported at once rather than as an ECS error.
 */
export function resolveConfig(config: WorldConfig = {}): ResolvedConfig {
  const region = config.region ?? 'us-east-1';
  const seed = Math.trunc(config.seed ?? 1) >>> 0;
  const network = resolveNetwork(config.network, region, seed);
  if (E.isLeft(network)) throw new RangeError(`Invalid world configuration: ${network.left}`);
  const quotas: FargateQuotas = { ...DEFAULT_FARGATE_QUOTAS, ...stripUndefined(config.quotas) };
  for (const key of ['onDemandVcpu', 'spotVcpu'] as const) {
    if (!(quotas[key] >= 0)) throw new RangeError(`Invalid world configuration: quotas.${key} must be a number ≥ 0.`);
  }
  for (const key of ['runTaskApi', 'onDemandLaunches', 'spotLaunches'] as const) {
    const r = quotas[key];
    if (!(r.burst >= 0) || !(r.refillPerSecond >= 0)) {
      throw new RangeError(`Invalid world configuration: quotas.${key} needs burst ≥ 0 and refillPerSecond ≥ 0.`);
    }
  }
  const timings: TaskTimings = { ...DEFAULT_TASK_TIMINGS, ...stripUndefined(config.timings) };
  for (const [key, d] of Object.entries(timings) as Array<[string, DurationSpec]>) {
    if (!(d.minMs >= 0) || !(d.maxMs >= d.minMs) || !(d.medianMs >= 0)) {
      throw new RangeError(`Invalid world configuration: timings.${key} needs 0 ≤ minMs ≤ maxMs and medianMs ≥ 0.`);
    }
  }
  const retention: RetentionConfig = { ...DEFAULT_RETENTION, ...stripUndefined(config.retention) };
  if (!(retention.stoppedTaskMs >= 0)) {
    throw new RangeError('Invalid world configuration: retention.stoppedTaskMs must be ≥ 0.');
  }
  const behaviors = BehaviorRulesCodec.decode(config.behaviors ?? []);
  if (E.isLeft(behaviors)) {
    throw new RangeError(`Invalid world configuration: behaviors: ${decodeFailure(behaviors.left).message}`);
  }
  return {
    region,
    accountId: config.accountId ?? '123456789012',
    seed,
    startTimeMs: Math.trunc(config.startTimeMs ?? DEFAULT_START_TIME_MS),
    network: network.right,
    quotas,
    timings,
    behaviors: behaviors.right as readonly BehaviorRule[],
    retention,
  };
}

// `{ ...defaults, ...partial }` must not let an explicit `undefined` erase a default.
function stripUndefined<T extends object>(o: T | undefined): Partial<T> {
  const out: Partial<T> = {};
  if (o) for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

/**
 * A new, empty World: no clusters (the `default` cluster appears when first created, as in ECS), the clock at
 * `startTimeMs`, the generators seeded from `seed`.
 *
 * @throws RangeError for an invalid configuration (see {@link resolveConfig}).
 *
 * @example
 * ```ts
 * const world = createWorld({ seed: 42 });
 * world.nowMs; // 1704067200000
 * ```
 */
export function createWorld(config: WorldConfig = {}): World {
  const resolved = resolveConfig(config);
  return {
    config: resolved,
    nowMs: resolved.startTimeMs,
    seq: 0,
    rng: seedStreams(resolved.seed),
    behaviors: resolved.behaviors,
    faults: NO_FAULTS,
    ...emptyTables(),
  };
}

/**
 * {@link createWorld} for configurations that come from outside the program (a scenario file, a request): an
 * invalid configuration is an `InvalidParameterException` value instead of a thrown `RangeError`.
 *
 * @example
 * ```ts
 * const w = tryCreateWorld(JSON.parse(text));
 * if (E.isLeft(w)) console.error(w.left.message);
 * ```
 */
export function tryCreateWorld(config: unknown = {}): E.Either<EcsError, World> {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    return E.left(invalidParameter('The world configuration must be an object.'));
  }
  try {
    return E.right(createWorld(config as WorldConfig));
  } catch (e) {
    // resolveConfig reports every invalid configuration as a RangeError; anything else is a defect, not input.
    if (e instanceof RangeError || e instanceof TypeError) return E.left(invalidParameter(e.message));
    throw e;
  }
}
