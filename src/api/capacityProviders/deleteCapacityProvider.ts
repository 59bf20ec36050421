/**
 * DeleteCapacityProvider: an Auto Scaling group provider that no cluster holds becomes INACTIVE
 * (`updateStatus: DELETE_COMPLETE`) and stays describable; one a cluster holds is refused (remove it with
 * PutClusterCapacityProviders first — API reference; the exception is ECS's, the wording UNVERIFIED). FARGATE and
 * FARGATE_SPOT cannot be deleted.
 *
 * @module
 */
import type { DeleteCapacityProviderResponse } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { struct } from '../../codecs/struct.js';
import { ecsError, invalidParameter, type EcsError } from '../../domain/errors.js';
import type { Wire } from '../../domain/wire.js';
import { defineOperation } from '../operation.js';
import { capacityProviderToWire } from './capacityProviderWire.js';

/** DeleteCapacityProvider request. */
export const DeleteCapacityProviderInput = struct('DeleteCapacityProviderRequest', { capacityProvider: t.string }, ['capacityProvider']);

/** DeleteCapacityProvider. */
export const deleteCapacityProvider = defineOperation({
  name: 'DeleteCapacityProvider',
  input: DeleteCapacityProviderInput,
  run: (tx, input): E.Either<EcsError, Wire<DeleteCapacityProviderResponse>> => {
    const ref = input.capacityProvider;
    const name = ref.startsWith('arn:') ? ref.slice(ref.lastIndexOf('/') + 1) : ref;
    if (name === 'FARGATE' || name === 'FARGATE_SPOT') {
      return E.left(invalidParameter(`The capacity provider ${name} is reserved and cannot be deleted.`));
    }
    const providers = tx.table('capacityProviders');
    const p = providers.get(name);
    if (p === undefined || p.status !== 'ACTIVE') return E.left(invalidParameter('The specified capacity provider does not exist.'));
    for (const c of tx.table('clusters').values()) {
      if (c.status === 'ACTIVE' && c.capacityProviders.includes(name)) {
        return E.left(
          ecsError('ResourceInUseException', `The specified capacity provider is in use and cannot be deleted: cluster ${c.name} holds it. Remove it with PutClusterCapacityProviders first.`),
        );
      }
    }
    const next = { ...p, status: 'INACTIVE' as const, updateStatus: 'DELETE_COMPLETE' as const };
    providers.set(name, next);
    return E.right({ capacityProvider: capacityProviderToWire(next) });
  },
});
