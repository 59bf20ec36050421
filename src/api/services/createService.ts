/**
 * CreateService (REPLICA, Fargate or EC2, ECS deployment controller): validates the request, stores the service with its
 * first deployment (IN_PROGRESS, desired 0, as ECS shows it in 2026) and books the scheduler's first pass, which
 * launches the tasks on the virtual clock (`src/scheduler/service/servicePass.ts`).
 *
 * @module
 */
import type { CreateServiceResponse } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import { serviceArn } from '../../domain/arn.js';
import { invalidParameter, type EcsError } from '../../domain/errors.js';
import { compareStrings } from '../../domain/pmap.js';
import { serviceKey, type Service } from '../../domain/service.js';
import type { WorldTxn } from '../../domain/txn.js';
import type { Wire } from '../../domain/wire.js';
import { emitDeploymentStateChange } from '../../scheduler/service/serviceEvents.js';
import { daemonView } from '../../scheduler/service/daemon.js';
import { startRoster } from '../../scheduler/service/serviceRoster.js';
import { withPassSoon } from '../../scheduler/service/servicePassTimer.js';
import { getActiveCluster } from '../clusters/getCluster.js';
import { EC2_PLATFORM_VERSION } from '../tasks/runTaskRequest.js';
import { resolveLaunchChoice } from '../launchChoice.js';
import { defineOperation } from '../operation.js';
import { validateTags } from '../tags/tags.js';
import { resolveTaskDefinition } from '../taskDefinitions/resolve.js';
import {
  checkServiceCounts,
  DAEMON_DEPLOYMENT_CONFIG,
  DAEMON_PLACEMENT_STRATEGY,
  DEFAULT_DEPLOYMENT_CONFIG,
  isEc2Launch,
  newDeployment,
  resolveDeploymentConfig,
  resolveServicePlacement,
  serviceNetworkFor,
  validateLoadBalancers,
} from './serviceConfig.js';
import {
  CreateServiceInput,
  NOT_IDEMPOTENT,
  SERVICE_CLIENT_TOKEN,
  SERVICE_NAME,
  STILL_DRAINING,
  type CreateServiceRequestInput,
} from './serviceRequest.js';
import { serviceToWire } from './serviceWire.js';
import { flatString } from '../../domain/flatString.js';

/** CreateService. */
export const createService = defineOperation({
  name: 'CreateService',
  input: CreateServiceInput,
  run: (tx, input): E.Either<EcsError, Wire<CreateServiceResponse>> => {
    const cluster = getActiveCluster(tx, input.cluster);
    if (E.isLeft(cluster)) return cluster;
    const clusterName = cluster.right.name;
    if (!SERVICE_NAME.test(input.serviceName)) {
      return E.left(
        invalidParameter('serviceName must be 1-255 characters: letters (uppercase and lowercase), numbers, hyphens and underscores.'),
      );
    }
    if (input.clientToken !== undefined && !SERVICE_CLIENT_TOKEN.test(input.clientToken)) {
      return E.left(invalidParameter('clientToken must be 1-36 ASCII characters (codes 33-126).'));
    }
    const key = serviceKey(clusterName, input.serviceName);
    const fingerprint = requestFingerprint(input);
    const existing = tx.table('services').get(key);
    if (existing !== undefined && existing.status === 'DRAINING') return E.left(invalidParameter(STILL_DRAINING));
    if (existing !== undefined && existing.status === 'ACTIVE') {
      // A retry with the same token and the same request answers the first call again.
      const same = existing.clientToken !== undefined && existing.clientToken.token === input.clientToken && existing.clientToken.fingerprint === fingerprint;
      return same ? E.right({ service: serviceToWire(tx, existing) }) : E.left(invalidParameter(NOT_IDEMPOTENT));
    }
    const checked = validateRequest(tx, input, cluster.right);
    if (E.isLeft(checked)) return checked;
    const service = checked.right;
    const next: Service = {
      ...service,
      clientToken: input.clientToken === undefined ? undefined : { token: input.clientToken, fingerprint },
    };
    const stored = withPassSoon(tx, next);
    // A new service has no task yet: its roster starts empty (a name is reused only once the old service's tasks
    // have all stopped), so its first pass reads no index.
    startRoster(tx, stored);
    tx.table('services').set(key, stored);
    tx.table('clusters').set(clusterName, { ...cluster.right, activeServicesCount: cluster.right.activeServicesCount + 1 });
    const primary = stored.deployments[0]!;
    emitDeploymentStateChange(tx, stored, 'SERVICE_DEPLOYMENT_IN_PROGRESS', primary.id, primary.rolloutStateReason);
    return E.right({ service: serviceToWire(tx, stored) });
  },
});

/** Checks every member and builds the service with its first deployment. */
function validateRequest(
  tx: WorldTxn,
  input: CreateServiceRequestInput,
  cluster: Parameters<typeof resolveLaunchChoice>[2] & { readonly name: string },
): E.Either<EcsError, Service> {
  const daemon = input.schedulingStrategy === 'DAEMON';
  if (input.deploymentController !== undefined && input.deploymentController.type !== 'ECS') {
    return E.left(
      invalidParameter(
        `deploymentController ${input.deploymentController.type} is not supported: ecs-twin models the ECS (rolling update) deployment controller only.`,
      ),
    );
  }
  if (input.taskDefinition === undefined) {
    return E.left(invalidParameter('A task definition must be specified for a service using the ECS deployment controller.'));
  }
  if (input.desiredCount === undefined && !daemon) {
    return E.left(invalidParameter('desiredCount must be specified for a service using the REPLICA scheduling strategy.'));
  }
  const invalid = checkServiceCounts(input);
  if (invalid !== undefined) return E.left(invalid);
  const grace = input.healthCheckGracePeriodSeconds;
  const td = resolveTaskDefinition(tx, input.taskDefinition);
  if (E.isLeft(td)) return td;
  const launch = resolveLaunchChoice(input.launchType, input.capacityProviderStrategy, cluster);
  if (E.isLeft(launch)) return launch;
  if (daemon && !isEc2Launch(launch.right)) {
    return E.left(invalidParameter('The DAEMON scheduling strategy is not supported for services using the Fargate launch type.'));
  }
  if (daemon && (input.placementStrategy ?? []).length > 0) return E.left(invalidParameter(DAEMON_PLACEMENT_STRATEGY));
  if (daemon && launch.right._tag === 'Strategy') {
    // The daemon scheduler places on every eligible instance, not by provider weights (wording UNVERIFIED).
    return E.left(invalidParameter('Capacity provider strategies are not supported for services using the DAEMON scheduling strategy: use launchType EC2.'));
  }
  // EC2 tasks have no platform version: any given one is refused, as RunTask refuses it.
  if (input.platformVersion !== undefined && isEc2Launch(launch.right)) return E.left(invalidParameter(EC2_PLATFORM_VERSION));
  const network = serviceNetworkFor(tx, launch.right, td.right, input.networkConfiguration);
  if (E.isLeft(network)) return network;
  const placement = resolveServicePlacement(launch.right, td.right, input);
  if (E.isLeft(placement)) return placement;
  const config = resolveDeploymentConfig(input.deploymentConfiguration, daemon ? DAEMON_DEPLOYMENT_CONFIG : DEFAULT_DEPLOYMENT_CONFIG);
  if (E.isLeft(config)) return config;
  const lbs = validateLoadBalancers(input.loadBalancers ?? [], td.right);
  if (E.isLeft(lbs)) return lbs;
  const tags = validateTags(input.tags ?? []);
  if (E.isLeft(tags)) return tags;
  const key = serviceKey(cluster.name, input.serviceName);
  const propagateTags = input.propagateTags ?? 'NONE';
  const enableECSManagedTags = input.enableECSManagedTags ?? false;
  const enableExecuteCommand = input.enableExecuteCommand ?? false;
  const deployment = newDeployment(tx, {
    clusterName: cluster.name,
    serviceName: input.serviceName,
    serviceKey: key,
    td: td.right,
    launch: launch.right,
    platformVersion: input.platformVersion,
    network: network.right.network,
    subnets: network.right.subnets,
    propagateTags,
    enableECSManagedTags,
    enableExecuteCommand,
    serviceTags: tags.right,
    loadBalancers: lbs.right,
  });
  if (E.isLeft(deployment)) return deployment;
  const service: Service = {
    key,
    serviceName: input.serviceName,
    clusterName: cluster.name,
    arn: flatString(serviceArn(tx.config, cluster.name, input.serviceName)),
    status: 'ACTIVE',
    desiredCount: input.desiredCount ?? 0,
    launch: launch.right,
    ...placement.right,
    platformVersion: input.platformVersion ?? 'LATEST',
    deploymentConfiguration: config.right,
    loadBalancers: lbs.right,
    healthCheckGracePeriodSeconds: grace,
    propagateTags,
    enableECSManagedTags,
    enableExecuteCommand,
    // Default ENABLED on CreateService (reference §5.7, service captures §1.1).
    availabilityZoneRebalancing: input.availabilityZoneRebalancing ?? 'ENABLED',
    tags: tags.right,
    createdAtMs: tx.nowMs,
    deployments: [deployment.right],
    events: [],
    passTimer: undefined,
    startFailures: 0,
    launchNotBeforeMs: 0,
    steadySinceMs: undefined,
    rebalancing: false,
    clientToken: undefined,
    ...(daemon ? { schedulingStrategy: 'DAEMON' as const } : {}),
  };
  // A daemon service's desired count is the number of instances it must run on, known at once.
  return E.right(daemon ? { ...service, desiredCount: daemonView(tx, service, deployment.right).eligible } : service);
}

/** The request a `clientToken` is bound to: every member but the token and the cluster, sorted by name. */
function requestFingerprint(input: CreateServiceRequestInput): string {
  const entries = Object.entries(input).filter(([k, v]) => k !== 'clientToken' && k !== 'cluster' && v !== undefined);
  entries.sort(([a], [b]) => compareStrings(a, b));
  return JSON.stringify(Object.fromEntries(entries));
}
