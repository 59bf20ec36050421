/**
 * DeleteTaskDefinitions.
 *
 * @module
 */
import type { DeleteTaskDefinitionsResponse } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import { StringListCodec, struct } from '../../codecs/struct.js';
import { taskDefinitionArn } from '../../domain/arn.js';
import { clientException, invalidParameter } from '../../domain/errors.js';
import { taskDefinitionKey, type TaskDefinition } from '../../domain/taskDefinition.js';
import type { Wire } from '../../domain/wire.js';
import { listSizeMessage } from '../listSize.js';
import { defineOperation } from '../operation.js';
import { deleteRequested } from './changeStatus.js';
import { isUnreferenced, scheduleDeletionCheck } from '../../scheduler/taskDefinitionUse.js';
import { parseTaskDefinitionRef } from './resolve.js';
import { storeTaskDefinitionMutably } from './storeTaskDefinition.js';
import { taskDefinitionToWire } from './taskDefinitionWire.js';

/** Most task definitions per DeleteTaskDefinitions call. */
export const MAX_DELETE_TASK_DEFINITIONS = 10;

/** Failure reason for a revision that is still ACTIVE (UNVERIFIED wording). */
export const STILL_ACTIVE_REASON =
  'The specified task definition is still in ACTIVE status. Please deregister the target and try again.';

/** DeleteTaskDefinitions request. */
export const DeleteTaskDefinitionsInput = struct(
  'DeleteTaskDefinitionsRequest',
  { taskDefinitions: StringListCodec },
  ['taskDefinitions'],
);

/**
 * DeleteTaskDefinitions: 1–10 references, each `family:revision` or an ARN with a revision. INACTIVE revisions
 * move to DELETE_IN_PROGRESS (`deleteRequestedAt` set) and are returned; a revision already DELETE_IN_PROGRESS is
 * returned again; unknown revisions fail with reason `MISSING`, ACTIVE ones with {@link STILL_ACTIVE_REASON}.
 *
 * ECS deletes a DELETE_IN_PROGRESS revision for good once no task or deployment references it; until then it
 * stays describable and listed with that status. SIM RULE (`taskDefinitions/completeDeletion.ts`): the twin deletes
 * it one minute after the request, or after the last task referencing it expired (stopped tasks count until
 * they expire, so they stay describable), whichever is later.
 */
export const deleteTaskDefinitions = defineOperation({
  name: 'DeleteTaskDefinitions',
  input: DeleteTaskDefinitionsInput,
  run: (tx, input) => {
    const refs = input.taskDefinitions;
    // SIM RULE: the empty list is worded like ECS's other empty lists ("subnets can not be empty.").
    if (refs.length === 0) return E.left(invalidParameter('taskDefinitions can not be empty.'));
    if (refs.length > MAX_DELETE_TASK_DEFINITIONS) {
      return E.left(invalidParameter(listSizeMessage('taskDefinitions', MAX_DELETE_TASK_DEFINITIONS)));
    }
    const parsed = refs.map((r) => ({ raw: r, ref: parseTaskDefinitionRef(r, tx.config) }));
    const noRevision = parsed.find((p) => p.ref === undefined || p.ref.revision === undefined);
    if (noRevision) {
      return E.left(
        clientException(
          `The task definition '${noRevision.raw}' must be given as family:revision or a full ARN with a revision to be deleted.`,
        ),
      );
    }
    const defs = tx.table('taskDefinitions');
    const deleted: TaskDefinition[] = [];
    const failures: Array<{ arn: string; reason: string }> = [];
    const done = new Set<string>();
    for (const { ref } of parsed) {
      const key = taskDefinitionKey(ref!.family, ref!.revision!);
      if (done.has(key)) continue; // a repeated reference is answered once
      done.add(key);
      const td = defs.get(key);
      const arn = taskDefinitionArn(tx.config, ref!.family, ref!.revision!);
      if (!td) failures.push({ arn, reason: 'MISSING' });
      else if (td.status === 'ACTIVE') failures.push({ arn, reason: STILL_ACTIVE_REASON });
      else {
        const next = td.status === 'INACTIVE' ? deleteRequested(td, tx.nowMs) : td;
        if (next !== td) {
          storeTaskDefinitionMutably(tx, next);
          if (isUnreferenced(tx, key)) scheduleDeletionCheck(tx, key);
        }
        deleted.push(next);
      }
    }
    const output: Wire<DeleteTaskDefinitionsResponse> = {
      taskDefinitions: deleted.map(taskDefinitionToWire),
      failures,
    };
    return E.right(output);
  },
});
