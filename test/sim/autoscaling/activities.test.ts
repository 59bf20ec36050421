// Activity texts, alarm names and determinism (src/sim/autoscaling/activities.ts, autoscaler.ts).
import { describe, expect, it } from 'vitest';
import { describeAlarms, describeScalingActivities, describeScalingPolicies, stepAutoscaler } from '../../../src/sim/autoscaling/index.js';
import { Driver, RID, T0, MIN, errorsOf, inputs, make, obs, step, target, tracking } from './harness.js';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';

describe('alarms and policies as AAS creates them', () => {
  it('names, thresholds, statistics and descriptions follow the live exports (captures §1.1)', () => {
    const s = make(inputs({
      scalingPolicies: [
        tracking({ TargetValue: 70 }, 'cpu70'),
        tracking({ TargetValue: 1500, PredefinedMetricSpecification: { PredefinedMetricType: 'ALBRequestCountPerTarget', ResourceLabel: 'app/web-lb/50dc6c495c0c9188/targetgroup/web-tg/6d0ecf831eec9f09' } }, 'rpt'),
      ],
    }));
    const [policy] = describeScalingPolicies(s).filter((p) => p.PolicyName === 'cpu70');
    expect(policy?.PolicyARN).toMatch(new RegExp(`^arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:${UUID}:resource/ecs/service/prod/web:policyName/cpu70$`));
    expect(policy?.Alarms.map((a) => a.AlarmName)).toEqual([
      expect.stringMatching(new RegExp(`^TargetTracking-service/prod/web-AlarmHigh-${UUID}$`)),
      expect.stringMatching(new RegExp(`^TargetTracking-service/prod/web-AlarmLow-${UUID}$`)),
    ]);
    const alarms = describeAlarms(s);
    const byName = new Map(alarms.map((a) => [a.AlarmName, a]));
    const hi = byName.get(policy?.Alarms[0]?.AlarmName ?? '');
    const lo = byName.get(policy?.Alarms[1]?.AlarmName ?? '');
    expect(hi).toMatchObject({ Threshold: 70, ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 3, DatapointsToAlarm: 3, Period: 60, Statistic: 'Average', Namespace: 'AWS/ECS', MetricName: 'CPUUtilization', TreatMissingData: 'missing', Unit: 'Percent' });
    expect(hi?.Dimensions).toEqual([{ Name: 'ClusterName', Value: 'prod' }, { Name: 'ServiceName', Value: 'web' }]);
    expect(hi?.AlarmDescription).toBe(`DO NOT EDIT OR DELETE. For TargetTrackingScaling policy ${policy?.PolicyARN}.`);
    expect(hi?.AlarmActions).toEqual([policy?.PolicyARN]);
    expect(lo).toMatchObject({ Threshold: 63, ComparisonOperator: 'LessThanThreshold', EvaluationPeriods: 15, DatapointsToAlarm: 15 });
    const rpt = alarms.filter((a) => a.MetricName === 'RequestCountPerTarget');
    expect(rpt.map((a) => [a.Namespace, a.Statistic, a.Threshold])).toEqual(expect.arrayContaining([['AWS/ApplicationELB', 'Sum', 1500], ['AWS/ApplicationELB', 'Sum', 1350]]));
    expect(rpt[0]?.Dimensions).toEqual([{ Name: 'LoadBalancer', Value: 'app/web-lb/50dc6c495c0c9188' }, { Name: 'TargetGroup', Value: 'targetgroup/web-tg/6d0ecf831eec9f09' }]);
    expect(alarms.map((a) => a.AlarmName)).toEqual([...alarms.map((a) => a.AlarmName)].sort());
  });
});

describe('scaling activities', () => {
  it('carry the texts DescribeScalingActivities shows (captures §4.1), newest first', () => {
    const d = new Driver(make(inputs({ scalingPolicies: [tracking({ TargetValue: 60 })] })));
    d.run(3, () => obs(4, 90));
    d.run(19, () => obs(6, 10, { desiredCount: 6 })); // minutes 4–22: one scale-in, at 18
    const high = describeAlarms(d.state).find((a) => a.AlarmName.includes('AlarmHigh'))?.AlarmName;
    const low = describeAlarms(d.state).find((a) => a.AlarmName.includes('AlarmLow'))?.AlarmName;
    const acts = describeScalingActivities(d.state, RID);
    expect(acts.map(({ Description, Cause, StatusCode, StatusMessage }) => ({ Description, Cause, StatusCode, StatusMessage }))).toEqual([
      {
        Description: 'Setting desired count to 1.',
        Cause: `monitor alarm ${low} in state ALARM triggered policy cpu-tracking`,
        StatusCode: 'Successful',
        StatusMessage: 'Successfully set desired count to 1. Change successfully fulfilled by ecs.',
      },
      {
        Description: 'Setting desired count to 6.',
        Cause: `monitor alarm ${high} in state ALARM triggered policy cpu-tracking`,
        StatusCode: 'Successful',
        StatusMessage: 'Successfully set desired count to 6. Change successfully fulfilled by ecs.',
      },
    ]);
    expect(acts[1]).toMatchObject({ ServiceNamespace: 'ecs', ResourceId: RID, ScalableDimension: 'ecs:service:DesiredCount', StartTimeMs: T0 + 3 * MIN, EndTimeMs: T0 + 3 * MIN });
    expect(acts[0]?.StartTimeMs).toBe(T0 + 18 * MIN); // 15 minutes below 54 % from minute 4
    expect(acts[0]?.ActivityId).toMatch(new RegExp(`^${UUID}$`));
    expect(describeScalingActivities(d.state, 'service/prod/none')).toEqual([]);
  });
});

describe('determinism', () => {
  const scenario = () =>
    inputs({
      scalableTargets: [target(), target({ ResourceId: 'service/prod/api' })],
      scalingPolicies: [
        tracking({ TargetValue: 50 }),
        tracking({ TargetValue: 40 }, 'api-cpu', 'service/prod/api'),
        step({ AdjustmentType: 'ChangeInCapacity', StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 2 }] }, { MetricName: 'MemoryUtilization' }),
      ],
    });
  const run = (seed: number): string => {
    let state = make(scenario(), seed);
    const actions: unknown[] = [];
    const desired = new Map([[RID, 3], ['service/prod/api', 3]]);
    for (let m = 1; m <= 120; m++) {
      const load = 100 + 200 * Math.sin(m / 10) ** 2;
      const observations = new Map(
        [...desired].map(([rid, n]) => [rid, obs(n, Math.min(100, load / n), { desiredCount: n, memory: m % 17 === 0 ? 90 : 40 })] as const),
      );
      const r = stepAutoscaler(state, T0 + m * MIN, observations);
      state = r.state;
      actions.push(...r.actions);
      for (const a of r.actions) desired.set(a.resourceId, a.desiredCount);
    }
    return JSON.stringify({ state, actions, alarms: describeAlarms(state) });
  };

  it('the same seed gives the same names, ids and activities, byte for byte; another seed other ids', () => {
    const a = run(11);
    expect(run(11)).toBe(a);
    const b = run(12);
    expect(b).not.toBe(a);
    // Only the ids (and the generator state behind them) differ: without them the two runs tell the same story.
    const strip = (s: string) => JSON.stringify(JSON.parse(s), (k, v: unknown) => (k === 'rng' ? undefined : v)).replace(new RegExp(UUID, 'g'), 'U');
    expect(strip(b)).toBe(strip(a));
    expect(JSON.parse(a).actions.length).toBeGreaterThan(0);
  });

  it('a step at or before the previous one returns the same state', () => {
    const d = new Driver(make(scenario()));
    d.step(obs(3, 50));
    d.minute--; // the same minute again
    const before = d.state;
    expect(d.step(obs(3, 99))).toEqual([]);
    expect(d.state).toBe(before);
  });
});

describe('validation', () => {
  it('reports every problem with its path, and cross-references', () => {
    expect(
      errorsOf({
        scalableTargets: [target({ MinCapacity: 5, MaxCapacity: 2 }), target(), target({ ResourceId: 'prod/web' })],
        scalingPolicies: [
          tracking({ TargetValue: 0 }),
          tracking({}, 'cpu2'),
          tracking({ PredefinedMetricSpecification: { PredefinedMetricType: 'ALBRequestCountPerTarget' } }, 'alb'),
          { ...tracking({}, 'x', 'service/prod/ghost'), PolicyType: 'StepScaling' },
          step({ AdjustmentType: 'ChangeInCapacity', StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 1 }] }, { Period: 90, DatapointsToAlarm: 4 }),
        ],
        scheduledActions: [],
      }),
    ).toEqual([
      'autoscaling.scalableTargets[0]: MinCapacity 5 is above MaxCapacity 2',
      'autoscaling.scalableTargets[1].ResourceId: service/prod/web is registered twice',
      'autoscaling.scalableTargets[2].ResourceId: expected service/<cluster>/<service>, got "prod/web"',
      'autoscaling.scalingPolicies[0].TargetTrackingScalingPolicyConfiguration.TargetValue: must be a number above 0, got 0',
      'autoscaling.scalingPolicies[1]: cpu-tracking already tracks ECSServiceAverageCPUUtilization for service/prod/web; each target-tracking policy needs its own metric',
      'autoscaling.scalingPolicies[2].TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification.ResourceLabel: ALBRequestCountPerTarget needs app/<load-balancer-name>/<id>/targetgroup/<target-group-name>/<id>',
      'autoscaling.scalingPolicies[3].ResourceId: service/prod/ghost is not a registered scalable target (see autoscaling.scalableTargets)',
      'autoscaling.scalingPolicies[3].StepScalingPolicyConfiguration: required for PolicyType StepScaling',
      'autoscaling.scalingPolicies[3].Alarm: a StepScaling policy needs the CloudWatch alarm that triggers it',
      'autoscaling.scalingPolicies[3].TargetTrackingScalingPolicyConfiguration: belongs to PolicyType TargetTrackingScaling',
      'autoscaling.scalingPolicies[4].Alarm.Period: must be a multiple of 60 seconds, got 90',
      'autoscaling.scalingPolicies[4].Alarm.DatapointsToAlarm: must be between 1 and EvaluationPeriods (1)',
    ]);
  });
});
