// The context-free fast path of `struct` must decode exactly what the io-ts path decodes. Issue 13, finding 1:
// it trusted a union's `is`, and a structure's `is` only asked for "an object", so `{ minMs: "a" }` passed as a
// duration spec.
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { list, struct } from '../../src/codecs/struct.js';

const Num = new t.Type<number, number, unknown>('number ≥ 0', (u): u is number => typeof u === 'number' && u >= 0, (u, c) => (typeof u === 'number' && u >= 0 ? t.success(u) : t.failure(u, c)), t.identity);
const Spec = t.refinement(struct('Spec', { minMs: Num, maxMs: Num }, ['minMs', 'maxMs']), (s) => s.minMs <= s.maxMs, 'Spec with minMs ≤ maxMs');
const Holder = struct('Holder', { d: t.union([Num, Spec]), ds: list(t.union([Num, Spec]), 'list of durations') });

describe('struct fast path', () => {
  it('checks the members of a structure inside a union or a refinement', () => {
    expect(E.isLeft(Holder.decode({ d: { minMs: 'a', maxMs: 'b' } }))).toBe(true);
    expect(E.isLeft(Holder.decode({ ds: [1, { minMs: 'a', maxMs: 'b' }] }))).toBe(true);
    expect(E.isLeft(Holder.decode({ d: { minMs: 5, maxMs: 1 } }))).toBe(true);
    expect(Spec.is({ minMs: 'a', maxMs: 'b' })).toBe(false);
  });

  it('decodes valid members into fresh values without stray keys', () => {
    const input = { d: { minMs: 1, maxMs: 2, extra: true }, ds: [3] };
    const r = Holder.decode(input);
    expect(r).toEqual(E.right({ d: { minMs: 1, maxMs: 2 }, ds: [3] }));
    expect(E.isRight(r) && r.right.d).not.toBe(input.d);
  });
});
