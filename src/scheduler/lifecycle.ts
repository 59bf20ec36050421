/**
 * The Fargate task lifecycle on the virtual clock (reference §3):
 *
 * ```
 * PROVISIONING → PENDING → ACTIVATING → RUNNING → DEACTIVATING → STOPPING → DEPROVISIONING → STOPPED → (expired)
 * ```
 *
 * Each task has at most one pending `TaskLifecycle` timer (its key is on the task). When it fires, {@link stepTask}
 * looks at the task's state and takes the next step; the step draws its duration from the seeded `lifecycle`
 * stream and schedules the following one.
 *
 * **Versions and events follow the real captures (reference §3.8), not every state.** A plain Fargate task (no
 * load balancer) is versioned — and announced by one "ECS Task State Change" event — at PROVISIONING (1), PENDING
 * (2) and RUNNING (3). ACTIVATING, DEACTIVATING and STOPPING are real states on the clock (DescribeTasks shows
 * them) but not versions of their own — a plain task's ACTIVATING is not even a step: it is derived from the end
 * of the pull (`lastStatusAt`), which saves a timer and a task write per launch. A task behind a load balancer
 * also gets versions at ACTIVATING and DEACTIVATING (`src/scheduler/loadBalancerSteps.ts`). A stop request while
 * RUNNING (StopTask, a Spot interruption) is the next version (`desiredStatus: STOPPED`, `lastStatus: RUNNING`),
 * then DEPROVISIONING and STOPPED: a user stop ends at version 6. An essential container's exit is not a version by
 * itself: about ten seconds after it (`exitNotice`) ECS stops the task, which goes to DEPROVISIONING (version 4)
 * and STOPPED (5).
 *
 * A launch failure (no free address, no capacity, an image that cannot be pulled, a container that cannot start)
 * skips RUNNING: the task goes to DEPROVISIONING when it holds an ENI, else straight to STOPPED, with
 * `stopCode: TaskFailedToStart` (reference §3.2 SIM RULE).
 *
 * Timestamps are set as ECS sets them: `createdAt` at launch, `connectivityAt` and `pullStartedAt`/`pullStoppedAt`
 * in PENDING, `startedAt` at RUNNING, `stoppingAt` at the stop request, `executionStoppedAt` when the containers
 * have stopped, `stoppedAt` at STOPPED. After an essential container's exit `executionStoppedAt` (the exit) comes
 * before `stoppingAt` (ECS noticing it), as in capture A; after a stop request it comes after.
 *
 * @module
 */
import { type ContainerRuntime, copyTask, hasEni, lastStatusAt, type MutableTask, poolOf, type Task, taskMs, type TaskStopCode, taskTime, withStop } from '../domain/task.js';
import type { TaskDefinition } from '../domain/taskDefinition.js';
import type { ScheduledTimer } from '../domain/timers.js';
import { TxnLocal, type WorldTxn } from '../domain/txn.js';
import { drawMs, isPullFailure, pullDurationMs, ruleFor } from './behaviors.js';
import { changeUsageMutably, releaseIpMutably, subnetsById } from './fargateAccount.js';
import {
  CAPACITY_UNAVAILABLE_REASON,
  ENI_TIMEOUT_REASON,
  isCapacityShort,
  isSubnetAvailable,
} from './fargatePlacement.js';
import { healthTimes } from './healthCheck.js';
import { activatingMs, deactivatingMs, isLoadBalanced } from './loadBalancerSteps.js';
import { deleteTask, putTask } from './taskStore.js';

/** `stoppedReason` when an essential container exits (reference §3.4). */
export const ESSENTIAL_EXITED_REASON = 'Essential container in task exited';
/** Default `stoppedReason` of StopTask without a reason (knowledge-center wording; reference §3.5). */
export const USER_STOP_REASON = 'Task stopped by user';
/**
 * `stoppedReason` of a Fargate Spot interruption, whose `stopCode` is `SpotInterruption` (the current Developer
 * Guide, "Fargate Spot termination notices"; reference §3.5).
 */
export const SPOT_INTERRUPTION_REASON = 'Your Spot Task was interrupted.';
/** Exit code of a container killed with SIGKILL after ignoring SIGTERM (128 + 9). */
export const SIGKILL_EXIT_CODE = 137;

/**
 * The revisions this transaction's steps read, by key. A step reads its task's definition for the containers
 * (which a revision never changes), and a burst of steps reads the same few revisions again and again: a `Map`
 * lookup instead of a string-keyed tree search each time.
 */
const stepDefinitions = new TxnLocal(() => new Map<string, TaskDefinition | undefined>());

function definitionOf(tx: WorldTxn, t: Task): TaskDefinition | undefined {
  const key = t.spec.taskDefinitionKey;
  const seen = tx.local(stepDefinitions);
  let td = seen.get(key);
  if (td === undefined) {
    td = tx.table('taskDefinitions').get(key);
    seen.set(key, td);
  }
  return td;
}

/** Schedules the task's next lifecycle step at `atMs` and returns the timer to store on the task. */
function timerAt(tx: WorldTxn, t: Task, atMs: number): ScheduledTimer {
  return tx.scheduleTaskStep(atMs, t.seq);
}

/**
 * A copy of `t` as one visible change (new version, `updatedAt` now), for the caller to fill in. Copying the one
 * shape all tasks share ({@link copyTask}) and then assigning named fields keeps property access monomorphic —
 * spreading a patch of varying shape into it measured ten times slower.
 */
function bump(tx: WorldTxn, t: Task): MutableTask {
  const n = copyTask(t);
  n.version = t.version + 1;
  n.updatedAt = taskTime(t.spec, tx.nowMs);
  return n;
}

/**
 * Fires the lifecycle timer of task `seq`: takes its next step. A task that no longer exists is ignored.
 */
export function stepTask(tx: WorldTxn, seq: number): void {
  const t = tx.table('tasks').get(seq);
  if (!t) return;
  if (t.lastStatus === 'STOPPED') {
    deleteTask(tx, t);
    return;
  }
  const next = t.desiredStatus === 'STOPPED' ? stepStopping(tx, t) : stepStarting(tx, t);
  putTask(tx, t, next);
}

function stepStarting(tx: WorldTxn, t: Task): Task {
  const now = tx.nowMs;
  switch (t.lastStatus) {
    case 'PROVISIONING': {
      const faults = tx.base.faults;
      const pool = poolOf(t);
      const failure =
        t.stop?.launchFailure ??
        (t.site.subnetId !== undefined && !isSubnetAvailable(faults, t.site.subnetId) ? ENI_TIMEOUT_REASON : undefined) ??
        (pool !== undefined && isCapacityShort(faults, pool, t.site.availabilityZone, now) ? CAPACITY_UNAVAILABLE_REASON : undefined);
      if (failure !== undefined) return failLaunch(tx, t, failure);
      return planPull(tx, t);
    }
    case 'PENDING':
      // An EC2 task is created PENDING; its instance's agent reporting it is the next version, which plans the
      // pulls (`ec2/launchEc2Tasks.ts`). A Fargate task is PENDING only from then on.
      if (t.connectivityAt === undefined) return planPull(tx, t);
      if (t.stop?.launchFailure !== undefined) return failLaunch(tx, withPlannedReasons(t), t.stop?.launchFailure);
      // Behind a load balancer ACTIVATING is a version of its own; a plain task's ACTIVATING (from the end of the
      // pull, see lastStatusAt) was planned with the pull, and this step starts its containers.
      if (isLoadBalanced(t)) return withStatus(tx, t, 'ACTIVATING', now + activatingMs(tx, t));
      return startContainers(tx, t);
    case 'ACTIVATING':
      return startContainers(tx, t);
    case 'RUNNING':
      // An essential container has exited (execution stopped): ECS now stops the task.
      if (t.stop?.executionStoppedAt !== undefined) return stopAfterExit(tx, t);
      return exitDueContainers(tx, t);
    default:
      // DEACTIVATING … DEPROVISIONING always have desiredStatus STOPPED; nothing to do otherwise.
      return withTimer(t, undefined);
  }
}

/**
 * PROVISIONING → PENDING: the ENI is attached; the image pulls are planned (in parallel, per container). For an
 * EC2 task (created PENDING) the same step is its agent's first report.
 */
function planPull(tx: WorldTxn, t: Task): Task {
  const now = tx.nowMs;
  const timings = tx.config.timings;
  const rng = tx.rng('lifecycle');
  const td = definitionOf(tx, t);
  const rules = tx.base.behaviors;
  const pullStart = now + rng.durationMs(timings.pullStartDelay);
  let pullEnd = pullStart;
  let failAt: number | undefined;
  let failReason: string | undefined;
  let failIndex = -1;
  const specs = td?.containers ?? [];
  for (let i = 0; i < specs.length; i++) {
    const spec = specs[i]!;
    const rule = ruleFor(rules, t.spec.family, spec);
    const end = pullStart + pullDurationMs(rng, timings, spec.image, rule);
    if (rule?.failToStart !== undefined && isPullFailure(rule.failToStart)) {
      if (failAt === undefined || end < failAt) {
        failAt = end;
        failReason = rule.failToStart;
        failIndex = i;
      }
    } else if (end > pullEnd) {
      pullEnd = end;
    }
  }
  let containers = t.containers;
  if (failIndex >= 0) {
    // Only planned: a stop request may still come first, and then the pull never failed (see withPlannedReasons).
    containers = withContainer(containers, failIndex, { ...containers[failIndex]!, plannedReason: failReason });
  }
  const n = bump(tx, t);
  n.lastStatus = 'PENDING';
  n.connectivityAt = taskTime(t.spec, now);
  n.pullStartedAt = taskTime(t.spec, pullStart);
  n.pullStoppedAt = failAt === undefined ? taskTime(t.spec, pullEnd) : undefined;
  if (failReason !== undefined || t.stop?.launchFailure !== undefined) n.stop = withStop(t.stop, { launchFailure: failReason });
  n.containers = containers;
  // A plain task's ACTIVATING is not a version (reference §3.8), so it needs no step of its own either: it shows
  // from the end of the pull (lastStatusAt) and the next step starts the containers. That saves a timer and a task
  // write per launch. Behind a load balancer the pull's end is a step: ACTIVATING is a version there.
  const startAt = failAt ?? (isLoadBalanced(t) ? pullEnd : pullEnd + activatingMs(tx, t));
  n.timer = timerAt(tx, t, startAt);
  return n;
}

/** ACTIVATING → RUNNING (or a start failure): containers start; scripted exits and health checks are planned. */
function startContainers(tx: WorldTxn, t: Task): Task {
  const now = tx.nowMs;
  const td = definitionOf(tx, t);
  const rules = tx.base.behaviors;
  const specs = td?.containers ?? [];
  let containers = t.containers;
  let nextExit: number | undefined;
  for (let i = 0; i < specs.length; i++) {
    const spec = specs[i]!;
    const rule = ruleFor(rules, t.spec.family, spec);
    if (rule?.failToStart !== undefined && !isPullFailure(rule.failToStart)) {
      const failed = withContainer(t.containers, i, { ...t.containers[i]!, reason: rule.failToStart });
      const n = copyTask(t);
      n.containers = failed;
      return failLaunch(tx, n, rule.failToStart);
    }
    const exitAtMs = rule?.exitAfterMs !== undefined ? now + drawMs(tx.rng('lifecycle'), rule.exitAfterMs) : undefined;
    const health = spec.healthCheck ? healthTimes(now, spec.healthCheck, rule?.unhealthyAfterMs) : undefined;
    if (exitAtMs === undefined && health === undefined) continue;
    const rt: ContainerRuntime = {
      ...containers[i]!,
      exitAtMs,
      plannedExitCode: exitAtMs === undefined ? undefined : (rule?.exitCode ?? 0),
      healthyAtMs: health?.healthyAtMs,
      unhealthyAtMs: health?.unhealthyAtMs,
    };
    containers = withContainer(containers, i, rt);
    if (exitAtMs !== undefined && (nextExit === undefined || exitAtMs < nextExit)) nextExit = exitAtMs;
  }
  const n = bump(tx, t);
  n.lastStatus = 'RUNNING';
  n.startedAt = taskTime(t.spec, now);
  n.containers = containers;
  n.timer = nextExit === undefined ? undefined : timerAt(tx, t, nextExit);
  return n;
}

/**
 * RUNNING: scripted container exits that are due. A non-essential one is reported (a version: a container changed
 * state). An essential one ends the task's execution: the agent sends SIGTERM to the other containers at once,
 * and `executionStoppedAt` is when the last of them has stopped — but the task itself stays RUNNING, with no new
 * version, until ECS notices ({@link stopAfterExit}, `exitNotice` later): capture A shows `stoppingAt` 10 s after
 * `executionStoppedAt` and five versions in all.
 */
function exitDueContainers(tx: WorldTxn, t: Task): Task {
  const now = tx.nowMs;
  const specs = definitionOf(tx, t)?.containers ?? [];
  let containers = t.containers;
  let essentialExited = false;
  let nextExit: number | undefined;
  for (let i = 0; i < containers.length; i++) {
    const rt = containers[i]!;
    if (rt.exitAtMs === undefined || rt.stoppedAtMs !== undefined) continue;
    if (rt.exitAtMs <= now) {
      containers = withContainer(containers, i, {
        ...rt,
        exitAtMs: undefined,
        stoppedAtMs: rt.exitAtMs,
        exitCode: rt.plannedExitCode,
      });
      if (specs[i]?.essential !== false) essentialExited = true;
    } else if (nextExit === undefined || rt.exitAtMs < nextExit) {
      nextExit = rt.exitAtMs;
    }
  }
  if (essentialExited) {
    const signalled = sigtermRunning(tx, t, containers);
    // Not a visible change of its own (no version): one timer, for ECS's stop of the task.
    const n = copyTask(t);
    n.containers = signalled.containers;
    n.stop = withStop(t.stop, { executionStoppedAt: taskTime(t.spec, signalled.lastStopMs) });
    n.timer = timerAt(tx, t, signalled.lastStopMs + tx.rng('lifecycle').durationMs(tx.config.timings.exitNotice));
    return n;
  }
  const timer = nextExit === undefined ? undefined : timerAt(tx, t, nextExit);
  if (containers === t.containers) return withTimer(t, timer);
  const n = bump(tx, t);
  n.containers = containers;
  n.timer = timer;
  return n;
}

/**
 * ECS stops a task whose essential container exited: desired STOPPED with `EssentialContainerExited`, `stoppingAt`
 * now (after `executionStoppedAt`); the containers have stopped already, so the task goes on to DEPROVISIONING
 * in the same version — or to DEACTIVATING first when a load balancer must deregister it.
 */
function stopAfterExit(tx: WorldTxn, t: Task): Task {
  const now = tx.nowMs;
  // One copy, the new version: the hot path of every task that ends by itself (a copy for the stop fields and
  // another for the version measured as one task allocation too many per lifecycle).
  const n = bump(tx, t);
  n.desiredStatus = 'STOPPED';
  n.stop = withStop(t.stop, { stopCode: 'EssentialContainerExited', stoppedReason: ESSENTIAL_EXITED_REASON, stoppingAt: taskTime(t.spec, now) });
  if (isLoadBalanced(t)) {
    n.lastStatus = 'DEACTIVATING';
    n.timer = timerAt(tx, t, now + deactivatingMs(tx, n));
    return n;
  }
  if (hasEni(t)) setDeprovisioning(tx, n, now);
  else setStopped(tx, n, now);
  return n;
}
/** A launch failure: `TaskFailedToStart`, then DEPROVISIONING (ENI held) or STOPPED. */
function failLaunch(tx: WorldTxn, t: Task, reason: string): Task {
  const now = tx.nowMs;
  const stopped = copyTask(t);
  stopped.desiredStatus = 'STOPPED';
  stopped.stop = withStop(stopped.stop, { stopCode: 'TaskFailedToStart', stoppedReason: reason, stoppingAt: taskTime(t.spec, now), launchFailure: undefined });
  if (!hasEni(t)) return finishStop(tx, stopped);
  return deprovision(tx, stopped);
}

function stepStopping(tx: WorldTxn, t: Task): Task {
  const now = tx.nowMs;
  switch (t.lastStatus) {
    case 'PROVISIONING':
    case 'PENDING':
    case 'ACTIVATING':
      // Stopped before the containers started: release the ENI, if any.
      return hasEni(t) ? deprovision(tx, t) : finishStop(tx, t);
    case 'RUNNING':
      return withStatus(tx, t, 'DEACTIVATING', now + deactivatingMs(tx, t), isLoadBalanced(t));
    case 'DEACTIVATING':
      return signalContainers(tx, t);
    case 'STOPPING':
      // Without a task ENI (EC2 bridge, host, none) there is nothing to deprovision.
      return hasEni(t) ? deprovision(tx, t) : finishStop(tx, t);
    case 'DEPROVISIONING':
      return finishStop(tx, t);
    default:
      return withTimer(t, undefined);
  }
}

/**
 * SIGTERM to every container of `containers` still running: each exits after the graceful-stop duration (or its
 * own earlier scripted exit); one scripted to ignore SIGTERM is killed after its `stopTimeout` (exit code 137).
 * Containers already stopped, or already told to stop, keep their stop.
 *
 * @returns the containers with their stops planned, and when the last of them stops (never before now)
 */
function sigtermRunning(
  tx: WorldTxn,
  t: Task,
  containers: readonly ContainerRuntime[],
): { containers: readonly ContainerRuntime[]; lastStopMs: number } {
  const now = tx.nowMs;
  const rng = tx.rng('lifecycle');
  const specs = definitionOf(tx, t)?.containers ?? [];
  const rules = tx.base.behaviors;
  let out = containers;
  let lastStop = now;
  for (let i = 0; i < out.length; i++) {
    const rt = out[i]!;
    if (rt.stoppedAtMs !== undefined) {
      if (rt.stoppedAtMs > lastStop) lastStop = rt.stoppedAtMs;
      continue;
    }
    const spec = specs[i];
    const rule = spec ? ruleFor(rules, t.spec.family, spec) : undefined;
    let stopAt: number;
    let exitCode: number;
    if (rule?.onSigterm === 'ignore') {
      stopAt = now + (spec?.stopTimeoutSeconds ?? 30) * 1000;
      exitCode = SIGKILL_EXIT_CODE;
    } else {
      stopAt = now + rng.durationMs(tx.config.timings.gracefulStop);
      exitCode = rule?.sigtermExitCode ?? 0;
    }
    if (rt.exitAtMs !== undefined && rt.exitAtMs < stopAt) {
      stopAt = Math.max(now, rt.exitAtMs);
      exitCode = rt.plannedExitCode ?? 0;
    }
    out = withContainer(out, i, { ...rt, exitAtMs: undefined, stoppedAtMs: stopAt, exitCode });
    if (stopAt > lastStop) lastStop = stopAt;
  }
  return { containers: out, lastStopMs: lastStop };
}

/**
 * DEACTIVATING → STOPPING: SIGTERM to the running containers ({@link sigtermRunning}). STOPPING is a state on the
 * clock, not a version of its own (reference §3.8): the next version is DEPROVISIONING, once they have stopped.
 */
function signalContainers(tx: WorldTxn, t: Task): Task {
  const { containers, lastStopMs } = sigtermRunning(tx, t, t.containers);
  const n = copyTask(t);
  n.lastStatus = 'STOPPING';
  n.containers = containers;
  n.timer = timerAt(tx, t, lastStopMs);
  return n;
}

/**
 * → STOPPED: the ENI's address and the vCPUs go back (Fargate; an EC2 task's resources go back to its instance
 * when the task store sees it STOPPED, `ec2/instanceLedger.ts`); the task stays describable for the retention
 * period.
 */
function finishStop(tx: WorldTxn, t: Task): Task {
  const n = bump(tx, t);
  setStopped(tx, n, tx.nowMs);
  return n;
}

/** Makes the new version `n` STOPPED in place (see {@link finishStop}). */
function setStopped(tx: WorldTxn, n: MutableTask, now: number): void {
  if (n.ipv4 !== undefined && n.site.subnetId !== undefined) {
    const subnet = subnetsById(tx.config).get(n.site.subnetId);
    if (subnet) releaseIpMutably(tx, subnet, n.ipv4);
  }
  const pool = poolOf(n);
  if (pool !== undefined) changeUsageMutably(tx, pool, -n.spec.cpuUnits, -1);
  n.lastStatus = 'STOPPED';
  n.stop = withStop(n.stop, { executionStoppedAt: n.stop?.executionStoppedAt ?? taskTime(n.spec, now), stoppedAt: taskTime(n.spec, now) });
  dropUnreachedPull(n, now);
  n.timer = timerAt(tx, n, now + tx.config.retention.stoppedTaskMs);
}

/** → DEPROVISIONING: the containers have stopped (or never started); the ENI is being detached and deleted. */
function deprovision(tx: WorldTxn, t: Task): Task {
  const n = bump(tx, t);
  setDeprovisioning(tx, n, tx.nowMs);
  return n;
}

/** Makes the new version `n` DEPROVISIONING in place (see {@link deprovision}). */
function setDeprovisioning(tx: WorldTxn, n: MutableTask, now: number): void {
  n.lastStatus = 'DEPROVISIONING';
  // Kept when an essential container's exit ended the execution earlier (capture A).
  if (n.stop?.executionStoppedAt === undefined) n.stop = withStop(n.stop, { executionStoppedAt: taskTime(n.spec, now) });
  dropUnreachedPull(n, now);
  n.timer = timerAt(tx, n, now + tx.rng('lifecycle').durationMs(tx.config.timings.deprovisioning));
}

/**
 * A stop request ends the image pull: a pull not yet started never starts, and one under way stops now — so the
 * pull timestamps never come after `stoppingAt`.
 */
function interruptPull(n: MutableTask, now: number): void {
  if (n.pullStartedAt !== undefined && taskMs(n, n.pullStartedAt) > now) {
    n.pullStartedAt = undefined;
    n.pullStoppedAt = undefined;
  } else if (n.pullStartedAt !== undefined && n.pullStoppedAt !== undefined && taskMs(n, n.pullStoppedAt) > now) {
    n.pullStoppedAt = taskTime(n.spec, now);
  }
}

/** A pull planned for later never happens once the task stops: forget its timestamps. */
function dropUnreachedPull(n: MutableTask, now: number): void {
  if (n.pullStartedAt !== undefined && taskMs(n, n.pullStartedAt) > now) n.pullStartedAt = undefined;
  if (n.pullStoppedAt !== undefined && taskMs(n, n.pullStoppedAt) > now) n.pullStoppedAt = undefined;
}

/**
 * `t` in `status`, with its next step at `atMs`: a new version (and event) when `visible`, else a state on the
 * clock only (ACTIVATING and DEACTIVATING of a task without a load balancer, reference §3.8).
 */
function withStatus(tx: WorldTxn, t: Task, status: Task['lastStatus'], atMs: number, visible = true): Task {
  const n = visible ? bump(tx, t) : copyTask(t);
  n.lastStatus = status;
  n.timer = timerAt(tx, t, atMs);
  return n;
}

/** `t` with its stop requested: desired STOPPED now, the stop code and reason, the walk to STOPPED scheduled. */
function stopRequested(tx: WorldTxn, t: Task, stopCode: TaskStopCode, reason: string): Task {
  const now = tx.nowMs;
  if (t.timer !== undefined) tx.cancel(t.timer);
  const n = bump(tx, t);
  // A plain task past its pull is ACTIVATING without having stored it (lastStatusAt): the stop keeps that status.
  n.lastStatus = lastStatusAt(t, now);
  n.desiredStatus = 'STOPPED';
  n.stop = withStop(t.stop, { stopCode, stoppedReason: reason, stoppingAt: taskTime(t.spec, now), launchFailure: undefined });
  interruptPull(n, now);
  if (n.lastStatus === 'RUNNING' && isLoadBalanced(t)) {
    // Behind a load balancer the stop deregisters the targets at once: StopTask already answers DEACTIVATING
    // (service captures §2.4: G8, G3), and the task drains for the deregistration delay.
    n.lastStatus = 'DEACTIVATING';
    n.timer = timerAt(tx, t, now + deactivatingMs(tx, t));
    return n;
  }
  n.timer = timerAt(tx, t, now + tx.rng('lifecycle').durationMs(tx.config.timings.stopNotice));
  return n;
}

/**
 * Requests that a task stop (StopTask, a Spot interruption, the service scheduler): sets `desiredStatus: STOPPED`,
 * `stopCode`, `stoppedReason` and `stoppingAt` at once (one version and event — version 4 for a RUNNING task, as
 * StopTask's answer shows), cancels the pending step and schedules the walk through DEACTIVATING, STOPPING and
 * DEPROVISIONING. A task already told to stop is returned unchanged.
 *
 * @returns the task as stored after the request
 */
export function requestStop(tx: WorldTxn, t: Task, stopCode: TaskStopCode, reason: string): Task {
  if (t.desiredStatus === 'STOPPED') return t;
  const next = stopRequested(tx, t, stopCode, reason);
  putTask(tx, t, next);
  return next;
}

/**
 * A RUNNING task's first essential container exits now with `exitCode` (a crash injected by the simulator): the
 * task then ends exactly as a scripted essential exit does (SIGTERM to the others, `EssentialContainerExited` after
 * the exit notice). A task not RUNNING, or already told to stop, is returned unchanged.
 *
 * @returns the task as stored after the crash
 */
export function crashTask(tx: WorldTxn, t: Task, exitCode: number): Task {
  if (t.lastStatus !== 'RUNNING' || t.desiredStatus !== 'RUNNING' || t.stop?.executionStoppedAt !== undefined) return t;
  const specs = definitionOf(tx, t)?.containers ?? [];
  const i = specs.findIndex((s) => s.essential !== false);
  if (i < 0 || t.containers[i] === undefined || t.containers[i]!.stoppedAtMs !== undefined) return t;
  const now = tx.nowMs;
  if (t.timer !== undefined) tx.cancel(t.timer);
  const n = copyTask(t);
  n.containers = withContainer(t.containers, i, { ...t.containers[i]!, exitAtMs: now, plannedExitCode: exitCode });
  n.timer = timerAt(tx, t, now);
  putTask(tx, t, n);
  return n;
}

/** A copy of `t` whose containers' planned failure reasons have come true (the launch is failing now). */
function withPlannedReasons(t: Task): Task {
  let containers = t.containers;
  for (let i = 0; i < containers.length; i++) {
    const rt = containers[i]!;
    if (rt.plannedReason !== undefined) {
      containers = withContainer(containers, i, { ...rt, reason: rt.plannedReason, plannedReason: undefined });
    }
  }
  if (containers === t.containers) return t;
  const n = copyTask(t);
  n.containers = containers;
  return n;
}

/** `t` with another pending timer and no visible change (same version: no event). */
function withTimer(t: Task, timer: ScheduledTimer | undefined): Task {
  const n = copyTask(t);
  n.timer = timer;
  return n;
}

/** A copy of `containers` with entry `i` replaced (the shared idle array is never written). */
function withContainer(
  containers: readonly ContainerRuntime[],
  i: number,
  rt: ContainerRuntime,
): readonly ContainerRuntime[] {
  const copy = containers.slice();
  copy[i] = rt;
  return copy;
}
