import { describe, it } from 'vitest';
import { expectAccepted, expectRejected, fargateRequest } from './helpers.js';

const task = (volumes: Array<Record<string, unknown>>, ...containers: Array<Record<string, unknown>>) =>
  fargateRequest({ volumes, containerDefinitions: containers.map((c) => ({ image: 'nginx', ...c })) });

describe('volume references', () => {
  // "Unknown volume 'root-RO'." (ansible/ansible#35751, wellcomecollection/platform#677).
  it('rejects a mount point whose source volume the task definition does not declare', () => {
    expectRejected(
      task([{ name: 'data' }], { name: 'app', mountPoints: [{ sourceVolume: 'cache', containerPath: '/cache' }] }),
      'ClientException',
      "Unknown volume 'cache'.",
    );
  });

  // "Unknown volume 'null'." (blinkist/terraform-aws-airship-ecs-service#46).
  it('rejects a mount point without a source volume', () => {
    expectRejected(
      task([{ name: 'data' }], { name: 'app', mountPoints: [{ containerPath: '/data' }] }),
      'ClientException',
      "Unknown volume 'null'.",
    );
  });

  // "Invalid 'volumesFrom' setting. Unknown container: 'container'." (eagletmt/hako#54).
  it('rejects volumesFrom naming a container that is not in the task definition', () => {
    expectRejected(
      task([], { name: 'app', volumesFrom: [{ sourceContainer: 'sidecar' }] }),
      'ClientException',
      "Invalid 'volumesFrom' setting. Unknown container: 'sidecar'.",
    );
  });

  it('accepts declared volumes, volumes shared by several containers, and volumesFrom between containers', () => {
    expectAccepted(
      task(
        [{ name: 'data' }, { name: 'logs' }],
        { name: 'app', mountPoints: [{ sourceVolume: 'data', containerPath: '/data' }, { sourceVolume: 'logs', containerPath: '/logs' }] },
        { name: 'shipper', essential: false, mountPoints: [{ sourceVolume: 'logs', containerPath: '/logs', readOnly: true }] },
        { name: 'reader', essential: false, volumesFrom: [{ sourceContainer: 'app', readOnly: true }] },
      ),
    );
  });
});
