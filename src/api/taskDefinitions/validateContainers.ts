/**
 * Container-list rules (reference §2.1–2.2): 1–10 containers, each with a valid, unique name and a well-formed
 * image, and at least one essential container.
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
/** Longest `image` without its `@sha256:` digest (a digest reference may be longer). */
export const MAX_IMAGE_LENGTH = 255;

/**
 * An image reference as ECS accepts it: letters, digits, `-`, `_`, `:`, `.`, `/` and `#`, optionally pinned by a
 * `@sha256:` digest of exactly 64 hex digits, either case (ContainerDefinition.image in the API reference).
 */
export const IMAGE_PATTERN = /^[A-Za-z0-9_:./#-]+(@sha256:[0-9A-Fa-f]{64})?$/;

/**
 * Checks a non-blank `image`. An unrendered template (`$ECR_REGISTRY/api:$TAG`, `<IMAGE1_NAME>`,
 * `{{ACCOUNT}}.dkr…`) is the usual real case; ECS answers "Container.image contains invalid characters."
 * (aws-actions/amazon-ecs-render-task-definition#49).
 */
export function validateImage(image: string, index: number): EcsError | undefined {
  if (!IMAGE_PATTERN.test(image)) return clientException('Container.image contains invalid characters.');
  const repositoryAndTag = image.split('@')[0]!;
  if (repositoryAndTag.length > MAX_IMAGE_LENGTH) {
    return clientException(`${containerPath(index)}.image must be at most ${MAX_IMAGE_LENGTH} characters long.`);
  }
  return undefined;
}

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
    const imageError = validateImage(c.image, i);
    if (imageError) return imageError;
  }
  if (!containers.some((c) => c.essential !== false)) {
    return clientException(
      'A task definition must have at least one essential container (every containerDefinitions[].essential is false).',
    );
  }
  return undefined;
}
