/**
 * `plan`: the planning engine's entry point — the current World and a desired state in, a {@link Plan} out. It
 * fingerprints the resources the plan touches, diffs them, simulates the operations on a branch of the World for
 * the predicted rollouts, checks and cost, and gathers the warnings. Pure: the same World and desired state give
 * the same plan, byte for byte.
 *
 * @module
 */
import { diffState } from './diff.js';
import { planFingerprint } from './fingerprint.js';
import { predict } from './predict.js';
import type { DesiredState, Plan, PlanCheck, PlannedOperation, ResourceChange } from './types.js';
import type { World } from '../domain/world.js';

/** Options of {@link plan}: those of the prediction (horizon, …). */
export type PlanOptions = NonNullable<Parameters<typeof predict>[2]>;

/** The format tag of a plan. */
export const PLAN_FORMAT = 'ecs-twin-plan/1';

/**
 * The plan that takes `world` to `desired`. A planned call ECS refuses on the prediction's branch is a failed
 * check, and so is a desired body the diff found refused and planned no call for (an update). The
 * desired state travels in the plan so `apply` can tell a stale one.
 *
 * @example
 * ```ts
 * const p = plan(world, desired);
 * const text = renderPlan(p, { color: false }); // the CLI writes it out
 * ```
 */
export function plan(world: World, desired: DesiredState, options?: PlanOptions): Plan {
  const fingerprint = planFingerprint(world, desired);
  const diff = diffState(world, desired);
  const prediction = predict(world, diff.operations, options);
  return {
    format: PLAN_FORMAT,
    fingerprint,
    changes: diff.changes,
    operations: diff.operations,
    rollouts: prediction.rollouts,
    checks: [...refusedChecks(diff.changes, diff.operations), ...prediction.checks],
    monthlyCostUsd: prediction.monthlyCostUsd,
    warnings: [...desired.warnings, ...diff.warnings],
    desired,
  };
}

/**
 * A failed check per desired resource ECS refused on the diff's scratch branch for which no call is planned (an
 * update the diff left out); a refused resource whose call is planned is reported by the prediction, which sees
 * the call refused on its branch.
 */
function refusedChecks(changes: readonly ResourceChange[], operations: readonly PlannedOperation[]): PlanCheck[] {
  const planned = new Set(operations.map((o) => o.change));
  return changes.flatMap((c, i): PlanCheck[] =>
    c.error === undefined || planned.has(i)
      ? []
      : [{ name: c.type === 'taskDefinition' ? 'task-definition' : 'operation', status: 'fail', subject: c.id, message: `${c.error.name}: ${c.error.message}` }],
  );
}
