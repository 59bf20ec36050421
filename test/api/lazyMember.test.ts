// Response members built on first read (src/api/lazyMember.ts): they must be indistinguishable from plain members
// for every way a caller reads a response, and RunTask's tasks must show the moment of the call even when read
// after the World has moved on.
import { inspect } from 'node:util';
import * as E from 'fp-ts/lib/Either.js';
import { produce } from 'immer';
import { describe, expect, it } from 'vitest';
import { defineLazyMember } from '../../src/api/lazyMember.js';
import { advance } from '../../src/engine/advance.js';
import { execute } from '../../src/engine/execute.js';
import { Sim } from './tasks/harness.js';

describe('defineLazyMember', () => {
  it('builds once, on first read, and then is a plain data member', () => {
    let builds = 0;
    const o = defineLazyMember({ a: 1 } as { a: number }, 'b', () => {
      builds++;
      return [1, 2];
    });
    expect(builds).toBe(0);
    expect(o.b).toEqual([1, 2]);
    expect(o.b).toBe(o.b);
    expect(builds).toBe(1);
    expect(Object.getOwnPropertyDescriptor(o, 'b')).toMatchObject({ value: [1, 2], enumerable: true, writable: true });
  });

  it('is seen by JSON, object spread, structuredClone, Object.keys and deep equality like a plain member', () => {
    const make = () => defineLazyMember({} as Record<string, unknown>, 'tasks', () => [{ id: 'x' }]);
    expect(JSON.stringify(make())).toBe('{"tasks":[{"id":"x"}]}');
    expect({ ...make() }).toEqual({ tasks: [{ id: 'x' }] });
    expect(structuredClone(make())).toEqual({ tasks: [{ id: 'x' }] });
    expect(Object.keys(make())).toEqual(['tasks']);
    expect(make()).toStrictEqual({ tasks: [{ id: 'x' }] });
  });

  it('can be read from a frozen or sealed object, never read before (the accessor stays and answers the same)', () => {
    let builds = 0;
    const frozen = Object.freeze(defineLazyMember({} as Record<string, unknown>, 'tasks', () => [++builds]));
    expect(frozen.tasks).toEqual([1]);
    expect(frozen.tasks).toBe(frozen.tasks);
    const sealed = Object.seal(defineLazyMember({} as Record<string, unknown>, 'tasks', () => [++builds]));
    expect(sealed.tasks).toEqual([2]);
    expect(builds).toBe(2);
  });

  it('shows its value to Node\'s inspector (console.log), not an accessor', () => {
    const o = defineLazyMember({ failures: [] } as Record<string, unknown>, 'tasks', () => ['built']);
    expect(inspect(o)).toBe("{ failures: [], tasks: [ 'built' ] }");
    expect(Object.keys(o)).toEqual(['failures', 'tasks']); // the inspector hook is not a member
  });

  it('can be assigned before it is ever read (the builder is then never called)', () => {
    const o = defineLazyMember({} as Record<string, unknown>, 'tasks', (): unknown[] => {
      throw new Error('must not be built');
    });
    o.tasks = [];
    expect(o.tasks).toEqual([]);
  });
});

describe('RunTask tasks, built when first read', () => {
  it('survive being kept in immer state (auto-freeze) before they were read', () => {
    const sim = new Sim().setup();
    const out = sim.run({ count: 2 });
    const state = produce({ last: undefined as unknown }, (d) => {
      d.last = out;
    });
    expect((state.last as { tasks: unknown[] }).tasks).toHaveLength(2);
  });

  it('describe the tasks as they were at the call, even when read after the World moved on', () => {
    const sim = new Sim().setup();
    const r = execute(sim.world, 'RunTask', {
      taskDefinition: 'web',
      launchType: 'FARGATE',
      count: 3,
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-a1', 'subnet-b1'] } },
    });
    if (E.isLeft(r)) throw new Error(r.left.message);
    const later = advance(r.right.world, 600_000).world; // long enough for every task to be RUNNING
    const output = r.right.output as { tasks: Array<{ taskArn: string; lastStatus: string; version: number }> };
    expect(output.tasks.map((t) => [t.lastStatus, t.version])).toEqual([
      ['PROVISIONING', 1],
      ['PROVISIONING', 1],
      ['PROVISIONING', 1],
    ]);
    // ... and exactly what DescribeTasks said at that moment.
    const described = execute(r.right.world, 'DescribeTasks', { tasks: output.tasks.map((t) => t.taskArn) });
    if (E.isLeft(described)) throw new Error(described.left.message);
    expect(output.tasks).toEqual((described.right.output as { tasks: unknown[] }).tasks);
    const now = execute(later, 'DescribeTasks', { tasks: output.tasks.map((t) => t.taskArn) });
    if (E.isLeft(now)) throw new Error(now.left.message);
    expect((now.right.output as { tasks: Array<{ lastStatus: string }> }).tasks.map((t) => t.lastStatus)).toEqual([
      'RUNNING',
      'RUNNING',
      'RUNNING',
    ]);
  });
});
