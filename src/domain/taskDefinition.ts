/**
 * The task-definition entity. The scheduler reads the parsed, integer fields; Describe returns `wire`, the
 * normalised definition exactly as ECS would describe it (cpu/memory as integer strings, defaults filled in).
 *
 * @module
 */
import type { TaskDefinition as SdkTaskDefinition } from '@aws-sdk/client-ecs';
import type { Tag, Wire } from './wire.js';

/** Lifecycle of a revision (reference §2.7). */
export type TaskDefinitionStatus = 'ACTIVE' | 'INACTIVE' | 'DELETE_IN_PROGRESS';

/** A container health check with ECS's defaults applied (seconds, as in the API). */
export interface HealthCheckSpec {
  readonly command: readonly string[];
  readonly intervalSeconds: number;
  readonly timeoutSeconds: number;
  readonly retries: number;
  readonly startPeriodSeconds: number;
}

/** `dependsOn` item. */
export interface ContainerDependencySpec {
  readonly containerName: string;
  readonly condition: 'START' | 'COMPLETE' | 'SUCCESS' | 'HEALTHY';
}

/** A port mapping as the scheduler needs it (EC2 host-port bookkeeping); `hostPort` 0 means a dynamic port. */
export interface PortMappingSpec {
  readonly containerPort?: number;
  readonly hostPort?: number;
  readonly protocol: 'tcp' | 'udp';
}

/** What the scheduler and the lifecycle need to know about one container. */
export interface ContainerSpec {
  readonly name: string;
  readonly image: string;
  readonly essential: boolean;
  readonly cpuUnits: number;
  readonly memoryMiB?: number;
  readonly memoryReservationMiB?: number;
  readonly healthCheck?: HealthCheckSpec;
  readonly dependsOn: readonly ContainerDependencySpec[];
  /** Seconds; ECS default 30 on Fargate. */
  readonly stopTimeoutSeconds: number;
  readonly startTimeoutSeconds?: number;
  /**
   * Port mappings with `hostPort` filled as ECS stores it (equal to `containerPort` under awsvpc/host; 0 means a
   * dynamic bridge port). Always set by RegisterTaskDefinition; optional only so hand-built specs stay short.
   */
  readonly portMappings?: readonly PortMappingSpec[];
}

/**
 * A container-instance attribute a task definition requires (`requiresAttributes` in the API): EC2 placement keeps
 * only instances that carry every one (failure reason `ATTRIBUTE`). ECS derives the list at registration; it only
 * ever holds names today, but the API shape also allows a value and a target type.
 */
export interface RequiredAttribute {
  readonly name: string;
  readonly value?: string;
  readonly targetType?: string;
}

/** One registered revision of a task-definition family. */
export interface TaskDefinition {
  readonly family: string;
  readonly revision: number;
  readonly arn: string;
  readonly status: TaskDefinitionStatus;
  readonly registeredAtMs: number;
  readonly deregisteredAtMs?: number;
  /** When DeleteTaskDefinitions moved the revision to DELETE_IN_PROGRESS. */
  readonly deleteRequestedAtMs?: number;
  /** Task-level CPU units, when set (always set for FARGATE-compatible definitions). */
  readonly cpuUnits?: number;
  /** Task-level memory in MiB, when set. */
  readonly memoryMiB?: number;
  readonly networkMode: 'bridge' | 'host' | 'awsvpc' | 'none';
  readonly requiresCompatibilities: readonly string[];
  readonly compatibilities: readonly string[];
  /**
   * The container-instance attributes the definition requires, in the order DescribeTaskDefinition returns them.
   * Always set by RegisterTaskDefinition; optional only so hand-built definitions stay short (absent = none).
   */
  readonly requiresAttributes?: readonly RequiredAttribute[];
  readonly cpuArchitecture: 'X86_64' | 'ARM64';
  readonly operatingSystemFamily: string;
  /** Ephemeral storage in GiB (20 when not configured). */
  readonly ephemeralStorageGiB: number;
  readonly containers: readonly ContainerSpec[];
  readonly tags: readonly Tag[];
  /** The normalised definition as DescribeTaskDefinition returns it (timestamps in epoch seconds). */
  readonly wire: Wire<SdkTaskDefinition>;
}

/**
 * Per-family bookkeeping: revisions keep growing after deregistration and deletion (reference §2.1).
 *
 * Holds counters, not a list of revisions: a family may have up to 1,000,000 revisions, and a list copied on every
 * registration would make registering N revisions cost O(N²). The ACTIVE revisions themselves are found in
 * `World.taskDefinitions`, where a family's revisions are one contiguous, ordered key range.
 */
export interface TaskDefinitionFamily {
  readonly family: string;
  readonly lastRevision: number;
  /** How many revisions are ACTIVE (ListTaskDefinitionFamilies' status filter). */
  readonly activeRevisionCount: number;
  /**
   * How many revisions exist in any status. A family whose revisions have all been deleted keeps its record (ECS
   * keeps the name: the next registration continues the revision numbers) but is listed no more.
   */
  readonly revisionCount: number;
  /** The newest ACTIVE revision, which a bare family name resolves to; absent when none is ACTIVE. */
  readonly latestActiveRevision?: number;
}

/**
 * How long after a DELETE_IN_PROGRESS revision is last referenced the twin deletes it for good. ECS "periodically
 * verifies that the target task definition is not being referenced by any active tasks or deployments, and then
 * deletes the task definition permanently" (DG/task-definition-state.html) without saying how often: one minute is
 * the twin's choice (UNVERIFIED).
 */
export const TASK_DEFINITION_DELETION_DELAY_MS = 60_000;

/** Key of a revision in `World.taskDefinitions`: family, a space (sorts below every family character, so "a" < "a-b"
 * as ECS orders families), then the revision zero-padded so revisions sort numerically. */
export const taskDefinitionKey = (family: string, revision: number): string =>
  `${family} ${String(revision).padStart(7, '0')}`;
