// CloudWatch alarm evaluation as the target-tracking alarms use it (src/sim/autoscaling/alarms.ts).
import { describe, expect, it } from 'vitest';
import { createAlarm, evaluateWindow, ingestMinute, type AlarmSpec, type AlarmState } from '../../../src/sim/autoscaling/alarms.js';
import { describeAlarms } from '../../../src/sim/autoscaling/index.js';
import { Driver, RID, T0, MIN, inputs, make, obs, tracking } from './harness.js';

const high = { ComparisonOperator: 'GreaterThanThreshold', Threshold: 60, EvaluationPeriods: 3, DatapointsToAlarm: 3 } as const;
const low = { ComparisonOperator: 'LessThanThreshold', Threshold: 54, EvaluationPeriods: 15, DatapointsToAlarm: 15 } as const;

describe('evaluateWindow (TreatMissingData: missing)', () => {
  // https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-missing-data.html — with `missing`,
  // missing datapoints are not considered when deciding a state change; all missing → INSUFFICIENT_DATA.
  it('AlarmHigh needs 3 of 3 strictly above the target', () => {
    expect(evaluateWindow(high, [61, 61, 61], 'OK')).toBe('ALARM');
    expect(evaluateWindow(high, [61, 61, 60], 'OK')).toBe('OK'); // 60 is not > 60
    expect(evaluateWindow(high, [50, 61, 61, 61], 'OK')).toBe('ALARM'); // only the last 3 count
    expect(evaluateWindow(high, [61, 61, 61, 50], 'ALARM')).toBe('OK');
  });

  it('AlarmLow needs 15 of 15 strictly below 0.9 × target', () => {
    expect(evaluateWindow(low, Array(15).fill(53.9), 'OK')).toBe('ALARM');
    expect(evaluateWindow(low, Array(14).fill(53.9), 'OK')).toBe('OK'); // 14 present + 1 missing could reach 15: undecided
    expect(evaluateWindow(low, [...Array(14).fill(53.9), 54], 'OK')).toBe('OK');
  });

  it('all missing is INSUFFICIENT_DATA; a missing datapoint that could decide keeps the state', () => {
    expect(evaluateWindow(high, [null, null, null], 'ALARM')).toBe('INSUFFICIENT_DATA');
    expect(evaluateWindow(high, [61, 61, null], 'OK')).toBe('OK');
    expect(evaluateWindow(high, [61, 61, null], 'ALARM')).toBe('ALARM');
    expect(evaluateWindow(high, [61, 61, null], 'INSUFFICIENT_DATA')).toBe('INSUFFICIENT_DATA');
    expect(evaluateWindow(high, [61, 50, null], 'ALARM')).toBe('OK'); // 2 breaching at most: OK whatever is missing
  });
});

describe('ingestMinute', () => {
  const spec = (over: Partial<AlarmSpec>): AlarmSpec => ({
    AlarmName: 'a',
    AlarmArn: 'arn',
    AlarmActions: [],
    Namespace: 'AWS/ECS',
    MetricName: 'CPUUtilization',
    Dimensions: [],
    Statistic: 'Average',
    Period: 60,
    EvaluationPeriods: 1,
    DatapointsToAlarm: 1,
    Threshold: 70,
    ComparisonOperator: 'GreaterThanThreshold',
    TreatMissingData: 'missing',
    source: 'cpu',
    ...over,
  });
  const feed = (a: AlarmState, values: readonly (number | null)[]): { a: AlarmState; states: string[] } => {
    const states: string[] = [];
    values.forEach((v, i) => {
      a = ingestMinute(a, T0 + i * MIN, v, T0 + (i + 1) * MIN, RID).alarm;
      states.push(a.state);
    });
    return { a, states };
  };

  it('a 5-minute period aggregates its minutes with the statistic and is evaluated when it completes', () => {
    const avg = feed(createAlarm(spec({ Period: 300 }), T0), [60, 60, 80, 80, 80, 60, 60, 60, 60, 60]);
    // Minutes 1–4 leave it in INSUFFICIENT_DATA; minute 5 completes the period (mean 72 > 70): ALARM; minute 10: mean 60.
    expect(avg.states).toEqual(['INSUFFICIENT_DATA', 'INSUFFICIENT_DATA', 'INSUFFICIENT_DATA', 'INSUFFICIENT_DATA', 'ALARM', 'ALARM', 'ALARM', 'ALARM', 'ALARM', 'OK']);
    const max = feed(createAlarm(spec({ Period: 300, Statistic: 'Maximum', Threshold: 85 }), T0), [60, 90, 60, 60, 60]);
    expect(max.states[4]).toBe('ALARM');
    const sum = feed(createAlarm(spec({ Period: 120, Statistic: 'Sum', Threshold: 150, MetricName: 'RequestCountPerTarget' }), T0), [80, 80]);
    expect(sum.states[1]).toBe('ALARM');
  });

  it('reports a transition only when the state changes, stamped with the evaluation time', () => {
    let a = createAlarm(spec({}), T0);
    const r1 = ingestMinute(a, T0, 90, T0 + MIN, RID);
    expect(r1.transition).toEqual({ AlarmName: 'a', resourceId: RID, atMs: T0 + MIN, oldState: 'INSUFFICIENT_DATA', newState: 'ALARM' });
    a = r1.alarm;
    const r2 = ingestMinute(a, T0 + MIN, 95, T0 + 2 * MIN, RID);
    expect(r2.transition).toBeUndefined();
    expect(r2.alarm.stateUpdatedMs).toBe(T0 + MIN);
  });
});

describe('target-tracking alarms in the model', () => {
  it('go ALARM after exactly 3 (high) and 15 (low) minutes, and stay INSUFFICIENT_DATA without datapoints', () => {
    const d = new Driver(make(inputs({ scalingPolicies: [tracking({ TargetValue: 60 })] })));
    d.run(2, () => obs(4, 90));
    // High: 2 breaching + 1 missing could still alarm, so undecided; Low: 90 can never be < 54, so OK at once.
    expect(describeAlarms(d.state).map((a) => a.StateValue)).toEqual(['INSUFFICIENT_DATA', 'OK']);
    d.step(obs(4, 90));
    const [hi] = describeAlarms(d.state).filter((a) => a.AlarmName.includes('AlarmHigh'));
    expect(hi?.StateValue).toBe('ALARM');
    expect(d.transitions.filter((t) => t.newState === 'ALARM').map((t) => t.atMs)).toEqual([T0 + 3 * MIN]);

    const e = new Driver(make(inputs({ scalingPolicies: [tracking({ TargetValue: 60 })] })));
    e.run(14, () => obs(10, 30));
    expect(e.transitions.some((t) => t.newState === 'ALARM')).toBe(false);
    e.step(obs(10, 30));
    expect(e.transitions.filter((t) => t.newState === 'ALARM').map((t) => [t.AlarmName.includes('AlarmLow'), t.atMs])).toEqual([[true, T0 + 15 * MIN]]);

    const n = new Driver(make(inputs({ scalingPolicies: [tracking()] })));
    n.run(30, () => obs(0, null));
    expect(describeAlarms(n.state).map((a) => a.StateValue)).toEqual(['INSUFFICIENT_DATA', 'INSUFFICIENT_DATA']);
    expect(n.actions).toEqual([]);
  });
});
