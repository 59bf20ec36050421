/**
 * Which pool each task of a RunTask comes from: FARGATE by launch type, or the FARGATE / FARGATE_SPOT capacity
 * providers of a strategy (the request's or the cluster's default), split by base and weight for this call.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import type { StrategyItem } from '../../domain/cluster.js';
import type { EcsError } from '../../domain/errors.js';
import { slotsFor, type LaunchSlot } from '../../scheduler/launchTasks.js';
import type { StrategyItemInput } from '../capacityProviderStrategy.js';
import { resolveLaunchChoice } from '../launchChoice.js';

/** What a launch asks for: a launch type, or a strategy (absent or empty means the cluster's default). */
export interface LaunchChoice {
  readonly launchType?: string | undefined;
  readonly capacityProviderStrategy?: readonly StrategyItemInput[] | undefined;
}

/**
 * One slot per task: FARGATE by launch type, or the providers of the request's strategy (or the cluster's
 * default), split by base and weight for this call (reference §7.2: base counts per RunTask call, UNVERIFIED).
 */
export function launchSlots(
  input: LaunchChoice,
  clusterProviders: readonly string[],
  defaultStrategy: readonly StrategyItem[],
  count: number,
): E.Either<EcsError, LaunchSlot[]> {
  const choice = resolveLaunchChoice(input.launchType, input.capacityProviderStrategy, {
    capacityProviders: clusterProviders,
    defaultCapacityProviderStrategy: defaultStrategy,
  });
  return E.isLeft(choice) ? choice : E.right(slotsFor(choice.right, count));
}
