/**
 * A task's `group`, `startedBy` and tags as RunTask sets them (propagated task-definition tags, ECS managed tags).
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { invalidParameter, type EcsError } from '../../domain/errors.js';
import type { TaskDefinition } from '../../domain/taskDefinition.js';
import type { Tag } from '../../domain/wire.js';
import { mergeTags, validateTags } from '../tags/tags.js';
import type { RunTaskRequestInput } from './runTaskRequest.js';

/** No tags (shared, frozen). */
const NO_TAGS: readonly Tag[] = Object.freeze([]);

/** `startedBy`: up to 128 letters, digits, `-`, `/` and `_`. */
export const STARTED_BY = /^[A-Za-z0-9_/-]{1,128}$/;
/** The longest `group`. */
export const MAX_GROUP_LENGTH = 255;

/** Validates and resolves the labels of RunTask's tasks. */
export function validateLabels(
  td: TaskDefinition,
  clusterName: string,
  input: Pick<RunTaskRequestInput, 'group' | 'startedBy' | 'propagateTags' | 'tags' | 'enableECSManagedTags'>,
): E.Either<EcsError, { readonly group: string; readonly tags: readonly Tag[] }> {
  const group = input.group ?? `family:${td.family}`;
  if (group.length === 0 || group.length > MAX_GROUP_LENGTH) {
    return E.left(invalidParameter(`group must be 1-${MAX_GROUP_LENGTH} characters long.`));
  }
  if (input.startedBy !== undefined && !STARTED_BY.test(input.startedBy)) {
    return E.left(
      invalidParameter(
        'startedBy must be up to 128 letters (uppercase and lowercase), numbers, hyphens (-), forward slashes (/) and underscores (_).',
      ),
    );
  }
  if (input.propagateTags === 'SERVICE') {
    return E.left(
      invalidParameter('propagateTags SERVICE applies only to tasks of a service; RunTask accepts TASK_DEFINITION or NONE.'),
    );
  }
  const own = validateTags(input.tags ?? []);
  if (E.isLeft(own)) return own;
  let tags: readonly Tag[] = input.propagateTags === 'TASK_DEFINITION' ? mergeTags(td.tags, own.right) : own.right;
  // ECS managed tags (reserved `aws:` keys, not counted against the 50-tag limit).
  if (input.enableECSManagedTags === true) tags = [...tags, { key: 'aws:ecs:clusterName', value: clusterName }];
  // Untagged launches share one empty list: each call's spec would otherwise keep its own.
  return E.right({ group, tags: tags.length === 0 ? NO_TAGS : tags });
}
