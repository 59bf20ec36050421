// The bounded copy every untrusted input goes through before any codec walks it (issue 13).
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { REQUEST_LIMITS, describeThrown, formatPath, readPlainInput, type InputLimits } from '../../src/codecs/plainInput.js';

const messageOf = (u: unknown, limits: InputLimits = REQUEST_LIMITS, root?: string): string | undefined => {
  const r = readPlainInput(u, limits, root);
  return E.isLeft(r) ? r.left.message : undefined;
};

describe('readPlainInput', () => {
  it('copies plain data into fresh values, dropping undefined members', () => {
    const input = { a: [1, 'x', null, true, undefined], b: { c: NaN }, d: undefined };
    const r = readPlainInput(input);
    expect(r).toEqual(E.right({ a: [1, 'x', null, true, undefined], b: { c: NaN } }));
    expect(E.isRight(r) && r.right).not.toBe(input);
    expect(E.isRight(r) && Object.keys(r.right as object)).toEqual(['a', 'b']);
  });

  it('keeps __proto__ a data key of the copy', () => {
    const r = readPlainInput(JSON.parse('{"__proto__":{"x":1}}'));
    const copy = E.isRight(r) ? (r.right as Record<string, unknown>) : {};
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.hasOwn(copy, '__proto__')).toBe(true);
  });

  it('enforces the depth bound exactly', () => {
    const nest = (n: number): unknown => {
      let v: unknown = 0;
      for (let i = 0; i < n; i++) v = [v];
      return v;
    };
    expect(E.isRight(readPlainInput(nest(3), { maxDepth: 3, maxChars: 100 }))).toBe(true);
    expect(readPlainInput(nest(4), { maxDepth: 3, maxChars: 100 })).toEqual(
      E.left({ path: 'input[0][0][0]', message: 'input[0][0][0] is nested deeper than 3 levels.' }),
    );
  });

  it('enforces the size bound', () => {
    expect(E.isRight(readPlainInput('x'.repeat(90), { maxDepth: 3, maxChars: 100 }))).toBe(true);
    expect(readPlainInput({ big: 'x'.repeat(200) }, { maxDepth: 3, maxChars: 100 })).toEqual(
      E.left({ path: 'input.big', message: 'input.big makes the input larger than 100 characters of JSON.' }),
    );
    expect(REQUEST_LIMITS).toEqual({ maxDepth: 64, maxChars: 1_048_576 });
  });

  it('refuses an array whose length alone passes the size bound, before allocating it', () => {
    const sparse: unknown[] = [];
    sparse.length = 2 ** 31;
    expect(messageOf(sparse)).toBe('input makes the input larger than 1048576 characters of JSON.');
  });

  it('tells a cycle from depth, and names the member', () => {
    const o: Record<string, unknown> = { list: [] };
    (o.list as unknown[]).push({ up: o });
    expect(messageOf(o, REQUEST_LIMITS, 'options')).toBe(
      'options.list[0].up refers back to an enclosing value (a cycle), which JSON cannot hold.',
    );
  });

  it('formats odd keys and long paths readably', () => {
    expect(formatPath('input', ['a b', 0, 'ok'])).toBe('input["a b"][0].ok');
    expect(formatPath('', ['behaviors', 0, 'match'])).toBe('behaviors[0].match');
    expect(formatPath('', [])).toBe('the value');
    expect(formatPath('x', Array.from({ length: 20 }, (_, i) => i))).toBe('x[0][1][2][3][4][5]…[15][16][17][18][19]');
  });

  it('describes whatever was thrown without trusting it', () => {
    expect(describeThrown(new TypeError('bad'))).toBe('a TypeError ("bad")');
    expect(describeThrown('a string')).toBe('an exception');
    expect(describeThrown(new Proxy(new Error('x'), { get: () => { throw new Error('y'); } }))).toBe('an exception');
  });
});
