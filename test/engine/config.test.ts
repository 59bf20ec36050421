// A world configuration can come from outside the program (scenario files): tryCreateWorld turns every invalid one
// into an InvalidParameterException value; createWorld documents that it throws RangeError for them.
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { advance, createWorld, tryCreateWorld } from '../../src/index.js';

describe('world configuration', () => {
  it('rejects malformed behaviour rules up front, so advance can never trip on them', () => {
    expect(() => createWorld({ behaviors: [{ match: null as never }] })).toThrow(RangeError);
    const r = tryCreateWorld({ behaviors: [{ match: {}, exitCode: 999 }] });
    expect(E.isLeft(r) && r.left.name).toBe('InvalidParameterException');
    expect(E.isLeft(r) && r.left.message).toContain('[0].exitCode');
  });

  it('accepts a valid configuration and applies defaults', () => {
    const r = tryCreateWorld({ seed: 9, behaviors: [{ match: { image: 'nginx*' }, pullMs: 1000 }] });
    expect(E.isRight(r) && r.right.config.seed).toBe(9);
    expect(E.isRight(r) && r.right.behaviors).toEqual([{ match: { image: 'nginx*' }, pullMs: 1000 }]);
  });

  it('rejects a configuration that is not an object', () => {
    for (const bad of [null, 42, 'x', [1]]) {
      expect(tryCreateWorld(bad)).toEqual(E.left({ name: 'InvalidParameterException', message: 'The world configuration must be an object.' }));
    }
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
