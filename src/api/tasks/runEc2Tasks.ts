/**
 * RunTask on the EC2 launch type: the request's EC2-specific checks, then the placement engine places the tasks
 * on the cluster's container instances (`src/scheduler/ec2/launchEc2Tasks.ts`). ECS uses EC2 when the request
 * says so, or when it names neither a launch type nor a capacity-provider strategy and the cluster has no default
 * strategy (reference §7.2).
 *
 * The checks and the task template are shared with StartTask ({@link prepareEc2Launch}), which launches on the
 * instances its caller lists instead.
 *
 * Every registered definition is EC2-compatible (`compatibilities.ts` always lists EC2), so there is no
 * compatibility check here.
 *
 * `awsvpc` tasks get a task ENI from the request's subnets in their instance's zone, within the instance type's ENI
 * limit (`launchEc2Tasks.ts`).
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Cluster } from '../../domain/cluster.js';
import { invalidParameter, type EcsError } from '../../domain/errors.js';
import type { Task } from '../../domain/task.js';
import type { TaskDefinition } from '../../domain/taskDefinition.js';
import type { Subnet } from '../../domain/network.js';
import type { WorldTxn } from '../../domain/txn.js';
import { validateNetwork, type NetworkConfigurationInput } from '../networkConfiguration.js';
import { launchEc2Tasks, type Ec2LaunchOutcome, type Ec2LaunchTemplate } from '../../scheduler/ec2/launchEc2Tasks.js';
import { launchParts } from '../../scheduler/ec2/providerLaunches.js';
import { isFargateCapacityProvider } from '../capacityProviderStrategy.js';
import { resolveLaunchChoice } from '../launchChoice.js';
import { DEFAULT_RUN_TASK_STRATEGIES } from '../../scheduler/placement/place.js';
import type { PlacementStrategy } from '../../scheduler/placement/types.js';
import { validateEc2Placement } from '../../scheduler/ec2/placementChoice.js';
import {
  EC2_PLATFORM_VERSION,
  NETWORK_CONFIGURATION_NOT_VALID,
  NO_CONTAINER_INSTANCES,
  type RunTaskRequestInput,
} from './runTaskRequest.js';
import { standaloneTaskSpec } from './standaloneTaskSpec.js';
import { validateLabels } from './taskLabels.js';
import { validateEc2Overrides } from './taskOverrides.js';

/** An EC2 awsvpc task asked for a public IP (observed wording: EC2 task ENIs never get one, reference §8). */
export const EC2_PUBLIC_IP = 'Assign public IP is not supported for this launch type.';

/**
 * The network of an EC2 launch: `awsvpc` needs the request's `awsvpcConfiguration` (validated as on Fargate, without
 * a public IP) and gives its subnets; the other modes take none (ECS's message when one is given).
 */
export function validateEc2Network(
  tx: WorldTxn,
  td: TaskDefinition,
  given: NetworkConfigurationInput | undefined,
): E.Either<EcsError, readonly Subnet[] | undefined> {
  if (td.networkMode !== 'awsvpc') {
    return given === undefined ? E.right(undefined) : E.left(invalidParameter(NETWORK_CONFIGURATION_NOT_VALID));
  }
  if (given?.awsvpcConfiguration?.assignPublicIp === 'ENABLED') return E.left(invalidParameter(EC2_PUBLIC_IP));
  return validateNetwork(tx, given);
}

/**
 * Whether a RunTask goes to EC2 container instances: by launch type, by a strategy (the request's, else the
 * cluster's default) of Auto Scaling group providers, or by ECS's fallback when nothing is chosen.
 */
export function launchesOnEc2(input: RunTaskRequestInput, cluster: Cluster): boolean {
  if (input.launchType !== undefined) return input.launchType === 'EC2';
  const strategy = (input.capacityProviderStrategy ?? []).length > 0 ? input.capacityProviderStrategy! : cluster.defaultCapacityProviderStrategy;
  return strategy.every((i) => !isFargateCapacityProvider(i.capacityProvider));
}

/** What an EC2 RunTask launched, and one `failures` entry per task it could not place. */
export interface Ec2RunResult {
  readonly launched: Task[];
  readonly failures: Array<{ arn?: string; reason: string }>;
}

/**
 * The members of an EC2 launch request that RunTask and StartTask share (StartTask has no placement or platform
 * members: they are absent there).
 */
export type Ec2LaunchRequest = Pick<
  RunTaskRequestInput,
  | 'group'
  | 'startedBy'
  | 'tags'
  | 'propagateTags'
  | 'enableECSManagedTags'
  | 'enableExecuteCommand'
  | 'overrides'
  | 'networkConfiguration'
  | 'platformVersion'
  | 'placementConstraints'
  | 'placementStrategy'
>;

/**
 * The checks every EC2 launch of `td` makes (RunTask, StartTask) and the template its tasks share: no platform
 * version, a network configuration for `awsvpc` only (without a public IP), overrides within the definition's
 * sizes, labels, and the placement (the definition's and the request's constraints; `defaults` when the request
 * names no strategy).
 */
export function prepareEc2Launch(
  tx: WorldTxn,
  input: Ec2LaunchRequest,
  td: TaskDefinition,
  cluster: Cluster,
  defaults: readonly PlacementStrategy[],
): E.Either<EcsError, Ec2LaunchTemplate> {
  if (input.platformVersion !== undefined) return E.left(invalidParameter(EC2_PLATFORM_VERSION));
  const subnets = validateEc2Network(tx, td, input.networkConfiguration);
  if (E.isLeft(subnets)) return subnets;
  const sizes = validateEc2Overrides(td, input.overrides);
  if (E.isLeft(sizes)) return sizes;
  const labels = validateLabels(td, cluster.name, input);
  if (E.isLeft(labels)) return labels;
  const placement = validateEc2Placement(td, input.placementConstraints, input.placementStrategy, defaults);
  if (E.isLeft(placement)) return placement;

  const spec = standaloneTaskSpec(cluster, td, sizes.right, labels.right, input, {
    originMs: tx.nowMs,
    launchType: 'EC2',
    ephemeralStorageGiB: 0,
    platformVersion: '',
    platformFamily: '',
    reservation: { cpu: sizes.right.reservedCpu, memory: sizes.right.reservedMemory },
  });
  return E.right({ spec, definition: td, ...placement.right, ...(subnets.right !== undefined ? { subnets: subnets.right } : {}) });
}

/** Sorts launch outcomes into the tasks launched and RunTask's `failures` entries. */
export function collectEc2Outcomes(outcomes: readonly Ec2LaunchOutcome[], into: Ec2RunResult): void {
  for (const o of outcomes) {
    if (o._tag === 'Launched') into.launched.push(o.task);
    else into.failures.push(o.arn === undefined ? { reason: o.reason } : { arn: o.arn, reason: o.reason });
  }
}

/** Validates and launches `count` tasks of `td` on the EC2 instances of `cluster`. */
export function runEc2Tasks(
  tx: WorldTxn,
  input: RunTaskRequestInput,
  td: TaskDefinition,
  cluster: Cluster,
  count: number,
): E.Either<EcsError, Ec2RunResult> {
  if ((cluster.registeredContainerInstancesCount ?? 0) === 0) return E.left(invalidParameter(NO_CONTAINER_INSTANCES));
  // EC2 by launch type or fallback is one part; a strategy of Auto Scaling group providers splits the call by base
  // and weight (the base counts per call, as for Fargate providers: reference §7.2).
  const launch = resolveLaunchChoice(input.launchType, input.capacityProviderStrategy, cluster);
  if (E.isLeft(launch)) return launch;
  const tmpl = prepareEc2Launch(tx, input, td, cluster, DEFAULT_RUN_TASK_STRATEGIES);
  if (E.isLeft(tmpl)) return tmpl;
  const result: Ec2RunResult = { launched: [], failures: [] };
  for (const part of launchParts(tx, cluster.name, launch.right, count)) {
    const t = part.capacityProviderName === undefined ? tmpl.right : { ...tmpl.right, capacityProviderName: part.capacityProviderName, onlyInstances: part.onlyInstances! };
    collectEc2Outcomes(launchEc2Tasks(tx, t, part.count), result);
  }
  return E.right(result);
}
