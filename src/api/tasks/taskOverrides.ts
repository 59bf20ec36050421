/**
 * RunTask's `overrides`: checked against the task definition, they give the task's sizes and the normalised
 * overrides DescribeTasks shows. Fargate sizes must be one of Fargate's combinations; EC2 sizes are what the task
 * reserves on its container instance (reference §6.5).
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { clientException, ecsError, invalidParameter, type EcsError } from '../../domain/errors.js';
import type { TaskOverrides } from '../../domain/task.js';
import type { TaskDefinition } from '../../domain/taskDefinition.js';
import { isValidFargateSize, parseCpuUnits, parseMemoryMiB } from '../../fargate/taskSizes.js';
import { MAX_OVERRIDES_JSON_CHARS, PLATFORM_INCOMPATIBLE, type RunTaskRequestInput } from './runTaskRequest.js';

/** The sizes of a task after its overrides. */
export interface Sizes {
  readonly cpuUnits: number;
  readonly memoryMiB: number;
  readonly ephemeralStorageGiB: number;
  readonly overrides: TaskOverrides;
}

/** A container override as RunTask decodes it. */
type ContainerOverrideInput = NonNullable<NonNullable<RunTaskRequestInput['overrides']>['containerOverrides']>[number];

/**
 * The container overrides by container name, each checked: it names a container of the definition, once, with
 * no negative size; the whole override's size is checked first (ECS's limit).
 */
function containerOverridesByName(
  td: TaskDefinition,
  ov: RunTaskRequestInput['overrides'],
): E.Either<EcsError, Map<string, ContainerOverrideInput>> {
  if (ov !== undefined && JSON.stringify(ov).length > MAX_OVERRIDES_JSON_CHARS) {
    // [OBS] ECS's wording for an oversized override.
    return E.left(invalidParameter(`Container Overrides length must be at most ${MAX_OVERRIDES_JSON_CHARS}`));
  }
  const byName = new Map<string, ContainerOverrideInput>();
  const given = ov?.containerOverrides ?? [];
  for (let i = 0; i < given.length; i++) {
    const c = given[i]!;
    if (c.name === undefined) {
      return E.left(invalidParameter(`overrides.containerOverrides[${i}].name is required: it names the container to override.`));
    }
    if (!td.containers.some((spec) => spec.name === c.name)) {
      return E.left(invalidParameter(`Override for container named ${c.name} is not a container in the TaskDefinition.`));
    }
    if (byName.has(c.name)) {
      return E.left(
        invalidParameter(`overrides.containerOverrides[${i}]: container '${c.name}' is overridden more than once.`),
      );
    }
    for (const field of ['cpu', 'memory', 'memoryReservation'] as const) {
      const v = c[field];
      if (v !== undefined && v < 0) {
        return E.left(
          invalidParameter(`overrides.containerOverrides[${i}].${field} must be 0 or greater, but was ${v}.`),
        );
      }
    }
    byName.set(c.name, c);
  }
  return E.right(byName);
}

/**
 * The overrides of a launch that overrides nothing, one object per task definition revision: RunTask without
 * `overrides` is the common call, and each call's tasks share its spec, so a hundred thousand tasks launched ten per
 * call would otherwise hold ten thousand copies of the same `{ containerOverrides: [{ name }…] }`. (A cache of a
 * pure function of the revision; nothing ever changes an overrides object.)
 */
const noOverrides = new WeakMap<TaskDefinition, TaskOverrides>();

/** The overrides as DescribeTasks shows them: one `containerOverrides` entry per container, then the task level. */
function normalised(
  td: TaskDefinition,
  byName: ReadonlyMap<string, ContainerOverrideInput>,
  ov: RunTaskRequestInput['overrides'],
  cpuUnits: number | undefined,
  memoryMiB: number | undefined,
  storage: number | undefined,
): TaskOverrides {
  if (byName.size === 0 && ov?.cpu === undefined && ov?.executionRoleArn === undefined && ov?.memory === undefined && ov?.taskRoleArn === undefined && storage === undefined) {
    let none = noOverrides.get(td);
    if (none === undefined) {
      none = { containerOverrides: td.containers.map((spec) => ({ name: spec.name })) };
      noOverrides.set(td, none);
    }
    return none;
  }
  return {
    containerOverrides: td.containers.map((spec) => ({ ...(byName.get(spec.name) ?? {}), name: spec.name })),
    ...(ov?.cpu !== undefined ? { cpu: String(cpuUnits) } : {}),
    ...(ov?.executionRoleArn !== undefined ? { executionRoleArn: ov.executionRoleArn } : {}),
    ...(ov?.memory !== undefined ? { memory: String(memoryMiB) } : {}),
    ...(ov?.taskRoleArn !== undefined ? { taskRoleArn: ov.taskRoleArn } : {}),
    ...(storage !== undefined ? { ephemeralStorage: { sizeInGiB: storage } } : {}),
  };
}

/** Each container's size after its override: CPU units, memory (hard limit) and memory reservation. */
function containerSizes(td: TaskDefinition, byName: ReadonlyMap<string, ContainerOverrideInput>) {
  return td.containers.map((spec) => {
    const c = byName.get(spec.name);
    return {
      name: spec.name,
      cpu: typeof c?.cpu === 'number' ? c.cpu : spec.cpuUnits,
      memory: typeof c?.memory === 'number' ? c.memory : spec.memoryMiB,
      reservation: typeof c?.memoryReservation === 'number' ? c.memoryReservation : spec.memoryReservationMiB,
    };
  });
}

/** The first container whose CPU or memory exceeds the task's, as ECS words it; undefined when they fit. */
function containersExceedTask(
  containers: ReturnType<typeof containerSizes>,
  cpuUnits: number | undefined,
  memoryMiB: number | undefined,
): EcsError | undefined {
  let cpuSum = 0;
  for (const c of containers) {
    cpuSum += c.cpu;
    if (memoryMiB !== undefined && c.memory !== undefined && c.memory > memoryMiB) {
      return clientException(`The 'memory' setting for container '${c.name}' is greater than for the task.`);
    }
  }
  if (cpuUnits !== undefined && cpuSum > cpuUnits) {
    return clientException(
      `The sum of the 'cpu' settings of the containers (${cpuSum}) is greater than the 'cpu' setting of the task (${cpuUnits}).`,
    );
  }
  return undefined;
}

/**
 * Validates `overrides` against the task definition and returns the task's sizes and the normalised overrides
 * (one `containerOverrides` entry per container, as DescribeTasks shows them).
 */
export function validateOverrides(
  td: TaskDefinition,
  ov: RunTaskRequestInput['overrides'],
  platformVersion: string,
): E.Either<EcsError, Sizes> {
  const checked = containerOverridesByName(td, ov);
  if (E.isLeft(checked)) return checked;
  const byName = checked.right;
  const windows = td.operatingSystemFamily.startsWith('WINDOWS');
  const cpuUnits = ov?.cpu === undefined ? td.cpuUnits : parseCpuUnits(ov.cpu);
  const memoryMiB = ov?.memory === undefined ? td.memoryMiB : parseMemoryMiB(ov.memory);
  if (cpuUnits === undefined || memoryMiB === undefined || !isValidFargateSize(cpuUnits, memoryMiB, windows ? 'WINDOWS' : 'LINUX')) {
    return E.left(
      clientException(
        `No Fargate configuration exists for given values: ${ov?.cpu ?? td.cpuUnits} CPU, ${ov?.memory ?? td.memoryMiB} memory. See the Amazon ECS documentation for the valid values.`,
      ),
    );
  }
  if ((cpuUnits >= 8192 || ov?.ephemeralStorage !== undefined) && platformVersion !== '1.4.0' && !windows) {
    return E.left(ecsError('PlatformTaskDefinitionIncompatibilityException', PLATFORM_INCOMPATIBLE));
  }
  const exceeds = containersExceedTask(containerSizes(td, byName), cpuUnits, memoryMiB);
  if (exceeds !== undefined) return E.left(exceeds);
  const storage = ov?.ephemeralStorage?.sizeInGiB;
  if (storage !== undefined && (storage < 21 || storage > 200)) {
    return E.left(
      invalidParameter(`overrides.ephemeralStorage.sizeInGiB must be between 21 and 200, but was ${storage}.`),
    );
  }
  const overrides = normalised(td, byName, ov, cpuUnits, memoryMiB, storage);
  return E.right({ cpuUnits, memoryMiB, ephemeralStorageGiB: storage ?? td.ephemeralStorageGiB, overrides });
}

/** The sizes of an EC2 task: what DescribeTasks shows, and what it reserves on its instance. */
export interface Ec2Sizes extends Sizes {
  /** CPU units the task reserves: the task's `cpu`, else the sum of its containers'. */
  readonly reservedCpu: number;
  /**
   * MiB the task reserves: the task's `memory`, else the sum over its containers of `memoryReservation`, else
   * `memory` (reference §6.5).
   */
  readonly reservedMemory: number;
}

/**
 * Validates `overrides` for the EC2 launch type: task-level sizes are optional (any value the task definition
 * would accept, no Fargate combination), containers must fit in the task's sizes when it has them, and ephemeral
 * storage cannot be overridden (a Fargate setting). Shown sizes are the task's, else the containers' sums.
 */
export function validateEc2Overrides(td: TaskDefinition, ov: RunTaskRequestInput['overrides']): E.Either<EcsError, Ec2Sizes> {
  const checked = containerOverridesByName(td, ov);
  if (E.isLeft(checked)) return checked;
  const byName = checked.right;
  const taskCpu = ov?.cpu === undefined ? td.cpuUnits : parseCpuUnits(ov.cpu);
  const taskMemory = ov?.memory === undefined ? td.memoryMiB : parseMemoryMiB(ov.memory);
  if (ov?.cpu !== undefined && taskCpu === undefined) {
    return E.left(clientException(`Invalid 'cpu' setting for task: '${ov.cpu}' is not a number of CPU units or vCPUs.`));
  }
  if (ov?.memory !== undefined && taskMemory === undefined) {
    return E.left(clientException(`Invalid 'memory' setting for task: '${ov.memory}' is not a number of MiB or GB.`));
  }
  if (ov?.ephemeralStorage !== undefined) {
    return E.left(invalidParameter('Ephemeral storage overrides are only supported for tasks hosted on AWS Fargate.'));
  }
  const containers = containerSizes(td, byName);
  const exceeds = containersExceedTask(containers, taskCpu, taskMemory);
  if (exceeds !== undefined) return E.left(exceeds);
  let cpuSum = 0;
  let memorySum = 0;
  let reservationSum = 0;
  for (const c of containers) {
    cpuSum += c.cpu;
    memorySum += c.memory ?? c.reservation ?? 0;
    reservationSum += c.reservation ?? c.memory ?? 0;
  }
  const overrides = normalised(td, byName, ov, taskCpu, taskMemory, undefined);
  return E.right({
    cpuUnits: taskCpu ?? cpuSum,
    memoryMiB: taskMemory ?? memorySum,
    ephemeralStorageGiB: 0,
    overrides,
    reservedCpu: taskCpu ?? cpuSum,
    reservedMemory: taskMemory ?? reservationSum,
  });
}
