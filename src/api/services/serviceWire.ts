/**
 * The wire form of a service (DescribeServices, CreateService, UpdateService, DeleteService), with members in the
 * order real responses print them (service captures §1.1) and counts read from the service's tasks.
 *
 * @module
 */
import type { Deployment as SdkDeployment, Service as SdkService } from '@aws-sdk/client-ecs';
import { clusterArn } from '../../domain/arn.js';
import { launchesOnInstances, type Deployment, type LaunchChoiceSpec, type Service } from '../../domain/service.js';
import { toEpochSeconds } from '../../domain/time.js';
import type { WorldTxn } from '../../domain/txn.js';
import type { Wire } from '../../domain/wire.js';
import { peekRoster } from '../../scheduler/service/serviceRoster.js';
import { defineLazyMember } from '../lazyMember.js';

/** RUNNING and pending tasks per deployment id (tasks with desired status RUNNING). */
interface Counts {
  running: number;
  pending: number;
}

/**
 * The counts from the service's roster (kept by the task store; read from the tasks when the service has none
 * yet). SIM RULE (reference §4.2): every task not yet RUNNING and not stopping counts as pending.
 */
function countTasks(tx: WorldTxn, s: Service): Map<string, Counts> {
  const out = new Map<string, Counts>();
  if (s.status === 'INACTIVE') return out;
  for (const d of peekRoster(tx, s).deployments) {
    if (d.id !== '') out.set(d.id, { running: d.running, pending: d.live - d.running });
  }
  return out;
}

const launchMembers = (l: LaunchChoiceSpec): Record<string, unknown> =>
  l._tag === 'LaunchType'
    ? { launchType: l.launchType }
    : { capacityProviderStrategy: l.strategy.map((i) => ({ capacityProvider: i.capacityProvider, weight: i.weight, base: i.base })) };

const networkWire = (n: Deployment['network']) => ({
  awsvpcConfiguration: { subnets: [...n.subnets], securityGroups: [...n.securityGroups], assignPublicIp: n.assignPublicIp },
});

/** EC2 launches have no platform version and (without awsvpc) no network configuration to show. */
const isEc2 = launchesOnInstances;

function deploymentWire(d: Deployment, c: Counts | undefined): Wire<SdkDeployment> {
  const ec2 = isEc2(d.launch);
  return {
    id: d.id,
    status: d.status,
    taskDefinition: d.taskDefinitionArn,
    desiredCount: d.desiredCount,
    pendingCount: c?.pending ?? 0,
    runningCount: c?.running ?? 0,
    failedTasks: d.failedTasks,
    createdAt: toEpochSeconds(d.createdAtMs),
    updatedAt: toEpochSeconds(d.updatedAtMs),
    ...launchMembers(d.launch),
    ...(ec2 ? {} : { platformVersion: d.platformVersion, platformFamily: d.platformFamily }),
    ...(ec2 && d.network.subnets.length === 0 ? {} : { networkConfiguration: networkWire(d.network) }),
    rolloutState: d.rolloutState,
    rolloutStateReason: d.rolloutStateReason,
  } as Wire<SdkDeployment>;
}

/** The service as ECS describes it; `includeTags` adds `tags` (DescribeServices `include: ["TAGS"]`). */
export function serviceToWire(tx: WorldTxn, s: Service, includeTags = false): Wire<SdkService> {
  return serviceWireOf(tx.config, s, countTasks(tx, s), includeTags);
}

/**
 * A response whose `service` member is built when first read (`lazyMember.ts`): UpdateService answers the
 * autoscaler's thousands of calls in a simulation, which never read it. The counts are taken now; the rest is built
 * from the immutable service record.
 */
export function lazyServiceResponse(tx: WorldTxn, s: Service): { service: Wire<SdkService> } {
  const { config } = tx;
  const counts = countTasks(tx, s);
  return defineLazyMember({}, 'service', () => serviceWireOf(config, s, counts, false));
}

function serviceWireOf(config: WorldTxn['config'], s: Service, counts: ReadonlyMap<string, Counts>, includeTags: boolean): Wire<SdkService> {
  const primary = s.deployments[0];
  let running = 0;
  let pending = 0;
  for (const c of counts.values()) {
    running += c.running;
    pending += c.pending;
  }
  const cfg = s.deploymentConfiguration;
  const cb = cfg.deploymentCircuitBreaker;
  const out: Record<string, unknown> = {
    serviceArn: s.arn,
    serviceName: s.serviceName,
    clusterArn: clusterArn(config, s.clusterName),
    loadBalancers: s.loadBalancers.map((lb) => ({ ...lb })),
    serviceRegistries: [],
    status: s.status,
    desiredCount: s.desiredCount,
    runningCount: running,
    pendingCount: pending,
    ...launchMembers(s.launch),
    platformVersion: s.platformVersion,
    platformFamily: primary?.platformFamily ?? 'Linux',
    taskDefinition: primary?.taskDefinitionArn,
    deploymentConfiguration: {
      deploymentCircuitBreaker: {
        enable: cb.enable,
        rollback: cb.rollback,
        ...(cb.resetOnHealthyTask !== undefined ? { resetOnHealthyTask: cb.resetOnHealthyTask } : {}),
        ...(cb.thresholdConfiguration !== undefined ? { thresholdConfiguration: { ...cb.thresholdConfiguration } } : {}),
      },
      maximumPercent: cfg.maximumPercent,
      minimumHealthyPercent: cfg.minimumHealthyPercent,
      ...(cfg.alarms !== undefined ? { alarms: { ...cfg.alarms, alarmNames: [...cfg.alarms.alarmNames] } } : {}),
      strategy: cfg.strategy,
      bakeTimeInMinutes: cfg.bakeTimeInMinutes,
    },
    deployments: s.deployments.map((d) => deploymentWire(d, counts.get(d.id))),
    roleArn: `arn:aws:iam::${config.accountId}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS`,
    events: s.events.map((e) => ({ id: e.id, createdAt: toEpochSeconds(e.createdAtMs), message: e.message })),
    createdAt: toEpochSeconds(s.createdAtMs),
    currentServiceRevisions: s.deployments.map((d) => ({
      arn: `arn:aws:ecs:${config.region}:${config.accountId}:service-revision/${s.clusterName}/${s.serviceName}/${d.id.slice('ecs-svc/'.length)}`,
      requestedTaskCount: d.desiredCount,
      runningTaskCount: counts.get(d.id)?.running ?? 0,
      pendingTaskCount: counts.get(d.id)?.pending ?? 0,
    })),
    placementConstraints: (s.placementConstraints ?? []).map((c) => ({ ...c })),
    placementStrategy: (s.placementStrategy ?? []).map((c) => ({ ...c })),
    networkConfiguration: primary
      ? {
          awsvpcConfiguration: {
            subnets: [...primary.network.subnets],
            securityGroups: [...primary.network.securityGroups],
            assignPublicIp: primary.network.assignPublicIp,
          },
        }
      : undefined,
    // Present (0) with a load balancer, absent without one unless set (service captures §6, INFERRED from 4 captures).
    ...(s.healthCheckGracePeriodSeconds !== undefined || s.loadBalancers.length > 0
      ? { healthCheckGracePeriodSeconds: s.healthCheckGracePeriodSeconds ?? 0 }
      : {}),
    schedulingStrategy: s.schedulingStrategy ?? 'REPLICA',
    deploymentController: { type: 'ECS' },
    createdBy: `arn:aws:iam::${config.accountId}:role/ecs-twin`,
    enableECSManagedTags: s.enableECSManagedTags,
    propagateTags: s.propagateTags,
    enableExecuteCommand: s.enableExecuteCommand,
    availabilityZoneRebalancing: s.availabilityZoneRebalancing,
    resourceManagementType: 'CUSTOMER',
  };
  if (out.taskDefinition === undefined) delete out.taskDefinition;
  if (isEc2(s.launch)) {
    delete out.platformVersion;
    delete out.platformFamily;
    if (primary === undefined || primary.network.subnets.length === 0) delete out.networkConfiguration;
  }
  if (out.networkConfiguration === undefined) delete out.networkConfiguration;
  if (includeTags) out.tags = s.tags.map((t) => ({ ...t }));
  return out as Wire<SdkService>;
}
