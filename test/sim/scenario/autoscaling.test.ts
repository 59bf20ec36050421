import { describe, expect, it } from 'vitest';
import { checkSchedule, checkStepAdjustments } from '../../../src/sim/scenario/scalingRules.js';
import type { StepAdjustment } from '../../../src/sim/scenario/types.js';
import { MINIMAL, loadOk, loadProblems } from './fixtures.js';

const TARGET = `autoscaling:
  scalableTargets: [{ ResourceId: service/default/web, MinCapacity: 1, MaxCapacity: 10 }]
`;
const withPolicy = (policy: string): string => `${MINIMAL}${TARGET}  scalingPolicies:\n${policy}`;
const messages = (text: string): string[] => loadProblems(text).map((p) => `${p.path}: ${p.message}`);

describe('RegisterScalableTarget', () => {
  it('defaults ServiceNamespace and ScalableDimension, and refuses other values', () => {
    expect(loadOk(`${MINIMAL}${TARGET}`).base.autoscaling.scalableTargets[0]).toMatchObject({ ServiceNamespace: 'ecs', ScalableDimension: 'ecs:service:DesiredCount' });
    expect(messages(`${MINIMAL}autoscaling:\n  scalableTargets: [{ ServiceNamespace: dynamodb, ScalableDimension: "ecs:service:Count", ResourceId: service/default/web, MinCapacity: 1, MaxCapacity: 2 }]\n`)).toEqual([
      'autoscaling.scalableTargets[0].ServiceNamespace: expected ecs (the simulator scales ECS services only), got "dynamodb"',
      'autoscaling.scalableTargets[0].ScalableDimension: expected ecs:service:DesiredCount, got "ecs:service:Count"',
    ]);
  });

  it('needs non-negative integer capacities with MinCapacity ≤ MaxCapacity, a matching service, one registration', () => {
    expect(messages(`${MINIMAL}autoscaling:
  scalableTargets:
    - { ResourceId: service/default/web, MinCapacity: 1.5, MaxCapacity: -1 }
    - { ResourceId: service/default/web, MinCapacity: 3, MaxCapacity: 2 }
    - { ResourceId: web, MinCapacity: 0, MaxCapacity: 0 }
`)).toEqual([
      'autoscaling.scalableTargets[0].MinCapacity: expected an integer from 0 to 1000000, got 1.5',
      'autoscaling.scalableTargets[0].MaxCapacity: expected an integer from 0 to 1000000, got -1',
      'autoscaling.scalableTargets[1].ResourceId: \'service/default/web\' is registered twice; register each scalable target once',
      'autoscaling.scalableTargets[1].MinCapacity: MinCapacity (3) cannot be greater than MaxCapacity (2)',
      'autoscaling.scalableTargets[2].ResourceId: expected a resource id service/<cluster>/<service>, got "web"',
    ]);
  });
});

describe('PutScalingPolicy', () => {
  it('needs a registered target and a configuration matching PolicyType', () => {
    expect(messages(`${MINIMAL}autoscaling:
  scalingPolicies:
    - PolicyName: p
      ResourceId: service/default/web
      PolicyType: TargetTrackingScaling
      StepScalingPolicyConfiguration: { AdjustmentType: ChangeInCapacity, StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }] }
`)).toEqual([
      // A missing key is placed at its object (the policy's first line), so it comes first in file order.
      'autoscaling.scalingPolicies[0].TargetTrackingScalingPolicyConfiguration: required for a TargetTrackingScaling policy, but missing',
      'autoscaling.scalingPolicies[0].ResourceId: no scalable target is registered for service/default/web (AAS: ObjectNotFoundException); add it to autoscaling.scalableTargets',
      'autoscaling.scalingPolicies[0].StepScalingPolicyConfiguration: only for a StepScaling policy, but PolicyType is TargetTrackingScaling',
    ]);
  });

  // TargetValue "must be in the range of -2^360 to 2^360" and be valid for the metric; ALBRequestCountPerTarget
  // needs a ResourceLabel.
  // https://docs.aws.amazon.com/autoscaling/application/APIReference/API_TargetTrackingScalingPolicyConfiguration.html
  it('checks target tracking: TargetValue > 0, the metric type, the ALB ResourceLabel, cooldowns', () => {
    expect(messages(withPolicy(`    - PolicyName: p
      ResourceId: service/default/web
      PolicyType: TargetTrackingScaling
      TargetTrackingScalingPolicyConfiguration:
        TargetValue: 0
        ScaleInCooldown: -5
        PredefinedMetricSpecification: { PredefinedMetricType: ALBRequestCountPerTarget }
    - PolicyName: q
      ResourceId: service/default/web
      PolicyType: TargetTrackingScaling
      TargetTrackingScalingPolicyConfiguration:
        TargetValue: 70
        PredefinedMetricSpecification: { PredefinedMetricType: ECSServiceAverageCPUUtilisation }
`))).toEqual([
      'autoscaling.scalingPolicies[0].TargetTrackingScalingPolicyConfiguration.TargetValue: expected a number > 0 and ≤ 1000000000000000, got 0',
      'autoscaling.scalingPolicies[0].TargetTrackingScalingPolicyConfiguration.ScaleInCooldown: expected an integer from 0 to 31536000, got -5',
      'autoscaling.scalingPolicies[0].TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification.ResourceLabel: required for ALBRequestCountPerTarget (app/<lb-name>/<lb-id>/targetgroup/<tg-name>/<tg-id>), but missing',
      'autoscaling.scalingPolicies[1].TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification.PredefinedMetricType: expected one of ECSServiceAverageCPUUtilization, ECSServiceAverageMemoryUtilization, ALBRequestCountPerTarget, got "ECSServiceAverageCPUUtilisation" (did you mean ECSServiceAverageCPUUtilization?)',
    ]);
  });

  it('checks step scaling: the alarm is required and well formed, MinAdjustmentMagnitude only for percent', () => {
    expect(messages(withPolicy(`    - PolicyName: s
      ResourceId: service/default/web
      PolicyType: StepScaling
      StepScalingPolicyConfiguration:
        AdjustmentType: ChangeInCapacity
        MinAdjustmentMagnitude: 2
        StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }]
      Alarm: { AlarmName: hi, MetricName: CPUUtilization, Statistic: Average, Period: 90, EvaluationPeriods: 2, DatapointsToAlarm: 3, Threshold: 80, ComparisonOperator: GreaterThanThreshold }
    - PolicyName: t
      ResourceId: service/default/web
      PolicyType: StepScaling
      StepScalingPolicyConfiguration: { AdjustmentType: ExactCapacity, StepAdjustments: [{ MetricIntervalUpperBound: 0, ScalingAdjustment: -1 }] }
`))).toEqual([
      'autoscaling.scalingPolicies[0].StepScalingPolicyConfiguration.MinAdjustmentMagnitude: only for AdjustmentType PercentChangeInCapacity, not ChangeInCapacity',
      'autoscaling.scalingPolicies[0].Alarm.Period: expected a multiple of 60 seconds (the metrics are per minute), got 90',
      'autoscaling.scalingPolicies[0].Alarm.DatapointsToAlarm: expected at most EvaluationPeriods (2), got 3',
      'autoscaling.scalingPolicies[1].Alarm: required for a StepScaling policy (the CloudWatch alarm that triggers it), but missing',
      'autoscaling.scalingPolicies[1].StepScalingPolicyConfiguration.StepAdjustments[0].ScalingAdjustment: expected an integer from 0 to 1000000, got -1',
    ]);
  });

  it('refuses a second policy of the same name on one target', () => {
    const policy = `    - { PolicyName: p, ResourceId: service/default/web, PolicyType: TargetTrackingScaling, TargetTrackingScalingPolicyConfiguration: { TargetValue: 50, PredefinedMetricSpecification: { PredefinedMetricType: ECSServiceAverageMemoryUtilization } } }\n`;
    expect(messages(withPolicy(policy + policy))).toEqual([
      "autoscaling.scalingPolicies[1].PolicyName: 'p' is already a policy of service/default/web; policy names are unique per scalable target",
    ]);
  });
});

// The rules of https://docs.aws.amazon.com/autoscaling/application/APIReference/API_StepAdjustment.html
describe('checkStepAdjustments', () => {
  const step = (lo: number | undefined, hi: number | undefined, adj = 1): StepAdjustment => ({
    ...(lo === undefined ? {} : { MetricIntervalLowerBound: lo }),
    ...(hi === undefined ? {} : { MetricIntervalUpperBound: hi }),
    ScalingAdjustment: adj,
  });
  it('accepts contiguous ranges, in any order', () => {
    expect(checkStepAdjustments([step(10, undefined), step(0, 10)])).toBeUndefined();
    expect(checkStepAdjustments([step(undefined, -10, -2), step(-10, 0, -1)])).toBeUndefined();
    expect(checkStepAdjustments([step(undefined, 0, -1), step(0, undefined, 1)])).toBeUndefined();
  });
  it.each([
    [[step(undefined, undefined)], "the upper and lower bound can't both be null"],
    [[step(undefined, 0), step(undefined, 5), step(5, undefined)], 'at most one step adjustment can have a null lower bound'],
    [[step(0, undefined), step(5, undefined)], 'at most one step adjustment can have a null upper bound'],
    [[step(-5, undefined)], 'negative lower bound, so one step adjustment must have a null lower bound'],
    [[step(undefined, 5)], 'positive upper bound, so one step adjustment must have a null upper bound'],
    [[step(0, 10), step(20, undefined)], "can't overlap or have a gap (one ends at 10, the next starts at 20)"],
    [[step(0, 10), step(5, undefined)], "can't overlap or have a gap (one ends at 10, the next starts at 5)"],
    [[step(10, 10), step(10, undefined)], 'must be below'],
  ])('refuses %j', (steps, reason) => {
    expect(checkStepAdjustments(steps)).toContain(reason);
  });
});

// Schedule formats: https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScheduledAction.html
describe('checkSchedule', () => {
  it.each([['at(2024-01-01T10:00:00)'], ['rate(5 minutes)'], ['rate(1 hour)'], ['cron(0 18 ? * MON-FRI *)'], ['cron(30 6 ? * MON *)'], ['cron(0 6 * * ? *)']])('accepts %s', (s) => {
    expect(checkSchedule(s)).toBeUndefined();
  });
  it.each([
    ['at(2024-02-30T10:00:00)', 'names no real instant'],
    ['at(2024-01-01 10:00)', 'expected a schedule'],
    ['rate(0 minutes)', 'positive integer'],
    ['rate(5 weeks)', 'expected a schedule'],
    ['cron(0 18 * * MON-FRI *)', 'needs ? in Day-of-month or Day-of-week'],
    ['cron(0 18 ? *)', 'six fields'],
    ['cron(0 1$ ? * * *)', 'field Hours "1$" is not valid'],
    ['every day', 'expected a schedule'],
  ])('refuses %s', (s, reason) => {
    expect(checkSchedule(s)).toContain(reason);
  });

  it('checks scheduled actions in a file: registered target, name, times, capacities', () => {
    expect(messages(`${MINIMAL}${TARGET}  scheduledActions:
    - ScheduledActionName: "a:b"
      ResourceId: service/default/web
      Schedule: rate(1 day)
      Timezone: Mars/Olympus
      StartTime: "2024-01-02T00:00:00Z"
      EndTime: "2024-01-01T00:00:00Z"
      ScalableTargetAction: {}
`)).toEqual([
      `autoscaling.scheduledActions[0].ScheduledActionName: expected a name without ':', '/', '|', control characters or surrounding spaces, got "a:b"`,
      'autoscaling.scheduledActions[0].Timezone: expected an IANA time zone name such as "Europe/London" or "Etc/GMT+9", got "Mars/Olympus"',
      'autoscaling.scheduledActions[0].EndTime: expected an EndTime after StartTime',
      'autoscaling.scheduledActions[0].ScalableTargetAction: expected MinCapacity, MaxCapacity or both',
    ]);
  });
});
