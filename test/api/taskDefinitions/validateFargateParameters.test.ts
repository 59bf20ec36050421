import { describe, it } from 'vitest';
import { ec2Request, expectAccepted, expectRejected, fargateRequest, withContainer } from './helpers.js';

const unsupported = (what: string) => `Tasks using the Fargate launch type do not support ${what}.`;

// [D] list of parameters invalid on Fargate (reference §2.1); ipcMode wording observed
// (cn-terraform/terraform-aws-ecs-fargate#2), the others follow it.
describe('parameters Fargate does not support', () => {
  it.each([
    ['disableNetworking', true],
    ['privileged', true],
    ['dnsServers', ['10.0.0.2']],
    ['dnsSearchDomains', ['corp']],
    ['dockerSecurityOptions', ['no-new-privileges']],
    ['extraHosts', [{ hostname: 'db', ipAddress: '10.0.0.3' }]],
    ['links', ['db']],
  ])('rejects %s', (param, value) => {
    expectRejected(withContainer({ [param]: value }), 'ClientException', unsupported(`${param} (containerDefinitions[0].${param})`));
  });

  // Real Fargate registrations carry these empty/false (corpus: dnsServers [], links [], privileged null, …).
  it.each([
    ['disableNetworking', false],
    ['privileged', false],
    ['dnsServers', []],
    ['links', []],
    ['extraHosts', []],
  ])('accepts %s %j', (param, value) => {
    expectAccepted(withContainer({ [param]: value }));
  });

  it('rejects task-level ipcMode, pidMode host and placement constraints; accepts pidMode task', () => {
    expectRejected(fargateRequest({ ipcMode: 'task' }), 'ClientException', unsupported('ipcMode'));
    expectRejected(fargateRequest({ pidMode: 'host' }), 'ClientException', unsupported("pidMode 'host'"));
    expectAccepted(fargateRequest({ pidMode: 'task' }));
    expectRejected(
      fargateRequest({ placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.os-type == linux' }] }),
      'ClientException',
      unsupported('placementConstraints'),
    );
    expectAccepted(fargateRequest({ placementConstraints: [] }));
  });

  it('rejects GPUs, restricted linuxParameters and added capabilities other than SYS_PTRACE', () => {
    expectRejected(
      withContainer({ resourceRequirements: [{ type: 'GPU', value: '1' }] }),
      'ClientException',
      unsupported('GPU resources (containerDefinitions[0].resourceRequirements)'),
    );
    for (const [p, v] of [
      ['devices', [{ hostPath: '/dev/fuse' }]],
      ['sharedMemorySize', 64],
      ['tmpfs', [{ containerPath: '/tmp', size: 64 }]],
      ['maxSwap', 0],
      ['swappiness', 10],
    ] as const) {
      expectRejected(
        withContainer({ linuxParameters: { [p]: v } }),
        'ClientException',
        unsupported(`${p} (containerDefinitions[0].linuxParameters.${p})`),
      );
    }
    expectAccepted(withContainer({ linuxParameters: { initProcessEnabled: true, capabilities: { add: ['SYS_PTRACE'], drop: ['ALL'] } } }));
    expectRejected(
      withContainer({ linuxParameters: { capabilities: { add: ['NET_ADMIN'] } } }),
      'ClientException',
      unsupported("adding capability 'NET_ADMIN' (containerDefinitions[0].linuxParameters.capabilities.add); only SYS_PTRACE may be added"),
    );
  });

  it('rejects Docker volumes, accepts bind mounts and EFS', () => {
    expectRejected(
      fargateRequest({ volumes: [{ name: 'data', dockerVolumeConfiguration: { scope: 'task', driver: 'local' } }] }),
      'ClientException',
      unsupported('dockerVolumeConfiguration (volumes[0].dockerVolumeConfiguration)'),
    );
    expectAccepted(fargateRequest({ volumes: [{ name: 'scratch', host: {} }, { name: 'efs', efsVolumeConfiguration: { fileSystemId: 'fs-1' } }] }));
  });

  // Observed (virtual-kubelet/virtual-kubelet#193).
  it('requires an execution role for awslogs', () => {
    expectRejected(
      fargateRequest({ executionRoleArn: undefined }),
      'ClientException',
      'Fargate requires task definition to have execution role ARN to support log driver awslogs.',
    );
    expectAccepted(fargateRequest({ executionRoleArn: undefined, containerDefinitions: [{ name: 'a', image: 'nginx' }] }));
  });

  it('bounds startTimeout and stopTimeout to 2–120 s', () => {
    expectAccepted(withContainer({ startTimeout: 2, stopTimeout: 120 }));
    expectRejected(withContainer({ stopTimeout: 0 }), 'ClientException', 'containerDefinitions[0].stopTimeout must be between 2 and 120 seconds on Fargate, but was 0.');
    expectRejected(withContainer({ startTimeout: 600 }), 'ClientException', 'containerDefinitions[0].startTimeout must be between 2 and 120 seconds on Fargate, but was 600.');
  });

  it('does not apply to EC2-only definitions', () => {
    expectAccepted(
      ec2Request({
        ipcMode: 'host',
        pidMode: 'host',
        containerDefinitions: [{ name: 'w', image: 'busybox', memory: 64, privileged: true, links: [], stopTimeout: 300 }],
      }),
    );
  });
});
