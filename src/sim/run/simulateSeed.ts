/**
 * One seed of one variant of a scenario, run on the virtual clock: the resources are created at time 0, then time
 * moves in small steps (ticks) while the load is served, faults and timeline operations are applied, Application
 * Auto Scaling looks at each minute's datapoint, and the metrics of each period are recorded.
 *
 * The loop is pure and deterministic: the same scenario, variant and seed give the same bytes. Its own random draws
 * (Spot interruptions, crashes) come from a generator seeded from the run's seed, apart from the World's streams.
 *
 * SIM RULES (AWS publishes none of these):
 * - Load is evaluated on a grid of ticks of `gcd(metricPeriod, 10 s)`: a task serves from the tick after it became
 *   RUNNING (with desired status RUNNING) until the tick it is told to stop. Behind a load balancer, ECS shows a
 *   task RUNNING only once its targets are healthy, so "RUNNING" is "healthy" here.
 * - A Poisson process per tick draws Spot interruptions (rate per Spot task-hour) and crashes (1 / MTBF per task).
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import type { EcsEvent } from '../../domain/events.js';
import { toIso } from '../../domain/time.js';
import { Rng, seedState } from '../../domain/rng.js';
import { serviceKey } from '../../domain/service.js';
import type { World } from '../../domain/world.js';
import { advance } from '../../engine/advance.js';
import { resolveConfig, tryCreateWorld, type WorldConfig } from '../../engine/createWorld.js';
import { execute } from '../../engine/execute.js';
import { resolvePrices } from '../../fargate/pricing.js';
import { freeIpCount } from '../../scheduler/subnetIps.js';
import { createAutoscaler, stepAutoscaler, type AutoscalerState, type ServiceObservation } from '../autoscaling/index.js';
import { injectCapacityShortage, interruptSpotTasks, setSubnetAvailability } from '../faults.js';
import { requestsOver, utilization } from '../load.js';
import type { Marker, SeedResult } from '../result.js';
import { crashTasks, setFargateQuotas, zoneOutage } from '../runtimeFaults.js';
import type { FaultEntry, OperationEntry, Scenario, ServiceLoad } from '../scenario/types.js';
import { CostMeter } from './costMeter.js';
import { chooseIndexes, poisson } from './poisson.js';
import { applyResources, findService, type ServiceRef } from './resources.js';
import { SeriesRecorder } from './seriesRecorder.js';
import { TaskTracker } from './taskTracker.js';
import { TimelineQueue, type TimelineStep } from './timeline.js';

/** Callbacks of a run (progress bars). */
export interface SeedHooks {
  /** Called after each metric period with the virtual time simulated so far, ms. */
  readonly onProgress?: (virtualMsDone: number) => void;
}

const MINUTE_MS = 60_000;

/** Default warm-up: long enough for services of a few hundred tasks to reach their desired count. */
export const DEFAULT_WARMUP_MS = 10 * MINUTE_MS;
const warmupOf = (scenario: Scenario): number => scenario.warmupMs ?? DEFAULT_WARMUP_MS;
const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** The seed value of run `seedIndex`: the scenario's base seed plus the index. */
export const seedOf = (scenario: Scenario, seedIndex: number): number => (((scenario.world.seed ?? 1) + seedIndex) >>> 0);

/**
 * The World config of one seed: the scenario's, with the seed and the network pinned — a default VPC's ids derive
 * from the seed, and every seed must run in the same subnets the scenario's requests name.
 */
export function seedConfig(scenario: Scenario, seedIndex: number): WorldConfig {
  const base = resolveConfig(scenario.world);
  return {
    ...scenario.world,
    seed: seedOf(scenario, seedIndex),
    // The World starts a warm-up earlier, so that the measured run starts at the scenario's start.
    startTimeMs: base.startTimeMs - warmupOf(scenario),
    network: {
      subnets: base.network.subnets.map((s) => ({ subnetId: s.subnetId, cidrBlock: s.cidrBlock, availabilityZone: s.availabilityZone, vpcId: s.vpcId })),
      securityGroups: base.network.securityGroups.map((g) => ({ groupId: g.groupId, vpcId: g.vpcId, groupName: g.groupName })),
    },
  };
}

/**
 * Problems that would spoil every run of the scenario — a World config that does not resolve, a resource ECS
 * rejects, autoscaling that names no service, prices for an unknown region — found by applying the resources to a
 * fresh World. Empty: the scenario runs.
 */
export function checkScenario(scenario: Scenario): string[] {
  const created = tryCreateWorld(seedConfigSafe(scenario));
  if (E.isLeft(created)) return [`world: ${created.left.message}`];
  const applied = applyResources(created.right, scenario.resources);
  const problems = [...applied.problems];
  // CloudWatch datapoints (and so Application Auto Scaling's alarms) fall on wall-clock minutes.
  const start = created.right.config.startTimeMs + warmupOf(scenario);
  if (start % MINUTE_MS !== 0) problems.push(`world.startTimeMs: the run must start on a whole minute (CloudWatch's datapoints do), got ${toIso(start)}.`);
  if (scenario.durationMs % scenario.metricPeriodMs !== 0 || scenario.durationMs < scenario.metricPeriodMs) {
    problems.push(`metricPeriod: ${scenario.metricPeriodMs / 1000} s must divide the duration (${scenario.durationMs / 1000} s).`);
  }
  const prices = resolvePrices(created.right.config.region, scenario.prices);
  if (E.isLeft(prices)) problems.push(`prices: ${prices.left}`);
  const scaler = createAutoscaler(scenario.autoscaling, scalerContext(created.right, scenario, 0));
  if (E.isLeft(scaler)) problems.push(...scaler.left.map((p) => `autoscaling: ${p}`));
  for (const ref of Object.keys(scenario.load)) {
    if (findService(applied.services, ref) === undefined) problems.push(`load.${ref}: no service of the scenario is named '${ref}'.`);
  }
  return problems;
}

function seedConfigSafe(scenario: Scenario): unknown {
  try {
    return seedConfig(scenario, 0);
  } catch {
    return scenario.world;
  }
}

/** Application Auto Scaling's context: the measured run's start (after the warm-up) and the seed of its ids. */
const scalerContext = (w: World, scenario: Scenario, seed: number) => ({
  region: w.config.region,
  accountId: w.config.accountId,
  startMs: w.config.startTimeMs + warmupOf(scenario),
  seed,
});

/** Per-service state of the loop. */
interface ServiceState {
  readonly ref: ServiceRef;
  readonly key: string;
  readonly load: ServiceLoad | undefined;
  desired: number;
  // lazy serving: served up to `servedUntil` (offset) with these counts
  servedUntil: number;
  servedRunning: number;
  servedDesired: number;
  // minute accumulators (for Application Auto Scaling's datapoints)
  cpuTimesMs: number;
  memTimesMs: number;
  busyMs: number;
  servedInMinute: number;
  // period accumulators
  pCpu: number;
  pMem: number;
  pBusyMs: number;
  pOffered: number;
  pServed: number;
  pDropped: number;
  // outcomes
  belowDesiredMs: number;
  overloadedMs: number;
  offered: number;
  served: number;
  dropped: number;
  replaced: number;
  interrupted: number;
  costUsd: number;
  steady: { after: string; atMs: number; minutes: number | null }[];
  waitingSteady: { after: string; atMs: number }[];
}

/**
 * Runs seed `seedIndex` (0-based) of `scenario` (one variant of a scenario file, named `variant` in the result).
 * Never throws for a scenario that {@link checkScenario} accepts; problems met on the way (an operation ECS
 * rejected) are in `notes`.
 */
export function simulateSeed(scenario: Scenario, variant: string, seedIndex: number, hooks: SeedHooks = {}): SeedResult {
  const seed = seedOf(scenario, seedIndex);
  const created = tryCreateWorld(seedConfig(scenario, seedIndex));
  if (E.isLeft(created)) throw new RangeError(`world: ${created.left.message}`);
  const notes: string[] = [];
  const applied = applyResources(created.right, scenario.resources);
  notes.push(...applied.problems);
  const warmupMs = warmupOf(scenario);
  const startMs = applied.world.config.startTimeMs + warmupMs;
  const periodMs = scenario.metricPeriodMs;
  // The loader checks that the period divides the duration; a caller's hand-built scenario gets at least one period.
  const periods = Math.max(1, Math.ceil(scenario.durationMs / periodMs));
  const endMs = startMs + periods * periodMs;
  const tickMs = gcd(gcd(periodMs, 10_000), MINUTE_MS);
  const prices = resolvePrices(applied.world.config.region, scenario.prices);
  if (E.isLeft(prices)) throw new RangeError(`prices: ${prices.left}`);

  const loads = loadsById(scenario, applied.services);
  const services: ServiceState[] = applied.services.map((ref) => ({
    ref,
    key: serviceKey(ref.cluster, ref.name),
    load: loads.get(ref.id),
    desired: 0,
    servedUntil: 0,
    servedRunning: 0,
    servedDesired: 0,
    cpuTimesMs: 0, memTimesMs: 0, busyMs: 0, servedInMinute: 0,
    pCpu: 0, pMem: 0, pBusyMs: 0, pOffered: 0, pServed: 0, pDropped: 0,
    belowDesiredMs: 0, overloadedMs: 0, offered: 0, served: 0, dropped: 0, replaced: 0, interrupted: 0, costUsd: 0,
    steady: [], waitingSteady: [],
  }));
  const indexById = new Map(services.map((s, i) => [s.ref.id, i] as const));
  const indexByKey = new Map(services.map((s, i) => [s.key, i] as const));
  const byResourceId = new Map(services.map((s) => [s.ref.resourceId, s] as const));
  const meter = new CostMeter(services.length, startMs);
  const tracker = new TaskTracker(indexByKey, prices.right, meter, startMs);
  const recorder = new SeriesRecorder(services.map((s) => s.ref.id), applied.world.config.network.subnets.map((s) => s.subnetId), periods);
  const markers: Marker[] = [];
  const rng = new Rng(seedState(seed, 101));
  let timersFired = 0;
  const counters = { throttles: 0, refused: 0, spotInterruptions: 0, started: 0, completed: 0, failed: 0, rolledBack: 0 };

  let scaler: AutoscalerState | undefined;
  const createdScaler = createAutoscaler(scenario.autoscaling, scalerContext(applied.world, scenario, seed));
  if (E.isLeft(createdScaler)) notes.push(...createdScaler.left.map((p) => `autoscaling: ${p}`));
  else scaler = createdScaler.right;

  /** Reads the desired counts after something may have changed them. */
  const refreshDesired = (): void => {
    for (const s of services) s.desired = world.services.get(s.key)?.desiredCount ?? 0;
  };
  const observeEvents = (events: readonly EcsEvent[]): void => {
    tracker.observe(events);
    for (const e of events) {
      if (e['detail-type'] === 'ECS Service Action') {
        // A service that could not place a task (the vCPU quota, no capacity): a launch that did not happen.
        if ((e.detail as Record<string, unknown>).eventName === 'SERVICE_TASK_PLACEMENT_FAILURE') counters.refused++;
        continue;
      }
      if (e['detail-type'] !== 'ECS Deployment State Change') continue;
      const d = e.detail as Record<string, unknown>;
      const svc = String(e.resources[0] ?? '').split(':service/')[1];
      const label = svc === undefined ? '' : svc;
      const at = Date.parse(e.time) - startMs;
      if (d.eventName === 'SERVICE_DEPLOYMENT_IN_PROGRESS') {
        const rollback = typeof d.reason === 'string' && d.reason.includes('rolling back');
        if (rollback) counters.rolledBack++;
        else counters.started++;
        markers.push({ atMs: at, kind: 'deployment', service: label, label: rollback ? 'rollback' : 'deployment started' });
      } else if (d.eventName === 'SERVICE_DEPLOYMENT_COMPLETED') {
        counters.completed++;
        markers.push({ atMs: at, kind: 'deployment', service: label, label: 'deployment completed' });
      } else if (d.eventName === 'SERVICE_DEPLOYMENT_FAILED') {
        counters.failed++;
        markers.push({ atMs: at, kind: 'deployment', service: label, label: 'deployment failed' });
      }
    }
  };
  // The warm-up: the services start their tasks before the measured run, with no load and no scaling.
  const warm = advance(applied.world, warmupMs);
  let world = warm.world;
  timersFired += warm.timersFired ?? 0;
  tracker.observe(warm.events);
  tracker.takeCounts();
  refreshDesired();

  const timeline = new TimelineQueue(scenario.timeline, periods * periodMs);
  const spotWindows: { untilMs: number; ratePerTaskHour: number }[] = [];
  const crashWindows: { untilMs: number; service: number; mtbfMs: number; exitCode: number }[] = [];

  const waitForSteady = (after: string, atMs: number, only?: number): void => {
    services.forEach((s, i) => {
      if (only === undefined || only === i) s.waitingSteady.push({ after, atMs });
    });
  };

  const applyCall = (step: Extract<TimelineStep, { _tag: 'call' }>, atMs: number): void => {
    const e: OperationEntry = step.entry;
    const r = execute(world, e.operation, e.input);
    if (E.isLeft(r)) {
      if (r.left.name === 'ThrottlingException') counters.throttles++;
      else if (notes.length < 50) notes.push(`${e.path} at ${clock(atMs)}: ${e.operation} failed: ${r.left.name}: ${r.left.message}`);
      return;
    }
    world = r.right.world;
    observeEvents(r.right.events);
    const out = r.right.output as { failures?: { reason?: string }[] };
    if (e.operation === 'RunTask' && Array.isArray(out.failures)) {
      // A task RunTask could not launch (the vCPU quota, no capacity) is a launch failure; a throttled one a throttle.
      for (const f of out.failures) {
        if (/rate exceeded|throttl/i.test(f.reason ?? '')) counters.throttles++;
        else counters.refused++;
      }
    }
    const svcRef = serviceOfInput(e.input);
    const target = svcRef === undefined ? undefined : indexById.get(svcRef) ?? services.findIndex((s) => s.ref.name === svcRef);
    if (step.repeat === 0) {
      markers.push({ atMs, kind: 'operation', ...(target !== undefined && target >= 0 ? { service: services[target]!.ref.id } : {}), label: `${e.operation}${describeInput(e.input)}` });
      if (target !== undefined && target >= 0) waitForSteady(`${e.operation} at ${clock(atMs)}`, atMs, target);
    }
    refreshDesired();
  };

  const applyFault = (step: Extract<TimelineStep, { _tag: 'start' | 'end' }>, atMs: number): void => {
    const f: FaultEntry = step.entry;
    const starting = step._tag === 'start';
    let r: { world: World; events: readonly EcsEvent[]; error?: { message: string } } | undefined;
    switch (f._tag) {
      case 'azOutage':
        if (starting) r = zoneOutage(world, { availabilityZone: f.availabilityZone, durationMs: f.durationMs });
        break;
      case 'capacityShortage':
        if (starting) r = injectCapacityShortage(world, { capacityProvider: f.capacityProvider, availabilityZone: f.availabilityZone, durationMs: f.durationMs });
        break;
      case 'subnetUnavailable':
        r = setSubnetAvailability(world, f.subnetId, !starting);
        break;
      case 'quota':
        r = setFargateQuotas(world, { ...(f.onDemandVcpu !== undefined ? { onDemandVcpu: f.onDemandVcpu } : {}), ...(f.spotVcpu !== undefined ? { spotVcpu: f.spotVcpu } : {}) });
        break;
      case 'spotInterruptions':
        if (starting) spotWindows.push({ untilMs: f.durationMs === undefined ? Infinity : atMs + f.durationMs, ratePerTaskHour: f.ratePerTaskHour });
        break;
      case 'crashes': {
        const ref = findService(applied.services, f.service);
        const i = ref === undefined ? -1 : indexById.get(ref.id)!;
        if (starting && i >= 0) crashWindows.push({ untilMs: f.durationMs === undefined ? Infinity : atMs + f.durationMs, service: i, mtbfMs: f.mtbfMs, exitCode: f.exitCode });
        break;
      }
    }
    if (r !== undefined) {
      if (r.error !== undefined) notes.push(`${f.path} at ${clock(atMs)}: ${r.error.message}`);
      world = r.world;
      observeEvents(r.events);
    }
    if (starting) {
      const d = 'durationMs' in f ? f.durationMs : undefined;
      markers.push({ atMs, kind: 'fault', label: faultLabel(f), ...(d !== undefined ? { endMs: atMs + d } : {}) });
      if (f._tag !== 'spotInterruptions' && f._tag !== 'crashes' && f._tag !== 'quota') waitForSteady(`${f._tag} at ${clock(atMs)}`, atMs);
    } else if (f._tag === 'azOutage' || f._tag === 'capacityShortage' || f._tag === 'subnetUnavailable') {
      waitForSteady(`end of ${f._tag} at ${clock(atMs)}`, atMs);
    }
  };

  /** Random faults of the tick ending at `t1` (offset), drawn before the World moves over it. */
  const drawRandomFaults = (t0: number, t1: number): void => {
    const hours = (t1 - t0) / 3_600_000;
    let spotRate = 0;
    for (const w of spotWindows) if (w.untilMs > t0) spotRate += w.ratePerTaskHour;
    const spot = tracker.spotRunning;
    if (spotRate > 0 && spot.size > 0) {
      const n = poisson(rng, spotRate * spot.size * hours);
      if (n > 0) {
        // The victims are drawn here (not by `interruptSpotTasks`' own draw, which scans the cluster's tasks).
        const chosen = chooseIndexes(rng, spot.size, n).map((i) => spot.at(i));
        const r = interruptSpotTasks(world, { tasks: chosen });
        for (const arn of r.interrupted) {
          const i = tracker.serviceOf(arn.slice(arn.lastIndexOf('/') + 1));
          if (i >= 0) services[i]!.interrupted++;
        }
        world = r.world;
        counters.spotInterruptions += r.interrupted.length;
        observeEvents(r.events);
      }
    }
    for (const w of crashWindows) {
      if (w.untilMs <= t0) continue;
      const set = tracker.running[w.service]!;
      const n = poisson(rng, (set.size * (t1 - t0)) / w.mtbfMs);
      if (n === 0 || set.size === 0) continue;
      const chosen = chooseIndexes(rng, set.size, n).map((i) => set.at(i));
      const r = crashTasks(world, { tasks: chosen, exitCode: w.exitCode });
      world = r.world;
      observeEvents(r.events);
    }
  };

  /**
   * Serves service `i`'s load from where it was served until `t1`, with the RUNNING count and desired count it had
   * then, and accumulates utilization. Load is served lazily: only when a count changes, at each minute (the
   * autoscaler's datapoint) and at each period's end — not every tick, which profiling showed dominating the run.
   */
  const flush = (i: number, t1: number): void => {
    const s = services[i]!;
    const t0 = s.servedUntil;
    if (t1 <= t0) return;
    s.servedUntil = t1;
    const dt = t1 - t0;
    const n = s.servedRunning;
    if (n < s.servedDesired) s.belowDesiredMs += dt;
    if (s.load === undefined) return;
    const r = requestsOver(s.load.profile, startMs, t0, t1, n * s.load.capacityRps);
    s.offered += r.offered;
    s.served += r.served;
    s.dropped += r.dropped;
    s.overloadedMs += r.overloadedMs;
    s.pOffered += r.offered;
    s.pServed += r.served;
    s.pDropped += r.dropped;
    s.servedInMinute += r.served;
    // From the requests served, not offered: tasks never run above 100%, and a burst averaged into a quiet minute
    // must not read as a full minute at the cap.
    const u = utilization(s.load, (r.served * 1000) / dt, n);
    if (u.cpuPct !== null && u.memoryPct !== null) {
      // CloudWatch's service CPUUtilization is Σ used / (task CPU × tasks) over the minute (reference §12.1): every
      // task-second weighs the same, so an interval with more tasks weighs more (weights n·dt, not dt).
      const w = n * dt;
      s.cpuTimesMs += u.cpuPct * w;
      s.memTimesMs += u.memoryPct * w;
      s.busyMs += w;
      s.pCpu += u.cpuPct * w;
      s.pMem += u.memoryPct * w;
      s.pBusyMs += w;
    }
  };
  /** At `t`, before time moves on: a service whose counts changed is served up to `t` with the old ones. */
  const noteCounts = (t: number): void => {
    for (let i = 0; i < services.length; i++) {
      const s = services[i]!;
      const n = tracker.running[i]!.size;
      if (n === s.servedRunning && s.desired === s.servedDesired) continue;
      flush(i, t);
      s.servedRunning = n;
      s.servedDesired = s.desired;
    }
  };
  const flushAll = (t: number): void => {
    for (let i = 0; i < services.length; i++) flush(i, t);
  };

  const checkSteady = (t: number): void => {
    services.forEach((s, i) => {
      if (s.waitingSteady.length === 0) return;
      const svc = world.services.get(s.key);
      const steady =
        svc !== undefined && svc.deployments.length <= 1 && tracker.pending[i] === 0 && tracker.running[i]!.size === s.desired;
      if (!steady) return;
      for (const w of s.waitingSteady) s.steady.push({ after: w.after, atMs: w.atMs, minutes: (t - w.atMs) / MINUTE_MS });
      s.waitingSteady = [];
    });
  };

  const scale = (t: number): void => {
    if (scaler === undefined) return;
    const obs = new Map<string, ServiceObservation>();
    services.forEach((s, i) => {
      const svc = world.services.get(s.key);
      const running = tracker.running[i]!.size;
      obs.set(s.ref.resourceId, {
        runningCount: running,
        desiredCount: s.desired,
        deploymentInProgress: svc !== undefined && (svc.deployments.length > 1 || svc.deployments[0]?.rolloutState === 'IN_PROGRESS'),
        cpu: s.busyMs > 0 ? s.cpuTimesMs / s.busyMs : null,
        memory: s.busyMs > 0 ? s.memTimesMs / s.busyMs : null,
        // Requests per target over the minute: served requests over the targets' time-average count (task-ms / minute).
        requestCountPerTarget: s.busyMs > 0 && s.load !== undefined ? (s.servedInMinute * MINUTE_MS) / s.busyMs : null,
      });
      s.cpuTimesMs = 0;
      s.memTimesMs = 0;
      s.busyMs = 0;
      s.servedInMinute = 0;
    });
    const stepped = stepAutoscaler(scaler, startMs + t, obs);
    scaler = stepped.state;
    for (const a of stepped.actions) {
      const s = byResourceId.get(a.resourceId);
      if (s === undefined) continue;
      const r = execute(world, 'UpdateService', { cluster: s.ref.cluster, service: s.ref.name, desiredCount: a.desiredCount });
      if (E.isLeft(r)) {
        notes.push(`autoscaling at ${clock(t)}: UpdateService failed: ${r.left.name}: ${r.left.message}`);
        continue;
      }
      world = r.right.world;
      observeEvents(r.right.events);
      markers.push({ atMs: t, kind: 'scaling', service: s.ref.id, label: `${s.desired} → ${a.desiredCount}` });
      s.desired = a.desiredCount;
    }
  };

  const closePeriod = (p: number, t: number): void => {
    const cost = meter.closePeriod(startMs + t);
    const counts = tracker.takeCounts();
    services.forEach((s, i) => {
      s.costUsd += cost.services[i]!;
      s.replaced += counts.lost[i]!;
      recorder.service(s.ref.id, p, {
        RunningTaskCount: tracker.running[i]!.size,
        DesiredTaskCount: s.desired,
        PendingTaskCount: tracker.pending[i]!,
        CPUUtilization: s.pBusyMs > 0 ? round(s.pCpu / s.pBusyMs) : null,
        MemoryUtilization: s.pBusyMs > 0 ? round(s.pMem / s.pBusyMs) : null,
        OfferedRequests: Math.round(s.pOffered),
        ServedRequests: Math.round(s.pServed),
        DroppedRequests: Math.round(s.pOffered) - Math.round(s.pServed),
        CostUsd: cost.services[i]!,
      });
      s.pCpu = s.pMem = s.pBusyMs = s.pOffered = s.pServed = s.pDropped = 0;
    });
    const q = world.config.quotas;
    const usage = (pool: string): number => (world.fargateUsage.get(pool)?.cpuUnits ?? 0) / 1024;
    recorder.account(p, {
      OnDemandVcpuInUse: usage('FARGATE'),
      OnDemandVcpuQuota: Number.isFinite(q.onDemandVcpu) ? q.onDemandVcpu : null,
      SpotVcpuInUse: usage('FARGATE_SPOT'),
      SpotVcpuQuota: Number.isFinite(q.spotVcpu) ? q.spotVcpu : null,
      LaunchFailures: counts.launchFailures + counters.refused,
      Throttles: counters.throttles,
      SpotInterruptions: counters.spotInterruptions,
      DeploymentsStarted: counters.started,
      DeploymentsCompleted: counters.completed,
      DeploymentsFailed: counters.failed,
      DeploymentsRolledBack: counters.rolledBack,
      CostUsd: cost.account,
    });
    totals.launchFailures += counts.launchFailures + counters.refused;
    totals.throttles += counters.throttles;
    totals.spotInterruptions += counters.spotInterruptions;
    counters.throttles = counters.refused = counters.spotInterruptions = counters.started = counters.completed = counters.failed = counters.rolledBack = 0;
    for (const subnet of world.config.network.subnets) {
      const ips = world.subnetIps.get(subnet.subnetId);
      recorder.subnet(subnet.subnetId, p, ips === undefined ? subnet.usableIpCount : freeIpCount(ips, subnet));
    }
  };
  const totals = { launchFailures: 0, throttles: 0, spotInterruptions: 0 };

  // The main loop: from boundary to boundary (tick ends and timeline instants).
  let t = 0;
  const applyStep = (step: TimelineStep, at: number): void => {
    if (step._tag === 'call') applyCall(step, at);
    else applyFault(step, at);
  };
  for (const step of timeline.takeDue(0)) applyStep(step, 0);
  for (let p = 0; p < periods; p++) {
    const periodEnd = (p + 1) * periodMs;
    while (t < periodEnd) {
      const tickEnd = Math.min(periodEnd, (Math.floor(t / tickMs) + 1) * tickMs);
      const stop = Math.min(tickEnd, timeline.nextAtMs());
      drawRandomFaults(t, stop);
      noteCounts(t);
      const r = advance(world, stop - t);
      world = r.world;
      timersFired += r.timersFired ?? 0;
      observeEvents(r.events);
      t = stop;
      for (const step of timeline.takeDue(t)) applyStep(step, t);
      if (t % MINUTE_MS === 0) {
        flushAll(t);
        scale(t);
      }
      checkSteady(t);
    }
    flushAll(t);
    closePeriod(p, t);
    hooks.onProgress?.(t);
  }

  // Tasks still billed at the end are billed up to it (rounded, minimum applied), into the last period.
  tracker.closeAll(endMs);
  const tail = meter.closePeriod(endMs);
  services.forEach((s, i) => {
    s.costUsd += tail.services[i]!;
    recorder.addCost(s.ref.id, periods - 1, tail.services[i]!);
  });
  recorder.addAccountCost(periods - 1, tail.account);
  if (tracker.problems.length > 0) notes.push(...tracker.problems);

  const runMinutes = (periods * periodMs) / MINUTE_MS;
  const outcomes: Record<string, SeedResult['outcomes'][string]> = {};
  for (const s of services) {
    const steady = [...s.steady, ...s.waitingSteady.map((w) => ({ after: w.after, atMs: w.atMs, minutes: null }))].sort((a, b) => a.atMs - b.atMs);
    const maxSteady = steady.reduce((m, x) => Math.max(m, x.minutes ?? runMinutes - x.atMs / MINUTE_MS), 0);
    outcomes[s.ref.id] = {
      minutesBelowDesired: round(s.belowDesiredMs / MINUTE_MS),
      minutesOverloaded: round(s.overloadedMs / MINUTE_MS),
      offeredRequests: Math.round(s.offered),
      servedRequests: Math.round(s.served),
      droppedRequests: Math.round(s.offered) - Math.round(s.served),
      droppedRequestsPct: s.offered > 0 ? round((100 * s.dropped) / s.offered) : 0,
      tasksReplaced: s.replaced,
      spotInterruptions: s.interrupted,
      costUsd: roundUsd(tracker.billedByService[services.indexOf(s)]!),
      timeToSteadyState: steady.map((x) => ({ after: x.after, atMs: startMs + x.atMs, minutes: x.minutes === null ? null : round(x.minutes) })),
      maxTimeToSteadyStateMinutes: round(maxSteady),
    };
  }
  const all = Object.values(outcomes);
  const sum = (f: (o: (typeof all)[number]) => number): number => all.reduce((a, o) => a + f(o), 0);
  const offered = sum((o) => o.offeredRequests);
  const dropped = sum((o) => o.droppedRequests);
  const b = tracker.billed;
  return {
    variant,
    seed,
    startMs,
    periodMs,
    periods,
    services: recorder.servicesResult(),
    account: recorder.accountResult(),
    subnets: recorder.subnetsResult(),
    // Markers and instants are epoch ms in the result, like `startMs` (offsets inside the loop).
    markers: markers
      .sort((x, y) => x.atMs - y.atMs)
      .map((m) => ({ ...m, atMs: startMs + m.atMs, ...(m.endMs !== undefined ? { endMs: startMs + m.endMs } : {}) })),
    outcomes,
    totals: {
      minutesBelowDesired: round(sum((o) => o.minutesBelowDesired)),
      minutesOverloaded: round(sum((o) => o.minutesOverloaded)),
      offeredRequests: offered,
      servedRequests: sum((o) => o.servedRequests),
      droppedRequests: dropped,
      droppedRequestsPct: offered > 0 ? round((100 * dropped) / offered) : 0,
      tasksReplaced: sum((o) => o.tasksReplaced),
      costUsd: roundUsd(b.usd),
      spotInterruptions: totals.spotInterruptions,
      launchFailures: totals.launchFailures,
      throttles: totals.throttles,
      maxTimeToSteadyStateMinutes: all.reduce((m, o) => Math.max(m, o.maxTimeToSteadyStateMinutes), 0),
    },
    cost: {
      totalUsd: roundUsd(b.usd),
      onDemandUsd: roundUsd(b.onDemandUsd),
      spotUsd: roundUsd(b.spotUsd),
      vcpuHours: round(b.vcpuSeconds / 3600),
      gbHours: round(b.gbSeconds / 3600),
      extraStorageGbHours: round(b.extraStorageGbSeconds / 3600),
      billedTasks: b.tasks,
    },
    timerEvents: timersFired,
    notes,
  };
}

/** Each service's load, by service id: the scenario's keys (`web` or `cluster/web`) resolved once. */
function loadsById(scenario: Scenario, all: readonly ServiceRef[]): Map<string, ServiceLoad> {
  const out = new Map<string, ServiceLoad>();
  for (const [k, v] of Object.entries(scenario.load)) {
    const ref = findService(all, k);
    if (ref !== undefined && !out.has(ref.id)) out.set(ref.id, v);
  }
  return out;
}

/** The service an ECS request names (`service` or `serviceName`, with its `cluster`), as `cluster/service` or a name. */
function serviceOfInput(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const o = input as Record<string, unknown>;
  const svc = typeof o.service === 'string' ? o.service : typeof o.serviceName === 'string' ? o.serviceName : undefined;
  if (svc === undefined) return undefined;
  const name = svc.slice(svc.lastIndexOf('/') + 1);
  const c = typeof o.cluster === 'string' ? o.cluster.slice(o.cluster.lastIndexOf('/') + 1) : 'default';
  return `${c}/${name}`;
}

function describeInput(input: unknown): string {
  if (typeof input !== 'object' || input === null) return '';
  const o = input as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof o.service === 'string') parts.push(o.service);
  if (typeof o.taskDefinition === 'string') parts.push(`→ ${o.taskDefinition}`);
  if (typeof o.desiredCount === 'number') parts.push(`desired ${o.desiredCount}`);
  if (typeof o.count === 'number') parts.push(`×${o.count}`);
  return parts.length > 0 ? ` ${parts.join(' ')}` : '';
}

function faultLabel(f: FaultEntry): string {
  switch (f._tag) {
    case 'azOutage':
      return `AZ outage ${f.availabilityZone}`;
    case 'capacityShortage':
      return `${f.capacityProvider} capacity shortage ${f.availabilityZone}`;
    case 'subnetUnavailable':
      return `subnet ${f.subnetId} unavailable`;
    case 'spotInterruptions':
      return `Spot interruptions ${f.ratePerTaskHour}/task-hour`;
    case 'crashes':
      return `crashes of ${f.service} (MTBF ${Math.round(f.mtbfMs / 60_000)} min)`;
    case 'quota':
      return `quota change${f.onDemandVcpu !== undefined ? ` on-demand ${f.onDemandVcpu} vCPU` : ''}${f.spotVcpu !== undefined ? ` Spot ${f.spotVcpu} vCPU` : ''}`;
  }
}

/** `HH:MM` of an offset from the start (days as `D2 HH:MM`). */
function clock(ms: number): string {
  const totalMin = Math.floor(ms / MINUTE_MS);
  const d = Math.floor(totalMin / 1440);
  const h = Math.floor((totalMin % 1440) / 60);
  const m = totalMin % 60;
  const hm = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
  return d > 0 ? `D${d + 1} ${hm}` : `+${hm}`;
}

/** Rounds to 1e-6: enough for minutes and percentages, and short in JSON. */
const round = (x: number): number => Math.round(x * 1e6) / 1e6;
/** Rounds USD to 1e-6 too (a micro-dollar). */
const roundUsd = round;
