/**
 * The shapes of a placement request and its result (reference §6): plain data, no behaviour.
 *
 * @module
 */
import type { Rng } from '../../domain/rng.js';

/** Task network modes on the EC2 launch type. */
export type NetworkMode = 'bridge' | 'host' | 'awsvpc' | 'none';

/** A host port the task needs. `hostPort` 0 asks for a dynamic port from the ephemeral range (bridge only). */
export interface PortRequest {
  readonly hostPort: number;
  readonly protocol?: 'tcp' | 'udp';
}

/** What a cluster-query-language predicate sees of a container instance. */
export interface InstanceView {
  readonly instanceId: string;
  readonly containerInstanceArn: string;
  /** Built-in (`ecs.*`) and custom attributes. */
  readonly attributes: ReadonlyMap<string, string>;
  readonly status: InstanceStatus;
  readonly agentConnected: boolean;
  readonly runningTasksCount: number;
  /** Whether a task of `group` runs on the instance (for `task:group`). */
  hasTaskOfGroup(group: string): boolean;
}

/** Container instance status as placement sees it (`INACTIVE` = deregistered). */
export type InstanceStatus = 'ACTIVE' | 'DRAINING' | 'INACTIVE';

/** `distinctInstance`: each task of the group on a different instance. */
export interface DistinctInstanceConstraint {
  readonly type: 'distinctInstance';
}

/**
 * `memberOf`: the instance must satisfy a cluster-query-language expression, given here already compiled to a
 * predicate (the query language lives in `placement/query/`). `expression` names it in explanations and keys the
 * fleet's index cache, so the same expression must always come with an equivalent predicate.
 * `dependsOnTasks`: the expression reads what runs on the instance (`task:group`, `runningTasksCount`), so it is
 * re-evaluated for every task instead of being folded into an index.
 */
export interface MemberOfConstraint {
  readonly type: 'memberOf';
  readonly expression: string;
  readonly predicate: (instance: InstanceView) => boolean;
  readonly dependsOnTasks?: boolean;
}

/** A placement constraint (binding). */
export type PlacementConstraint = DistinctInstanceConstraint | MemberOfConstraint;

/** A placement strategy (best effort), ECS spelling. `host` is an alias of `instanceId`. */
export type PlacementStrategy =
  | { readonly type: 'binpack'; readonly field: 'cpu' | 'memory' }
  | { readonly type: 'spread'; readonly field: 'instanceId' | 'host' | `attribute:${string}` }
  | { readonly type: 'random' };

/** An attribute the task definition requires (`requiresAttributes`); without `value` only presence counts. */
export interface RequiredAttribute {
  readonly name: string;
  readonly value?: string;
}

/** One RunTask / service pass worth of identical tasks. */
export interface PlacementRequest {
  readonly count: number;
  /** CPU units reserved per task. */
  readonly cpu: number;
  /** Memory reserved per task, MiB (`memoryReservation` where given, else `memory`: reference §6.5). */
  readonly memory: number;
  readonly ports?: readonly PortRequest[];
  readonly networkMode: NetworkMode;
  /** The task group (`service:<name>` for service tasks, `family:<name>` by default for RunTask). */
  readonly group: string;
  readonly constraints?: readonly PlacementConstraint[];
  readonly strategies?: readonly PlacementStrategy[];
  readonly requiredAttributes?: readonly RequiredAttribute[];
  /** The placement stream of the World's PRNG; drawn only by `random`. */
  readonly rng: Rng;
}

/** ECS failure reasons (reference §6.5) plus the twin's `DRAINING` (no ECS wording is documented for it). */
export const FAILURE_REASONS = [
  'DRAINING',
  'AGENT',
  'ATTRIBUTE',
  'RESOURCE:CPU',
  'RESOURCE:MEMORY',
  'RESOURCE:PORTS',
  'RESOURCE:ENI',
  'MemberOf placement constraint unsatisfied',
  'DistinctInstance placement constraint unsatisfied',
] as const;
/** A failure reason; the order of {@link FAILURE_REASONS} is the filter pipeline's. */
export type FailureReason = (typeof FAILURE_REASONS)[number];

/** What one placed task holds on its instance: give it back with `Fleet.release` when the task stops. */
export interface TaskAllocation {
  readonly instanceId: string;
  readonly group: string;
  readonly cpu: number;
  readonly memory: number;
  readonly enis: number;
  readonly tcpPorts: readonly number[];
  readonly udpPorts: readonly number[];
}

/** Why the tasks could not be placed, beyond ECS's one-word reason. */
export interface PlacementExplanation {
  /** Instances looked at. */
  readonly instances: number;
  /** Per filter, instances it removed in pipeline order (each instance counted once, by its first failing filter). */
  readonly rejectedFirstBy: Readonly<Partial<Record<FailureReason, number>>>;
  /** Per filter, every instance it rejects (an instance may count under several). */
  readonly rejectedBy: Readonly<Partial<Record<FailureReason, number>>>;
  /** The instance that fails on resources only and comes closest, with what it lacks; absent when none does. */
  readonly closest?: { readonly instanceId: string; readonly shortfalls: readonly string[]; readonly text: string };
  /** One line a user can read. */
  readonly text: string;
}

/** A task that could not be placed. */
export interface PlacementFailure {
  readonly reason: FailureReason;
  readonly explanation: PlacementExplanation;
}

/** The outcome of a request: placed tasks in order, then one failure per task not placed. */
export interface PlacementResult {
  /** Instance id of each placed task. */
  readonly placements: readonly string[];
  readonly allocations: readonly TaskAllocation[];
  readonly failures: readonly PlacementFailure[];
}
