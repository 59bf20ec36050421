/**
 * The task entity (domain form; the wire form is built by `src/scheduler/taskView.ts`).
 *
 * A World may hold a million tasks, so the entity is flat and small: what the tasks of one launch share is one
 * {@link TaskSpec} they all reference; every field is always present (`undefined` when not set), which keeps one
 * object shape for all tasks; and what can be derived is derived when the task is described rather than stored —
 * the task ARN, ENI ids, container ARNs, runtime ids, image digests, and each container's `lastStatus` (from the
 * task's state and the container's own stop, see {@link containerStatusOf}). Containers share one frozen record
 * until something happens to them individually. Tasks are keyed by a number (`seq`), which their id encodes.
 *
 * @module
 */
import { ipToString } from './network.js';
import type { ScheduledTimer } from './timers.js';
import type { Tag } from './wire.js';

/** `lastStatus` of a task (reference §3.1), in lifecycle order. */
export type TaskStatus =
  | 'PROVISIONING'
  | 'PENDING'
  | 'ACTIVATING'
  | 'RUNNING'
  | 'DEACTIVATING'
  | 'STOPPING'
  | 'DEPROVISIONING'
  | 'STOPPED';

/**
 * How a status counts in the cluster's and a container instance's counters: PROVISIONING to ACTIVATING count as
 * pending, RUNNING as running, DEACTIVATING to DEPROVISIONING as neither (ECS's `pendingTasksCount` and
 * `runningTasksCount` count the PENDING and RUNNING statuses).
 */
export type CounterClass = 'pending' | 'running' | 'other' | 'stopped';

/** The {@link CounterClass} of a status. */
export function counterClassOf(s: TaskStatus): CounterClass {
  switch (s) {
    case 'PROVISIONING':
    case 'PENDING':
    case 'ACTIVATING':
      return 'pending';
    case 'RUNNING':
      return 'running';
    case 'STOPPED':
      return 'stopped';
    default:
      return 'other';
  }
}

/** The statuses in lifecycle order: a task's status only ever moves forward in this list. */
export const TASK_STATUS_ORDER: readonly TaskStatus[] = [
  'PROVISIONING',
  'PENDING',
  'ACTIVATING',
  'RUNNING',
  'DEACTIVATING',
  'STOPPING',
  'DEPROVISIONING',
  'STOPPED',
];

/** `desiredStatus` as ECS sets it (it never sets `PENDING`, reference §3.1). */
export type DesiredStatus = 'RUNNING' | 'STOPPED';

/**
 * `stopCode` values (reference §3.5, `TaskStopCode`). A Fargate Spot interruption is `SpotInterruption` (the
 * current Developer Guide's termination-notice sample); `TerminationNotice` is task retirement.
 */
export type TaskStopCode =
  | 'TaskFailedToStart'
  | 'EssentialContainerExited'
  | 'UserInitiated'
  | 'ServiceSchedulerInitiated'
  | 'SpotInterruption'
  | 'TerminationNotice'
  | 'InfrastructureHealth';

/** The Fargate capacity pools: each has its own vCPU quota, launch bucket and capacity. */
export type FargatePool = 'FARGATE' | 'FARGATE_SPOT';

/** Container health as ECS reports it (reference §2.4). */
export type HealthStatus = 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';

/** A container's `lastStatus`. */
export type ContainerStatus = 'PENDING' | 'RUNNING' | 'STOPPED';

/**
 * What happened (or is planned) to one container, beyond what the task's state implies. Indexed like the task
 * definition's containers.
 */
export interface ContainerRuntime {
  /** When the container exits by itself (a scripted exit), while it has not stopped yet. */
  readonly exitAtMs: number | undefined;
  /** Exit code of that planned exit. */
  readonly plannedExitCode: number | undefined;
  /** When the container stopped; from then on its `lastStatus` is STOPPED. */
  readonly stoppedAtMs: number | undefined;
  /** Exit code, once it exited (absent for containers that never started). */
  readonly exitCode: number | undefined;
  /** `reason` (e.g. `CannotPullContainerError: …`). */
  readonly reason: string | undefined;
  /**
   * The `reason` of a planned failure (a pull that will fail), kept apart from `reason` until the launch actually
   * fails: a task stopped before then (StopTask during the pull) must not show it.
   */
  readonly plannedReason: string | undefined;
  /** When its health check first passed (containers with a health check). */
  readonly healthyAtMs: number | undefined;
  /** When it turned UNHEALTHY (a scripted failing health check). */
  readonly unhealthyAtMs: number | undefined;
}

/** A container with nothing individual to report; shared by every task. */
export const IDLE_CONTAINER: ContainerRuntime = Object.freeze({
  exitAtMs: undefined,
  plannedExitCode: undefined,
  stoppedAtMs: undefined,
  exitCode: undefined,
  reason: undefined,
  plannedReason: undefined,
  healthyAtMs: undefined,
  unhealthyAtMs: undefined,
});

const idleArrays: ContainerRuntime[][] = [];
/** `n` idle containers, as one shared frozen array per `n` (no allocation per task). */
export function idleContainers(n: number): readonly ContainerRuntime[] {
  let a = idleArrays[n];
  if (!a) {
    a = Object.freeze(Array.from({ length: n }, () => IDLE_CONTAINER)) as ContainerRuntime[];
    idleArrays[n] = a;
  }
  return a;
}

/** Task-level overrides of RunTask, normalised (as DescribeTasks returns them under `overrides`). */
export interface TaskOverrides {
  /** One entry per container of the task definition, in order: `{ name }` plus what the request overrode. */
  readonly containerOverrides: readonly Readonly<Record<string, unknown>>[];
  readonly cpu?: string;
  readonly memory?: string;
  readonly taskRoleArn?: string;
  readonly executionRoleArn?: string;
  readonly ephemeralStorage?: { readonly sizeInGiB: number };
}

/**
 * A load-balancer target of a task (the service's `loadBalancers` entry it registers in): the task's ENI address
 * and `containerPort` become a target of `targetGroupArn`.
 */
export interface TaskLoadBalancer {
  readonly targetGroupArn: string;
  readonly containerName: string;
  readonly containerPort: number;
}

/**
 * What every task of one launch shares (one RunTask call, one service deployment): stored once and referenced by
 * each task, so a task carries only what is its own.
 */
export interface TaskSpec {
  /**
   * The instant the tasks' times count from (see {@link TaskTime}): when the spec was made (the RunTask call, the
   * deployment). A snapshot holds it with the spec and the tasks' times in epoch milliseconds.
   */
  readonly originMs: number;
  readonly clusterName: string;
  /** Key of the revision in `World.taskDefinitions`. */
  readonly taskDefinitionKey: string;
  readonly taskDefinitionArn: string;
  readonly family: string;
  /** Task CPU units (after a task-level override). */
  readonly cpuUnits: number;
  /** Task memory MiB (after a task-level override). */
  readonly memoryMiB: number;
  readonly ephemeralStorageGiB: number;
  /** `FARGATE`, or `EC2` for a task placed on a container instance (its site's `ec2` says where). */
  readonly launchType: 'FARGATE' | 'EC2';
  /**
   * EC2 only: the CPU units and MiB each task reserves on its instance (the task's sizes, else its containers':
   * `memoryReservation` before `memory`, reference §6.5).
   */
  readonly reservation?: { readonly cpu: number; readonly memory: number };
  /** The resolved platform version (`LATEST` → `1.4.0`); empty for EC2 tasks, which have none. */
  readonly platformVersion: string;
  readonly platformFamily: string;
  readonly cpuArchitecture: 'X86_64' | 'ARM64';
  readonly group: string;
  readonly startedBy: string | undefined;
  /** User tags; StopTask deletes them (API reference), giving the task its own copy of the spec. */
  readonly tags: readonly Tag[];
  readonly overrides: TaskOverrides;
  readonly enableExecuteCommand: boolean;
  /** The service whose scheduler launched the task (`World.services` key), absent for standalone tasks. */
  readonly serviceKey?: string;
  /** The deployment that launched the task (`ecs-svc/…`), with {@link serviceKey}. */
  readonly deploymentId?: string;
  /**
   * The load-balancer targets the task registers in (service tasks behind a load balancer; absent or empty for
   * RunTask). A task with targets goes through ACTIVATING (registration until healthy) and DEACTIVATING
   * (deregistration delay) as visible versions with their events; a task without them passes through both
   * states without a version of their own (reference §3.8).
   */
  readonly loadBalancers?: readonly TaskLoadBalancer[];
}

declare const taskTimeBrand: unique symbol;

/**
 * A time of a task: milliseconds since its spec's {@link TaskSpec.originMs}, an opaque type (no arithmetic, no
 * comparison, not a `number` to the type checker) read with {@link taskMs} and written with {@link taskTime}.
 *
 * Why not epoch milliseconds like every other time of the World: an epoch instant (~1.8e12) is beyond V8's small
 * integers, so each one is a 16-byte heap number — six per RUNNING task, and a new one for every time a step
 * computes and every always-numeric field a step copies. Counted from the launch, a task's times are small
 * integers stored in the task itself for its first 24 days (after that they are heap numbers again: correct, only
 * larger).
 */
export type TaskTime = { readonly [taskTimeBrand]: true };

/** Epoch ms `ms` as a time of a task of `spec`. */
export function taskTime(spec: TaskSpec, ms: number): TaskTime {
  const d = ms - spec.originMs;
  // The difference of two doubles is a heap number even when whole; `| 0` makes it a small integer (when it is one).
  const i = d | 0;
  return (i === d ? i : d) as unknown as TaskTime;
}

/**
 * The Fargate pool whose quota, launch bucket and capacity the task uses: its provider (FARGATE or FARGATE_SPOT,
 * the only Fargate providers), or FARGATE by launch type; `undefined` for an EC2 task. Derived rather than stored:
 * a million tasks would hold a million copies of what their provider already says.
 */
export function poolOf(t: Task): FargatePool | undefined {
  if (t.site.ec2 !== undefined || t.spec.launchType === 'EC2') return undefined;
  return t.site.capacityProviderName === 'FARGATE_SPOT' ? 'FARGATE_SPOT' : 'FARGATE';
}

/**
 * Whether the task got an ENI (not when its subnet had no free address). It holds it until STOPPED and still shows
 * it after: this says it had one.
 */
export function hasEni(t: Task): boolean {
  return t.ipv4 !== undefined;
}

/** The task's private IPv4 address, dotted (`10.0.1.17`), if it has one. */
export function privateIpOf(t: Task): string | undefined {
  return t.ipv4 === undefined ? undefined : ipToString(t.ipv4);
}

/** An IPv4 address (unsigned 32-bit number) as a task stores it ({@link Task.ipv4}). */
export function packIpv4(address: number): number {
  return address | 0;
}

/** A time of task `t` in epoch ms. */
export function taskMs(t: Task, time: TaskTime): number {
  return t.spec.originMs + (time as unknown as number);
}

/** A time of task `t`, if set, in epoch ms. */
export function taskMsOpt(t: Task, time: TaskTime | undefined): number | undefined {
  return time === undefined ? undefined : taskMs(t, time);
}

/**
 * Where an EC2 task runs and what it holds there: the container instance's CPU units, memory (MiB, the
 * reservation), task ENIs and host ports, given back when the task stops (reference §6.5). Shared by every version
 * of the task (it never changes once placed).
 */
export interface Ec2Placement {
  /** The instance's key in `World.containerInstances` (`cluster␀id`). */
  readonly instanceKey: string;
  readonly containerInstanceArn: string;
  readonly cpu: number;
  readonly memory: number;
  readonly enis: number;
  /** Host ports held, TCP then UDP: the static ones in port-mapping order, then the dynamic ones. */
  readonly tcpPorts: readonly number[];
  readonly udpPorts: readonly number[];
}

/**
 * Where a task runs, fixed at launch. A Fargate task's is shared by every task of the same capacity provider and
 * subnet ({@link taskSite} keeps one object per combination), so a task carries one reference instead of four
 * fields; an EC2 task's holds its own {@link Ec2Placement}.
 */
export interface TaskSite {
  /**
   * The capacity provider, when the task was launched with a strategy (absent with `launchType`): FARGATE or
   * FARGATE_SPOT, or an Auto Scaling group provider for an EC2 task.
   */
  readonly capacityProviderName: string | undefined;
  readonly availabilityZone: string;
  /** The subnet of the task's ENI (Fargate); absent for an EC2 task without one (bridge, host, none). */
  readonly subnetId: string | undefined;
  /** The container instance and what the task holds on it (EC2 tasks only). */
  readonly ec2: Ec2Placement | undefined;
}

/**
 * The sites of Fargate tasks, by provider, then subnet, then zone (a handful per World; values never change). Maps
 * keyed by the values themselves: an absent provider or subnet (`undefined`) stays apart from any name, and a launch
 * builds no key string per task.
 */
const sharedSites = new Map<string | undefined, Map<string | undefined, Map<string, TaskSite>>>();
let sharedSiteCount = 0;
/**
 * How many shared sites the process keeps at most: a World has a handful, but snapshots are untrusted and may name
 * any zone or subnet; past this, sites are made per task (correct, only larger).
 */
const MAX_SHARED_SITES = 4096;

/** The site of a task: the shared one for a task without a container instance, else a new one. */
export function taskSite(
  capacityProviderName: string | undefined,
  availabilityZone: string,
  subnetId: string | undefined,
  ec2: Ec2Placement | undefined,
): TaskSite {
  if (ec2 !== undefined) return { capacityProviderName, availabilityZone, subnetId, ec2 };
  const bySubnet = sharedSites.get(capacityProviderName);
  const byZone = bySubnet?.get(subnetId);
  const known = byZone?.get(availabilityZone);
  if (known !== undefined) return known;
  const site: TaskSite = Object.freeze({ capacityProviderName, availabilityZone, subnetId, ec2 });
  if (sharedSiteCount < MAX_SHARED_SITES) {
    sharedSiteCount++;
    if (byZone !== undefined) byZone.set(availabilityZone, site);
    else if (bySubnet !== undefined) bySubnet.set(subnetId, new Map([[availabilityZone, site]]));
    else sharedSites.set(capacityProviderName, new Map([[subnetId, new Map([[availabilityZone, site]])]]));
  }
  return site;
}

/**
 * The end of a task, as far as it is known: why (`stopCode`, `stoppedReason`, set by the stop request) and when
 * (ECS's `stoppingAt`, `executionStoppedAt`, `stoppedAt`), or the launch failure planned for it. One record a task
 * gets when its end begins or is decided — its containers stop, something stops it, its launch is bound to fail —
 * instead of six fields every RUNNING task would carry empty. Never
 * changed: a step that learns more gives the task a new record ({@link withStop}).
 */
export interface TaskStop {
  readonly stopCode: TaskStopCode | undefined;
  readonly stoppedReason: string | undefined;
  readonly stoppingAt: TaskTime | undefined;
  readonly executionStoppedAt: TaskTime | undefined;
  readonly stoppedAt: TaskTime | undefined;
  /**
   * A launch failure decided before it shows (no free address, an image that cannot be pulled), reported
   * asynchronously as ECS does: the task stops with `TaskFailedToStart` and this reason at its next step.
   */
  readonly launchFailure: string | undefined;
}

/** `stop` (or an empty one) with the members of `change` replaced; the result always has all six members, in order. */
export function withStop(stop: TaskStop | undefined, change: Partial<TaskStop>): TaskStop {
  return {
    stopCode: 'stopCode' in change ? change.stopCode : stop?.stopCode,
    stoppedReason: 'stoppedReason' in change ? change.stoppedReason : stop?.stoppedReason,
    stoppingAt: 'stoppingAt' in change ? change.stoppingAt : stop?.stoppingAt,
    executionStoppedAt: 'executionStoppedAt' in change ? change.executionStoppedAt : stop?.executionStoppedAt,
    stoppedAt: 'stoppedAt' in change ? change.stoppedAt : stop?.stoppedAt,
    launchFailure: 'launchFailure' in change ? change.launchFailure : stop?.launchFailure,
  };
}

/**
 * A task: on AWS Fargate (`subnetId` set, `ec2` absent) or on an EC2 container instance (`ec2` set). Both kinds
 * share one record shape — one hidden class for every task — and a Fargate-only reader (the vCPU quota, Spot, the
 * subnet's addresses) must handle {@link poolOf} giving `undefined`, which the type checker enforces.
 *
 * A million of them may be alive, so the record holds only what is the task's own, as small integers where it can:
 * times are {@link TaskTime}s, the address a number ({@link Task.ipv4}); the pool and whether the task has an ENI
 * are derived ({@link poolOf}, {@link hasEni}).
 */
export interface Task {
  /** The task's number, unique in the World: its key in `World.tasks`, encoded in the first 12 hex of `taskId`. */
  readonly seq: number;
  /** 32 lowercase hex characters (the long id format, reference §3.7); see {@link encodeTaskId}. */
  readonly taskId: string;
  readonly spec: TaskSpec;
  /** Where the task runs: its zone, subnet, capacity provider and container instance ({@link TaskSite}). */
  readonly site: TaskSite;
  /**
   * The ENI's private IPv4 address (kept after release, as DescribeTasks still shows it), as a signed 32-bit number:
   * a small integer in the task where the dotted quad would be a 32-byte string. {@link privateIpOf} formats it.
   */
  readonly ipv4: number | undefined;
  readonly lastStatus: TaskStatus;
  readonly desiredStatus: DesiredStatus;
  /** Incremented on every visible change; equals `detail.version` of the change's event. */
  readonly version: number;
  // Times are TaskTimes (ms since `spec.originMs`): read them with `taskMs`, write them with `taskTime`.
  readonly createdAt: TaskTime;
  /** Time of the last visible change (the event time). */
  readonly updatedAt: TaskTime;
  readonly connectivityAt: TaskTime | undefined;
  /** Planned or past; described only once reached. */
  readonly pullStartedAt: TaskTime | undefined;
  /** Planned or past; described only once reached. */
  readonly pullStoppedAt: TaskTime | undefined;
  readonly startedAt: TaskTime | undefined;
  /** How and when the task stops, once anything about its end is known (`undefined` while it just runs). */
  readonly stop: TaskStop | undefined;
  readonly containers: readonly ContainerRuntime[];
  /** The task's pending lifecycle timer, if any (at most one). */
  readonly timer: ScheduledTimer | undefined;
}

/** A {@link Task} whose fields can be assigned: the draft a transition fills in before storing it. */
export type MutableTask = { -readonly [K in keyof Task]: Task[K] };

/**
 * A field-by-field copy of `t`, to be changed and stored as the task's next version.
 *
 * Why not `{ ...t }`: a burst of launches copies a task at every lifecycle step, and V8 clones this 15-field
 * shape through a generic slow path — spreading measured ~0.8 µs per copy in the Fargate benchmark, this literal
 * well under 0.1 µs. Listing every field also keeps one hidden class for all tasks; the type checker rejects the
 * literal if a field is added to {@link Task} and forgotten here. Fields are listed in the order `launchFargateTasks`
 * creates them, which is the key order of a task in JSON snapshots.
 */
export function copyTask(t: Task): MutableTask {
  return {
    seq: t.seq,
    taskId: t.taskId,
    spec: t.spec,
    site: t.site,
    ipv4: t.ipv4,
    lastStatus: t.lastStatus,
    desiredStatus: t.desiredStatus,
    version: t.version,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
    connectivityAt: t.connectivityAt,
    pullStartedAt: t.pullStartedAt,
    pullStoppedAt: t.pullStoppedAt,
    startedAt: t.startedAt,
    stop: t.stop,
    containers: t.containers,
    timer: t.timer,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// task ids
// ---------------------------------------------------------------------------------------------------------------

const MASK24 = 0xffffff;
const TWO_24 = 0x1000000;
const FEISTEL_KEYS = [0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c] as const;

function feistelRound(x: number, key: number): number {
  let h = (x ^ key) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h & MASK24;
}

/** Character codes of `0`–`9`, `a`–`f`. */
const HEX_CODES = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
/** The characters of the id being built (a scratch buffer: ids are built one at a time). */
const idCodes = new Array<number>(32).fill(48);

/** Writes the low `digits` hex digits of `value` into `idCodes` from `at`. */
function putHex(at: number, value: number, digits: number): void {
  let v = value;
  for (let i = at + digits - 1; i >= at; i--) {
    idCodes[i] = HEX_CODES[v & 15]!;
    v = Math.floor(v / 16);
  }
}

/**
 * A task id: 12 hex characters that encode `seq` through a 48-bit Feistel permutation (so ids look random and
 * neighbours look unrelated), followed by 20 random hex characters — the 8 of `random[0]`, the 8 of `random[1]`
 * and the first 4 of `random[2]` (each a uint32). The World finds a task from its id in O(log n) with a numeric
 * key — {@link seqOfTaskId} inverts the permutation — instead of comparing id strings.
 *
 * The id is built as one flat string: a million tasks keep their ids for their whole life, and an id concatenated
 * from parts is a tree of four to eight string objects (~220 bytes) where a flat one is 48.
 */
export function encodeTaskId(seq: number, r0: number, r1: number, r2: number): string {
  let l = Math.floor(seq / TWO_24) & MASK24;
  let r = seq & MASK24;
  for (const k of FEISTEL_KEYS) [l, r] = [r, (l ^ feistelRound(r, k)) & MASK24];
  putHex(0, l, 6);
  putHex(6, r, 6);
  putHex(12, r0 >>> 0, 8);
  putHex(20, r1 >>> 0, 8);
  putHex(28, r2 >>> 16, 4);
  return String.fromCharCode.apply(null, idCodes);
}

const TASK_ID = /^[0-9a-f]{32}$/;

/** The task number a 32-hex task id encodes, or `undefined` for a string that is not such an id. */
export function seqOfTaskId(taskId: string): number | undefined {
  if (!TASK_ID.test(taskId)) return undefined;
  let l = parseInt(taskId.slice(0, 6), 16);
  let r = parseInt(taskId.slice(6, 12), 16);
  for (let i = FEISTEL_KEYS.length - 1; i >= 0; i--) [l, r] = [(r ^ feistelRound(l, FEISTEL_KEYS[i]!)) & MASK24, l];
  return l * TWO_24 + r;
}

/**
 * A task's `lastStatus` at `nowMs`. A plain task's ACTIVATING (from the end of its image pull until its containers
 * start) has no version of its own (reference §3.8), and the lifecycle does not store it either: a task stored
 * PENDING, still desired RUNNING, whose pull has ended shows ACTIVATING. Every other status is the stored one.
 */
export function lastStatusAt(task: Task, nowMs: number): TaskStatus {
  if (
    task.lastStatus === 'PENDING' &&
    task.desiredStatus === 'RUNNING' &&
    task.pullStoppedAt !== undefined &&
    taskMs(task, task.pullStoppedAt) <= nowMs
  ) {
    return 'ACTIVATING';
  }
  return task.lastStatus;
}

/**
 * A container's `lastStatus`, derived from the task's status and the container's own stop: PENDING until the
 * task is RUNNING, RUNNING until the containers are stopped (the end of STOPPING, or the container's own exit),
 * STOPPED after.
 */
export function containerStatusOf(task: Task, c: ContainerRuntime, nowMs: number): ContainerStatus {
  if (c.stoppedAtMs !== undefined && c.stoppedAtMs <= nowMs) return 'STOPPED';
  switch (task.lastStatus) {
    case 'PROVISIONING':
    case 'PENDING':
    case 'ACTIVATING':
      return 'PENDING';
    case 'RUNNING':
    case 'DEACTIVATING':
    case 'STOPPING':
      return 'RUNNING';
    default:
      return 'STOPPED';
  }
}
