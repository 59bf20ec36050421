// Closed loop: target tracking against a simple plant settles with CPU in a band under its target and stays there.
// The plant: a steady load worth `work` CPU-percent of one task (cpu = 100 × load / (running × capacity), capped at
// 100 % as on Fargate); the running count follows the desired count after `lagMinutes` (1–2).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stepAutoscaler } from '../../../src/sim/autoscaling/index.js';
import { MIN, RID, T0, inputs, make, obs, target, tracking } from './harness.js';

interface Trace {
  readonly running: number[];
  readonly cpu: number[];
  readonly actionMinutes: number[];
}

function simulate(work: number, targetValue: number, initial: number, lagMinutes: number, minutes: number): Trace {
  let state = make(inputs({ scalableTargets: [target({ MinCapacity: 1, MaxCapacity: 200 })], scalingPolicies: [tracking({ TargetValue: targetValue })] }));
  const desiredHistory: number[] = [initial];
  let desired = initial;
  const trace: Trace = { running: [], cpu: [], actionMinutes: [] };
  for (let m = 1; m <= minutes; m++) {
    const running = desiredHistory[Math.max(0, desiredHistory.length - 1 - lagMinutes)] as number;
    const cpu = running === 0 ? null : Math.min(100, work / running);
    const r = stepAutoscaler(state, T0 + m * MIN, new Map([[RID, obs(running, cpu, { desiredCount: desired })]]));
    state = r.state;
    for (const a of r.actions) desired = a.desiredCount;
    if (r.actions.length > 0) trace.actionMinutes.push(m);
    desiredHistory.push(desired);
    trace.running.push(running);
    trace.cpu.push(cpu ?? 0);
  }
  return trace;
}

describe('closed loop', () => {
  it('settles on the fewest tasks that keep CPU at or under the target, and stays there (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 30, max: 6000 }), // work: 0.3 … 60 tasks' worth at 100 %
        fc.integer({ min: 30, max: 90 }), // target CPU %
        fc.integer({ min: 1, max: 120 }), // initial desired count
        fc.integer({ min: 1, max: 2 }), // plant lag, minutes
        (work, targetValue, initial, lag) => {
          const t = simulate(work, targetValue, initial, lag, 240);
          const needed = Math.max(1, Math.ceil(work / targetValue));
          // The last hour: no scaling, the running count is `needed`, CPU ≤ target and above the next count's level.
          for (let i = 180; i < 240; i++) {
            expect(t.running[i]).toBe(needed);
            expect(t.cpu[i]).toBeLessThanOrEqual(targetValue);
            if (needed > 1) expect(t.cpu[i]).toBeGreaterThan((targetValue * (needed - 1)) / needed);
            if (needed >= 10) expect(t.cpu[i]).toBeGreaterThanOrEqual(0.9 * targetValue);
          }
          expect(t.actionMinutes.filter((m) => m > 180)).toEqual([]);
        },
      ),
      { numRuns: Math.max(1, Math.round(60 * Number(process.env.FC_NUM_RUNS_SCALE ?? 1))) },
    );
  });

  it('a load step up is answered within minutes, and CPU is back under the target soon after', () => {
    // 10 tasks at 56 % (target 60, so neither alarm), then the load doubles at minute 30 (CPU capped at 100 %).
    let state = make(inputs({ scalableTargets: [target({ MaxCapacity: 100 })], scalingPolicies: [tracking({ TargetValue: 60 })] }));
    let desired = 10;
    const hist: number[] = [10];
    const cpus: number[] = [];
    let firstAction: number | undefined;
    for (let m = 1; m <= 60; m++) {
      const running = hist[Math.max(0, hist.length - 2)] as number;
      const cpu = Math.min(100, (m <= 30 ? 560 : 1120) / running);
      const r = stepAutoscaler(state, T0 + m * MIN, new Map([[RID, obs(running, cpu, { desiredCount: desired })]]));
      state = r.state;
      for (const a of r.actions) {
        desired = a.desiredCount;
        firstAction ??= m;
      }
      hist.push(desired);
      cpus.push(cpu);
    }
    expect(firstAction).toBe(33); // 3 breaching minutes (31–33)
    expect(hist[33]).toBe(17); // ceil(10 × 100 / 60): the capped metric limits the first step
    expect(desired).toBe(19); // ceil(1120 / 60), reached by a larger scale-out inside the cooldown
    const settled = cpus.findIndex((c, i) => i >= 30 && c <= 60);
    expect(settled).toBeLessThan(45);
    expect(cpus.slice(settled).every((c) => c <= 60)).toBe(true);
  });
});
