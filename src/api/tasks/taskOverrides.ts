/**
 * RunTask's `overrides`: checked against the task definition, they give the task's sizes and the normalised
 * overrides DescribeTasks shows.
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

/**
 * Validates `overrides` against the task definition and returns the task's sizes and the normalised overrides
 * (one `containerOverrides` entry per container, as DescribeTasks shows them).
 */
export function validateOverrides(
  td: TaskDefinition,
  ov: RunTaskRequestInput['overrides'],
  platformVersion: string,
): E.Either<EcsError, Sizes> {
  if (ov !== undefined && JSON.stringify(ov).length > MAX_OVERRIDES_JSON_CHARS) {
    // [OBS] ECS's wording for an oversized override.
    return E.left(invalidParameter(`Container Overrides length must be at most ${MAX_OVERRIDES_JSON_CHARS}`));
  }
  const byName = new Map<string, Readonly<Record<string, unknown>>>();
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
  let cpuSum = 0;
  for (const spec of td.containers) {
    const c = byName.get(spec.name);
    const cpu = typeof c?.cpu === 'number' ? c.cpu : spec.cpuUnits;
    const memory = typeof c?.memory === 'number' ? c.memory : spec.memoryMiB;
    cpuSum += cpu;
    if (memory !== undefined && memory > memoryMiB) {
      return E.left(clientException(`The 'memory' setting for container '${spec.name}' is greater than for the task.`));
    }
  }
  if (cpuSum > cpuUnits) {
    return E.left(
      clientException(
        `The sum of the 'cpu' settings of the containers (${cpuSum}) is greater than the 'cpu' setting of the task (${cpuUnits}).`,
      ),
    );
  }
  const storage = ov?.ephemeralStorage?.sizeInGiB;
  if (storage !== undefined && (storage < 21 || storage > 200)) {
    return E.left(
      invalidParameter(`overrides.ephemeralStorage.sizeInGiB must be between 21 and 200, but was ${storage}.`),
    );
  }
  const overrides: TaskOverrides = {
    containerOverrides: td.containers.map((spec) => ({ ...(byName.get(spec.name) ?? {}), name: spec.name })),
    ...(ov?.cpu !== undefined ? { cpu: String(cpuUnits) } : {}),
    ...(ov?.executionRoleArn !== undefined ? { executionRoleArn: ov.executionRoleArn } : {}),
    ...(ov?.memory !== undefined ? { memory: String(memoryMiB) } : {}),
    ...(ov?.taskRoleArn !== undefined ? { taskRoleArn: ov.taskRoleArn } : {}),
    ...(storage !== undefined ? { ephemeralStorage: { sizeInGiB: storage } } : {}),
  };
  return E.right({ cpuUnits, memoryMiB, ephemeralStorageGiB: storage ?? td.ephemeralStorageGiB, overrides });
}
