import { describe, expect, it } from 'vitest';
import { ec2Request, expectAccepted, expectRejected, registerOk, withContainer } from './helpers.js';

const bridge = (portMappings: unknown[], networkMode?: string) =>
  ec2Request({
    ...(networkMode ? { networkMode } : {}),
    containerDefinitions: [{ name: 'worker', image: 'busybox', memory: 128, portMappings }],
  });

describe('port mappings', () => {
  // Observed: "When networkMode=awsvpc, the host ports and container ports in port mappings must match."
  // (pulumi/pulumi-awsx#935, aws/amazon-ecs-cli#1014).
  it('requires hostPort to be absent or equal to containerPort under awsvpc and host', () => {
    expectAccepted(withContainer({ portMappings: [{ containerPort: 80, hostPort: 80 }] }));
    expectRejected(
      withContainer({ portMappings: [{ containerPort: 80, hostPort: 8080 }] }),
      'ClientException',
      'When networkMode=awsvpc, the host ports and container ports in port mappings must match.',
    );
    expectRejected(
      bridge([{ containerPort: 80, hostPort: 0 }], 'host'),
      'ClientException',
      'When networkMode=host, the host ports and container ports in port mappings must match.',
    );
  });

  it('fills hostPort and protocol as ECS stores them', () => {
    const awsvpc = registerOk(withContainer({ portMappings: [{ containerPort: 80 }, { containerPort: 53, protocol: 'udp' }] }));
    expect((awsvpc.output.taskDefinition.containerDefinitions as Array<{ portMappings: unknown }>)[0]!.portMappings).toEqual([
      { containerPort: 80, hostPort: 80, protocol: 'tcp' },
      { containerPort: 53, hostPort: 53, protocol: 'udp' },
    ]);
    const dyn = registerOk(bridge([{ containerPort: 80 }, { containerPort: 443, hostPort: 8443 }]));
    expect((dyn.output.taskDefinition.containerDefinitions as Array<{ portMappings: unknown }>)[0]!.portMappings).toEqual([
      { containerPort: 80, hostPort: 0, protocol: 'tcp' },
      { containerPort: 443, hostPort: 8443, protocol: 'tcp' },
    ]);
  });

  // Observed: "Invalid 'containerPort' setting for container '<name>'." (aws/aws-cli#7288).
  it.each([
    [{ containerPort: 0 }, "Invalid 'containerPort' setting for container 'app'."],
    [{ containerPort: 65536 }, "Invalid 'containerPort' setting for container 'app'."],
    [{ hostPort: 80 }, "Invalid 'containerPort' setting for container 'app'."],
    [{ containerPort: 80, hostPort: -1 }, "Invalid 'hostPort' setting for container 'app'."],
  ])('rejects %j', (pm, message) => {
    expectRejected(withContainer({ portMappings: [pm] }), 'ClientException', message);
  });

  it('rejects any port mapping under networkMode none', () => {
    expectRejected(
      bridge([{ containerPort: 80 }], 'none'),
      'ClientException',
      'Port mappings are not supported when networkMode=none (containerDefinitions[0].portMappings).',
    );
    expectAccepted(bridge([], 'none'));
  });

  // API reference, PortMapping: "You can't expose the same container port for multiple protocols. If you attempt
  // this, an error is returned." (https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/ecs/aws.sdk.kotlin.services.ecs.model/-port-mapping)
  it('rejects one container port exposed for two protocols', () => {
    expectRejected(
      withContainer({ portMappings: [{ containerPort: 53 }, { containerPort: 53, protocol: 'udp' }] }),
      'ClientException',
      "Invalid port mappings for container 'app': containerPort 53 is exposed for more than one protocol (containerDefinitions[0].portMappings[1]).",
    );
  });

  it('rejects a host port bound twice in one task, but allows dynamic bridge ports to repeat', () => {
    expectRejected(
      withContainer({ portMappings: [{ containerPort: 80 }, { containerPort: 80 }] }),
      'ClientException',
      'Host port 80/tcp is mapped more than once in the task definition (containerDefinitions[0].portMappings[1]).',
    );
    expectRejected(
      bridge([{ containerPort: 80, hostPort: 8080 }, { containerPort: 81, hostPort: 8080 }]),
      'ClientException',
      'Host port 8080/tcp is mapped more than once in the task definition (containerDefinitions[0].portMappings[1]).',
    );
    expectAccepted(bridge([{ containerPort: 80 }, { containerPort: 80, hostPort: 0 }, { containerPort: 81 }]));
  });

  it('checks container port ranges', () => {
    expectAccepted(withContainer({ portMappings: [{ containerPortRange: '8000-8010' }, { containerPortRange: '9000-9001' }] }));
    const cases: Array<[unknown, string]> = [
      [{ containerPortRange: '8010-8000' }, "Invalid 'containerPortRange' setting for container 'app'."],
      [{ containerPortRange: '0-10' }, "Invalid 'containerPortRange' setting for container 'app'."],
      [{ containerPortRange: '80' }, "Invalid 'containerPortRange' setting for container 'app'."],
      [{ containerPortRange: '80-90', containerPort: 80 }, 'containerDefinitions[0].portMappings[0]: containerPort and containerPortRange cannot both be set.'],
      [{ containerPortRange: '80-90', hostPort: 80 }, 'containerDefinitions[0].portMappings[0].hostPort cannot be set with containerPortRange; ECS assigns the host port range.'],
    ];
    for (const [pm, message] of cases) expectRejected(withContainer({ portMappings: [pm] }), 'ClientException', message);
    expectRejected(
      withContainer({ portMappings: [{ containerPortRange: '80-90' }, { containerPortRange: '90-95' }] }),
      'ClientException',
      "containerDefinitions[0].portMappings[1].containerPortRange overlaps another port range of container 'app'.",
    );
    expectRejected(
      bridge([{ containerPortRange: '80-90' }], 'host'),
      'ClientException',
      'containerDefinitions[0].portMappings[0].containerPortRange is only supported when networkMode is bridge or awsvpc.',
    );
    const ranges = Array.from({ length: 101 }, (_, i) => ({ containerPortRange: `${1000 + i * 10}-${1005 + i * 10}` }));
    expectAccepted(withContainer({ portMappings: ranges.slice(0, 100) }));
    expectRejected(withContainer({ portMappings: ranges }), 'ClientException', "Container 'app' has more than 100 containerPortRange port mappings.");
  });

  it('checks port mapping names (Service Connect)', () => {
    expectAccepted(withContainer({ portMappings: [{ containerPort: 80, name: 'web-80-tcp', appProtocol: 'http' }] }));
    const bad = 'containerDefinitions[0].portMappings[0].name must be 1-64 lowercase letters, numbers, underscores and hyphens, and must not start with a hyphen.';
    for (const name of ['Web', '-web', '', 'a'.repeat(65), 'web.80']) {
      expectRejected(withContainer({ portMappings: [{ containerPort: 80, name }] }), 'ClientException', bad);
    }
    expectRejected(
      withContainer({ portMappings: [{ containerPort: 80, name: 'p' }, { containerPort: 81, name: 'p' }] }),
      'ClientException',
      "Duplicate port mapping name 'p' at containerDefinitions[0].portMappings[1].name: port mapping names must be unique within a task definition.",
    );
  });
});
