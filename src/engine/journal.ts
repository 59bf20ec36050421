/**
 * The input journal: every `execute` and `advance` with its arguments. The journal plus the World's config
 * reproduces the World exactly — the basis of replay, persistence and bug reports.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import type { EcsError } from '../domain/errors.js';
import type { EcsEvent } from '../domain/events.js';
import type { World } from '../domain/world.js';
import { advance } from './advance.js';
import { createWorld, type WorldConfig } from './createWorld.js';
import { execute } from './execute.js';

/** One recorded input. Failed requests are journaled too: they must (and do) leave the World unchanged. */
export type JournalEntry =
  | { readonly kind: 'execute'; readonly operation: string; readonly input: unknown }
  | { readonly kind: 'advance'; readonly ms: number };

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
