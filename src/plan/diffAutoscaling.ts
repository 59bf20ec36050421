/**
 * Application Auto Scaling targets and policies. The World holds no Application Auto Scaling state (the
 * simulation's autoscaling lives outside it), so nothing can be compared: each desired target and policy is a
 * `create`. Both calls are upserts in Application Auto Scaling — RegisterScalableTarget updates a registered
 * target, PutScalingPolicy replaces a policy of the same name — so applying them again is harmless.
 *
 * @module
 */
import { creationFields } from './fieldDiff.js';
import type { PlanStep } from './planStep.js';
import { asString } from './readWorld.js';
import type { DesiredResource } from './types.js';

const UPSERT = 'the World holds no Application Auto Scaling state to compare with';

/** The steps for the desired scalable targets (RegisterScalableTarget), in desired order. */
export function diffScalableTargets(desired: readonly DesiredResource[]): PlanStep[] {
  return desired.map((res) => {
    const id = asString(res.body.ResourceId) ?? '(no ResourceId)';
    const dimension = asString(res.body.ScalableDimension);
    return {
      change: { type: 'scalableTarget', id, source: res.source, kind: 'create', reason: `${UPSERT}: RegisterScalableTarget registers or updates ${id}${dimension !== undefined ? ` (${dimension})` : ''}`, changes: creationFields(res.body) },
      operations: [{ service: 'application-autoscaling', operation: 'RegisterScalableTarget', input: { ...res.body } }],
    };
  });
}

/** The steps for the desired scaling policies (PutScalingPolicy), in desired order. */
export function diffScalingPolicies(desired: readonly DesiredResource[]): PlanStep[] {
  return desired.map((res) => {
    const id = asString(res.body.PolicyName) ?? '(no PolicyName)';
    return {
      change: { type: 'scalingPolicy', id, source: res.source, kind: 'create', reason: `${UPSERT}: PutScalingPolicy creates or replaces policy ${id}`, changes: creationFields(res.body) },
      operations: [{ service: 'application-autoscaling', operation: 'PutScalingPolicy', input: { ...res.body } }],
    };
  });
}
