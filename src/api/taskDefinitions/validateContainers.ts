/**
 * Container-list rules (reference §2.1–2.2): 1–10 containers, each with a valid, unique name and an image, and at
 * least one essential container.
 *
 * @module
 */
import type { ContainerDefinitionInput } from '../../codecs/taskDefinition.js';
import { clientException, type EcsError } from '../../domain/errors.js';
import { containerPath } from './registrationContext.js';
import { MAX_NAME_LENGTH, NAME_PATTERN } from './validateFamily.js';

/** "Containers per task definition" quota (not adjustable). */
export const MAX_CONTAINERS = 10;
/** ECS's answer to more than {@link MAX_CONTAINERS} containers ([OBS] aws/amazon-ecs-cli#184, #951). */
export const TOO_MANY_CONTAINERS = 'Too many containers.';
/** Longest `image` in the `repository:tag` form (a digest reference may be longer). */
export const MAX_IMAGE_LENGTH = 255;

/**
 * Checks the container list and each container's identity. On success the list is known to hold 1–10 containers
 * with valid unique names and non-empty images.
 */
export function validateContainers(
  containers: readonly ContainerDefinitionInput[] | undefined,
): EcsError | undefined {
  if (containers === undefined || containers.length === 0) return clientException('Container list cannot be empty.');
  if (containers.length > MAX_CONTAINERS) {
    // [OBS] ECS's own sentence (aws/amazon-ecs-cli#184, #951), not the list-size pattern.
    return clientException(TOO_MANY_CONTAINERS);
  }
  const seen = new Set<string>();
  for (let i = 0; i < containers.length; i++) {
    const c = containers[i]!;
    const name = c.name;
    // Observed ECS wording (hashicorp/terraform#2888, hashicorp/terraform-provider-aws#5950).
    if (name === undefined || name === '') return clientException('Container.name should not be null or empty.');
    if (name.length > MAX_NAME_LENGTH) {
      return clientException(`${containerPath(i)}.name must be at most ${MAX_NAME_LENGTH} characters long.`);
    }
    if (!NAME_PATTERN.test(name)) return clientException('Container.name contains invalid characters.');
    if (seen.has(name)) {
      return clientException(
        `Duplicate container name '${name}' at ${containerPath(i)}.name: container names must be unique within a task definition.`,
      );
    }
    seen.add(name);
    // Observed ECS wording (aws/aws-cli#5924).
    if (c.image === undefined || c.image.trim() === '') return clientException('Container.image should not be null or empty.');
    if (c.image.length > MAX_IMAGE_LENGTH && !c.image.includes('@')) {
      return clientException(`${containerPath(i)}.image must be at most ${MAX_IMAGE_LENGTH} characters long.`);
    }
  }
  if (!containers.some((c) => c.essential !== false)) {
    return clientException(
      'A task definition must have at least one essential container (every containerDefinitions[].essential is false).',
    );
  }
  return undefined;
}
