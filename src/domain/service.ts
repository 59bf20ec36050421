/**
 * The service entity and its deployments (domain form; the wire form is built by `src/api/services/serviceWire.ts`).
 *
 * A service is small (a handful of deployments, at most 100 events), so it is one immutable record replaced as a
 * whole; its tasks live in `World.tasks` and reference their deployment through their shared {@link TaskSpec}.
 * The counters here (`activeTasks`, `failedTasks`) are kept up to date by the task store as tasks change, so a
 * scheduler pass never recounts the World (`src/scheduler/service/serviceTaskHook.ts`).
 *
 * @module
 */
import type { StrategyItem } from './cluster.js';
import type { Subnet } from './network.js';
import type { FargatePool, TaskSpec } from './task.js';
import type { ScheduledTimer } from './timers.js';
import type { Tag } from './wire.js';

/** `status` of a service (reference §4.2). */
export type ServiceStatus = 'ACTIVE' | 'DRAINING' | 'INACTIVE';

/** `rolloutState` of a deployment (reference §5.3). */
export type RolloutState = 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';

/** `deploymentCircuitBreaker.thresholdConfiguration.type`. */
export type ThresholdType = 'BOUNDED_PERCENT' | 'UNBOUNDED_PERCENT' | 'COUNT';

/** The deployment circuit breaker as configured (reference §5.5). */
export interface CircuitBreakerConfig {
  readonly enable: boolean;
  readonly rollback: boolean;
  /** Whether a task reaching a healthy state resets the failure count. Default true. */
  readonly resetOnHealthyTask: boolean | undefined;
  /** Absent: the default (`BOUNDED_PERCENT` 50). */
  readonly thresholdConfiguration: { readonly type: ThresholdType; readonly value: number } | undefined;
}

/** `deploymentConfiguration` with ECS's defaults applied. */
export interface DeploymentConfig {
  readonly minimumHealthyPercent: number;
  readonly maximumPercent: number;
  readonly deploymentCircuitBreaker: CircuitBreakerConfig;
  /** CloudWatch alarms: accepted and reported; the twin has no CloudWatch, so they never fire. */
  readonly alarms: { readonly alarmNames: readonly string[]; readonly enable: boolean; readonly rollback: boolean } | undefined;
  readonly strategy: 'ROLLING';
  readonly bakeTimeInMinutes: number;
}

/** `awsvpcConfiguration` as the service was given it (the wire form is echoed). */
export interface ServiceNetwork {
  readonly subnets: readonly string[];
  readonly securityGroups: readonly string[];
  readonly assignPublicIp: 'ENABLED' | 'DISABLED';
}

/**
 * Whether tasks of `launch` run on EC2 container instances: the EC2 launch type, or a strategy of Auto Scaling
 * group capacity providers (a strategy holds Fargate providers or Auto Scaling group ones, never both).
 */
export const launchesOnInstances = (launch: LaunchChoiceSpec): boolean =>
  launch._tag === 'LaunchType' ? launch.launchType === 'EC2' : launch.strategy.every((i) => i.capacityProvider !== 'FARGATE' && i.capacityProvider !== 'FARGATE_SPOT');

/** A placement constraint or strategy of a service, as the request gave it. */
export interface PlacementEntry {
  readonly type: string;
  readonly expression?: string;
  readonly field?: string;
}

/**
 * How a deployment's tasks are launched: by launch type (Fargate, or the cluster's EC2 container instances), or by
 * a capacity-provider strategy of Fargate providers.
 */
export type LaunchChoiceSpec =
  | { readonly _tag: 'LaunchType'; readonly launchType: 'FARGATE' | 'EC2' }
  | { readonly _tag: 'Strategy'; readonly strategy: readonly StrategyItem[] };

/**
 * A deployment: one revision of the service's task configuration and the tasks running it (reference §5.3). The
 * newest is PRIMARY; older ones with tasks left are ACTIVE; a deployment whose tasks are all gone is dropped.
 */
export interface Deployment {
  /** `ecs-svc/` + 19 digits. Also the `startedBy` of its tasks. */
  readonly id: string;
  readonly status: 'PRIMARY' | 'ACTIVE';
  readonly taskDefinitionArn: string;
  readonly taskDefinitionKey: string;
  /**
   * Tasks the deployment wants. ECS shows a new deployment at 0 and ramps it (2026 captures, service-captures
   * §1.2); the twin sets it to the tasks it has asked for so far, the old ones' to what they still keep.
   */
  readonly desiredCount: number;
  /** Consecutive failed tasks, for the circuit breaker (reference §5.5). */
  readonly failedTasks: number;
  /** Tasks launched by this deployment that are not STOPPED yet (any desired status). */
  readonly activeTasks: number;
  readonly createdAtMs: number;
  readonly updatedAtMs: number;
  readonly launch: LaunchChoiceSpec;
  /** The platform version as requested (`LATEST` resolved to the version the tasks get). */
  readonly platformVersion: string;
  readonly platformFamily: string;
  readonly network: ServiceNetwork;
  /** The subnets, resolved, for placement. */
  readonly subnets: readonly Subnet[];
  readonly rolloutState: RolloutState;
  readonly rolloutStateReason: string;
  /** The spec its tasks share (startedBy = id, group = `service:<name>`). */
  readonly taskSpec: TaskSpec;
}

/** A service event (`Service.events[]`): a UUID, a time and ECS's message. */
export interface ServiceEvent {
  readonly id: string;
  readonly createdAtMs: number;
  readonly message: string;
}

/** A load balancer of the service, as given (validated against the task definition). */
export interface ServiceLoadBalancer {
  readonly targetGroupArn?: string;
  readonly loadBalancerName?: string;
  readonly containerName: string;
  readonly containerPort: number;
}

/** A service (REPLICA scheduling on Fargate). */
export interface Service {
  /** Key in `World.services`: {@link serviceKey}. */
  readonly key: string;
  readonly serviceName: string;
  readonly clusterName: string;
  readonly arn: string;
  readonly status: ServiceStatus;
  readonly desiredCount: number;
  /** The launch type or strategy requested for the service (the PRIMARY deployment carries the resolved one). */
  readonly launch: LaunchChoiceSpec;
  /**
   * EC2 placement as given (validated): constraints `{ type, expression? }` and strategies `{ type, field? }`,
   * echoed by DescribeServices and read by every launch. Absent for Fargate services (and in older snapshots).
   */
  readonly placementConstraints?: readonly PlacementEntry[];
  readonly placementStrategy?: readonly PlacementEntry[];
  /**
   * A container instance with tasks of the service left ACTIVE (DRAINING, deregistered): its passes read the tasks
   * to move them elsewhere (`src/scheduler/service/drainedTasks.ts`) until none is left there.
   */
  readonly drainPending?: boolean;
  /** REPLICA (absent: older snapshots) or DAEMON: one task per eligible instance (`scheduler/service/daemon.ts`). */
  readonly schedulingStrategy?: 'REPLICA' | 'DAEMON';
  /** As requested (`LATEST` when not given). */
  readonly platformVersion: string;
  readonly deploymentConfiguration: DeploymentConfig;
  readonly loadBalancers: readonly ServiceLoadBalancer[];
  readonly healthCheckGracePeriodSeconds: number | undefined;
  readonly propagateTags: 'TASK_DEFINITION' | 'SERVICE' | 'NONE';
  readonly enableECSManagedTags: boolean;
  readonly enableExecuteCommand: boolean;
  readonly availabilityZoneRebalancing: 'ENABLED' | 'DISABLED';
  readonly tags: readonly Tag[];
  readonly createdAtMs: number;
  /** Newest first; PRIMARY first. */
  readonly deployments: readonly Deployment[];
  /** Newest first, at most {@link MAX_SERVICE_EVENTS}. */
  readonly events: readonly ServiceEvent[];
  /** The pending scheduler pass (at most one), if any. */
  readonly passTimer: ScheduledTimer | undefined;
  /** Consecutive tasks that failed to start (never RUNNING), for the launch back-off (reference §4.6). */
  readonly startFailures: number;
  /** No launch before this time (the back-off), epoch ms. */
  readonly launchNotBeforeMs: number;
  /** Whether an Availability Zone rebalancing is under way (`src/scheduler/service/azRebalance.ts`). */
  readonly rebalancing: boolean;
  /** When the service last announced a steady state (undefined: not steady since the last change). */
  readonly steadySinceMs: number | undefined;
  /** `createService`'s clientToken and the fingerprint of its request, for idempotent retries. */
  readonly clientToken: { readonly token: string; readonly fingerprint: string } | undefined;
}

/** Most events a service keeps (reference §4.2). */
export const MAX_SERVICE_EVENTS = 100;

/** The key of a service in `World.services`: its cluster and name. */
export const serviceKey = (clusterName: string, serviceName: string): string => `${clusterName}\u0000${serviceName}`;

/** The pool a deployment's launch slot uses by launch type. */
export const LAUNCH_TYPE_POOL: FargatePool = 'FARGATE';
