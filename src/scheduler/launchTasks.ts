/**
 * Launching Fargate tasks: the part of RunTask (and, later, of the service scheduler) after the request is
 * validated — the vCPU quota, placement, the new task in PROVISIONING with its first lifecycle step scheduled.
 *
 * @module
 */
import type { Subnet } from '../domain/network.js';
import { launchesOnInstances, type LaunchChoiceSpec } from '../domain/service.js';
import { splitByStrategy } from './capacityProviderSplit.js';
import { encodeTaskId, type FargatePool, idleContainers, type Task, taskSite, type TaskSpec, taskTime, withStop } from '../domain/task.js';
import type { WorldTxn } from '../domain/txn.js';
import { changeUsageMutably, quotaCpuUnits, usageOf } from './fargateAccount.js';
import { FargatePlacer } from './fargatePlacement.js';
import { putNewTasks } from './taskStore.js';

/**
 * ECS's reason when the Fargate vCPU quota is reached (reference §9.2, DG/service-event-messages.html and the
 * console: a straight apostrophe). RunTask reports it per task in `failures`.
 */
export const VCPU_LIMIT_REASON = "You've reached the limit on the number of vCPUs you can run concurrently";

/** What every task of one launch shares. */
export interface LaunchTemplate {
  /** The spec every task of the launch references. */
  readonly spec: TaskSpec;
  /** Containers in the task definition. */
  readonly containerCount: number;
  /** Validated, de-duplicated subnets of the request, in request order. */
  readonly subnets: readonly Subnet[];
}

/** Which pool a task uses, and whether it names a capacity provider (strategy) or not (launch type). */
export interface LaunchSlot {
  readonly pool: FargatePool;
  readonly capacityProviderName: FargatePool | undefined;
}

const LAUNCH_TYPE_SLOT: LaunchSlot = Object.freeze({ pool: 'FARGATE', capacityProviderName: undefined });
const FARGATE_PROVIDER_SLOT: LaunchSlot = Object.freeze({ pool: 'FARGATE', capacityProviderName: 'FARGATE' });
const SPOT_SLOT: LaunchSlot = Object.freeze({ pool: 'FARGATE_SPOT', capacityProviderName: 'FARGATE_SPOT' });

/**
 * One slot per task of a Fargate launch of `count` tasks (none for EC2): FARGATE by launch type, or the providers of a strategy split by
 * base and weight, counting `existing` tasks per provider toward the base (a service's live tasks; none for a
 * RunTask call, whose base counts per call — reference §7.2, UNVERIFIED). A lone provider takes every task, whatever
 * its weight. Shared slot records: tasks only read them.
 */
export function slotsFor(launch: LaunchChoiceSpec, count: number, existing?: ReadonlyMap<string, number>): LaunchSlot[] {
  // EC2 tasks take no Fargate pool: they are placed on container instances (`ec2/launchEc2Tasks.ts`).
  if (launchesOnInstances(launch)) return [];
  if (launch._tag === 'LaunchType') return new Array<LaunchSlot>(count).fill(LAUNCH_TYPE_SLOT);
  const strategy = launch.strategy;
  const providers =
    strategy.length === 1
      ? Array.from({ length: count }, () => strategy[0]!.capacityProvider)
      : splitByStrategy(strategy, count, existing);
  return providers.map((p) => (p === 'FARGATE_SPOT' ? SPOT_SLOT : FARGATE_PROVIDER_SLOT));
}

/** The outcome of one launch: a task in PROVISIONING, or the reason RunTask reports in `failures`. */
export type LaunchOutcome = { readonly _tag: 'Launched'; readonly task: Task } | { readonly _tag: 'Failed'; readonly reason: string };

/**
 * Launches the tasks of one request, one slot at a time in order: for each, checks the pool's vCPU quota, places
 * it (zone, subnet, address), stores it in PROVISIONING (one event) and schedules its first lifecycle step.
 * Launch-rate tokens are the caller's business (a RunTask is throttled as a whole).
 *
 * The quota usage and the placement state are read once for the whole launch, kept current as tasks launch, and
 * written back once at the end — the same outcome as launching the tasks one by one, without reading and
 * rewriting the same few table entries for every task.
 *
 * @returns one outcome per slot, in order
 */
export function launchFargateTasks(tx: WorldTxn, tmpl: LaunchTemplate, slots: readonly LaunchSlot[]): LaunchOutcome[] {
  const spec = tmpl.spec;
  const placer = new FargatePlacer(tx, { clusterName: spec.clusterName, group: spec.group, subnets: tmpl.subnets });
  const quota = new QuotaLedger(tx);
  const ids = tx.rng('ids');
  const lifecycle = tx.rng('lifecycle');
  const containers = idleContainers(tmpl.containerCount);
  const outcomes: LaunchOutcome[] = [];
  const launched: Task[] = [];
  for (const slot of slots) {
    if (!quota.fits(slot.pool, spec.cpuUnits)) {
      outcomes.push({ _tag: 'Failed', reason: VCPU_LIMIT_REASON });
      continue;
    }
    const placement = placer.place(slot.pool);
    if (placement._tag === 'NoCapacity') {
      outcomes.push({ _tag: 'Failed', reason: placement.reason });
      continue;
    }

    const now = tx.nowMs;
    const seq = tx.nextSeq();
    const timer = tx.scheduleTaskStep(now + lifecycle.durationMs(tx.config.timings.provisioning), seq);
    const task: Task = {
      seq,
      taskId: encodeTaskId(seq, ids.uint32(), ids.uint32(), ids.uint32()),
      spec,
      site: taskSite(slot.capacityProviderName, placement.subnet.availabilityZone, placement.subnet.subnetId, undefined),
      ipv4: placement.ipv4,
      lastStatus: 'PROVISIONING',
      desiredStatus: 'RUNNING',
      version: 1,
      createdAt: taskTime(spec, now),
      updatedAt: taskTime(spec, now),
      connectivityAt: undefined,
      pullStartedAt: undefined,
      pullStoppedAt: undefined,
      startedAt: undefined,
      stop: placement.launchFailure === undefined ? undefined : withStop(undefined, { launchFailure: placement.launchFailure }),
      containers,
      timer,
    };
    quota.hold(slot.pool, spec.cpuUnits);
    launched.push(task);
    outcomes.push({ _tag: 'Launched', task });
  }
  putNewTasks(tx, launched);
  placer.finish();
  quota.finish();
  return outcomes;
}

/** The vCPUs a launch adds to each pool's usage, checked against the quota and stored once at the end. */
class QuotaLedger {
  private readonly added = new Map<FargatePool, { cpuUnits: number; tasks: number }>();
  private readonly held = new Map<FargatePool, number>();

  constructor(private readonly tx: WorldTxn) {}

  /** Whether one more task of `cpuUnits` fits in the pool's quota, counting what this launch holds already. */
  fits(pool: FargatePool, cpuUnits: number): boolean {
    let before = this.held.get(pool);
    if (before === undefined) {
      before = usageOf(this.tx, pool).cpuUnits;
      this.held.set(pool, before);
    }
    return before + (this.added.get(pool)?.cpuUnits ?? 0) + cpuUnits <= quotaCpuUnits(this.tx.config, pool);
  }

  /** Counts a launched task. */
  hold(pool: FargatePool, cpuUnits: number): void {
    const a = this.added.get(pool);
    if (a) {
      a.cpuUnits += cpuUnits;
      a.tasks += 1;
    } else {
      this.added.set(pool, { cpuUnits, tasks: 1 });
    }
  }

  /** Adds what the launch holds to each pool's usage. */
  finish(): void {
    for (const [pool, a] of this.added) changeUsageMutably(this.tx, pool, a.cpuUnits, a.tasks);
  }
}
