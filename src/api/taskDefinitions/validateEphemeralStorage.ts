/**
 * `ephemeralStorage.sizeInGiB` (reference §1.2): 21–200 GiB when configured; 20 GiB is the unconfigured default.
 *
 * @module
 */
import { clientException, type EcsError } from '../../domain/errors.js';

/** Bounds of a configured ephemeral storage size, GiB. */
export const EPHEMERAL_STORAGE_BOUNDS_GIB = { min: 21, max: 200 } as const;
/** Ephemeral storage of a task that does not configure it, GiB. */
export const DEFAULT_EPHEMERAL_STORAGE_GIB = 20;

/** Checks a configured ephemeral storage size. */
export function validateEphemeralStorage(storage: { readonly sizeInGiB: number } | undefined): EcsError | undefined {
  if (storage === undefined) return undefined;
  const { min, max } = EPHEMERAL_STORAGE_BOUNDS_GIB;
  if (storage.sizeInGiB < min || storage.sizeInGiB > max) {
    return clientException(
      `ephemeralStorage.sizeInGiB must be between ${min} and ${max} GiB, but was ${storage.sizeInGiB}.`,
    );
  }
  return undefined;
}
