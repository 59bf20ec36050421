/**
 * Which capacity a launch uses: the launch type or capacity-provider strategy of a request, resolved against the
 * cluster (its providers and default strategy).
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import type { StrategyItem } from '../domain/cluster.js';
import { invalidParameter, type EcsError } from '../domain/errors.js';
import type { LaunchChoiceSpec } from '../domain/service.js';
import { validateStrategy, type StrategyItemInput } from './capacityProviderStrategy.js';
import { NO_CONTAINER_INSTANCES } from './tasks/runTaskRequest.js';

/**
 * The launch choice of RunTask, CreateService and UpdateService: FARGATE or EC2 by launch type, or a strategy of
 * the cluster's Fargate providers (the request's, else the cluster's default). Without either, ECS falls back to
 * the EC2 launch type. EC2 needs registered container instances: without any, ECS answers
 * `No Container Instances were found in your cluster.` (reference §6.5).
 */
export function resolveLaunchChoice(
  launchType: string | undefined,
  strategy: readonly StrategyItemInput[] | undefined,
  cluster: {
    readonly capacityProviders: readonly string[];
    readonly defaultCapacityProviderStrategy: readonly StrategyItem[];
    readonly registeredContainerInstancesCount?: number | undefined;
  },
): E.Either<EcsError, LaunchChoiceSpec> {
  const ec2 = (): E.Either<EcsError, LaunchChoiceSpec> =>
    (cluster.registeredContainerInstancesCount ?? 0) === 0
      ? E.left(invalidParameter(NO_CONTAINER_INSTANCES))
      : E.right({ _tag: 'LaunchType', launchType: 'EC2' });
  if (launchType !== undefined && strategy !== undefined && strategy.length > 0) {
    return E.left(
      invalidParameter('Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.'),
    );
  }
  if (launchType !== undefined) {
    if (launchType === 'EC2') return ec2();
    if (launchType !== 'FARGATE') return E.left(invalidParameter(NO_CONTAINER_INSTANCES));
    return E.right({ _tag: 'LaunchType', launchType: 'FARGATE' });
  }
  if (strategy !== undefined && strategy.length > 0) {
    const v = validateStrategy(strategy, cluster);
    return E.isLeft(v) ? v : E.right({ _tag: 'Strategy', strategy: v.right });
  }
  if (cluster.defaultCapacityProviderStrategy.length > 0) {
    return E.right({ _tag: 'Strategy', strategy: cluster.defaultCapacityProviderStrategy });
  }
  // No launch type and no strategy anywhere: ECS falls back to the EC2 launch type.
  return ec2();
}
