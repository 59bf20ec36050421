/**
 * Creating a World from a configuration.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { REQUEST_LIMITS, readPlainInput, type InputLimits } from '../codecs/plainInput.js';
import { describeIssues } from '../codecs/reporter.js';
import { WorldConfigCodec } from '../codecs/worldConfig.js';
import { invalidParameter, type EcsError } from '../domain/errors.js';
import { resolveNetwork, type NetworkConfig } from '../domain/network.js';
import type { DurationSpec } from '../domain/rng.js';
import { DEFAULT_START_TIME_MS } from '../domain/time.js';
import { seedStreams } from '../domain/rng.js';
import { registerConfiguredFleets, resolveFleets } from './configuredFleets.js';
import {
  DEFAULT_TARGET_GROUP,
  NO_FAULTS,
  emptyTables,
  type BehaviorRule,
  type ContainerInstanceFleetConfig,
  type FargateQuotas,
  type RateLimit,
  type ResolvedConfig,
  type RetentionConfig,
  type TargetGroupConfig,
  type TaskTimings,
  type World,
} from '../domain/world.js';

/**
 * Options for a new World. Every field is optional (`undefined` counts as absent). The configuration is decoded
 * exactly by `WorldConfigCodec` (`src/codecs/worldConfig.ts`): an unknown key (with the key meant, if it looks
 * misspelt), a value of the wrong type, `null`, NaN, ±Infinity where a finite number belongs, or a negative duration
 * is an error naming its path.
 */
export interface WorldConfig {
  /** AWS Region of the simulated account, such as `eu-west-1`. Default `us-east-1`. */
  readonly region?: string;
  /** 12-digit account id used in ARNs. Default `123456789012`. */
  readonly accountId?: string;
  /** Root seed of every random choice (ids, durations, placement ties, faults): an integer, taken modulo 2³². Default `1`. */
  readonly seed?: number;
  /**
   * Start of the virtual clock, integer epoch milliseconds from 0 to 8.64e15 (what a `Date` can hold). Default
   * `1704067200000` (2024-01-01T00:00:00Z), a fixed value so that the same inputs give the same outputs on any
   * machine and any day.
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
  /**
   * Target groups that services register their tasks in (`{ targetGroupArn, healthCheckIntervalSeconds,
   * healthyThresholdCount, unhealthyThresholdCount, deregistrationDelaySeconds }`); a target group not named here
   * gets ELB's defaults (30 s, 5, 2, 300 s).
   */
  readonly targetGroups?: readonly (Partial<TargetGroupConfig> & { readonly targetGroupArn: string })[];
  /** Lifecycle durations; any field may be given alone. See {@link TaskTimings} for the defaults. */
  readonly timings?: Partial<TaskTimings>;
  /** Container behaviour rules, first match wins (see {@link BehaviorRule}). Default: none (realistic defaults). */
  readonly behaviors?: readonly BehaviorRule[];
  /** Retention of stopped tasks. Default `{ stoppedTaskMs: 3_600_000 }` (1 hour, ECS's documented minimum). */
  readonly retention?: Partial<RetentionConfig>;
  /**
   * Fleets of EC2 container instances registered when the World is created, e.g. `[{ cluster: 'prod',
   * instanceType: 'm5.xlarge', count: 30 }]` (see {@link ContainerInstanceFleetConfig}). Default: none.
   */
  readonly containerInstances?: readonly ContainerInstanceFleetConfig[];
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

/** Bounds of a world configuration (it nests four levels: `behaviors[0].exitAfterMs.minMs`). */
export const CONFIG_LIMITS: InputLimits = { maxDepth: 16, maxChars: REQUEST_LIMITS.maxChars };

/**
 * Decodes and resolves a configuration from anywhere (a scenario file, `--config FILE`, a JavaScript caller):
 * exact types, no unknown keys, a usable network, defaults applied. `Left` is one message naming every problem
 * with its path, e.g. `Invalid world configuration: retention.stoppedTaskMs: expected a finite number ≥ 0, got
 * "60000".` Never throws, whatever `config` is.
 */
export function decodeWorldConfig(config: unknown): E.Either<string, ResolvedConfig> {
  const plain = readPlainInput(config, CONFIG_LIMITS, '');
  if (E.isLeft(plain)) return E.left(`Invalid world configuration: ${plain.left.message}`);
  const decoded = WorldConfigCodec.decode(plain.right);
  if (E.isLeft(decoded)) return E.left(`Invalid world configuration: ${describeIssues(decoded.left, '').join('; ')}.`);
  const c = decoded.right;
  const region = c.region ?? 'us-east-1';
  const seed = (c.seed ?? 1) >>> 0;
  const network = resolveNetwork(c.network, region, seed);
  if (E.isLeft(network)) return E.left(`Invalid world configuration: ${network.left}`);
  const fleets = resolveFleets(c.containerInstances ?? [], network.right);
  if (E.isLeft(fleets)) return E.left(`Invalid world configuration: ${fleets.left}`);
  return E.right({
    region,
    accountId: c.accountId ?? '123456789012',
    seed,
    startTimeMs: c.startTimeMs ?? DEFAULT_START_TIME_MS,
    network: network.right,
    quotas: { ...DEFAULT_FARGATE_QUOTAS, ...c.quotas },
    timings: { ...DEFAULT_TASK_TIMINGS, ...c.timings },
    behaviors: c.behaviors ?? [],
    retention: { ...DEFAULT_RETENTION, ...c.retention },
    targetGroups: (c.targetGroups ?? []).map((g) => ({ ...DEFAULT_TARGET_GROUP, ...g })),
    containerInstances: fleets.right,
  });
}

/**
 * Applies the defaults to a configuration.
 *
 * @throws RangeError when the configuration is invalid, with the message of {@link decodeWorldConfig} (a wrong
 *   type, an unknown key, a negative quota, a duration spec with min > max, an unusable network: bad CIDR, unknown
 *   zone, …). A configuration passed in code is written by the user of the library, not an API request, so a
 *   mistake in it is reported at once rather than as an ECS error; {@link tryCreateWorld} returns it as a value.
 */
export function resolveConfig(config: WorldConfig = {}): ResolvedConfig {
  const resolved = decodeWorldConfig(config);
  if (E.isLeft(resolved)) throw new RangeError(resolved.left);
  return resolved.right;
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
  return worldOf(resolveConfig(config));
}

/** The World of a resolved configuration: empty but for the configured container instance fleets. */
function worldOf(resolved: ResolvedConfig): World {
  return registerConfiguredFleets({
    config: resolved,
    nowMs: resolved.startTimeMs,
    seq: 0,
    rng: seedStreams(resolved.seed),
    behaviors: resolved.behaviors,
    faults: NO_FAULTS,
    ...emptyTables(),
  });
}

/**
 * {@link createWorld} for configurations that come from outside the program (a scenario file, a request): an
 * invalid configuration is an `InvalidParameterException` value, with the message {@link createWorld}'s
 * `RangeError` would carry, instead of a thrown error. Never throws, whatever `config` is (a Proxy, a getter
 * that throws, a cyclic or very deep value).
 *
 * @example
 * ```ts
 * const w = tryCreateWorld(JSON.parse(text));
 * if (E.isLeft(w)) console.error(w.left.message);
 * // Invalid world configuration: retention.stopedTaskMs: unknown key (did you mean stoppedTaskMs?); known keys: stoppedTaskMs.
 * ```
 */
export function tryCreateWorld(config: unknown = {}): E.Either<EcsError, World> {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    return E.left(invalidParameter('The world configuration must be an object.'));
  }
  const resolved = decodeWorldConfig(config);
  return E.isLeft(resolved) ? E.left(invalidParameter(resolved.left)) : E.right(worldOf(resolved.right));
}
