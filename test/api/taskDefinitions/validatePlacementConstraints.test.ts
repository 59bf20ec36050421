import { describe, it } from 'vitest';
import { ec2Request, expectAccepted, expectRejected } from './helpers.js';

// Reference §2.1 and §9.1: only `memberOf` in a task definition; at most 10 placement constraints per task.
const memberOf = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ type: 'memberOf', expression: `attribute:ecs.availability-zone == az-${i}` }));

describe('task-definition placement constraints', () => {
  it('accepts up to 10 memberOf constraints', () => {
    expectAccepted(ec2Request({ placementConstraints: memberOf(10) }));
  });

  it('rejects an 11th constraint', () => {
    expectRejected(
      ec2Request({ placementConstraints: memberOf(11) }),
      'ClientException',
      // SIM RULE: ECS's list-size sentence (src/api/listSize.ts; [OBS] sources there), no real answer for this list.
      'placementConstraints can have at most 10 items.',
    );
  });

  it('rejects a type other than memberOf at decoding', () => {
    expectRejected(
      ec2Request({ placementConstraints: [{ type: 'distinctInstance' }] }),
      'InvalidParameterException',
      `placementConstraints[0].type must be 'memberOf', but was "distinctInstance".`,
    );
  });
});
