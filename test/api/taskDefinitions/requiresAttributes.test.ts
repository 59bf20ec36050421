// requiresAttributes: each rule of src/api/taskDefinitions/requiresAttributes.ts on a minimal definition. The corpus
// files named are DescribeTaskDefinition outputs in shared/corpus/task-definitions holding AWS's own list; the whole
// corpus is compared in test/corpus/corpus.test.ts.
import { describe, expect, it } from 'vitest';
import { CONTAINER_RULES, TASK_RULES_FIRST, TASK_RULES_LAST, VOLUME_RULES } from '../../../src/api/taskDefinitions/requiresAttributes.js';
import { ec2Request, registerOk, type Req } from './helpers.js';

const C = 'com.amazonaws.ecs.capability.';
const E = 'ecs.capability.';
const api = (minor: number) => `${C}docker-remote-api.1.${minor}`;
const ECR = '123456789012.dkr.ecr.us-east-1.amazonaws.com/app:latest';

/** The attribute names of a bridge-mode EC2 definition whose one container is changed by `container`. */
function attributesOf(container: Req, task: Req = {}): string[] {
  const base = ec2Request(task);
  const [first] = base.containerDefinitions as Req[];
  const req = { ...base, containerDefinitions: [{ ...first, ...container }] };
  return (registerOk(req).output.taskDefinition.requiresAttributes as { name: string }[]).map((a) => a.name);
}

describe('requiresAttributes', () => {
  it('is an empty list for a plain bridge container with a Docker Hub image', () => {
    expect(attributesOf({})).toEqual([]);
  });

  it('requires task ENIs and API 1.18 for awsvpc (corpus 0048: only these two)', () => {
    expect(attributesOf({}, { networkMode: 'awsvpc' }).sort()).toEqual([api(18), `${E}task-eni`]);
  });

  it('requires ECR auth for a private ECR image, and execution-role pulls with an execution role (corpus 0327, 0319)', () => {
    expect(attributesOf({ image: ECR })).toEqual([`${C}ecr-auth`]);
    expect(attributesOf({ image: ECR }, { executionRoleArn: 'arn:aws:iam::123456789012:role/exec' }).sort()).toEqual([
      `${C}ecr-auth`, `${E}execution-role-ecr-pull`,
    ]);
    // ECR Public and Docker Hub images need neither (corpus 0343's public.ecr.aws sidecars).
    expect(attributesOf({ image: 'public.ecr.aws/nginx/nginx:latest' })).toEqual([]);
  });

  it('requires API 1.21 for a memory reservation or an image pinned by digest (corpus 0107, 0060)', () => {
    expect(attributesOf({ memoryReservation: 64 })).toEqual([api(21)]);
    expect(attributesOf({ image: `nginx@sha256:${'a'.repeat(64)}` })).toEqual([api(21)]);
  });

  it('requires the log driver, API 1.19, and execution-role awslogs with an execution role (corpus 0039, 0235)', () => {
    const logs = { logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': 'g' } } };
    expect(attributesOf(logs).sort()).toEqual([`${C}docker-remote-api.1.19`, `${C}logging-driver.awslogs`]);
    expect(attributesOf(logs, { executionRoleArn: 'arn:aws:iam::123456789012:role/exec' })).toEqual([
      `${C}logging-driver.awslogs`, `${E}execution-role-awslogs`, api(19),
    ]);
  });

  it('requires API 1.28 for a log mode and 1.29 for awslogs-create-group (corpus 0140, 0035)', () => {
    const options = { 'awslogs-group': 'g', mode: 'non-blocking', 'max-buffer-size': '25m', 'awslogs-create-group': 'true' };
    expect(attributesOf({ logConfiguration: { logDriver: 'awslogs', options } })).toContain(api(28));
    expect(attributesOf({ logConfiguration: { logDriver: 'awslogs', options } })).toContain(api(29));
  });

  it('requires API 1.24 for a health check, or 1.29 instead when it sets a start period (corpus 0202, 0166)', () => {
    const check = { command: ['CMD', 'true'] };
    expect(attributesOf({ healthCheck: check }).sort()).toEqual([api(24), `${E}container-health-check`].sort());
    expect(attributesOf({ healthCheck: { ...check, startPeriod: 60 } }).sort()).toEqual([api(29), `${E}container-health-check`].sort());
  });

  it('counts members by presence: an empty ulimits list requires API 1.18 (corpus 0093)', () => {
    expect(attributesOf({ ulimits: [] })).toEqual([api(18)]);
    expect(attributesOf({ dockerSecurityOptions: [] })).toEqual([api(17)]);
    expect(attributesOf({ readonlyRootFilesystem: true })).toEqual([api(17)]);
    expect(attributesOf({ readonlyRootFilesystem: false })).toEqual([]);
  });

  it('requires container ordering for dependsOn, startTimeout or stopTimeout (corpus 0230, 0084)', () => {
    expect(attributesOf({ stopTimeout: 10 })).toEqual([`${E}container-ordering`]);
    expect(attributesOf({ startTimeout: 10 })).toEqual([`${E}container-ordering`]);
  });

  it('tells Secrets Manager secrets from SSM parameters (corpus 0223 has both)', () => {
    const secrets = [
      { name: 'A', valueFrom: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf' },
      { name: 'B', valueFrom: '/copilot/app/B' },
    ];
    expect(attributesOf({ secrets }).sort()).toEqual([`${E}secrets.asm.environment-variables`, `${E}secrets.ssm.environment-variables`]);
  });

  it('requires S3 environment files, FireLens, init and tmpfs support (corpus 0291, 0343)', () => {
    expect(attributesOf({ environmentFiles: [{ value: 'arn:aws:s3:::b/app.env', type: 's3' }] })).toEqual([`${E}env-files.s3`]);
    expect(attributesOf({ linuxParameters: { initProcessEnabled: true, tmpfs: [] } }).sort()).toEqual([api(22), api(25)]);
    expect(
      attributesOf({ firelensConfiguration: { type: 'fluentbit', options: { 'config-file-type': 'file', 'config-file-value': '/c.conf' } } }).sort(),
    ).toEqual([`${E}firelens.fluentbit`, `${E}firelens.options.config.file`]);
  });

  it('reads task members: task role, ephemeral storage, a task cpu above 4 vCPU (corpus 0187, 0208, 0343)', () => {
    expect(attributesOf({}, { taskRoleArn: 'arn:aws:iam::123456789012:role/app' })).toEqual([`${C}task-iam-role`]);
    expect(attributesOf({}, { cpu: '8192', memory: '16384' })).toEqual([`${E}increased-task-cpu-limit`]);
    expect(attributesOf({}, { cpu: '4096', memory: '8192' })).toEqual([]);
  });

  it('reads volumes: Docker volume plugins and EFS (corpus 0230)', () => {
    const volumes = [
      { name: 'v', dockerVolumeConfiguration: { scope: 'shared', autoprovision: true, driver: 'local' } },
      { name: 'e', efsVolumeConfiguration: { fileSystemId: 'fs-1', authorizationConfig: { iam: 'ENABLED' }, transitEncryption: 'ENABLED' } },
    ];
    expect(attributesOf({}, { volumes }).sort()).toEqual([api(25), `${E}docker-plugin.local`, `${E}efs`, `${E}efsAuth`].sort());
  });

  it('names its source on every rule', () => {
    for (const rule of [...TASK_RULES_FIRST, ...CONTAINER_RULES, ...VOLUME_RULES, ...TASK_RULES_LAST]) {
      expect(rule.source.length, String(rule.name)).toBeGreaterThan(10);
    }
  });
});
