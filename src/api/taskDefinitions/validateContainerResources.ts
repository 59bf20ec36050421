/**
 * Container `cpu`/`memory`/`memoryReservation` against each other and the task size (reference §2.3).
 *
 * What real registrations show (corpus evidence in the reference): `memoryReservation` equal to `memory` is
 * accepted, and reservations are not summed against the task memory — only a container's hard `memory` above the
 * task's is rejected.
 *
 * @module
 */
import { clientException, type EcsError } from '../../domain/errors.js';
import type { RegistrationContext } from './registrationContext.js';
import type { TaskSize } from './validateSizes.js';

/** Docker's minimum container memory (Docker ≥ 20.10); ECS refuses smaller limits. */
export const MIN_CONTAINER_MEMORY_MIB = 6;

/** Checks every container's resources; returns the first violation. */
export function validateContainerResources(ctx: RegistrationContext, size: TaskSize): EcsError | undefined {
  let cpuSum = 0;
  for (const c of ctx.containers) {
    const name = c.name!;
    if (c.cpu !== undefined && c.cpu < 0) return clientException(`Invalid 'cpu' setting for container '${name}'.`);
    cpuSum += c.cpu ?? 0;
    if (c.memory !== undefined && c.memory < MIN_CONTAINER_MEMORY_MIB) {
      return clientException(
        `Invalid 'memory' setting for container '${name}'. The minimum is ${MIN_CONTAINER_MEMORY_MIB} MiB.`,
      );
    }
    if (c.memoryReservation !== undefined && c.memoryReservation < MIN_CONTAINER_MEMORY_MIB) {
      return clientException(
        `Invalid 'memoryReservation' setting for container '${name}'. The minimum is ${MIN_CONTAINER_MEMORY_MIB} MiB.`,
      );
    }
    if (c.memory !== undefined && c.memoryReservation !== undefined && c.memoryReservation > c.memory) {
      return clientException(
        `Invalid setting for container '${name}'. 'memoryReservation' must be less than or equal to 'memory'.`,
      );
    }
    if (size.memoryMiB !== undefined && c.memory !== undefined && c.memory > size.memoryMiB) {
      // Observed wording (pulumi/pulumi-awsx#1220).
      return clientException(`The 'memory' setting for container '${name}' is greater than for the task.`);
    }
    if (size.memoryMiB === undefined && c.memory === undefined && c.memoryReservation === undefined) {
      // Observed wording (cuttlesoft/ecs-deploy.py#17).
      return clientException(
        `Invalid setting for container '${name}'. At least one of 'memory' or 'memoryReservation' must be specified.`,
      );
    }
  }
  if (size.cpuUnits !== undefined && cpuSum > size.cpuUnits) {
    return clientException(
      `The sum of the 'cpu' settings of the containers (${cpuSum}) is greater than the 'cpu' setting of the task (${size.cpuUnits}).`,
    );
  }
  return undefined;
}
