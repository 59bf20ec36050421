// Builders and a minute-by-minute driver for the autoscaling tests.
import * as E from 'fp-ts/lib/Either.js';
import { createAutoscaler, stepAutoscaler, type AutoscalerState, type ScalingAction, type ServiceObservation } from '../../../src/sim/autoscaling/index.js';
import type { AlarmTransition } from '../../../src/sim/autoscaling/types.js';
import type {
  AutoscalingInputs,
  PutScalingPolicyInput,
  PutScheduledActionInput,
  RegisterScalableTargetInput,
  StepScalingAlarm,
  StepScalingPolicyConfiguration,
  TargetTrackingScalingPolicyConfiguration,
} from '../../../src/sim/scenario/types.js';

/** 2024-01-01T00:00:00Z, a minute boundary. */
export const T0 = Date.UTC(2024, 0, 1);
export const MIN = 60_000;
export const RID = 'service/prod/web';

export const target = (over: Partial<RegisterScalableTargetInput> = {}): RegisterScalableTargetInput => ({
  ServiceNamespace: 'ecs',
  ResourceId: RID,
  ScalableDimension: 'ecs:service:DesiredCount',
  MinCapacity: 1,
  MaxCapacity: 20,
  ...over,
});

export const tracking = (
  over: Partial<TargetTrackingScalingPolicyConfiguration> = {},
  name = 'cpu-tracking',
  resourceId = RID,
): PutScalingPolicyInput => ({
  PolicyName: name,
  ServiceNamespace: 'ecs',
  ResourceId: resourceId,
  ScalableDimension: 'ecs:service:DesiredCount',
  PolicyType: 'TargetTrackingScaling',
  TargetTrackingScalingPolicyConfiguration: {
    TargetValue: 60,
    PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
    ...over,
  },
});

export const step = (config: StepScalingPolicyConfiguration, alarm: Partial<StepScalingAlarm> = {}, name = 'step'): PutScalingPolicyInput => ({
  PolicyName: name,
  ServiceNamespace: 'ecs',
  ResourceId: RID,
  ScalableDimension: 'ecs:service:DesiredCount',
  PolicyType: 'StepScaling',
  StepScalingPolicyConfiguration: config,
  Alarm: {
    AlarmName: `${name}-alarm`,
    MetricName: 'CPUUtilization',
    Statistic: 'Average',
    Period: 60,
    EvaluationPeriods: 1,
    Threshold: 70,
    ComparisonOperator: 'GreaterThanThreshold',
    ...alarm,
  },
});

export const scheduled = (name: string, schedule: string, action: PutScheduledActionInput['ScalableTargetAction'], over: Partial<PutScheduledActionInput> = {}): PutScheduledActionInput => ({
  ScheduledActionName: name,
  ServiceNamespace: 'ecs',
  ResourceId: RID,
  ScalableDimension: 'ecs:service:DesiredCount',
  Schedule: schedule,
  ScalableTargetAction: action,
  ...over,
});

export const inputs = (over: Partial<AutoscalingInputs> = {}): AutoscalingInputs => ({
  scalableTargets: [target()],
  scalingPolicies: [],
  scheduledActions: [],
  ...over,
});

export function make(i: AutoscalingInputs, seed = 7, startMs = T0): AutoscalerState {
  const r = createAutoscaler(i, { region: 'us-east-1', accountId: '123456789012', startMs, seed });
  if (E.isLeft(r)) throw new Error(`unexpected errors: ${r.left.join('; ')}`);
  return r.right;
}

export function errorsOf(i: AutoscalingInputs): readonly string[] {
  const r = createAutoscaler(i, { region: 'us-east-1', accountId: '123456789012', startMs: T0, seed: 1 });
  return E.isLeft(r) ? r.left : [];
}

export const obs = (running: number, cpu: number | null, over: Partial<ServiceObservation> = {}): ServiceObservation => ({
  runningCount: running,
  desiredCount: running,
  deploymentInProgress: false,
  cpu,
  memory: null,
  requestCountPerTarget: null,
  ...over,
});

/** Steps minute by minute, recording every action with the minute (1-based) it came at. */
export class Driver {
  minute = 0;
  readonly actions: (ScalingAction & { minute: number })[] = [];
  readonly transitions: AlarmTransition[] = [];
  constructor(public state: AutoscalerState, readonly startMs = T0) {}

  get nowMs(): number {
    return this.startMs + this.minute * MIN;
  }

  /** One minute with this observation of RID (or none). */
  step(o: ServiceObservation | undefined, resourceId = RID): readonly ScalingAction[] {
    this.minute++;
    const r = stepAutoscaler(this.state, this.nowMs, new Map(o === undefined ? [] : [[resourceId, o]]));
    this.state = r.state;
    this.actions.push(...r.actions.map((a) => ({ ...a, minute: this.minute })));
    this.transitions.push(...r.alarms);
    return r.actions;
  }

  /** `n` minutes, the observation computed from the minute number. */
  run(n: number, f: (minute: number) => ServiceObservation | undefined): this {
    for (let i = 0; i < n; i++) this.step(f(this.minute + 1));
    return this;
  }
}
