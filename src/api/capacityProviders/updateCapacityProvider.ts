/**
 * UpdateCapacityProvider: changes an Auto Scaling group provider's `managedScaling`, `managedTerminationProtection`
 * and `managedDraining` (members not given keep their value). As at creation, managed scaling is not modelled:
 * `ENABLED` is refused with a message that says so.
 *
 * @module
 */
import type { UpdateCapacityProviderResponse } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { literals } from '../../codecs/common.js';
import { struct } from '../../codecs/struct.js';
import type { ManagedScaling } from '../../domain/capacityProvider.js';
import { invalidParameter, type EcsError } from '../../domain/errors.js';
import type { Wire } from '../../domain/wire.js';
import { defineOperation } from '../operation.js';
import { capacityProviderToWire } from './capacityProviderWire.js';
import { checkManagedScaling, ManagedScalingCodec } from './createCapacityProvider.js';

/** UpdateCapacityProvider request. */
export const UpdateCapacityProviderInput = struct(
  'UpdateCapacityProviderRequest',
  {
    name: t.string,
    autoScalingGroupProvider: struct('AutoScalingGroupProviderUpdate', {
      managedScaling: ManagedScalingCodec,
      managedTerminationProtection: literals(['ENABLED', 'DISABLED']),
      managedDraining: literals(['ENABLED', 'DISABLED']),
    }),
    cluster: t.string,
    managedInstancesProvider: t.unknown,
  },
  ['name'],
);

/** UpdateCapacityProvider. */
export const updateCapacityProvider = defineOperation({
  name: 'UpdateCapacityProvider',
  input: UpdateCapacityProviderInput,
  run: (tx, input): E.Either<EcsError, Wire<UpdateCapacityProviderResponse>> => {
    const providers = tx.table('capacityProviders');
    const name = input.name.startsWith('arn:') ? input.name.slice(input.name.lastIndexOf('/') + 1) : input.name;
    const p = providers.get(name);
    if (p === undefined || p.status !== 'ACTIVE') return E.left(invalidParameter('The specified capacity provider does not exist.'));
    const given = input.autoScalingGroupProvider;
    if (given === undefined) return E.left(invalidParameter('autoScalingGroupProvider must be specified.'));
    const ms = given.managedScaling;
    const managedScaling: ManagedScaling = {
      status: ms?.status ?? p.managedScaling.status,
      targetCapacity: ms?.targetCapacity ?? p.managedScaling.targetCapacity,
      minimumScalingStepSize: ms?.minimumScalingStepSize ?? p.managedScaling.minimumScalingStepSize,
      maximumScalingStepSize: ms?.maximumScalingStepSize ?? p.managedScaling.maximumScalingStepSize,
      instanceWarmupPeriod: ms?.instanceWarmupPeriod ?? p.managedScaling.instanceWarmupPeriod,
    };
    const checked = checkManagedScaling(managedScaling);
    if (checked !== undefined) return E.left(checked);
    if (given.managedTerminationProtection === 'ENABLED') {
      return E.left(invalidParameter('The managed termination protection setting for the capacity provider is invalid. To enable managed termination protection for a capacity provider, the Auto Scaling group must have instance protection from scale in enabled.'));
    }
    const next = {
      ...p,
      managedScaling,
      managedTerminationProtection: given.managedTerminationProtection ?? p.managedTerminationProtection,
      managedDraining: given.managedDraining ?? p.managedDraining,
    };
    providers.set(name, next);
    return E.right({ capacityProvider: capacityProviderToWire(next) });
  },
});
