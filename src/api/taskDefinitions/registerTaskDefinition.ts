/**
 * RegisterTaskDefinition: validates a task definition as ECS does and stores it as the family's next revision.
 *
 * @module
 */
import type { RegisterTaskDefinitionResponse } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import { RegisterTaskDefinitionRequestCodec } from '../../codecs/taskDefinition.js';
import { taskDefinitionArn } from '../../domain/arn.js';
import { ecsError } from '../../domain/errors.js';
import type { Wire } from '../../domain/wire.js';
import { defineOperation } from '../operation.js';
import { buildTaskDefinition } from './buildTaskDefinition.js';
import { storeTaskDefinitionMutably } from './storeTaskDefinition.js';
import { taskDefinitionTags, taskDefinitionToWire } from './taskDefinitionWire.js';
import { validateRegistration } from './validateRegistration.js';

/** "Revisions per task definition family" quota (deregistered and deleted revisions count). */
export const MAX_REVISIONS_PER_FAMILY = 1_000_000;

/**
 * RegisterTaskDefinition. Revisions grow by one per registration in a family, even after earlier revisions were
 * deregistered or deleted. The response carries the normalised definition and its tags.
 */
export const registerTaskDefinition = defineOperation({
  name: 'RegisterTaskDefinition',
  input: RegisterTaskDefinitionRequestCodec,
  run: (tx, request) => {
    const valid = validateRegistration(request);
    if (E.isLeft(valid)) return valid;
    const family = request.family!;
    const revision = (tx.table('families').get(family)?.lastRevision ?? 0) + 1;
    if (revision > MAX_REVISIONS_PER_FAMILY) {
      return E.left(
        ecsError(
          'LimitExceededException',
          `Family '${family}' has reached the limit of ${MAX_REVISIONS_PER_FAMILY} revisions per task definition family.`,
        ),
      );
    }
    const td = buildTaskDefinition(valid.right.ctx, valid.right.size, {
      revision,
      arn: taskDefinitionArn(tx.config, family, revision),
      nowMs: tx.nowMs,
      accountId: tx.config.accountId,
      tags: valid.right.tags,
    });
    storeTaskDefinitionMutably(tx, td);
    const output: Wire<RegisterTaskDefinitionResponse> = {
      taskDefinition: taskDefinitionToWire(td),
      tags: taskDefinitionTags(td),
    };
    return E.right(output);
  },
});
