// Intrinsic functions, conditions, generated names, key mapping, and template errors with their positions.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { lowerCamel, readDesiredState } from '../../../src/plan/desired/index.js';
import type { ScenarioProblem } from '../../../src/sim/scenario/problems.js';
import type { DesiredState } from '../../../src/plan/types.js';

const opts = { fileName: 't.yaml' };
function ok(text: string, more: Record<string, unknown> = {}): DesiredState {
  const r = readDesiredState(text, { ...opts, ...more });
  if (E.isLeft(r)) throw new Error(r.left.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return r.right;
}
function bad(text: string): readonly ScenarioProblem[] {
  const r = readDesiredState(text, opts);
  if (E.isRight(r)) throw new Error('expected problems');
  return r.left;
}
const cluster = (props: string): string => `Resources:\n  C:\n    Type: AWS::ECS::Cluster\n    Properties:\n${props}`;

describe('intrinsic functions', () => {
  it('Fn::Sub with variables, pseudo parameters, GetAtt and the ${!Literal} escape; Fn::Join, Fn::Select, Fn::Split', () => {
    const s = ok(
      `Parameters:\n  Env: { Type: String, Default: prod }\n${cluster(`      ClusterName: !Sub ["\${Env}-\${Part}-\${AWS::Partition}", { Part: !Select [1, !Split [",", "a,b,c"]] }]
      Tags:
        - Key: k
          Value: !Join ["/", [!Ref AWS::StackName, "\${!x}", !Sub "\${!y}"]]
        - Key: arn
          Value: !GetAtt C.Arn
`)}`,
      { stackName: 'shop', region: 'cn-north-1' },
    );
    expect(s.clusters[0]!.body).toEqual({
      clusterName: 'prod-b-aws-cn',
      tags: [
        { key: 'k', value: 'shop/${!x}/${y}' },
        { key: 'arn', value: 'arn:aws-cn:ecs:cn-north-1:123456789012:cluster/prod-b-aws-cn' },
      ],
    });
  });

  it('Fn::If with Fn::And/Or/Not conditions; AWS::NoValue removes the property; a resource Condition can exclude it', () => {
    const text = `Parameters:
  Env: { Type: String, Default: staging }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsStaging: !Not [!Condition IsProd]
  Either: !Or [!Condition IsProd, !And [!Condition IsStaging, !Equals ["1", 1]]]
Resources:
  C:
    Type: AWS::ECS::Cluster
    Properties:
      ClusterName: !If [IsProd, prod, staging]
      CapacityProviders: !If [Either, [FARGATE], !Ref AWS::NoValue]
      ServiceConnectDefaults: !If [IsProd, { Namespace: x }, !Ref AWS::NoValue]
  OnlyProd:
    Type: AWS::ECS::Cluster
    Condition: IsProd
    Properties: { ClusterName: extra }
`;
    expect(ok(text).clusters).toEqual([{ source: 'C', body: { clusterName: 'staging', capacityProviders: ['FARGATE'] } }]);
    expect(ok(text, { parameters: { Env: 'prod' } }).clusters.map((c) => c.body.clusterName)).toEqual(['prod', 'extra']);
  });

  it('a condition on a value known only once the stack exists is taken as true, with a warning', () => {
    const s = ok(`Conditions:
  HasRole: !Equals [!Ref Role, ""]
Resources:
  Role: { Type: AWS::IAM::Role }
${cluster('      ClusterName: !If [HasRole, yes, no]\n').replace('Resources:\n', '')}`);
    expect(s.clusters[0]!.body.clusterName).toBe('yes');
    expect(s.warnings.some((w) => /condition HasRole cannot be evaluated before the stack exists; taken as true/.test(w))).toBe(true);
  });

  it('generates names CloudFormation would generate, deterministically, with a warning', () => {
    const text = `Resources:
  C: { Type: AWS::ECS::Cluster }
  T:
    Type: AWS::ECS::TaskDefinition
    Properties: { ContainerDefinitions: [{ Name: a, Image: nginx, Memory: "512", Cpu: 256 }], Cpu: 256, Memory: 512 }
  S:
    Type: AWS::ECS::Service
    Properties: { Cluster: !Ref C, TaskDefinition: !Ref T }
`;
    const s = ok(text, { stackName: 'shop' });
    const cluster = s.clusters[0]!.body.clusterName as string;
    expect(cluster).toMatch(/^shop-C-[0-9A-F]{12}$/);
    expect(s.taskDefinitions[0]!.body).toMatchObject({ family: expect.stringMatching(/^shop-T-[0-9A-F]{12}$/), cpu: '256', memory: '512', containerDefinitions: [{ name: 'a', image: 'nginx', memory: 512, cpu: 256 }] });
    expect(s.services[0]!.body).toMatchObject({ serviceName: expect.stringMatching(/^shop-S-/), cluster, taskDefinition: s.taskDefinitions[0]!.body.family });
    expect(s.warnings.filter((w) => /CloudFormation generates one/.test(w))).toHaveLength(3);
    expect(ok(text, { stackName: 'shop' })).toEqual(s);
  });

  it('folds ClusterCapacityProviderAssociations into its cluster; other ECS types are ignored with a warning', () => {
    const s = ok(`Resources:
  C: { Type: AWS::ECS::Cluster, Properties: { ClusterName: prod } }
  A:
    Type: AWS::ECS::ClusterCapacityProviderAssociations
    Properties:
      Cluster: !Ref C
      CapacityProviders: [FARGATE, FARGATE_SPOT]
      DefaultCapacityProviderStrategy: [{ CapacityProvider: FARGATE_SPOT, Weight: 3 }, { CapacityProvider: FARGATE, Base: 1, Weight: "1" }]
  P: { Type: AWS::ECS::CapacityProvider, Properties: {} }
  Q: { Type: AWS::SQS::Queue }
`);
    expect(s.clusters[0]!.body).toEqual({
      clusterName: 'prod',
      capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
      defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 3 }, { capacityProvider: 'FARGATE', base: 1, weight: 1 }],
    });
    expect(s.warnings).toEqual(['t.yaml:9:6: Resources.P: AWS::ECS::CapacityProvider is not planned by ecs-twin; P is ignored']);
  });

  it('maps the special names (EFS volumes, proxy configuration) and keeps free-form maps', () => {
    const s = ok(`Resources:
  T:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: f
      Volumes: [{ Name: data, EFSVolumeConfiguration: { FilesystemId: fs-1, TransitEncryption: ENABLED, AuthorizationConfig: { IAM: ENABLED } } }]
      ProxyConfiguration: { ContainerName: envoy, ProxyConfigurationProperties: [{ Name: AppPorts, Value: "8080" }] }
      ContainerDefinitions:
        - Name: a
          DockerLabels: { Team: x }
          Environment: [{ Name: A, Value: "1" }]
          HealthCheck: { Command: [CMD, "true"], Interval: "30" }
`);
    expect(s.taskDefinitions[0]!.body).toEqual({
      family: 'f',
      volumes: [{ name: 'data', efsVolumeConfiguration: { fileSystemId: 'fs-1', transitEncryption: 'ENABLED', authorizationConfig: { iam: 'ENABLED' } } }],
      proxyConfiguration: { containerName: 'envoy', properties: [{ name: 'AppPorts', value: '8080' }] },
      containerDefinitions: [{ name: 'a', dockerLabels: { Team: 'x' }, environment: [{ name: 'A', value: '1' }], healthCheck: { command: ['CMD', 'true'], interval: 30 } }],
    });
  });

  it('lowerCamel lowers a leading acronym but keeps an inner one', () => {
    expect(['ContainerPort', 'EFSVolumeConfiguration', 'IAM', 'EnableECSManagedTags', 'S3EncryptionEnabled', 'PlacementStrategies'].map(lowerCamel)).toEqual([
      'containerPort', 'efsVolumeConfiguration', 'iam', 'enableECSManagedTags', 's3EncryptionEnabled', 'placementStrategy',
    ]);
  });
});

describe('template errors', () => {
  it('a Ref to nothing is an error at the Ref, with a suggestion', () => {
    const p = bad(`Resources:\n  Cluster: { Type: AWS::ECS::Cluster }\n  S:\n    Type: AWS::ECS::Service\n    Properties:\n      Cluster: !Ref Clustr\n`);
    expect(p).toEqual([{ file: 't.yaml', path: 'Resources.S.Properties.Cluster.Ref', line: 6, column: 21, message: "Ref to 'Clustr', which is neither a parameter nor a resource of the template (did you mean 'Cluster'?)" }]);
  });

  it('an unknown section, a resource without Type, a malformed Fn::Join and an unknown condition are each reported where written', () => {
    const p = bad(`Resource: {}
Resources:
  A: { Properties: {} }
  C:
    Type: AWS::ECS::Cluster
    Properties:
      ClusterName: !Join [","]
      Tags: [{ Key: a, Value: !If [Nope, a, b] }]
`);
    expect(p.map((x) => [x.path, x.line])).toEqual([
      ['Resource', 1],
      ['Resources.A.Type', 3],
      ['Resources.C.Properties.ClusterName["Fn::Join"]', 7],
      ['Resources.C.Properties.Tags[0].Value["Fn::If"][0]', 8],
    ]);
    expect(p[0]!.message).toBe("unknown template section 'Resource' (did you mean 'Resources'?)");
  });

  it('a condition that depends on itself is an error, not a hang', () => {
    const p = bad(`Conditions:\n  A: !Condition B\n  B: !Not [!Condition A]\nResources:\n  C: { Type: AWS::ECS::Cluster, Condition: A }\n`);
    expect(p.some((x) => /depends on itself/.test(x.message))).toBe(true);
  });

  it('a service whose name depends on itself is an error, not a hang', () => {
    const p = bad(`Resources:\n  S:\n    Type: AWS::ECS::Service\n    Properties:\n      ServiceName: !Sub "\${S.Name}-x"\n`);
    expect(p.some((x) => /depends on itself/.test(x.message))).toBe(true);
  });
});
