/**
 * Types of the Application Auto Scaling model: what the runner passes in each minute, and what comes back.
 *
 * Shapes that mirror AAS or CloudWatch keep their PascalCase member names (`ActivityId`, `StatusCode`,
 * `AlarmName`); times are epoch milliseconds (`…Ms`), like the World's clock.
 *
 * @module
 */
import type { RngState } from '../../domain/rng.js';
import type { AlarmState } from './alarms.js';
import type { ScheduledActionState } from './scheduled.js';
import type { StepPolicyState } from './stepScaling.js';
import type { TargetTrackingPolicyState } from './targetTracking.js';

/** One 1-minute datapoint for one service (the minute that just ended). */
export interface ServiceObservation {
  readonly runningCount: number;
  readonly desiredCount: number;
  /** An ECS deployment of the service is in progress (not for the EXTERNAL controller: pass `false` there). */
  readonly deploymentInProgress: boolean;
  /** Average over RUNNING tasks in the minute, percent; `null` = no datapoint (no RUNNING task). */
  readonly cpu: number | null;
  readonly memory: number | null;
  /** ALB `RequestCountPerTarget`, Sum over the minute; `null` = no datapoint. */
  readonly requestCountPerTarget: number | null;
}

/** AAS `NotScaledReason` (only on activities where nothing changed). */
export interface NotScaledReason {
  readonly Code: 'AlreadyAtMaxCapacity' | 'AlreadyAtMinCapacity' | 'AlreadyAtDesiredCapacity';
  readonly MaxCapacity?: number;
  readonly MinCapacity?: number;
  readonly CurrentCapacity?: number;
}

/** A `DescribeScalingActivities` entry (times in epoch ms). */
export interface ScalingActivity {
  readonly ActivityId: string;
  readonly ServiceNamespace: 'ecs';
  readonly ResourceId: string;
  readonly ScalableDimension: 'ecs:service:DesiredCount';
  readonly Description: string;
  readonly Cause: string;
  readonly StartTimeMs: number;
  readonly EndTimeMs: number;
  readonly StatusCode: 'Successful' | 'Failed';
  readonly StatusMessage?: string;
  readonly NotScaledReasons?: readonly NotScaledReason[];
}

/** A desired-count change for the runner to apply with `UpdateService(desiredCount)`. */
export interface ScalingAction {
  readonly resourceId: string;
  readonly desiredCount: number;
  readonly activity: ScalingActivity;
}

/** A CloudWatch alarm state value. */
export type AlarmStateValue = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

/** An alarm changed state at `atMs`. */
export interface AlarmTransition {
  readonly AlarmName: string;
  readonly resourceId: string;
  readonly atMs: number;
  readonly oldState: AlarmStateValue;
  readonly newState: AlarmStateValue;
}

/** The state of one scalable target (one ECS service). */
export interface TargetState {
  readonly resourceId: string;
  readonly minCapacity: number;
  readonly maxCapacity: number;
  readonly dynamicScalingInSuspended: boolean;
  readonly dynamicScalingOutSuspended: boolean;
  readonly scheduledScalingSuspended: boolean;
  /** Sorted by PolicyName. */
  readonly policies: readonly PolicyState[];
  /** In input order (AAS runs a target's actions in order). */
  readonly scheduledActions: readonly ScheduledActionState[];
  /** The last successful policy scale-out: when, from which running count, to which desired count. */
  readonly lastScaleOut?: { readonly atMs: number; readonly baseCapacity: number; readonly capacity: number };
  /** The last successful policy scale-in (a scale-out clears it: it cancels the scale-in cooldown). */
  readonly lastScaleInMs?: number;
  /** The desired count last seen or set (observations overwrite it). */
  readonly desiredCount?: number;
  /** Oldest first. */
  readonly activities: readonly ScalingActivity[];
  /** Key of the last not-scaled record, so a reason is recorded once per episode, not every minute. */
  readonly notScaledKey?: string;
}

/** A scaling policy of a target. */
export type PolicyState = TargetTrackingPolicyState | StepPolicyState;

/** The whole model: plain data, replaced (never mutated) by {@link stepAutoscaler}. */
export interface AutoscalerState {
  readonly region: string;
  readonly accountId: string;
  /** The PRNG state for activity ids (derived from the context's seed). */
  readonly rng: RngState;
  /** The `nowMs` of the previous step (the start time before the first): scheduled times after it fire next. */
  readonly lastStepMs: number;
  /** Sorted by ResourceId. */
  readonly targets: readonly TargetState[];
}

/** The alarms a policy owns, in the order AAS lists them (AlarmHigh first). */
export const policyAlarms = (p: PolicyState): readonly AlarmState[] =>
  p._tag === 'TargetTracking' ? (p.low === undefined ? [p.high] : [p.high, p.low]) : [p.alarm];
