// `advance` keeps the clock within what a Date can hold, and says why it refused a step.
// Regression test for issue 13, finding 6 (a step past the largest date made reading events throw RangeError).
// The bound: a Date holds ±8.64e15 ms (ECMAScript, "Time Values and Time Range",
// https://tc39.es/ecma262/#sec-time-values-and-time-range).
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { advance, createWorld, execute } from '../../src/index.js';

describe('advance', () => {
  const world = createWorld();

  it('refuses a step past the largest time a Date can hold, with the World unchanged', () => {
    const r = advance(world, 8.64e15);
    expect(r.world).toBe(world);
    expect(r.events).toEqual([]);
    expect(r.error).toEqual({
      name: 'InvalidParameterException',
      message: 'ms: a step of 8640000000000000 ms moves the clock past 8640000000000000, the largest time a Date can hold.',
    });
  });

  it('moves exactly to the largest time, and the World stays readable there', () => {
    const last = advance(world, 8.64e15 - world.nowMs);
    expect(last.error).toBeUndefined();
    expect(last.world.nowMs).toBe(8.64e15);
    const r = execute(last.world, 'CreateCluster', { clusterName: 'end-of-time' });
    expect(E.isRight(r)).toBe(true);
    expect(advance(last.world, 1).error?.message).toContain('the largest time a Date can hold');
  });

  it('refuses negative, fractional, NaN and infinite steps with an error naming the value', () => {
    for (const ms of [-1, 0.5, NaN, Infinity, '5' as never]) {
      const r = advance(world, ms);
      expect(r.world).toBe(world);
      expect(r.error?.message).toMatch(/^ms: expected an integer number of milliseconds ≥ 0, got /);
    }
    expect(advance(world, '5' as never).error?.message).toBe('ms: expected an integer number of milliseconds ≥ 0, got "5".');
  });
});
