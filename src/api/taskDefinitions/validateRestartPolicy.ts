/**
 * Container restart policies (reference §2.2; API ContainerRestartPolicy): at most 50 `ignoredExitCodes`, and a
 * `restartAttemptPeriod` of 60–1800 seconds (ECS's default, 300, applies when it is left out).
 *
 * @module
 */
import type { ContainerDefinitionInput } from '../../codecs/taskDefinition.js';
import { clientException, type EcsError } from '../../domain/errors.js';
import { listSizeMessage } from '../listSize.js';
import { containerPath } from './registrationContext.js';

/** Most exit codes a restart policy may ignore. */
export const MAX_IGNORED_EXIT_CODES = 50;
/** Bounds of `restartAttemptPeriod`, seconds. */
export const RESTART_ATTEMPT_PERIOD_BOUNDS_SECONDS = { min: 60, max: 1800 } as const;

/** Checks the `restartPolicy` of every container that has one; returns the first violation. */
export function validateRestartPolicies(
  containers: ReadonlyArray<Pick<ContainerDefinitionInput, 'restartPolicy'>>,
): EcsError | undefined {
  for (let i = 0; i < containers.length; i++) {
    const policy = containers[i]!.restartPolicy;
    if (policy === undefined) continue;
    const path = `${containerPath(i)}.restartPolicy`;
    const codes = policy.ignoredExitCodes ?? [];
    if (codes.length > MAX_IGNORED_EXIT_CODES) {
      return clientException(listSizeMessage('ignoredExitCodes', MAX_IGNORED_EXIT_CODES));
    }
    const period = policy.restartAttemptPeriod;
    const { min, max } = RESTART_ATTEMPT_PERIOD_BOUNDS_SECONDS;
    if (period !== undefined && (period < min || period > max)) {
      return clientException(`${path}.restartAttemptPeriod must be between ${min} and ${max} seconds, but was ${period}.`);
    }
  }
  return undefined;
}
