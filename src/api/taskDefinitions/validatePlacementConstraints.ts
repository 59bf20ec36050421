/**
 * Task-definition placement constraints (reference §2.1, §9.1): only `memberOf` (the codec admits no other type),
 * at most 10 — the "placement constraints per task" quota, which a task definition alone may not exceed. Fargate
 * refuses them altogether (`validateFargateParameters`).
 *
 * @module
 */
import type { RegisterTaskDefinitionInput } from '../../codecs/taskDefinition.js';
import { clientException, type EcsError } from '../../domain/errors.js';
import { listSizeMessage } from '../listSize.js';

/** "Placement constraints per task" (task definition and RunTask/CreateService together). */
export const MAX_PLACEMENT_CONSTRAINTS = 10;

/** Checks the number of placement constraints in a task definition. */
export function validatePlacementConstraints(
  constraints: RegisterTaskDefinitionInput['placementConstraints'],
): EcsError | undefined {
  const n = constraints?.length ?? 0;
  if (n <= MAX_PLACEMENT_CONSTRAINTS) return undefined;
  return clientException(listSizeMessage('placementConstraints', MAX_PLACEMENT_CONSTRAINTS));
}
