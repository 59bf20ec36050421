/**
 * A validated request → the stored {@link TaskDefinition}: the domain fields the scheduler reads, and `wire`, the
 * normalised definition exactly as DescribeTaskDefinition returns it.
 *
 * Normalisation (what ECS fills in, as real describe output shows): `cpu`/`memory` as integer strings; per
 * container `cpu: 0`, `essential: true`, empty `portMappings`/`environment`/`mountPoints`/`volumesFrom`/
 * `systemControls`; port mappings with `protocol: "tcp"` and `hostPort` (= `containerPort` under awsvpc/host, 0
 * for a dynamic bridge port); health checks with their defaults; task-level empty `volumes` and
 * `placementConstraints`. Normalising a normalised definition changes nothing, so a described definition
 * re-registers to an equal one.
 *
 * @module
 */
import type { TaskDefinition as SdkTaskDefinition } from '@aws-sdk/client-ecs';
import {
  ContainerDefinitionCodec,
  type ContainerDefinitionInput,
  type HealthCheckInput,
  type PortMappingInput,
} from '../../codecs/taskDefinition.js';
import type { ContainerSpec, PortMappingSpec, TaskDefinition } from '../../domain/taskDefinition.js';
import { toEpochSeconds } from '../../domain/time.js';
import type { Tag, Wire } from '../../domain/wire.js';
import { computeCompatibilities } from './compatibilities.js';
import { computeRequiresAttributes } from './requiresAttributes.js';
import type { NetworkMode, RegistrationContext } from './registrationContext.js';
import { DEFAULT_EPHEMERAL_STORAGE_GIB } from './validateEphemeralStorage.js';
import { healthCheckSpec, healthCheckWithDefaults } from './validateHealthCheck.js';
import type { TaskSize } from './validateSizes.js';

/** ECS's default `stopTimeout`, seconds. */
export const DEFAULT_STOP_TIMEOUT_SECONDS = 30;

/** Where and when a revision is registered. */
export interface Registration {
  readonly revision: number;
  readonly arn: string;
  readonly nowMs: number;
  readonly accountId: string;
  readonly tags: readonly Tag[];
}

// Members ECS always returns for a container, with the value it stores when the request leaves them out, in
// model order.
const CONTAINER_DEFAULTS: ReadonlyArray<readonly [string, () => unknown]> = [
  ['cpu', () => 0],
  ['portMappings', () => []],
  ['essential', () => true],
  ['environment', () => []],
  ['mountPoints', () => []],
  ['volumesFrom', () => []],
  ['systemControls', () => []],
];
const MODEL_INDEX = new Map(Object.keys(ContainerDefinitionCodec.props).map((k, i) => [k, i]));
const DEFAULT_INDEX = CONTAINER_DEFAULTS.map(([k]) => MODEL_INDEX.get(k)!);

/** A port mapping as ECS stores it under `networkMode`. */
export function normalisePortMapping(pm: PortMappingInput, networkMode: NetworkMode): PortMappingInput {
  const out: { -readonly [K in keyof PortMappingInput]: PortMappingInput[K] } = {};
  if (pm.containerPort !== undefined) {
    out.containerPort = pm.containerPort;
    out.hostPort = networkMode === 'awsvpc' || networkMode === 'host' ? pm.containerPort : (pm.hostPort ?? 0);
  } else if (pm.hostPort !== undefined) out.hostPort = pm.hostPort;
  out.protocol = pm.protocol ?? 'tcp';
  if (pm.name !== undefined) out.name = pm.name;
  if (pm.appProtocol !== undefined) out.appProtocol = pm.appProtocol;
  if (pm.containerPortRange !== undefined) out.containerPortRange = pm.containerPortRange;
  return out;
}

/**
 * A container definition as ECS stores it: model member order, defaults filled in. Decoded containers already
 * hold their members in model order, so the defaults are merged in one pass.
 */
export function normaliseContainer(c: ContainerDefinitionInput, networkMode: NetworkMode): ContainerDefinitionInput {
  const src = c as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const put = (key: string, v: unknown): void => {
    if (key === 'portMappings') {
      out[key] = (v as PortMappingInput[]).map((pm) => normalisePortMapping(pm, networkMode));
    } else if (key === 'healthCheck') out[key] = healthCheckWithDefaults(v as HealthCheckInput);
    else out[key] = v;
  };
  let d = 0;
  for (const key of Object.keys(src)) {
    const index = MODEL_INDEX.get(key)!;
    for (; d < CONTAINER_DEFAULTS.length && DEFAULT_INDEX[d]! < index; d++) put(CONTAINER_DEFAULTS[d]![0], CONTAINER_DEFAULTS[d]![1]());
    if (d < CONTAINER_DEFAULTS.length && DEFAULT_INDEX[d] === index) d++;
    put(key, src[key]);
  }
  for (; d < CONTAINER_DEFAULTS.length; d++) put(CONTAINER_DEFAULTS[d]![0], CONTAINER_DEFAULTS[d]![1]());
  return out as ContainerDefinitionInput;
}

// The domain form of a normalised container (defaults already filled in).
function containerSpec(c: ContainerDefinitionInput): ContainerSpec {
  const spec: { -readonly [K in keyof ContainerSpec]: ContainerSpec[K] } = {
    name: c.name!,
    image: c.image!,
    essential: c.essential ?? true,
    cpuUnits: c.cpu ?? 0,
    dependsOn: (c.dependsOn ?? []).map((d) => ({ containerName: d.containerName, condition: d.condition })),
    stopTimeoutSeconds: c.stopTimeout ?? DEFAULT_STOP_TIMEOUT_SECONDS,
    portMappings: (c.portMappings ?? []).map((pm): PortMappingSpec => {
      const p: { -readonly [K in keyof PortMappingSpec]: PortMappingSpec[K] } = { protocol: pm.protocol ?? 'tcp' };
      if (pm.containerPort !== undefined) p.containerPort = pm.containerPort;
      if (pm.hostPort !== undefined) p.hostPort = pm.hostPort;
      return p;
    }),
  };
  if (c.memory !== undefined) spec.memoryMiB = c.memory;
  if (c.memoryReservation !== undefined) spec.memoryReservationMiB = c.memoryReservation;
  if (c.healthCheck) spec.healthCheck = healthCheckSpec(c.healthCheck);
  if (c.startTimeout !== undefined) spec.startTimeoutSeconds = c.startTimeout;
  return spec;
}

/** Builds the stored revision from a validated request. */
export function buildTaskDefinition(ctx: RegistrationContext, size: TaskSize, reg: Registration): TaskDefinition {
  const r = ctx.request;
  const family = r.family!;
  const containers = ctx.containers.map((c) => normaliseContainer(c, ctx.networkMode));
  const compatibilities = computeCompatibilities(ctx);
  const requiresAttributes = computeRequiresAttributes(ctx, size);
  // Built member by member in the model's order, leaving absent members out (no `delete`, which would turn the
  // object into a slow dictionary-mode object for every later read and copy).
  const wire: Record<string, unknown> = { taskDefinitionArn: reg.arn, containerDefinitions: containers, family };
  if (r.taskRoleArn !== undefined) wire.taskRoleArn = r.taskRoleArn;
  if (r.executionRoleArn !== undefined) wire.executionRoleArn = r.executionRoleArn;
  if (r.networkMode !== undefined) wire.networkMode = r.networkMode;
  wire.revision = reg.revision;
  wire.volumes = r.volumes ?? [];
  wire.status = 'ACTIVE';
  wire.requiresAttributes = requiresAttributes.map((a) => ({ ...a }));
  wire.placementConstraints = r.placementConstraints ?? [];
  wire.compatibilities = compatibilities;
  if (r.runtimePlatform !== undefined) wire.runtimePlatform = r.runtimePlatform;
  if (r.requiresCompatibilities !== undefined) wire.requiresCompatibilities = r.requiresCompatibilities;
  if (size.cpuUnits !== undefined) wire.cpu = String(size.cpuUnits);
  if (size.memoryMiB !== undefined) wire.memory = String(size.memoryMiB);
  if (r.inferenceAccelerators !== undefined) wire.inferenceAccelerators = r.inferenceAccelerators;
  if (r.pidMode !== undefined) wire.pidMode = r.pidMode;
  if (r.ipcMode !== undefined) wire.ipcMode = r.ipcMode;
  if (r.proxyConfiguration !== undefined) wire.proxyConfiguration = r.proxyConfiguration;
  wire.registeredAt = toEpochSeconds(reg.nowMs);
  wire.registeredBy = `arn:aws:iam::${reg.accountId}:root`;
  if (r.ephemeralStorage !== undefined) wire.ephemeralStorage = r.ephemeralStorage;
  if (r.enableFaultInjection !== undefined) wire.enableFaultInjection = r.enableFaultInjection;
  return {
    family,
    revision: reg.revision,
    arn: reg.arn,
    status: 'ACTIVE',
    registeredAtMs: reg.nowMs,
    ...(size.cpuUnits !== undefined ? { cpuUnits: size.cpuUnits } : {}),
    ...(size.memoryMiB !== undefined ? { memoryMiB: size.memoryMiB } : {}),
    networkMode: ctx.networkMode,
    requiresCompatibilities: r.requiresCompatibilities ?? [],
    compatibilities,
    requiresAttributes,
    cpuArchitecture: ctx.cpuArchitecture,
    operatingSystemFamily: ctx.operatingSystemFamily,
    ephemeralStorageGiB: r.ephemeralStorage?.sizeInGiB ?? DEFAULT_EPHEMERAL_STORAGE_GIB,
    containers: containers.map(containerSpec),
    tags: reg.tags,
    wire: wire as Wire<SdkTaskDefinition>,
  };
}
