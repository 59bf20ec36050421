import { describe, it } from 'vitest';
import { expectAccepted, expectRejected, fargateRequest } from './helpers.js';

const task = (...containers: Array<Record<string, unknown>>) =>
  fargateRequest({ containerDefinitions: containers.map((c) => ({ image: 'nginx', ...c })) });

describe('dependsOn', () => {
  // ECS's wording with its stray "+" (eagletmt/hako#99, dagster-io/dagster#6926).
  it('rejects an unknown target', () => {
    expectRejected(
      task({ name: 'app', dependsOn: [{ containerName: 'db', condition: 'START' }] }),
      'ClientException',
      "Cannot depend on container + 'db' because it does not exist",
    );
  });

  // boto/boto3#2436.
  it.each(['COMPLETE', 'SUCCESS'])('rejects %s on an essential target (essential by default)', (condition) => {
    expectRejected(
      task({ name: 'app', dependsOn: [{ containerName: 'init', condition }] }, { name: 'init' }),
      'ClientException',
      'A dependency container with SUCCESS or COMPLETE condition cannot be an essential container',
    );
    expectAccepted(task({ name: 'app', dependsOn: [{ containerName: 'init', condition }] }, { name: 'init', essential: false }));
  });

  it('accepts START and HEALTHY on essential targets, HEALTHY even without a health check (as ECS does)', () => {
    expectAccepted(
      task(
        { name: 'app', dependsOn: [{ containerName: 'db', condition: 'HEALTHY' }, { containerName: 'cache', condition: 'START' }] },
        { name: 'db' },
        { name: 'cache' },
      ),
    );
  });

  it('rejects a self-dependency and a cycle', () => {
    expectRejected(
      task({ name: 'app', dependsOn: [{ containerName: 'app', condition: 'START' }] }),
      'ClientException',
      "containerDefinitions[0].dependsOn[0]: container 'app' cannot depend on itself.",
    );
    expectRejected(
      task(
        { name: 'a', dependsOn: [{ containerName: 'b', condition: 'START' }] },
        { name: 'b', dependsOn: [{ containerName: 'c', condition: 'START' }] },
        { name: 'c', dependsOn: [{ containerName: 'a', condition: 'START' }] },
      ),
      'ClientException',
      'Container dependencies form a cycle: a -> b -> c -> a.',
    );
  });

  it('rejects an unknown condition at decoding', () => {
    expectRejected(
      task({ name: 'app', dependsOn: [{ containerName: 'app', condition: 'READY' }] }),
      'InvalidParameterException',
      "containerDefinitions[0].dependsOn[0].condition must be one of 'COMPLETE', 'HEALTHY', 'START', 'SUCCESS', but was \"READY\".",
    );
  });
});
