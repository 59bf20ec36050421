/**
 * RunTask on AWS Fargate: starts 1–10 standalone tasks. They are returned in PROVISIONING; what happens next
 * happens on the virtual clock (`advance`, see `src/scheduler/lifecycle.ts`).
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
import * as t from 'io-ts';
import { Int, literals } from '../codecs/common.js';
import { list, StringListCodec, struct } from '../codecs/struct.js';
import {
  EnvironmentFileCodec,
  EphemeralStorageCodec,
  KeyValuePairCodec,
  ResourceRequirementCodec,
  TaskDefinitionTagCodec,
} from '../codecs/taskDefinition.js';
import type { StrategyItem } from '../domain/cluster.js';
import { clientException, ecsError, invalidParameter, type EcsError } from '../domain/errors.js';
import type { Subnet } from '../domain/network.js';
import { compareStrings } from '../domain/pmap.js';
import type { FargatePool, Task, TaskOverrides, TaskSpec } from '../domain/task.js';
import { taskDefinitionKey } from '../domain/taskDefinition.js';
import type { TaskDefinition } from '../domain/taskDefinition.js';
import type { WorldTxn } from '../domain/txn.js';
import type { Tag, Wire } from '../domain/wire.js';
import type { ClientTokenRecord } from '../domain/world.js';
import { isValidFargateSize, parseCpuUnits, parseMemoryMiB } from '../fargate/taskSizes.js';
import { splitByStrategy } from '../scheduler/capacityProviderSplit.js';
import { hasTokens, subnetsById, takeTokensMutably } from '../scheduler/fargateAccount.js';
import { launchFargateTasks, type LaunchSlot, type LaunchTemplate } from '../scheduler/launchTasks.js';
import { taskToWire } from '../scheduler/taskView.js';
import { StrategyInputCodec, validateStrategy } from './capacityProviderStrategy.js';
import { getActiveCluster } from './clusters/getCluster.js';
import { defineLazyMember } from './lazyMember.js';
import { defineOperation } from './operation.js';
import { mergeTags, validateTags } from './tags.js';
import { resolveTaskDefinition } from './taskDefinition/resolve.js';
import { taskWire } from './taskWire.js';

// ---------------------------------------------------------------------------------------------------------------
// request
// ---------------------------------------------------------------------------------------------------------------

/** `awsvpcConfiguration`. */
export const AwsVpcConfigurationCodec = struct(
  'AwsVpcConfiguration',
  { subnets: StringListCodec, securityGroups: StringListCodec, assignPublicIp: literals(['ENABLED', 'DISABLED']) },
  ['subnets'],
);

/** `networkConfiguration`. */
export const NetworkConfigurationCodec = struct('NetworkConfiguration', { awsvpcConfiguration: AwsVpcConfigurationCodec });

/** `ContainerOverride`. */
export const ContainerOverrideCodec = struct('ContainerOverride', {
  name: t.string,
  command: StringListCodec,
  environment: list(KeyValuePairCodec, 'list of KeyValuePair'),
  environmentFiles: list(EnvironmentFileCodec, 'list of EnvironmentFile'),
  cpu: Int,
  memory: Int,
  memoryReservation: Int,
  resourceRequirements: list(ResourceRequirementCodec, 'list of ResourceRequirement'),
});

/** `TaskOverride`. */
export const TaskOverrideCodec = struct('TaskOverride', {
  containerOverrides: list(ContainerOverrideCodec, 'list of ContainerOverride'),
  cpu: t.string,
  inferenceAcceleratorOverrides: list(
    struct('InferenceAcceleratorOverride', { deviceName: t.string, deviceType: t.string }),
    'list of InferenceAcceleratorOverride',
  ),
  executionRoleArn: t.string,
  memory: t.string,
  taskRoleArn: t.string,
  ephemeralStorage: EphemeralStorageCodec,
});

/** RunTask request (`@aws-sdk/client-ecs` `RunTaskRequest`; `null` members read as absent). */
export const RunTaskInput = struct(
  'RunTaskRequest',
  {
    capacityProviderStrategy: StrategyInputCodec,
    cluster: t.string,
    count: Int,
    enableECSManagedTags: t.boolean,
    enableExecuteCommand: t.boolean,
    group: t.string,
    launchType: literals(['EC2', 'FARGATE', 'EXTERNAL', 'MANAGED_INSTANCES']),
    networkConfiguration: NetworkConfigurationCodec,
    overrides: TaskOverrideCodec,
    placementConstraints: list(struct('PlacementConstraint', { type: t.string, expression: t.string }), 'list of PlacementConstraint'),
    placementStrategy: list(struct('PlacementStrategy', { type: t.string, field: t.string }), 'list of PlacementStrategy'),
    platformVersion: t.string,
    propagateTags: literals(['TASK_DEFINITION', 'SERVICE', 'NONE']),
    referenceId: t.string,
    startedBy: t.string,
    tags: list(TaskDefinitionTagCodec, 'list of tags'),
    taskDefinition: t.string,
    clientToken: t.string,
    volumeConfigurations: t.UnknownArray,
  },
  ['taskDefinition'],
);

/** A decoded RunTask request. */
export type RunTaskRequestInput = t.TypeOf<typeof RunTaskInput>;

// ---------------------------------------------------------------------------------------------------------------
// constants and messages
// ---------------------------------------------------------------------------------------------------------------

/** Most tasks per RunTask (reference §9.1, not adjustable). */
export const MAX_RUN_TASK_COUNT = 10;
/** Most subnets in `awsvpcConfiguration` (reference §8). */
export const MAX_SUBNETS = 16;
/** Most security groups in `awsvpcConfiguration` (reference §8). */
export const MAX_SECURITY_GROUPS = 5;
/** Most characters of JSON in `overrides` (reference §9.4). */
export const MAX_OVERRIDES_JSON_CHARS = 8192;
/** How long a `clientToken` stays bound to its first call (ECS publishes no figure; a day, as EC2 documents). */
export const CLIENT_TOKEN_TTL_MS = 24 * 3_600_000;

/** [OBS] PasseiDireto/gh-runner-task-action#8 (reference §2.8). */
export const NETWORK_CONFIGURATION_REQUIRED =
  "Network Configuration must be provided when networkMode 'awsvpc' is specified.";
/** [OBS] aws/aws-cli#3983 (reference §2.8). */
export const NOT_FARGATE_COMPATIBLE = 'Task definition does not support launch_type FARGATE.';
/** ECS's answer when a task would need a container instance, and the twin has none (EC2 comes in a later issue). */
export const NO_CONTAINER_INSTANCES = 'No Container Instances were found in your cluster.';
/** The model's description of PlatformUnknownException (exact wire text UNVERIFIED, reference §1.3). */
export const PLATFORM_UNKNOWN = "The specified platform version doesn't exist.";
/** The model's description of PlatformTaskDefinitionIncompatibilityException (reference §1.3). */
export const PLATFORM_INCOMPATIBLE =
  "The specified platform version doesn't satisfy the required capabilities of the task definition.";
/**
 * The message of a throttled call ([OBS] cisagov/crossfeed#247, AllenInstitute/neuron_morphology#151: RunTask on
 * Fargate answers `ThrottlingException` "Rate exceeded.").
 */
export const RATE_EXCEEDED = 'Rate exceeded.';

const CLIENT_TOKEN = /^[\x21-\x7e]{1,64}$/;
const STARTED_BY = /^[A-Za-z0-9_/-]{1,128}$/;
const MAX_GROUP_LENGTH = 255;
const LINUX_PLATFORM_VERSIONS: readonly string[] = ['1.4.0', '1.3.0'];
const WINDOWS_PLATFORM_VERSIONS: readonly string[] = ['1.0.0'];

const throttled = (): EcsError => ecsError('ThrottlingException', RATE_EXCEEDED);

// ---------------------------------------------------------------------------------------------------------------
// the operation
// ---------------------------------------------------------------------------------------------------------------

/** RunTask (Fargate). */
export const runTask = defineOperation({
  name: 'RunTask',
  input: RunTaskInput,
  run: (tx, input): E.Either<EcsError, Wire<RunTaskResponse>> => {
    const count = input.count ?? 1;
    if (count < 1 || count > MAX_RUN_TASK_COUNT) {
      return E.left(invalidParameter(`count must be between 1 and ${MAX_RUN_TASK_COUNT}, but was ${count}.`));
    }
    if (input.clientToken !== undefined && !CLIENT_TOKEN.test(input.clientToken)) {
      return E.left(
        invalidParameter('clientToken must be 1-64 characters of printable ASCII (codes 33-126) without spaces.'),
      );
    }
    const cluster = getActiveCluster(tx, input.cluster);
    if (E.isLeft(cluster)) return cluster;
    const clusterName = cluster.right.name;
    if (!takeTokensMutably(tx, 'RunTask', 1)) return E.left(throttled());

    // Idempotency: a retry with the same token and the same request answers the first call again. The token is
    // bound per resolved cluster, so the fingerprint leaves the cluster out.
    const tokenKey = input.clientToken === undefined ? undefined : `${clusterName}\u0000${input.clientToken}`;
    const fingerprint = tokenKey === undefined ? '' : requestFingerprint(input, count);
    if (tokenKey !== undefined) {
      const prior = tx.table('clientTokens').get(tokenKey);
      if (prior) return replay(tx, prior, fingerprint);
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
    const slots = launchSlots(input, cluster.right.capacityProviders, cluster.right.defaultCapacityProviderStrategy, count);
    if (E.isLeft(slots)) return slots;
    if (!td.right.compatibilities.includes('FARGATE')) return E.left(invalidParameter(NOT_FARGATE_COMPATIBLE));
    const platform = resolvePlatform(td.right, input.platformVersion);
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
    const sizes = validateOverrides(td.right, input.overrides, platform.right.version);
    if (E.isLeft(sizes)) return sizes;
    const labels = validateLabels(td.right, clusterName, input);
    if (E.isLeft(labels)) return labels;

    // Launch-rate tokens: one per task from its pool's bucket; a call that cannot have them all is throttled.
    const perPool = new Map<FargatePool, number>();
    for (const s of slots.right) perPool.set(s.pool, (perPool.get(s.pool) ?? 0) + 1);
    for (const [pool, n] of perPool) if (!hasTokens(tx, `launch:${pool}`, n)) return E.left(throttled());
    for (const [pool, n] of perPool) takeTokensMutably(tx, `launch:${pool}`, n);

    const spec: TaskSpec = {
      clusterName,
      taskDefinitionKey: taskDefinitionKey(td.right.family, td.right.revision),
      taskDefinitionArn: td.right.arn,
      family: td.right.family,
      cpuUnits: sizes.right.cpuUnits,
      memoryMiB: sizes.right.memoryMiB,
      ephemeralStorageGiB: sizes.right.ephemeralStorageGiB,
      launchType: 'FARGATE',
      platformVersion: platform.right.version,
      platformFamily: platform.right.family,
      cpuArchitecture: td.right.cpuArchitecture,
      group: labels.right.group,
      startedBy: input.startedBy,
      tags: labels.right.tags,
      overrides: sizes.right.overrides,
      enableExecuteCommand: input.enableExecuteCommand ?? false,
    };
    const tmpl: LaunchTemplate = { spec, containerCount: td.right.containers.length, subnets: subnets.right };
    const launched: Task[] = [];
    const failures: Array<{ reason: string }> = [];
    for (const outcome of launchFargateTasks(tx, tmpl, slots.right)) {
      if (outcome._tag === 'Failed') failures.push({ reason: outcome.reason });
      else launched.push(outcome.task);
    }
    if (tokenKey !== undefined) {
      tx.table('clientTokens').set(tokenKey, { fingerprint, taskSeqs: launched.map((t) => t.seq), failures });
      tx.schedule(tx.nowMs + CLIENT_TOKEN_TTL_MS, { _tag: 'ClientTokenExpiry', tokenKey });
    }
    // The tasks as of now, built when first read (see lazyMember.ts): everything they are built from is immutable.
    const { config, nowMs } = tx;
    const definition = td.right;
    const response = defineLazyMember({}, 'tasks', () =>
      launched.map((t) => taskToWire(config, t, definition, { nowMs })),
    ) as Wire<RunTaskResponse>;
    response.failures = failures;
    return E.right(response);
  },
});

/** Members whose empty list means the same as leaving them out (this module reads them so). */
const EMPTY_MEANS_ABSENT: ReadonlySet<string> = new Set([
  'capacityProviderStrategy',
  'placementConstraints',
  'placementStrategy',
  'tags',
]);

/**
 * What a `clientToken` is bound to: the request as it will be carried out, so that a retry spelling out a default
 * (`count: 1`, `enableExecuteCommand: false`, `platformVersion: 'LATEST'`, an empty tag list) or naming the cluster
 * by ARN instead of by name is the same request. The cluster is left out (it is part of the token's key) and so is
 * the token. Top-level members are sorted by name, so whether a default was given or left out does not move it.
 */
function requestFingerprint(input: RunTaskRequestInput, count: number): string {
  const normalised: Record<string, unknown> = {
    ...input,
    count,
    enableECSManagedTags: input.enableECSManagedTags ?? false,
    enableExecuteCommand: input.enableExecuteCommand ?? false,
    platformVersion: input.platformVersion ?? 'LATEST',
    propagateTags: input.propagateTags ?? 'NONE',
  };
  const entries = Object.entries(normalised).filter(
    ([k, v]) =>
      k !== 'cluster' &&
      k !== 'clientToken' &&
      v !== undefined &&
      !(EMPTY_MEANS_ABSENT.has(k) && Array.isArray(v) && v.length === 0),
  );
  // Nested members are decoded in declaration order, so their JSON is canonical already.
  entries.sort(([a], [b]) => compareStrings(a, b));
  return JSON.stringify(Object.fromEntries(entries));
}

/** The answer to a retried `clientToken`: the same tasks as they are now, or a conflict. */
function replay(tx: WorldTxn, prior: ClientTokenRecord, fingerprint: string): E.Either<EcsError, Wire<RunTaskResponse>> {
  const found = prior.taskSeqs.flatMap((seq): Task[] => {
    const task = tx.table('tasks').get(seq);
    return task ? [task] : [];
  });
  if (prior.fingerprint !== fingerprint) {
    return E.left({
      name: 'ConflictException',
      message: 'The clientToken was already used with different request parameters.',
      resourceIds: found.map((task) => taskWire(tx, task).taskArn!),
    });
  }
  return E.right({ tasks: found.map((task) => taskWire(tx, task)), failures: prior.failures.map((f) => ({ ...f })) });
}

// ---------------------------------------------------------------------------------------------------------------
// launch type and capacity providers
// ---------------------------------------------------------------------------------------------------------------

/**
 * One slot per task: FARGATE by launch type, or the providers of the request's strategy (or the cluster's
 * default), split by base and weight for this call (reference §7.2: base counts per RunTask call, UNVERIFIED).
 */
function launchSlots(
  input: RunTaskRequestInput,
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

// ---------------------------------------------------------------------------------------------------------------
// platform version
// ---------------------------------------------------------------------------------------------------------------

/** The platform version a task lands on (`LATEST` → the newest) and its platform family. */
function resolvePlatform(
  td: TaskDefinition,
  requested: string | undefined,
): E.Either<EcsError, { readonly version: string; readonly family: string }> {
  const windows = td.operatingSystemFamily.startsWith('WINDOWS');
  const known = windows ? WINDOWS_PLATFORM_VERSIONS : LINUX_PLATFORM_VERSIONS;
  const version = requested === undefined || requested === 'LATEST' ? known[0]! : requested;
  if (!known.includes(version)) return E.left(ecsError('PlatformUnknownException', PLATFORM_UNKNOWN));
  // Before 1.4.0: no configurable ephemeral storage, no 8/16 vCPU sizes, no ARM64 (reference §1.3).
  if (
    !windows &&
    version !== '1.4.0' &&
    (td.ephemeralStorageGiB > 20 || (td.cpuUnits ?? 0) >= 8192 || td.cpuArchitecture === 'ARM64')
  ) {
    return E.left(ecsError('PlatformTaskDefinitionIncompatibilityException', PLATFORM_INCOMPATIBLE));
  }
  return E.right({ version, family: windows ? td.operatingSystemFamily : 'Linux' });
}

// ---------------------------------------------------------------------------------------------------------------
// network
// ---------------------------------------------------------------------------------------------------------------

/** Validates `awsvpcConfiguration` against the World's network; returns the subnets (de-duplicated, in order). */
function validateNetwork(
  tx: WorldTxn,
  network: RunTaskRequestInput['networkConfiguration'],
): E.Either<EcsError, Subnet[]> {
  const vpcConfig = network?.awsvpcConfiguration;
  if (vpcConfig === undefined) return E.left(invalidParameter(NETWORK_CONFIGURATION_REQUIRED));
  const ids = [...new Set(vpcConfig.subnets)];
  // [OBS] wording of ECS for an empty list.
  if (ids.length === 0) return E.left(invalidParameter('subnets can not be empty.'));
  if (ids.length > MAX_SUBNETS) {
    return E.left(invalidParameter(`subnets can have at most ${MAX_SUBNETS} items, but ${ids.length} were given.`));
  }
  const known = subnetsById(tx.config);
  const subnets: Subnet[] = [];
  for (const id of ids) {
    const s = known.get(id);
    // ECS wraps EC2's error ([OBS] dagster-io/dagster#33439, dask/dask-cloudprovider#56 show the prefix).
    if (!s) {
      return E.left(
        invalidParameter(
          `Error retrieving subnet information for [${id}]: The subnet ID '${id}' does not exist (ErrorCode: InvalidSubnetID.NotFound)`,
        ),
      );
    }
    subnets.push(s);
  }
  const vpcId = subnets[0]!.vpcId;
  const stray = subnets.find((s) => s.vpcId !== vpcId);
  if (stray) {
    return E.left(
      invalidParameter(
        `All subnets must belong to the same VPC: ${subnets[0]!.subnetId} is in ${vpcId} but ${stray.subnetId} is in ${stray.vpcId}.`,
      ),
    );
  }
  const groups = [...new Set(vpcConfig.securityGroups ?? [])];
  if (groups.length > MAX_SECURITY_GROUPS) {
    return E.left(
      invalidParameter(`securityGroups can have at most ${MAX_SECURITY_GROUPS} items, but ${groups.length} were given.`),
    );
  }
  for (const id of groups) {
    const g = tx.config.network.securityGroups.find((sg) => sg.groupId === id);
    if (!g) {
      return E.left(
        invalidParameter(
          `Error retrieving security group information for [${id}]: The security group '${id}' does not exist (ErrorCode: InvalidGroup.NotFound)`,
        ),
      );
    }
    if (g.vpcId !== vpcId) {
      return E.left(
        invalidParameter(`Security group ${id} is in ${g.vpcId}, but the subnets are in ${vpcId}; all must be in one VPC.`),
      );
    }
  }
  return E.right(subnets);
}

// ---------------------------------------------------------------------------------------------------------------
// overrides
// ---------------------------------------------------------------------------------------------------------------

interface Sizes {
  readonly cpuUnits: number;
  readonly memoryMiB: number;
  readonly ephemeralStorageGiB: number;
  readonly overrides: TaskOverrides;
}

/**
 * Validates `overrides` against the task definition and returns the task's sizes and the normalised overrides
 * (one `containerOverrides` entry per container, as DescribeTasks shows them).
 */
function validateOverrides(
  td: TaskDefinition,
  ov: RunTaskRequestInput['overrides'],
  platformVersion: string,
): E.Either<EcsError, Sizes> {
  if (ov !== undefined && JSON.stringify(ov).length > MAX_OVERRIDES_JSON_CHARS) {
    // [OBS] ECS's wording for an oversized override.
    return E.left(invalidParameter(`Container Overrides length must be at most ${MAX_OVERRIDES_JSON_CHARS}`));
  }
  const byName = new Map<string, Readonly<Record<string, unknown>>>();
  const given = ov?.containerOverrides ?? [];
  for (let i = 0; i < given.length; i++) {
    const c = given[i]!;
    if (c.name === undefined) {
      return E.left(invalidParameter(`overrides.containerOverrides[${i}].name is required: it names the container to override.`));
    }
    if (!td.containers.some((spec) => spec.name === c.name)) {
      return E.left(invalidParameter(`Override for container named ${c.name} is not a container in the TaskDefinition.`));
    }
    if (byName.has(c.name)) {
      return E.left(
        invalidParameter(`overrides.containerOverrides[${i}]: container '${c.name}' is overridden more than once.`),
      );
    }
    for (const field of ['cpu', 'memory', 'memoryReservation'] as const) {
      const v = c[field];
      if (v !== undefined && v < 0) {
        return E.left(
          invalidParameter(`overrides.containerOverrides[${i}].${field} must be 0 or greater, but was ${v}.`),
        );
      }
    }
    byName.set(c.name, c);
  }

  const windows = td.operatingSystemFamily.startsWith('WINDOWS');
  const cpuUnits = ov?.cpu === undefined ? td.cpuUnits : parseCpuUnits(ov.cpu);
  const memoryMiB = ov?.memory === undefined ? td.memoryMiB : parseMemoryMiB(ov.memory);
  if (cpuUnits === undefined || memoryMiB === undefined || !isValidFargateSize(cpuUnits, memoryMiB, windows ? 'WINDOWS' : 'LINUX')) {
    return E.left(
      clientException(
        `No Fargate configuration exists for given values: ${ov?.cpu ?? td.cpuUnits} CPU, ${ov?.memory ?? td.memoryMiB} memory. See the Amazon ECS documentation for the valid values.`,
      ),
    );
  }
  if ((cpuUnits >= 8192 || ov?.ephemeralStorage !== undefined) && platformVersion !== '1.4.0' && !windows) {
    return E.left(ecsError('PlatformTaskDefinitionIncompatibilityException', PLATFORM_INCOMPATIBLE));
  }
  let cpuSum = 0;
  for (const spec of td.containers) {
    const c = byName.get(spec.name);
    const cpu = typeof c?.cpu === 'number' ? c.cpu : spec.cpuUnits;
    const memory = typeof c?.memory === 'number' ? c.memory : spec.memoryMiB;
    cpuSum += cpu;
    if (memory !== undefined && memory > memoryMiB) {
      return E.left(clientException(`The 'memory' setting for container '${spec.name}' is greater than for the task.`));
    }
  }
  if (cpuSum > cpuUnits) {
    return E.left(
      clientException(
        `The sum of the 'cpu' settings of the containers (${cpuSum}) is greater than the 'cpu' setting of the task (${cpuUnits}).`,
      ),
    );
  }
  const storage = ov?.ephemeralStorage?.sizeInGiB;
  if (storage !== undefined && (storage < 21 || storage > 200)) {
    return E.left(
      invalidParameter(`overrides.ephemeralStorage.sizeInGiB must be between 21 and 200, but was ${storage}.`),
    );
  }
  const overrides: TaskOverrides = {
    containerOverrides: td.containers.map((spec) => ({ ...(byName.get(spec.name) ?? {}), name: spec.name })),
    ...(ov?.cpu !== undefined ? { cpu: String(cpuUnits) } : {}),
    ...(ov?.executionRoleArn !== undefined ? { executionRoleArn: ov.executionRoleArn } : {}),
    ...(ov?.memory !== undefined ? { memory: String(memoryMiB) } : {}),
    ...(ov?.taskRoleArn !== undefined ? { taskRoleArn: ov.taskRoleArn } : {}),
    ...(storage !== undefined ? { ephemeralStorage: { sizeInGiB: storage } } : {}),
  };
  return E.right({ cpuUnits, memoryMiB, ephemeralStorageGiB: storage ?? td.ephemeralStorageGiB, overrides });
}

// ---------------------------------------------------------------------------------------------------------------
// group, startedBy, tags
// ---------------------------------------------------------------------------------------------------------------

function validateLabels(
  td: TaskDefinition,
  clusterName: string,
  input: RunTaskRequestInput,
): E.Either<EcsError, { readonly group: string; readonly tags: readonly Tag[] }> {
  const group = input.group ?? `family:${td.family}`;
  if (group.length === 0 || group.length > MAX_GROUP_LENGTH) {
    return E.left(invalidParameter(`group must be 1-${MAX_GROUP_LENGTH} characters long.`));
  }
  if (input.startedBy !== undefined && !STARTED_BY.test(input.startedBy)) {
    return E.left(
      invalidParameter(
        'startedBy must be up to 128 letters (uppercase and lowercase), numbers, hyphens (-), forward slashes (/) and underscores (_).',
      ),
    );
  }
  if (input.propagateTags === 'SERVICE') {
    return E.left(
      invalidParameter('propagateTags SERVICE applies only to tasks of a service; RunTask accepts TASK_DEFINITION or NONE.'),
    );
  }
  const own = validateTags(input.tags ?? []);
  if (E.isLeft(own)) return own;
  let tags: readonly Tag[] = input.propagateTags === 'TASK_DEFINITION' ? mergeTags(td.tags, own.right) : own.right;
  // ECS managed tags (reserved `aws:` keys, not counted against the 50-tag limit).
  if (input.enableECSManagedTags === true) tags = [...tags, { key: 'aws:ecs:clusterName', value: clusterName }];
  return E.right({ group, tags });
}
