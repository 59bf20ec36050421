/**
 * What the simulator knows of tasks, kept from the "ECS Task State Change" events `advance` and `execute` emit —
 * never by scanning the World: per service, the tasks RUNNING and pending (as DescribeServices counts them: desired
 * RUNNING only), the RUNNING Fargate Spot tasks, and each task's billing window for the cost meter.
 *
 * It reads the task snapshot each event carries (`TaskStateChangeEvent.task`) rather than the event's `detail`:
 * building and parsing a detail per event cost more than the rest of the bookkeeping together (profiled).
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import type { EcsEvent } from '../../domain/events.js';
import { poolOf, type Task, taskMs, taskMsOpt } from '../../domain/task.js';
import { TaskStateChangeEvent } from '../../scheduler/taskEvents.js';
import { ZERO_COST, accruedTaskCost, billingFromTask, ratePerSecondUsd, subtractCosts, type BillingInput, type CostBreakdown } from '../cost.js';
import type { Prices } from '../../fargate/pricing.js';
import type { CostMeter } from './costMeter.js';
import { IndexedSet } from './indexedSet.js';

type Phase = 'pending' | 'running' | 'stopping';

interface TrackedTask {
  /** Index of its service in the run's service list, or -1 (a standalone task). */
  readonly service: number;
  phase: Phase;
  spot: boolean;
  billing: BillingInput | undefined;
  /** When its image pull started: Fargate bills from there (reference §10). */
  billStartMs: number | undefined;
  /** From when the meter accrues its rate: the pull's start, or the run's start for a task pulled in the warm-up. */
  meterStartMs: number;
  ratePerMs: number;
}

/** What the tracker counted since it was last asked (see {@link TaskTracker.takeCounts}). */
export interface TaskCounts {
  launchFailures: number;
  /** Per service index: tasks lost while desired RUNNING (crash, interruption, outage, failed health checks). */
  lost: number[];
}

/** Stop codes of a task the scheduler has to replace (not a scale-in or a deployment's own stop). */
const LOSSES = new Set(['EssentialContainerExited', 'SpotInterruption', 'InfrastructureHealth', 'TaskFailedToStart', 'TerminationNotice']);

/** Per-task bookkeeping of one simulation run. */
export class TaskTracker {
  private readonly tasks = new Map<string, TrackedTask>();
  /** Per service: its RUNNING (desired RUNNING) task ids. */
  readonly running: IndexedSet<string>[];
  readonly pending: number[];
  /** Every RUNNING (desired RUNNING) Fargate Spot task id, service or not. */
  readonly spotRunning = new IndexedSet<string>();
  /** Exact cost of tasks whose billing ended, USD, with its parts. */
  readonly billed = { usd: 0, onDemandUsd: 0, spotUsd: 0, vcpuSeconds: 0, gbSeconds: 0, extraStorageGbSeconds: 0, tasks: 0 };
  /** Exact cost per service of tasks whose billing ended, USD. */
  readonly billedByService: number[];
  private counts: TaskCounts;
  /** Billing problems (an event detail the cost model could not read), at most a few, for the run's notes. */
  readonly problems: string[] = [];

  /**
   * @param serviceIndex index of each service of the run by its World key (`serviceKey(cluster, name)`)
   */
  constructor(
    private readonly serviceIndex: ReadonlyMap<string, number>,
    private readonly prices: Prices,
    private readonly meter: CostMeter,
    /** Billing before this instant (the warm-up before the measured run) is not counted. */
    private readonly billFromMs: number,
  ) {
    const n = serviceIndex.size;
    this.running = Array.from({ length: n }, () => new IndexedSet<string>());
    this.pending = new Array<number>(n).fill(0);
    this.billedByService = new Array<number>(n).fill(0);
    this.counts = { launchFailures: 0, lost: new Array<number>(n).fill(0) };
  }

  /** The counts since the last call, and a fresh start. */
  takeCounts(): TaskCounts {
    const c = this.counts;
    this.counts = { launchFailures: 0, lost: new Array<number>(this.running.length).fill(0) };
    return c;
  }

  /** Takes in a batch of events (other kinds are ignored). */
  observe(events: readonly EcsEvent[]): void {
    for (const e of events) if (e instanceof TaskStateChangeEvent) this.onTask(e.task);
  }

  private onTask(d: Task): void {
    const arn = d.taskId;
    let t = this.tasks.get(arn);
    if (t === undefined) {
      const key = d.spec.serviceKey;
      t = { service: key === undefined ? -1 : (this.serviceIndex.get(key) ?? -1), phase: 'pending', spot: poolOf(d) === 'FARGATE_SPOT', billing: undefined, billStartMs: undefined, meterStartMs: 0, ratePerMs: 0 };
      this.tasks.set(arn, t);
      if (t.service >= 0) this.pending[t.service]!++;
    }
    // A PENDING task shows the pull it has planned, in the future; a stop before that instant cancels the pull, and
    // Fargate bills nothing for a task that never pulled. Billing starts once a version shows the pull has begun.
    // Tasks on EC2 container instances are not billed per task (the instances are, by the hour: not modelled).
    const pullStartedMs = taskMsOpt(d, d.pullStartedAt);
    if (t.billStartMs === undefined && d.site.ec2 === undefined && pullStartedMs !== undefined && pullStartedMs <= taskMs(d, d.updatedAt)) this.startBilling(t, d, pullStartedMs);
    const next: Phase = d.desiredStatus !== 'RUNNING' ? 'stopping' : d.lastStatus === 'RUNNING' ? 'running' : 'pending';
    if (next !== t.phase) this.move(arn, t, next, d);
    if (d.lastStatus === 'STOPPED') {
      if (d.stop?.stopCode === 'TaskFailedToStart') this.counts.launchFailures++;
      this.endBilling(t, taskMsOpt(d, d.stop?.stoppedAt) ?? taskMs(d, d.updatedAt));
      this.tasks.delete(arn);
    }
  }

  private move(arn: string, t: TrackedTask, next: Phase, d: Task): void {
    const s = t.service;
    if (s >= 0) {
      if (t.phase === 'pending') this.pending[s]!--;
      if (t.phase === 'running') this.running[s]!.delete(arn);
      if (next === 'pending') this.pending[s]!++;
      if (next === 'running') this.running[s]!.add(arn);
      if (next === 'stopping' && typeof d.stop?.stopCode === 'string' && isLoss(d.stop?.stopCode, d.stop?.stoppedReason)) this.counts.lost[s]!++;
    }
    if (t.spot && t.phase === 'running') this.spotRunning.delete(arn);
    if (t.spot && next === 'running') this.spotRunning.add(arn);
    t.phase = next;
  }

  private startBilling(t: TrackedTask, d: Task, atMs: number): void {
    const b = billingFromTask(d);
    const rate = ratePerSecondUsd(b, this.prices);
    if (E.isLeft(rate)) {
      if (this.problems.length < 5) this.problems.push(`a task's cost could not be computed: ${rate.left}`);
      return;
    }
    t.billing = b;
    t.billStartMs = atMs;
    t.ratePerMs = rate.right / 1000;
    t.meterStartMs = this.meter.change(t.service, Math.max(atMs, this.billFromMs), t.ratePerMs);
  }

  /**
   * Ends a task's billing at `atMs` (its stop, or the run's end). Only what falls in the measured run counts: a task
   * pulled in the warm-up is charged what it accrued after the run's start (its one-minute minimum was owed in the
   * warm-up already), one that stopped in the warm-up nothing.
   */
  private endBilling(t: TrackedTask, atMs: number): void {
    if (t.billing === undefined || t.billStartMs === undefined) return;
    const stop = Math.max(atMs, t.billStartMs);
    const from = this.billFromMs;
    let cost: CostBreakdown = ZERO_COST;
    if (stop > from) {
      const total = accruedTaskCost(t.billing, t.billStartMs, stop, stop, this.prices);
      const before = accruedTaskCost(t.billing, t.billStartMs, stop, from, this.prices);
      // The rate was readable when billing started, so the cost is too; a Left cannot happen here.
      if (E.isRight(total) && E.isRight(before)) cost = subtractCosts(total.right, before.right);
    }
    const meterStop = this.meter.change(t.service, Math.max(stop, t.meterStartMs), -t.ratePerMs);
    // The meter accrued the rate over its part of the window; the one-minute minimum and the rounding up to the second
    // are the difference, charged when the task stops.
    this.meter.lump(t.service, stop, cost.usd - t.ratePerMs * (meterStop - t.meterStartMs));
    if (cost.usd !== 0 || stop > from) this.book(t.billing, cost);
    if (t.service >= 0) this.billedByService[t.service]! += cost.usd;
    t.billing = undefined;
  }

  private book(b: BillingInput, cost: { usd: number; vcpuHours: number; gbHours: number; extraStorageGbHours: number }): void {
    this.billed.usd += cost.usd;
    if (b.spot) this.billed.spotUsd += cost.usd;
    else this.billed.onDemandUsd += cost.usd;
    this.billed.vcpuSeconds += cost.vcpuHours * 3600;
    this.billed.gbSeconds += cost.gbHours * 3600;
    this.billed.extraStorageGbSeconds += cost.extraStorageGbHours * 3600;
    this.billed.tasks++;
  }

  /** The index of the service task `taskId` belongs to (−1: none, or not tracked). */
  serviceOf(taskId: string): number {
    return this.tasks.get(taskId)?.service ?? -1;
  }

  /** Ends the billing of every task still billed at `endMs` (the end of the run), in the order they were seen. */
  closeAll(endMs: number): void {
    for (const t of this.tasks.values()) this.endBilling(t, endMs);
  }
}

function isLoss(stopCode: string, reason: unknown): boolean {
  if (LOSSES.has(stopCode)) return true;
  return stopCode === 'ServiceSchedulerInitiated' && typeof reason === 'string' && reason.includes('health checks');
}
