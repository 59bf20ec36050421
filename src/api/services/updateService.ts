/**
 * UpdateService: changes a service's settings, and starts a new deployment when the task configuration changes
 * (task definition, network configuration, capacity-provider strategy, platform version, load balancers, or
 * `forceNewDeployment`) — never for `desiredCount` or `healthCheckGracePeriodSeconds` alone (reference §4.3).
 *
 * @module
 */
import type { UpdateServiceResponse } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import { ecsError, invalidParameter, type EcsError } from '../../domain/errors.js';
import type { Deployment, LaunchChoiceSpec, Service, ServiceNetwork } from '../../domain/service.js';
import type { Wire } from '../../domain/wire.js';
import { emitDeploymentStateChange } from '../../scheduler/service/serviceEvents.js';
import { withPassSoon } from '../../scheduler/service/servicePassTimer.js';
import { getActiveCluster } from '../clusters/getCluster.js';
import { EC2_PLATFORM_VERSION } from '../tasks/runTaskRequest.js';
import { resolveLaunchChoice } from '../launchChoice.js';
import { defineOperation } from '../operation.js';
import { resolveTaskDefinition } from '../taskDefinitions/resolve.js';
import { findService } from './findService.js';
import {
  checkServiceCounts,
  newDeployment,
  resolveDeploymentConfig,
  DAEMON_PLACEMENT_STRATEGY,
  isEc2Launch,
  resolveServicePlacement,
  serviceNetworkFor,
  validateLoadBalancers,
} from './serviceConfig.js';
import {
  SERVICE_NOT_ACTIVE,
  UpdateServiceInput,
} from './serviceRequest.js';
import { lazyServiceResponse } from './serviceWire.js';

/** UpdateService. */
export const updateService = defineOperation({
  name: 'UpdateService',
  input: UpdateServiceInput,
  run: (tx, input): E.Either<EcsError, Wire<UpdateServiceResponse>> => {
    const cluster = getActiveCluster(tx, input.cluster);
    if (E.isLeft(cluster)) return cluster;
    const found = findService(tx, cluster.right.name, input.service);
    if (E.isLeft(found)) return found;
    const s = found.right;
    if (s.status !== 'ACTIVE') return E.left(ecsError('ServiceNotActiveException', SERVICE_NOT_ACTIVE));
    const primary = s.deployments[0]!;

    const invalid = checkServiceCounts(input);
    if (invalid !== undefined) return E.left(invalid);
    const grace = input.healthCheckGracePeriodSeconds;
    if (input.deploymentController !== undefined && input.deploymentController.type !== 'ECS') {
      return E.left(invalidParameter('The deployment controller of a service cannot be changed from ECS by ecs-twin.'));
    }
    const config = resolveDeploymentConfig(input.deploymentConfiguration, s.deploymentConfiguration);
    if (E.isLeft(config)) return config;

    const td = resolveTaskDefinition(tx, input.taskDefinition ?? primary.taskDefinitionArn);
    if (E.isLeft(td)) return td;
    let launch: LaunchChoiceSpec = s.launch;
    if (input.capacityProviderStrategy !== undefined && input.capacityProviderStrategy.length > 0) {
      const l = resolveLaunchChoice(undefined, input.capacityProviderStrategy, cluster.right);
      if (E.isLeft(l)) return l;
      launch = l.right;
    }
    if (isEc2Launch(launch) !== isEc2Launch(s.launch)) {
      // Reference §7.2: a service cannot switch between EC2 capacity (launch type or Auto Scaling group providers)
      // and Fargate (wording UNVERIFIED).
      return E.left(
        invalidParameter('A service cannot be updated between EC2 capacity (the EC2 launch type or Auto Scaling group capacity providers) and Fargate capacity providers.'),
      );
    }
    let network: ServiceNetwork = primary.network;
    let subnets = primary.subnets;
    // The network changes when one is given, and on EC2 when the new revision's network mode needs one it lacks
    // (bridge → awsvpc: refused without one) or has one it cannot use (awsvpc → bridge: dropped).
    const ec2Mismatch = isEc2Launch(launch) && (td.right.networkMode === 'awsvpc') !== primary.network.subnets.length > 0;
    if (input.networkConfiguration !== undefined || ec2Mismatch) {
      const n = serviceNetworkFor(tx, launch, td.right, input.networkConfiguration);
      if (E.isLeft(n)) return n;
      network = n.right.network;
      subnets = n.right.subnets;
    }
    // SIM RULE: new constraints or strategies apply to the service's next launches; they start no deployment.
    const placement = resolveServicePlacement(launch, td.right, input, s);
    if (E.isLeft(placement)) return placement;
    const lbs = validateLoadBalancers(input.loadBalancers ?? s.loadBalancers, td.right);
    if (E.isLeft(lbs)) return lbs;
    if (input.platformVersion !== undefined && isEc2Launch(launch)) return E.left(invalidParameter(EC2_PLATFORM_VERSION));
    const platformVersion = input.platformVersion ?? s.platformVersion;

    const redeploy =
      input.forceNewDeployment === true ||
      td.right.arn !== primary.taskDefinitionArn ||
      JSON.stringify(network) !== JSON.stringify(primary.network) ||
      JSON.stringify(launch) !== JSON.stringify(s.launch) ||
      platformVersion !== s.platformVersion ||
      (input.loadBalancers !== undefined && JSON.stringify(lbs.right) !== JSON.stringify(s.loadBalancers));

    if (s.schedulingStrategy === 'DAEMON' && (input.placementStrategy ?? []).length > 0) return E.left(invalidParameter(DAEMON_PLACEMENT_STRATEGY));
    let next: Service = {
      ...s,
      // A daemon service's desired count is its eligible instances', which the scheduler keeps.
      desiredCount: s.schedulingStrategy === 'DAEMON' ? s.desiredCount : (input.desiredCount ?? s.desiredCount),
      deploymentConfiguration: config.right,
      healthCheckGracePeriodSeconds: grace ?? s.healthCheckGracePeriodSeconds,
      propagateTags: input.propagateTags ?? s.propagateTags,
      enableECSManagedTags: input.enableECSManagedTags ?? s.enableECSManagedTags,
      enableExecuteCommand: input.enableExecuteCommand ?? s.enableExecuteCommand,
      availabilityZoneRebalancing: input.availabilityZoneRebalancing ?? s.availabilityZoneRebalancing,
      loadBalancers: lbs.right,
      launch,
      ...placement.right,
      platformVersion,
    };
    if (!isEc2Launch(launch) && (next.placementConstraints !== undefined || next.placementStrategy !== undefined)) {
      // Moved to Fargate: the EC2 placement no longer applies (Fargate refuses it, and would not use it).
      const { placementConstraints: _c, placementStrategy: _s, ...fargate } = next;
      next = fargate;
    }
    if (s.deployments.length === 1 && next.desiredCount !== primary.desiredCount) {
      // A lone deployment wants what the service wants; a new deployment then leaves it at its full count.
      next = { ...next, deployments: [{ ...primary, desiredCount: next.desiredCount }] };
    }
    let started: Deployment | undefined;
    if (redeploy) {
      const d = newDeployment(tx, {
        clusterName: s.clusterName,
        serviceName: s.serviceName,
        serviceKey: s.key,
        td: td.right,
        launch,
        platformVersion,
        network,
        subnets,
        propagateTags: next.propagateTags,
        enableECSManagedTags: next.enableECSManagedTags,
        enableExecuteCommand: next.enableExecuteCommand,
        serviceTags: s.tags,
        loadBalancers: lbs.right,
      });
      if (E.isLeft(d)) return d;
      started = d.right;
      next = {
        ...next,
        deployments: [started, ...next.deployments.map((x): Deployment => (x.status === 'PRIMARY' ? { ...x, status: 'ACTIVE' } : x))],
        // A new deployment resets the launch back-off at once (reference §4.6).
        startFailures: 0,
        launchNotBeforeMs: 0,
      };
    }
    // A deployment or a new desired count ends a rebalancing under way; the scheduler looks again once steady.
    if (redeploy || next.desiredCount !== s.desiredCount) next = { ...next, steadySinceMs: undefined, rebalancing: false };
    next = withPassSoon(tx, next);
    tx.table('services').set(s.key, next);
    if (started !== undefined) {
      emitDeploymentStateChange(tx, next, 'SERVICE_DEPLOYMENT_IN_PROGRESS', started.id, started.rolloutStateReason);
    }
    return E.right(lazyServiceResponse(tx, next));
  },
});
