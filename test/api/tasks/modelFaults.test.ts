// Model-based test (fc.commands) of Fargate tasks under limits and faults: a vCPU quota per pool, launch-rate
// token buckets, /28 subnets (11 usable addresses each), capacity shortages, unavailable subnets, behaviour rules
// and Spot interruptions. The model is much simpler than the twin: per task only its pool, vCPUs, whether it got an
// ENI and where, its last observed status and the stop the model asked for; plus the fault windows and three token
// buckets. It predicts RunTask's answer exactly (throttling, quota and capacity failures, which tasks get an ENI)
// and, after every command, describes every known task and checks the twin against a recount: no address held
// twice, subnets and quotas never over-committed, every STOPPED task's ENI released, cluster counters equal to the
// recount, stop codes as requested, retention honoured, and each task's event sequence well ordered.
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { hasEni, privateIpOf, seqOfTaskId, TASK_STATUS_ORDER } from '../../../src/domain/task.js';
import type { EcsEvent } from '../../../src/domain/events.js';
import type { World } from '../../../src/domain/world.js';
import { advance } from '../../../src/engine/advance.js';
import { createWorld, DEFAULT_TASK_TIMINGS as T } from '../../../src/engine/createWorld.js';
import { execute } from '../../../src/engine/execute.js';
import {
  injectCapacityShortage,
  interruptSpotTasks,
  setBehaviors,
  setSubnetAvailability,
} from '../../../src/sim/faults.js';
import { isIpInUse, type SubnetIps } from '../../../src/scheduler/subnetIps.js';
import { WEB_TD, type Task } from './harness.js';

const SUBNETS = [
  { subnetId: 'subnet-q1', cidrBlock: '10.2.0.0/28', availabilityZone: 'us-east-1a', vpcId: 'vpc-q' },
  { subnetId: 'subnet-q2', cidrBlock: '10.2.0.16/28', availabilityZone: 'us-east-1a', vpcId: 'vpc-q' },
  { subnetId: 'subnet-q3', cidrBlock: '10.2.0.32/28', availabilityZone: 'us-east-1b', vpcId: 'vpc-q' },
] as const;
const ZONES = ['us-east-1a', 'us-east-1b'] as const;
/** A /28 has 16 addresses; AWS reserves the first four and the last (reference §8). */
const USABLE_PER_SUBNET = 11;
type Pool = 'FARGATE' | 'FARGATE_SPOT';
/** vCPUs per pool: FARGATE allows 16 small tasks, more than one /28 holds, so subnets can run out of addresses. */
const QUOTA_VCPU: Record<Pool, number> = { FARGATE: 4, FARGATE_SPOT: 2 };
type BucketName = 'api' | Pool;
/** Small buckets, so a few RunTask calls close together are throttled; refill per second. */
const RATES: Record<BucketName, { burst: number; refillPerSecond: number }> = {
  api: { burst: 4, refillPerSecond: 1 },
  FARGATE: { burst: 20, refillPerSecond: 2 },
  FARGATE_SPOT: { burst: 12, refillPerSecond: 1 },
};
const CPU_UNITS = { web: 256, big: 1024 } as const;
type Family = keyof typeof CPU_UNITS;
const BIG_TD = { ...WEB_TD, family: 'big', cpu: '1024', memory: '2048' };

const RETENTION_MS = 3_600_000;
/** A launched task has left PROVISIONING/PENDING/ACTIVATING by then (every duration at its maximum; no pullMs rule). */
const START_BOUND_MS = T.provisioning.maxMs + T.pullStartDelay.maxMs + T.pullPublicRegistry.maxMs + T.activating.maxMs;
/** A task told to stop is STOPPED by then, even when its container ignores SIGTERM (default stopTimeout 30 s). */
const STOP_BOUND_MS = T.stopNotice.maxMs + T.deactivating.maxMs + 30_000 + T.deprovisioning.maxMs;

const VCPU_REASON = "You've reached the limit on the number of vCPUs you can run concurrently";
const CAPACITY_REASON = 'Capacity is unavailable at this time. Please try again later or in a different availability zone.';
const NO_ENI_REASONS = [
  'InsufficientFreeAddressesInSubnet: The specified subnet does not have enough free addresses to satisfy the request.',
  'Timeout waiting for network interface provisioning to complete.',
];
const SPOT_REASON = 'Your Spot Task was interrupted.';
const PENDING_STATES = ['PROVISIONING', 'PENDING', 'ACTIVATING'];
/**
 * Timestamps that never decrease along the lifecycle (the event/describe order the reviewer asked for), and
 * `executionStoppedAt`, which sits between `startedAt` and `stoppedAt` but before `stoppingAt` after an essential
 * container's exit (capture A, reference §3.8) and after it otherwise: see {@link checkExecutionStop}.
 */
const STAMP_ORDER = ['createdAt', 'pullStartedAt', 'pullStoppedAt', 'startedAt', 'stoppingAt', 'stoppedAt'];
const ALL_STAMPS = [...STAMP_ORDER, 'executionStoppedAt'];

/** `executionStoppedAt` (epoch ms or ISO) against the other timestamps of the same view. */
function checkExecutionStop(arn: string, v: Record<string, unknown>): void {
  if (v.executionStoppedAt === undefined) return;
  const ms = (x: unknown): number => (typeof x === 'number' ? Math.round(x * 1000) : Date.parse(String(x)));
  const at = ms(v.executionStoppedAt);
  if (v.startedAt !== undefined) expect(at, `startedAt ≤ executionStoppedAt of ${arn}`).toBeGreaterThanOrEqual(ms(v.startedAt));
  if (v.stoppedAt !== undefined) expect(at, `executionStoppedAt ≤ stoppedAt of ${arn}`).toBeLessThanOrEqual(ms(v.stoppedAt));
  if (v.stopCode === 'EssentialContainerExited' && v.stoppingAt !== undefined) {
    expect(at, `executionStoppedAt ≤ stoppingAt after an essential exit of ${arn}`).toBeLessThanOrEqual(ms(v.stoppingAt));
  }
}

/** What the generated runs exercised, so the suite can show it is not vacuous (see the last test). */
const seen = { throttled: 0, vcpuFailure: 0, capacityFailure: 0, noEni: 0, subnetFull: 0, spotStopped: 0, expired: 0, exited: 0 };

interface ModelTask {
  readonly arn: string;
  readonly pool: Pool;
  readonly cpuUnits: number;
  /** Whether the task got an ENI at launch (the model predicts it) and in which subnet (read from the attachment). */
  readonly hasEni: boolean;
  readonly subnetId: string;
  readonly launchedAtMs: number;
  status: string;
  desired: string;
  /** When `status` was last observed (every command ends with an observation). */
  observedAtMs: number;
  stoppedAtMs: number | undefined;
  /** The stop the model asked for while the task still wanted to run: its code, and when. */
  expectedStopCode: 'UserInitiated' | 'SpotInterruption' | undefined;
  stopRequestedAtMs: number | undefined;
  gone: boolean;
  /** The last event seen for the task (its detail). */
  lastEvent: Record<string, unknown> | undefined;
}

interface Model {
  nowMs: number;
  readonly tasks: ModelTask[];
  readonly shortages: Array<{ pool: Pool; zone: string; fromMs: number; untilMs: number }>;
  readonly unavailable: Set<string>;
  /** Token levels in thousandths of a token, as of `atMs`. */
  readonly buckets: Record<BucketName, { milli: number; atMs: number }>;
  /** Whether a rule ever scripted a container exit (then EssentialContainerExited is possible). */
  exitsScripted: boolean;
}
interface Real {
  world: World;
}

const must = <A,>(r: E.Either<{ name: string; message: string }, A>): A => {
  if (E.isLeft(r)) throw new Error(`${r.left.name}: ${r.left.message}`);
  return r.right;
};

const live = (m: Model): ModelTask[] => m.tasks.filter((t) => !t.gone);
const holds = (t: ModelTask): boolean => !t.gone && t.status !== 'STOPPED';

/** Whole tokens in a model bucket now: continuous refill, capped at the burst. */
function tokens(m: Model, name: BucketName): number {
  const b = m.buckets[name];
  const r = RATES[name];
  return Math.floor(Math.min(r.burst * 1000, b.milli + (m.nowMs - b.atMs) * r.refillPerSecond) / 1000);
}
function take(m: Model, name: BucketName, n: number): void {
  const r = RATES[name];
  const level = Math.min(r.burst * 1000, m.buckets[name].milli + (m.nowMs - m.buckets[name].atMs) * r.refillPerSecond);
  m.buckets[name] = { milli: level - n * 1000, atMs: m.nowMs };
}

const isShort = (m: Model, pool: Pool, zone: string): boolean =>
  m.shortages.some((s) => s.pool === pool && s.zone === zone && s.fromMs <= m.nowMs && m.nowMs < s.untilMs);

const ipsInUseBySubnet = (m: Model): Map<string, number> => {
  const used = new Map<string, number>();
  for (const t of m.tasks) if (t.hasEni && holds(t)) used.set(t.subnetId, (used.get(t.subnetId) ?? 0) + 1);
  return used;
};

/** Checks one new event of a task against the task's previous one, and records it. */
function checkEvent(m: Model, e: EcsEvent): void {
  const arn = e.resources[0]!;
  const t = m.tasks.find((x) => x.arn === arn);
  expect(t, `event for a task the model does not know: ${arn}`).toBeDefined();
  const d = JSON.parse(JSON.stringify(e.detail)) as Record<string, unknown>;
  const stamps = STAMP_ORDER.filter((k) => d[k] !== undefined).map((k) => [k, Date.parse(String(d[k]))] as const);
  for (let i = 1; i < stamps.length; i++) {
    expect(stamps[i]![1], `${stamps[i - 1]![0]} ≤ ${stamps[i]![0]} in event v${String(d.version)} of ${arn}`).toBeGreaterThanOrEqual(
      stamps[i - 1]![1],
    );
  }
  checkExecutionStop(arn, d);
  const prev = t!.lastEvent;
  if (prev) {
    // One event per version: each event is the task's next version.
    expect(d.version as number, `versions of ${arn} go up by one per event`).toBe((prev.version as number) + 1);
    const order = (s: unknown): number => TASK_STATUS_ORDER.indexOf(s as never);
    expect(order(d.lastStatus), `lastStatus of ${arn} went back: ${String(prev.lastStatus)} → ${String(d.lastStatus)}`).toBeGreaterThanOrEqual(
      order(prev.lastStatus),
    );
    // A timestamp, once shown, keeps its value.
    for (const k of ALL_STAMPS) if (prev[k] !== undefined) expect(d[k], `${k} of ${arn} changed`).toBe(prev[k]);
    if (prev.desiredStatus === 'STOPPED') expect(d.desiredStatus).toBe('STOPPED');
  } else {
    expect(d.version).toBe(1);
    expect(d.lastStatus).toBe('PROVISIONING');
  }
  t!.lastEvent = d;
}

/**
 * Describes every known task and checks the twin against the model's recount (the invariants of the module
 * comment); updates the observed statuses.
 */
function observe(m: Model, r: Real, events: readonly EcsEvent[]): void {
  const w = r.world;
  expect(w.nowMs).toBe(m.nowMs);
  for (const e of events) checkEvent(m, e);
  const known = live(m);
  for (let i = 0; i < known.length; i += 100) {
    const batch = known.slice(i, i + 100);
    const out = must(execute(w, 'DescribeTasks', { tasks: batch.map((t) => t.arn) })).output as {
      tasks: Task[];
      failures: Array<{ arn: string; reason: string }>;
    };
    const byArn = new Map(out.tasks.map((t) => [t.taskArn, t]));
    for (const f of out.failures) expect(f.reason).toBe('MISSING');
    for (const t of batch) {
      const real = byArn.get(t.arn);
      if (!real) {
        // Gone only once retention has passed: after `stoppedAt` if seen STOPPED, else after the last observation.
        const earliest = (t.stoppedAtMs ?? t.observedAtMs) + RETENTION_MS;
        expect(m.nowMs, `${t.arn} disappeared before its retention ended`).toBeGreaterThanOrEqual(earliest);
        t.gone = true;
        seen.expired++;
        continue;
      }
      const order = (s: string): number => TASK_STATUS_ORDER.indexOf(s as never);
      expect(order(real.lastStatus), `${t.arn} went back from ${t.status} to ${real.lastStatus}`).toBeGreaterThanOrEqual(
        order(t.status),
      );
      if (t.desired === 'STOPPED') expect(real.desiredStatus).toBe('STOPPED');
      // Every visible change has its event: the described version is the last event's.
      expect(real.version, `${t.arn}: described version vs last event`).toBe(t.lastEvent?.version);
      const stamps = STAMP_ORDER.filter((k) => typeof real[k] === 'number').map((k) => real[k] as number);
      expect(stamps, `timestamps of ${t.arn} out of order`).toEqual([...stamps].sort((a, b) => a - b));
      checkExecutionStop(t.arn, real);
      if (real.stopCode !== undefined) checkStopCode(m, t, real);
      if (real.lastStatus === 'STOPPED') {
        expect(real.attachments[0]?.status, `${t.arn} is STOPPED: its ENI is released`).toBe('DELETED');
        if (t.status !== 'STOPPED') {
          if (real.stopCode === 'SpotInterruption') seen.spotStopped++;
          if (real.stopCode === 'EssentialContainerExited') seen.exited++;
        }
        t.stoppedAtMs = Math.round((real.stoppedAt as number) * 1000);
        expect(m.nowMs, `${t.arn} should have expired`).toBeLessThan(t.stoppedAtMs + RETENTION_MS);
      }
      // Liveness with every duration at its maximum.
      if (m.nowMs - t.launchedAtMs >= START_BOUND_MS) expect(PENDING_STATES).not.toContain(real.lastStatus);
      if (t.stopRequestedAtMs !== undefined && m.nowMs - t.stopRequestedAtMs >= STOP_BOUND_MS) {
        expect(real.lastStatus, `${t.arn} should be STOPPED by now`).toBe('STOPPED');
      }
      t.status = real.lastStatus;
      t.desired = real.desiredStatus;
      t.observedAtMs = m.nowMs;
    }
  }
  checkRecount(m, w);
}

function checkStopCode(m: Model, t: ModelTask, real: Task): void {
  if (t.expectedStopCode !== undefined) {
    expect(real.stopCode, `stop code of ${t.arn}`).toBe(t.expectedStopCode);
    if (t.expectedStopCode === 'SpotInterruption') expect(real.stoppedReason).toBe(SPOT_REASON);
    return;
  }
  if (real.stopCode === 'TaskFailedToStart') {
    expect(real.startedAt, `${t.arn} failed to start but has startedAt`).toBeUndefined();
    if (!t.hasEni) expect(NO_ENI_REASONS).toContain(real.stoppedReason);
  } else {
    expect(real.stopCode, `${t.arn} stopped without a request`).toBe('EssentialContainerExited');
    expect(m.exitsScripted).toBe(true);
    expect(real.startedAt).toBeDefined();
  }
}

/** Counters, addresses and vCPUs against the model's recount and the World's own books. */
function checkRecount(m: Model, w: World): void {
  const known = live(m);
  const running = known.filter((t) => t.status === 'RUNNING').length;
  const pending = known.filter((t) => PENDING_STATES.includes(t.status)).length;
  const cluster = (
    must(execute(w, 'DescribeClusters', { clusters: ['default'] })).output as {
      clusters: Array<{ runningTasksCount: number; pendingTasksCount: number }>;
    }
  ).clusters[0]!;
  expect({ running: cluster.runningTasksCount, pending: cluster.pendingTasksCount }, 'cluster counters vs recount').toEqual({
    running,
    pending,
  });

  const used = ipsInUseBySubnet(m);
  for (const s of SUBNETS) {
    const n = used.get(s.subnetId) ?? 0;
    expect(n, `${s.subnetId} over-committed`).toBeLessThanOrEqual(USABLE_PER_SUBNET);
    if (n === USABLE_PER_SUBNET) seen.subnetFull++;
    expect((w.subnetIps.get(s.subnetId) as SubnetIps | undefined)?.inUse ?? 0, `${s.subnetId} addresses in use`).toBe(n);
  }
  for (const pool of ['FARGATE', 'FARGATE_SPOT'] as const) {
    const cpu = known.filter((t) => t.pool === pool && holds(t)).reduce((sum, t) => sum + t.cpuUnits, 0);
    expect(cpu, `${pool} vCPU over quota`).toBeLessThanOrEqual(QUOTA_VCPU[pool] * 1024);
    expect(w.fargateUsage.get(pool)?.cpuUnits ?? 0, `${pool} vCPU in use`).toBe(cpu);
  }

  // Addresses, from the World's tasks (PROVISIONING tasks do not show theirs on the wire yet).
  const held = new Set<string>();
  for (const t of known) {
    const d = w.tasks.get(seqOfTaskId(t.arn.slice(t.arn.lastIndexOf('/') + 1))!);
    expect(d, `${t.arn} is describable but not in the World`).toBeDefined();
    expect(hasEni(d!), `${t.arn}: ENI as the model predicted`).toBe(t.hasEni);
    if (t.hasEni && d!.lastStatus !== 'STOPPED') {
      const key = `${d!.site.subnetId}/${privateIpOf(d!)!}`;
      expect(held.has(key), `address ${key} is held by two tasks`).toBe(false);
      held.add(key);
    }
  }
  // A STOPPED task's address is free again, unless a live task has been given it since.
  for (const t of known) {
    const d = w.tasks.get(seqOfTaskId(t.arn.slice(t.arn.lastIndexOf('/') + 1))!)!;
    const ip = privateIpOf(d);
    if (d.lastStatus !== 'STOPPED' || ip === undefined) continue;
    const subnet = w.config.network.subnets.find((s) => s.subnetId === d.site.subnetId)!;
    const state = w.subnetIps.get(d.site.subnetId!) as SubnetIps | undefined;
    if (state && isIpInUse(state, subnet, ip)) {
      expect(held.has(`${d.site.subnetId}/${ip}`), `stopped ${t.arn} still holds ${ip}`).toBe(true);
    }
  }
}

class RunTaskCommand implements fc.Command<Model, Real> {
  constructor(
    readonly count: number,
    readonly spot: boolean,
    readonly family: Family,
    readonly subnets: readonly number[],
  ) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    const pool: Pool = this.spot ? 'FARGATE_SPOT' : 'FARGATE';
    const subnets = this.subnets.map((i) => SUBNETS[i]!);
    const result = execute(r.world, 'RunTask', {
      taskDefinition: this.family,
      count: this.count,
      ...(this.spot ? { capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }] } : { launchType: 'FARGATE' }),
      networkConfiguration: { awsvpcConfiguration: { subnets: subnets.map((s) => s.subnetId) } },
    });
    // Throttled as a whole when either bucket is short; then nothing is taken (reference §9.3).
    if (tokens(m, 'api') < 1 || tokens(m, pool) < this.count) {
      expect(E.isLeft(result) && result.left, 'RunTask should be throttled').toEqual({
        name: 'ThrottlingException',
        message: 'Rate exceeded.',
      });
      seen.throttled++;
      observe(m, r, []);
      return;
    }
    const out = must(result);
    take(m, 'api', 1);
    take(m, pool, this.count);

    // The predicted outcome per task, in order: quota, then capacity, then an address while one is free.
    const cpuUnits = CPU_UNITS[this.family];
    let usedCpu = live(m)
      .filter((t) => t.pool === pool && holds(t))
      .reduce((sum, t) => sum + t.cpuUnits, 0);
    const used = ipsInUseBySubnet(m);
    // Addresses only count in zones where the pool has capacity: placement never falls back into a short zone.
    let free = subnets
      .filter((s) => !m.unavailable.has(s.subnetId) && !isShort(m, pool, s.availabilityZone))
      .reduce((sum, s) => sum + USABLE_PER_SUBNET - (used.get(s.subnetId) ?? 0), 0);
    const anyCapacity = subnets.some((s) => !isShort(m, pool, s.availabilityZone));
    const failures: string[] = [];
    const withEni: boolean[] = [];
    for (let i = 0; i < this.count; i++) {
      if (usedCpu + cpuUnits > QUOTA_VCPU[pool] * 1024) failures.push(VCPU_REASON);
      else if (!anyCapacity) failures.push(CAPACITY_REASON);
      else {
        usedCpu += cpuUnits;
        withEni.push(free > 0);
        if (free > 0) free--;
      }
    }
    seen.vcpuFailure += failures.filter((f) => f === VCPU_REASON).length;
    seen.capacityFailure += failures.filter((f) => f === CAPACITY_REASON).length;
    seen.noEni += withEni.filter((e) => !e).length;
    const { tasks, failures: realFailures } = out.output as { tasks: Task[]; failures: Array<{ reason: string }> };
    expect(realFailures.map((f) => f.reason)).toEqual(failures);
    expect(tasks).toHaveLength(withEni.length);
    tasks.forEach((t, i) => {
      expect(t).toMatchObject({ lastStatus: 'PROVISIONING', desiredStatus: 'RUNNING', cpu: String(cpuUnits) });
      expect(t.capacityProviderName).toBe(this.spot ? 'FARGATE_SPOT' : undefined);
      // Rule 1 of fargatePlacement: zones where the pool is short are out, for the fallback subnet too.
      expect(isShort(m, pool, t.availabilityZone), `${t.taskArn} placed in a zone without capacity`).toBe(false);
      const subnetId = t.attachments[0]!.details.find((d) => d.name === 'subnetId')!.value;
      expect(subnets.map((s) => s.subnetId)).toContain(subnetId);
      if (withEni[i]) expect(m.unavailable.has(subnetId), `${t.taskArn} got an ENI in an unavailable subnet`).toBe(false);
      m.tasks.push({
        arn: t.taskArn,
        pool,
        cpuUnits,
        hasEni: withEni[i]!,
        subnetId,
        launchedAtMs: m.nowMs,
        status: 'PROVISIONING',
        desired: 'RUNNING',
        observedAtMs: m.nowMs,
        stoppedAtMs: undefined,
        expectedStopCode: undefined,
        stopRequestedAtMs: undefined,
        gone: false,
        lastEvent: undefined,
      });
    });
    r.world = out.world;
    observe(m, r, out.events);
  }
  toString = (): string =>
    `RunTask(${this.count} ${this.family}${this.spot ? ' spot' : ''} [${this.subnets.map((i) => SUBNETS[i]!.subnetId).join(',')}])`;
}

class StopTaskCommand implements fc.Command<Model, Real> {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>): boolean => m.tasks.some((t) => !t.gone);
  run(m: Model, r: Real): void {
    const candidates = live(m);
    const t = candidates[this.pick % candidates.length]!;
    const out = must(execute(r.world, 'StopTask', { task: t.arn, reason: 'model' }));
    expect((out.output as { task: Task }).task.desiredStatus).toBe('STOPPED');
    if (t.desired === 'RUNNING') {
      t.expectedStopCode = 'UserInitiated';
      t.stopRequestedAtMs = m.nowMs;
      expect(out.events).toHaveLength(1);
    } else {
      expect(out.events, 'stopping a stopping task changes nothing').toHaveLength(0);
    }
    r.world = out.world;
    observe(m, r, out.events);
  }
  toString = (): string => `StopTask(#${this.pick})`;
}

class AdvanceCommand implements fc.Command<Model, Real> {
  constructor(readonly ms: number) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    const { world, events } = advance(r.world, this.ms);
    r.world = world;
    m.nowMs += this.ms;
    observe(m, r, events);
  }
  toString = (): string => `advance(${this.ms})`;
}

class SpotInterruptionCommand implements fc.Command<Model, Real> {
  constructor(readonly count: number | undefined) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    const { world, events, interrupted } = interruptSpotTasks(r.world, this.count === undefined ? {} : { count: this.count });
    const candidates = live(m).filter((t) => t.pool === 'FARGATE_SPOT' && t.status === 'RUNNING' && t.desired === 'RUNNING');
    expect(new Set(interrupted).size).toBe(interrupted.length);
    for (const arn of interrupted) expect(candidates.map((t) => t.arn)).toContain(arn);
    expect(interrupted).toHaveLength(Math.min(this.count ?? Infinity, candidates.length));
    // The two-minute warning: desired STOPPED while still RUNNING, with the documented code and reason (§7.3).
    expect(events.map((e) => e.resources[0])).toEqual(interrupted);
    for (const e of events) {
      expect(e.detail).toMatchObject({
        desiredStatus: 'STOPPED',
        lastStatus: 'RUNNING',
        stopCode: 'SpotInterruption',
        stoppedReason: SPOT_REASON,
      });
    }
    for (const t of candidates) {
      if (!interrupted.includes(t.arn)) continue;
      t.expectedStopCode = 'SpotInterruption';
      t.stopRequestedAtMs = m.nowMs;
    }
    r.world = world;
    observe(m, r, events);
  }
  toString = (): string => `interruptSpotTasks(${this.count ?? 'all'})`;
}

class ShortageCommand implements fc.Command<Model, Real> {
  constructor(
    readonly pool: Pool,
    readonly zone: string,
    readonly durationMs: number,
  ) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    const res = injectCapacityShortage(r.world, { capacityProvider: this.pool, availabilityZone: this.zone, durationMs: this.durationMs });
    expect(res.error).toBeUndefined();
    m.shortages.push({ pool: this.pool, zone: this.zone, fromMs: m.nowMs, untilMs: m.nowMs + this.durationMs });
    r.world = res.world;
    observe(m, r, res.events);
  }
  toString = (): string => `shortage(${this.pool}, ${this.zone}, ${this.durationMs})`;
}

class SubnetCommand implements fc.Command<Model, Real> {
  constructor(
    readonly index: number,
    readonly available: boolean,
  ) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    const id = SUBNETS[this.index]!.subnetId;
    const res = setSubnetAvailability(r.world, id, this.available);
    expect(res.error).toBeUndefined();
    if (this.available) m.unavailable.delete(id);
    else m.unavailable.add(id);
    r.world = res.world;
    observe(m, r, res.events);
  }
  toString = (): string => `subnet(${SUBNETS[this.index]!.subnetId}, ${this.available ? 'up' : 'down'})`;
}

class BehaviorsCommand implements fc.Command<Model, Real> {
  constructor(
    readonly exitAfterMs: number | undefined,
    readonly failPull: boolean,
    readonly ignoreSigterm: boolean,
  ) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    const res = setBehaviors(r.world, [
      {
        match: { image: 'nginx:*' },
        ...(this.exitAfterMs !== undefined ? { exitAfterMs: this.exitAfterMs, exitCode: 1 } : {}),
        ...(this.failPull ? { failToStart: 'CannotPullContainerError: denied' } : {}),
        ...(this.ignoreSigterm ? { onSigterm: 'ignore' as const } : {}),
      },
    ]);
    expect(res.error).toBeUndefined();
    if (this.exitAfterMs !== undefined) m.exitsScripted = true;
    r.world = res.world;
    observe(m, r, res.events);
  }
  toString = (): string =>
    `setBehaviors(exit ${String(this.exitAfterMs)}, failPull ${this.failPull}, ignoreSigterm ${this.ignoreSigterm})`;
}

const commands = [
  fc
    .tuple(
      fc.integer({ min: 1, max: 10 }),
      fc.boolean(),
      fc.constantFrom<Family>('web', 'web', 'big'),
      fc.uniqueArray(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 3 }),
    )
    .map(([n, spot, family, subnets]) => new RunTaskCommand(n, spot, family, subnets)),
  fc.nat().map((p) => new StopTaskCommand(p)),
  fc
    .oneof(
      // Short steps let the token buckets refill partly (and throttle the next call).
      fc.integer({ min: 0, max: 3_000 }),
      fc.integer({ min: 3_000, max: 60_000 }),
      fc.integer({ min: 60_000, max: 300_000 }),
      // Around the retention period, where stopped tasks must still be describable or must be gone.
      fc.integer({ min: RETENTION_MS / 2, max: RETENTION_MS }),
      fc.integer({ min: RETENTION_MS, max: 2 * RETENTION_MS }),
    )
    .map((ms) => new AdvanceCommand(ms)),
  fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }).map((c) => new SpotInterruptionCommand(c)),
  fc
    .tuple(fc.constantFrom<Pool>('FARGATE', 'FARGATE_SPOT'), fc.constantFrom(...ZONES), fc.integer({ min: 1, max: 200_000 }))
    .map(([p, z, ms]) => new ShortageCommand(p, z, ms)),
  fc.tuple(fc.integer({ min: 0, max: 2 }), fc.boolean()).map(([i, a]) => new SubnetCommand(i, a)),
  fc
    .tuple(fc.option(fc.integer({ min: 0, max: 120_000 }), { nil: undefined }), fc.boolean(), fc.boolean())
    .map(([exit, fail, ignore]) => new BehaviorsCommand(exit, fail, ignore)),
];

function setup(seed: number): { model: Model; real: Real } {
  let world = createWorld({
    seed,
    network: { subnets: [...SUBNETS] },
    quotas: {
      onDemandVcpu: QUOTA_VCPU.FARGATE,
      spotVcpu: QUOTA_VCPU.FARGATE_SPOT,
      runTaskApi: RATES.api,
      onDemandLaunches: RATES.FARGATE,
      spotLaunches: RATES.FARGATE_SPOT,
    },
  });
  world = must(execute(world, 'CreateCluster', { clusterName: 'default', capacityProviders: ['FARGATE', 'FARGATE_SPOT'] })).world;
  world = must(execute(world, 'RegisterTaskDefinition', WEB_TD)).world;
  world = must(execute(world, 'RegisterTaskDefinition', BIG_TD)).world;
  const full = (name: BucketName): { milli: number; atMs: number } => ({ milli: RATES[name].burst * 1000, atMs: world.nowMs });
  return {
    model: {
      nowMs: world.nowMs,
      tasks: [],
      shortages: [],
      unavailable: new Set(),
      buckets: { api: full('api'), FARGATE: full('FARGATE'), FARGATE_SPOT: full('FARGATE_SPOT') },
      exitsScripted: false,
    },
    real: { world },
  };
}

describe('Fargate tasks under quotas, rate limits and faults, against a much simpler model', () => {
  test.prop([fc.integer({ min: 1, max: 10_000 }), fc.commands(commands, { maxCommands: 40, size: 'max' })])(
    'agree after every command (world seed generated too)',
    (seed, cmds) => {
      fc.modelRun(() => setup(seed), cmds);
    },
  );

  it('exercised every limit and fault in the runs above (the model test is not vacuous)', () => {
    for (const [what, n] of Object.entries(seen)) expect(n, `no generated run exercised ${what}`).toBeGreaterThan(0);
  });
});
