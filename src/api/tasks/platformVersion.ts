/**
 * Fargate platform versions: which versions exist, what `LATEST` means, and what a version cannot run.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { ecsError, type EcsError } from '../../domain/errors.js';
import type { TaskDefinition } from '../../domain/taskDefinition.js';
import { PLATFORM_INCOMPATIBLE, PLATFORM_UNKNOWN } from './runTaskRequest.js';

/** Linux platform versions, newest first (reference §1.3). */
export const LINUX_PLATFORM_VERSIONS: readonly string[] = ['1.4.0', '1.3.0'];
/** Windows platform versions, newest first (reference §1.3). */
export const WINDOWS_PLATFORM_VERSIONS: readonly string[] = ['1.0.0'];

/** The platform version a task lands on (`LATEST` → the newest) and its platform family. */
export function resolvePlatform(
  td: TaskDefinition,
  requested: string | undefined,
): E.Either<EcsError, { readonly version: string; readonly family: string }> {
  const windows = td.operatingSystemFamily.startsWith('WINDOWS');
  const known = windows ? WINDOWS_PLATFORM_VERSIONS : LINUX_PLATFORM_VERSIONS;
  const version = requested === undefined || requested === 'LATEST' ? known[0]! : requested;
  if (!known.includes(version)) return E.left(ecsError('PlatformUnknownException', PLATFORM_UNKNOWN));
  // Before 1.4.0: no configurable ephemeral storage, no 8/16 vCPU sizes, no ARM64 (reference §1.3).
  if (
    !windows &&
    version !== '1.4.0' &&
    (td.ephemeralStorageGiB > 20 || (td.cpuUnits ?? 0) >= 8192 || td.cpuArchitecture === 'ARM64')
  ) {
    return E.left(ecsError('PlatformTaskDefinitionIncompatibilityException', PLATFORM_INCOMPATIBLE));
  }
  return E.right({ version, family: windows ? td.operatingSystemFamily : 'Linux' });
}
