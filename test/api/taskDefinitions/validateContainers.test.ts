import { describe, it } from 'vitest';
import { expectAccepted, expectRejected, fargateRequest, withContainer } from './helpers.js';

const container = (name: string, extra: Record<string, unknown> = {}) => ({ name, image: 'nginx', ...extra });

describe('container list and identity', () => {
  // "Container list cannot be empty." observed via CloudFormation (awsdocs/aws-cloudformation-user-guide#454).
  it.each([
    ['absent', undefined],
    ['null', null],
    ['empty', []],
  ])('rejects a container list that is %s', (_case, containerDefinitions) => {
    expectRejected(fargateRequest({ containerDefinitions }), 'ClientException', 'Container list cannot be empty.');
  });

  it('accepts 10 containers and rejects 11 (quota "Containers per task definition")', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => container(`c${i}`));
    expectAccepted(fargateRequest({ containerDefinitions: many(10) }));
    expectRejected(
      fargateRequest({ containerDefinitions: many(11) }),
      'ClientException',
      // [OBS] aws/amazon-ecs-cli#184 and #951: "ClientException: Too many containers."
      'Too many containers.',
    );
  });

  // Observed: "Container.name should not be null or empty." (hashicorp/terraform#2888), "Container.name contains
  // invalid characters." (hashicorp/terraform-provider-aws#5950), "Container.image should not be null or empty."
  // (aws/aws-cli#5924).
  it.each([
    ['a missing name', { name: undefined }, 'Container.name should not be null or empty.'],
    ['an empty name', { name: '' }, 'Container.name should not be null or empty.'],
    ['a name with a space', { name: 'my app' }, 'Container.name contains invalid characters.'],
    ['a 256-character name', { name: 'n'.repeat(256) }, 'containerDefinitions[0].name must be at most 255 characters long.'],
    ['a missing image', { image: undefined }, 'Container.image should not be null or empty.'],
    ['a null image', { image: null }, 'Container.image should not be null or empty.'],
    ['an empty image', { image: '' }, 'Container.image should not be null or empty.'],
    ['a blank image', { image: '  ' }, 'Container.image should not be null or empty.'],
    ['a 256-character image', { image: 'i'.repeat(256) }, 'containerDefinitions[0].image must be at most 255 characters long.'],
  ])('rejects %s', (_case, change, message) => {
    expectRejected(withContainer(change), 'ClientException', message);
  });

  // ECS refuses an image with any other character than letters, digits, -, _, :, ., / and # (plus a sha256 digest):
  // https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/ecs/aws.sdk.kotlin.services.ecs.model/-container-definition/image.html
  // The common real case is an unrendered template, answered "Container.image contains invalid characters."
  // (aws-actions/amazon-ecs-render-task-definition#49; corpus 0017, 0037, 0104, 0311, 0315).
  it.each([
    ['a shell variable', '$ECR_REGISTRY/api:$TAG'],
    ['an angle-bracket placeholder', '<IMAGE1_NAME>'],
    ['a mustache template', '{{ACCOUNT}}.dkr.ecr.us-east-1.amazonaws.com/api:latest'],
    ['a masked account id', '********.dkr.ecr.us-east-2.amazonaws.com/app:latest'],
    ['a space', 'Placeholder: HELLO'],
    ['a digest of another hash function', `nginx@sha512:${'a'.repeat(64)}`],
    ['a short digest', `nginx@sha256:${'a'.repeat(63)}`],
    ['a digest with a non-hex digit', `nginx@sha256:${'g'.repeat(64)}`],
  ])('rejects an image with %s', (_case, image) => {
    expectRejected(withContainer({ image }), 'ClientException', 'Container.image contains invalid characters.');
  });

  it.each([
    ['an ECR image', '123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/app:v1.2.3'],
    ['a registry with a port', 'localhost:5000/app:latest'],
    ['a number sign and underscores', 'registry.example.com/my_app:build#42'],
    ['an upper-case digest', `nginx@sha256:${'A1'.repeat(32)}`],
    ['a tag and a digest', `nginx:1.27@sha256:${'0f'.repeat(32)}`],
  ])('accepts %s', (_case, image) => {
    expectAccepted(withContainer({ image }));
  });

  it('accepts a long digest reference', () => {
    expectAccepted(withContainer({ image: `${'r'.repeat(240)}@sha256:${'a'.repeat(64)}` }));
  });

  it('rejects duplicate container names', () => {
    expectRejected(
      fargateRequest({ containerDefinitions: [container('app'), container('sidecar'), container('app')] }),
      'ClientException',
      "Duplicate container name 'app' at containerDefinitions[2].name: container names must be unique within a task definition.",
    );
  });

  it('requires at least one essential container (essential defaults to true)', () => {
    expectAccepted(fargateRequest({ containerDefinitions: [container('a', { essential: false }), container('b')] }));
    expectRejected(
      fargateRequest({
        containerDefinitions: [container('a', { essential: false }), container('b', { essential: false })],
      }),
      'ClientException',
      'A task definition must have at least one essential container (every containerDefinitions[].essential is false).',
    );
  });
});
