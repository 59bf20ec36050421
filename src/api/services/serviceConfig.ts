/**
 * Validation shared by CreateService and UpdateService, and the deployments they start: ECS's defaults for
 * `deploymentConfiguration`, load balancers checked against the task definition, the launch choice, and a new
 * deployment object with its task spec (reference §4.3, §5).
 *
 * @module
 */
import { launchesOnInstances } from '../../domain/service.js';
import * as E from 'fp-ts/lib/Either.js';
import { invalidParameter, type EcsError } from '../../domain/errors.js';
import type { Subnet } from '../../domain/network.js';
import type {
  DeploymentConfig,
  Deployment,
  LaunchChoiceSpec,
  PlacementEntry,
  Service,
  ServiceLoadBalancer,
  ServiceNetwork,
  ThresholdType,
} from '../../domain/service.js';
import type { TaskSpec } from '../../domain/task.js';
import { taskDefinitionKey, type TaskDefinition } from '../../domain/taskDefinition.js';
import type { WorldTxn } from '../../domain/txn.js';
import type { Tag } from '../../domain/wire.js';
import { DEFAULT_EC2_SERVICE_STRATEGIES, validateEc2Placement } from '../../scheduler/ec2/placementChoice.js';
import { inProgressReason } from '../../scheduler/service/serviceMessages.js';
import { EC2_PUBLIC_IP } from '../tasks/runEc2Tasks.js';
import { EC2_PLATFORM_VERSION, NETWORK_CONFIGURATION_NOT_VALID } from '../tasks/runTaskRequest.js';
import { validateEc2Overrides } from '../tasks/taskOverrides.js';
import { validateNetwork, type NetworkConfigurationInput } from '../networkConfiguration.js';
import { NOT_FARGATE_COMPATIBLE } from '../tasks/runTaskRequest.js';
import { resolvePlatform } from '../tasks/platformVersion.js';
import {
  MAX_GRACE_PERIOD_SECONDS,
  MAX_SERVICE_DESIRED_COUNT,
  noContainerMessage,
  noContainerPortMessage,
  type DeploymentConfigurationInput,
  type LoadBalancerInput,
} from './serviceRequest.js';
import { flatString } from '../../domain/flatString.js';

/** An Elastic Load Balancing target group ARN (`…:targetgroup/<name>/<16 hex>`). */
const TARGET_GROUP_ARN = /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:targetgroup\/[A-Za-z0-9-]{1,32}\/[0-9a-f]{16}$/;

/**
 * The members CreateService and UpdateService check alike: `desiredCount` (0–5,000) and
 * `healthCheckGracePeriodSeconds` (0–2,147,483,647). Returns the first violation.
 */
export function checkServiceCounts(input: {
  readonly desiredCount?: number | undefined;
  readonly healthCheckGracePeriodSeconds?: number | undefined;
}): EcsError | undefined {
  const desired = input.desiredCount;
  if (desired !== undefined && (desired < 0 || desired > MAX_SERVICE_DESIRED_COUNT)) {
    return invalidParameter(`desiredCount must be between 0 and ${MAX_SERVICE_DESIRED_COUNT}, but was ${desired}.`);
  }
  const grace = input.healthCheckGracePeriodSeconds;
  if (grace !== undefined && (grace < 0 || grace > MAX_GRACE_PERIOD_SECONDS)) {
    return invalidParameter(`healthCheckGracePeriodSeconds must be between 0 and ${MAX_GRACE_PERIOD_SECONDS}, but was ${grace}.`);
  }
  return undefined;
}

/** A placement entry as the service request codecs decode it. */
interface PlacementInput {
  readonly type?: string | undefined;
  readonly expression?: string | undefined;
  readonly field?: string | undefined;
}

/** Whether a launch choice places tasks on EC2 container instances. */
export const isEc2Launch = (launch: LaunchChoiceSpec): boolean => launchesOnInstances(launch);

/**
 * The service's placement: none on Fargate (which refuses it), the validated constraints and strategies on EC2
 * (with the task definition's constraints, at most 10 together). `current` is the service's placement when
 * updating: a member not given keeps it.
 */
export function resolveServicePlacement(
  launch: LaunchChoiceSpec,
  td: TaskDefinition,
  given: { readonly placementConstraints?: readonly PlacementInput[] | undefined; readonly placementStrategy?: readonly PlacementInput[] | undefined },
  current: Pick<Service, 'placementConstraints' | 'placementStrategy'> = {},
): E.Either<EcsError, Pick<Service, 'placementConstraints' | 'placementStrategy'>> {
  if (!isEc2Launch(launch)) {
    if ((given.placementConstraints ?? []).length > 0 || (given.placementStrategy ?? []).length > 0) {
      return E.left(invalidParameter('placementConstraints and placementStrategy are not supported for services using the Fargate launch type.'));
    }
    return E.right({});
  }
  const entries = (list: readonly PlacementInput[]): PlacementEntry[] =>
    list.map((e) => ({
      type: e.type ?? '',
      ...(e.expression !== undefined ? { expression: e.expression } : {}),
      ...(e.field !== undefined ? { field: e.field } : {}),
    }));
  const constraints = given.placementConstraints !== undefined ? entries(given.placementConstraints) : (current.placementConstraints ?? []);
  const strategies = given.placementStrategy !== undefined ? entries(given.placementStrategy) : (current.placementStrategy ?? []);
  const checked = validateEc2Placement(td, constraints, strategies, DEFAULT_EC2_SERVICE_STRATEGIES);
  if (E.isLeft(checked)) return checked;
  return E.right({ placementConstraints: constraints, placementStrategy: strategies });
}

/** The network of an EC2 service whose tasks have no ENI of their own: nothing to configure or echo. */
export const NO_SERVICE_NETWORK: ServiceNetwork = Object.freeze({ subnets: [], securityGroups: [], assignPublicIp: 'DISABLED' });

/**
 * The network of a new deployment: on Fargate and for `awsvpc` tasks on EC2 the validated `awsvpcConfiguration`
 * (no public IP on EC2); for EC2 tasks without a task ENI (bridge, host, none) none — a network configuration is
 * refused as ECS refuses it for those modes.
 */
export function serviceNetworkFor(
  tx: WorldTxn,
  launch: LaunchChoiceSpec,
  td: TaskDefinition,
  given: NetworkConfigurationInput | undefined,
): E.Either<EcsError, { readonly network: ServiceNetwork; readonly subnets: readonly Subnet[] }> {
  if (!isEc2Launch(launch)) return resolveServiceNetwork(tx, given);
  if (td.networkMode === 'awsvpc') {
    if (given?.awsvpcConfiguration?.assignPublicIp === 'ENABLED') return E.left(invalidParameter(EC2_PUBLIC_IP));
    return resolveServiceNetwork(tx, given);
  }
  if (given !== undefined) return E.left(invalidParameter(NETWORK_CONFIGURATION_NOT_VALID));
  return E.right({ network: NO_SERVICE_NETWORK, subnets: [] });
}

/** ECS's defaults for a REPLICA service (service captures §1.1: FP, UI 2026). */
export const DEFAULT_DEPLOYMENT_CONFIG: DeploymentConfig = {
  minimumHealthyPercent: 100,
  maximumPercent: 200,
  deploymentCircuitBreaker: { enable: false, rollback: false, resetOnHealthyTask: undefined, thresholdConfiguration: undefined },
  alarms: undefined,
  strategy: 'ROLLING',
  bakeTimeInMinutes: 0,
};

/**
 * ECS's defaults for a DAEMON service: minimumHealthyPercent 0 and maximumPercent 100 (CreateService API reference,
 * `DeploymentConfiguration`: "the default minimumHealthyPercent value for a service using the DAEMON service
 * schedule is 0%"; the maximumPercent "should remain at 100%, which is the default value").
 */
export const DAEMON_DEPLOYMENT_CONFIG: DeploymentConfig = { ...DEFAULT_DEPLOYMENT_CONFIG, minimumHealthyPercent: 0, maximumPercent: 100 };

/** A DAEMON service given placement strategies (which the daemon scheduler does not use; wording UNVERIFIED). */
export const DAEMON_PLACEMENT_STRATEGY = 'Placement strategies are not supported for services using the DAEMON scheduling strategy.';

/**
 * `deploymentConfiguration` over `base` (ECS's defaults on create, the service's current one on update): members
 * given replace the base's, as UpdateService does. Percentages are checked (wording UNVERIFIED: no capture of
 * ECS's text was found, service captures §4).
 */
export function resolveDeploymentConfig(
  given: DeploymentConfigurationInput | undefined,
  base: DeploymentConfig,
): E.Either<EcsError, DeploymentConfig> {
  if (given === undefined) return E.right(base);
  if (given.strategy !== undefined && given.strategy !== 'ROLLING') {
    return E.left(
      invalidParameter(
        `deploymentConfiguration.strategy ${given.strategy} is not supported: ecs-twin models the ROLLING strategy only.`,
      ),
    );
  }
  const min = given.minimumHealthyPercent ?? base.minimumHealthyPercent;
  const max = given.maximumPercent ?? base.maximumPercent;
  if (min < 0 || min > 100) {
    return E.left(invalidParameter(`deploymentConfiguration.minimumHealthyPercent must be between 0 and 100, but was ${min}.`));
  }
  if (max < 100) {
    return E.left(invalidParameter(`deploymentConfiguration.maximumPercent must be at least 100, but was ${max}.`));
  }
  const cb = given.deploymentCircuitBreaker;
  const threshold = cb?.thresholdConfiguration;
  if (threshold !== undefined && threshold.value < (threshold.type === 'COUNT' ? 1 : 0)) {
    return E.left(
      invalidParameter(`deploymentCircuitBreaker.thresholdConfiguration.value must not be negative, but was ${threshold.value}.`),
    );
  }
  const bake = given.bakeTimeInMinutes ?? base.bakeTimeInMinutes;
  if (bake < 0 || bake > 1440) {
    return E.left(invalidParameter(`deploymentConfiguration.bakeTimeInMinutes must be between 0 and 1440, but was ${bake}.`));
  }
  return E.right({
    minimumHealthyPercent: min,
    maximumPercent: max,
    deploymentCircuitBreaker:
      cb === undefined
        ? base.deploymentCircuitBreaker
        : {
            enable: cb.enable,
            rollback: cb.rollback,
            resetOnHealthyTask: cb.resetOnHealthyTask,
            thresholdConfiguration:
              threshold === undefined ? undefined : { type: threshold.type as ThresholdType, value: threshold.value },
          },
    alarms: given.alarms === undefined ? base.alarms : { ...given.alarms, alarmNames: [...given.alarms.alarmNames] },
    strategy: 'ROLLING',
    bakeTimeInMinutes: bake,
  });
}

/**
 * Load balancers checked against the task definition: the container must exist and expose the port (ECS's
 * observed messages, service captures §4). A target group ARN or a Classic Load Balancer name is required.
 */
export function validateLoadBalancers(
  given: readonly LoadBalancerInput[],
  td: TaskDefinition,
): E.Either<EcsError, ServiceLoadBalancer[]> {
  const out: ServiceLoadBalancer[] = [];
  for (let i = 0; i < given.length; i++) {
    const lb = given[i]!;
    if (lb.targetGroupArn === undefined && lb.loadBalancerName === undefined) {
      return E.left(invalidParameter(`loadBalancers[${i}] needs a targetGroupArn (or a loadBalancerName).`));
    }
    if (lb.containerName === undefined || lb.containerPort === undefined) {
      return E.left(invalidParameter(`loadBalancers[${i}] needs a containerName and a containerPort.`));
    }
    if (lb.targetGroupArn !== undefined && !TARGET_GROUP_ARN.test(lb.targetGroupArn)) {
      return E.left(
        invalidParameter(`loadBalancers[${i}].targetGroupArn: '${lb.targetGroupArn}' is not a valid target group ARN.`),
      );
    }
    const container = td.containers.find((c) => c.name === lb.containerName);
    if (container === undefined) return E.left(invalidParameter(noContainerMessage(lb.containerName)));
    if (!(container.portMappings ?? []).some((p) => p.containerPort === lb.containerPort)) {
      return E.left(invalidParameter(noContainerPortMessage(lb.containerName, lb.containerPort)));
    }
    out.push({
      ...(lb.targetGroupArn !== undefined ? { targetGroupArn: lb.targetGroupArn } : {}),
      ...(lb.loadBalancerName !== undefined ? { loadBalancerName: lb.loadBalancerName } : {}),
      containerName: lb.containerName,
      containerPort: lb.containerPort,
    });
  }
  return E.right(out);
}

/** The network of a deployment: the validated subnets and the configuration as echoed. */
export function resolveServiceNetwork(
  tx: WorldTxn,
  given: NetworkConfigurationInput | undefined,
): E.Either<EcsError, { readonly network: ServiceNetwork; readonly subnets: Subnet[] }> {
  const subnets = validateNetwork(tx, given);
  if (E.isLeft(subnets)) return subnets;
  const vpc = given!.awsvpcConfiguration!;
  return E.right({
    subnets: subnets.right,
    network: {
      subnets: [...vpc.subnets],
      securityGroups: [...(vpc.securityGroups ?? [])],
      assignPublicIp: vpc.assignPublicIp ?? 'DISABLED',
    },
  });
}

/** What a new deployment is made of. */
export interface DeploymentParts {
  readonly clusterName: string;
  readonly serviceName: string;
  readonly serviceKey: string;
  readonly td: TaskDefinition;
  readonly launch: LaunchChoiceSpec;
  readonly platformVersion: string | undefined;
  readonly network: ServiceNetwork;
  readonly subnets: readonly Subnet[];
  readonly propagateTags: 'TASK_DEFINITION' | 'SERVICE' | 'NONE';
  readonly enableECSManagedTags: boolean;
  readonly enableExecuteCommand: boolean;
  readonly serviceTags: readonly Tag[];
  /** The service's load balancers: tasks register their targets in these target groups. */
  readonly loadBalancers: readonly ServiceLoadBalancer[];
}

/** A new deployment id: `ecs-svc/` + 19 digits from the seeded `services` stream, leading zeros kept (§5.4). */
export function newDeploymentId(tx: WorldTxn): string {
  const rng = tx.rng('services');
  let digits = '';
  for (let i = 0; i < 19; i++) digits += String(rng.int(10));
  return `ecs-svc/${digits}`;
}

/**
 * A new PRIMARY deployment (IN_PROGRESS, desired 0 as ECS shows it in 2026) and the task spec its tasks share.
 * Checks what a launch needs: FARGATE compatibility, the platform version.
 */
export function newDeployment(tx: WorldTxn, parts: DeploymentParts): E.Either<EcsError, Deployment> {
  const td = parts.td;
  const ec2 = isEc2Launch(parts.launch);
  let platform: { readonly version: string; readonly family: string };
  let sizes: { readonly cpuUnits: number; readonly memoryMiB: number; readonly reservation?: { cpu: number; memory: number } };
  if (ec2) {
    // EC2 tasks have no platform version; `LATEST` is what a service records when none was given.
    if (parts.platformVersion !== undefined && parts.platformVersion !== 'LATEST') return E.left(invalidParameter(EC2_PLATFORM_VERSION));
    const s = validateEc2Overrides(td, undefined);
    if (E.isLeft(s)) return s;
    platform = { version: '', family: '' };
    sizes = { cpuUnits: s.right.cpuUnits, memoryMiB: s.right.memoryMiB, reservation: { cpu: s.right.reservedCpu, memory: s.right.reservedMemory } };
  } else {
    if (!td.compatibilities.includes('FARGATE')) return E.left(invalidParameter(NOT_FARGATE_COMPATIBLE));
    const p = resolvePlatform(td, parts.platformVersion);
    if (E.isLeft(p)) return p;
    platform = p.right;
    sizes = { cpuUnits: td.cpuUnits ?? 0, memoryMiB: td.memoryMiB ?? 0 };
  }
  const id = newDeploymentId(tx);
  const now = tx.nowMs;
  let tags: readonly Tag[] = [];
  if (parts.propagateTags === 'TASK_DEFINITION') tags = td.tags;
  else if (parts.propagateTags === 'SERVICE') tags = parts.serviceTags;
  if (parts.enableECSManagedTags) {
    tags = [
      ...tags,
      { key: 'aws:ecs:clusterName', value: parts.clusterName },
      { key: 'aws:ecs:serviceName', value: parts.serviceName },
    ];
  }
  const taskSpec: TaskSpec = {
    originMs: now,
    clusterName: parts.clusterName,
    taskDefinitionKey: taskDefinitionKey(td.family, td.revision),
    taskDefinitionArn: td.arn,
    family: td.family,
    cpuUnits: sizes.cpuUnits,
    memoryMiB: sizes.memoryMiB,
    ephemeralStorageGiB: ec2 ? 0 : td.ephemeralStorageGiB,
    launchType: ec2 ? 'EC2' : 'FARGATE',
    ...(sizes.reservation !== undefined ? { reservation: sizes.reservation } : {}),
    platformVersion: platform.version,
    platformFamily: platform.family,
    cpuArchitecture: td.cpuArchitecture,
    group: flatString(`service:${parts.serviceName}`),
    startedBy: id,
    tags,
    overrides: { containerOverrides: td.containers.map((c) => ({ name: c.name })) },
    enableExecuteCommand: parts.enableExecuteCommand,
    serviceKey: parts.serviceKey,
    deploymentId: id,
    ...(parts.loadBalancers.some((lb) => lb.targetGroupArn !== undefined)
      ? {
          loadBalancers: parts.loadBalancers.flatMap((lb) =>
            lb.targetGroupArn === undefined
              ? []
              : [{ targetGroupArn: lb.targetGroupArn, containerName: lb.containerName, containerPort: lb.containerPort }],
          ),
        }
      : {}),
  };
  return E.right({
    id,
    status: 'PRIMARY',
    taskDefinitionArn: td.arn,
    taskDefinitionKey: taskSpec.taskDefinitionKey,
    desiredCount: 0,
    failedTasks: 0,
    activeTasks: 0,
    createdAtMs: now,
    updatedAtMs: now,
    launch: parts.launch,
    platformVersion: platform.version,
    platformFamily: platform.family,
    network: parts.network,
    subnets: parts.subnets,
    rolloutState: 'IN_PROGRESS',
    rolloutStateReason: flatString(inProgressReason(id)),
    taskSpec,
  });
}
