// Scale-in choice per strategy (reference §6.2 "scale-in choice", §4.8).
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { Rng, seedState } from '../../../src/domain/rng.js';
import { chooseForScaleIn, type GroupTask } from '../../../src/scheduler/placement/scaleIn.js';
import { fleetOf, place, uniformFleet } from './testFleet.js';

const rng = (): Rng => new Rng(seedState(3, 2));
const tasksOf = (allocs: ReturnType<typeof place>['allocations']): GroupTask[] => allocs.map((a, k) => ({ taskId: `t${k}`, allocation: a }));
const must = <T>(e: E.Either<string, T>): T => {
  if (E.isLeft(e)) throw new Error(e.left);
  return e.right;
};

describe('chooseForScaleIn', () => {
  it('binpack memory stops the task whose instance will have the most memory left', () => {
    const fleet = fleetOf([
      { instanceId: 'i-a', instanceType: 'm5.large', availabilityZone: 'us-east-1a' },
      { instanceId: 'i-b', instanceType: 'm5.large', availabilityZone: 'us-east-1a' },
    ]);
    const r = place(fleet, { count: 3, cpu: 0, memory: 3000, networkMode: 'bridge', group: 'g', strategies: [{ type: 'binpack', field: 'memory' }] });
    expect(r.placements).toEqual(['i-a', 'i-a', 'i-b']);
    // i-b keeps 7864 − 3000 = 4864 MiB, i-a 1864: stopping on i-b frees the most (7864 after the stop).
    expect(must(chooseForScaleIn(fleet, tasksOf(r.allocations), [{ type: 'binpack', field: 'memory' }], 1, rng()))).toEqual(['t2']);
  });

  it('spread by zone stops tasks in the fullest zone, keeping the spread balanced', () => {
    const fleet = uniformFleet(3);
    const r = place(fleet, { count: 7, cpu: 0, memory: 64, networkMode: 'bridge', group: 'g', strategies: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }] });
    const chosen = must(chooseForScaleIn(fleet, tasksOf(r.allocations), [{ type: 'spread', field: 'attribute:ecs.availability-zone' }], 4, rng()));
    const left = tasksOf(r.allocations).filter((t) => !chosen.includes(t.taskId));
    const per = ['us-east-1a', 'us-east-1b', 'us-east-1c'].map((az) => left.filter((t) => fleet.attributes[fleet.indexOf(t.allocation.instanceId)]!.get('ecs.availability-zone') === az).length);
    expect(per.sort()).toEqual([1, 1, 1]);
  });

  it('without strategies: most tasks per zone, then per instance; newest first on ties; random is seeded', () => {
    const fleet = uniformFleet(3);
    const r = place(fleet, { count: 4, cpu: 0, memory: 64, networkMode: 'bridge', group: 'g', strategies: [{ type: 'spread', field: 'instanceId' }] });
    // Tasks t0..t3 on i-000, i-001, i-002, i-000: zone a holds two, so one of them goes, the newest (t3).
    expect(must(chooseForScaleIn(fleet, tasksOf(r.allocations), [], 1, rng()))).toEqual(['t3']);
    const a = must(chooseForScaleIn(fleet, tasksOf(r.allocations), [{ type: 'random' }], 2, rng()));
    expect(a).toEqual(must(chooseForScaleIn(fleet, tasksOf(r.allocations), [{ type: 'random' }], 2, rng())));
    expect(new Set(a).size).toBe(2);
  });

  it('errors name the bad task', () => {
    const fleet = uniformFleet(1);
    const ghost: GroupTask = { taskId: 'tx', allocation: { instanceId: 'i-nope', group: 'g', cpu: 0, memory: 1, enis: 0, tcpPorts: [], udpPorts: [] } };
    expect(chooseForScaleIn(fleet, [ghost], [], 1, rng())).toEqual(E.left('tasks[0] (tx): instance i-nope is not in the fleet'));
  });
});
