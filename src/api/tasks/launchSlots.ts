/**
 * Which pool each task of a launch comes from: FARGATE by launch type, or the FARGATE / FARGATE_SPOT capacity
 * providers of a strategy (the request's or the cluster's default), split by base and weight.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import type { StrategyItem } from '../../domain/cluster.js';
import { invalidParameter, type EcsError } from '../../domain/errors.js';
import { splitByStrategy } from '../../scheduler/capacityProviderSplit.js';
import type { LaunchSlot } from '../../scheduler/launchTasks.js';
import { validateStrategy, type StrategyItemInput } from '../capacityProviderStrategy.js';
import { NO_CONTAINER_INSTANCES } from './runTaskRequest.js';

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
  if (input.launchType !== undefined) {
    if (input.launchType !== 'FARGATE') return E.left(invalidParameter(NO_CONTAINER_INSTANCES));
    return E.right(new Array<LaunchSlot>(count).fill(LAUNCH_TYPE_SLOT));
  }
  let strategy: readonly StrategyItem[];
  if (input.capacityProviderStrategy !== undefined && input.capacityProviderStrategy.length > 0) {
    const v = validateStrategy(input.capacityProviderStrategy, { capacityProviders: clusterProviders });
    if (E.isLeft(v)) return v;
    strategy = v.right;
  } else if (defaultStrategy.length > 0) {
    strategy = defaultStrategy;
  } else {
    // Neither a launch type nor a strategy, and no default strategy: ECS falls back to the EC2 launch type.
    return E.left(invalidParameter(NO_CONTAINER_INSTANCES));
  }
  // A lone provider takes every task, whatever its weight.
  const providers =
    strategy.length === 1
      ? Array.from({ length: count }, () => strategy[0]!.capacityProvider)
      : splitByStrategy(strategy, count);
  return E.right(providers.map((p) => (p === 'FARGATE_SPOT' ? SPOT_SLOT : FARGATE_PROVIDER_SLOT)));
}

/** The slots of a launch: a task by launch type, or by the FARGATE or FARGATE_SPOT capacity provider. */
const LAUNCH_TYPE_SLOT: LaunchSlot = Object.freeze({ pool: 'FARGATE', capacityProviderName: undefined });
const FARGATE_PROVIDER_SLOT: LaunchSlot = Object.freeze({ pool: 'FARGATE', capacityProviderName: 'FARGATE' });
const SPOT_SLOT: LaunchSlot = Object.freeze({ pool: 'FARGATE_SPOT', capacityProviderName: 'FARGATE_SPOT' });
