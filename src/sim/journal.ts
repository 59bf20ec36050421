/**
 * The input journal: every `execute`, `advance` and fault injection with its arguments. The journal plus the
 * World's config reproduces the World exactly — the basis of replay, persistence and bug reports. It lives in the
 * simulation layer because faults (pure functions of `src/sim/faults.ts`) are inputs too.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import type { EcsError } from '../domain/errors.js';
import type { EcsEvent } from '../domain/events.js';
import type { World } from '../domain/world.js';
import { advance } from '../engine/advance.js';
import { createWorld, type WorldConfig } from '../engine/createWorld.js';
import { execute } from '../engine/execute.js';
import type { BehaviorRule } from '../domain/world.js';
import {
  injectCapacityShortage,
  interruptSpotTasks,
  setBehaviors,
  setSubnetAvailability,
  type CapacityShortageOptions,
  type SpotInterruptionOptions,
} from './faults.js';

/** A fault or behaviour change, as recorded in the journal (the arguments of the `src/sim/faults.ts` function). */
export type FaultEntry =
  | { readonly kind: 'fault'; readonly fault: 'interruptSpotTasks'; readonly options: SpotInterruptionOptions }
  | { readonly kind: 'fault'; readonly fault: 'injectCapacityShortage'; readonly options: CapacityShortageOptions }
  | { readonly kind: 'fault'; readonly fault: 'setSubnetAvailability'; readonly subnetId: string; readonly available: boolean }
  | { readonly kind: 'fault'; readonly fault: 'setBehaviors'; readonly rules: readonly BehaviorRule[] };

/** One recorded input. Failed requests are journaled too: they must (and do) leave the World unchanged. */
export type JournalEntry =
  | { readonly kind: 'execute'; readonly operation: string; readonly input: unknown }
  | { readonly kind: 'advance'; readonly ms: number }
  | FaultEntry;

/** What applying one entry gave. */
export interface AppliedEntry {
  readonly world: World;
  readonly events: readonly EcsEvent[];
  /** The response of an `execute` entry, or its error. Absent for `advance`. */
  readonly result?: E.Either<EcsError, unknown>;
}

/** Applies one journal entry to `world`. */
export function applyEntry(world: World, entry: JournalEntry): AppliedEntry {
  if (entry.kind === 'advance') return advance(world, entry.ms);
  if (entry.kind === 'fault') return applyFault(world, entry);
  const r = execute(world, entry.operation, entry.input);
  return E.isRight(r)
    ? { world: r.right.world, events: r.right.events, result: E.right(r.right.output) }
    : { world, events: [], result: r };
}

/** Rebuilds the World from its config and journal. */
export function replay(config: WorldConfig, journal: Iterable<JournalEntry>): World {
  let world = createWorld(config);
  for (const entry of journal) world = applyEntry(world, entry).world;
  return world;
}

function applyFault(world: World, entry: FaultEntry): AppliedEntry {
  switch (entry.fault) {
    case 'interruptSpotTasks':
      return interruptSpotTasks(world, entry.options);
    case 'injectCapacityShortage':
      return injectCapacityShortage(world, entry.options);
    case 'setSubnetAvailability':
      return setSubnetAvailability(world, entry.subnetId, entry.available);
    case 'setBehaviors':
      return setBehaviors(world, entry.rules);
  }
}
