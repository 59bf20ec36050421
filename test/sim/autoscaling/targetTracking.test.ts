// Target tracking on ECS services (src/sim/autoscaling/targetTracking.ts, autoscaler.ts).
// Rules: shared/ecs-autoscaling-captures.md §1; https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-autoscaling-targettracking.html
import { describe, expect, it } from 'vitest';
import { describeAlarms, describeScalingActivities } from '../../../src/sim/autoscaling/index.js';
import { trackedCapacity } from '../../../src/sim/autoscaling/targetTracking.js';
import { Driver, MIN, RID, T0, inputs, make, obs, step, target, tracking } from './harness.js';

const cpuOnly = (over: Parameters<typeof tracking>[0] = {}, t: Parameters<typeof target>[0] = {}) =>
  make(inputs({ scalableTargets: [target(t)], scalingPolicies: [tracking(over)] }));

describe('scale-out', () => {
  it('is proportional to the metric from the RUNNING count, after 3 breaching minutes', () => {
    const d = new Driver(cpuOnly({ TargetValue: 60 }));
    d.run(2, () => obs(4, 90));
    expect(d.actions).toEqual([]);
    d.step(obs(4, 90));
    expect(d.actions.map((a) => [a.minute, a.desiredCount])).toEqual([[3, 6]]); // ceil(4 × 90 / 60)
  });

  it('starts from the running count, not the desired count (no runaway while tasks are pending)', () => {
    // https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-auto-scaling.html (considerations): the
    // actual running task count is the starting point.
    const d = new Driver(cpuOnly({ TargetValue: 60 }));
    d.run(3, () => obs(4, 100, { desiredCount: 5 }));
    expect(d.actions.map((a) => a.desiredCount)).toEqual([7]); // ceil(4 × 100 / 60), not ceil(5 × 100 / 60) = 9
    const e = new Driver(cpuOnly({ TargetValue: 60 }));
    e.run(10, () => obs(4, 90, { desiredCount: 10 })); // wants 6 < 10 already desired: nothing
    expect(e.actions).toEqual([]);
  });

  it('inside the scale-out cooldown only a larger scale-out happens; the added capacity counts', () => {
    // https://docs.aws.amazon.com/autoscaling/application/APIReference/API_TargetTrackingScalingPolicyConfiguration.html
    const d = new Driver(cpuOnly({ TargetValue: 60 }));
    d.run(3, () => obs(4, 90)); // → 6 at minute 3
    d.run(2, () => obs(4, 90, { desiredCount: 6 })); // still wants 6: cooldown holds
    expect(d.actions.map((a) => a.desiredCount)).toEqual([6]);
    d.step(obs(4, 100, { desiredCount: 6 })); // wants 7 > 6: a larger scale-out goes through at minute 6
    expect(d.actions.map((a) => [a.minute, a.desiredCount])).toEqual([[3, 6], [6, 7]]);
  });

  it('adds at least one task per trigger and from 0 running asks for 1', () => {
    expect(trackedCapacity(10, 60.0000000001, 60)).toBe(10);
    const d = new Driver(make(inputs({ scalableTargets: [target({ MinCapacity: 0 })], scalingPolicies: [tracking({ TargetValue: 100, PredefinedMetricSpecification: { PredefinedMetricType: 'ALBRequestCountPerTarget', ResourceLabel: 'app/lb/1/targetgroup/tg/2' } })] })));
    d.run(3, () => obs(0, null, { requestCountPerTarget: 500 }));
    expect(d.actions.map((a) => a.desiredCount)).toEqual([1]);
  });
});

describe('scale-in', () => {
  it('is gradual: 15 minutes below 0.9 × target before the first step, then steps ScaleInCooldown apart', () => {
    const d = new Driver(cpuOnly({ TargetValue: 60, ScaleInCooldown: 300 }));
    let running = 10;
    let desired = 10;
    for (let m = 1; m <= 40; m++) {
      const cpu = (10 * 24) / running; // a constant load worth 24 % of 10 tasks
      const acts = d.step(obs(running, cpu, { desiredCount: desired }));
      for (const a of acts) desired = a.desiredCount;
      running = desired; // the plant follows at once here
    }
    expect(d.actions.map((a) => [a.minute, a.desiredCount])).toEqual([[15, 4]]); // ceil(10 × 24 / 60) = 4, then stable
    const e = new Driver(cpuOnly({ TargetValue: 60, ScaleInCooldown: 300 }));
    // The load keeps falling: later steps come no sooner than 300 s apart.
    e.run(40, (m) => obs(10, Math.max(5, 40 - m), { desiredCount: 10 }));
    const minutes = e.actions.map((a) => a.minute);
    expect(minutes[0]).toBe(15);
    for (let i = 1; i < minutes.length; i++) expect((minutes[i] as number) - (minutes[i - 1] as number)).toBeGreaterThanOrEqual(5);
  });

  it('never removes so much that the metric would exceed the target', () => {
    const d = new Driver(cpuOnly({ TargetValue: 60 }));
    d.run(15, () => obs(10, 31));
    const [a] = d.actions;
    expect(a?.desiredCount).toBe(6); // ceil(10 × 31 / 60) = ceil(5.17); 5 tasks would run at 62 %
    expect((10 * 31) / (a?.desiredCount ?? 1)).toBeLessThanOrEqual(60);
  });

  it('a scale-out cancels the scale-in cooldown', () => {
    // https://docs.aws.amazon.com/autoscaling/application/APIReference/API_TargetTrackingScalingPolicyConfiguration.html
    // ("if another alarm triggers a scale-out activity during the scale-in cooldown … the scale-in cooldown stops").
    const policies = [
      tracking({ TargetValue: 60, ScaleInCooldown: 3600 }),
      step({ AdjustmentType: 'ChangeInCapacity', StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }] }, { MetricName: 'MemoryUtilization', Threshold: 80 }, 'memory-step'),
    ];
    const run = (spike: boolean): readonly (readonly [number, number])[] => {
      const d = new Driver(make(inputs({ scalingPolicies: policies })));
      let desired = 20;
      for (let m = 1; m <= 40; m++) {
        const memory = spike && m === 20 ? 90 : 50;
        for (const a of d.step(obs(20, 12, { desiredCount: desired, memory }))) desired = a.desiredCount;
      }
      return d.actions.map((a) => [a.minute, a.desiredCount] as const);
    };
    expect(run(false)).toEqual([[15, 4]]); // ceil(20 × 12 / 60); the 3600 s cooldown then blocks
    // The memory step scales out at minute 20 (running 20 + 1, clamped to Max 20); the cpu policy, its cooldown
    // cancelled, scales in again at minute 21.
    expect(run(true)).toEqual([[15, 4], [20, 20], [21, 4]]);
  });
});

describe('DisableScaleIn, several policies, deployments, bounds, suspension', () => {
  it('DisableScaleIn: only AlarmHigh exists and the policy never scales in', () => {
    const d = new Driver(cpuOnly({ DisableScaleIn: true }));
    expect(describeAlarms(d.state).map((a) => a.AlarmName.replace(/-[0-9a-f-]{36}$/, ''))).toEqual([`TargetTracking-${RID}-AlarmHigh`]);
    d.run(60, () => obs(10, 5));
    expect(d.actions).toEqual([]);
  });

  const twoPolicies = () =>
    make(inputs({
      scalingPolicies: [
        tracking({ TargetValue: 60 }, 'cpu'),
        tracking({ TargetValue: 70, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageMemoryUtilization' } }, 'memory'),
      ],
    }));

  it('several policies: out if any, and the largest capacity wins', () => {
    const d = new Driver(twoPolicies());
    d.run(3, () => obs(4, 90, { memory: 30 })); // only cpu wants out
    expect(d.actions.map((a) => a.desiredCount)).toEqual([6]);
    const e = new Driver(twoPolicies());
    e.run(3, () => obs(4, 90, { memory: 140 })); // cpu → 6, memory → ceil(4 × 140 / 70) = 8
    expect(e.actions.map((a) => [a.desiredCount, a.activity.Cause.endsWith('triggered policy memory')])).toEqual([[8, true]]);
  });

  it('several policies: in only if all agree, and the largest capacity wins', () => {
    const d = new Driver(twoPolicies());
    d.run(15, () => obs(10, 30, { memory: 49 })); // cpu → 5, memory → ceil(10 × 49 / 70) = 7
    expect(d.actions.map((a) => a.desiredCount)).toEqual([7]);
    const e = new Driver(twoPolicies());
    e.run(120, () => obs(10, 30, { memory: 65 })); // memory between 63 and 70: it never agrees (as COPILOT observed)
    expect(e.actions).toEqual([]);
  });

  it('no scale-in while an ECS deployment is in progress; scale-out goes on', () => {
    // https://docs.aws.amazon.com/AmazonECS/latest/developerguide/troubleshoot-service-auto-scaling.html
    const d = new Driver(cpuOnly());
    d.run(30, () => obs(10, 30, { deploymentInProgress: true }));
    expect(d.actions).toEqual([]);
    d.step(obs(10, 30));
    expect(d.actions.map((a) => [a.minute, a.desiredCount])).toEqual([[31, 5]]);
    const e = new Driver(cpuOnly());
    e.run(3, () => obs(4, 90, { deploymentInProgress: true }));
    expect(e.actions.map((a) => a.desiredCount)).toEqual([6]);
  });

  it('clamps to [Min, Max]; out-of-range desired counts snap to the bound only in the direction of the trigger', () => {
    // https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-auto-scaling.html (desired count outside the range)
    const capped = new Driver(cpuOnly({}, { MaxCapacity: 5 }));
    capped.run(10, () => obs(4, 100, { desiredCount: capped.actions.at(-1)?.desiredCount ?? 4 }));
    expect(capped.actions.map((a) => a.desiredCount)).toEqual([5]);
    const notScaled = describeScalingActivities(capped.state, RID, { includeNotScaled: true }).filter((a) => a.StatusCode === 'Failed');
    expect(notScaled.map((a) => a.NotScaledReasons)).toEqual([[{ Code: 'AlreadyAtMaxCapacity', MaxCapacity: 5 }]]); // once, not every minute
    expect(describeScalingActivities(capped.state, RID).every((a) => a.StatusCode === 'Successful')).toBe(true);

    const belowMin = new Driver(cpuOnly({}, { MinCapacity: 3 }));
    belowMin.run(3, () => obs(1, 70)); // wants 2, but a scale-out from below Min lands on Min first
    expect(belowMin.actions.map((a) => a.desiredCount)).toEqual([3]);
    const belowMinIn = new Driver(cpuOnly({}, { MinCapacity: 3 }));
    belowMinIn.run(30, () => obs(1, 10)); // a scale-in below Min does nothing
    expect(belowMinIn.actions).toEqual([]);
    const aboveMax = new Driver(cpuOnly({}, { MaxCapacity: 20 }));
    aboveMax.run(15, () => obs(30, 50)); // wants 25: lowered to Max
    expect(aboveMax.actions.map((a) => a.desiredCount)).toEqual([20]);
    const aboveMaxOut = new Driver(cpuOnly({}, { MaxCapacity: 20 }));
    aboveMaxOut.run(10, () => obs(30, 90));
    expect(aboveMaxOut.actions).toEqual([]);
  });

  it('honours DynamicScalingOutSuspended and DynamicScalingInSuspended', () => {
    const out = new Driver(cpuOnly({}, { SuspendedState: { DynamicScalingOutSuspended: true } }));
    out.run(10, () => obs(4, 95));
    expect(out.actions).toEqual([]);
    const inn = new Driver(cpuOnly({}, { SuspendedState: { DynamicScalingInSuspended: true } }));
    inn.run(30, () => obs(10, 10));
    expect(inn.actions).toEqual([]);
    inn.run(3, () => obs(4, 95));
    expect(inn.actions.map((a) => a.desiredCount)).toEqual([7]);
  });

  it('does nothing without datapoints, and nothing for a service it gets no observation of', () => {
    const d = new Driver(cpuOnly());
    d.run(30, (m) => (m % 2 === 0 ? undefined : obs(4, null)));
    expect(d.actions).toEqual([]);
    expect(d.nowMs).toBe(T0 + 30 * MIN);
  });
});
