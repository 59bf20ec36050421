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
}

/** One registered revision of a task-definition family. */
export interface TaskDefinition {
  readonly family: string;
  readonly revision: number;
  readonly arn: string;
  readonly status: TaskDefinitionStatus;
  readonly registeredAtMs: number;
  readonly deregisteredAtMs?: number;
  /** Task-level CPU units, when set (always set for FARGATE-compatible definitions). */
  readonly cpuUnits?: number;
  /** Task-level memory in MiB, when set. */
  readonly memoryMiB?: number;
  readonly networkMode: 'bridge' | 'host' | 'awsvpc' | 'none';
  readonly requiresCompatibilities: readonly string[];
  readonly compatibilities: readonly string[];
  readonly cpuArchitecture: 'X86_64' | 'ARM64';
  readonly operatingSystemFamily: string;
  /** Ephemeral storage in GiB (20 when not configured). */
  readonly ephemeralStorageGiB: number;
  readonly containers: readonly ContainerSpec[];
  readonly tags: readonly Tag[];
  /** The normalised definition as DescribeTaskDefinition returns it (timestamps in epoch seconds). */
  readonly wire: Wire<SdkTaskDefinition>;
}

/** Per-family bookkeeping: revisions keep growing after deregistration and deletion (reference §2.1). */
export interface TaskDefinitionFamily {
  readonly family: string;
  readonly lastRevision: number;
  /** Revisions currently ACTIVE (for "latest ACTIVE revision" lookups and ListTaskDefinitionFamilies). */
  readonly activeRevisions: readonly number[];
}

/** Key of a revision in `World.taskDefinitions`: family, a space (sorts below every family character, so "a" < "a-b"
 * as ECS orders families), then the revision zero-padded so revisions sort numerically. */
export const taskDefinitionKey = (family: string, revision: number): string =>
  `${family} ${String(revision).padStart(7, '0')}`;
