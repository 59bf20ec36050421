/**
 * The wire form of a capacity provider (`CapacityProvider` of the API: name, ARN, status, `autoScalingGroupProvider`,
 * `updateStatus`, tags), and the two Fargate providers every account has (reference §7.1).
 *
 * @module
 */
import type { CapacityProvider as SdkCapacityProvider } from '@aws-sdk/client-ecs';
import { capacityProviderArn, type ArnScope } from '../../domain/arn.js';
import type { CapacityProvider } from '../../domain/capacityProvider.js';
import type { Wire } from '../../domain/wire.js';

/** An Auto Scaling group provider as ECS describes it; `tags` when asked (`include: ['TAGS']`). */
export function capacityProviderToWire(p: CapacityProvider, includeTags = false): Wire<SdkCapacityProvider> {
  return {
    capacityProviderArn: p.arn,
    name: p.name,
    status: p.status,
    autoScalingGroupProvider: {
      autoScalingGroupArn: p.autoScalingGroupArn,
      managedScaling: { ...p.managedScaling },
      managedTerminationProtection: p.managedTerminationProtection,
      managedDraining: p.managedDraining,
    },
    ...(p.updateStatus !== undefined ? { updateStatus: p.updateStatus } : {}),
    tags: includeTags ? p.tags.map((t) => ({ key: t.key, value: t.value })) : [],
  } as Wire<SdkCapacityProvider>;
}

/** FARGATE or FARGATE_SPOT as DescribeCapacityProviders lists them (ACTIVE, no Auto Scaling group). */
export function fargateProviderToWire(scope: ArnScope, name: 'FARGATE' | 'FARGATE_SPOT'): Wire<SdkCapacityProvider> {
  return { capacityProviderArn: capacityProviderArn(scope, name), name, status: 'ACTIVE', tags: [] } as Wire<SdkCapacityProvider>;
}
