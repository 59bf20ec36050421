/**
 * `diffState`: the current World against a desired state — per resource, what changes and how (no-op, create,
 * update, new deployment, replace) — and the ECS and Application Auto Scaling calls that make it so, in
 * dependency order: clusters, task definitions, services, scalable targets, scaling policies; within a kind, the
 * desired order. Pure: every comparison runs on a scratch branch of the (immutable) World, which is discarded.
 *
 * @module
 */
import type { World } from '../domain/world.js';
import { diffScalableTargets, diffScalingPolicies } from './diffAutoscaling.js';
import { diffClusters } from './diffClusters.js';
import { diffServices } from './diffServices.js';
import { diffTaskDefinitions } from './diffTaskDefinitions.js';
import { planClientToken, TOKEN_OPERATIONS } from './clientToken.js';
import type { PlanStep } from './planStep.js';
import type { DesiredState, PlannedOperation, ResourceChange } from './types.js';

/** What {@link diffState} returns. */
export interface StateDiff {
  /** One change per desired resource, in plan order (the order of `operations`). */
  readonly changes: readonly ResourceChange[];
  /** The calls, in order; each names the change it realises. */
  readonly operations: readonly PlannedOperation[];
  /** ECS refusals met on the scratch branch and members not compared, each naming the resource's source. */
  readonly warnings: readonly string[];
  /** The scratch World after the planned ECS calls (a replacement's CreateService left out): for predictions. */
  readonly planned: World;
}

/**
 * Compares `world` with `desired`. Task definitions are compared as ECS normalizes them (registered on a scratch
 * branch); services as DescribeServices would show them; a desired service's `taskDefinition` family resolves to
 * the revision the plan registers (or the current one when nothing changes), and the calls name it (`web:3`).
 * CreateService calls carry a `clientToken` derived from their position and input (as `applyOperations` derives
 * it). Never throws: a body ECS would refuse becomes a change with an `error` and a warning.
 *
 * @example
 * ```ts
 * const { changes, operations } = diffState(world, { clusters: [{ source: 'c', body: { clusterName: 'prod' } }],
 *   taskDefinitions: [], services: [], scalableTargets: [], scalingPolicies: [], warnings: [] });
 * // changes[0].kind === 'create'; operations[0].operation === 'CreateCluster'
 * ```
 */
export function diffState(world: World, desired: DesiredState): StateDiff {
  const clusters = diffClusters(world, desired.clusters);
  const taskDefinitions = diffTaskDefinitions(clusters.scratch, desired.taskDefinitions);
  const services = diffServices(taskDefinitions.scratch, desired.services);
  const steps: PlanStep[] = [
    ...clusters.steps,
    ...taskDefinitions.steps,
    ...services.steps,
    ...diffScalableTargets(desired.scalableTargets),
    ...diffScalingPolicies(desired.scalingPolicies),
  ];
  const changes: ResourceChange[] = [];
  const operations: PlannedOperation[] = [];
  for (const step of steps) {
    const change = changes.length;
    changes.push(step.change);
    for (const op of step.operations) {
      const index = operations.length;
      const takesToken = op.service === 'ecs' && TOKEN_OPERATIONS.includes(op.operation);
      const given = typeof op.input.clientToken === 'string' ? op.input.clientToken : undefined;
      const clientToken = takesToken ? (given ?? planClientToken(index, op)) : undefined;
      const input = clientToken !== undefined ? { ...op.input, clientToken } : op.input;
      operations.push({ service: op.service, operation: op.operation, input, change, ...(clientToken !== undefined ? { clientToken } : {}) });
    }
  }
  return { changes, operations, warnings: [...clusters.warnings, ...taskDefinitions.warnings, ...services.warnings], planned: services.scratch };
}

/** Whether a diff changes nothing (every change a no-op, no call). */
export const isNoOp = (d: Pick<StateDiff, 'changes' | 'operations'>): boolean => d.operations.length === 0 && d.changes.every((c) => c.kind === 'no-op');

/**
 * The plan's ECS calls in the shape `applyOperations` takes (`{ operation, input }`, the token inside the input).
 * Application Auto Scaling calls are not ECS calls and are left out.
 */
export function ecsOperations(operations: readonly PlannedOperation[]): { operation: string; input: Readonly<Record<string, unknown>> }[] {
  return operations.filter((o) => o.service === 'ecs').map((o) => ({ operation: o.operation, input: o.input }));
}
