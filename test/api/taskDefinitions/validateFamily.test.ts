import { describe, it } from 'vitest';
import { expectAccepted, expectRejected, fargateRequest } from './helpers.js';

// Observed ECS wording: "Family contains invalid characters." (aws/amazon-ecs-cli#37) and "Family can not be
// blank." (aws-actions/amazon-ecs-deploy-task-definition#630).
describe('family', () => {
  it.each([
    ['absent', undefined, 'Family can not be blank.'],
    ['null', null, 'Family can not be blank.'],
    ['empty', '', 'Family can not be blank.'],
    ['with a space', 'my family', 'Family contains invalid characters.'],
    ['with a dot', 'web.app', 'Family contains invalid characters.'],
    ['with a colon', 'web:1', 'Family contains invalid characters.'],
    ['non-ASCII', 'wéb', 'Family contains invalid characters.'],
    ['256 characters', 'a'.repeat(256), 'family must be at most 255 characters long, but has 256.'],
  ])('rejects a family %s', (_case, family, message) => {
    expectRejected(fargateRequest({ family }), 'ClientException', message);
  });

  it.each(['a', 'A-b_9', 'a'.repeat(255), '-leading-hyphen', '_'])('accepts %j', (family) => {
    expectAccepted(fargateRequest({ family }));
  });
});
