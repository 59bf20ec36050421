/**
 * DeregisterTaskDefinition.
 *
 * @module
 */
import type { DeregisterTaskDefinitionResponse } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { struct } from '../../codecs/struct.js';
import { clientException } from '../../domain/errors.js';
import type { Wire } from '../../domain/wire.js';
import { defineOperation } from '../operation.js';
import { deregistered } from './changeStatus.js';
import { lookupTaskDefinition, parseTaskDefinitionRef } from './resolve.js';
import { storeTaskDefinitionMutably } from './storeTaskDefinition.js';
import { taskDefinitionToWire } from './taskDefinitionWire.js';

/** DeregisterTaskDefinition request. */
export const DeregisterTaskDefinitionInput = struct(
  'DeregisterTaskDefinitionRequest',
  { taskDefinition: t.string },
  ['taskDefinition'],
);

/**
 * DeregisterTaskDefinition: `family:revision` or a full ARN (a revision is required: ECS never picks one).
 * ACTIVE → INACTIVE with `deregisteredAt`; deregistering an INACTIVE or DELETE_IN_PROGRESS revision returns it
 * unchanged. Existing tasks and services are unaffected (they hold the revision by ARN).
 */
export const deregisterTaskDefinition = defineOperation({
  name: 'DeregisterTaskDefinition',
  input: DeregisterTaskDefinitionInput,
  run: (tx, input) => {
    const ref = parseTaskDefinitionRef(input.taskDefinition, tx.config);
    if (ref && ref.revision === undefined) {
      return E.left(
        clientException(
          `taskDefinition '${input.taskDefinition}' has no revision; give family:revision or a full ARN to deregister it.`,
        ),
      );
    }
    const td = lookupTaskDefinition(tx, input.taskDefinition);
    // UNVERIFIED wording for an unknown revision.
    if (!td) return E.left(clientException('The specified task definition does not exist.'));
    const result = td.status === 'ACTIVE' ? deregistered(td, tx.nowMs) : td;
    if (result !== td) storeTaskDefinitionMutably(tx, result);
    const output: Wire<DeregisterTaskDefinitionResponse> = { taskDefinition: taskDefinitionToWire(result) };
    return E.right(output);
  },
});
