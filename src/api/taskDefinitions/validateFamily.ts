/**
 * The `family` rule (reference §2.1): required, 1–255 letters, digits, underscores and hyphens.
 *
 * @module
 */
import { clientException, type EcsError } from '../../domain/errors.js';

/** Characters allowed in a family (and in container names). */
export const NAME_PATTERN = /^[A-Za-z0-9_-]+$/;
/** Longest family or container name. */
export const MAX_NAME_LENGTH = 255;

/**
 * Checks a `family`. Messages are ECS's where observed: "Family can not be blank." (a missing or empty family)
 * and "Family contains invalid characters.".
 */
export function validateFamily(family: string | undefined): EcsError | undefined {
  if (family === undefined || family === '') return clientException('Family can not be blank.');
  if (family.length > MAX_NAME_LENGTH) {
    return clientException(`family must be at most ${MAX_NAME_LENGTH} characters long, but has ${family.length}.`);
  }
  if (!NAME_PATTERN.test(family)) return clientException('Family contains invalid characters.');
  return undefined;
}
