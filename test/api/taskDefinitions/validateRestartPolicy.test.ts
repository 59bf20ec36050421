import { describe, it } from 'vitest';
import { expectAccepted, expectRejected, withContainer } from './helpers.js';

// Limits from the API reference, ContainerRestartPolicy: "You can specify a maximum of 50 container exit codes";
// "a minimum restartAttemptPeriod of 60 seconds and a maximum restartAttemptPeriod of 1800 seconds"
// (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerRestartPolicy.html). ECS's wording for a
// violation was not found: the messages name the field and the rule.
const codes = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('restart policy', () => {
  it.each([
    [{ enabled: true }],
    [{ enabled: true, ignoredExitCodes: codes(50), restartAttemptPeriod: 60 }],
    [{ enabled: false, restartAttemptPeriod: 1800 }],
  ])('accepts %j', (restartPolicy) => {
    expectAccepted(withContainer({ restartPolicy }));
  });

  it('accepts at most 50 ignored exit codes', () => {
    expectRejected(
      withContainer({ restartPolicy: { enabled: true, ignoredExitCodes: codes(51) } }),
      'ClientException',
      // SIM RULE: ECS's list-size sentence (src/api/listSize.ts; [OBS] sources there), no real answer for this list.
      'ignoredExitCodes can have at most 50 items.',
    );
  });

  it.each([59, 1801, 0])('rejects a restartAttemptPeriod of %i seconds', (restartAttemptPeriod) => {
    expectRejected(
      withContainer({ restartPolicy: { enabled: true, restartAttemptPeriod } }),
      'ClientException',
      `containerDefinitions[0].restartPolicy.restartAttemptPeriod must be between 60 and 1800 seconds, but was ${restartAttemptPeriod}.`,
    );
  });

  it('requires enabled', () => {
    expectRejected(
      withContainer({ restartPolicy: { restartAttemptPeriod: 300 } }),
      'InvalidParameterException',
      'containerDefinitions[0].restartPolicy.enabled is required but was not given.',
    );
  });
});
