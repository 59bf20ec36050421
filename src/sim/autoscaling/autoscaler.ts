/**
 * Application Auto Scaling for ECS services as a pure, deterministic model, stepped once per virtual minute.
 *
 * Each step, per scalable target (in ResourceId order):
 * 1. scheduled actions due since the last step set MinCapacity/MaxCapacity and move the desired count into the
 *    new range (cooldowns do not apply; `ScheduledScalingSuspended` skips them);
 * 2. every alarm takes the minute's datapoint and is evaluated;
 * 3. the policies whose alarm is in ALARM propose a capacity. Scale out if any proposes it (the largest wins);
 *    scale in only if every target-tracking policy with scale-in enabled proposes it (step policies scale in on
 *    their own), the largest proposal wins; never scale in during an ECS deployment; honour
 *    `DynamicScalingIn/OutSuspended`. The result is clamped to [Min, Max]: a scale-out from below Min lands at
 *    least on Min, a scale-in from above Max at most on Max, and a scale-in never raises nor a scale-out lowers.
 *
 * Sources: shared/ecs-autoscaling-captures.md §1–§5 and ecs-reference.md §13 (module comments of
 * targetTracking.ts, stepScaling.ts, scheduled.ts and alarms.ts give each rule's source).
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { compareStrings } from '../../domain/btree.js';
import { Rng, seedState, type RngState } from '../../domain/rng.js';
import type { AutoscalingInputs, PutScalingPolicyInput, PutScheduledActionInput, StepScalingAlarm, StepScalingPolicyConfiguration, TargetTrackingScalingPolicyConfiguration } from '../scenario/types.js';
import {
  boundCause,
  desiredCountActivity,
  mintActivity,
  notScaledActivity,
  scheduledBoundsActivity,
  type ActivityText,
} from './activities.js';
import { describeAlarm, ingestMinute, type AlarmState, type MetricAlarmDescription } from './alarms.js';
import { lastRunIn, type ScheduledActionState } from './scheduled.js';
import { createStepPolicy, stepProposal } from './stepScaling.js';
import { createTargetTrackingPolicy, targetTrackingProposal, type Proposal } from './targetTracking.js';
import {
  policyAlarms,
  type AlarmTransition,
  type AutoscalerState,
  type NotScaledReason,
  type PolicyState,
  type ScalingAction,
  type ScalingActivity,
  type ServiceObservation,
  type TargetState,
} from './types.js';
import { checkAutoscalingInputs } from './validate.js';

/** The PRNG stream index of the autoscaler (beyond the World's streams, so the two never share draws). */
const AUTOSCALING_STREAM = 16;

/** What {@link createAutoscaler} needs besides the inputs. */
export interface AutoscalerContext {
  readonly region: string;
  readonly accountId: string;
  /** Epoch ms of the scenario start. */
  readonly startMs: number;
  readonly seed: number;
}

/**
 * Registers the targets, policies (with their alarms) and scheduled actions. `Left` lists every problem, each
 * naming its path. Alarm names and policy ARNs carry UUIDs from a generator seeded by `ctx.seed`, drawn in input
 * order: the same seed gives the same names.
 */
export function createAutoscaler(inputs: AutoscalingInputs, ctx: AutoscalerContext): E.Either<readonly string[], AutoscalerState> {
  const checked = checkAutoscalingInputs(inputs);
  if (E.isLeft(checked)) return checked;
  const rng = new Rng(seedState(ctx.seed, AUTOSCALING_STREAM));
  const env = { region: ctx.region, accountId: ctx.accountId, nowMs: ctx.startMs };
  const policies = inputs.scalingPolicies.map((p): PolicyState => buildPolicy(p, rng, env));
  const scheduled = inputs.scheduledActions.map((input, i): ScheduledActionState => {
    const s = checked.right.schedules[i] as { schedule: ScheduledActionState['schedule']; timeZone: string };
    return { input, schedule: s.schedule, timeZone: s.timeZone, createdMs: ctx.startMs };
  });
  const targets = [...inputs.scalableTargets]
    .sort((a, b) => compareStrings(a.ResourceId, b.ResourceId))
    .map((t): TargetState => ({
      resourceId: t.ResourceId,
      minCapacity: t.MinCapacity,
      maxCapacity: t.MaxCapacity,
      dynamicScalingInSuspended: t.SuspendedState?.DynamicScalingInSuspended ?? false,
      dynamicScalingOutSuspended: t.SuspendedState?.DynamicScalingOutSuspended ?? false,
      scheduledScalingSuspended: t.SuspendedState?.ScheduledScalingSuspended ?? false,
      policies: policies
        .filter((_, i) => inputs.scalingPolicies[i]?.ResourceId === t.ResourceId)
        .sort((a, b) => compareStrings(a.PolicyName, b.PolicyName)),
      scheduledActions: scheduled.filter((s) => s.input.ResourceId === t.ResourceId),
      activities: [],
    }));
  return E.right({ region: ctx.region, accountId: ctx.accountId, rng: rng.state(), lastStepMs: ctx.startMs, targets });
}

function buildPolicy(p: PutScalingPolicyInput, rng: Rng, env: { region: string; accountId: string; nowMs: number }): PolicyState {
  const policyUuid = rng.uuid();
  // checkAutoscalingInputs has made sure each policy carries the configuration of its type (and a step policy
  // its alarm), so the casts below only restate what was checked.
  if (p.PolicyType === 'TargetTrackingScaling') {
    // Both alarm ids are drawn even without scale-in, so toggling DisableScaleIn renames nothing else.
    const highUuid = rng.uuid();
    const lowUuid = rng.uuid();
    const cfg = p.TargetTrackingScalingPolicyConfiguration as TargetTrackingScalingPolicyConfiguration;
    return createTargetTrackingPolicy({ ...p, TargetTrackingScalingPolicyConfiguration: cfg }, { policyUuid, highUuid, lowUuid }, env);
  }
  const cfg = p.StepScalingPolicyConfiguration as StepScalingPolicyConfiguration;
  return createStepPolicy({ ...p, StepScalingPolicyConfiguration: cfg, Alarm: p.Alarm as StepScalingAlarm }, policyUuid, env);
}

/** The result of one step. */
export interface AutoscalerStep {
  readonly state: AutoscalerState;
  /** Desired-count changes, to apply in order with `UpdateService(desiredCount)`. */
  readonly actions: readonly ScalingAction[];
  readonly alarms: readonly AlarmTransition[];
}

/** Mutable accumulator of one target's step (local to {@link stepAutoscaler}). */
interface Acc {
  rng: RngState;
  activities: ScalingActivity[] | undefined;
  readonly actions: ScalingAction[];
}

function record(acc: Acc, t: TargetState, nowMs: number, text: ActivityText, desired?: number): void {
  const { activity, rng } = mintActivity(acc.rng, t.resourceId, nowMs, text);
  acc.rng = rng;
  (acc.activities ??= [...t.activities]).push(activity);
  if (desired !== undefined) acc.actions.push({ resourceId: t.resourceId, desiredCount: desired, activity });
}

const clamp = (n: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, n));

/** Applies the scheduled actions due in `(afterMs, nowMs]`, in time then input order. */
function runScheduled(t: TargetState, afterMs: number, nowMs: number, desired: number | undefined, acc: Acc): { t: TargetState; desired: number | undefined } {
  if (t.scheduledScalingSuspended || t.scheduledActions.length === 0) return { t, desired };
  const due = t.scheduledActions
    .map((a, i) => ({ a, i, at: lastRunIn(a, afterMs, nowMs) }))
    .filter((d): d is { a: ScheduledActionState; i: number; at: number } => d.at !== undefined)
    .sort((x, y) => x.at - y.at || x.i - y.i);
  let target = t;
  let d = desired;
  for (const { a } of due) {
    const set: PutScheduledActionInput['ScalableTargetAction'] = a.input.ScalableTargetAction;
    let min = set.MinCapacity ?? target.minCapacity;
    let max = set.MaxCapacity ?? target.maxCapacity;
    // SIM RULE: a bound set alone that crosses the other one carries it along.
    if (min > max) {
      if (set.MinCapacity !== undefined) max = min;
      else min = max;
    }
    target = { ...target, minCapacity: min, maxCapacity: max };
    record(acc, target, nowMs, scheduledBoundsActivity(a.input.ScheduledActionName, set.MinCapacity, set.MaxCapacity));
    if (d !== undefined && d < min) {
      d = min;
      record(acc, target, nowMs, desiredCountActivity(d, boundCause('minimum', min)), d);
    } else if (d !== undefined && d > max) {
      d = max;
      record(acc, target, nowMs, desiredCountActivity(d, boundCause('maximum', max)), d);
    }
  }
  return { t: target, desired: d };
}

const hasAlarmFiring = (p: PolicyState): boolean =>
  p._tag === 'Step' ? p.alarm.state === 'ALARM' : p.high.state === 'ALARM' || p.low?.state === 'ALARM';

const withoutNotScaledKey = (t: TargetState): TargetState => {
  if (t.notScaledKey === undefined) return t;
  const { notScaledKey: _k, ...rest } = t;
  return rest;
};

/** Dynamic scaling of one target with this minute's observation. */
function runPolicies(t: TargetState, obs: ServiceObservation, desired: number, nowMs: number, acc: Acc): { t: TargetState; desired: number } {
  // Most minutes no alarm is in ALARM: nothing to propose, and no not-scaled episode to close.
  if (t.notScaledKey === undefined && !t.policies.some(hasAlarmFiring)) return { t, desired };
  const history = {
    nowMs,
    running: obs.runningCount,
    ...(t.lastScaleOut === undefined ? {} : { lastScaleOut: t.lastScaleOut }),
    ...(t.lastScaleInMs === undefined ? {} : { lastScaleInMs: t.lastScaleInMs }),
  };
  const proposals = t.policies.map((p) => ({ p, prop: p._tag === 'TargetTracking' ? targetTrackingProposal(p, history) : stepProposal(p, history) }));
  const largest = (ps: readonly Proposal[]): Proposal | undefined => ps.reduce<Proposal | undefined>((best, x) => (best === undefined || x.capacity > best.capacity ? x : best), undefined);
  const outs = proposals.flatMap(({ prop }) => (prop?.direction === 'out' ? [prop] : []));
  const notScaled = (best: Proposal, reason: NotScaledReason): { t: TargetState; desired: number } => {
    const key = `${reason.Code}\u0000${best.cause}`;
    if (key === t.notScaledKey) return { t, desired };
    record(acc, t, nowMs, notScaledActivity(best.cause, reason));
    return { t: { ...t, notScaledKey: key }, desired };
  };
  // No proposal acted on or refused: the not-scaled episode is over, a later one is recorded afresh.
  const quiet = withoutNotScaledKey(t);
  if (outs.length > 0) {
    const best = largest(outs);
    if (best === undefined || t.dynamicScalingOutSuspended) return { t: quiet, desired };
    const next = clamp(best.capacity, t.minCapacity, t.maxCapacity);
    if (next <= desired) {
      return desired >= t.maxCapacity
        ? notScaled(best, { Code: 'AlreadyAtMaxCapacity', MaxCapacity: t.maxCapacity })
        : notScaled(best, { Code: 'AlreadyAtDesiredCapacity', CurrentCapacity: desired });
    }
    record(acc, t, nowMs, desiredCountActivity(next, best.cause), next);
    const { lastScaleInMs: _cancelled, notScaledKey: _k, ...rest } = t;
    const lastScaleOut =
      best.withinCooldown === true && t.lastScaleOut !== undefined
        ? { ...t.lastScaleOut, capacity: next }
        : { atMs: nowMs, baseCapacity: obs.runningCount, capacity: next };
    return { t: { ...rest, lastScaleOut }, desired: next };
  }
  // Scale-in: target tracking only when every policy with scale-in enabled agrees; step policies on their own.
  const tracking = proposals.filter(({ p }) => p._tag === 'TargetTracking' && !p.disableScaleIn);
  const trackingAgrees = tracking.every(({ prop }) => prop?.direction === 'in');
  const ins = proposals.flatMap(({ p, prop }) => (prop?.direction === 'in' && (p._tag === 'Step' || trackingAgrees) ? [prop] : []));
  const best = largest(ins);
  if (best === undefined || t.dynamicScalingInSuspended || obs.deploymentInProgress) return { t: quiet, desired };
  const next = clamp(best.capacity, t.minCapacity, t.maxCapacity);
  if (next >= desired) {
    return desired <= t.minCapacity
      ? notScaled(best, { Code: 'AlreadyAtMinCapacity', MinCapacity: t.minCapacity })
      : notScaled(best, { Code: 'AlreadyAtDesiredCapacity', CurrentCapacity: desired });
  }
  record(acc, t, nowMs, desiredCountActivity(next, best.cause), next);
  const { notScaledKey: _k, ...rest } = t;
  return { t: { ...rest, lastScaleInMs: nowMs }, desired: next };
}

/** The policy with the minute's datapoint fed to its alarms; transitions are appended to `out`. */
function feedPolicy(p: PolicyState, obs: ServiceObservation | undefined, minuteStartMs: number, nowMs: number, resourceId: string, out: AlarmTransition[]): PolicyState {
  const feed = (a: AlarmState): AlarmState => {
    const r = ingestMinute(a, minuteStartMs, obs === undefined ? null : obs[a.spec.source], nowMs, resourceId);
    if (r.transition !== undefined) out.push(r.transition);
    return r.alarm;
  };
  if (p._tag === 'Step') return { ...p, alarm: feed(p.alarm) };
  const high = feed(p.high);
  return p.low === undefined ? { ...p, high } : { ...p, high, low: feed(p.low) };
}

/**
 * One virtual minute: `nowMs` is a minute boundary and each observation is the datapoint of the minute that just
 * ended (`[nowMs − 60 s, nowMs)`), keyed by ResourceId `service/<cluster>/<service>`. A target without an
 * observation gets a missing datapoint and no dynamic scaling. A step at or before the previous one changes
 * nothing (the same state comes back).
 */
export function stepAutoscaler(state: AutoscalerState, nowMs: number, observations: ReadonlyMap<string, ServiceObservation>): AutoscalerStep {
  if (nowMs <= state.lastStepMs) return { state, actions: [], alarms: [] };
  const acc: Acc = { rng: state.rng, activities: undefined, actions: [] };
  const transitions: AlarmTransition[] = [];
  const minuteStartMs = nowMs - 60_000;
  const targets = state.targets.map((t0): TargetState => {
    acc.activities = undefined;
    const obs = observations.get(t0.resourceId);
    const sched = runScheduled(t0, state.lastStepMs, nowMs, obs?.desiredCount ?? t0.desiredCount, acc);
    let t = sched.t;
    const policies = t.policies.map((p) => feedPolicy(p, obs, minuteStartMs, nowMs, t.resourceId, transitions));
    t = { ...t, policies };
    let desired = sched.desired;
    if (obs !== undefined && desired !== undefined) {
      const r = runPolicies(t, obs, desired, nowMs, acc);
      t = r.t;
      desired = r.desired;
    }
    return {
      ...t,
      ...(desired === undefined ? {} : { desiredCount: desired }),
      ...(acc.activities === undefined ? {} : { activities: acc.activities }),
    };
  });
  return { state: { ...state, rng: acc.rng, lastStepMs: nowMs, targets }, actions: acc.actions, alarms: transitions };
}

/** DescribeAlarms: every alarm of every policy, sorted by name (as CloudWatch lists them). */
export function describeAlarms(state: AutoscalerState): readonly MetricAlarmDescription[] {
  return state.targets
    .flatMap((t) => t.policies.flatMap((p) => policyAlarms(p).map(describeAlarm)))
    .sort((a, b) => compareStrings(a.AlarmName, b.AlarmName));
}

/**
 * DescribeScalingActivities: newest first (ties: the later-recorded first), for one target or all. Not-scaled
 * records (StatusCode `Failed` with NotScaledReasons) only with `includeNotScaled`, as AAS's
 * `IncludeNotScaledActivities`.
 */
export function describeScalingActivities(
  state: AutoscalerState,
  resourceId?: string,
  options: { readonly includeNotScaled?: boolean } = {},
): ScalingActivity[] {
  const rows = state.targets
    .filter((t) => resourceId === undefined || t.resourceId === resourceId)
    .flatMap((t, ti) => t.activities.map((a, seq) => ({ a, ti, seq })))
    .filter(({ a }) => options.includeNotScaled === true || a.NotScaledReasons === undefined);
  rows.sort((x, y) => y.a.StartTimeMs - x.a.StartTimeMs || x.ti - y.ti || y.seq - x.seq);
  return rows.map(({ a }) => a);
}

/** DescribeScalableTargets: the current bounds (scheduled actions move them) and suspended flags. */
export function describeScalableTargets(state: AutoscalerState): readonly {
  readonly ServiceNamespace: 'ecs';
  readonly ResourceId: string;
  readonly ScalableDimension: 'ecs:service:DesiredCount';
  readonly MinCapacity: number;
  readonly MaxCapacity: number;
  readonly SuspendedState: { readonly DynamicScalingInSuspended: boolean; readonly DynamicScalingOutSuspended: boolean; readonly ScheduledScalingSuspended: boolean };
}[] {
  return state.targets.map((t) => ({
    ServiceNamespace: 'ecs',
    ResourceId: t.resourceId,
    ScalableDimension: 'ecs:service:DesiredCount',
    MinCapacity: t.minCapacity,
    MaxCapacity: t.maxCapacity,
    SuspendedState: {
      DynamicScalingInSuspended: t.dynamicScalingInSuspended,
      DynamicScalingOutSuspended: t.dynamicScalingOutSuspended,
      ScheduledScalingSuspended: t.scheduledScalingSuspended,
    },
  }));
}

/** DescribeScalingPolicies: name, ARN, type, target value (target tracking) and alarms (AlarmHigh first). */
export function describeScalingPolicies(state: AutoscalerState, resourceId?: string): readonly {
  readonly PolicyName: string;
  readonly PolicyARN: string;
  readonly ResourceId: string;
  readonly PolicyType: 'TargetTrackingScaling' | 'StepScaling';
  readonly TargetValue?: number;
  readonly Alarms: readonly { readonly AlarmName: string; readonly AlarmARN: string }[];
}[] {
  return state.targets
    .filter((t) => resourceId === undefined || t.resourceId === resourceId)
    .flatMap((t) =>
      t.policies.map((p) => ({
        PolicyName: p.PolicyName,
        PolicyARN: p.PolicyARN,
        ResourceId: t.resourceId,
        PolicyType: p._tag === 'TargetTracking' ? ('TargetTrackingScaling' as const) : ('StepScaling' as const),
        ...(p._tag === 'TargetTracking' ? { TargetValue: p.TargetValue } : {}),
        Alarms: policyAlarms(p).map((a) => ({ AlarmName: a.spec.AlarmName, AlarmARN: a.spec.AlarmArn })),
      })),
    );
}
