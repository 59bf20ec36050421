/**
 * The unit each resource's diff produces: its {@link ResourceChange} and the calls that realise it, before the
 * plan numbers them. Shared by the per-kind diff modules and `diffState`.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import type { World } from '../domain/world.js';
import type { EcsError } from '../domain/errors.js';
import { call } from './readWorld.js';
import type { ResourceChange } from './types.js';

/** One call of a step (its position and idempotency token are given when the plan is assembled). */
export interface StepOperation {
  readonly service: 'ecs' | 'application-autoscaling';
  readonly operation: string;
  readonly input: Readonly<Record<string, unknown>>;
}

/** One resource's change and its calls, in order. */
export interface PlanStep {
  readonly change: ResourceChange;
  readonly operations: readonly StepOperation[];
}

/** What a per-kind diff returns: its steps, the scratch World with its calls applied, and warnings. */
export interface KindDiff {
  readonly steps: readonly PlanStep[];
  /** The scratch branch after this kind's planned calls: what the next kind is compared on. */
  readonly scratch: World;
  readonly warnings: readonly string[];
}

/** An ECS call of a step. */
export const ecsCall = (operation: string, input: Readonly<Record<string, unknown>>): StepOperation => ({ service: 'ecs', operation, input });

/** The `error` member of a change refused by ECS. */
export const errorOf = (e: EcsError): { name: string; message: string } => ({ name: e.name, message: e.message });

/** Applies the ECS calls of `ops` to the scratch World in order; on the first refusal, the World before it and ECS's error. */
export function applyOnScratch(world: World, ops: readonly StepOperation[]): { readonly world: World; readonly error?: EcsError } {
  let w = world;
  for (const op of ops) {
    if (op.service !== 'ecs') continue;
    const r = call(w, op.operation, op.input);
    if (E.isLeft(r)) return { world: w, error: r.left };
    w = r.right.world;
  }
  return { world: w };
}
