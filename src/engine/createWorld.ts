/**
 * Creating a World from a configuration.
 *
 * @module
 */
import { DEFAULT_START_TIME_MS } from '../domain/time.js';
import { seedStreams } from '../domain/rng.js';
import { emptyTables, type ResolvedConfig, type World } from '../domain/world.js';

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
}

/** Applies the defaults to a configuration. */
export function resolveConfig(config: WorldConfig = {}): ResolvedConfig {
  return {
    region: config.region ?? 'us-east-1',
    accountId: config.accountId ?? '123456789012',
    seed: Math.trunc(config.seed ?? 1) >>> 0,
    startTimeMs: Math.trunc(config.startTimeMs ?? DEFAULT_START_TIME_MS),
  };
}

/**
 * A new, empty World: no clusters (the `default` cluster appears when first created, as in ECS), the clock at
 * `startTimeMs`, the generators seeded from `seed`.
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
    ...emptyTables(),
  };
}
