/**
 * io-ts codecs for the RegisterTaskDefinition request and every structure inside it, member for member as in the
 * ECS API model (`@aws-sdk/client-ecs` `RegisterTaskDefinitionRequest`, `ContainerDefinition`, …).
 *
 * Every member the model has is accepted with its JSON type checked; members the twin does not interpret pass
 * through to the stored definition unchanged. As in the AWS JSON protocol, `null` reads as absent and unknown
 * members are ignored (see {@link struct}). Enumerations are checked against the model's values.
 *
 * `family` and `containerDefinitions` are required by the model but decoded as optional here: ECS answers their
 * absence with its own `ClientException`s ("Family can not be blank.", "Container list cannot be empty."), which
 * the validators produce.
 *
 * @module
 */
import * as t from 'io-ts';
import { Int, literal, literals, TagCodec, TagListCodec } from './common.js';
import { list, StringListCodec, StringMap, struct } from './struct.js';

// ---------------------------------------------------------------------------------------------------------------
// Enumerations (values exactly as in the model)

/** `NetworkMode`. */
export const NetworkModeCodec = literals(['awsvpc', 'bridge', 'host', 'none']);
/** `Compatibility`. */
export const CompatibilityCodec = literals(['EC2', 'EXTERNAL', 'FARGATE', 'MANAGED_INSTANCES']);
/** `OSFamily`. */
export const OsFamilyCodec = literals([
  'LINUX',
  'WINDOWS_SERVER_2004_CORE',
  'WINDOWS_SERVER_2016_FULL',
  'WINDOWS_SERVER_2019_CORE',
  'WINDOWS_SERVER_2019_FULL',
  'WINDOWS_SERVER_2022_CORE',
  'WINDOWS_SERVER_2022_FULL',
  'WINDOWS_SERVER_2025_CORE',
  'WINDOWS_SERVER_2025_FULL',
  'WINDOWS_SERVER_20H2_CORE',
]);
/** `CPUArchitecture`. */
export const CpuArchitectureCodec = literals(['ARM64', 'X86_64']);
/** `PidMode`. */
export const PidModeCodec = literals(['host', 'task']);
/** `IpcMode`. */
export const IpcModeCodec = literals(['host', 'none', 'task']);
/** `ContainerCondition` (for `dependsOn`). */
export const ContainerConditionCodec = literals(['COMPLETE', 'HEALTHY', 'START', 'SUCCESS']);
/** `TransportProtocol`. */
export const TransportProtocolCodec = literals(['tcp', 'udp']);
/** `ApplicationProtocol`. */
export const ApplicationProtocolCodec = literals(['grpc', 'http', 'http2']);
/** `LogDriver`. */
export const LogDriverCodec = literals([
  'awsfirelens',
  'awslogs',
  'fluentd',
  'gelf',
  'journald',
  'json-file',
  'splunk',
  'syslog',
]);
/** `UlimitName`. */
export const UlimitNameCodec = literals([
  'core',
  'cpu',
  'data',
  'fsize',
  'locks',
  'memlock',
  'msgqueue',
  'nice',
  'nofile',
  'nproc',
  'rss',
  'rtprio',
  'rttime',
  'sigpending',
  'stack',
]);
/** `EnvironmentFileType`. */
export const EnvironmentFileTypeCodec = literal('s3');
/** `ResourceType` (of a container's `resourceRequirements`). */
export const ResourceTypeCodec = literals(['GPU', 'InferenceAccelerator', 'NeuronDevice']);
/** `FirelensConfigurationType`. */
export const FirelensConfigurationTypeCodec = literals(['fluentbit', 'fluentd']);
/** `Scope` (of a Docker volume). */
export const ScopeCodec = literals(['shared', 'task']);
/** `EFSTransitEncryption`. */
export const EfsTransitEncryptionCodec = literals(['DISABLED', 'ENABLED']);
/** `EFSAuthorizationConfigIAM`. */
export const EfsAuthorizationConfigIamCodec = literals(['DISABLED', 'ENABLED']);
/** `DeviceCgroupPermission`. */
export const DeviceCgroupPermissionCodec = literals(['mknod', 'read', 'write']);
/** `ProxyConfigurationType`. */
export const ProxyConfigurationTypeCodec = literal('APPMESH');
/** `TaskDefinitionPlacementConstraintType`. */
export const TaskDefinitionPlacementConstraintTypeCodec = literal('memberOf');
/** `VersionConsistency`. */
export const VersionConsistencyCodec = literals(['disabled', 'enabled']);

// ---------------------------------------------------------------------------------------------------------------
// Small structures

/** `KeyValuePair` (environment variables, proxy properties). */
export const KeyValuePairCodec = struct('KeyValuePair', { name: t.string, value: t.string });
/** `Secret`. */
export const SecretCodec = struct('Secret', { name: t.string, valueFrom: t.string }, ['name', 'valueFrom']);
/** `RepositoryCredentials`. */
export const RepositoryCredentialsCodec = struct(
  'RepositoryCredentials',
  { credentialsParameter: t.string },
  ['credentialsParameter'],
);
/** `PortMapping`. */
export const PortMappingCodec = struct('PortMapping', {
  containerPort: Int,
  hostPort: Int,
  protocol: TransportProtocolCodec,
  name: t.string,
  appProtocol: ApplicationProtocolCodec,
  containerPortRange: t.string,
});
/** `ContainerRestartPolicy`. */
export const ContainerRestartPolicyCodec = struct(
  'ContainerRestartPolicy',
  { enabled: t.boolean, ignoredExitCodes: list(Int, 'list of integers'), restartAttemptPeriod: Int },
  ['enabled'],
);
/** `EnvironmentFile`. */
export const EnvironmentFileCodec = struct(
  'EnvironmentFile',
  { value: t.string, type: EnvironmentFileTypeCodec },
  ['value', 'type'],
);
/** `MountPoint`. */
export const MountPointCodec = struct('MountPoint', {
  sourceVolume: t.string,
  containerPath: t.string,
  readOnly: t.boolean,
});
/** `VolumeFrom`. */
export const VolumeFromCodec = struct('VolumeFrom', { sourceContainer: t.string, readOnly: t.boolean });
/** `KernelCapabilities`. */
export const KernelCapabilitiesCodec = struct('KernelCapabilities', { add: StringListCodec, drop: StringListCodec });
/** `Device`. */
export const DeviceCodec = struct(
  'Device',
  {
    hostPath: t.string,
    containerPath: t.string,
    permissions: list(DeviceCgroupPermissionCodec, 'list of device permissions'),
  },
  ['hostPath'],
);
/** `Tmpfs`. */
export const TmpfsCodec = struct(
  'Tmpfs',
  { containerPath: t.string, size: Int, mountOptions: StringListCodec },
  ['containerPath', 'size'],
);
/** `LinuxParameters`. */
export const LinuxParametersCodec = struct('LinuxParameters', {
  capabilities: KernelCapabilitiesCodec,
  devices: list(DeviceCodec, 'list of Device'),
  initProcessEnabled: t.boolean,
  sharedMemorySize: Int,
  tmpfs: list(TmpfsCodec, 'list of Tmpfs'),
  maxSwap: Int,
  swappiness: Int,
});
/** `ContainerDependency`. */
export const ContainerDependencyCodec = struct(
  'ContainerDependency',
  { containerName: t.string, condition: ContainerConditionCodec },
  ['containerName', 'condition'],
);
/** `HostEntry`. */
export const HostEntryCodec = struct('HostEntry', { hostname: t.string, ipAddress: t.string }, ['hostname', 'ipAddress']);
/** `Ulimit`. */
export const UlimitCodec = struct(
  'Ulimit',
  { name: UlimitNameCodec, softLimit: Int, hardLimit: Int },
  ['name', 'softLimit', 'hardLimit'],
);
/** `LogConfiguration`. */
export const LogConfigurationCodec = struct(
  'LogConfiguration',
  { logDriver: LogDriverCodec, options: StringMap, secretOptions: list(SecretCodec, 'list of Secret') },
  ['logDriver'],
);
/** `HealthCheck` (ranges and defaults are applied by the validator). */
export const HealthCheckCodec = struct(
  'HealthCheck',
  { command: StringListCodec, interval: Int, timeout: Int, retries: Int, startPeriod: Int },
  ['command'],
);
/** `SystemControl`. */
export const SystemControlCodec = struct('SystemControl', { namespace: t.string, value: t.string });
/** `ResourceRequirement`. */
export const ResourceRequirementCodec = struct(
  'ResourceRequirement',
  { value: t.string, type: ResourceTypeCodec },
  ['value', 'type'],
);
/** `FirelensConfiguration`. */
export const FirelensConfigurationCodec = struct(
  'FirelensConfiguration',
  { type: FirelensConfigurationTypeCodec, options: StringMap },
  ['type'],
);

// ---------------------------------------------------------------------------------------------------------------
// Container definition

/**
 * `ContainerDefinition`, every member of the model in its order. `name` and `image` are optional in the model;
 * ECS rejects their absence at registration ("Container.name should not be null or empty.").
 */
export const ContainerDefinitionCodec = struct('ContainerDefinition', {
  name: t.string,
  image: t.string,
  repositoryCredentials: RepositoryCredentialsCodec,
  cpu: Int,
  memory: Int,
  memoryReservation: Int,
  links: StringListCodec,
  portMappings: list(PortMappingCodec, 'list of PortMapping'),
  essential: t.boolean,
  restartPolicy: ContainerRestartPolicyCodec,
  entryPoint: StringListCodec,
  command: StringListCodec,
  environment: list(KeyValuePairCodec, 'list of KeyValuePair'),
  environmentFiles: list(EnvironmentFileCodec, 'list of EnvironmentFile'),
  mountPoints: list(MountPointCodec, 'list of MountPoint'),
  volumesFrom: list(VolumeFromCodec, 'list of VolumeFrom'),
  linuxParameters: LinuxParametersCodec,
  secrets: list(SecretCodec, 'list of Secret'),
  dependsOn: list(ContainerDependencyCodec, 'list of ContainerDependency'),
  startTimeout: Int,
  stopTimeout: Int,
  versionConsistency: VersionConsistencyCodec,
  hostname: t.string,
  user: t.string,
  workingDirectory: t.string,
  disableNetworking: t.boolean,
  privileged: t.boolean,
  readonlyRootFilesystem: t.boolean,
  dnsServers: StringListCodec,
  dnsSearchDomains: StringListCodec,
  extraHosts: list(HostEntryCodec, 'list of HostEntry'),
  dockerSecurityOptions: StringListCodec,
  interactive: t.boolean,
  pseudoTerminal: t.boolean,
  dockerLabels: StringMap,
  ulimits: list(UlimitCodec, 'list of Ulimit'),
  logConfiguration: LogConfigurationCodec,
  healthCheck: HealthCheckCodec,
  systemControls: list(SystemControlCodec, 'list of SystemControl'),
  resourceRequirements: list(ResourceRequirementCodec, 'list of ResourceRequirement'),
  firelensConfiguration: FirelensConfigurationCodec,
  credentialSpecs: StringListCodec,
});

// ---------------------------------------------------------------------------------------------------------------
// Volumes

/** `HostVolumeProperties`. */
export const HostVolumePropertiesCodec = struct('HostVolumeProperties', { sourcePath: t.string });
/** `DockerVolumeConfiguration`. */
export const DockerVolumeConfigurationCodec = struct('DockerVolumeConfiguration', {
  scope: ScopeCodec,
  autoprovision: t.boolean,
  driver: t.string,
  driverOpts: StringMap,
  labels: StringMap,
});
/** `EFSAuthorizationConfig`. */
export const EfsAuthorizationConfigCodec = struct('EFSAuthorizationConfig', {
  accessPointId: t.string,
  iam: EfsAuthorizationConfigIamCodec,
});
/** `EFSVolumeConfiguration`. */
export const EfsVolumeConfigurationCodec = struct(
  'EFSVolumeConfiguration',
  {
    fileSystemId: t.string,
    rootDirectory: t.string,
    transitEncryption: EfsTransitEncryptionCodec,
    transitEncryptionPort: Int,
    authorizationConfig: EfsAuthorizationConfigCodec,
  },
  ['fileSystemId'],
);
/** `S3FilesVolumeConfiguration`. */
export const S3FilesVolumeConfigurationCodec = struct(
  'S3FilesVolumeConfiguration',
  { fileSystemArn: t.string, rootDirectory: t.string, transitEncryptionPort: Int, accessPointArn: t.string },
  ['fileSystemArn'],
);
/** `FSxWindowsFileServerAuthorizationConfig`. */
export const FsxWindowsFileServerAuthorizationConfigCodec = struct(
  'FSxWindowsFileServerAuthorizationConfig',
  { credentialsParameter: t.string, domain: t.string },
  ['credentialsParameter', 'domain'],
);
/** `FSxWindowsFileServerVolumeConfiguration`. */
export const FsxWindowsFileServerVolumeConfigurationCodec = struct(
  'FSxWindowsFileServerVolumeConfiguration',
  {
    fileSystemId: t.string,
    rootDirectory: t.string,
    authorizationConfig: FsxWindowsFileServerAuthorizationConfigCodec,
  },
  ['fileSystemId', 'rootDirectory', 'authorizationConfig'],
);
/** `Volume`. */
export const VolumeCodec = struct('Volume', {
  name: t.string,
  host: HostVolumePropertiesCodec,
  dockerVolumeConfiguration: DockerVolumeConfigurationCodec,
  efsVolumeConfiguration: EfsVolumeConfigurationCodec,
  s3filesVolumeConfiguration: S3FilesVolumeConfigurationCodec,
  fsxWindowsFileServerVolumeConfiguration: FsxWindowsFileServerVolumeConfigurationCodec,
  configuredAtLaunch: t.boolean,
});

// ---------------------------------------------------------------------------------------------------------------
// Task-level structures

/** `TaskDefinitionPlacementConstraint`. */
export const TaskDefinitionPlacementConstraintCodec = struct('TaskDefinitionPlacementConstraint', {
  type: TaskDefinitionPlacementConstraintTypeCodec,
  expression: t.string,
});
/** `Tag` (the shared tag codec; the tag rules are applied by `validateTags`). */
export const TaskDefinitionTagCodec = TagCodec;
/** `ProxyConfiguration`. */
export const ProxyConfigurationCodec = struct(
  'ProxyConfiguration',
  {
    type: ProxyConfigurationTypeCodec,
    containerName: t.string,
    properties: list(KeyValuePairCodec, 'list of KeyValuePair'),
  },
  ['containerName'],
);
/** `InferenceAccelerator`. */
export const InferenceAcceleratorCodec = struct(
  'InferenceAccelerator',
  { deviceName: t.string, deviceType: t.string },
  ['deviceName', 'deviceType'],
);
/** `EphemeralStorage`. */
export const EphemeralStorageCodec = struct('EphemeralStorage', { sizeInGiB: Int }, ['sizeInGiB']);
/** `RuntimePlatform`. */
export const RuntimePlatformCodec = struct('RuntimePlatform', {
  cpuArchitecture: CpuArchitectureCodec,
  operatingSystemFamily: OsFamilyCodec,
});

/** The RegisterTaskDefinition request, every member of the model in its order. */
export const RegisterTaskDefinitionRequestCodec = struct('RegisterTaskDefinitionRequest', {
  family: t.string,
  containerDefinitions: list(ContainerDefinitionCodec, 'list of ContainerDefinition'),
  taskRoleArn: t.string,
  executionRoleArn: t.string,
  networkMode: NetworkModeCodec,
  volumes: list(VolumeCodec, 'list of Volume'),
  placementConstraints: list(TaskDefinitionPlacementConstraintCodec, 'list of TaskDefinitionPlacementConstraint'),
  requiresCompatibilities: list(CompatibilityCodec, 'list of Compatibility'),
  cpu: t.string,
  memory: t.string,
  tags: TagListCodec,
  pidMode: PidModeCodec,
  ipcMode: IpcModeCodec,
  proxyConfiguration: ProxyConfigurationCodec,
  inferenceAccelerators: list(InferenceAcceleratorCodec, 'list of InferenceAccelerator'),
  ephemeralStorage: EphemeralStorageCodec,
  runtimePlatform: RuntimePlatformCodec,
  enableFaultInjection: t.boolean,
});

/** A decoded container definition. */
export type ContainerDefinitionInput = t.TypeOf<typeof ContainerDefinitionCodec>;
/** A decoded port mapping. */
export type PortMappingInput = t.TypeOf<typeof PortMappingCodec>;
/** A decoded health check. */
export type HealthCheckInput = t.TypeOf<typeof HealthCheckCodec>;
/** A decoded volume. */
export type VolumeInput = t.TypeOf<typeof VolumeCodec>;
/** A decoded RegisterTaskDefinition request. */
export type RegisterTaskDefinitionInput = t.TypeOf<typeof RegisterTaskDefinitionRequestCodec>;
