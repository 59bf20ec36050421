/**
 * Application Auto Scaling for ECS services: a pure, deterministic model the what-if runner steps once per
 * virtual minute (see autoscaler.ts for the order of things, docs/guides/what-if-autoscaling.md for the rules).
 *
 * @module
 */
export {
  createAutoscaler,
  describeAlarms,
  describeScalableTargets,
  describeScalingActivities,
  describeScalingPolicies,
  stepAutoscaler,
  type AutoscalerContext,
  type AutoscalerStep,
} from './autoscaler.js';
export type { MetricAlarmDescription } from './alarms.js';
export type {
  AlarmStateValue,
  AlarmTransition,
  AutoscalerState,
  NotScaledReason,
  ScalingAction,
  ScalingActivity,
  ServiceObservation,
} from './types.js';
