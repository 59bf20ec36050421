/**
 * Task-level `cpu`/`memory` (reference §1.1): parsing of the integer and text forms, the Fargate size table (Linux
 * and Windows rows), and the EC2 range.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { clientException, type EcsError } from '../../domain/errors.js';
import { isValidFargateSize, parseCpuUnits, parseMemoryMiB } from '../../fargate/taskSizes.js';

/** The parsed task size; absent members were not given (allowed outside Fargate). */
export interface TaskSize {
  readonly cpuUnits?: number;
  readonly memoryMiB?: number;
}

/** Smallest task `cpu` outside Fargate (0.125 vCPU), per the current API model. */
export const MIN_EC2_TASK_CPU_UNITS = 128;
/** Largest task `cpu` outside Fargate (192 vCPU), per the current API model (since Feb 2025). */
export const MAX_EC2_TASK_CPU_UNITS = 196_608;

/** What the size rules need to know about the definition. */
export interface SizeRules {
  readonly requiresFargate: boolean;
  readonly isWindows: boolean;
}

/**
 * Parses and checks the task size. Fargate needs both values and a pair from the table (Windows: the 1–4 vCPU
 * rows); elsewhere each value is optional and `cpu` must lie in 128–196608 units.
 *
 * Messages: "Invalid 'cpu' setting for task." (DG/task-cpu-memory-error.html), "Fargate requires that 'cpu' be
 * defined at the task level." (observed), and the SIM RULE form "No Fargate configuration exists for given
 * values: {cpu} CPU, {memory} memory. See the Amazon ECS documentation for the valid values." with the normalised
 * integers.
 */
export function validateSizes(
  cpu: string | undefined,
  memory: string | undefined,
  rules: SizeRules,
): E.Either<EcsError, TaskSize> {
  const cpuUnits = cpu === undefined ? undefined : parseCpuUnits(cpu);
  if (cpu !== undefined && (cpuUnits === undefined || cpuUnits <= 0)) {
    return E.left(clientException("Invalid 'cpu' setting for task."));
  }
  const memoryMiB = memory === undefined ? undefined : parseMemoryMiB(memory);
  if (memory !== undefined && (memoryMiB === undefined || memoryMiB <= 0)) {
    return E.left(clientException("Invalid 'memory' setting for task."));
  }
  if (rules.requiresFargate) {
    if (cpuUnits === undefined) return E.left(clientException("Fargate requires that 'cpu' be defined at the task level."));
    if (memoryMiB === undefined) {
      return E.left(clientException("Fargate requires that 'memory' be defined at the task level."));
    }
    if (!isValidFargateSize(cpuUnits, memoryMiB, rules.isWindows ? 'WINDOWS' : 'LINUX')) {
      return E.left(
        clientException(
          `No Fargate configuration exists for given values: ${cpuUnits} CPU, ${memoryMiB} memory. See the Amazon ECS documentation for the valid values.`,
        ),
      );
    }
  } else if (cpuUnits !== undefined && (cpuUnits < MIN_EC2_TASK_CPU_UNITS || cpuUnits > MAX_EC2_TASK_CPU_UNITS)) {
    return E.left(clientException("Invalid 'cpu' setting for task."));
  }
  return E.right({
    ...(cpuUnits !== undefined ? { cpuUnits } : {}),
    ...(memoryMiB !== undefined ? { memoryMiB } : {}),
  });
}
