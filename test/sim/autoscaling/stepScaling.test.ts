// Step scaling (src/sim/autoscaling/stepScaling.ts).
import { describe, expect, it } from 'vitest';
import { adjustedCapacity, checkStepAdjustments, pickStep } from '../../../src/sim/autoscaling/stepScaling.js';
import { Driver, errorsOf, inputs, make, obs, step } from './harness.js';

describe('adjustedCapacity', () => {
  it('MinAdjustmentMagnitude: 4 tasks, +25 %, magnitude 2 ⇒ +2', () => {
    // https://docs.aws.amazon.com/autoscaling/application/APIReference/API_StepScalingPolicyConfiguration.html
    expect(adjustedCapacity('PercentChangeInCapacity', 25, 4, 2)).toBe(6);
    expect(adjustedCapacity('PercentChangeInCapacity', 25, 4)).toBe(5);
  });

  it('percent rounding: the user guide example 10 → 11 → 14 → 13, and the signs inside ±1', () => {
    // https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-step-scaling-policies.html
    expect(adjustedCapacity('PercentChangeInCapacity', 10, 10)).toBe(11);
    expect(adjustedCapacity('PercentChangeInCapacity', 30, 11)).toBe(14); // 3.3 → 3
    expect(adjustedCapacity('PercentChangeInCapacity', -10, 14)).toBe(13); // −1.4 → −1
    expect(adjustedCapacity('PercentChangeInCapacity', 5, 4)).toBe(5); // 0.2 → 1
    expect(adjustedCapacity('PercentChangeInCapacity', -5, 4)).toBe(3); // −0.2 → −1
    expect(adjustedCapacity('PercentChangeInCapacity', -67, 10)).toBe(4); // −6.7 → −6
    expect(adjustedCapacity('ChangeInCapacity', -3, 2)).toBe(0);
    expect(adjustedCapacity('ExactCapacity', 7, 2)).toBe(7);
  });
});

describe('pickStep', () => {
  // https://docs.aws.amazon.com/autoscaling/application/APIReference/API_StepAdjustment.html: threshold 50,
  // [0, 10) is 50 ≤ m < 60 above the threshold; (−10, 0] is 40 < m ≤ 50 below it.
  const above = [
    { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 10, ScalingAdjustment: 1 },
    { MetricIntervalLowerBound: 10, ScalingAdjustment: 3 },
  ];
  const below = [
    { MetricIntervalLowerBound: -10, MetricIntervalUpperBound: 0, ScalingAdjustment: -1 },
    { MetricIntervalUpperBound: -10, ScalingAdjustment: -2 },
  ];
  it('above the threshold the lower bound is inclusive and the upper exclusive', () => {
    expect(pickStep(above, 0, true)?.ScalingAdjustment).toBe(1);
    expect(pickStep(above, 9.99, true)?.ScalingAdjustment).toBe(1);
    expect(pickStep(above, 10, true)?.ScalingAdjustment).toBe(3);
  });
  it('below the threshold the lower bound is exclusive and the upper inclusive', () => {
    expect(pickStep(below, 0, false)?.ScalingAdjustment).toBe(-1);
    expect(pickStep(below, -10, false)?.ScalingAdjustment).toBe(-2);
    expect(pickStep(below, -9.99, false)?.ScalingAdjustment).toBe(-1);
  });
});

describe('checkStepAdjustments', () => {
  it('reports gaps, overlaps, doubled null bounds and missing open ends', () => {
    expect(checkStepAdjustments([{ MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 10, ScalingAdjustment: 1 }, { MetricIntervalLowerBound: 20, ScalingAdjustment: 2 }], 'p')).toEqual([
      'p: the step ranges overlap or leave a gap at 10 / 20',
    ]);
    expect(checkStepAdjustments([{ ScalingAdjustment: 1 }], 'p')).toContain("p[0]: the lower and upper bound can't both be null");
    expect(checkStepAdjustments([{ MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 10, ScalingAdjustment: 1 }], 'p')).toEqual([
      'p: a positive upper bound requires a step with a null upper bound',
    ]);
    expect(checkStepAdjustments([{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }, { MetricIntervalLowerBound: 5, ScalingAdjustment: 2 }], 'p')).toContain(
      'p: at most one step can have a null upper bound',
    );
    expect(errorsOf(inputs({ scalingPolicies: [step({ AdjustmentType: 'ChangeInCapacity', MinAdjustmentMagnitude: 2, StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }] })] }))).toEqual([
      'autoscaling.scalingPolicies[0].StepScalingPolicyConfiguration.MinAdjustmentMagnitude: only valid with PercentChangeInCapacity',
    ]);
  });
});

describe('step policies in the model', () => {
  const steps = {
    AdjustmentType: 'ChangeInCapacity' as const,
    StepAdjustments: [
      { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 15, ScalingAdjustment: 2 },
      { MetricIntervalLowerBound: 15, ScalingAdjustment: 3 },
    ],
  };

  it('the reference example: 4 tasks, +25 % with MinAdjustmentMagnitude 2 → 6', () => {
    const d = new Driver(make(inputs({ scalingPolicies: [step({ AdjustmentType: 'PercentChangeInCapacity', MinAdjustmentMagnitude: 2, StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 25 }] })] })));
    d.step(obs(4, 80));
    expect(d.actions.map((a) => a.desiredCount)).toEqual([6]);
    expect(d.actions[0]?.activity.Cause).toBe('monitor alarm step-alarm in state ALARM triggered policy step');
  });

  it('inside the cooldown a larger step adds only the difference; scale-in waits it out', () => {
    // https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-step-scaling-policies.html (cooldown)
    const d = new Driver(make(inputs({ scalingPolicies: [step(steps)] })));
    d.step(obs(10, 75)); // +2 → 12
    d.step(obs(12, 75, { desiredCount: 12 })); // same step again inside the cooldown: nothing
    d.step(obs(12, 90, { desiredCount: 12 })); // the +3 step: 10 + 3 = 13, i.e. +1 more
    expect(d.actions.map((a) => [a.minute, a.desiredCount])).toEqual([[1, 12], [3, 13]]);
    // Minutes 4–5: the +2 step from the cooldown's base (10) is 12 ≤ 13: nothing. Minute 6 is 300 s after the
    // scale-out that opened the cooldown (the larger one at minute 3 did not restart it): +2 from the running 13.
    d.run(3, () => obs(13, 75, { desiredCount: 13 }));
    expect(d.actions.map((a) => [a.minute, a.desiredCount])).toEqual([[1, 12], [3, 13], [6, 15]]);
  });

  it('multi-minute periods, DatapointsToAlarm and MetricAggregationType', () => {
    const policy = step(
      { AdjustmentType: 'ChangeInCapacity', MetricAggregationType: 'Maximum', StepAdjustments: [{ MetricIntervalUpperBound: 0, ScalingAdjustment: -1 }] },
      { Period: 120, EvaluationPeriods: 3, DatapointsToAlarm: 2, Threshold: 30, ComparisonOperator: 'LessThanThreshold' },
    );
    const d = new Driver(make(inputs({ scalingPolicies: [policy] })));
    d.run(3, () => obs(10, 20)); // one 2-minute datapoint (minutes 1–2) so far
    expect(d.actions).toEqual([]);
    d.step(obs(10, 20)); // the second datapoint completes at minute 4: 2 of 3 → ALARM → −1
    expect(d.actions.map((a) => [a.minute, a.desiredCount])).toEqual([[4, 9]]);
  });

  it('scale-in by a step policy is blocked during a deployment', () => {
    const policy = step({ AdjustmentType: 'ChangeInCapacity', StepAdjustments: [{ MetricIntervalUpperBound: 0, ScalingAdjustment: -1 }] }, { ComparisonOperator: 'LessThanThreshold', Threshold: 30 });
    const d = new Driver(make(inputs({ scalingPolicies: [policy] })));
    d.run(5, () => obs(10, 10, { deploymentInProgress: true }));
    expect(d.actions).toEqual([]);
    d.step(obs(10, 10));
    expect(d.actions.map((a) => a.desiredCount)).toEqual([9]);
  });
});
