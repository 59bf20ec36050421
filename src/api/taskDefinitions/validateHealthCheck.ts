/**
 * Container health checks (reference §2.4): ranges, and the defaults ECS stores (interval 30 s, timeout 5 s,
 * 3 retries; `startPeriod` stays absent when not given, as DescribeTaskDefinition shows it).
 *
 * @module
 */
import type { HealthCheckInput } from '../../codecs/taskDefinition.js';
import { clientException, type EcsError } from '../../domain/errors.js';
import type { HealthCheckSpec } from '../../domain/taskDefinition.js';
import { containerPath } from './registrationContext.js';

/** Inclusive bounds and default of one health-check member. */
export interface HealthCheckBound {
  readonly min: number;
  readonly max: number;
  readonly default: number;
  readonly unit: string;
}

/** Ranges and defaults of the numeric health-check members. */
export const HEALTH_CHECK_BOUNDS = {
  interval: { min: 5, max: 300, default: 30, unit: ' seconds' },
  timeout: { min: 2, max: 60, default: 5, unit: ' seconds' },
  retries: { min: 1, max: 10, default: 3, unit: '' },
  startPeriod: { min: 0, max: 300, default: 0, unit: ' seconds' },
} as const satisfies Record<string, HealthCheckBound>;

const MEMBERS = ['interval', 'timeout', 'retries', 'startPeriod'] as const;

/** Checks the health check of every container that has one. */
export function validateHealthChecks(
  containers: ReadonlyArray<{ readonly healthCheck?: HealthCheckInput }>,
): EcsError | undefined {
  for (let i = 0; i < containers.length; i++) {
    const hc = containers[i]!.healthCheck;
    if (hc === undefined) continue;
    const path = `${containerPath(i)}.healthCheck`;
    if (hc.command.length === 0) return clientException(`${path}.command must not be empty.`);
    for (const m of MEMBERS) {
      const v = hc[m];
      const b = HEALTH_CHECK_BOUNDS[m];
      if (v !== undefined && (v < b.min || v > b.max)) {
        return clientException(`${path}.${m} must be between ${b.min} and ${b.max}${b.unit}, but was ${v}.`);
      }
    }
  }
  return undefined;
}

/** The health check as ECS stores and describes it: defaults filled in, `startPeriod` only when given. */
export function healthCheckWithDefaults(hc: HealthCheckInput): HealthCheckInput {
  return {
    command: [...hc.command],
    interval: hc.interval ?? HEALTH_CHECK_BOUNDS.interval.default,
    timeout: hc.timeout ?? HEALTH_CHECK_BOUNDS.timeout.default,
    retries: hc.retries ?? HEALTH_CHECK_BOUNDS.retries.default,
    ...(hc.startPeriod !== undefined ? { startPeriod: hc.startPeriod } : {}),
  };
}

/** The domain form of a health check (seconds, every default applied). */
export function healthCheckSpec(hc: HealthCheckInput): HealthCheckSpec {
  return {
    command: hc.command,
    intervalSeconds: hc.interval ?? HEALTH_CHECK_BOUNDS.interval.default,
    timeoutSeconds: hc.timeout ?? HEALTH_CHECK_BOUNDS.timeout.default,
    retries: hc.retries ?? HEALTH_CHECK_BOUNDS.retries.default,
    startPeriodSeconds: hc.startPeriod ?? HEALTH_CHECK_BOUNDS.startPeriod.default,
  };
}
