// Persistent sorted maps: the draft operations a transaction uses (`take`, `delete`), checked against a plain Map
// model, and the persistence guarantee (a draft never changes the map it was opened from).
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PMap, compareNumbers } from '../../src/domain/pmap.js';
import { compareTimers, type ScheduledTimer } from '../../src/domain/timers.js';

const numbers = (entries: Array<[number, string]>): PMap<number, string> => PMap.of(compareNumbers, entries);

describe('DraftPMap.take', () => {
  it('removes an entry and returns its value, leaving the original map as it was', () => {
    const base = numbers([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
    ]);
    const draft = base.draft();
    expect(draft.take(2)).toBe('b');
    expect(draft.changed).toBe(true);
    expect(draft.get(2)).toBeUndefined();
    expect(draft.size).toBe(2);
    const next = PMap.fromDraft(draft, compareNumbers);
    expect([...next.keys()]).toEqual([1, 3]);
    expect([...base.entries()]).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
    ]);
  });

  it('returns undefined for an absent key and leaves the draft unchanged', () => {
    const draft = numbers([[1, 'a']]).draft();
    expect(draft.take(9)).toBeUndefined();
    expect(draft.changed).toBe(false);
    draft.set(5, 'e');
    // Once the draft owns its tree, an absent key is still no change.
    expect(draft.take(9)).toBeUndefined();
    expect(draft.size).toBe(2);
  });

  it('pops timers in (time, sequence) order, as advance does with minKey and take', () => {
    const timer = (atMs: number, seq: number): ScheduledTimer => ({ _tag: 'ClientTokenExpiry', tokenKey: `${atMs}/${seq}`, atMs, seq });
    const keys = [timer(30, 1), timer(10, 4), timer(10, 2), timer(20, 3)];
    const draft = PMap.of<ScheduledTimer, string>(compareTimers, keys.map((k) => [k, `${k.atMs}/${k.seq}`])).draft();
    const popped: string[] = [];
    for (let k = draft.minKey(); k !== undefined; k = draft.minKey()) popped.push(draft.take(k)!);
    expect(popped).toEqual(['10/2', '10/4', '20/3', '30/1']);
    expect(draft.size).toBe(0);
  });
});

describe('DraftPMap.delete', () => {
  it('says whether the key was there and marks the draft changed only then', () => {
    const draft = numbers([[1, 'a']]).draft();
    expect(draft.delete(7)).toBe(false);
    expect(draft.changed).toBe(false);
    expect(draft.delete(1)).toBe(true);
    expect(draft.changed).toBe(true);
    expect(draft.delete(1)).toBe(false);
    expect(draft.size).toBe(0);
  });
});

type Op = { op: 'set'; key: number; value: string } | { op: 'delete' | 'take'; key: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), key: fc.integer({ min: 0, max: 300 }), value: fc.string({ maxLength: 3 }) }),
  fc.record({ op: fc.constantFrom('delete' as const, 'take' as const), key: fc.integer({ min: 0, max: 300 }) }),
);

describe('DraftPMap against a Map model', () => {
  test.prop([fc.array(fc.tuple(fc.integer({ min: 0, max: 300 }), fc.string({ maxLength: 3 })), { maxLength: 200 }), fc.array(opArb, { maxLength: 300 })])(
    'answers every operation as the model does, keeps keys sorted, and never changes the base map',
    (initial, ops) => {
      const base = numbers(initial);
      const baseJson = JSON.stringify(base);
      const model = new Map<number, string>(initial);
      const draft = base.draft();
      for (const o of ops) {
        if (o.op === 'set') {
          draft.set(o.key, o.value);
          model.set(o.key, o.value);
        } else if (o.op === 'delete') {
          expect(draft.delete(o.key), `delete(${o.key}) reports whether the key was there`).toBe(model.delete(o.key));
        } else {
          const expected = model.get(o.key);
          model.delete(o.key);
          expect(draft.take(o.key), `take(${o.key}) returns the value that was there`).toBe(expected);
        }
      }
      const next = PMap.fromDraft(draft, compareNumbers);
      expect([...next.entries()]).toEqual([...model.entries()].sort((a, b) => a[0] - b[0]));
      expect(JSON.stringify(base), 'the base map is unchanged').toBe(baseJson);
    },
  );
});

describe('PMap.fromSorted (bulk load of snapshots)', () => {
  it('holds the given entries at every size, and later writes keep it a valid sorted map without touching the original', () => {
    for (const n of [0, 1, 31, 32, 33, 1_000, 5_000]) {
      const keys = Array.from({ length: n }, (_, i) => i * 2);
      const m = PMap.fromSorted(compareNumbers, keys, keys.map((k) => `v${k}`));
      expect(m.size).toBe(n);
      expect([...m.keys()], `all ${n} keys in order`).toEqual(keys);
      expect(m.get(keys[n >> 1] ?? -1)).toBe(n === 0 ? undefined : `v${keys[n >> 1]}`);
      const changed = m.edit((d) => {
        for (let k = 1; k < 2 * n; k += 4) d.set(k, 'odd');
        for (let k = 0; k < 2 * n; k += 8) d.delete(k);
      });
      const expected = [...new Set([...keys.filter((k) => k % 8 !== 0), ...Array.from({ length: Math.ceil(Math.max(0, 2 * n - 1) / 4) }, (_, i) => 1 + 4 * i)])].sort((a, b) => a - b);
      expect([...changed.keys()], 'writes after a bulk load').toEqual(expected);
      expect([...m.keys()], 'the bulk-loaded map is unchanged').toEqual(keys);
    }
  });
});
