/**
 * StartTask (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_StartTask.html): "Starts a new task from
 * the specified task definition on the specified container instance or instances" — the EC2 launch where the
 * caller, not ECS's scheduler, chooses the instances. One task per listed instance (1–10, ids or ARNs; a ref listed
 * twice starts two tasks there); an instance that cannot take its task is a `failures` entry with the placement
 * engine's reason (`RESOURCE:MEMORY`, `RESOURCE:PORTS`, …) and the instance's ARN. The response has RunTask's shape.
 *
 * The request is checked as RunTask on EC2 checks it (`prepareEc2Launch` in `runEc2Tasks.ts`): no network
 * configuration (and no `awsvpc`, not modelled on EC2), overrides within the definition's sizes, labels and tags.
 *
 * SIM RULES (the API reference is silent on these):
 * - An unknown or deregistered instance is a `failures` entry `{ arn, reason: 'MISSING' }` (the reason Describe*
 *   and UpdateContainerInstancesState give for an unknown instance, reference §6.5), not an exception.
 * - StartTask has no placement members; the task definition's `memberOf` constraints still apply to the listed
 *   instance (a listed instance that does not satisfy them is a failure `MemberOf placement constraint unsatisfied`).
 * - A DRAINING instance takes no task (failure reason `DRAINING`, the engine's word: ECS documents none).
 * - `volumeConfigurations` (Amazon EBS volumes at launch) are not modelled: a non-empty list is refused.
 *
 * @module
 */
import type { StartTaskResponse } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { literals } from '../../codecs/common.js';
import { list, StringListCodec, struct } from '../../codecs/struct.js';
import { TaskDefinitionTagCodec } from '../../codecs/taskDefinition.js';
import { containerInstanceKey } from '../../domain/containerInstance.js';
import { ecsError, invalidParameter, type EcsError } from '../../domain/errors.js';
import type { Wire } from '../../domain/wire.js';
import { launchEc2Tasks } from '../../scheduler/ec2/launchEc2Tasks.js';
import { DEFAULT_RUN_TASK_STRATEGIES } from '../../scheduler/placement/place.js';
import { chargeRequestMutably } from '../../scheduler/requestRate.js';
import { taskToWire } from '../../scheduler/taskView.js';
import { getActiveCluster } from '../clusters/getCluster.js';
import { lookupInstance, missingArn } from '../containerInstances/findContainerInstance.js';
import { defineLazyMember } from '../lazyMember.js';
import { listSizeMessage } from '../listSize.js';
import { NetworkConfigurationCodec } from '../networkConfiguration.js';
import { defineOperation } from '../operation.js';
import { resolveTaskDefinition } from '../taskDefinitions/resolve.js';
import { collectEc2Outcomes, prepareEc2Launch, type Ec2RunResult } from './runEc2Tasks.js';
import { RATE_EXCEEDED, TaskOverrideCodec } from './runTaskRequest.js';

/** Most container instances per StartTask (reference §9.1, not adjustable). */
export const MAX_START_TASK_INSTANCES = 10;

/** The twin's refusal of `volumeConfigurations` (not an ECS message: EBS volumes at launch are not modelled). */
export const VOLUME_CONFIGURATIONS_UNSUPPORTED =
  'ecs-twin does not model volumeConfigurations (Amazon EBS volumes configured at launch) yet: omit them or pass an empty list.';

/** StartTask request (`@aws-sdk/client-ecs` `StartTaskRequest`; `null` members read as absent). */
export const StartTaskInput = struct(
  'StartTaskRequest',
  {
    cluster: t.string,
    containerInstances: StringListCodec,
    enableECSManagedTags: t.boolean,
    enableExecuteCommand: t.boolean,
    group: t.string,
    networkConfiguration: NetworkConfigurationCodec,
    overrides: TaskOverrideCodec,
    propagateTags: literals(['TASK_DEFINITION', 'SERVICE', 'NONE']),
    referenceId: t.string,
    startedBy: t.string,
    tags: list(TaskDefinitionTagCodec, 'list of tags'),
    taskDefinition: t.string,
    volumeConfigurations: t.UnknownArray,
  },
  ['containerInstances', 'taskDefinition'],
);

/** A decoded StartTask request. */
export type StartTaskRequestInput = t.TypeOf<typeof StartTaskInput>;

/** StartTask. */
export const startTask = defineOperation({
  name: 'StartTask',
  input: StartTaskInput,
  run: (tx, input): E.Either<EcsError, Wire<StartTaskResponse>> => {
    const cluster = getActiveCluster(tx, input.cluster);
    if (E.isLeft(cluster)) return cluster;
    const clusterName = cluster.right.name;
    const refs = input.containerInstances;
    if (refs.length === 0) return E.left(invalidParameter('containerInstances can not be empty.'));
    if (refs.length > MAX_START_TASK_INSTANCES) {
      return E.left(invalidParameter(listSizeMessage('containerInstances', MAX_START_TASK_INSTANCES)));
    }
    // No StartTask bucket is documented (reference §9.3): this charges nothing today, and keeps the call in step
    // with RunTask's when one is added to `REQUEST_BUCKETS`.
    if (!chargeRequestMutably(tx, 'StartTask')) return E.left(ecsError('ThrottlingException', RATE_EXCEEDED));
    if ((input.volumeConfigurations ?? []).length > 0) return E.left(invalidParameter(VOLUME_CONFIGURATIONS_UNSUPPORTED));
    const td = resolveTaskDefinition(tx, input.taskDefinition);
    if (E.isLeft(td)) return td;
    // Strategies do not matter with one candidate per task; the default keeps the template complete.
    const tmpl = prepareEc2Launch(tx, input, td.right, cluster.right, DEFAULT_RUN_TASK_STRATEGIES);
    if (E.isLeft(tmpl)) return tmpl;

    const result: Ec2RunResult = { launched: [], failures: [] };
    for (const ref of refs) {
      const ci = lookupInstance(tx, clusterName, ref);
      if (ci === undefined || ci.status === 'INACTIVE') {
        result.failures.push({ arn: missingArn(tx, clusterName, ref), reason: 'MISSING' });
        continue;
      }
      const only = new Set([containerInstanceKey(clusterName, ci.id)]);
      const outcomes = launchEc2Tasks(tx, { ...tmpl.right, onlyInstances: only }, 1);
      // The only candidate is this instance: a failure is always about it.
      collectEc2Outcomes(
        outcomes.map((o) => (o._tag === 'Failed' ? { ...o, arn: ci.arn } : o)),
        result,
      );
    }
    const { config, nowMs } = tx;
    const definition = td.right;
    const { launched, failures } = result;
    // The tasks as of now, built when first read (see lazyMember.ts), as RunTask answers.
    const response = defineLazyMember({}, 'tasks', () =>
      launched.map((task) => taskToWire(config, task, definition, { nowMs, includeTags: true })),
    ) as Wire<StartTaskResponse>;
    response.failures = failures;
    return E.right(response);
  },
});
