// The World's timer queue: the operations a transaction uses (add, delete, takeMin), checked against a sorted-array
// model over many transactions in a row, and the persistence guarantee — a queue a World holds never changes,
// whatever later drafts do to the timers it shares with them (including the buckets of same-instant timers).
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TimerQueue } from '../../src/domain/timerQueue.js';
import type { ScheduledTimer } from '../../src/domain/timers.js';

const timer = (atMs: number, seq: number): ScheduledTimer => ({ _tag: 'ClientTokenExpiry', tokenKey: `${atMs}/${seq}`, atMs, seq });
const ids = (q: { values(): Iterable<ScheduledTimer> }): string[] => Array.from(q.values(), (t) => `${t.atMs}/${t.seq}`);
const byTimeSeq = (a: ScheduledTimer, b: ScheduledTimer): number => a.atMs - b.atMs || a.seq - b.seq;

/** A queue holding `timers`, added in the order given. */
function queueOf(timers: readonly ScheduledTimer[]): TimerQueue {
  const d = TimerQueue.empty().draft();
  for (const t of timers) d.add(t);
  return TimerQueue.fromDraft(d);
}

describe('TimerQueue', () => {
  it('pops timers in (time, sequence) order, same-instant timers in sequence order', () => {
    const d = queueOf([timer(30, 1), timer(10, 2), timer(10, 4), timer(20, 3), timer(10, 5)]).draft();
    const popped: string[] = [];
    for (let t = d.takeMin(); t !== undefined; t = d.takeMin()) popped.push(`${t.atMs}/${t.seq}`);
    expect(popped).toEqual(['10/2', '10/4', '10/5', '20/3', '30/1']);
    expect(d.size).toBe(0);
    expect(d.minKey()).toBeUndefined();
  });

  it('puts a timer whose sequence is lower than its instant\'s others in its place', () => {
    expect(ids(queueOf([timer(10, 5), timer(10, 2), timer(10, 9), timer(10, 7)]))).toEqual(['10/2', '10/5', '10/7', '10/9']);
  });

  it('finds and deletes a timer by (time, sequence), and says whether it was there', () => {
    const d = queueOf([timer(10, 1), timer(10, 2), timer(10, 3), timer(20, 4)]).draft();
    expect(d.get({ atMs: 10, seq: 2 })).toEqual(timer(10, 2));
    expect(d.has({ atMs: 10, seq: 9 })).toBe(false);
    expect(d.delete({ atMs: 10, seq: 2 })).toBe(true);
    expect(d.delete({ atMs: 10, seq: 2 })).toBe(false);
    expect(d.delete({ atMs: 15, seq: 2 })).toBe(false);
    expect(d.delete({ atMs: 20, seq: 4 })).toBe(true);
    expect(ids(d)).toEqual(['10/1', '10/3']);
    expect(d.size).toBe(2);
  });

  it('leaves a draft unchanged when nothing was written', () => {
    const q = queueOf([timer(10, 1)]);
    const d = q.draft();
    expect(d.delete({ atMs: 10, seq: 7 })).toBe(false);
    expect(d.changed).toBe(false);
    expect(TimerQueue.empty().draft().takeMin()).toBeUndefined();
  });

  it('serialises as the [timer, timer] pairs of a map whose entries are their own keys', () => {
    const ts = [timer(10, 1), timer(10, 2), timer(5, 3)];
    expect(JSON.stringify(queueOf(ts))).toBe(JSON.stringify([...ts].sort(byTimeSeq).map((t) => [t, t])));
    expect([...queueOf(ts).entries()].map(([k, v]) => k === v)).toEqual([true, true, true]);
  });

  it('never changes a committed queue: a later draft copies the buckets it writes', () => {
    const q1 = queueOf([timer(10, 1), timer(10, 2), timer(10, 3)]);
    const d2 = q1.draft();
    d2.takeMin();
    d2.add(timer(10, 4));
    d2.delete({ atMs: 10, seq: 2 });
    const q2 = TimerQueue.fromDraft(d2);
    // A third generation from q2 writes the bucket q2 holds.
    const d3 = q2.draft();
    d3.add(timer(10, 5));
    d3.takeMin();
    const q3 = TimerQueue.fromDraft(d3);
    expect(ids(q1)).toEqual(['10/1', '10/2', '10/3']);
    expect(q1.size).toBe(3);
    expect(ids(q2)).toEqual(['10/3', '10/4']);
    expect(ids(q3)).toEqual(['10/4', '10/5']);
  });

  it('keeps two queues that grew from one apart, when both add to the same instant', () => {
    const base = queueOf([timer(10, 1), timer(10, 2)]);
    const a = base.draft();
    a.add(timer(10, 3));
    const qa = TimerQueue.fromDraft(a);
    // `b` starts from `base`, whose bucket `a` has appended past: it must not see 10/3.
    const b = base.draft();
    b.add(timer(10, 4));
    b.takeMin();
    const qb = TimerQueue.fromDraft(b);
    const c = qa.draft();
    c.add(timer(10, 5));
    c.delete({ atMs: 10, seq: 2 });
    const qc = TimerQueue.fromDraft(c);
    expect(ids(base)).toEqual(['10/1', '10/2']);
    expect(ids(qa)).toEqual(['10/1', '10/2', '10/3']);
    expect(ids(qb)).toEqual(['10/2', '10/4']);
    expect(ids(qc)).toEqual(['10/1', '10/3', '10/5']);
    expect([base.size, qa.size, qb.size, qc.size]).toEqual([2, 3, 2, 3]);
  });

  it('loads sorted timers (a snapshot) as the queue that adding them builds, and drafts from it leave it be', () => {
    const ts = [timer(5, 1), timer(10, 2), timer(10, 3), timer(10, 4), timer(12, 5)];
    const loaded = TimerQueue.fromSorted(ts);
    expect(ids(loaded)).toEqual(ids(queueOf(ts)));
    expect(loaded.size).toBe(5);
    const d = loaded.draft();
    d.takeMin();
    d.takeMin();
    d.add(timer(10, 6));
    d.delete({ atMs: 10, seq: 4 });
    expect(ids(d)).toEqual(['10/3', '10/6', '12/5']);
    expect(ids(loaded)).toEqual(['5/1', '10/2', '10/3', '10/4', '12/5']);
    expect(TimerQueue.fromSorted([]).size).toBe(0);
  });

  it('does not let a finished draft write the queue it handed over', () => {
    const d = queueOf([timer(10, 1), timer(10, 2)]).draft();
    d.add(timer(10, 3));
    const q = TimerQueue.fromDraft(d);
    d.add(timer(10, 4));
    d.takeMin();
    expect(ids(q)).toEqual(['10/1', '10/2', '10/3']);
    expect(ids(d)).toEqual(['10/2', '10/3', '10/4']);
  });

  type Op = { readonly op: 'add'; readonly atMs: number } | { readonly op: 'takeMin' } | { readonly op: 'delete'; readonly pick: number };
  const opArb: fc.Arbitrary<Op> = fc.oneof(
    // Few distinct instants, so that many timers share one (the buckets).
    fc.record({ op: fc.constant('add' as const), atMs: fc.integer({ min: 0, max: 12 }) }),
    fc.record({ op: fc.constant('takeMin' as const) }),
    fc.record({ op: fc.constant('delete' as const), pick: fc.nat() }),
  );

  test.prop([fc.array(fc.array(opArb, { maxLength: 60 }), { minLength: 1, maxLength: 6 })])(
    'agrees with a sorted array over transactions in a row, and every earlier queue keeps its timers',
    (txns) => {
      let q = TimerQueue.empty();
      let model: ScheduledTimer[] = [];
      let seq = 0;
      const history: Array<{ q: TimerQueue; ids: string[] }> = [];
      for (const ops of txns) {
        const d = q.draft();
        const m = [...model];
        for (const o of ops) {
          if (o.op === 'add') {
            const t = timer(o.atMs, seq++);
            d.add(t);
            m.push(t);
            m.sort(byTimeSeq);
          } else if (o.op === 'takeMin') {
            expect(d.takeMin()).toBe(m.shift());
          } else {
            const victim = m.length === 0 ? timer(0, -1) : m[o.pick % m.length]!;
            expect(d.delete(victim)).toBe(m.includes(victim));
            const i = m.indexOf(victim);
            if (i >= 0) m.splice(i, 1);
          }
          expect(d.minKey()).toBe(m[0]);
          expect(d.size).toBe(m.length);
        }
        q = TimerQueue.fromDraft(d);
        model = m;
        expect(ids(q)).toEqual(ids({ values: () => model }));
        history.push({ q, ids: ids(q) });
      }
      for (const h of history) expect(ids(h.q)).toEqual(h.ids);
    },
  );
});
