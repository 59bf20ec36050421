/**
 * "Why didn't my task place?" — what a RunTask on the EC2 launch type would do in a World, without doing it: the
 * container instances the placement engine would pick, and for the tasks it could not place, ECS's reason plus what
 * ECS does not say — how many instances each filter rejected and the closest instance with what it lacks
 * ("i-0abc…: needs 512 MiB more memory"). Beyond ECS; the World is not changed.
 *
 * The request is a RunTask request (decoded and checked as RunTask checks it on EC2), except that `count` may go up
 * to {@link MAX_EXPLAIN_COUNT} for what-if questions ("would 200 more fit?").
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { REQUEST_LIMITS, readPlainInput } from '../codecs/plainInput.js';
import { decodeFailure } from '../codecs/reporter.js';
import { ecsError, invalidParameter, type EcsError } from '../domain/errors.js';
import { WorldTxn } from '../domain/txn.js';
import type { World } from '../domain/world.js';
import { getActiveCluster } from '../api/clusters/getCluster.js';
import { resolveTaskDefinition } from '../api/taskDefinitions/resolve.js';
import { launchesOnEc2, prepareEc2Launch } from '../api/tasks/runEc2Tasks.js';
import { NO_CONTAINER_INSTANCES, RunTaskInput } from '../api/tasks/runTaskRequest.js';
import { clusterFleet } from '../scheduler/ec2/clusterFleet.js';
import { placementRequestOf } from '../scheduler/ec2/launchEc2Tasks.js';
import { DEFAULT_RUN_TASK_STRATEGIES, placeTasks } from '../scheduler/placement/place.js';
import type { FailureReason, PlacementExplanation } from '../scheduler/placement/types.js';

/** Most tasks one question may ask about. */
export const MAX_EXPLAIN_COUNT = 10_000;

/** Where one task would go. */
export interface PlannedPlacement {
  readonly containerInstanceArn: string;
  readonly ec2InstanceId: string;
  readonly availabilityZone: string;
}

/** The answer: the placements in order, then why the rest would not place. */
export interface PlacementReport {
  readonly placed: readonly PlannedPlacement[];
  /** Tasks that would not be placed (they share one explanation: the fleet as it is after the placed ones). */
  readonly unplaced: number;
  /** ECS's reason for them (RunTask `failures[].reason`). */
  readonly reason?: FailureReason;
  /** The engine's explanation: instances rejected per filter, the closest instance and what it lacks. */
  readonly explanation?: PlacementExplanation & { readonly closestContainerInstanceArn?: string };
}

/**
 * Explains where `request` (a RunTask request for the EC2 launch type) would place its tasks in `world`. Errors are
 * RunTask's (an unknown cluster or definition, a bad constraint, …). Pure: the World is unchanged.
 *
 * @example
 * ```ts
 * const r = explainPlacement(world, { cluster: 'prod', taskDefinition: 'web', count: 20 });
 * // right({ placed: [...18], unplaced: 2, reason: 'RESOURCE:MEMORY',
 * //   explanation: { text: '2 tasks not placed: … closest i-0abc…: needs 512 MiB more memory', … } })
 * ```
 */
export function explainPlacement(world: World, request: unknown): E.Either<EcsError, PlacementReport> {
  const plain = readPlainInput(request === undefined || request === null ? {} : request, REQUEST_LIMITS, 'request');
  if (E.isLeft(plain)) return E.left(ecsError('SerializationException', plain.left.message));
  const decoded = RunTaskInput.decode(plain.right);
  if (E.isLeft(decoded)) return E.left(decodeFailure(decoded.left));
  const input = decoded.right;
  const count = input.count ?? 1;
  if (count < 1 || count > MAX_EXPLAIN_COUNT) return E.left(invalidParameter(`count must be between 1 and ${MAX_EXPLAIN_COUNT}, but was ${count}.`));
  const tx = new WorldTxn(world);
  const cluster = getActiveCluster(tx, input.cluster);
  if (E.isLeft(cluster)) return cluster;
  if (!launchesOnEc2(input, cluster.right)) {
    return E.left(
      invalidParameter('explainPlacement explains placement on EC2 container instances: the request would launch on Fargate (launchType or a capacity provider strategy).'),
    );
  }
  if ((cluster.right.registeredContainerInstancesCount ?? 0) === 0) return E.left(invalidParameter(NO_CONTAINER_INSTANCES));
  const td = resolveTaskDefinition(tx, input.taskDefinition);
  if (E.isLeft(td)) return td;
  const tmpl = prepareEc2Launch(tx, input, td.right, cluster.right, DEFAULT_RUN_TASK_STRATEGIES);
  if (E.isLeft(tmpl)) return tmpl;
  const cf = clusterFleet(tx, cluster.right.name);
  const placed = placeTasks(cf.fleet, placementRequestOf(tx, cf, tmpl.right, count));
  if (E.isLeft(placed)) return E.left(invalidParameter(placed.left));
  const instanceOf = (ec2InstanceId: string) => cf.instances[cf.fleet.indexOf(ec2InstanceId)]!;
  const report: PlacementReport = {
    placed: placed.right.placements.map((id) => {
      const ci = instanceOf(id);
      return { containerInstanceArn: ci.arn, ec2InstanceId: id, availabilityZone: cf.fleet.attributes[cf.fleet.indexOf(id)]!.get('ecs.availability-zone') ?? '' };
    }),
    unplaced: placed.right.failures.length,
  };
  const failure = placed.right.failures[0];
  if (failure === undefined) return E.right(report);
  const closest = failure.explanation.closest;
  return E.right({
    ...report,
    reason: failure.reason,
    explanation: { ...failure.explanation, ...(closest !== undefined ? { closestContainerInstanceArn: instanceOf(closest.instanceId).arn } : {}) },
  });
}
