/**
 * Scaling activities with the texts DescribeScalingActivities shows (shared/ecs-autoscaling-captures.md §4.1):
 * - policy: Description `Setting desired count to <n>.`, Cause `monitor alarm <alarm> in state ALARM triggered
 *   policy <policy>` (OBSERVED);
 * - scheduled min/max raising or lowering the desired count: Cause `minimum capacity was set to <n>` /
 *   `maximum capacity was set to <n>` (OBSERVED);
 * - the scheduled min/max change itself: Description `Setting min capacity to 5 and max capacity to 10`, Cause
 *   `scheduled action name <name> was triggered` (DOCUMENTED API sample; the ECS form INFERRED identical);
 * - done: StatusMessage `Successfully set desired count to <n>. Change successfully fulfilled by ecs.` (OBSERVED);
 * - not scaled: Description `Attempting to scale due to alarm triggered`, StatusCode `Failed`, NotScaledReasons
 *   (DOCUMENTED; AAS shows these only with `IncludeNotScaledActivities`).
 *
 * The twin's `UpdateService` takes effect at once, so an activity ends when it starts (real ones take 30–80 s).
 *
 * @module
 */
import { Rng, type RngState } from '../../domain/rng.js';
import type { NotScaledReason, ScalingActivity } from './types.js';

/** `Setting desired count to <n>.` */
export const desiredCountDescription = (n: number): string => `Setting desired count to ${n}.`;

/** The cause of a policy-driven activity. */
export const alarmCause = (alarmName: string, policyName: string): string =>
  `monitor alarm ${alarmName} in state ALARM triggered policy ${policyName}`;

/** The cause of a desired-count change forced by a new minimum or maximum. */
export const boundCause = (bound: 'minimum' | 'maximum', n: number): string => `${bound} capacity was set to ${n}`;

/** `Successfully set desired count to <n>. Change successfully fulfilled by ecs.` */
export const desiredCountDone = (n: number): string => `Successfully set desired count to ${n}. Change successfully fulfilled by ecs.`;

/** `min capacity to 5 and max capacity to 10` (either part alone when only one is set). */
const boundsPhrase = (min: number | undefined, max: number | undefined): string =>
  [min === undefined ? undefined : `min capacity to ${min}`, max === undefined ? undefined : `max capacity to ${max}`]
    .filter((s): s is string => s !== undefined)
    .join(' and ');

/** The activity fields that vary; the rest are filled in by {@link mintActivity}. */
export interface ActivityText {
  readonly Description: string;
  readonly Cause: string;
  readonly StatusCode: ScalingActivity['StatusCode'];
  readonly StatusMessage?: string;
  readonly NotScaledReasons?: readonly NotScaledReason[];
}

/** A desired-count change. */
export const desiredCountActivity = (n: number, cause: string): ActivityText => ({
  Description: desiredCountDescription(n),
  Cause: cause,
  StatusCode: 'Successful',
  StatusMessage: desiredCountDone(n),
});

/** A scheduled action's min/max change. */
export const scheduledBoundsActivity = (name: string, min: number | undefined, max: number | undefined): ActivityText => ({
  Description: `Setting ${boundsPhrase(min, max)}`,
  Cause: `scheduled action name ${name} was triggered`,
  StatusCode: 'Successful',
  StatusMessage: `Successfully set ${boundsPhrase(min, max)}`,
});

/** A policy that fired but changed nothing. */
export const notScaledActivity = (cause: string, reason: NotScaledReason): ActivityText => ({
  Description: 'Attempting to scale due to alarm triggered',
  Cause: cause,
  StatusCode: 'Failed',
  NotScaledReasons: [reason],
});

/** Gives the activity its id (a UUID from the seeded generator) and times. */
export function mintActivity(rng: RngState, resourceId: string, atMs: number, text: ActivityText): { activity: ScalingActivity; rng: RngState } {
  const r = new Rng(rng);
  const activity: ScalingActivity = {
    ActivityId: r.uuid(),
    ServiceNamespace: 'ecs',
    ResourceId: resourceId,
    ScalableDimension: 'ecs:service:DesiredCount',
    Description: text.Description,
    Cause: text.Cause,
    StartTimeMs: atMs,
    EndTimeMs: atMs,
    StatusCode: text.StatusCode,
    ...(text.StatusMessage === undefined ? {} : { StatusMessage: text.StatusMessage }),
    ...(text.NotScaledReasons === undefined ? {} : { NotScaledReasons: text.NotScaledReasons }),
  };
  return { activity, rng: r.state() };
}
