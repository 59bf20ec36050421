import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { Int, MAX_INT32, MIN_INT32, TagListCodec, literal, literals } from '../../src/codecs/common.js';
import { decodeFailure } from '../../src/codecs/reporter.js';
import { struct } from '../../src/codecs/struct.js';
import { createWorld, execute } from '../../src/index.js';

/** The ECS error a codec's decode failure becomes, or 'decoded'. */
const errorOf = (codec: { decode: (u: unknown) => E.Either<Parameters<typeof decodeFailure>[0], unknown> }, u: unknown) => {
  const r = codec.decode(u);
  return E.isLeft(r) ? decodeFailure(r.left) : 'decoded';
};

describe('Int', () => {
  // The model's Integer is a signed 32-bit value; JavaScript calls 1e308 an integer, ECS does not.
  const Box = struct('Box', { n: Int });

  it.each([0, -1, 42, MIN_INT32, MAX_INT32])('accepts %d', (n) => {
    expect(Box.decode({ n })).toEqual(E.right({ n }));
  });

  it.each([
    [MAX_INT32 + 1, 'InvalidParameterException', `n must be an integer from ${MIN_INT32} to ${MAX_INT32}, but was 2147483648.`],
    [1e308, 'InvalidParameterException', `n must be an integer from ${MIN_INT32} to ${MAX_INT32}, but was 1e+308.`],
    [MIN_INT32 - 1, 'InvalidParameterException', `n must be an integer from ${MIN_INT32} to ${MAX_INT32}, but was -2147483649.`],
    [1.5, 'InvalidParameterException', 'n must be integer, but was 1.5.'],
    ['1', 'SerializationException', 'n must be integer, but was "1".'],
  ])('refuses %j', (n, name, message) => {
    expect(errorOf(Box, { n })).toEqual({ name, message });
  });

  it('keeps huge container memory out of a task definition (no rule ever sees a value without precision)', () => {
    const r = execute(createWorld(), 'RegisterTaskDefinition', {
      family: 'f',
      containerDefinitions: [{ name: 'a', image: 'x', memory: 1e308 }],
    });
    expect(E.isLeft(r) && r.left).toEqual({
      name: 'InvalidParameterException',
      message: `containerDefinitions[0].memory must be an integer from ${MIN_INT32} to ${MAX_INT32}, but was 1e+308.`,
    });
  });
});

describe('literals and literal', () => {
  it('name the allowed values in the message', () => {
    expect(errorOf(struct('S', { v: literals(['A', 'B']) }), { v: 'C' })).toEqual({
      name: 'InvalidParameterException',
      message: `v must be one of 'A', 'B', but was "C".`,
    });
    // A single literal reads as itself, not as a one-item list.
    expect(errorOf(struct('S', { v: literal('TAGS') }), { v: 'X' })).toEqual({
      name: 'InvalidParameterException',
      message: `v must be 'TAGS', but was "X".`,
    });
  });

  it('answer DescribeTaskDefinition include values with the single allowed value', () => {
    const r = execute(createWorld(), 'DescribeTaskDefinition', { taskDefinition: 'web', include: ['TAGS', 'X'] });
    expect(E.isLeft(r) && r.left.message).toBe(`include[1] must be 'TAGS', but was "X".`);
  });
});

describe('TagListCodec', () => {
  it('reads null members as absent and copies the tags', () => {
    const input = [{ key: 'k', value: null }, { key: 'a', value: 'b', extra: 1 }];
    const r = TagListCodec.decode(input);
    expect(r).toEqual(E.right([{ key: 'k' }, { key: 'a', value: 'b' }]));
    expect(E.isRight(r) && r.right[1]).not.toBe(input[1]);
  });
});
