// Fault and behaviour functions take untrusted arguments (JavaScript callers, scenario files): invalid ones must
// never throw and never change the World — the same World comes back with an ECS-style error naming the problem.
// Regression tests for issue 13, findings 1, 2, 5 and 6.
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import {
  advance,
  createWorld,
  execute,
  injectCapacityShortage,
  interruptSpotTasks,
  setBehaviors,
  setSubnetAvailability,
  type World,
} from '../../src/index.js';

const world = createWorld({ seed: 5 });
const anyValue = fc.anything({ withNullPrototype: true, withBoxedValues: true });

describe('fault arguments are validated', () => {
  it('rejects null options with the World unchanged', () => {
    for (const r of [
      interruptSpotTasks(world, null as never),
      injectCapacityShortage(world, null as never),
      setBehaviors(world, null as never),
    ]) {
      expect(r.world).toBe(world);
      // null where an object or list belongs is the wrong JSON kind, as the AWS JSON protocol calls it.
      expect(r.error?.name).toBe('SerializationException');
    }
  });

  it('names the failing member of a behaviour rule', () => {
    const r = setBehaviors(world, [{ match: null as never, exitCode: 300 }]);
    expect(r.world).toBe(world);
    expect(r.error?.message).toContain('[0].exitCode');
  });

  it('rejects a duration distribution with minMs > maxMs', () => {
    const r = setBehaviors(world, [{ match: {}, pullMs: { medianMs: 5, minMs: 10, maxMs: 1 } }]);
    expect(r.world).toBe(world);
    expect(r.error?.message).toBe('rules[0].pullMs: expected minMs ≤ maxMs, got minMs 10 and maxMs 1.');
  });

  // Finding 1: the struct fast path trusted the union's `is`, so string durations went through; the task then sat
  // RUNNING with a timer at NaN while every advance spun to its 50,000,000-timer guard.
  it('rejects durations that are strings, negative, NaN or infinite, naming the path', () => {
    const r = setBehaviors(world, [{ match: {}, exitAfterMs: { medianMs: 'x', minMs: 'a', maxMs: 'b' } } as never]);
    expect(r.world).toBe(world);
    expect(r.error).toEqual({
      name: 'SerializationException',
      message:
        'rules[0].exitAfterMs.medianMs: expected a finite number ≥ 0, got "x"; rules[0].exitAfterMs.minMs: expected a finite number ≥ 0, ' +
        'got "a"; rules[0].exitAfterMs.maxMs: expected a finite number ≥ 0, got "b".',
    });
    for (const bad of [-1, NaN, Infinity, -Infinity]) {
      for (const rule of [{ match: {}, exitAfterMs: bad }, { match: {}, pullMs: { medianMs: 1, minMs: 0, maxMs: bad } }, { match: {}, unhealthyAfterMs: bad }]) {
        const x = setBehaviors(world, [rule]);
        expect(x.world).toBe(world);
        expect(x.error?.name).toBe('InvalidParameterException');
      }
    }
  });

  it('rejects unknown keys and null members in a rule, suggesting the key meant', () => {
    const r = setBehaviors(world, [{ match: {}, exitAfterMS: 5 } as never]);
    expect(r.error?.message).toContain('rules[0].exitAfterMS: unknown key (did you mean exitAfterMs?)');
    expect(setBehaviors(world, [{ match: {}, exitCode: null } as never]).error?.message).toBe('rules[0].exitCode: expected an integer from 0 to 255, got null.');
  });

  it('keeps a world whose rules were rejected usable: the task exits on the valid rule', () => {
    let w: World = createWorld({ seed: 3 });
    const steps: Array<[string, unknown]> = [
      ['CreateCluster', {}],
      ['RegisterTaskDefinition', { family: 'job', requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc', cpu: '256', memory: '512', containerDefinitions: [{ name: 'a', image: 'a' }] }],
    ];
    for (const [op, input] of steps) {
      const r = execute(w, op, input);
      if (E.isLeft(r)) throw new Error(r.left.message);
      w = r.right.world;
    }
    expect(setBehaviors(w, [{ match: {}, exitAfterMs: { medianMs: 'x', minMs: 'a', maxMs: 'b' } } as never]).world).toBe(w);
    w = setBehaviors(w, [{ match: {}, exitAfterMs: 1_000 }]).world;
    const subnets = w.config.network.subnets.map((s) => s.subnetId);
    const run = execute(w, 'RunTask', { taskDefinition: 'job', launchType: 'FARGATE', networkConfiguration: { awsvpcConfiguration: { subnets } } });
    if (E.isLeft(run)) throw new Error(run.left.message);
    const later = advance(run.right.world, 10 * 60_000);
    expect(later.error).toBeUndefined();
    expect([...later.world.tasks.values()].map((t) => t.lastStatus)).toEqual(['STOPPED']);
  });

  // Finding 2: `{ valueOf: 1, toString: 1 }`, Symbols and very deep arrays made setBehaviors throw.
  it('answers an error, never a throw, for values that are not JSON', () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const cyclic: Record<string, unknown> = { match: {} };
    cyclic.pullMs = cyclic;
    for (const [rules, expected] of [
      [[{ match: {}, exitAfterMs: { medianMs: 1, minMs: { valueOf: 1, toString: 1 }, maxMs: 5 } }], 'rules[0].exitAfterMs.minMs: expected a finite number ≥ 0, got an object.'],
      [[{ match: { image: Symbol('x') } }], 'rules[0].match.image is a Symbol, which JSON cannot hold.'],
      [[{ match: {}, exitCode: 1n }], 'rules[0].exitCode is a BigInt, which JSON cannot hold.'],
      [[cyclic], 'rules[0].pullMs refers back to an enclosing value (a cycle), which JSON cannot hold.'],
      [deep, 'is nested deeper than 16 levels.'],
    ] as const) {
      const r = setBehaviors(world, rules as never);
      expect(r.world).toBe(world);
      expect(r.error?.message).toContain(expected);
    }
  });

  it('accepts a valid rule list', () => {
    const r = setBehaviors(world, [{ match: { image: '*:broken' }, failToStart: 'CannotPullContainerError: not found' }]);
    expect(r.error).toBeUndefined();
    expect(r.world.behaviors).toEqual([{ match: { image: '*:broken' }, failToStart: 'CannotPullContainerError: not found' }]);
  });

  it('rejects an unknown subnet or Availability Zone', () => {
    const s = setSubnetAvailability(world, 'subnet-00000000000000000', false);
    expect(s.world).toBe(world);
    expect(s.error?.message).toBe('subnetId "subnet-00000000000000000" is not a subnet of this world\'s network.');
    const c = injectCapacityShortage(world, { capacityProvider: 'FARGATE', availabilityZone: 'mars-1a', durationMs: 1000 });
    expect(c.world).toBe(world);
    expect(c.error?.message).toBe("availabilityZone 'mars-1a' has no subnet in this world's network.");
  });

  // Finding 5: a BigInt, cyclic or very deep subnet id threw while the error message stringified it.
  it('names a subnet id that is not a string without stringifying it', () => {
    let deep: unknown = 'subnet-1';
    for (let i = 0; i < 5_000; i++) deep = [deep];
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    for (const [id, expected] of [
      [5n, 'subnetId is a BigInt, which JSON cannot hold.'],
      [cyclic, 'subnetId[0] refers back to an enclosing value (a cycle), which JSON cannot hold.'],
      [deep, 'is nested deeper than 16 levels.'],
      [42, 'subnetId: expected a string, got 42.'],
    ] as const) {
      const r = setSubnetAvailability(world, id as never, false);
      expect(r.world).toBe(world);
      expect(r.error?.message).toContain(expected);
    }
    expect(setSubnetAvailability(world, world.config.network.subnets[0]!.subnetId, 'no' as never).error?.message).toBe(
      'available: expected true or false, got "no".',
    );
  });

  // Finding 6: a window of 1e308 was stored as an infinite window.
  it('keeps a shortage window within the range of a Date', () => {
    const big = injectCapacityShortage(world, { capacityProvider: 'FARGATE', availabilityZone: 'us-east-1a', durationMs: 1e308, startMs: 1e308 });
    expect(big.world).toBe(world);
    expect(big.error?.message).toBe(
      'options.durationMs: expected a finite number > 0 up to 8640000000000000 (the range of a Date), got 1e+308; ' +
        'options.startMs: expected an integer epoch time in ms ≥ 0, got 1e+308.',
    );
    const past = injectCapacityShortage(world, { capacityProvider: 'FARGATE', availabilityZone: 'us-east-1a', durationMs: 8.64e15 });
    expect(past.world).toBe(world);
    expect(past.error?.message).toBe(
      `options.durationMs: the window from ${world.nowMs} ends after 8640000000000000, the largest time a Date can hold.`,
    );
    const ok = injectCapacityShortage(world, { capacityProvider: 'FARGATE', availabilityZone: 'us-east-1a', durationMs: 60_000, startMs: world.nowMs + 1 });
    expect(ok.error).toBeUndefined();
    expect(ok.world.faults.capacityShortages).toEqual([
      { capacityProvider: 'FARGATE', availabilityZone: 'us-east-1a', fromMs: world.nowMs + 1, untilMs: world.nowMs + 60_001 },
    ]);
  });

  it('rejects a non-positive shortage window', () => {
    const c = injectCapacityShortage(world, { capacityProvider: 'FARGATE', availabilityZone: 'us-east-1a', durationMs: 0 });
    expect(c.world).toBe(world);
    expect(c.error?.message).toContain('durationMs');
  });

  test.prop([anyValue], { numRuns: 300 })('no argument makes a fault function throw', (arg) => {
    for (const r of [
      interruptSpotTasks(world, arg as never),
      injectCapacityShortage(world, arg as never),
      setBehaviors(world, arg as never),
      setSubnetAvailability(world, arg as never, arg as never),
    ]) {
      if (r.error !== undefined) expect(r.world).toBe(world);
    }
  });
});
