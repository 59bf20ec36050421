/**
 * The spec of the tasks of one RunTask or StartTask call, on Fargate or EC2: what every standalone launch shares
 * (definition, sizes after the overrides, labels, `startedBy`, ECS Exec) plus what its launch type decides.
 * Members are written in one order for both launch types: it is the key order of a spec in World snapshots.
 *
 * @module
 */
import type { Cluster } from '../../domain/cluster.js';
import type { TaskOverrides, TaskSpec } from '../../domain/task.js';
import { taskDefinitionKey, type TaskDefinition } from '../../domain/taskDefinition.js';
import type { Tag } from '../../domain/wire.js';

/** What the launch type decides of a spec. */
export type LaunchSpecFields = Pick<TaskSpec, 'originMs' | 'launchType' | 'ephemeralStorageGiB' | 'platformVersion' | 'platformFamily' | 'reservation'>;

/** The spec of a standalone launch of `td` in `cluster`. */
export function standaloneTaskSpec(
  cluster: Pick<Cluster, 'name'>,
  td: TaskDefinition,
  sizes: { readonly cpuUnits: number; readonly memoryMiB: number; readonly overrides: TaskOverrides },
  labels: { readonly group: string; readonly tags: readonly Tag[] },
  input: { readonly startedBy?: string | undefined; readonly enableExecuteCommand?: boolean | undefined },
  launch: LaunchSpecFields,
): TaskSpec {
  return {
    originMs: launch.originMs,
    clusterName: cluster.name,
    taskDefinitionKey: taskDefinitionKey(td.family, td.revision),
    taskDefinitionArn: td.arn,
    family: td.family,
    cpuUnits: sizes.cpuUnits,
    memoryMiB: sizes.memoryMiB,
    ephemeralStorageGiB: launch.ephemeralStorageGiB,
    launchType: launch.launchType,
    ...(launch.reservation !== undefined ? { reservation: launch.reservation } : {}),
    platformVersion: launch.platformVersion,
    platformFamily: launch.platformFamily,
    cpuArchitecture: td.cpuArchitecture,
    group: labels.group,
    startedBy: input.startedBy,
    tags: labels.tags,
    overrides: sizes.overrides,
    enableExecuteCommand: input.enableExecuteCommand ?? false,
  };
}
