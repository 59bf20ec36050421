/**
 * The World: the whole state of a simulated ECS account in one Region, as immutable data.
 *
 * Large tables are {@link PMap}s (persistent sorted maps), so a new World shares almost all of its structure with
 * the previous one. Scalars (clock, sequence, generator states) are plain fields. The configuration sections
 * (network, quotas, timings, behaviours, retention) are resolved once by `createWorld`; their types live here so
 * every layer can read them.
 *
 * @module
 */
import type { CapacityProvider } from './capacityProvider.js';
import type { Cluster } from './cluster.js';
import type { ContainerInstance } from './containerInstance.js';
import type { SubnetIps, TokenBucket } from './ledgers.js';
import type { ResolvedNetwork } from './network.js';
import { PMap, compareNumbers, compareStrings } from './pmap.js';
import type { DurationSpec, RngStates } from './rng.js';
import type { Service } from './service.js';
import type { ServiceRoster } from './serviceRoster.js';
import type { Task } from './task.js';
import type { TaskDefinition, TaskDefinitionFamily } from './taskDefinition.js';
import { TimerQueue } from './timerQueue.js';

// ---------------------------------------------------------------------------------------------------------------
// configuration sections
// ---------------------------------------------------------------------------------------------------------------

/**
 * A token bucket's size and refill (reference §9.3). `burst: Infinity` switches the limit off.
 *
 * @category config
 */
export interface RateLimit {
  /** Tokens the bucket holds when full (the burst). */
  readonly burst: number;
  /** Tokens added per second of virtual time (the sustained rate). */
  readonly refillPerSecond: number;
}

/**
 * Account-level Fargate quotas (reference §9.2–9.3), per account per Region. `Infinity` switches a limit off.
 *
 * @category config
 */
export interface FargateQuotas {
  /**
   * "Fargate On-Demand vCPU resource count": vCPUs that tasks on FARGATE (by launch type or capacity provider)
   * may hold at once, from RunTask until STOPPED. Default **6**, the AWS default value listed in the docs
   * (reference §9.2); established accounts usually have much more. A RunTask that would exceed it launches the
   * tasks that fit and reports the others in `failures` (`You've reached the limit on the number of vCPUs you can
   * run concurrently`).
   */
  readonly onDemandVcpu: number;
  /** "Fargate Spot vCPU resource count", the same for FARGATE_SPOT tasks. Default **6** (reference §9.2). */
  readonly spotVcpu: number;
  /** RunTask API calls on Fargate: each call takes one token. Default burst **20**, refill **20** per second (§9.3). */
  readonly runTaskApi: RateLimit;
  /** Fargate On-Demand task launches: each task takes one token. Default burst **100**, refill **20** per second (§9.3). */
  readonly onDemandLaunches: RateLimit;
  /** Fargate Spot task launches: each task takes one token. Default burst **100**, refill **20** per second (§9.3). */
  readonly spotLaunches: RateLimit;
}

/**
 * Durations of the Fargate task lifecycle, each drawn from a seeded distribution (`Rng.durationMs`, stream
 * `lifecycle`): a median with a bounded log-normal-like spread, in integer milliseconds. AWS publishes no figures
 * for these. The defaults are calibrated on the two complete records of real Fargate tasks in reference §3.8 —
 * **A** (RunTask, PV 1.4.0, ECR image, essential container exited, 2023) and **B** (service task, PV 1.3.0, Docker
 * Hub `nginx`, stopped by the user, 2020) — with the AWS CLI `describe-tasks` example (PV 1.3.0) as a third
 * point where it has the timestamp; where two figures differ the median is their geometric mean. Each field says
 * where its default comes from. A small task is RUNNING some 20–30 s after RunTask (A: 20.9 s, B: 28.5 s).
 *
 * @category config
 */
export interface TaskTimings {
  /**
   * PROVISIONING → PENDING (`createdAt` → `connectivityAt`): Fargate finds capacity and creates and attaches the
   * task ENI. Default median 6.6 s (2–45 s): A 3.2 s, B 13.8 s (the CLI example 5.3 s).
   */
  readonly provisioning: DurationSpec;
  /**
   * PENDING → start of the image pull (`connectivityAt` → `pullStartedAt`): the agent and task networking come
   * up. Default median 9.4 s (2–30 s): A 15.6 s, B 5.7 s (the CLI example 8.4 s).
   */
  readonly pullStartDelay: DurationSpec;
  /**
   * Image pull from a registry outside AWS (Docker Hub, GitHub, Quay, …), `pullStartedAt` → `pullStoppedAt`.
   * Default median 7 s (2–120 s): B pulled `nginx` from Docker Hub in 7.0 s (the CLI example 8.0 s); the tail
   * covers large images and the rate limits of public registries.
   */
  readonly pullPublicRegistry: DurationSpec;
  /**
   * Image pull from Amazon ECR (`*.dkr.ecr.*.amazonaws.com/…` and `public.ecr.aws/…`): same Region, faster.
   * Default median 1.6 s (0.5–60 s): A pulled its ECR image in 1.6 s.
   */
  readonly pullEcr: DurationSpec;
  /**
   * End of the pull → RUNNING (`pullStoppedAt` → `startedAt`): containers are created and started; the task is
   * ACTIVATING meanwhile. Default median 1 s (0.3–10 s): A 0.5 s, B 2.0 s (the CLI example 2.0 s). A task behind
   * a load balancer also waits for its target to turn healthy (`activatingMs` in `src/scheduler/loadBalancerSteps.ts`).
   */
  readonly activating: DurationSpec;
  /**
   * A stop request (StopTask, Spot notice) → DEACTIVATING. Default median 50 ms (20 ms–1 s): in B the containers
   * had stopped 0.2 s after the request, which this, `deactivating` and `gracefulStop` share.
   */
  readonly stopNotice: DurationSpec;
  /**
   * DEACTIVATING → STOPPING for a task without a load balancer (nothing to deregister). Default median 50 ms
   * (0–1 s), from B's 0.2 s as above. A task behind a load balancer waits for the deregistration delay instead
   * (`deactivatingMs` in `src/scheduler/loadBalancerSteps.ts`).
   */
  readonly deactivating: DurationSpec;
  /**
   * How long a container that handles SIGTERM takes to exit (the default behaviour). Default median 100 ms
   * (50 ms–10 s), from B's 0.2 s as above (`nginx` exits at once). A container scripted to ignore SIGTERM is
   * killed after its `stopTimeout` (exit code 137).
   */
  readonly gracefulStop: DurationSpec;
  /**
   * An essential container's exit (`executionStoppedAt`) → ECS's stop of the task (`stoppingAt`, desired
   * STOPPED). Default median 10 s (2–30 s): A shows `stoppingAt` 10.0 s after `executionStoppedAt`.
   */
  readonly exitNotice: DurationSpec;
  /**
   * DEPROVISIONING → STOPPED: the ENI is detached and deleted. Default median 23.1 s (10–60 s): `stoppingAt` →
   * `stoppedAt` took 23.0 s in A (all of it here) and 23.5 s in B (23.3 s after the containers had stopped).
   */
  readonly deprovisioning: DurationSpec;
  /**
   * How long the service scheduler takes to act on a change (a new deployment, a task that stopped, a desired
   * count): the delay before its next pass. Default median 15 s (5–30 s): real services start a new deployment's
   * first task 14–19 s after the deployment is created and a replacement 19 s after StopTask (service captures
   * §3.1–3.2: UI, FLEET, G3). Passes that wait for a moment (a task turning healthy, the back-off ending) run at
   * that moment.
   */
  readonly serviceReaction: DurationSpec;
}

/**
 * Which containers a {@link BehaviorRule} applies to. Every given criterion must match; globs use `*` (any run
 * of characters) and `?` (one character), matched against the whole value.
 *
 * @category config
 */
export interface BehaviorMatch {
  /** Container image, e.g. `*nginx*`, `123456789012.dkr.ecr.*.amazonaws.com/api:*`. */
  readonly image?: string;
  /** Task-definition family, e.g. `batch-*`. */
  readonly family?: string;
  /** Container name within the task definition, e.g. `app`. */
  readonly containerName?: string;
}

/**
 * What a container does, since the twin runs no containers. Rules form an ordered list; for each container the
 * **first** rule whose `match` fits decides everything the rule says, and the defaults cover the rest: a seeded
 * realistic pull, runs until stopped, health checks pass, exits promptly (code 0) on SIGTERM.
 *
 * Rules are read when a decision is made (pull start, container start, stop), so changing the rules affects what
 * happens from then on; outcomes already scheduled stay.
 *
 * @category config
 * @example
 * ```ts
 * const rules: BehaviorRule[] = [
 *   { match: { image: '*:broken' }, failToStart: 'CannotPullContainerError: pull image manifest has been retried 5 time(s)' },
 *   { match: { family: 'batch-*' }, exitAfterMs: 60_000, exitCode: 0 },
 *   { match: { containerName: 'api' }, unhealthyAfterMs: 300_000 },
 * ];
 * ```
 */
export interface BehaviorRule {
  readonly match: BehaviorMatch;
  /** Image pull duration: a fixed number of ms or a distribution. Default: by registry (see {@link TaskTimings}). */
  readonly pullMs?: number | DurationSpec;
  /**
   * The container cannot start: the task stops with `TaskFailedToStart` and this text as `stoppedReason` and the
   * container's `reason`. A reason beginning `CannotPullContainerError` fails at the end of the pull (no
   * `pullStoppedAt`); any other (e.g. `CannotStartContainerError: …`, `ResourceInitializationError: …`) when
   * the containers start.
   */
  readonly failToStart?: string;
  /** The container exits by itself this long after it started (a batch job, a crash). Default: never. */
  readonly exitAfterMs?: number | DurationSpec;
  /** Exit code of that exit. Default 0. */
  readonly exitCode?: number;
  /**
   * The container's health check starts failing this long after it started; it turns UNHEALTHY after `retries`
   * failed checks (reference §2.4). Only for containers with a `healthCheck`. Default: checks pass.
   */
  readonly unhealthyAfterMs?: number;
  /**
   * The container starts failing its load balancer's health checks this long after its task is RUNNING (an app
   * that stops answering on its port); the target turns unhealthy after `unhealthyThresholdCount` failed checks and
   * the service replaces the task (`Task failed ELB health checks in (target-group …)`). Only for containers a
   * service registers in a target group. Default: the checks pass.
   */
  readonly failTargetHealthChecksAfterMs?: number;
  /**
   * What the container does on SIGTERM: `'exit'` (default: exits after the `gracefulStop` duration with
   * `sigtermExitCode`) or `'ignore'` (SIGKILLed after its `stopTimeout`, exit code 137).
   */
  readonly onSigterm?: 'exit' | 'ignore';
  /** Exit code when the container exits on SIGTERM. Default 0. */
  readonly sigtermExitCode?: number;
}

/**
 * How long stopped tasks stay describable.
 *
 * @category config
 */
export interface RetentionConfig {
  /**
   * A STOPPED task stays visible to DescribeTasks and ListTasks this long after `stoppedAt`, then disappears
   * (releasing its index entries). Default **1 hour**, the minimum ECS documents ("stopped tasks appear in the
   * returned results for at least one hour", ListTasks API reference).
   */
  readonly stoppedTaskMs: number;
}

/** Counts by capacity pool, then Availability Zone (`World.placementCounts`); zero counts are left out. */
export type SpreadCounts = Readonly<Record<string, Readonly<Record<string, number>>>>;

/**
 * An Elastic Load Balancing target group as the twin needs it: how fast a new target turns healthy, how fast a
 * failing one turns unhealthy, and how long a deregistering target drains. Target groups the configuration does not
 * name get ELB's defaults ({@link DEFAULT_TARGET_GROUP}).
 *
 * @category config
 */
export interface TargetGroupConfig {
  readonly targetGroupArn: string;
  /** Seconds between health checks. ELB default 30. */
  readonly healthCheckIntervalSeconds: number;
  /** Consecutive passing checks for a new target to turn healthy. ELB default 5. */
  readonly healthyThresholdCount: number;
  /** Consecutive failing checks for a target to turn unhealthy. ELB default 2. */
  readonly unhealthyThresholdCount: number;
  /** How long a deregistering target keeps draining connections. ELB default 300. */
  readonly deregistrationDelaySeconds: number;
}

/**
 * ELB's target-group defaults (API_CreateTargetGroup and the target-group attributes,
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html).
 */
export const DEFAULT_TARGET_GROUP: Omit<TargetGroupConfig, 'targetGroupArn'> = {
  healthCheckIntervalSeconds: 30,
  healthyThresholdCount: 5,
  unhealthyThresholdCount: 2,
  deregistrationDelaySeconds: 300,
};

/**
 * A fleet of EC2 container instances registered when the World is created (World config `containerInstances`).
 *
 * @category config
 * @example
 * ```ts
 * { cluster: 'prod', instanceType: 'm5.xlarge', count: 30, attributes: { stack: 'prod' } }
 * ```
 */
export interface ContainerInstanceFleetConfig {
  /** Cluster the instances join (created, ACTIVE with default settings, if the World has no such cluster). */
  readonly cluster: string;
  /** An instance type of `src/scheduler/placement/instanceTypes.ts` (its CPU, memory and architecture). */
  readonly instanceType: string;
  /** Number of instances, 0–10,000. */
  readonly count: number;
  /** Zones the instances are spread over round-robin. Default: the zones of the network's subnets. */
  readonly availabilityZones?: readonly string[];
  /** Custom attributes every instance of the fleet carries. */
  readonly attributes?: Readonly<Record<string, string>>;
  /**
   * The Auto Scaling group that launched the fleet's instances (its name): an Auto Scaling group capacity provider
   * created for it (CreateCapacityProvider with the group's ARN, `autoScalingGroupArn` in `src/domain/arn.ts`) places
   * tasks on these instances. Fleets naming one group must share its cluster.
   */
  readonly autoScalingGroup?: string;
}

/** Configuration after defaults are applied; fixed for the life of a World. */
export interface ResolvedConfig {
  readonly region: string;
  readonly accountId: string;
  readonly seed: number;
  readonly startTimeMs: number;
  /** Subnets and security groups for `awsvpc` tasks (the default VPC unless configured). */
  readonly network: ResolvedNetwork;
  readonly quotas: FargateQuotas;
  readonly timings: TaskTimings;
  /** The behaviour rules the World started with (the current ones are `World.behaviors`). */
  readonly behaviors: readonly BehaviorRule[];
  readonly retention: RetentionConfig;
  /** Target groups with their settings (those not named here use {@link DEFAULT_TARGET_GROUP}). */
  readonly targetGroups: readonly TargetGroupConfig[];
  /** Container instance fleets registered at creation, with their zones resolved. */
  readonly containerInstances: readonly ContainerInstanceFleetConfig[];
}

// ---------------------------------------------------------------------------------------------------------------
// mutable state that is not a table
// ---------------------------------------------------------------------------------------------------------------

/**
 * A window in which a Fargate capacity provider has no capacity in one Availability Zone.
 *
 * @category faults
 */
export interface CapacityShortage {
  readonly capacityProvider: 'FARGATE' | 'FARGATE_SPOT';
  readonly availabilityZone: string;
  /** Start of the window, epoch ms (inclusive). */
  readonly fromMs: number;
  /** End of the window, epoch ms (exclusive). */
  readonly untilMs: number;
}

/**
 * Injected faults in effect (see `src/sim/faults.ts`).
 *
 * @category faults
 */
export interface FaultState {
  readonly capacityShortages: readonly CapacityShortage[];
  /** Subnets in which no new ENI can be created (tasks already holding one keep it). */
  readonly unavailableSubnets: readonly string[];
  /**
   * Availability Zone outages (`zoneOutage`): while one lasts, the EC2 container instances of its zone are
   * unreachable — no task is placed on them, no daemon counts them. Absent: none (and in older snapshots).
   */
  readonly zoneOutages?: readonly ZoneOutageWindow[];
}

/** An Availability Zone outage window, epoch ms (`fromMs` inclusive, `untilMs` exclusive). */
export interface ZoneOutageWindow {
  readonly availabilityZone: string;
  readonly fromMs: number;
  readonly untilMs: number;
}

/** vCPU (as CPU units) and tasks held against one Fargate quota. */
export interface FargateUsage {
  readonly cpuUnits: number;
  readonly tasks: number;
}

/** What a RunTask `clientToken` is bound to (idempotency, reference §9.3). */
export interface ClientTokenRecord {
  /** Canonical JSON of the request without the token: a retry must match it exactly. */
  readonly fingerprint: string;
  /** The tasks the first call launched (their `seq`), in response order. */
  readonly taskSeqs: readonly number[];
  /** The failures of the first call, repeated on a retry. */
  readonly failures: readonly { readonly arn?: string; readonly reason: string; readonly detail?: string }[];
}

// ---------------------------------------------------------------------------------------------------------------
// the World
// ---------------------------------------------------------------------------------------------------------------

/** The immutable state of a simulated account. Create one with `createWorld`. */
export interface World {
  readonly config: ResolvedConfig;
  /** Virtual clock, integer epoch milliseconds. */
  readonly nowMs: number;
  /** Next sequence number: orders timers scheduled for the same instant and anything else needing a total order. */
  readonly seq: number;
  /** Seeded generator states, one per subsystem stream. */
  readonly rng: RngStates;
  /** Container behaviour rules in effect (initially `config.behaviors`; changed by `setBehaviors`). */
  readonly behaviors: readonly BehaviorRule[];
  /** Faults in effect (capacity shortages, unavailable subnets). */
  readonly faults: FaultState;
  /** Clusters by name (INACTIVE ones stay, as ECS keeps describing deleted clusters). */
  readonly clusters: PMap<string, Cluster>;
  /** Task-definition revisions by `taskDefinitionKey(family, revision)`. */
  readonly taskDefinitions: PMap<string, TaskDefinition>;
  /** Families by name. */
  readonly families: PMap<string, TaskDefinitionFamily>;
  /**
   * Tasks in the World per task-definition revision (`taskDefinitionKey`), whatever their status, until they expire:
   * a DELETE_IN_PROGRESS revision is deleted for good once none is left. (Stopped tasks count too, so that they stay
   * describable — with their containers — for their whole retention.) Absent means zero.
   */
  readonly taskDefinitionUse: PMap<string, number>;
  /**
   * Secondary index of task definitions, kept by `src/api/taskDefinitions/storeTaskDefinition.ts` (write revisions
   * only through it): revisions by status and families by whether they have an ACTIVE revision, as composite keys
   * mapped to the revision's ARN or the family name. ListTaskDefinitions, ListTaskDefinitionFamilies and the
   * "latest ACTIVE revision" lookup seek in it instead of scanning revisions of another status.
   */
  readonly taskDefinitionIndex: PMap<string, string>;
  /**
   * Tasks by `seq`, the number their id encodes (`seqOfTaskId`): numeric keys keep lookups cheap at a million
   * tasks (no string comparisons).
   */
  readonly tasks: PMap<number, Task>;
  /**
   * Secondary indexes of tasks for ListTasks, as composite keys (see `src/scheduler/taskIndex.ts`): a filter is a
   * range scan, never a scan of all tasks. Keyed by range (the key without the task's `seq`), each holding the
   * `seq`s of its tasks: numeric keys make adding a task cheap (no string keys to build and compare).
   */
  readonly taskIndex: PMap<string, PMap<number, true>>;
  /**
   * The spread counts of Fargate placement: tasks with desired status RUNNING per (cluster, group) — keyed
   * `cluster␀group` — by capacity pool, then Availability Zone (see `src/scheduler/spreadCounts.ts`).
   */
  readonly placementCounts: PMap<string, SpreadCounts>;
  /**
   * IP allocator state per subnet id; read and written only through `src/scheduler/fargateAccount.ts`.
   */
  readonly subnetIps: PMap<string, SubnetIps>;
  /** vCPU and tasks held per Fargate quota (`FARGATE`, `FARGATE_SPOT`). */
  readonly fargateUsage: PMap<string, FargateUsage>;
  /**
   * Launch-rate token buckets by name; read and written only through `src/scheduler/fargateAccount.ts`.
   */
  readonly rateLimits: PMap<string, TokenBucket>;
  /** Services by `serviceKey(cluster, name)` (DRAINING and INACTIVE ones stay describable). */
  readonly services: PMap<string, Service>;
  /**
   * Derived: the number of tasks in the World (any status, until they expire) each service deployment launched,
   * keyed `cluster␀deploymentId␀serviceName` — how ListTasks `startedBy=<deployment id>` finds the services whose
   * `V` index ranges hold them (service tasks have no `S` index entry; `src/scheduler/deploymentTasks.ts`). Not
   * written in snapshots: rebuilt from the tasks when one is read.
   */
  readonly deploymentTasks: PMap<string, number>;
  /**
   * Derived: each service's roster of its tasks (counts per deployment, health instants to come), kept by the task
   * store so a scheduler pass reads O(changes) (`src/scheduler/service/serviceRoster.ts`). Absent for a service
   * means "rebuild from its tasks" (snapshots store it; older ones without it are read with none).
   */
  readonly serviceRosters: PMap<string, ServiceRoster>;
  /**
   * EC2 container instances by `containerInstanceKey(cluster, id)` (INACTIVE, deregistered, ones stay
   * describable); written through `src/api/containerInstances/registration.ts`.
   */
  readonly containerInstances: PMap<string, ContainerInstance>;
  /** RunTask idempotency tokens by `<cluster>\u0000<clientToken>`. */
  readonly clientTokens: PMap<string, ClientTokenRecord>;
  /** Auto Scaling group capacity providers by name (`src/domain/capacityProvider.ts`). */
  readonly capacityProviders: PMap<string, CapacityProvider>;
  /**
   * The timer queue, ordered by `(atMs, seq)`; read like a map whose entries are their own keys (see
   * `./timerQueue.ts`), written only through a transaction (`WorldTxn.schedule`, `cancel`) and `advance`.
   */
  readonly timers: TimerQueue;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- PMap is invariant in K and V; `any` only selects fields. */
/** The names of the World's table fields (those holding a {@link PMap}). */
export type TableName = {
  [K in keyof World]: World[K] extends PMap<any, any> ? K : never;
}[keyof World];

/** Key type of a table. */
export type TableKey<N extends TableName> = World[N] extends PMap<infer K, any> ? K : never;
/** Value type of a table. */
export type TableValue<N extends TableName> = World[N] extends PMap<any, infer V> ? V : never;
/* eslint-enable @typescript-eslint/no-explicit-any */

/** No faults. */
export const NO_FAULTS: FaultState = { capacityShortages: [], unavailableSubnets: [] };

/** Empty tables (and timer queue) for a new World. */
export const emptyTables = (): Pick<World, TableName | 'timers'> => ({
  clusters: PMap.empty(compareStrings),
  taskDefinitions: PMap.empty(compareStrings),
  families: PMap.empty(compareStrings),
  taskDefinitionUse: PMap.empty(compareStrings),
  taskDefinitionIndex: PMap.empty(compareStrings),
  tasks: PMap.empty(compareNumbers),
  taskIndex: PMap.empty(compareStrings),
  placementCounts: PMap.empty(compareStrings),
  subnetIps: PMap.empty(compareStrings),
  fargateUsage: PMap.empty(compareStrings),
  rateLimits: PMap.empty(compareStrings),
  services: PMap.empty(compareStrings),
  deploymentTasks: PMap.empty(compareStrings),
  serviceRosters: PMap.empty(compareStrings),
  containerInstances: PMap.empty(compareStrings),
  clientTokens: PMap.empty(compareStrings),
  capacityProviders: PMap.empty(compareStrings),
  timers: TimerQueue.empty(),
});
