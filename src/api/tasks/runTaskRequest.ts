/**
 * The RunTask request: its io-ts codec, its limits and the messages ECS answers with.
 *
 * @module
 */
import * as t from 'io-ts';
import { Int, literals } from '../../codecs/common.js';
import { list, StringListCodec, struct } from '../../codecs/struct.js';
import {
  EnvironmentFileCodec,
  EphemeralStorageCodec,
  KeyValuePairCodec,
  ResourceRequirementCodec,
  TaskDefinitionTagCodec,
} from '../../codecs/taskDefinition.js';
import { StrategyInputCodec } from '../capacityProviderStrategy.js';
import { NetworkConfigurationCodec } from '../networkConfiguration.js';
import { PlacementConstraintsCodec, PlacementStrategiesCodec } from '../placementRequest.js';

export { NETWORK_CONFIGURATION_REQUIRED } from '../networkConfiguration.js';

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
    placementConstraints: PlacementConstraintsCodec,
    placementStrategy: PlacementStrategiesCodec,
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

/** Most tasks per RunTask (reference §9.1, not adjustable). */
export const MAX_RUN_TASK_COUNT = 10;
/** ECS's answer to `count` above 10 ([OBS] artilleryio/artillery#595, `count` 20; quoted without a final period). */
export const TASK_COUNT_TOO_HIGH = `Task count can not be greater than ${MAX_RUN_TASK_COUNT}`;
/** The answer to `count` below 1. UNVERIFIED: no real answer was found; worded like {@link TASK_COUNT_TOO_HIGH}. */
export const TASK_COUNT_TOO_LOW = 'Task count can not be less than 1';
/** Most characters of JSON in `overrides` (reference §9.4). */
export const MAX_OVERRIDES_JSON_CHARS = 8192;
/** How long a `clientToken` stays bound to its first call (ECS publishes no figure; a day, as EC2 documents). */
export const CLIENT_TOKEN_TTL_MS = 24 * 3_600_000;

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

/** RunTask with EC2 and a platform version (observed wording). */
export const EC2_PLATFORM_VERSION = 'The platform version must be null when specifying an EC2 launch type.';
/** A network configuration for a task definition whose network mode is not `awsvpc` (observed wording). */
export const NETWORK_CONFIGURATION_NOT_VALID = 'Network Configuration is not valid for the given networkMode of this task definition.';
