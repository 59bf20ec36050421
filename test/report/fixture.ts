// A realistic SimulationResult computed from simple closed-form formulas (no simulator): a diurnal load peaking at
// 14:00, desired counts that track it with a lag, a deployment at 10:00, an AZ outage from 12:00 for 20–40 minutes (by seed), Spot
// interruptions in proportion to the Spot share. Deterministic: the "noise" is an integer hash of (seed, period,
// service), so the same options give the same result.
import type {
  AccountSeries,
  AssertVerdict,
  CostSummary,
  Marker,
  SeedResult,
  ServiceOutcome,
  ServiceSeries,
  SimulationResult,
  Stats,
  TotalOutcome,
  VariantResult,
} from '../../src/sim/result.js';

export interface FixtureOptions {
  readonly services?: readonly string[];
  readonly subnets?: readonly string[];
  readonly variants?: readonly { readonly name: string; readonly spotShare: number; readonly description?: string }[];
  readonly seeds?: number;
  readonly periods?: number;
  readonly periodMs?: number;
  readonly scenario?: string;
}

const START_MS = Date.UTC(2026, 0, 1);
const CAPACITY_RPS = 50;
const TARGET_CPU = 70;
const TASK_USD_PER_HOUR = 0.04048 * 0.5 + 0.004445 * 1; // 0.5 vCPU, 1 GB, us-east-1 x86 On-Demand
const SPOT_FACTOR = 0.3;

/** A uniform-ish number in [0, 1) from three integers (an integer hash, so fixtures need no PRNG state). */
function noise(a: number, b: number, c: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35) ^ Math.imul(c + 0x165667b1, 0x27d4eb2f);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return (h >>> 0) / 2 ** 32;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? 0;
}

export function statsOf(values: readonly number[]): Stats {
  const sorted = [...values].sort((x, y) => x - y);
  const mean = values.reduce((s, x) => s + x, 0) / Math.max(1, values.length);
  return { mean, p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99), min: sorted[0] ?? 0, max: sorted[sorted.length - 1] ?? 0 };
}

function buildSeed(variant: string, spotShare: number, seed: number, services: readonly string[], subnets: readonly string[], periods: number, periodMs: number): SeedResult {
  const minutesPerPeriod = periodMs / 60_000;
  const at = (hour: number): number => Math.round((hour * 3_600_000) / periodMs);
  const deployAt = at(10);
  const outageFrom = at(12);
  const outageTo = at(12) + Math.round((20 + 20 * noise(seed, 0, 99)) * (60_000 / periodMs)); // 20–40 min
  const serviceSeries: Record<string, ServiceSeries> = {};
  const outcomes: Record<string, ServiceOutcome> = {};
  const markers: Marker[] = [
    { atMs: START_MS + deployAt * periodMs, kind: 'deployment', service: services[0] ?? 'none', label: 'deploy revision 2' },
    { atMs: START_MS + outageFrom * periodMs, kind: 'fault', label: 'AZ outage us-east-1a', endMs: START_MS + outageTo * periodMs },
  ];
  const runningTotal = new Array<number>(periods).fill(0);
  const spotInterruptions = new Array<number>(periods).fill(0);
  const costTotal = new Array<number>(periods).fill(0);
  services.forEach((name, j) => {
    const base = 200 + 100 * j;
    const peak = 1000 + 300 * j;
    const offeredRps = Array.from({ length: periods }, (_, i) => {
      const hour = (i * periodMs) / 3_600_000;
      const shape = 0.5 - 0.5 * Math.cos((2 * Math.PI * (hour - 2)) / 24);
      return (base + (peak - base) * shape) * (1 + 0.1 * (noise(seed, i, j) - 0.5)) * (1 + 0.2 * (noise(seed, -1, j) - 0.5));
    });
    const needed = offeredRps.map((rps) => Math.min(40, Math.max(2, Math.ceil(rps / (CAPACITY_RPS * (TARGET_CPU / 100))))));
    const desired = needed.map((_, i) => needed[Math.max(0, i - 3)] ?? 2);
    const running = desired.map((d, i) => {
      let r = d;
      if (j === 0 && i >= deployAt && i < deployAt + 5) r -= 1;
      if (i >= outageFrom && i < outageTo) r = Math.floor((d * 2) / 3);
      else if (i >= outageTo && i < outageTo + 4) r = Math.min(d, Math.floor((d * 2) / 3) + (i - outageTo + 1));
      if (noise(seed + 7, i, j) < spotShare * 0.01) {
        r -= 1;
        spotInterruptions[i] = (spotInterruptions[i] ?? 0) + 1;
      }
      return Math.max(0, r);
    });
    const served = running.map((r, i) => Math.min(offeredRps[i] ?? 0, r * CAPACITY_RPS) * (periodMs / 1000));
    const offered = offeredRps.map((rps) => rps * (periodMs / 1000));
    const cpu = running.map((r, i) => (r === 0 ? null : Math.min(100, 5 + (95 * (served[i] ?? 0)) / (periodMs / 1000) / (r * CAPACITY_RPS))));
    const cost = running.map((r) => r * TASK_USD_PER_HOUR * (1 - spotShare + spotShare * SPOT_FACTOR) * (periodMs / 3_600_000));
    running.forEach((r, i) => {
      runningTotal[i] = (runningTotal[i] ?? 0) + r;
      costTotal[i] = (costTotal[i] ?? 0) + (cost[i] ?? 0);
    });
    serviceSeries[name] = {
      RunningTaskCount: running,
      DesiredTaskCount: desired,
      PendingTaskCount: desired.map((d, i) => Math.max(0, d - (running[i] ?? 0))),
      CPUUtilization: cpu,
      MemoryUtilization: cpu.map((c) => (c === null ? null : 30 + 0.2 * c)),
      OfferedRequests: offered,
      ServedRequests: served,
      DroppedRequests: offered.map((o, i) => o - (served[i] ?? 0)),
      CostUsd: cost,
    };
    const below = running.filter((r, i) => r < (desired[i] ?? 0)).length * minutesPerPeriod;
    const overloaded = offeredRps.filter((rps, i) => rps > (running[i] ?? 0) * CAPACITY_RPS).length * minutesPerPeriod;
    const offeredSum = offered.reduce((s, x) => s + x, 0);
    const servedSum = served.reduce((s, x) => s + x, 0);
    const steady = (from: number): number | null => {
      for (let i = from; i < periods; i++) if ((running[i] ?? 0) >= (desired[i] ?? 0)) return (i - from) * minutesPerPeriod;
      return null;
    };
    const tts = [
      ...(j === 0 ? [{ after: 'deploy revision 2', atMs: START_MS + deployAt * periodMs, minutes: steady(deployAt) }] : []),
      { after: 'AZ outage us-east-1a', atMs: START_MS + outageFrom * periodMs, minutes: steady(outageFrom) },
    ];
    outcomes[name] = {
      minutesBelowDesired: below,
      minutesOverloaded: overloaded,
      offeredRequests: offeredSum,
      servedRequests: servedSum,
      droppedRequests: offeredSum - servedSum,
      droppedRequestsPct: offeredSum === 0 ? 0 : (100 * (offeredSum - servedSum)) / offeredSum,
      tasksReplaced: running.filter((r, i) => i > 0 && r < (running[i - 1] ?? 0)).length,
      spotInterruptions: 0,
      costUsd: cost.reduce((s, x) => s + x, 0),
      timeToSteadyState: tts,
      maxTimeToSteadyStateMinutes: Math.max(0, ...tts.map((t) => t.minutes ?? (periods * periodMs - (t.atMs - START_MS)) / 60_000)),
    };
  });
  const vcpu = runningTotal.map((r) => r * 0.5);
  const zeros = new Array<number>(periods).fill(0);
  const account: AccountSeries = {
    OnDemandVcpuInUse: vcpu.map((v) => v * (1 - spotShare)),
    OnDemandVcpuQuota: new Array<number>(periods).fill(40),
    SpotVcpuInUse: vcpu.map((v) => v * spotShare),
    SpotVcpuQuota: new Array<number>(periods).fill(40),
    LaunchFailures: zeros.map((_, i) => (i >= outageFrom && i < outageTo && i % 5 === 0 ? 2 : 0)),
    Throttles: zeros.map((_, i) => (i >= outageTo && i < outageTo + 2 ? 1 : 0)),
    SpotInterruptions: spotInterruptions,
    DeploymentsStarted: zeros.map((_, i) => (i === deployAt ? 1 : 0)),
    DeploymentsCompleted: zeros.map((_, i) => (i === deployAt + 6 ? 1 : 0)),
    DeploymentsFailed: zeros,
    DeploymentsRolledBack: zeros,
    CostUsd: costTotal,
  };
  const subnetSeries: Record<string, number[]> = {};
  subnets.forEach((id, k) => {
    subnetSeries[id] = runningTotal.map((r) => 59 - Math.floor((r + k) / subnets.length));
  });
  const outs = Object.values(outcomes);
  const sum = (f: (o: ServiceOutcome) => number): number => outs.reduce((s, o) => s + f(o), 0);
  const offeredAll = sum((o) => o.offeredRequests);
  const servedAll = sum((o) => o.servedRequests);
  const totals: TotalOutcome = {
    minutesBelowDesired: sum((o) => o.minutesBelowDesired),
    minutesOverloaded: sum((o) => o.minutesOverloaded),
    offeredRequests: offeredAll,
    servedRequests: servedAll,
    droppedRequests: offeredAll - servedAll,
    droppedRequestsPct: offeredAll === 0 ? 0 : (100 * (offeredAll - servedAll)) / offeredAll,
    tasksReplaced: sum((o) => o.tasksReplaced),
    costUsd: sum((o) => o.costUsd),
    spotInterruptions: spotInterruptions.reduce((s, x) => s + x, 0),
    launchFailures: account.LaunchFailures.reduce((s, x) => s + x, 0),
    throttles: account.Throttles.reduce((s, x) => s + x, 0),
    maxTimeToSteadyStateMinutes: Math.max(0, ...outs.map((o) => o.maxTimeToSteadyStateMinutes)),
  };
  const taskHours = runningTotal.reduce((s, r) => s + r, 0) * (periodMs / 3_600_000);
  const cost: CostSummary = {
    totalUsd: totals.costUsd,
    onDemandUsd: totals.costUsd * ((1 - spotShare) / (1 - spotShare + spotShare * SPOT_FACTOR)),
    spotUsd: totals.costUsd * ((spotShare * SPOT_FACTOR) / (1 - spotShare + spotShare * SPOT_FACTOR)),
    vcpuHours: taskHours * 0.5,
    gbHours: taskHours,
    extraStorageGbHours: 0,
    billedTasks: Math.max(0, ...runningTotal),
  };
  return {
    variant,
    seed,
    startMs: START_MS,
    periodMs,
    periods,
    services: serviceSeries,
    account,
    subnets: subnetSeries,
    markers,
    outcomes,
    totals,
    cost,
    timerEvents: periods * services.length * 3,
    notes: spotShare > 0 ? [`timeline[2] at 10:00: Spot share ${Math.round(spotShare * 100)} % in ${variant}`] : [],
  };
}

const OUTCOME_METRICS = ['minutesBelowDesired', 'minutesOverloaded', 'droppedRequestsPct', 'tasksReplaced', 'spotInterruptions', 'costUsd', 'maxTimeToSteadyStateMinutes'] as const;

function aggregate(name: string, description: string | undefined, seeds: readonly SeedResult[], services: readonly string[]): Omit<VariantResult, 'costDeltaUsd' | 'droppedPctDelta'> {
  const outcomes: Record<string, Record<string, Stats>> = {};
  for (const s of services) {
    outcomes[s] = Object.fromEntries(OUTCOME_METRICS.map((m) => [m, statsOf(seeds.map((r) => r.outcomes[s]?.[m] ?? 0))]));
  }
  outcomes['total'] = Object.fromEntries(OUTCOME_METRICS.map((m) => [m, statsOf(seeds.map((r) => r.totals[m]))]));
  const periods = seeds[0]?.periods ?? 0;
  const fan: Record<string, { p10: number[]; p50: number[]; p90: number[] }> = {};
  for (const s of services) {
    const sorted = Array.from({ length: periods }, (_, i) => seeds.map((r) => r.services[s]?.RunningTaskCount[i] ?? 0).sort((x, y) => x - y));
    fan[s] = { p10: sorted.map((xs) => percentile(xs, 10)), p50: sorted.map((xs) => percentile(xs, 50)), p90: sorted.map((xs) => percentile(xs, 90)) };
  }
  const verdict = (text: string, subject: string, value: number, limit: number): AssertVerdict => ({ text, subject, statistic: 'max', value, pass: value <= limit });
  const asserts: AssertVerdict[] = [
    verdict('total.minutesBelowDesired <= 150', 'total', outcomes['total']?.['minutesBelowDesired']?.max ?? 0, 150),
    verdict('total.droppedRequestsPct <= 0.5', 'total', outcomes['total']?.['droppedRequestsPct']?.max ?? 0, 0.5),
    ...services.map((s) => verdict('each.minutesBelowDesired <= 90', s, outcomes[s]?.['minutesBelowDesired']?.max ?? 0, 90)),
  ];
  return { name, ...(description !== undefined ? { description } : {}), seeds, outcomes, fan, asserts, pass: asserts.every((a) => a.pass) };
}

/** Builds the fixture: by default 2 variants × 3 seeds, 2 services, 1 day at 60 s. */
export function buildFixture(options: FixtureOptions = {}): SimulationResult {
  const services = options.services ?? ['web/api', 'web/worker'];
  const subnets = options.subnets ?? ['subnet-0a1', 'subnet-0b2', 'subnet-0c3'];
  const variants = options.variants ?? [
    { name: 'on-demand', spotShare: 0, description: 'All tasks on FARGATE' },
    { name: 'spot-80', spotShare: 0.8, description: '80 % FARGATE_SPOT' },
  ];
  const seedCount = options.seeds ?? 3;
  const periodMs = options.periodMs ?? 60_000;
  const periods = options.periods ?? 1440;
  const partial = variants.map((v) => {
    const seeds = Array.from({ length: seedCount }, (_, k) => buildSeed(v.name, v.spotShare, k + 1, services, subnets, periods, periodMs));
    return aggregate(v.name, v.description, seeds, services);
  });
  const mean = (v: (typeof partial)[number], m: 'costUsd' | 'droppedRequestsPct'): number => v.outcomes['total']?.[m]?.mean ?? 0;
  const first = partial[0];
  const full: VariantResult[] = partial.map((v) => ({
    ...v,
    costDeltaUsd: first === undefined ? 0 : mean(v, 'costUsd') - mean(first, 'costUsd'),
    droppedPctDelta: first === undefined ? 0 : mean(v, 'droppedRequestsPct') - mean(first, 'droppedRequestsPct'),
  }));
  const passing = full.filter((v) => v.pass).sort((a, b) => mean(a, 'costUsd') - mean(b, 'costUsd'));
  return {
    scenario: options.scenario ?? 'az-outage-at-peak',
    description: 'A web API and a worker lose one of three zones for 20–40 minutes at 12:00.',
    durationMs: periods * periodMs,
    periodMs,
    seedCount,
    variants: full,
    best: passing[0]?.name ?? null,
    pass: full.every((v) => v.pass),
    scalingTargets: Object.fromEntries(services.map((s) => [s, { metric: 'ECSServiceAverageCPUUtilization', targetValue: TARGET_CPU }])),
  };
}
