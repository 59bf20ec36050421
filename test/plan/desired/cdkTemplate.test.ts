// A template in the shape the CDK synthesizes for ecs_patterns.ApplicationLoadBalancedFargateService, read into
// ECS / Application Auto Scaling request bodies.
// CloudFormation property names: https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ecs-service.html,
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ecs-taskdefinition.html,
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ecs-cluster.html,
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-applicationautoscaling-scalabletarget.html,
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-applicationautoscaling-scalingpolicy.html.
import { readFileSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { readDesiredState, type ReadDesiredStateOptions } from '../../../src/plan/desired/index.js';
import type { DesiredState } from '../../../src/plan/types.js';

const TEMPLATE = readFileSync('docs/examples/plan/cdk-fargate-service.template.yaml', 'utf8');
const FILE = 'cdk-fargate-service.template.yaml';

function read(options: Partial<ReadDesiredStateOptions> = {}, text = TEMPLATE): DesiredState {
  const r = readDesiredState(text, { fileName: FILE, ...options });
  if (E.isLeft(r)) throw new Error(r.left.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return r.right;
}

describe('a CDK-style ApplicationLoadBalancedFargateService template', () => {
  const state = read();

  it('maps the cluster (ClusterSettings → settings)', () => {
    expect(state.clusters).toEqual([{ source: 'ClusterEB0386A7', body: { clusterName: 'prod', settings: [{ name: 'containerInsights', value: 'enabled' }] } }]);
  });

  it('maps the task definition: family, string cpu/memory, container, port mapping, log configuration (options kept verbatim)', () => {
    expect(state.taskDefinitions).toEqual([
      {
        source: 'WebTaskDef2E5B6A3D',
        body: {
          family: 'web',
          cpu: '512',
          memory: '1024',
          networkMode: 'awsvpc',
          requiresCompatibilities: ['FARGATE'],
          executionRoleArn: '${GetAtt:WebTaskDefExecutionRole3B2B7C61.Arn}',
          taskRoleArn: '${GetAtt:WebTaskDefTaskRoleB4B5A2C8.Arn}',
          containerDefinitions: [
            {
              name: 'web',
              image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.4.1',
              essential: true,
              portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
              environment: [{ name: 'STAGE', value: 'production' }],
              logConfiguration: {
                logDriver: 'awslogs',
                options: { 'awslogs-group': '${Ref:WebTaskDefwebLogGroup8C2F6B1D}', 'awslogs-stream-prefix': 'web', 'awslogs-region': 'us-east-1' },
              },
            },
          ],
        },
      },
    ]);
  });

  it('maps the service: cluster and task definition Refs resolve to their names; load balancer and network keep placeholders', () => {
    expect(state.services).toEqual([
      {
        source: 'WebService4B6B9C2F',
        body: {
          serviceName: 'web',
          cluster: 'prod',
          taskDefinition: 'web',
          desiredCount: 6,
          launchType: 'FARGATE',
          platformVersion: 'LATEST',
          healthCheckGracePeriodSeconds: 60,
          enableECSManagedTags: false,
          propagateTags: 'SERVICE',
          deploymentConfiguration: { maximumPercent: 200, minimumHealthyPercent: 50, deploymentCircuitBreaker: { enable: true, rollback: true } },
          loadBalancers: [{ containerName: 'web', containerPort: 8080, targetGroupArn: '${Ref:WebLBPublicListenerECSGroup6F2B3A1E}' }],
          networkConfiguration: {
            awsvpcConfiguration: {
              assignPublicIp: 'DISABLED',
              securityGroups: ['${GetAtt:WebServiceSecurityGroup9A4C1E27.GroupId}'],
              subnets: ['${Ref:VpcPrivateSubnet1Subnet536B997A}', '${Ref:VpcPrivateSubnet2Subnet3788AAA1}'],
            },
          },
          tags: [{ key: 'team', value: 'storefront' }],
        },
      },
    ]);
  });

  it('maps auto scaling: the target\'s ResourceId from Fn::Join of the cluster Ref and the service\'s Name; the policy takes the target from ScalingTargetId', () => {
    expect(state.scalableTargets).toEqual([
      {
        source: 'WebServiceTaskCountTargetE4A5D2B1',
        body: {
          MaxCapacity: 12,
          MinCapacity: 3,
          ResourceId: 'service/prod/web',
          RoleARN: 'arn:aws:iam::123456789012:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService',
          ScalableDimension: 'ecs:service:DesiredCount',
          ServiceNamespace: 'ecs',
        },
      },
    ]);
    expect(state.scalingPolicies).toEqual([
      {
        source: 'WebServiceTaskCountTargetCpuScaling8D1E4F6A',
        body: {
          PolicyName: 'WebServiceTaskCountTargetCpuScaling',
          PolicyType: 'TargetTrackingScaling',
          TargetTrackingScalingPolicyConfiguration: {
            PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
            TargetValue: 60,
            ScaleInCooldown: 300,
            ScaleOutCooldown: 60,
          },
          ResourceId: 'service/prod/web',
          ScalableDimension: 'ecs:service:DesiredCount',
          ServiceNamespace: 'ecs',
        },
      },
    ]);
  });

  it('warns about each unresolvable reference, naming the logical id, its type and where it is used', () => {
    expect(state.warnings).toHaveLength(7);
    const joined = state.warnings.join('\n');
    for (const id of ['WebTaskDefExecutionRole3B2B7C61.Arn', 'WebTaskDefTaskRoleB4B5A2C8.Arn', 'WebTaskDefwebLogGroup8C2F6B1D', 'WebLBPublicListenerECSGroup6F2B3A1E', 'WebServiceSecurityGroup9A4C1E27.GroupId', 'VpcPrivateSubnet1Subnet536B997A', 'VpcPrivateSubnet2Subnet3788AAA1']) {
      expect(joined).toContain(id);
    }
    expect(state.warnings).toContain(
      `${FILE}:124:32: Resources.WebService4B6B9C2F.Properties.LoadBalancers[0].TargetGroupArn.Ref: Ref WebLBPublicListenerECSGroup6F2B3A1E (AWS::ElasticLoadBalancingV2::TargetGroup) cannot be resolved before the stack exists; kept as the placeholder \${Ref:WebLBPublicListenerECSGroup6F2B3A1E}`,
    );
    // The SSM parameter is not used by an ECS resource, so it does not warn.
    expect(joined).not.toContain('BootstrapVersion');
  });

  it('resolves parameters from the options before their Default, and the Region/account into !Sub', () => {
    const s = read({ parameters: { ImageTag: '1.4.2', Environment: 'staging' }, region: 'eu-west-1', accountId: '210987654321' });
    const container = (s.taskDefinitions[0]!.body.containerDefinitions as Record<string, unknown>[])[0]!;
    expect(container.image).toBe('210987654321.dkr.ecr.eu-west-1.amazonaws.com/web:1.4.2');
    expect(container.environment).toEqual([{ name: 'STAGE', value: 'staging' }]);
    expect(s.services[0]!.body.desiredCount).toBe(2);
  });

  it('resolves subnets given as a List<AWS::EC2::Subnet::Id> parameter, without warnings for them', () => {
    const text = TEMPLATE.replace('Parameters:\n', 'Parameters:\n  Subnets:\n    Type: List<AWS::EC2::Subnet::Id>\n').replace(
      /Subnets:\n\s+- !Ref VpcPrivateSubnet1Subnet536B997A\n\s+- !Ref VpcPrivateSubnet2Subnet3788AAA1/,
      'Subnets: !Ref Subnets',
    );
    const s = read({ parameters: { Subnets: 'subnet-0aa, subnet-0bb' } }, text);
    expect((s.services[0]!.body.networkConfiguration as { awsvpcConfiguration: { subnets: string[] } }).awsvpcConfiguration.subnets).toEqual(['subnet-0aa', 'subnet-0bb']);
    expect(s.warnings.join('\n')).not.toMatch(/Subnet1|Subnet2/);
    expect(s.warnings).toHaveLength(5);
  });

  it('is deterministic: the same text reads to the same state', () => {
    expect(read()).toEqual(state);
  });

  it('reads the same template written as JSON', () => {
    const json = JSON.stringify({
      Resources: {
        C: { Type: 'AWS::ECS::Cluster', Properties: { ClusterName: 'prod' } },
        S: { Type: 'AWS::ECS::Service', Properties: { ServiceName: 'web', Cluster: { Ref: 'C' }, DesiredCount: '3', PlacementStrategies: [{ Type: 'spread', Field: 'attribute:ecs.availability-zone' }] } },
      },
    });
    const s = read({}, json);
    expect(s.services[0]!.body).toEqual({ serviceName: 'web', cluster: 'prod', desiredCount: 3, placementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }] });
  });
});
