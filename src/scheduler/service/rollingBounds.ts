/**
 * The integer arithmetic of rolling deployments and of the circuit breaker (reference §5.2, §5.5).
 *
 * @module
 */
import type { CircuitBreakerConfig } from '../../domain/service.js';

/**
 * The floor on healthy RUNNING tasks during a deployment: `ceil(desired × minimumHealthyPercent / 100)`, rounded
 * up (reference §5.2). Integer arithmetic, so `3 × 50 / 100` is exactly 2.
 *
 * @example
 * ```ts
 * minHealthyTasks(4, 50); // 2
 * minHealthyTasks(2, 75); // 2
 * ```
 */
export const minHealthyTasks = (desired: number, minimumHealthyPercent: number): number =>
  Math.ceil((desired * minimumHealthyPercent) / 100);

/**
 * The cap on RUNNING + PENDING tasks of all deployments: `floor(desired × maximumPercent / 100)`, rounded down
 * (reference §5.2).
 *
 * @example
 * ```ts
 * maxTasks(4, 200); // 8
 * maxTasks(3, 125); // 3
 * ```
 */
export const maxTasks = (desired: number, maximumPercent: number): number => Math.floor((desired * maximumPercent) / 100);

/** Bounds of the default threshold (current API reference of `DeploymentCircuitBreaker`, reference §5.5). */
export const BREAKER_MIN_THRESHOLD = 3;
export const BREAKER_MAX_THRESHOLD = 200;
/** The default threshold percentage (`BOUNDED_PERCENT` 50). */
export const BREAKER_DEFAULT_PERCENT = 50;

/**
 * Failed tasks after which the circuit breaker trips: `clamp(ceil(desired × value / 100), 3, 200)` for
 * `BOUNDED_PERCENT` (default 50), the same without the clamp for `UNBOUNDED_PERCENT`, `value` for `COUNT`
 * (reference §5.5: API reference `ThresholdConfiguration`). An unbounded threshold is at least 1.
 *
 * @example
 * ```ts
 * breakerThreshold(1, cfg); // 3
 * breakerThreshold(25, cfg); // 13
 * breakerThreshold(400, cfg); // 200
 * ```
 */
export function breakerThreshold(desired: number, cfg: CircuitBreakerConfig): number {
  const t = cfg.thresholdConfiguration;
  if (t?.type === 'COUNT') return Math.max(1, t.value);
  const percent = t?.value ?? BREAKER_DEFAULT_PERCENT;
  const raw = Math.ceil((desired * percent) / 100);
  if (t?.type === 'UNBOUNDED_PERCENT') return Math.max(1, raw);
  return Math.min(BREAKER_MAX_THRESHOLD, Math.max(BREAKER_MIN_THRESHOLD, raw));
}

/**
 * The launch back-off after consecutive tasks that failed to start (never reached RUNNING), in ms. SIM RULE
 * from the captures (service captures §3.3: FLEET, CORD, LEGAL — relaunches 30–41 s apart after the first two
 * failures, then ≥ 5 minutes) and the current Developer Guide ("service throttle logic": the delay grows
 * incrementally up to 27 minutes): 30 s after the first and second failures, then 5, 10, 15, 20, 25 minutes,
 * then 27 minutes.
 */
export function launchBackoffMs(consecutiveFailures: number): number {
  if (consecutiveFailures <= 0) return 0;
  if (consecutiveFailures <= 2) return 30_000;
  return Math.min(27 * 60_000, (consecutiveFailures - 2) * 5 * 60_000);
}
