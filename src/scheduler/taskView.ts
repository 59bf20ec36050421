/**
 * A task as ECS shows it: the DescribeTasks `Task` (timestamps as epoch seconds) and the `detail` of an "ECS Task
 * State Change" event (the same object with ISO-8601 timestamps, trailing zeros of the fraction trimmed, without
 * `healthStatus` and `tags` — reference §12.3, §3.8). One builder serves both so they cannot drift apart.
 *
 * Members follow the real answers (reference §3.8 and the AWS CLI examples): `tags` is always on a task of an API
 * answer (`[]` when it has none, or when DescribeTasks was not asked to include them); a container carries
 * `healthStatus` only when it has a health check, and `networkBindings` only once the task has started.
 *
 * Everything not stored on the task is derived here: ARNs, ENI ids and addresses, container ARNs and runtime ids,
 * image digests, container statuses and health. Timestamps planned for later (the pull of a task still pending)
 * are shown only once reached, so a view is exactly what ECS would show at `nowMs`.
 *
 * @module
 */
import type { Task as SdkTask } from '@aws-sdk/client-ecs';
import { clusterArn, containerArn, taskArn, type ArnScope } from '../domain/arn.js';
import { containerStatusOf, type Ec2Placement, hasEni, type HealthStatus, lastStatusAt, privateIpOf, type Task, taskMs, type TaskOverrides } from '../domain/task.js';
import type { ContainerSpec, TaskDefinition } from '../domain/taskDefinition.js';
import { toEpochSeconds, toIsoTrimmed } from '../domain/time.js';
import type { Wire } from '../domain/wire.js';
import {
  attachmentIdOf,
  containerUuidOf,
  eniIdOf,
  imageDigestOf,
  macAddressOf,
  privateDnsNameOf,
  runtimeIdOf,
  taskIdSeed,
} from './derivedIds.js';
import { hostPortOf } from './ec2/hostPorts.js';
import { containerHealthAt, taskHealthOf } from './healthCheck.js';

/** What a view is for. */
export interface TaskViewOptions {
  /** The instant the view shows (the World's clock, or the event's time). */
  readonly nowMs: number;
  /**
   * Show the task's tags in `tags` (RunTask, DescribeTasks `include: ['TAGS']`); otherwise `tags` is `[]`, as
   * ECS answers without `include` (AWS CLI `describe-tasks` example).
   */
  readonly includeTags?: boolean;
}

/** The `detail` of an "ECS Task State Change" event: the Task with ISO timestamps, no health, no tags. */
export type TaskChangeDetail = Readonly<Record<string, unknown>>;

/** The DescribeTasks / RunTask / StopTask `Task` of `task` at `opts.nowMs` (always with `tags`). */
export function taskToWire(
  scope: ArnScope,
  task: Task,
  td: TaskDefinition | undefined,
  opts: TaskViewOptions,
): Wire<SdkTask> {
  return build(scope, task, td, opts.nowMs, false, opts.includeTags === true) as Wire<SdkTask>;
}

/** The event `detail` of `task` as of its last change (`updatedAt`). */
export function taskToEventDetail(scope: ArnScope, task: Task, td: TaskDefinition | undefined): TaskChangeDetail {
  return build(scope, task, td, taskMs(task, task.updatedAt), true, false);
}

/** The ARN of a task. */
export const arnOfTask = (scope: ArnScope, task: Task): string => taskArn(scope, task.spec.clusterName, task.taskId);

type Stamp = (ms: number) => number | string;

function build(
  scope: ArnScope & { readonly region: string },
  task: Task,
  td: TaskDefinition | undefined,
  nowMs: number,
  forEvent: boolean,
  includeTags: boolean,
): Record<string, unknown> {
  const stamp: Stamp = forEvent ? toIsoTrimmed : toEpochSeconds;
  const spec = task.spec;
  const tArn = taskArn(scope, spec.clusterName, task.taskId);
  const specs: readonly ContainerSpec[] = td?.containers ?? [];
  const eniAttached = hasEni(task) && task.connectivityAt !== undefined;
  const privateIp = privateIpOf(task);
  const seed = taskIdSeed(task.taskId);
  const attachmentId = attachmentIdOf(seed);

  const ec2 = task.site.ec2;
  const out: Record<string, unknown> = {
    // An EC2 task without an ENI of its own (bridge, host, none) has no attachment (AWS CLI describe-tasks example).
    attachments: task.site.subnetId === undefined ? [] : [attachmentOf(scope, task, task.site.subnetId, seed, attachmentId, forEvent)],
    attributes: [{ name: 'ecs.cpu-architecture', value: spec.cpuArchitecture === 'ARM64' ? 'arm64' : 'x86_64' }],
    availabilityZone: task.site.availabilityZone,
  };
  if (task.site.capacityProviderName !== undefined) out.capacityProviderName = task.site.capacityProviderName;
  out.clusterArn = clusterArn(scope, spec.clusterName);
  if (task.connectivityAt !== undefined) {
    out.connectivity = 'CONNECTED';
    out.connectivityAt = stamp(taskMs(task, task.connectivityAt));
  }
  if (ec2 !== undefined) out.containerInstanceArn = ec2.containerInstanceArn;
  const bindings = ec2 !== undefined && td !== undefined && task.startedAt !== undefined ? hostPortBindings(td, ec2) : undefined;

  const containers: Record<string, unknown>[] = [];
  const essentialHealth: HealthStatus[] = [];
  const pulled = task.pullStoppedAt !== undefined && taskMs(task, task.pullStoppedAt) <= nowMs;
  for (let i = 0; i < specs.length; i++) {
    const cs = specs[i]!;
    const rt = task.containers[i];
    const ov = spec.overrides.containerOverrides[i];
    const c: Record<string, unknown> = {
      containerArn: containerArn(scope, spec.clusterName, task.taskId, containerUuidOf(seed, i)),
      taskArn: tArn,
      name: cs.name,
      image: cs.image,
    };
    if (pulled) c.imageDigest = imageDigestOf(cs.image);
    if (task.startedAt !== undefined) c.runtimeId = runtimeIdOf(task.taskId, seed, i);
    const status = rt ? containerStatusOf(task, rt, nowMs) : 'PENDING';
    c.lastStatus = status;
    if (rt?.exitCode !== undefined && status === 'STOPPED') c.exitCode = rt.exitCode;
    if (rt?.reason !== undefined && (status === 'STOPPED' || task.lastStatus === 'STOPPED')) c.reason = rt.reason;
    // Reported once the containers have run (capture A, CLI describe-tasks example), not while PROVISIONING or
    // PENDING (CLI run-task example).
    if (task.startedAt !== undefined) c.networkBindings = bindings?.[i] ?? [];
    c.networkInterfaces =
      eniAttached && privateIp !== undefined ? [{ attachmentId, privateIpv4Address: privateIp }] : [];
    const health = rt ? containerHealthAt(task, rt, cs.healthCheck !== undefined, nowMs) : 'UNKNOWN';
    if (cs.essential) essentialHealth.push(health);
    // Only containers with a health check report one (capture A has none without a check); never in events.
    if (!forEvent && cs.healthCheck !== undefined) c.healthStatus = health;
    if (spec.enableExecuteCommand) {
      const agent: Record<string, unknown> = {
        name: 'ExecuteCommandAgent',
        lastStatus: status === 'RUNNING' ? 'RUNNING' : status === 'STOPPED' ? 'STOPPED' : 'PENDING',
      };
      if (task.startedAt !== undefined) agent.lastStartedAt = stamp(taskMs(task, task.startedAt));
      c.managedAgents = [agent];
    }
    c.cpu = String(numberOr(ov?.cpu, cs.cpuUnits));
    const memory = numberOr(ov?.memory, cs.memoryMiB);
    if (memory !== undefined) c.memory = String(memory);
    const reservation = numberOr(ov?.memoryReservation, cs.memoryReservationMiB);
    if (reservation !== undefined) c.memoryReservation = String(reservation);
    containers.push(c);
  }
  out.containers = containers;
  out.cpu = String(spec.cpuUnits);
  out.createdAt = stamp(taskMs(task, task.createdAt));
  out.desiredStatus = task.desiredStatus;
  out.enableExecuteCommand = spec.enableExecuteCommand;
  if (task.stop?.executionStoppedAt !== undefined && taskMs(task, task.stop?.executionStoppedAt) <= nowMs) {
    out.executionStoppedAt = stamp(taskMs(task, task.stop?.executionStoppedAt));
  }
  out.group = spec.group;
  if (!forEvent) out.healthStatus = taskHealthOf(essentialHealth);
  out.lastStatus = lastStatusAt(task, nowMs);
  out.launchType = spec.launchType;
  out.memory = String(spec.memoryMiB);
  out.overrides = overridesWire(spec.overrides);
  if (ec2 === undefined) {
    out.platformVersion = spec.platformVersion;
    out.platformFamily = spec.platformFamily;
  }
  if (task.pullStartedAt !== undefined && taskMs(task, task.pullStartedAt) <= nowMs) out.pullStartedAt = stamp(taskMs(task, task.pullStartedAt));
  if (pulled) out.pullStoppedAt = stamp(taskMs(task, task.pullStoppedAt!));
  if (task.startedAt !== undefined) out.startedAt = stamp(taskMs(task, task.startedAt));
  if (spec.startedBy !== undefined) out.startedBy = spec.startedBy;
  if (task.stop?.stopCode !== undefined) out.stopCode = task.stop?.stopCode;
  if (task.stop?.stoppedAt !== undefined) out.stoppedAt = stamp(taskMs(task, task.stop?.stoppedAt));
  if (task.stop?.stoppedReason !== undefined) out.stoppedReason = task.stop?.stoppedReason;
  if (task.stop?.stoppingAt !== undefined) out.stoppingAt = stamp(taskMs(task, task.stop?.stoppingAt));
  if (!forEvent) out.tags = includeTags ? spec.tags.map((t) => ({ key: t.key, value: t.value })) : [];
  out.taskArn = tArn;
  out.taskDefinitionArn = spec.taskDefinitionArn;
  if (forEvent) out.updatedAt = stamp(taskMs(task, task.updatedAt));
  out.version = task.version;
  if (ec2 === undefined) {
    out.ephemeralStorage = { sizeInGiB: spec.ephemeralStorageGiB };
    out.fargateEphemeralStorage = { sizeInGiB: spec.ephemeralStorageGiB };
  }
  return out;
}

/**
 * The `networkBindings` of each container of an EC2 task (bridge or host mode): every port mapping with the host
 * port the task holds — a static one as mapped, a dynamic one in the order they were handed out (the task's
 * `Ec2Placement` lists, per protocol, the static ports first, then the dynamic ones). Shown once the task is
 * RUNNING (API reference, `NetworkBinding`).
 */
function hostPortBindings(td: TaskDefinition, ec2: Ec2Placement): Array<Array<Record<string, unknown>>> {
  const mode = td.networkMode;
  const staticCount = { tcp: 0, udp: 0 };
  for (const cs of td.containers) for (const m of cs.portMappings ?? []) if (hostPortOf(mode, m) !== undefined && hostPortOf(mode, m) !== 0) staticCount[m.protocol]++;
  const next = { tcp: staticCount.tcp, udp: staticCount.udp };
  const held = { tcp: ec2.tcpPorts, udp: ec2.udpPorts };
  return td.containers.map((cs) =>
    (cs.portMappings ?? []).flatMap((m) => {
      let hostPort = hostPortOf(mode, m);
      if (hostPort === 0) hostPort = held[m.protocol][next[m.protocol]++];
      if (hostPort === undefined) return [];
      return [{ bindIP: '0.0.0.0', containerPort: m.containerPort, hostPort, protocol: m.protocol }];
    }),
  );
}

/**
 * `overrides` as ECS shows them: the task's overrides plus an empty `inferenceAcceleratorOverrides`. Built member
 * by member, in the order RunTask records them, rather than with `{ ...overrides, … }`: V8 took its slow path for
 * that spread, which measured half the cost of describing a task.
 */
function overridesWire(ov: TaskOverrides): Record<string, unknown> {
  const o: Record<string, unknown> = { containerOverrides: ov.containerOverrides };
  if (ov.cpu !== undefined) o.cpu = ov.cpu;
  if (ov.executionRoleArn !== undefined) o.executionRoleArn = ov.executionRoleArn;
  if (ov.memory !== undefined) o.memory = ov.memory;
  if (ov.taskRoleArn !== undefined) o.taskRoleArn = ov.taskRoleArn;
  if (ov.ephemeralStorage !== undefined) o.ephemeralStorage = ov.ephemeralStorage;
  o.inferenceAcceleratorOverrides = [];
  return o;
}

const numberOr = (v: unknown, fallback: number | undefined): number | undefined =>
  typeof v === 'number' ? v : fallback;

/**
 * The task ENI attachment as ECS describes it, by lifecycle stage. Its `type` differs by view: the EventBridge
 * sample of "ECS Task State Change" shows `eni`, DescribeTasks shows `ElasticNetworkInterface` (reference §3.7).
 */
function attachmentOf(
  scope: { readonly region: string },
  task: Task,
  subnetId: string,
  seed: number,
  id: string,
  forEvent: boolean,
): Record<string, unknown> {
  const details: Array<{ name: string; value: string }> = [{ name: 'subnetId', value: subnetId }];
  let status: string;
  if (task.lastStatus === 'STOPPED') status = 'DELETED';
  else if (!hasEni(task) || task.connectivityAt === undefined) status = 'PRECREATED';
  else if (task.lastStatus === 'DEPROVISIONING') status = 'DETACHING';
  else status = 'ATTACHED';
  const privateIp = privateIpOf(task);
  if (hasEni(task) && task.connectivityAt !== undefined && privateIp !== undefined) {
    details.push(
      { name: 'networkInterfaceId', value: eniIdOf(seed) },
      { name: 'macAddress', value: macAddressOf(seed) },
      { name: 'privateDnsName', value: privateDnsNameOf(privateIp, scope.region) },
      { name: 'privateIPv4Address', value: privateIp },
    );
  }
  return { id, type: forEvent ? 'eni' : 'ElasticNetworkInterface', status, details };
}
