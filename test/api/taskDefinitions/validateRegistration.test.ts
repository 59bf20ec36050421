import { describe, expect, it } from 'vitest';
import { expectAccepted, expectRejected, fargateRequest, registerOk } from './helpers.js';

const tags = (n: number, prefix = 'k') => Array.from({ length: n }, (_, i) => ({ key: `${prefix}${i}`, value: `v${i}` }));

describe('tags on RegisterTaskDefinition (shared tag rules)', () => {
  it('accepts 50 tags and returns them', () => {
    const { output } = registerOk(fargateRequest({ tags: tags(50) }));
    expect(output.tags).toEqual(tags(50));
  });

  it.each([
    // SIM RULE: ECS's list-size sentence (src/api/listSize.ts; [OBS] sources there), no real answer for tags.
    [tags(51), 'tags can have at most 50 items.'],
    [[{ key: 'a'.repeat(129), value: 'v' }], 'Tag keys must be between 1 and 128 characters (tags[0].key).'],
    [[{ key: 'k', value: 'v'.repeat(257) }], 'Tag values must be at most 256 characters (tags[0].value).'],
    [[{ key: 'AWS:owner', value: 'x' }], "Tag keys beginning with 'aws:' are reserved for AWS use (tags[0].key)."],
    [[{ key: 'k', value: '1' }, { key: 'k', value: '2' }], "Duplicate tag key 'k' (tags[1].key)."],
  ])('rejects %#', (t, message) => {
    expectRejected(fargateRequest({ tags: t }), 'InvalidParameterException', message);
  });
});

describe('order of the rules', () => {
  it('reports the family before the containers, and the size before Fargate parameters', () => {
    expectRejected(fargateRequest({ family: '', containerDefinitions: [] }), 'ClientException', 'Family can not be blank.');
    expectRejected(fargateRequest({ cpu: '999', networkMode: 'bridge' }), 'ClientException',
      'No Fargate configuration exists for given values: 999 CPU, 512 memory. See the Amazon ECS documentation for the valid values.');
  });

  it('accepts a request carrying every kind of member, with nulls and unknown members ignored', () => {
    expectAccepted({
      ...fargateRequest(),
      taskRoleArn: null,
      pidMode: null,
      ipcMode: null,
      proxyConfiguration: null,
      inferenceAccelerators: null,
      unknownTopLevel: { anything: [1, 2] },
      containerDefinitions: [
        {
          name: 'app',
          image: 'nginx',
          cpu: 0,
          links: null,
          portMappings: [{ containerPort: 80, hostPort: 80, protocol: 'tcp', name: 'app-80-tcp', appProtocol: 'http' }],
          essential: true,
          entryPoint: ['sh', '-c'],
          command: ['nginx', '-g', 'daemon off;'],
          environment: [{ name: 'A', value: '1' }],
          environmentFiles: [{ value: 'arn:aws:s3:::bucket/app.env', type: 's3' }],
          mountPoints: [{ sourceVolume: 'scratch', containerPath: '/scratch', readOnly: false }],
          volumesFrom: [],
          secrets: [{ name: 'DB', valueFrom: 'arn:aws:ssm:us-east-1:123456789012:parameter/db' }],
          user: '1000',
          workingDirectory: '/app',
          readonlyRootFilesystem: true,
          dockerLabels: { team: 'web' },
          ulimits: [{ name: 'nofile', softLimit: 65535, hardLimit: 65535 }],
          logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/web' }, secretOptions: [] },
          healthCheck: { command: ['CMD-SHELL', 'curl -f http://localhost/ || exit 1'] },
          systemControls: [],
          restartPolicy: { enabled: true, ignoredExitCodes: [0], restartAttemptPeriod: 60 },
          versionConsistency: 'enabled',
          firelensConfiguration: null,
          unknownContainerMember: 'ignored',
        },
      ],
      volumes: [{ name: 'scratch', host: {} }],
      runtimePlatform: { cpuArchitecture: 'ARM64', operatingSystemFamily: 'LINUX' },
      enableFaultInjection: false,
    });
  });
});
