/**
 * Decoding one scenario (the base, or a variant merged into it) from plain data, section by section, collecting
 * every issue with its path.
 *
 * @module
 */
import type * as E from 'fp-ts/lib/Either.js';
import { availabilityZonesOf } from '../../domain/network.js';
import { DEFAULT_START_TIME_MS } from '../../domain/time.js';
import { readAsserts, readPrices } from './asserts.js';
import { readAutoscaling } from './autoscaling.js';
import { readLoad } from './load.js';
import type { Issue } from './problems.js';
import { fail, optional, readDuration, readNumber, readObject, readString, type Obj, type Reader } from './reader.js';
import { readResources } from './resources.js';
import { servicesOf } from './serviceRefs.js';
import { readTimeline } from './timeline.js';
import type { Scenario } from './types.js';
import { readWorld } from './world.js';

/** The top-level sections of a scenario file (`variants` only at the top, not inside a variant). */
export const SCENARIO_SECTIONS = {
  name: true,
  description: false,
  world: false,
  resources: false,
  load: false,
  autoscaling: false,
  timeline: false,
  duration: true,
  metricPeriod: false,
  warmup: false,
  seeds: false,
  assert: false,
  prices: false,
  variants: false,
} as const;

/** Default metric period: one minute, CloudWatch's standard resolution. */
export const DEFAULT_METRIC_PERIOD_MS = 60_000;
/** Longest scenario: a year and a day (a bound on the work one file may ask for). */
export const MAX_DURATION_MS = 366 * 86_400_000;
/** Longest warm-up before the measured run. */
export const MAX_WARMUP_MS = 86_400_000;
/** Most seeds one scenario may ask for. */
export const MAX_SEEDS = 100_000;

/**
 * Decodes one scenario (resource bodies already inlined, no `variants` key). The issues' paths are relative to
 * `raw`; `scenario` is present when there are none.
 */
export function decodeScenario(given: Obj, readFile: (path: string) => E.Either<string, string>): { issues: Issue[]; scenario?: Scenario } {
  // A section set to null is absent (YAML's `timeline:` with nothing under it), as a variant's null removes it.
  const raw = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== null));
  const issues: Issue[] = [];
  const r0: Reader = { issues, startTimeMs: DEFAULT_START_TIME_MS, durationMs: undefined, readFile };
  const { variants: _variants, ...sections } = SCENARIO_SECTIONS;
  readObject(r0, raw, [], 'a scenario object', sections);

  const name = optional(raw, [], 'name', (v, p) => readString(r0, v, p, 256));
  const description = optional(raw, [], 'description', (v, p) => readString(r0, v, p, 10_000));
  const world = readWorld(r0, raw.world ?? {}, ['world']);
  const startTimeMs = world?.resolved.startTimeMs ?? DEFAULT_START_TIME_MS;
  const durationMs = optional(raw, [], 'duration', (v, p) => {
    const d = readDuration(r0, v, p, 1_000);
    return d === undefined || d <= MAX_DURATION_MS ? d : fail(r0, p, `expected a duration up to 366 days, got ${d / 86_400_000} days`);
  });
  const metricPeriodMs =
    optional(raw, [], 'metricPeriod', (v, p) => {
      const m = readDuration(r0, v, p, 10_000);
      if (m === undefined) return undefined;
      if (m % 1_000 !== 0) return fail(r0, p, `expected a whole number of seconds, got ${m / 1_000} s`);
      if (durationMs !== undefined && durationMs % m !== 0) return fail(r0, p, `expected a period that divides the duration (${durationMs / 1_000} s), got ${m / 1_000} s`);
      return m;
    }) ?? DEFAULT_METRIC_PERIOD_MS;
  // The default period must fit the duration too (a 90 s scenario cannot have 60 s periods).
  if (raw.metricPeriod === undefined && durationMs !== undefined && durationMs % metricPeriodMs !== 0) {
    fail(r0, ['duration'], `expected a whole number of metric periods (${metricPeriodMs / 1_000} s by default; set metricPeriod), got ${durationMs / 1_000} s`);
  }
  const warmupMs = optional(raw, [], 'warmup', (v, p) => {
    const w = readDuration(r0, v, p, 0);
    return w === undefined || w <= MAX_WARMUP_MS ? w : fail(r0, p, `expected a warm-up up to 24 hours, got ${w / 3_600_000} hours`);
  });
  const seeds = optional(raw, [], 'seeds', (v, p) => readNumber(r0, v, p, { min: 1, max: MAX_SEEDS, integer: true })) ?? 1;

  const r: Reader = { ...r0, startTimeMs, durationMs };
  const resources = optional(raw, [], 'resources', (v, p) => readResources(r, v, p)) ?? { clusters: [], taskDefinitions: [], services: [] };
  const services = servicesOf(resources.services);
  const load = optional(raw, [], 'load', (v, p) => readLoad(r, v, p, services)) ?? {};
  const autoscaling = optional(raw, [], 'autoscaling', (v, p) => readAutoscaling(r, v, p, services)) ?? {
    scalableTargets: [],
    scalingPolicies: [],
    scheduledActions: [],
  };
  const network =
    world === undefined
      ? undefined
      : { zones: availabilityZonesOf(world.resolved.region), subnetIds: world.resolved.network.subnets.map((s) => s.subnetId) };
  const timeline = optional(raw, [], 'timeline', (v, p) => readTimeline(r, v, p, { services, network })) ?? [];
  const assert = optional(raw, [], 'assert', (v, p) => readAsserts(r, v, p, services)) ?? [];
  const prices = optional(raw, [], 'prices', (v, p) => readPrices(r, v, p));

  if (issues.length > 0 || name === undefined || world === undefined || durationMs === undefined) return { issues };
  return {
    issues,
    scenario: {
      name,
      ...(description === undefined ? {} : { description }),
      world: world.config,
      resources,
      load,
      autoscaling,
      timeline,
      durationMs,
      metricPeriodMs,
      ...(warmupMs === undefined ? {} : { warmupMs }),
      seeds,
      assert,
      ...(prices === undefined ? {} : { prices }),
    },
  };
}
