/**
 * The request codecs of CreateService and UpdateService and the parts they share: deployment configuration, load
 * balancers, deployment controller. Members the twin does not model (service registries, Service Connect, VPC
 * Lattice, volume configurations) are decoded and accepted, so real requests decode.
 *
 * @module
 */
import * as t from 'io-ts';
import { Int, literals } from '../../codecs/common.js';
import { list, StringListCodec, struct } from '../../codecs/struct.js';
import { TaskDefinitionTagCodec } from '../../codecs/taskDefinition.js';
import { StrategyInputCodec } from '../capacityProviderStrategy.js';
import { NetworkConfigurationCodec } from '../networkConfiguration.js';
import { PlacementConstraintsCodec, PlacementStrategiesCodec } from '../placementRequest.js';

/** `deploymentCircuitBreaker`. */
export const DeploymentCircuitBreakerCodec = struct(
  'DeploymentCircuitBreaker',
  {
    enable: t.boolean,
    rollback: t.boolean,
    resetOnHealthyTask: t.boolean,
    thresholdConfiguration: struct(
      'ThresholdConfiguration',
      { type: literals(['BOUNDED_PERCENT', 'UNBOUNDED_PERCENT', 'COUNT']), value: Int },
      ['type', 'value'],
    ),
  },
  ['enable', 'rollback'],
);

/** `deploymentConfiguration`. */
export const DeploymentConfigurationCodec = struct('DeploymentConfiguration', {
  deploymentCircuitBreaker: DeploymentCircuitBreakerCodec,
  maximumPercent: Int,
  minimumHealthyPercent: Int,
  alarms: struct('DeploymentAlarms', { alarmNames: StringListCodec, enable: t.boolean, rollback: t.boolean }, [
    'alarmNames',
    'enable',
    'rollback',
  ]),
  strategy: literals(['ROLLING', 'BLUE_GREEN', 'LINEAR', 'CANARY']),
  bakeTimeInMinutes: Int,
  lifecycleHooks: t.UnknownArray,
  linearConfiguration: t.UnknownRecord,
  canaryConfiguration: t.UnknownRecord,
});

/** A decoded `deploymentConfiguration`. */
export type DeploymentConfigurationInput = t.TypeOf<typeof DeploymentConfigurationCodec>;

/** `loadBalancers[]` item. */
export const LoadBalancerCodec = struct(
  'LoadBalancer',
  { targetGroupArn: t.string, loadBalancerName: t.string, containerName: t.string, containerPort: Int, advancedConfiguration: t.UnknownRecord },
  [],
);

/** A decoded load balancer. */
export type LoadBalancerInput = t.TypeOf<typeof LoadBalancerCodec>;

/** `deploymentController`. */
export const DeploymentControllerCodec = struct(
  'DeploymentController',
  { type: literals(['ECS', 'CODE_DEPLOY', 'EXTERNAL']) },
  ['type'],
);


/** CreateService request (`@aws-sdk/client-ecs` `CreateServiceRequest`). */
export const CreateServiceInput = struct(
  'CreateServiceRequest',
  {
    cluster: t.string,
    serviceName: t.string,
    taskDefinition: t.string,
    availabilityZoneRebalancing: literals(['ENABLED', 'DISABLED']),
    loadBalancers: list(LoadBalancerCodec, 'list of LoadBalancer'),
    serviceRegistries: t.UnknownArray,
    desiredCount: Int,
    clientToken: t.string,
    launchType: literals(['EC2', 'FARGATE', 'EXTERNAL', 'MANAGED_INSTANCES']),
    capacityProviderStrategy: StrategyInputCodec,
    platformVersion: t.string,
    role: t.string,
    deploymentConfiguration: DeploymentConfigurationCodec,
    placementConstraints: PlacementConstraintsCodec,
    placementStrategy: PlacementStrategiesCodec,
    networkConfiguration: NetworkConfigurationCodec,
    healthCheckGracePeriodSeconds: Int,
    schedulingStrategy: literals(['REPLICA', 'DAEMON']),
    deploymentController: DeploymentControllerCodec,
    tags: list(TaskDefinitionTagCodec, 'list of tags'),
    enableECSManagedTags: t.boolean,
    propagateTags: literals(['TASK_DEFINITION', 'SERVICE', 'NONE']),
    enableExecuteCommand: t.boolean,
    serviceConnectConfiguration: t.UnknownRecord,
    volumeConfigurations: t.UnknownArray,
    vpcLatticeConfigurations: t.UnknownArray,
  },
  ['serviceName'],
);

/** A decoded CreateService request. */
export type CreateServiceRequestInput = t.TypeOf<typeof CreateServiceInput>;

/** UpdateService request (`@aws-sdk/client-ecs` `UpdateServiceRequest`). */
export const UpdateServiceInput = struct(
  'UpdateServiceRequest',
  {
    cluster: t.string,
    service: t.string,
    desiredCount: Int,
    taskDefinition: t.string,
    capacityProviderStrategy: StrategyInputCodec,
    deploymentConfiguration: DeploymentConfigurationCodec,
    availabilityZoneRebalancing: literals(['ENABLED', 'DISABLED']),
    networkConfiguration: NetworkConfigurationCodec,
    placementConstraints: PlacementConstraintsCodec,
    placementStrategy: PlacementStrategiesCodec,
    platformVersion: t.string,
    forceNewDeployment: t.boolean,
    healthCheckGracePeriodSeconds: Int,
    deploymentController: DeploymentControllerCodec,
    enableExecuteCommand: t.boolean,
    enableECSManagedTags: t.boolean,
    loadBalancers: list(LoadBalancerCodec, 'list of LoadBalancer'),
    propagateTags: literals(['TASK_DEFINITION', 'SERVICE', 'NONE']),
    serviceRegistries: t.UnknownArray,
    serviceConnectConfiguration: t.UnknownRecord,
    volumeConfigurations: t.UnknownArray,
    vpcLatticeConfigurations: t.UnknownArray,
  },
  ['service'],
);

/** A decoded UpdateService request. */
export type UpdateServiceRequestInput = t.TypeOf<typeof UpdateServiceInput>;

/** Most tasks per service ("Tasks per service" quota, reference §4.1). */
export const MAX_SERVICE_DESIRED_COUNT = 5000;
/** Largest `healthCheckGracePeriodSeconds` (reference §4.5). */
export const MAX_GRACE_PERIOD_SECONDS = 2_147_483_647;
/** Service names: 1–255 letters, digits, hyphens and underscores (reference §4.2). */
export const SERVICE_NAME = /^[A-Za-z0-9_-]{1,255}$/;
/** CreateService `clientToken`: up to 36 ASCII characters 33–126 (reference §4.2). */
export const SERVICE_CLIENT_TOKEN = /^[\x21-\x7e]{1,36}$/;

/** [OBS] Terraform output (service captures §4): CreateService with a name in use. */
export const NOT_IDEMPOTENT = 'Creation of service was not idempotent.';
/** [OBS] faas-fargate#13, convox (reference §4.3): CreateService with the name of a DRAINING service. */
export const STILL_DRAINING = 'Unable to Start a service that is still Draining.';
/** [OBS] hashicorp/terraform#3582, alchemy-run/alchemy#1581 (service captures §4). */
export const SERVICE_NOT_ACTIVE = 'Service was not ACTIVE.';
/** [OBS] hashicorp/terraform#15073, turbot/steampipe-plugin-aws#1415 (service captures §4). */
export const SERVICE_NOT_FOUND = 'Service not found.';
/** [OBS] idx:54277605302 (service captures §4): DeleteService of a service scaled above 0 without `force`. */
export const SCALED_ABOVE_ZERO = 'The service cannot be stopped while it is scaled above 0.';
/** [OBS] idx:53960345405 (service captures §4). */
export const noContainerPortMessage = (containerName: string, port: number): string =>
  `The container ${containerName} did not have a container port ${port} defined.`;
/** [OBS secondary] idx:55309559992 (service captures §4). */
export const noContainerMessage = (containerName: string): string =>
  `The container ${containerName} does not exist in the task definition.`;
