/**
 * The input journal: every `execute`, `advance` and fault injection with its arguments. The journal plus the
 * World's config reproduces the World exactly — the basis of replay, persistence and bug reports. It lives in the
 * simulation layer because faults (pure functions of `src/sim/faults.ts`) are inputs too.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { JournalEntryCodec } from '../codecs/journalEntry.js';
import { REQUEST_LIMITS, describeThrown, readPlainInput, type InputLimits } from '../codecs/plainInput.js';
import { describeIssues } from '../codecs/reporter.js';
import { ecsError, invalidParameter, type EcsError } from '../domain/errors.js';
import type { EcsEvent } from '../domain/events.js';
import type { World } from '../domain/world.js';
import { advance } from '../engine/advance.js';
import { tryCreateWorld } from '../engine/createWorld.js';
import { chargeRequest } from '../engine/chargeRequest.js';
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
import {
  crashTasks,
  setFargateQuotas,
  zoneOutage,
  type CrashTasksOptions,
  type FargateQuotasOptions,
  type ZoneOutageOptions,
} from './runtimeFaults.js';
import { setAgentConnected, type AgentConnectedOptions } from './agentFaults.js';

/** A fault or behaviour change, as recorded in the journal (the arguments of the `src/sim/faults.ts` function). */
export type FaultEntry =
  | { readonly kind: 'fault'; readonly fault: 'interruptSpotTasks'; readonly options: SpotInterruptionOptions }
  | { readonly kind: 'fault'; readonly fault: 'injectCapacityShortage'; readonly options: CapacityShortageOptions }
  | { readonly kind: 'fault'; readonly fault: 'setSubnetAvailability'; readonly subnetId: string; readonly available: boolean }
  | { readonly kind: 'fault'; readonly fault: 'setBehaviors'; readonly rules: readonly BehaviorRule[] }
  | { readonly kind: 'fault'; readonly fault: 'crashTasks'; readonly options: CrashTasksOptions }
  | { readonly kind: 'fault'; readonly fault: 'zoneOutage'; readonly options: ZoneOutageOptions }
  | { readonly kind: 'fault'; readonly fault: 'setFargateQuotas'; readonly options: FargateQuotasOptions }
  | { readonly kind: 'fault'; readonly fault: 'setAgentConnected'; readonly options: AgentConnectedOptions };

/**
 * One recorded input. Failed requests are journaled too: they leave the World unchanged — except an entry with
 * `charged: true`, a request that came from a stream of requests (the HTTP endpoint): it is replayed as
 * `chargeRequest` then `execute(…, { requestCharged: true })`, so a rejected call keeps its API rate charge, as it
 * did when it was recorded (docs/decisions/0003-request-charging.md).
 */
export type JournalEntry =
  | { readonly kind: 'execute'; readonly operation: string; readonly input: unknown; readonly charged?: boolean }
  | { readonly kind: 'advance'; readonly ms: number }
  | FaultEntry;

/** What applying one entry gave. */
export interface AppliedEntry {
  readonly world: World;
  readonly events: readonly EcsEvent[];
  /** The response of an `execute` entry, or its error. Absent for the other kinds. */
  readonly result?: E.Either<EcsError, unknown>;
  /**
   * Present when the entry was malformed, or when `advance` or the fault refused its arguments; then `world` is the
   * World passed in, unchanged.
   */
  readonly error?: EcsError;
}

/** Bounds of one journal entry: an ECS request's, plus the entry's own level. */
const ENTRY_LIMITS: InputLimits = { maxDepth: REQUEST_LIMITS.maxDepth + 1, maxChars: REQUEST_LIMITS.maxChars + 1_024 };

/** Checks an entry's shape (`at` names it in errors); its arguments are left to the function it replays. */
function decodeEntry(entry: unknown, at: string): E.Either<EcsError, JournalEntry> {
  const plain = readPlainInput(entry, ENTRY_LIMITS, at);
  if (E.isLeft(plain)) return E.left(ecsError('SerializationException', plain.left.message));
  const decoded = JournalEntryCodec.decode(plain.right);
  if (E.isLeft(decoded)) return E.left(invalidParameter(`${describeIssues(decoded.left, at).join('; ')}.`));
  return E.right(decoded.right as unknown as JournalEntry);
}

/**
 * Applies one journal entry to `world`. The entry is untrusted (read back from a file): a malformed one changes
 * nothing and comes back as `error`.
 */
export function applyEntry(world: World, entry: JournalEntry): AppliedEntry {
  const decoded = decodeEntry(entry, 'entry');
  return E.isLeft(decoded) ? { world, events: [], error: decoded.left } : applyDecoded(world, decoded.right);
}

function applyDecoded(world: World, entry: JournalEntry): AppliedEntry {
  if (entry.kind === 'advance') return advance(world, entry.ms);
  if (entry.kind === 'fault') return applyFault(world, entry);
  if (entry.charged === true) return applyCharged(world, entry.operation, entry.input);
  const r = execute(world, entry.operation, entry.input);
  return E.isRight(r)
    ? { world: r.right.world, events: r.right.events, result: E.right(r.right.output) }
    : { world, events: [], result: r };
}

/**
 * Rebuilds the World from its config and journal. Both are untrusted (they are read from files): an invalid config
 * or a malformed entry is an `InvalidParameterException` (or `SerializationException` for values JSON cannot hold)
 * naming it — `journal[3].fault: expected one of 'interruptSpotTasks', …, got "meteorStrike".` — never an
 * exception. Entries whose *arguments* are invalid are valid entries: they were rejected when recorded and are
 * rejected again, leaving the World unchanged.
 *
 * @example
 * ```ts
 * const w = replay({ seed: 42 }, [{ kind: 'execute', operation: 'CreateCluster', input: {} }, { kind: 'advance', ms: 1000 }]);
 * if (E.isRight(w)) w.right.nowMs; // 1704067201000
 * ```
 */
export function replay(config: unknown, journal: Iterable<unknown>): E.Either<EcsError, World> {
  const created = tryCreateWorld(config);
  return E.isLeft(created) ? created : replayOnto(created.right, journal);
}

/**
 * Applies journal entries to `world` in order, as {@link replay} does from a new World: for resuming from a
 * snapshot, `replayOnto(snapshotWorld, entriesSince)` equals `replay(config, allEntries)`. The entries are untrusted:
 * a malformed one is the error naming it (`journal[3]…`, counted from the first entry given).
 */
export function replayOnto(start: World, journal: Iterable<unknown>): E.Either<EcsError, World> {
  let world = start;
  let iterator: Iterator<unknown>;
  try {
    iterator = journal[Symbol.iterator]();
  } catch (e) {
    return E.left(ecsError('SerializationException', `journal could not be read as a list: ${describeThrown(e)}.`));
  }
  for (let i = 0; ; i++) {
    let next: IteratorResult<unknown>;
    try {
      next = iterator.next();
      if (next.done === true) break;
    } catch (e) {
      return E.left(ecsError('SerializationException', `journal[${i}] could not be read: reading it threw ${describeThrown(e)}.`));
    }
    const entry = decodeEntry(next.value, `journal[${i}]`);
    if (E.isLeft(entry)) return entry;
    world = applyDecoded(world, entry.right).world;
  }
  return E.right(world);
}

/** A request charged before it ran: throttled ⇒ unchanged; rejected ⇒ the charged World; accepted ⇒ its World. */
function applyCharged(world: World, operation: string, input: unknown): AppliedEntry {
  const charged = chargeRequest(world, operation);
  if (E.isLeft(charged)) return { world, events: [], result: charged };
  const r = execute(charged.right, operation, input, { requestCharged: true });
  return E.isRight(r)
    ? { world: r.right.world, events: r.right.events, result: E.right(r.right.output) }
    : { world: charged.right, events: [], result: r };
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
    case 'crashTasks':
      return crashTasks(world, entry.options);
    case 'zoneOutage':
      return zoneOutage(world, entry.options);
    case 'setFargateQuotas':
      return setFargateQuotas(world, entry.options);
    case 'setAgentConnected':
      return setAgentConnected(world, entry.options);
  }
}
