// The AWS CLI against `ecs-twin serve` (`aws ecs … --endpoint-url`): the walk-through of issue 9 — create a
// cluster, register a task definition from a file, create a service, wait for it to be stable, describe it, update
// it, delete it. `aws` is on the CI machine image; .ci/run installs Debian's awscli when it is missing.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEndpoint, WEB_TASK_DEFINITION, type TestEndpoint } from './twinServer.js';

const run = promisify(execFile);

describe('the AWS CLI against ecs-twin serve', () => {
  let ep: TestEndpoint;
  let dir: string;
  // Async on purpose: the server answers from this process, so a synchronous child would deadlock it.
  const aws = async (...args: string[]): Promise<Record<string, unknown>> => {
    const { stdout } = await run('aws', ['ecs', ...args, '--endpoint-url', ep.server.url, '--region', 'us-east-1', '--output', 'json'], {
      env: {
        ...process.env,
        AWS_ACCESS_KEY_ID: 'AKIDTEST',
        AWS_SECRET_ACCESS_KEY: 'secret',
        AWS_CONFIG_FILE: '/dev/null',
        AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
        AWS_PAGER: '',
      },
    });
    return stdout.trim() === '' ? {} : (JSON.parse(stdout) as Record<string, unknown>);
  };

  beforeAll(async () => {
    // ×5000: a service is stable about 90 virtual seconds after it is created, well before the CLI's first poll.
    ep = await startEndpoint({ seed: 21 }, { kind: 'realtime', speed: 5_000 });
    dir = mkdtempSync(join(tmpdir(), 'ecs-twin-cli-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await ep.close();
  });

  it('creates, waits for, describes, updates and deletes a service', async () => {
    const created = await aws('create-cluster', '--cluster-name', 'cli');
    expect((created.cluster as { status: string }).status).toBe('ACTIVE');

    const file = join(dir, 'taskdef.json');
    writeFileSync(file, JSON.stringify(WEB_TASK_DEFINITION));
    const registered = await aws('register-task-definition', '--cli-input-json', `file://${file}`);
    expect((registered.taskDefinition as { taskDefinitionArn: string }).taskDefinitionArn).toBe(
      'arn:aws:ecs:us-east-1:123456789012:task-definition/web:1',
    );

    const subnet = ep.twin.world.config.network.subnets[0]?.subnetId ?? '';
    await aws(
      'create-service',
      '--cluster', 'cli',
      '--service-name', 'web',
      '--task-definition', 'web',
      '--desired-count', '2',
      '--launch-type', 'FARGATE',
      '--network-configuration', `awsvpcConfiguration={subnets=[${subnet}]}`,
    );
    expect(await aws('wait', 'services-stable', '--cluster', 'cli', '--services', 'web')).toEqual({});

    const described = await aws('describe-services', '--cluster', 'cli', '--services', 'web');
    const service = (described.services as { runningCount: number; desiredCount: number; deployments: unknown[] }[])[0];
    expect(service).toMatchObject({ runningCount: 2, desiredCount: 2 });
    expect(service?.deployments).toHaveLength(1);

    const updated = await aws('update-service', '--cluster', 'cli', '--service', 'web', '--desired-count', '1');
    expect((updated.service as { desiredCount: number }).desiredCount).toBe(1);

    const deleted = await aws('delete-service', '--cluster', 'cli', '--service', 'web', '--force');
    expect((deleted.service as { status: string }).status).toBe('DRAINING');
    expect(await aws('wait', 'services-inactive', '--cluster', 'cli', '--services', 'web')).toEqual({});
  });

  it('prints ECS errors the way the CLI prints them from AWS', async () => {
    const err = (await aws('describe-services', '--cluster', 'nope', '--services', 'web').catch((e: unknown) => e)) as { stderr: string };
    expect(err.stderr).toContain('An error occurred (ClusterNotFoundException) when calling the DescribeServices operation: Cluster not found.');
  });
});
