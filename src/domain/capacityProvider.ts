/**
 * Auto Scaling group capacity providers (reference §7.1): a named group of EC2 container instances — those its Auto
 * Scaling group launched — that capacity-provider strategies split tasks over by base and weight, as they do the
 * Fargate providers. The Auto Scaling groups themselves are declared in the World configuration (a container
 * instance fleet's `autoScalingGroup`); their size is fixed there: managed scaling is not modelled.
 *
 * @module
 */
import type { Tag } from './wire.js';

/** `managedScaling` of a provider (API reference `ManagedScaling`, defaults applied). */
export interface ManagedScaling {
  readonly status: 'ENABLED' | 'DISABLED';
  readonly targetCapacity: number;
  readonly minimumScalingStepSize: number;
  readonly maximumScalingStepSize: number;
  readonly instanceWarmupPeriod: number;
}

/** An Auto Scaling group capacity provider. */
export interface CapacityProvider {
  readonly name: string;
  readonly arn: string;
  /** ACTIVE, or INACTIVE once deleted (still describable, as ECS keeps it for a while). */
  readonly status: 'ACTIVE' | 'INACTIVE';
  /** The Auto Scaling group's name (its instances are the container instances with that `autoScalingGroup`). */
  readonly autoScalingGroupName: string;
  readonly autoScalingGroupArn: string;
  readonly managedScaling: ManagedScaling;
  readonly managedTerminationProtection: 'ENABLED' | 'DISABLED';
  readonly managedDraining: 'ENABLED' | 'DISABLED';
  readonly tags: readonly Tag[];
  /** `DELETE_COMPLETE` once deleted; absent while ACTIVE. */
  readonly updateStatus?: 'DELETE_COMPLETE';
}
