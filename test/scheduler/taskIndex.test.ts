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
  ({ seq, spec: specs[lt]!, desiredStatus }) as unknown as Task;

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
});
