// Builders for hand-made SeedResults and ScenarioFiles (aggregation, partials and CLI tests do not need the runner).
import type { AccountSeries, SeedResult, ServiceOutcome, ServiceSeries, TotalOutcome } from '../../src/sim/result.js';
import type { AssertSpec, Scenario, ScenarioFile } from '../../src/sim/scenario/types.js';
import type { SeedRunner } from '../../src/sim/sweep.js';

export function scenario(overrides: Partial<Scenario> = {}): Scenario {
  return {
    name: 'hand',
    world: { seed: 100 },
    resources: { clusters: [], taskDefinitions: [], services: [] },
    load: {},
    autoscaling: { scalableTargets: [], scalingPolicies: [], scheduledActions: [] },
    timeline: [],
    durationMs: 180_000,
    metricPeriodMs: 60_000,
    seeds: 3,
    assert: [],
    ...overrides,
  };
}

export function file(base: Scenario, variants: readonly { name: string; description?: string; scenario: Scenario }[] = []): ScenarioFile {
  return { base, variants };
}

/** An assert, parsed by hand (`scope.metric op value over`). */
export function assertSpec(
  scope: AssertSpec['scope'],
  metric: AssertSpec['metric'],
  op: AssertSpec['op'],
  value: number,
  over: AssertSpec['over'] = 'max',
): AssertSpec {
  const prefix = scope._tag === 'service' ? `${scope.service}.` : scope._tag === 'total' ? 'total.' : '';
  return { text: `${prefix}${metric} ${op} ${value}`, scope, metric, op, value, over };
}

const zeros = (n: number): number[] => Array.from({ length: n }, () => 0);

export function outcome(o: Partial<ServiceOutcome> = {}): ServiceOutcome {
  return {
    minutesBelowDesired: 0,
    minutesOverloaded: 0,
    offeredRequests: 0,
    servedRequests: 0,
    droppedRequests: 0,
    droppedRequestsPct: 0,
    tasksReplaced: 0,
    spotInterruptions: 0,
    costUsd: 0,
    timeToSteadyState: [],
    maxTimeToSteadyStateMinutes: 0,
    ...o,
  };
}

function series(running: readonly number[]): ServiceSeries {
  const n = running.length;
  return {
    RunningTaskCount: running,
    DesiredTaskCount: running.map(() => 2),
    PendingTaskCount: zeros(n),
    CPUUtilization: running.map((r) => (r > 0 ? 50 : null)),
    MemoryUtilization: running.map((r) => (r > 0 ? 30 : null)),
    OfferedRequests: zeros(n),
    ServedRequests: zeros(n),
    DroppedRequests: zeros(n),
    CostUsd: zeros(n),
  };
}

function account(n: number): AccountSeries {
  return {
    OnDemandVcpuInUse: zeros(n),
    OnDemandVcpuQuota: zeros(n).map(() => 6),
    SpotVcpuInUse: zeros(n),
    SpotVcpuQuota: zeros(n).map(() => 6),
    LaunchFailures: zeros(n),
    Throttles: zeros(n),
    SpotInterruptions: zeros(n),
    DeploymentsStarted: zeros(n),
    DeploymentsCompleted: zeros(n),
    DeploymentsFailed: zeros(n),
    DeploymentsRolledBack: zeros(n),
    CostUsd: zeros(n).map((_, i) => i / 3),
  };
}

/**
 * A seed with the given per-service outcomes and running-task series; totals are the sums over services
 * (dropped % recomputed), plus `extraTotals`.
 */
export function seedResult(
  variant: string,
  seed: number,
  services: Record<string, { outcome?: Partial<ServiceOutcome>; running?: number[] }>,
  extraTotals: Partial<TotalOutcome> = {},
): SeedResult {
  const periods = Object.values(services)[0]?.running?.length ?? 3;
  const outcomes: Record<string, ServiceOutcome> = {};
  const seriesBy: Record<string, ServiceSeries> = {};
  for (const [k, v] of Object.entries(services)) {
    outcomes[k] = outcome(v.outcome);
    seriesBy[k] = series(v.running ?? zeros(periods).map(() => 2));
  }
  const all = Object.values(outcomes);
  const sum = (f: (o: ServiceOutcome) => number): number => all.reduce((s, o) => s + f(o), 0);
  const offered = sum((o) => o.offeredRequests);
  const dropped = sum((o) => o.droppedRequests);
  const totals: TotalOutcome = {
    minutesBelowDesired: sum((o) => o.minutesBelowDesired),
    minutesOverloaded: sum((o) => o.minutesOverloaded),
    offeredRequests: offered,
    servedRequests: sum((o) => o.servedRequests),
    droppedRequests: dropped,
    droppedRequestsPct: offered === 0 ? 0 : (100 * dropped) / offered,
    tasksReplaced: sum((o) => o.tasksReplaced),
    costUsd: sum((o) => o.costUsd),
    spotInterruptions: sum((o) => o.spotInterruptions),
    launchFailures: 0,
    throttles: 0,
    maxTimeToSteadyStateMinutes: all.reduce((m, o) => Math.max(m, o.maxTimeToSteadyStateMinutes), 0),
    ...extraTotals,
  };
  return {
    variant,
    seed,
    startMs: 1_704_067_200_000,
    periodMs: 60_000,
    periods,
    services: seriesBy,
    account: account(periods),
    subnets: { 'subnet-a': zeros(periods).map(() => 250) },
    markers: [{ atMs: 1_704_067_260_000, kind: 'fault', label: `seed ${seed}` }],
    outcomes,
    totals,
    cost: { totalUsd: totals.costUsd, onDemandUsd: totals.costUsd, spotUsd: 0, vcpuHours: 0.1, gbHours: 0.2, extraStorageGbHours: 0, billedTasks: 2 },
    timerEvents: 1000 + seed,
    notes: [],
  };
}

/** A stand-in for simulateSeed: the seed is the variant's world seed + the index, as the runner defines it. */
export const fakeRun: SeedRunner = (s, variant, i) => {
  const seed = (s.world.seed ?? 1) + i;
  return seedResult(variant, seed, { 'c/web': { outcome: { costUsd: Math.sin(seed) + 2, minutesBelowDesired: seed % 7 }, running: [seed % 3, 2, 2] } });
};
