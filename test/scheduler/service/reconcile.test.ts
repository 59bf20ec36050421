// The reconciler's rolling step on the reference's worked examples (reference §5.2, from the Developer Guide's
// "Deploy Amazon ECS services by replacing tasks" and the API reference of DeploymentConfiguration).
import { describe, expect, it } from 'vitest';
import { pickForStop, reconcile, type TaskView } from '../../../src/scheduler/service/reconcile.js';
import { breakerThreshold, launchBackoffMs, maxTasks, minHealthyTasks } from '../../../src/scheduler/service/rollingBounds.js';

let nextSeq = 1;
const task = (az: string, state: 'healthy' | 'running' | 'pending' | 'unhealthy' = 'healthy'): TaskView => ({
  seq: nextSeq++,
  availabilityZone: az,
  running: state !== 'pending',
  healthy: state === 'healthy',
  unhealthy: state === 'unhealthy',
});
const healthyOld = (n: number): TaskView[] => Array.from({ length: n }, (_, i) => task(['a', 'b', 'c'][i % 3]!));

/** One rolling step from "n healthy old tasks, no new task yet". */
function firstStep(desired: number, min: number, max: number) {
  return reconcile({
    desiredCount: desired,
    minimumHealthyPercent: min,
    maximumPercent: max,
    primaryFailed: false,
    launchesHeld: false,
    deployments: [
      { id: 'new', keep: 0, tasks: [] },
      { id: 'old', keep: desired, tasks: healthyOld(desired) },
    ],
  });
}

describe('rolling bounds (reference §5.2: minHealthy rounded up, maxTasks rounded down)', () => {
  it.each([
    // desired, min%, max%, minHealthy, maxTasks
    [4, 50, 200, 2, 8],
    [2, 75, 200, 2, 4],
    [4, 100, 200, 4, 8],
    [3, 100, 125, 3, 3],
    [1, 100, 200, 1, 2],
    [1, 0, 100, 0, 1],
    [0, 100, 200, 0, 0],
  ])('desired %i, min %i percent, max %i percent → minHealthy %i, maxTasks %i', (d, min, max, lo, hi) => {
    expect(minHealthyTasks(d, min)).toBe(lo);
    expect(maxTasks(d, max)).toBe(hi);
  });

  it.each([
    // desired, min, max, launches of the new deployment, old tasks stopped, consequence in the docs
    [4, 50, 200, 4, 2, 'may stop 2 old first, or start 4 new first'],
    [2, 75, 200, 2, 0, 'cannot stop any old task first'],
    [4, 100, 200, 4, 0, 'start 4 new, then stop 4 old'],
    [1, 100, 200, 1, 0, 'start 1 new, wait until healthy, stop old'],
    [1, 0, 100, 1, 1, 'stop old, then start new (downtime): the stopping task no longer counts, so both happen in one step'],
  ])('desired %i, min %i percent, max %i percent: first step starts %i and stops %i (%s)', (d, min, max, starts, stops) => {
    const intent = firstStep(d, min, max);
    expect(intent.launches.reduce((n, l) => n + l.count, 0)).toBe(starts);
    expect(intent.stops).toHaveLength(stops);
    expect(intent.stuck).toBe(false);
  });

  it('desired 3, max 125 percent: no extra task can start; with min 100% the deployment is stuck (ECS emits its event)', () => {
    const intent = firstStep(3, 100, 125);
    expect(intent.launches).toEqual([]);
    expect(intent.stops).toEqual([]);
    expect(intent.stuck).toBe(true);
  });

  it('stops old tasks only once new ones are healthy (desired 1, 100/200)', () => {
    const fresh = task('a', 'running');
    const old = task('b');
    const before = reconcile({
      desiredCount: 1, minimumHealthyPercent: 100, maximumPercent: 200, primaryFailed: false, launchesHeld: false,
      deployments: [{ id: 'new', keep: 0, tasks: [fresh] }, { id: 'old', keep: 1, tasks: [old] }],
    });
    expect(before.stops).toEqual([]);
    const after = reconcile({
      desiredCount: 1, minimumHealthyPercent: 100, maximumPercent: 200, primaryFailed: false, launchesHeld: false,
      deployments: [{ id: 'new', keep: 0, tasks: [{ ...fresh, healthy: true }] }, { id: 'old', keep: 1, tasks: [old] }],
    });
    expect(after.stops).toEqual([{ seq: old.seq, deploymentId: 'old', kind: 'running' }]);
  });

  it('replaces unhealthy tasks and keeps an older revision when the PRIMARY failed without rollback', () => {
    const sick = task('a', 'unhealthy');
    const intent = reconcile({
      desiredCount: 2, minimumHealthyPercent: 100, maximumPercent: 200, primaryFailed: true, launchesHeld: false,
      deployments: [{ id: 'new', keep: 0, tasks: [] }, { id: 'old', keep: 2, tasks: [sick, task('b')] }],
    });
    expect(intent.stops).toEqual([{ seq: sick.seq, deploymentId: 'old', kind: 'unhealthy' }]);
    // Replaced with a task of its own revision (Nov 2025 rule, reference §4.4), not of the failed one.
    expect(intent.launches).toEqual([{ deploymentId: 'old', count: 1 }]);
  });

  it('holds launches during the back-off', () => {
    const intent = reconcile({
      desiredCount: 2, minimumHealthyPercent: 100, maximumPercent: 200, primaryFailed: false, launchesHeld: true,
      deployments: [{ id: 'p', keep: 0, tasks: [] }],
    });
    expect(intent.launches).toEqual([]);
  });
});

describe('scale-in picks (reference §4.8)', () => {
  it('takes pending tasks first, then not-yet-healthy ones, then the zone with the most tasks, newest first', () => {
    const a1 = task('a');
    const a2 = task('a');
    const b1 = task('b');
    const pending = task('c', 'pending');
    const warming = task('c', 'running');
    const all = [a1, a2, b1, pending, warming];
    const zones = new Map([['a', 2], ['b', 1], ['c', 2]]);
    expect(pickForStop(all, 4, zones).map((t) => t.seq)).toEqual([pending.seq, warming.seq, a2.seq, b1.seq]);
  });
});

describe('circuit breaker threshold (API reference ThresholdConfiguration; reference §5.5)', () => {
  const cb = { enable: true, rollback: true, resetOnHealthyTask: undefined, thresholdConfiguration: undefined };
  it.each([
    [1, 3],
    [10, 5],
    [25, 13],
    [400, 200],
    [800, 200],
  ])('default BOUNDED_PERCENT 50: desired %i → %i', (desired, threshold) => {
    expect(breakerThreshold(desired, cb)).toBe(threshold);
  });
  it('COUNT and UNBOUNDED_PERCENT', () => {
    expect(breakerThreshold(100, { ...cb, thresholdConfiguration: { type: 'COUNT', value: 7 } })).toBe(7);
    expect(breakerThreshold(1000, { ...cb, thresholdConfiguration: { type: 'UNBOUNDED_PERCENT', value: 50 } })).toBe(500);
    expect(breakerThreshold(2, { ...cb, thresholdConfiguration: { type: 'UNBOUNDED_PERCENT', value: 10 } })).toBe(1);
  });
});

describe('launch back-off (service captures §3.3; DG "service throttle logic": up to 27 minutes)', () => {
  it.each([
    [0, 0],
    [1, 30_000],
    [2, 30_000],
    [3, 300_000],
    [4, 600_000],
    [7, 1_500_000],
    [8, 1_620_000],
    [50, 1_620_000],
  ])('after %i failures: %i ms', (n, ms) => {
    expect(launchBackoffMs(n)).toBe(ms);
  });
});
