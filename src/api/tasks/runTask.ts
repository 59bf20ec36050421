/**
 * RunTask: starts 1–10 standalone tasks, on AWS Fargate (returned in PROVISIONING) or on the cluster's EC2
 * container instances (returned in PENDING, `runEc2Tasks.ts`); what happens next happens on the virtual clock
 * (`advance`, see `src/scheduler/lifecycle.ts`).
 *
 * What ECS refuses up front is an exception (validation, throttling); what it reports per task is a `failures`
 * entry (vCPU quota, no capacity in any zone of the request); what it finds out later stays asynchronous (a subnet
 * without free addresses, a capacity shortage that starts while the task is PROVISIONING: the task stops with
 * `TaskFailedToStart`).
 *
 * @module
 */
import type { RunTaskResponse } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import { ecsError, invalidParameter, type EcsError } from '../../domain/errors.js';
import type { Cluster } from '../../domain/cluster.js';
import type { FargatePool, Task } from '../../domain/task.js';
import type { TaskDefinition } from '../../domain/taskDefinition.js';
import type { WorldTxn } from '../../domain/txn.js';
import { hasTokens, takeTokensMutably } from '../../scheduler/fargateAccount.js';
import { chargeRequestMutably } from '../../scheduler/requestRate.js';
import { launchFargateTasks, type LaunchTemplate } from '../../scheduler/launchTasks.js';
import { taskToWire } from '../../scheduler/taskView.js';
import { getActiveCluster } from '../clusters/getCluster.js';
import { defineLazyMember } from '../lazyMember.js';
import { validateNetwork } from '../networkConfiguration.js';
import { defineOperation } from '../operation.js';
import type { Wire } from '../../domain/wire.js';
import { resolveTaskDefinition } from '../taskDefinitions/resolve.js';
import { launchSlots } from './launchSlots.js';
import { launchesOnEc2, runEc2Tasks, type Ec2RunResult as RunResult } from './runEc2Tasks.js';
import { resolvePlatform } from './platformVersion.js';
import { CLIENT_TOKEN, replayClientToken, requestFingerprint } from './runTaskIdempotency.js';
import {
  CLIENT_TOKEN_TTL_MS,
  MAX_RUN_TASK_COUNT,
  NOT_FARGATE_COMPATIBLE,
  RATE_EXCEEDED,
  TASK_COUNT_TOO_HIGH,
  TASK_COUNT_TOO_LOW,
  RunTaskInput,
  type RunTaskRequestInput,
} from './runTaskRequest.js';
import { standaloneTaskSpec } from './standaloneTaskSpec.js';
import { validateLabels } from './taskLabels.js';
import { validateOverrides } from './taskOverrides.js';

const throttled = (): EcsError => ecsError('ThrottlingException', RATE_EXCEEDED);

/** RunTask (Fargate and EC2). */
export const runTask = defineOperation({
  name: 'RunTask',
  input: RunTaskInput,
  run: (tx, input): E.Either<EcsError, Wire<RunTaskResponse>> => {
    const count = input.count ?? 1;
    if (count > MAX_RUN_TASK_COUNT) return E.left(invalidParameter(TASK_COUNT_TOO_HIGH));
    if (count < 1) return E.left(invalidParameter(TASK_COUNT_TOO_LOW));
    if (input.clientToken !== undefined && !CLIENT_TOKEN.test(input.clientToken)) {
      return E.left(
        invalidParameter('clientToken must be 1-64 characters of printable ASCII (codes 33-126) without spaces.'),
      );
    }
    const cluster = getActiveCluster(tx, input.cluster);
    if (E.isLeft(cluster)) return cluster;
    const clusterName = cluster.right.name;
    if (!chargeRequestMutably(tx, 'RunTask')) return E.left(throttled());

    // Idempotency: a retry with the same token and the same request answers the first call again. The token is
    // bound per resolved cluster, so the fingerprint leaves the cluster out.
    const tokenKey = input.clientToken === undefined ? undefined : `${clusterName}\u0000${input.clientToken}`;
    const fingerprint = tokenKey === undefined ? '' : requestFingerprint(input, count);
    if (tokenKey !== undefined) {
      const prior = tx.table('clientTokens').get(tokenKey);
      if (prior) return replayClientToken(tx, prior, fingerprint);
    }

    if (input.launchType !== undefined && input.capacityProviderStrategy !== undefined) {
      return E.left(
        invalidParameter(
          'Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.',
        ),
      );
    }
    const td = resolveTaskDefinition(tx, input.taskDefinition);
    if (E.isLeft(td)) return td;
    const run = launchesOnEc2(input, cluster.right)
      ? runEc2Tasks(tx, input, td.right, cluster.right, count)
      : runFargateTasks(tx, input, td.right, cluster.right, count);
    if (E.isLeft(run)) return run;
    const { launched, failures } = run.right;
    if (tokenKey !== undefined) {
      tx.table('clientTokens').set(tokenKey, { fingerprint, taskSeqs: launched.map((t) => t.seq), failures });
      tx.schedule(tx.nowMs + CLIENT_TOKEN_TTL_MS, { _tag: 'ClientTokenExpiry', tokenKey });
    }
    // The tasks as of now, built when first read (see lazyMember.ts): everything they are built from is immutable.
    const { config, nowMs } = tx;
    const definition = td.right;
    const response = defineLazyMember({}, 'tasks', () =>
      launched.map((t) => taskToWire(config, t, definition, { nowMs, includeTags: true })),
    ) as Wire<RunTaskResponse>;
    response.failures = failures;
    return E.right(response);
  },
});

/** RunTask on Fargate, after the common checks: the Fargate-specific ones, launch tokens, then the launch. */
function runFargateTasks(
  tx: WorldTxn,
  input: RunTaskRequestInput,
  td: TaskDefinition,
  cluster: Cluster,
  count: number,
): E.Either<EcsError, RunResult> {
  const slots = launchSlots(input, cluster.capacityProviders, cluster.defaultCapacityProviderStrategy, count);
  if (E.isLeft(slots)) return slots;
  if (!td.compatibilities.includes('FARGATE')) return E.left(invalidParameter(NOT_FARGATE_COMPATIBLE));
  const platform = resolvePlatform(td, input.platformVersion);
  if (E.isLeft(platform)) return platform;
  if ((input.placementConstraints ?? []).length > 0 || (input.placementStrategy ?? []).length > 0) {
    return E.left(
      invalidParameter(
        'placementConstraints and placementStrategy are not supported for tasks using the Fargate launch type.',
      ),
    );
  }
  const subnets = validateNetwork(tx, input.networkConfiguration);
  if (E.isLeft(subnets)) return subnets;
  const sizes = validateOverrides(td, input.overrides, platform.right.version);
  if (E.isLeft(sizes)) return sizes;
  const labels = validateLabels(td, cluster.name, input);
  if (E.isLeft(labels)) return labels;

  // Launch-rate tokens: one per task from its pool's bucket; a call that cannot have them all is throttled.
  const perPool = new Map<FargatePool, number>();
  for (const s of slots.right) perPool.set(s.pool, (perPool.get(s.pool) ?? 0) + 1);
  for (const [pool, n] of perPool) if (!hasTokens(tx, `launch:${pool}`, n)) return E.left(throttled());
  for (const [pool, n] of perPool) takeTokensMutably(tx, `launch:${pool}`, n);

  const spec = standaloneTaskSpec(cluster, td, sizes.right, labels.right, input, {
    originMs: tx.nowMs,
    launchType: 'FARGATE',
    ephemeralStorageGiB: sizes.right.ephemeralStorageGiB,
    platformVersion: platform.right.version,
    platformFamily: platform.right.family,
  });
  const tmpl: LaunchTemplate = { spec, containerCount: td.containers.length, subnets: subnets.right };
  const launched: Task[] = [];
  const failures: Array<{ arn?: string; reason: string }> = [];
  for (const outcome of launchFargateTasks(tx, tmpl, slots.right)) {
    if (outcome._tag === 'Failed') failures.push({ reason: outcome.reason });
    else launched.push(outcome.task);
  }
  return E.right({ launched, failures });
}
