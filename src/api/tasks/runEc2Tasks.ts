/**
 * RunTask on the EC2 launch type: the request's EC2-specific checks, then the placement engine places the tasks
 * on the cluster's container instances (`src/scheduler/ec2/launchEc2Tasks.ts`). ECS uses EC2 when the request
 * says so, or when it names neither a launch type nor a capacity-provider strategy and the cluster has no default
 * strategy (reference §7.2).
 *
 * Every registered definition is EC2-compatible (`compatibilities.ts` always lists EC2), so there is no
 * compatibility check here.
 *
 * Not modelled yet: `awsvpc` tasks on EC2 (a task ENI from the request's subnets in the instance's zone) —
 * refused with a message that says so.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Cluster } from '../../domain/cluster.js';
import { invalidParameter, type EcsError } from '../../domain/errors.js';
import type { Task, TaskSpec } from '../../domain/task.js';
import { taskDefinitionKey, type TaskDefinition } from '../../domain/taskDefinition.js';
import type { WorldTxn } from '../../domain/txn.js';
import { launchEc2Tasks, type Ec2LaunchTemplate } from '../../scheduler/ec2/launchEc2Tasks.js';
import { DEFAULT_RUN_TASK_STRATEGIES } from '../../scheduler/placement/place.js';
import { validateEc2Placement } from '../../scheduler/ec2/placementChoice.js';
import {
  EC2_PLATFORM_VERSION,
  NETWORK_CONFIGURATION_NOT_VALID,
  NO_CONTAINER_INSTANCES,
  type RunTaskRequestInput,
} from './runTaskRequest.js';
import { validateLabels } from './taskLabels.js';
import { validateEc2Overrides } from './taskOverrides.js';

/** The twin's refusal of `awsvpc` on EC2 (not an ECS message: the twin does not model EC2 task ENIs yet). */
export const EC2_AWSVPC_UNSUPPORTED =
  'ecs-twin does not model awsvpc tasks on the EC2 launch type yet: use the bridge, host or none network mode, or FARGATE.';

/** Whether a RunTask goes to EC2: by launch type, or by ECS's fallback when nothing else is chosen. */
export function launchesOnEc2(input: RunTaskRequestInput, cluster: Cluster): boolean {
  if (input.launchType !== undefined) return input.launchType === 'EC2';
  if ((input.capacityProviderStrategy ?? []).length > 0) return false;
  return cluster.defaultCapacityProviderStrategy.length === 0;
}

/** What an EC2 RunTask launched, and one `failures` entry per task it could not place. */
export interface Ec2RunResult {
  readonly launched: Task[];
  readonly failures: Array<{ arn?: string; reason: string }>;
}

/** Validates and launches `count` tasks of `td` on the EC2 instances of `cluster`. */
export function runEc2Tasks(
  tx: WorldTxn,
  input: RunTaskRequestInput,
  td: TaskDefinition,
  cluster: Cluster,
  count: number,
): E.Either<EcsError, Ec2RunResult> {
  const tmpl = prepareEc2Launch(input, td, cluster);
  if (E.isLeft(tmpl)) return tmpl;
  const launched: Task[] = [];
  const failures: Array<{ arn?: string; reason: string }> = [];
  for (const o of launchEc2Tasks(tx, tmpl.right, count)) {
    if (o._tag === 'Launched') launched.push(o.task);
    else failures.push(o.arn === undefined ? { reason: o.reason } : { arn: o.arn, reason: o.reason });
  }
  return E.right({ launched, failures });
}

/**
 * The EC2-specific checks of a RunTask request and what its tasks share: the spec (sizes and reservation after the
 * overrides, group, tags) and the validated placement (ECS's RunTask default: random).
 */
export function prepareEc2Launch(input: RunTaskRequestInput, td: TaskDefinition, cluster: Cluster): E.Either<EcsError, Ec2LaunchTemplate> {
  if ((cluster.registeredContainerInstancesCount ?? 0) === 0) return E.left(invalidParameter(NO_CONTAINER_INSTANCES));
  if (input.platformVersion !== undefined) return E.left(invalidParameter(EC2_PLATFORM_VERSION));
  if (td.networkMode === 'awsvpc') return E.left(invalidParameter(EC2_AWSVPC_UNSUPPORTED));
  if (input.networkConfiguration !== undefined) return E.left(invalidParameter(NETWORK_CONFIGURATION_NOT_VALID));
  const sizes = validateEc2Overrides(td, input.overrides);
  if (E.isLeft(sizes)) return sizes;
  const labels = validateLabels(td, cluster.name, input);
  if (E.isLeft(labels)) return labels;
  const placement = validateEc2Placement(td, input.placementConstraints, input.placementStrategy, DEFAULT_RUN_TASK_STRATEGIES);
  if (E.isLeft(placement)) return placement;

  const spec: TaskSpec = {
    clusterName: cluster.name,
    taskDefinitionKey: taskDefinitionKey(td.family, td.revision),
    taskDefinitionArn: td.arn,
    family: td.family,
    cpuUnits: sizes.right.cpuUnits,
    memoryMiB: sizes.right.memoryMiB,
    ephemeralStorageGiB: 0,
    launchType: 'EC2',
    reservation: { cpu: sizes.right.reservedCpu, memory: sizes.right.reservedMemory },
    platformVersion: '',
    platformFamily: '',
    cpuArchitecture: td.cpuArchitecture,
    group: labels.right.group,
    startedBy: input.startedBy,
    tags: labels.right.tags,
    overrides: sizes.right.overrides,
    enableExecuteCommand: input.enableExecuteCommand ?? false,
  };
  return E.right({ spec, definition: td, ...placement.right });
}
