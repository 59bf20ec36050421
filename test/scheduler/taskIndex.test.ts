// The ListTasks index is stored as ranges (the key without the task's seq) holding numeric seqs; every read must
// see exactly what a flat sorted table of the full string keys would give — the nextToken keeps that meaning.
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { compareStrings } from '../../src/domain/pmap.js';
import type { Task } from '../../src/domain/task.js';
import { WorldTxn } from '../../src/domain/txn.js';
import { createWorld } from '../../src/engine/createWorld.js';
import {
  addIndexEntriesMutably,
  indexKeysOf,
  indexPrefix,
  indexRange,
  removeIndexEntriesMutably,
} from '../../src/scheduler/taskIndex.js';

// Only the fields the index reads; one spec object per launch type, shared like the tasks of one RunTask.
const specs = ['EC2', 'FARGATE'].map((launchType) => ({ clusterName: 'c', launchType, family: 'web', group: 'family:web', startedBy: undefined }));
const taskOf = (seq: number, lt: number, desiredStatus: 'RUNNING' | 'STOPPED'): Task =>
  ({ seq, spec: specs[lt]!, desiredStatus, site: NO_INSTANCE }) as unknown as Task;
/** Where the index's tasks run: on no container instance (the index reads only that of a task's site). */
const NO_INSTANCE = { capacityProviderName: undefined, availabilityZone: 'z', subnetId: undefined, ec2: undefined };

const tasksArb = fc.uniqueArray(fc.record({ seq: fc.integer({ min: 1, max: 5000 }), lt: fc.integer({ min: 0, max: 1 }), stop: fc.boolean() }), {
  selector: (t) => t.seq,
  maxLength: 40,
});

describe('task index', () => {
  test.prop([tasksArb, fc.oneof(fc.string(), fc.constantFrom('D\u0000c\u0000RUNNING\u0000EC', 'D\u0000c\u0000RUNNING\u0000FARGATE\u0000zz'))])(
    'a range scan from any key gives the flat sorted keys from that key, across transactions and removals',
    (specsOfTasks, junk) => {
      let world = createWorld();
      const kept: Task[] = [];
      // Two transactions: some tasks added then removed (or moved to STOPPED) in a later one.
      let tx = new WorldTxn(world);
      for (const s of specsOfTasks) addIndexEntriesMutably(tx, taskOf(s.seq, s.lt, 'RUNNING'));
      world = tx.commit();
      tx = new WorldTxn(world);
      for (const s of specsOfTasks) {
        if (!s.stop) {
          kept.push(taskOf(s.seq, s.lt, 'RUNNING'));
          continue;
        }
        removeIndexEntriesMutably(tx, taskOf(s.seq, s.lt, 'RUNNING'));
        addIndexEntriesMutably(tx, taskOf(s.seq, s.lt, 'STOPPED'));
      }
      world = tx.commit();
      const flat = kept.flatMap((t) => indexKeysOf(t)).sort(compareStrings);
      const prefix = indexPrefix('D', 'c', 'RUNNING');
      const inRange = flat.filter((k) => k.startsWith(prefix));
      const read = new WorldTxn(world);
      expect([...indexRange(read, prefix)]).toEqual(inRange);
      for (const from of [...inRange, junk, `${prefix}FARGATE\u0000`]) {
        expect([...indexRange(read, prefix, from)]).toEqual(inRange.filter((k) => k >= from));
      }
    },
  );

  test('ranges left empty leave the table', () => {
    let tx = new WorldTxn(createWorld());
    addIndexEntriesMutably(tx, taskOf(7, 1, 'RUNNING'));
    const world = tx.commit();
    expect(world.taskIndex.size).toBe(2);
    tx = new WorldTxn(world);
    removeIndexEntriesMutably(tx, taskOf(7, 1, 'RUNNING'));
    expect(tx.commit().taskIndex.size).toBe(0);
    // The earlier World is untouched by the later transaction.
    expect([...indexRange(new WorldTxn(world), indexPrefix('D', 'c', 'RUNNING'))]).toEqual(indexKeysOf(taskOf(7, 1, 'RUNNING')).slice(0, 1));
  });

  // Index changes are queued and applied together (before a read, and at commit): by a rebuild of the range when
  // they are many for its size, one by one when few. Either way the reads must be those of the changes applied
  // in order — including a task that enters and leaves a range within one transaction, and reads in between.
  const opsArb = fc.array(
    fc.array(fc.oneof(fc.record({ op: fc.constantFrom('launch' as const, 'stop' as const, 'expire' as const, 'read' as const), pick: fc.nat() })), {
      maxLength: 50,
    }),
    { minLength: 1, maxLength: 5 },
  );
  test.prop([opsArb, fc.integer({ min: 0, max: 300 })])(
    'queued changes read as if applied in order, within a transaction and after it',
    (txns, bulk) => {
      let world = createWorld();
      let seq = 1;
      // A large range first (so that a few changes take the one-by-one path), in a transaction of its own.
      const status = new Map<number, 'RUNNING' | 'STOPPED'>();
      let tx = new WorldTxn(world);
      for (let i = 0; i < bulk; i++, seq++) {
        addIndexEntriesMutably(tx, taskOf(seq, 1, 'RUNNING'));
        status.set(seq, 'RUNNING');
      }
      world = tx.commit();
      const expected = (s: 'RUNNING' | 'STOPPED'): string[] =>
        [...status].filter(([, st]) => st === s).flatMap(([q]) => indexKeysOf(taskOf(q, 1, s)).slice(0, 1)).sort(compareStrings);
      const read = (t: WorldTxn, s: 'RUNNING' | 'STOPPED'): string[] => [...indexRange(t, indexPrefix('D', 'c', s))];
      for (const ops of txns) {
        tx = new WorldTxn(world);
        for (const o of ops) {
          const inStatus = (s: 'RUNNING' | 'STOPPED'): number[] => [...status].filter(([, st]) => st === s).map(([q]) => q);
          if (o.op === 'launch') {
            addIndexEntriesMutably(tx, taskOf(seq, 1, 'RUNNING'));
            status.set(seq++, 'RUNNING');
          } else if (o.op === 'stop') {
            const running = inStatus('RUNNING');
            const q = running[o.pick % Math.max(1, running.length)];
            if (q === undefined) continue;
            removeIndexEntriesMutably(tx, taskOf(q, 1, 'RUNNING'));
            addIndexEntriesMutably(tx, taskOf(q, 1, 'STOPPED'));
            status.set(q, 'STOPPED');
          } else if (o.op === 'expire') {
            const stopped = inStatus('STOPPED');
            const q = stopped[o.pick % Math.max(1, stopped.length)];
            if (q === undefined) continue;
            removeIndexEntriesMutably(tx, taskOf(q, 1, 'STOPPED'));
            status.delete(q);
          } else {
            expect(read(tx, 'RUNNING')).toEqual(expected('RUNNING'));
            expect(read(tx, 'STOPPED')).toEqual(expected('STOPPED'));
          }
        }
        const before = world;
        const beforeRunning = read(new WorldTxn(before), 'RUNNING');
        world = tx.commit();
        expect(read(new WorldTxn(world), 'RUNNING')).toEqual(expected('RUNNING'));
        expect(read(new WorldTxn(world), 'STOPPED')).toEqual(expected('STOPPED'));
        // Ranges left empty are not in the table; the World before the transaction is unchanged.
        for (const [, seqs] of world.taskIndex.entries()) expect(seqs.size).toBeGreaterThan(0);
        expect(read(new WorldTxn(before), 'RUNNING')).toEqual(beforeRunning);
      }
    },
  );
});
