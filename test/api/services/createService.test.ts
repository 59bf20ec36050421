// CreateService: the response shape real services show (service captures §1.1–1.2), ECS's defaults, validation
// and the errors ECS answers with (service captures §4).
import { describe, expect, it } from 'vitest';
import {
  NOT_IDEMPOTENT,
  SCALED_ABOVE_ZERO,
  STILL_DRAINING,
  noContainerMessage,
  noContainerPortMessage,
} from '../../../src/api/services/serviceRequest.js';
import { NO_CONTAINER_INSTANCES, NETWORK_CONFIGURATION_REQUIRED } from '../../../src/api/tasks/runTaskRequest.js';
import { ServiceSim, THREE_AZ } from './harness.js';

describe('CreateService', () => {
  it('answers the service with ECS defaults and one IN_PROGRESS deployment at desired 0 (FP/UI 2026 captures)', () => {
    const sim = new ServiceSim().setup();
    const s = sim.create({ desiredCount: 2 });
    expect(s).toMatchObject({
      serviceArn: 'arn:aws:ecs:us-east-1:123456789012:service/default/web',
      serviceName: 'web',
      clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/default',
      loadBalancers: [],
      serviceRegistries: [],
      status: 'ACTIVE',
      desiredCount: 2,
      runningCount: 0,
      pendingCount: 0,
      launchType: 'FARGATE',
      platformVersion: 'LATEST',
      platformFamily: 'Linux',
      deploymentConfiguration: {
        deploymentCircuitBreaker: { enable: false, rollback: false },
        maximumPercent: 200,
        minimumHealthyPercent: 100,
        strategy: 'ROLLING',
        bakeTimeInMinutes: 0,
      },
      roleArn: 'arn:aws:iam::123456789012:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS',
      events: [],
      placementConstraints: [],
      placementStrategy: [],
      schedulingStrategy: 'REPLICA',
      deploymentController: { type: 'ECS' },
      enableECSManagedTags: false,
      propagateTags: 'NONE',
      enableExecuteCommand: false,
      availabilityZoneRebalancing: 'ENABLED',
      resourceManagementType: 'CUSTOMER',
    });
    // No alarms member by default, no tags unless asked for, no grace period without a load balancer.
    expect(s).not.toHaveProperty('tags');
    expect(s).not.toHaveProperty('healthCheckGracePeriodSeconds');
    expect(s.deploymentConfiguration).not.toHaveProperty('alarms');
    expect(s.deployments).toHaveLength(1);
    const d = s.deployments[0]!;
    expect(d.id).toMatch(/^ecs-svc\/\d{19}$/);
    expect(d).toMatchObject({
      status: 'PRIMARY',
      desiredCount: 0,
      runningCount: 0,
      pendingCount: 0,
      failedTasks: 0,
      platformVersion: '1.4.0',
      platformFamily: 'Linux',
      rolloutState: 'IN_PROGRESS',
      rolloutStateReason: `ECS deployment ${d.id} in progress.`,
    });
    // service.createdAt == deployment.createdAt == deployment.updatedAt (JAWS, LESSON, FP).
    expect(d.createdAt).toBe(s['createdAt']);
    expect(d.updatedAt).toBe(d.createdAt);
    // The revision ARN ends in the deployment id's digits (UI, FP).
    expect(s['currentServiceRevisions']).toEqual([
      {
        arn: `arn:aws:ecs:us-east-1:123456789012:service-revision/default/web/${d.id.slice(8)}`,
        requestedTaskCount: 0,
        runningTaskCount: 0,
        pendingTaskCount: 0,
      },
    ]);
    // Members appear in the order real responses print them.
    expect(Object.keys(s).slice(0, 10)).toEqual([
      'serviceArn', 'serviceName', 'clusterArn', 'loadBalancers', 'serviceRegistries', 'status', 'desiredCount',
      'runningCount', 'pendingCount', 'launchType',
    ]);
  });

  it('announces the deployment as an "ECS Deployment State Change" with clusterArn (AUTOPTIC 2026)', () => {
    const sim = new ServiceSim().setup();
    const s = sim.create();
    const e = sim.events.find((x) => x['detail-type'] === 'ECS Deployment State Change')!;
    expect(e.resources).toEqual([s.serviceArn]);
    expect(e.detail).toEqual({
      eventType: 'INFO',
      eventName: 'SERVICE_DEPLOYMENT_IN_PROGRESS',
      clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/default',
      deploymentId: s.deployments[0]!.id,
      updatedAt: '2024-01-01T00:00:00.000Z',
      reason: `ECS deployment ${s.deployments[0]!.id} in progress.`,
    });
  });

  it('counts the service in the cluster and refuses DeleteCluster while it exists', () => {
    const sim = new ServiceSim().setup();
    sim.create();
    const c = sim.ok<{ clusters: Array<{ activeServicesCount: number }> }>('DescribeClusters', { clusters: ['default'] });
    expect(c.clusters[0]!.activeServicesCount).toBe(1);
    expect(sim.fail('DeleteCluster', { cluster: 'default' }).name).toBe('ClusterContainsServicesException');
  });

  it('refuses a name in use with different parameters: "Creation of service was not idempotent." (Terraform output, captures §4)', () => {
    const sim = new ServiceSim().setup();
    sim.create();
    expect(sim.fail('CreateService', { serviceName: 'web', taskDefinition: 'web', desiredCount: 3, launchType: 'FARGATE', networkConfiguration: THREE_AZ })).toEqual({
      name: 'InvalidParameterException',
      message: NOT_IDEMPOTENT,
    });
  });

  it('answers a retry with the same clientToken and request with the same service', () => {
    const sim = new ServiceSim().setup();
    const first = sim.create({ clientToken: 'tok-1' });
    const again = sim.create({ clientToken: 'tok-1' });
    expect(again.deployments[0]!.id).toBe(first.deployments[0]!.id);
    expect(sim.fail('CreateService', { serviceName: 'web', taskDefinition: 'web', desiredCount: 5, launchType: 'FARGATE', networkConfiguration: THREE_AZ, clientToken: 'tok-1' }).message).toBe(NOT_IDEMPOTENT);
  });

  it('refuses the name of a DRAINING service: "Unable to Start a service that is still Draining." (faas-fargate#13)', () => {
    const sim = new ServiceSim().setup();
    sim.create({ desiredCount: 1 });
    sim.advance(120_000);
    expect(sim.fail('DeleteService', { service: 'web' }).message).toBe(SCALED_ABOVE_ZERO);
    sim.ok('DeleteService', { service: 'web', force: true });
    expect(sim.fail('CreateService', { serviceName: 'web', taskDefinition: 'web', desiredCount: 1, launchType: 'FARGATE', networkConfiguration: THREE_AZ }).message).toBe(STILL_DRAINING);
    // Once INACTIVE, the name can be used again.
    sim.until(() => sim.service().status === 'INACTIVE', 600_000);
    expect(sim.create({ desiredCount: 1 }).status).toBe('ACTIVE');
  });

  it.each([
    [{ serviceName: 'bad name!' }, 'InvalidParameterException', /serviceName must be 1-255 characters/],
    [{ desiredCount: -1 }, 'InvalidParameterException', /desiredCount must be between 0 and 5000, but was -1/],
    [{ desiredCount: 5001 }, 'InvalidParameterException', /desiredCount must be between 0 and 5000/],
    [{ desiredCount: undefined }, 'InvalidParameterException', /desiredCount must be specified/],
    [{ taskDefinition: undefined }, 'InvalidParameterException', /A task definition must be specified/],
    [{ taskDefinition: 'nope' }, 'ClientException', /TaskDefinition not found/],
    [{ networkConfiguration: undefined }, 'InvalidParameterException', new RegExp(NETWORK_CONFIGURATION_REQUIRED.replace(/[.']/g, '.'))],
    [{ launchType: 'EC2' }, 'InvalidParameterException', new RegExp(NO_CONTAINER_INSTANCES)],
    [{ schedulingStrategy: 'DAEMON' }, 'InvalidParameterException', /DAEMON scheduling strategy is not supported/],
    [{ deploymentController: { type: 'CODE_DEPLOY' } }, 'InvalidParameterException', /deploymentController CODE_DEPLOY is not supported/],
    [{ deploymentConfiguration: { minimumHealthyPercent: 101 } }, 'InvalidParameterException', /minimumHealthyPercent must be between 0 and 100/],
    [{ deploymentConfiguration: { maximumPercent: 90 } }, 'InvalidParameterException', /maximumPercent must be at least 100/],
    [{ healthCheckGracePeriodSeconds: -5 }, 'InvalidParameterException', /healthCheckGracePeriodSeconds must be between 0/],
    [{ placementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }] }, 'InvalidParameterException', /not supported for services using the Fargate launch type/],
    [{ cluster: 'nope' }, 'ClusterNotFoundException', /Cluster not found\./],
    [{ desiredCount: '2' }, 'SerializationException', /desiredCount/],
  ])('refuses %j', (patch, name, message) => {
    const sim = new ServiceSim().setup();
    const input: Record<string, unknown> = {
      serviceName: 'web', taskDefinition: 'web', desiredCount: 2, launchType: 'FARGATE', networkConfiguration: THREE_AZ, ...patch,
    };
    for (const k of Object.keys(input)) if (input[k] === undefined) delete input[k];
    const err = sim.fail('CreateService', input);
    expect(err.name).toBe(name);
    expect(err.message).toMatch(message);
  });

  it('checks load balancers against the task definition with ECS messages (captures §4)', () => {
    const sim = new ServiceSim().setup();
    sim.revise('nginx:1.27');
    const tg = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef';
    expect(sim.fail('CreateService', { serviceName: 'web', taskDefinition: 'web', desiredCount: 1, launchType: 'FARGATE', networkConfiguration: THREE_AZ, loadBalancers: [{ targetGroupArn: tg, containerName: 'app', containerPort: 8080 }] }).message).toBe(noContainerPortMessage('app', 8080));
    expect(sim.fail('CreateService', { serviceName: 'web', taskDefinition: 'web', desiredCount: 1, launchType: 'FARGATE', networkConfiguration: THREE_AZ, loadBalancers: [{ targetGroupArn: tg, containerName: 'api', containerPort: 80 }] }).message).toBe(noContainerMessage('api'));
    const s = sim.create({ desiredCount: 1, loadBalancers: [{ targetGroupArn: tg, containerName: 'app', containerPort: 80 }] });
    expect(s.loadBalancers).toEqual([{ targetGroupArn: tg, containerName: 'app', containerPort: 80 }]);
    // With a load balancer the grace period is reported, 0 when not set (JAWS, PROY).
    expect(s['healthCheckGracePeriodSeconds']).toBe(0);
  });

  it('uses the cluster default capacity-provider strategy when neither launch type nor strategy is given', () => {
    const sim = new ServiceSim().setup('default', { defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }] });
    const s = sim.create({ launchType: undefined });
    expect(s).not.toHaveProperty('launchType');
    expect(s['capacityProviderStrategy']).toEqual([{ capacityProvider: 'FARGATE_SPOT', weight: 1, base: 0 }]);
    sim.until(() => sim.steady());
    const arns = sim.ok<{ taskArns: string[] }>('ListTasks', { serviceName: 'web' }).taskArns;
    const tasks = sim.ok<{ tasks: Array<{ capacityProviderName: string; group: string; startedBy: string }> }>('DescribeTasks', { tasks: arns }).tasks;
    expect(tasks.map((t) => t.capacityProviderName)).toEqual(['FARGATE_SPOT', 'FARGATE_SPOT']);
    expect(tasks.every((t) => t.group === 'service:web' && t.startedBy === sim.service().deployments[0]!.id)).toBe(true);
  });
});
