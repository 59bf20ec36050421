import { describe, expect, it } from 'vitest';
import { expectAccepted, expectRejected, registerOk, withContainer } from './helpers.js';

const hc = (extra: Record<string, unknown>) => withContainer({ healthCheck: { command: ['CMD-SHELL', 'true'], ...extra } });

describe('health checks', () => {
  it.each([
    ['interval', 4, 'between 5 and 300 seconds'],
    ['interval', 301, 'between 5 and 300 seconds'],
    ['timeout', 1, 'between 2 and 60 seconds'],
    ['timeout', 61, 'between 2 and 60 seconds'],
    ['retries', 0, 'between 1 and 10'],
    ['retries', 11, 'between 1 and 10'],
    ['startPeriod', -1, 'between 0 and 300 seconds'],
    ['startPeriod', 301, 'between 0 and 300 seconds'],
  ])('rejects %s %i', (member, value, range) => {
    expectRejected(
      hc({ [member]: value }),
      'ClientException',
      `containerDefinitions[0].healthCheck.${member} must be ${range}, but was ${value}.`,
    );
  });

  it.each([
    { interval: 5, timeout: 2, retries: 1, startPeriod: 0 },
    { interval: 300, timeout: 60, retries: 10, startPeriod: 300 },
  ])('accepts the bounds %j', (bounds) => {
    expectAccepted(hc(bounds));
  });

  it('rejects an empty command and a missing one', () => {
    expectRejected(hc({ command: [] }), 'ClientException', 'containerDefinitions[0].healthCheck.command must not be empty.');
    expectRejected(
      withContainer({ healthCheck: { interval: 10 } }),
      'InvalidParameterException',
      'containerDefinitions[0].healthCheck.command is required but was not given.',
    );
  });

  // Describe output of real registrations shows interval/timeout/retries filled and startPeriod only when given
  // (corpus 0202, 0291, 0351).
  it('stores the defaults: interval 30, timeout 5, retries 3; startPeriod only when given', () => {
    const stored = (req: unknown) =>
      (registerOk(req).output.taskDefinition.containerDefinitions as Array<{ healthCheck: unknown }>)[0]!.healthCheck;
    expect(stored(hc({}))).toEqual({ command: ['CMD-SHELL', 'true'], interval: 30, timeout: 5, retries: 3 });
    expect(stored(hc({ startPeriod: 60, retries: 5 }))).toEqual({
      command: ['CMD-SHELL', 'true'],
      interval: 30,
      timeout: 5,
      retries: 5,
      startPeriod: 60,
    });
  });
});
