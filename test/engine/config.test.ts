// A world configuration can come from outside the program (scenario files, `--config FILE`): tryCreateWorld turns
// every invalid one into an InvalidParameterException value naming the path; createWorld documents that it throws
// RangeError with the same message. Regression tests for issue 13, findings 1–3 and 8.
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { advance, createWorld, tryCreateWorld, type WorldConfig } from '../../src/index.js';

/** The message of tryCreateWorld's error, or a failure if it accepted the config. */
function rejection(config: unknown): string {
  const r = tryCreateWorld(config);
  if (E.isRight(r)) throw new Error(`accepted ${String(config)}`);
  expect(r.left.name).toBe('InvalidParameterException');
  return r.left.message;
}

describe('world configuration', () => {
  it('rejects malformed behaviour rules up front, so advance can never trip on them', () => {
    expect(() => createWorld({ behaviors: [{ match: null as never }] })).toThrow(RangeError);
    expect(rejection({ behaviors: [{ match: {}, exitCode: 999 }] })).toContain('behaviors[0].exitCode: expected an integer from 0 to 255, got 999');
  });

  it('accepts a valid configuration and applies defaults', () => {
    const r = tryCreateWorld({ seed: 9, behaviors: [{ match: { image: 'nginx*' }, pullMs: 1000 }] });
    expect(E.isRight(r) && r.right.config.seed).toBe(9);
    expect(E.isRight(r) && r.right.behaviors).toEqual([{ match: { image: 'nginx*' }, pullMs: 1000 }]);
  });

  it('treats an undefined section as absent (JavaScript callers spread optional values)', () => {
    const r = tryCreateWorld({ seed: undefined, quotas: { onDemandVcpu: undefined, spotVcpu: Infinity } });
    expect(E.isRight(r) && r.right.config.seed).toBe(1);
    expect(E.isRight(r) && r.right.config.quotas).toMatchObject({ onDemandVcpu: 6, spotVcpu: Infinity });
  });

  it('rejects a configuration that is not an object', () => {
    for (const bad of [null, 42, 'x', [1]]) {
      expect(tryCreateWorld(bad)).toEqual(E.left({ name: 'InvalidParameterException', message: 'The world configuration must be an object.' }));
    }
  });

  // Finding 1: durations that are not finite numbers ≥ 0 were accepted; the timer queue then spun on NaN.
  it('rejects behaviour durations that are strings, negative, NaN or infinite, naming the path', () => {
    expect(rejection({ behaviors: [{ match: {}, exitAfterMs: { medianMs: 'x', minMs: 'a', maxMs: 'b' } }] })).toBe(
      'Invalid world configuration: behaviors[0].exitAfterMs.medianMs: expected a finite number ≥ 0, got "x"; ' +
        'behaviors[0].exitAfterMs.minMs: expected a finite number ≥ 0, got "a"; behaviors[0].exitAfterMs.maxMs: expected a finite number ≥ 0, got "b".',
    );
    for (const bad of [-1, NaN, Infinity, -Infinity]) {
      expect(rejection({ behaviors: [{ match: {}, pullMs: bad }] })).toContain(`behaviors[0].pullMs: expected a finite number ≥ 0 or a DurationSpec object, got ${bad}`);
      expect(rejection({ behaviors: [{ match: {}, exitAfterMs: { medianMs: 1, minMs: bad, maxMs: 5 } }] })).toContain('behaviors[0].exitAfterMs.minMs: expected a finite number ≥ 0');
    }
    expect(() => createWorld({ behaviors: [{ match: {}, exitAfterMs: { medianMs: 1, minMs: -5, maxMs: 5 } }] })).toThrow(
      new RangeError('Invalid world configuration: behaviors[0].exitAfterMs.minMs: expected a finite number ≥ 0, got -5.'),
    );
  });

  // Finding 2: objects with odd valueOf/toString, Symbols and very deep arrays made createWorld throw TypeError.
  it('answers RangeError (createWorld) or a value (tryCreateWorld) for values that are not JSON, never TypeError', () => {
    const odd = { behaviors: [{ match: {}, exitAfterMs: { medianMs: 1, minMs: { valueOf: 1, toString: 1 }, maxMs: 5 } }] };
    expect(() => createWorld(odd as never)).toThrow(RangeError);
    expect(rejection(odd)).toContain('behaviors[0].exitAfterMs.minMs: expected a finite number ≥ 0, got an object');
    expect(rejection({ behaviors: [{ match: { image: Symbol('x') } }] })).toContain('behaviors[0].match.image is a Symbol, which JSON cannot hold');
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(() => createWorld({ behaviors: deep } as never)).toThrow(RangeError);
    expect(rejection({ behaviors: deep })).toMatch(/^Invalid world configuration: behaviors\[0\]\[0\].* is nested deeper than 16 levels\.$/);
  });

  // Finding 3: numeric strings, null, objects and unknown keys were kept, giving NaN clocks and `[object Object]` ARNs.
  it.each([
    [{ startTimeMs: 'x' }, 'startTimeMs: expected an integer epoch time in ms ≥ 0, got "x"'],
    [{ startTimeMs: 8.7e15 }, 'startTimeMs: expected an integer epoch time in ms ≥ 0 up to 8640000000000000 (the range of a Date), got 8700000000000000'],
    [{ retention: { stoppedTaskMs: '60000' } }, 'retention.stoppedTaskMs: expected a finite number ≥ 0, got "60000"'],
    [{ retention: { stoppedTaskMs: null } }, 'retention.stoppedTaskMs: expected a finite number ≥ 0, got null'],
    [{ accountId: {} }, 'accountId: expected a 12-digit account id such as "123456789012", got an object'],
    [{ region: 5 }, 'region: expected a Region name such as "us-east-1", got 5'],
    [{ region: '' }, 'region: expected a Region name such as "us-east-1", got ""'],
    [{ quotas: { onDemandVcpu: '6' } }, 'quotas.onDemandVcpu: expected a number ≥ 0 (Infinity switches the limit off), got "6"'],
    [{ quotas: { runTaskApi: null } }, 'quotas.runTaskApi: expected a RateLimit object, got null'],
    [{ quotas: { runTaskApi: { burst: 5 } } }, 'quotas.runTaskApi.refillPerSecond: required, but missing'],
    [{ timings: { provisioning: { medianMs: '1', minMs: 0, maxMs: 2 } } }, 'timings.provisioning.medianMs: expected a finite number ≥ 0, got "1"'],
    [{ timings: { provisioning: { medianMs: 1, minMs: 5, maxMs: 2 } } }, 'timings.provisioning: expected minMs ≤ maxMs, got minMs 5 and maxMs 2'],
    [{ seed: 1.5 }, 'seed: expected an integer, got 1.5'],
    [{ network: { subnets: [{ subnetId: 'subnet-1', cidrBlock: '10.0.0.0/24', availabilityZone: 'us-east-1a', vpcId: 'vpc-1', az: 'x' }] } }, 'network.subnets[0].az: unknown key'],
  ] as const)('rejects %j', (config, expected) => {
    const message = rejection(config);
    expect(message).toContain(expected);
    expect(() => createWorld(config as WorldConfig)).toThrow(new RangeError(message));
  });

  it('names the key meant by a misspelt one', () => {
    expect(rejection({ retention: { stopedTaskMs: 60_000 } })).toBe(
      'Invalid world configuration: retention.stopedTaskMs: unknown key (did you mean stoppedTaskMs?); known keys: stoppedTaskMs.',
    );
    expect(rejection({ Seed: 1 })).toContain('Seed: unknown key (did you mean seed?)');
    expect(rejection({ behaviours: [] })).toContain('behaviours: unknown key (did you mean behaviors?)');
  });

  it('still checks the network against the region', () => {
    const message = rejection({ region: 'eu-west-1', network: { subnets: [{ subnetId: 'subnet-1', cidrBlock: '10.0.0.0/24', availabilityZone: 'us-east-1a', vpcId: 'vpc-1' }] } });
    expect(message).toContain("network.subnets[0].availabilityZone 'us-east-1a' is not an Availability Zone of eu-west-1");
  });

  // Finding 8: a getter or Proxy that throws escaped tryCreateWorld as an exception.
  it('answers an error value for getters and Proxies that throw, and for cycles and BigInts', () => {
    expect(rejection({ get seed(): number { throw new TypeError('nope'); } })).toBe(
      'Invalid world configuration: seed could not be read: reading it threw a TypeError ("nope").',
    );
    const proxy = new Proxy({}, { ownKeys: () => { throw new Error('trap'); } });
    expect(rejection(proxy)).toContain('could not be read');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(rejection({ network: cyclic })).toContain('network.self refers back to an enclosing value (a cycle)');
    expect(rejection({ seed: 5n })).toContain('seed is a BigInt, which JSON cannot hold');
  });

  test.prop(
    [
      fc.record(
        {
          region: fc.oneof(fc.constant('us-east-1'), fc.string()),
          seed: fc.oneof(fc.integer(), fc.double()),
          network: fc.anything(),
          quotas: fc.anything(),
          timings: fc.anything(),
          behaviors: fc.anything(),
          retention: fc.anything(),
        },
        { requiredKeys: [] },
      ),
    ],
    { numRuns: 500 },
  )('never throws, and a world it creates can advance', (config) => {
    const r = tryCreateWorld(config);
    if (E.isRight(r)) expect(advance(r.right, 60_000).world.nowMs).toBe(r.right.nowMs + 60_000);
    else expect(r.left.name).toBe('InvalidParameterException');
  });
});
