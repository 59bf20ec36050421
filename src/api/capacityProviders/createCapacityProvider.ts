/**
 * CreateCapacityProvider for an Auto Scaling group of the World configuration (a container instance fleet's
 * `autoScalingGroup`; its ARN: `autoScalingGroupArn` in `src/scheduler/ec2/autoScalingGroups.ts`). Strategies then
 * split tasks over the provider's instances by base and weight. The group's size is the configured one: managed
 * scaling is not modelled, so `managedScaling.status: ENABLED` (and managed termination protection, which needs it)
 * is refused with a message that says so.
 *
 * Rules (API reference `CreateCapacityProvider`, `ManagedScaling`): a name of up to 255 letters, digits, hyphens
 * and underscores, not starting with `aws`, `ecs` or `fargate`; one provider per group; defaults targetCapacity
 * 100, minimumScalingStepSize 1, maximumScalingStepSize 10000, instanceWarmupPeriod 300. Refusal wordings are
 * UNVERIFIED unless noted.
 *
 * @module
 */
import type { CreateCapacityProviderResponse } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { Int, literals, TagListCodec } from '../../codecs/common.js';
import { struct } from '../../codecs/struct.js';
import { capacityProviderArn } from '../../domain/arn.js';
import type { CapacityProvider, ManagedScaling } from '../../domain/capacityProvider.js';
import { ecsError, invalidParameter, type EcsError } from '../../domain/errors.js';
import type { Wire } from '../../domain/wire.js';
import { autoScalingGroupsOf } from '../../scheduler/ec2/autoScalingGroups.js';
import { defineOperation } from '../operation.js';
import { validateTags } from '../tags/tags.js';
import { capacityProviderToWire } from './capacityProviderWire.js';

/** `ManagedScaling` in a request (CreateCapacityProvider, UpdateCapacityProvider). */
export const ManagedScalingCodec = struct('ManagedScaling', {
  status: literals(['ENABLED', 'DISABLED']),
  targetCapacity: Int,
  minimumScalingStepSize: Int,
  maximumScalingStepSize: Int,
  instanceWarmupPeriod: Int,
});

/** CreateCapacityProvider request. */
export const CreateCapacityProviderInput = struct(
  'CreateCapacityProviderRequest',
  {
    name: t.string,
    autoScalingGroupProvider: struct(
      'AutoScalingGroupProvider',
      {
        autoScalingGroupArn: t.string,
        managedScaling: ManagedScalingCodec,
        managedTerminationProtection: literals(['ENABLED', 'DISABLED']),
        managedDraining: literals(['ENABLED', 'DISABLED']),
      },
      ['autoScalingGroupArn'],
    ),
    clusterName: t.string,
    managedInstancesProvider: t.unknown,
    tags: TagListCodec,
  },
  ['name'],
);

/** The twin's refusal of managed scaling (not an ECS message). */
export const MANAGED_SCALING_UNSUPPORTED =
  'ecs-twin does not model managed scaling yet: an Auto Scaling group keeps the size of its fleets in the World configuration. Use managedScaling.status DISABLED.';

const NAME = /^[a-zA-Z0-9_-]{1,255}$/;

/**
 * The first problem of `managedScaling` (API reference ranges: targetCapacity 1–100, step sizes 1–10000 with the
 * minimum not above the maximum, warm-up 0–10000), or the twin's refusal of `ENABLED`; undefined when fine.
 */
export function checkManagedScaling(managedScaling: ManagedScaling): EcsError | undefined {
  const ranges: Array<[keyof ManagedScaling, number, number]> = [
    ['targetCapacity', 1, 100],
    ['minimumScalingStepSize', 1, 10_000],
    ['maximumScalingStepSize', 1, 10_000],
    ['instanceWarmupPeriod', 0, 10_000],
  ];
  for (const [field, min, max] of ranges) {
    const v = managedScaling[field] as number;
    if (v < min || v > max) return invalidParameter(`autoScalingGroupProvider.managedScaling.${field} must be between ${min} and ${max}, but was ${v}.`);
  }
  if (managedScaling.minimumScalingStepSize > managedScaling.maximumScalingStepSize) {
    return invalidParameter('autoScalingGroupProvider.managedScaling.minimumScalingStepSize must not be greater than maximumScalingStepSize.');
  }
  if (managedScaling.status === 'ENABLED') return invalidParameter(MANAGED_SCALING_UNSUPPORTED);
  return undefined;
}

/** CreateCapacityProvider. */
export const createCapacityProvider = defineOperation({
  name: 'CreateCapacityProvider',
  input: CreateCapacityProviderInput,
  run: (tx, input): E.Either<EcsError, Wire<CreateCapacityProviderResponse>> => {
    if (!NAME.test(input.name)) {
      return E.left(invalidParameter('The capacity provider name must be 1-255 characters: letters (uppercase and lowercase), numbers, hyphens and underscores.'));
    }
    if (/^(aws|ecs|fargate)/i.test(input.name)) {
      return E.left(invalidParameter("The capacity provider name cannot be prefixed with 'aws', 'ecs', or 'fargate'."));
    }
    if (input.managedInstancesProvider !== undefined || input.clusterName !== undefined) {
      return E.left(invalidParameter('ecs-twin does not model ECS Managed Instances capacity providers: give an autoScalingGroupProvider.'));
    }
    const asg = input.autoScalingGroupProvider;
    if (asg === undefined) return E.left(invalidParameter('autoScalingGroupProvider must be specified.'));
    const group = autoScalingGroupsOf(tx.config).find((g) => g.arn === asg.autoScalingGroupArn || g.name === asg.autoScalingGroupArn);
    if (group === undefined) {
      return E.left(
        invalidParameter(
          `The Auto Scaling group ${asg.autoScalingGroupArn} does not exist in this World: declare it on a container instance fleet (containerInstances[].autoScalingGroup) and use its ARN.`,
        ),
      );
    }
    const providers = tx.table('capacityProviders');
    const existing = providers.get(input.name);
    if (existing !== undefined && existing.status === 'ACTIVE') {
      return E.left(ecsError('ClientException', 'The specified capacity provider already exists. To change the configuration of an existing capacity provider, update the capacity provider.'));
    }
    for (const p of providers.values()) {
      if (p.status === 'ACTIVE' && p.autoScalingGroupName === group.name) {
        return E.left(invalidParameter(`The Auto Scaling group ${group.arn} is already used by the capacity provider ${p.name}.`));
      }
    }
    const ms = asg.managedScaling;
    const managedScaling: ManagedScaling = {
      status: ms?.status ?? 'DISABLED',
      targetCapacity: ms?.targetCapacity ?? 100,
      minimumScalingStepSize: ms?.minimumScalingStepSize ?? 1,
      maximumScalingStepSize: ms?.maximumScalingStepSize ?? 10_000,
      instanceWarmupPeriod: ms?.instanceWarmupPeriod ?? 300,
    };
    const checked = checkManagedScaling(managedScaling);
    if (checked !== undefined) return E.left(checked);
    // Managed termination protection needs managed scaling (API reference, AutoScalingGroupProvider).
    if (asg.managedTerminationProtection === 'ENABLED') {
      return E.left(invalidParameter('The managed termination protection setting for the capacity provider is invalid. To enable managed termination protection for a capacity provider, the Auto Scaling group must have instance protection from scale in enabled.'));
    }
    const tags = validateTags(input.tags ?? []);
    if (E.isLeft(tags)) return tags;
    const provider: CapacityProvider = {
      name: input.name,
      arn: capacityProviderArn(tx.config, input.name),
      status: 'ACTIVE',
      autoScalingGroupName: group.name,
      autoScalingGroupArn: group.arn,
      managedScaling,
      managedTerminationProtection: asg.managedTerminationProtection ?? 'DISABLED',
      managedDraining: asg.managedDraining ?? 'ENABLED',
      tags: tags.right,
    };
    providers.set(provider.name, provider);
    return E.right({ capacityProvider: capacityProviderToWire(provider, true) });
  },
});
