/**
 * Container health checks on the virtual clock (reference §2.4), in closed form: no timer per probe.
 *
 * Docker runs probe k at `start + k × interval` (k ≥ 1). A passing probe makes the container HEALTHY. A failing
 * probe counts toward `retries` unless it falls inside `startPeriod` and no probe has passed yet; after `retries`
 * counted failures in a row the container is UNHEALTHY. The twin's containers pass every probe until a scripted
 * `unhealthyAfterMs`, and fail every probe from then on, so both instants follow directly.
 *
 * @module
 */
import type { ContainerRuntime, HealthStatus, Task } from '../domain/task.js';
import type { HealthCheckSpec } from '../domain/taskDefinition.js';

/** When a container becomes HEALTHY and UNHEALTHY (absent: never). */
export interface HealthTimes {
  readonly healthyAtMs: number | undefined;
  readonly unhealthyAtMs: number | undefined;
}

/**
 * The health instants of a container started at `startedAtMs` whose probes fail from `failFromMs` after start
 * (absent: they always pass).
 *
 * @example
 * ```ts
 * // interval 30 s, retries 3, no start period, failing from 100 s: probes pass at 30, 60, 90 s, fail at 120, 150, 180 s
 * healthTimes(0, { intervalSeconds: 30, retries: 3, startPeriodSeconds: 0, timeoutSeconds: 5, command: [] }, 100_000);
 * // { healthyAtMs: 30000, unhealthyAtMs: 180000 }
 * ```
 */
export function healthTimes(startedAtMs: number, hc: HealthCheckSpec, failFromMs?: number): HealthTimes {
  const intervalMs = Math.max(1, hc.intervalSeconds) * 1000;
  if (failFromMs === undefined) return { healthyAtMs: startedAtMs + intervalMs, unhealthyAtMs: undefined };
  // First failing probe: the first k ≥ 1 with k × interval ≥ failFromMs.
  const firstFail = Math.max(1, Math.ceil(failFromMs / intervalMs));
  const passedBefore = firstFail > 1;
  // Failures count from the first failing probe if one passed before; otherwise only once the start period is over.
  const firstCounted = passedBefore
    ? firstFail
    : Math.max(firstFail, Math.ceil((hc.startPeriodSeconds * 1000) / intervalMs));
  const unhealthyProbe = Math.max(1, firstCounted) + Math.max(1, hc.retries) - 1;
  return {
    healthyAtMs: passedBefore ? startedAtMs + intervalMs : undefined,
    unhealthyAtMs: startedAtMs + unhealthyProbe * intervalMs,
  };
}

/** A container's health at `nowMs` (UNKNOWN without a health check or before its first probe). */
export function containerHealthAt(
  task: Task,
  c: ContainerRuntime,
  hasHealthCheck: boolean,
  nowMs: number,
): HealthStatus {
  if (!hasHealthCheck || task.startedAt === undefined) return 'UNKNOWN';
  if (c.unhealthyAtMs !== undefined && c.unhealthyAtMs <= nowMs) return 'UNHEALTHY';
  if (c.healthyAtMs !== undefined && c.healthyAtMs <= nowMs) return 'HEALTHY';
  return 'UNKNOWN';
}

/**
 * A task's health from its essential containers' (reference §2.4): UNHEALTHY if any is, else UNKNOWN if any is,
 * else HEALTHY.
 */
export function taskHealthOf(essentialHealths: readonly HealthStatus[]): HealthStatus {
  if (essentialHealths.includes('UNHEALTHY')) return 'UNHEALTHY';
  if (essentialHealths.length === 0 || essentialHealths.includes('UNKNOWN')) return 'UNKNOWN';
  return 'HEALTHY';
}
