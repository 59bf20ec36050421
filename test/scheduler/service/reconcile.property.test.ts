// Properties of the reconciler: decided from counts (reconcileCounts, what a scheduler pass uses when it reads no
// task) it is the reconciler decided from the tasks (reconcile) — the same intent whenever no task is to be stopped,
// and `undefined` exactly when some task is; and pickForStop's buckets pick what a scan of every candidate picks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pickForStop, reconcile, reconcileCounts, type DeploymentTasks, type ReconcileInput, type TaskView } from '../../../src/scheduler/service/reconcile.js';

const taskArb = fc.record({
  availabilityZone: fc.constantFrom('a', 'b', 'c'),
  state: fc.constantFrom('pending', 'running', 'healthy', 'unhealthy'),
});

const inputArb: fc.Arbitrary<ReconcileInput> = fc
  .record({
    desiredCount: fc.integer({ min: 0, max: 12 }),
    minimumHealthyPercent: fc.constantFrom(0, 50, 66, 100),
    maximumPercent: fc.constantFrom(100, 125, 150, 200),
    primaryFailed: fc.boolean(),
    launchesHeld: fc.boolean(),
    holdScaleIn: fc.boolean(),
    deployments: fc.array(fc.record({ keep: fc.integer({ min: 0, max: 12 }), tasks: fc.array(taskArb, { maxLength: 14 }) }), { minLength: 0, maxLength: 3 }),
  })
  .map((r) => {
    let seq = 1;
    const deployments = r.deployments.map(
      (d, i): DeploymentTasks => ({
        id: `d${i}`,
        keep: d.keep,
        tasks: d.tasks.map(
          (t): TaskView => ({
            seq: seq++,
            availabilityZone: t.availabilityZone,
            running: t.state !== 'pending',
            healthy: t.state === 'healthy',
            unhealthy: t.state === 'unhealthy',
          }),
        ),
      }),
    );
    return { ...r, deployments };
  });

describe('reconcileCounts', () => {
  it('is reconcile when nothing is stopped, and undefined exactly when something is', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const full = reconcile(input);
        const counted = reconcileCounts({
          ...input,
          deployments: input.deployments.map((d) => ({
            id: d.id,
            keep: d.keep,
            live: d.tasks.length,
            healthy: d.tasks.filter((t) => t.healthy).length,
            unhealthy: d.tasks.filter((t) => t.unhealthy).length,
          })),
        });
        if (full.stops.length > 0) expect(counted, 'Stops need the tasks: the counts decline.').toBeUndefined();
        else expect(counted, 'Without stops the counts decide the same launches and stuck flag.').toEqual(full);
      }),
      { numRuns: Math.max(1, Math.round(2000 * Number(process.env.FC_NUM_RUNS_SCALE ?? 1))) },
    );
  });
});

/** pickForStop as first written: a scan of every candidate per pick (the reference the bucketed one must equal). */
function pickForStopByScan(tasks: readonly TaskView[], n: number, zoneCounts: Map<string, number>): TaskView[] {
  if (n <= 0) return [];
  const rank = (t: TaskView): number => (!t.running ? 0 : !t.healthy ? 1 : 2);
  const left = [...tasks];
  const out: TaskView[] = [];
  while (out.length < n && left.length > 0) {
    let best = 0;
    for (let i = 1; i < left.length; i++) {
      const a = left[i]!;
      const b = left[best]!;
      const ra = rank(a);
      const rb = rank(b);
      if (ra !== rb) {
        if (ra < rb) best = i;
        continue;
      }
      const za = zoneCounts.get(a.availabilityZone) ?? 0;
      const zb = zoneCounts.get(b.availabilityZone) ?? 0;
      if (za !== zb) {
        if (za > zb) best = i;
        continue;
      }
      if (a.seq > b.seq) best = i;
    }
    const [t] = left.splice(best, 1);
    out.push(t!);
    zoneCounts.set(t!.availabilityZone, (zoneCounts.get(t!.availabilityZone) ?? 1) - 1);
  }
  return out;
}

describe('pickForStop', () => {
  it('picks exactly what a scan of every candidate per pick picks, in the same order', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ seq: fc.integer({ min: 1, max: 10_000 }), task: taskArb }), { selector: (x) => x.seq, maxLength: 40 }),
        fc.integer({ min: 0, max: 45 }),
        fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), fc.integer({ min: 0, max: 30 })),
        (raw, n, counts) => {
          const tasks = raw.map(
            ({ seq, task: t }): TaskView => ({ seq, availabilityZone: t.availabilityZone, running: t.state !== 'pending', healthy: t.state === 'healthy', unhealthy: t.state === 'unhealthy' }),
          );
          const a = new Map(Object.entries(counts));
          const b = new Map(Object.entries(counts));
          expect(pickForStop(tasks, n, a).map((t) => t.seq)).toEqual(pickForStopByScan(tasks, n, b).map((t) => t.seq));
          expect([...a]).toEqual([...b]);
        },
      ),
      { numRuns: Math.max(1, Math.round(2000 * Number(process.env.FC_NUM_RUNS_SCALE ?? 1))) },
    );
  });
});
