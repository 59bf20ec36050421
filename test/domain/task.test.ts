// The task entity's field-by-field copy: what every lifecycle step starts from.
import { describe, expect, it } from 'vitest';
import { copyTask } from '../../src/domain/task.js';
import { Sim } from '../api/tasks/harness.js';

describe('copyTask', () => {
  it('copies every field, in the same key order, into a new object', () => {
    const sim = new Sim().setup();
    sim.run({ count: 2, startedBy: 'ci', tags: [{ key: 'team', value: 'web' }] });
    sim.advance(30_000);
    for (const t of sim.world.tasks.values()) {
      const c = copyTask(t);
      expect(c).not.toBe(t);
      expect(c).toEqual(t);
      // Same keys in the same order: a World serialises identically whichever way its tasks were copied.
      expect(JSON.stringify(c)).toBe(JSON.stringify(t));
      expect(Object.keys(c)).toEqual(Object.keys(t));
    }
  });
});
