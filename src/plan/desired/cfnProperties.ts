/**
 * CloudFormation property names (PascalCase) to ECS API member names (lower camelCase). Most are a change of the
 * first letters' case (`ContainerPort` → `containerPort`, `EFSVolumeConfiguration` → `efsVolumeConfiguration`);
 * a few differ ({@link SPECIAL_NAMES}); some maps are free-form (a log driver's options, Docker labels) and keep
 * their keys. CloudFormation also accepts numbers and booleans written as strings (a `Number` parameter is a
 * string), which the ECS API does not: known numeric and boolean members are converted.
 *
 * @module
 */
import { setKey } from './intrinsics.js';
import { isObj } from './templateContext.js';

/**
 * CloudFormation names whose ECS name is not a change of case. Sources: the CloudFormation template reference
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ecs-service.html,
 * …-ecs-taskdefinition.html, …-ecs-cluster.html) against the ECS API reference (CreateService,
 * RegisterTaskDefinition, CreateCluster).
 *
 * @category constants
 */
export const SPECIAL_NAMES: Readonly<Record<string, string>> = {
  // AWS::ECS::Cluster ClusterSettings → CreateCluster settings
  ClusterSettings: 'settings',
  // AWS::ECS::Service PlacementStrategies → CreateService placementStrategy
  PlacementStrategies: 'placementStrategy',
  // AWS::ECS::TaskDefinition EFSVolumeConfiguration.FilesystemId → efsVolumeConfiguration.fileSystemId
  FilesystemId: 'fileSystemId',
  FSxWindowsFileServerVolumeConfiguration: 'fsxWindowsFileServerVolumeConfiguration',
  // AWS::ECS::TaskDefinition ProxyConfiguration.ProxyConfigurationProperties → proxyConfiguration.properties
  ProxyConfigurationProperties: 'properties',
};

/** Members whose value is a free-form map: its keys are data (`awslogs-group`), not property names. */
const FREE_FORM_MAPS: ReadonlySet<string> = new Set(['Options', 'DockerLabels', 'DriverOpts', 'Labels']);

/** ECS members that are integers (CloudFormation lets them be written as strings). */
const ECS_INTEGERS: ReadonlySet<string> = new Set([
  'containerPort', 'hostPort', 'desiredCount', 'healthCheckGracePeriodSeconds', 'maximumPercent', 'minimumHealthyPercent', 'weight', 'base',
  'memoryReservation', 'interval', 'timeout', 'retries', 'startPeriod', 'startTimeout', 'stopTimeout', 'softLimit', 'hardLimit', 'sizeInGiB',
  'transitEncryptionPort', 'port', 'sharedMemorySize', 'swappiness', 'maxSwap', 'iops', 'throughput',
]);

/** ECS members that are booleans. */
const ECS_BOOLEANS: ReadonlySet<string> = new Set([
  'essential', 'enable', 'rollback', 'enableECSManagedTags', 'enableExecuteCommand', 'readOnly', 'readonlyRootFilesystem', 'privileged',
  'interactive', 'pseudoTerminal', 'disableNetworking', 'initProcessEnabled', 'autoprovision', 'encrypted', 'cloudWatchEncryptionEnabled', 's3EncryptionEnabled',
]);

/** Application Auto Scaling members that are numbers (its API keeps PascalCase names). */
const AAS_NUMBERS: ReadonlySet<string> = new Set([
  'MinCapacity', 'MaxCapacity', 'TargetValue', 'ScaleInCooldown', 'ScaleOutCooldown', 'Cooldown', 'MinAdjustmentMagnitude', 'ScalingAdjustment',
  'MetricIntervalLowerBound', 'MetricIntervalUpperBound', 'SchedulingBufferTime', 'MaxCapacityBuffer',
]);

const AAS_BOOLEANS: ReadonlySet<string> = new Set(['DisableScaleIn', 'DynamicScalingInSuspended', 'DynamicScalingOutSuspended', 'ScheduledScalingSuspended']);

/**
 * `ContainerPort` → `containerPort`; a leading acronym is lowered whole (`EFSVolume` → `efsVolume`, `IAM` → `iam`)
 * but an acronym inside stays (`EnableECSManagedTags` → `enableECSManagedTags`, as ECS spells it).
 *
 * @category utils
 */
export function lowerCamel(name: string): string {
  if (Object.prototype.hasOwnProperty.call(SPECIAL_NAMES, name)) return SPECIAL_NAMES[name]!;
  const run = /^[A-Z]+/.exec(name)?.[0] ?? '';
  if (run.length <= 1) return name.charAt(0).toLowerCase() + name.slice(1);
  // `EFSVolume`: the last capital of the run starts the next word.
  const whole = run.length === name.length || !/[a-z]/.test(name.charAt(run.length));
  const lowered = whole ? run : run.slice(0, -1);
  return lowered.toLowerCase() + name.slice(lowered.length);
}

const numeric = (v: unknown): unknown => (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : v);
const boolean = (v: unknown): unknown => (v === 'true' ? true : v === 'false' ? false : v);

/**
 * A CloudFormation ECS resource's resolved properties as an ECS API request body: names in lower camelCase,
 * free-form maps kept, numeric and boolean strings converted where ECS takes numbers and booleans.
 *
 * @category utils
 */
export function toEcsMembers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toEcsMembers);
  if (!isObj(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const name = lowerCamel(k);
    let converted = FREE_FORM_MAPS.has(k) && isObj(v) ? v : toEcsMembers(v);
    if (ECS_INTEGERS.has(name)) converted = numeric(converted);
    else if (ECS_BOOLEANS.has(name)) converted = boolean(converted);
    setKey(out, name, converted);
  }
  return out;
}

/**
 * Application Auto Scaling bodies keep CloudFormation's PascalCase names; only numeric and boolean strings are
 * converted.
 *
 * @category utils
 */
export function toAasMembers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toAasMembers);
  if (!isObj(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    let converted = toAasMembers(v);
    if (AAS_NUMBERS.has(k)) converted = numeric(converted);
    else if (AAS_BOOLEANS.has(k)) converted = boolean(converted);
    setKey(out, k, converted);
  }
  return out;
}
