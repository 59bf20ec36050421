/**
 * `TwinHost`: the one mutable place of a running twin — the current World, its config and input journal, the event
 * log read by cursor, and the clock (manual, or wall time × speed). Every adapter (the HTTP endpoint, the
 * in-process `ECSClient`) goes through it; each call runs to completion synchronously, so requests are
 * serialized into the pure core by construction.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { ecsError, invalidParameter, type EcsError } from '../domain/errors.js';
import type { EcsEvent } from '../domain/events.js';
import type { World } from '../domain/world.js';
import { advance } from '../engine/advance.js';
import { chargeRequest } from '../engine/chargeRequest.js';
import { tryCreateWorld } from '../engine/createWorld.js';
import { execute } from '../engine/execute.js';
import { applyEntry, replay, replayOnto, type JournalEntry } from '../sim/journal.js';

/** How virtual time moves. */
export type ClockMode =
  /** Only {@link TwinHost.advance} (the control API) moves time. */
  | { readonly kind: 'manual' }
  /**
   * Virtual time follows wall time × `speed`: before each call the World is advanced to
   * `virtual start + (wall now − wall start) × speed`. `wallNowMs` is injectable for tests.
   */
  | { readonly kind: 'realtime'; readonly speed: number; readonly wallNowMs?: () => number };

/**
 * The default speed of the realtime clock: a Fargate task reaches RUNNING after ~25 virtual seconds and a service
 * is stable after ~1 virtual minute, so at 20× the SDK's and the CLI's waiters finish within a few seconds.
 */
export const DEFAULT_REALTIME_SPEED = 20;

/** How many events the host keeps for readers; older ones are dropped (the cursor keeps counting). */
export const EVENT_LOG_CAPACITY = 10_000;

/** The answer to one ECS request: its output, or the ECS exception. */
export type EcsAnswer = E.Either<EcsError, unknown>;

/** A snapshot: the World's config plus its input journal. `replay(config, journal)` rebuilds the World exactly. */
export interface TwinSnapshot {
  readonly config: unknown;
  readonly journal: readonly JournalEntry[];
}

/** Events since a cursor, and the cursor to ask with next. */
export interface EventPage {
  readonly events: readonly EcsEvent[];
  readonly nextCursor: number;
  /** True when events after `cursor` were dropped from the log before they were read. */
  readonly truncated: boolean;
}

/**
 * Where a host writes its inputs as they are accepted into the journal (`--data-dir`: `JournalFile`). `append` is
 * called before the World moves on and before the caller is answered; if it throws, the input is not applied.
 */
export interface JournalSink {
  append(entry: JournalEntry): void;
  /** The whole state was replaced (restore, reset). */
  replace(config: unknown, journal: readonly JournalEntry[]): void;
  /** The World after every entry appended so far (a sink may snapshot it). */
  committed?(world: World): void;
  /** Snapshots the World now (a clean shutdown). */
  snapshot?(world: World): void;
}

/** A World to start from instead of the config's empty one: a snapshot covering the first `entries` entries. */
export interface TwinHostBase {
  readonly world: World;
  readonly entries: number;
  /** Those entries, read back when a control snapshot (config + whole journal) is asked for. */
  readonly history: () => readonly JournalEntry[];
}

/** Options of {@link TwinHost.create}. */
export interface TwinHostOptions {
  /** Inputs to replay on top of `config` (or of `base`) first (a journal read back from a data directory). */
  readonly journal?: readonly unknown[];
  /** Start from this snapshot's World rather than the config's empty one; `journal` then holds the entries after it. */
  readonly base?: TwinHostBase;
  /** Where accepted inputs are written. */
  readonly sink?: JournalSink;
}

/** The largest page of events one read returns. */
const MAX_EVENT_PAGE = 1_000;

/**
 * A running twin. Create it with {@link TwinHost.create}; an invalid config is an `InvalidParameterException`
 * naming the path, never a throw.
 */
export class TwinHost {
  #config: unknown;
  #world: World;
  #journal: JournalEntry[] = [];
  #events: EcsEvent[] = [];
  /** Cursor of `#events[0]`. */
  #firstCursor = 0;
  readonly #clock: ClockMode;
  readonly #wallNowMs: () => number;
  /** The wall instant and the virtual instant the realtime clock counts from. */
  #wallBaseMs = 0;
  #virtualBaseMs = 0;

  readonly #sink: JournalSink | undefined;
  /** The snapshot the World started from; `#journal` holds the entries after it. */
  #base: TwinHostBase | undefined;

  private constructor(config: unknown, world: World, clock: ClockMode, journal: JournalEntry[], sink: JournalSink | undefined, base: TwinHostBase | undefined) {
    this.#config = config;
    this.#world = world;
    this.#clock = clock;
    this.#journal = journal;
    this.#sink = sink;
    this.#base = base;
    this.#wallNowMs = clock.kind === 'realtime' && clock.wallNowMs !== undefined ? clock.wallNowMs : () => Date.now();
    this.#rebaseClock();
  }

  /**
   * A host for a new World of `config` (untrusted: decoded by `tryCreateWorld`).
   *
   * @example
   * ```ts
   * const host = TwinHost.create({ seed: 7 }, { kind: 'manual' });
   * if (E.isRight(host)) host.right.ecs('CreateCluster', { clusterName: 'demo' });
   * ```
   */
  static create(config: unknown = {}, clock: ClockMode = { kind: 'manual' }, options: TwinHostOptions = {}): E.Either<EcsError, TwinHost> {
    if (clock.kind === 'realtime' && !(Number.isFinite(clock.speed) && clock.speed > 0)) {
      return E.left(invalidParameter(`speed: expected a finite number > 0, got ${String(clock.speed)}.`));
    }
    const journal = options.journal ?? [];
    const base = options.base;
    const world = base !== undefined ? replayOnto(base.world, journal) : journal.length === 0 ? tryCreateWorld(config) : replay(config, journal);
    return E.isLeft(world) ? world : E.right(new TwinHost(config, world.right, clock, [...journal] as JournalEntry[], options.sink, base));
  }

  /** The current World (immutable; a later call replaces it). */
  get world(): World {
    return this.#world;
  }

  /** The clock mode. */
  get clock(): ClockMode {
    return this.#clock;
  }

  /** How many entries the input journal holds. */
  get journalLength(): number {
    return (this.#base?.entries ?? 0) + this.#journal.length;
  }

  /** The cursor the next event will get. */
  get eventCursor(): number {
    return this.#firstCursor + this.#events.length;
  }

  /**
   * Runs one ECS request as ECS receives it: the clock catches up, the request is charged to its API rate bucket
   * (rejected ones too), then executed; the entry is journaled with `charged: true` so a replay charges it alike.
   */
  ecs(operation: string, input: unknown): EcsAnswer {
    this.#catchUp();
    const entry: JournalEntry = { kind: 'execute', operation, input, charged: true };
    const charged = chargeRequest(this.#world, operation);
    if (E.isLeft(charged)) {
      this.#commit(entry, this.#world);
      return charged;
    }
    const r = execute(charged.right, operation, input, { requestCharged: true });
    if (E.isLeft(r)) {
      this.#commit(entry, charged.right);
      return r;
    }
    this.#commit(entry, r.right.world);
    this.#record(r.right.events);
    return E.right(r.right.output);
  }

  /** Moves virtual time forward by `ms` (on top of the realtime clock, if any). */
  advance(ms: number): E.Either<EcsError, { readonly nowMs: number; readonly events: readonly EcsEvent[] }> {
    this.#catchUp();
    const r = advance(this.#world, ms);
    if (r.error !== undefined) return E.left(r.error);
    this.#commit({ kind: 'advance', ms }, r.world);
    this.#virtualBaseMs += ms;
    this.#record(r.events);
    return E.right({ nowMs: r.world.nowMs, events: r.events });
  }

  /**
   * Applies a fault or behaviour change (a journal entry of kind `fault`, from `src/sim/faults.ts`). A malformed
   * entry or arguments the fault refuses change nothing and come back as the error.
   */
  fault(entry: unknown): E.Either<EcsError, { readonly events: readonly EcsEvent[] }> {
    this.#catchUp();
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      return E.left(invalidParameter('A fault must be an object such as {"fault": "interruptSpotTasks", "options": {}}.'));
    }
    const full = { ...(entry as Record<string, unknown>), kind: 'fault' } as unknown as JournalEntry;
    const r = applyEntry(this.#world, full);
    if (r.error !== undefined) return E.left(r.error);
    this.#commit(full, r.world);
    this.#record(r.events);
    return E.right({ events: r.events });
  }

  /** Events with cursor ≥ `cursor`, at most `limit` (1–1000, default 100). */
  eventsSince(cursor: number, limit = 100): EventPage {
    this.#catchUp();
    const size = Math.min(Math.max(1, Math.trunc(limit)), MAX_EVENT_PAGE);
    const from = Math.max(cursor, this.#firstCursor);
    const events = this.#events.slice(from - this.#firstCursor, from - this.#firstCursor + size);
    return { events, nextCursor: from + events.length, truncated: cursor < this.#firstCursor };
  }

  /** The config and journal of the current World (plain JSON data). */
  snapshot(): TwinSnapshot {
    this.#catchUp();
    return { config: this.#config, journal: [...(this.#base?.history() ?? []), ...this.#journal] };
  }

  /** Asks the sink to snapshot the current World now (a clean shutdown); nothing without a sink. */
  checkpoint(): void {
    this.#catchUp();
    this.#sink?.snapshot?.(this.#world);
  }

  /**
   * Replaces the World with `replay(snapshot.config, snapshot.journal)`. An invalid snapshot changes nothing and
   * comes back as the error naming the bad entry. The event log is cleared (its cursor keeps counting).
   */
  restore(snapshot: unknown): E.Either<EcsError, World> {
    if (typeof snapshot !== 'object' || snapshot === null || Array.isArray(snapshot)) {
      return E.left(invalidParameter('A snapshot must be an object {"config": {…}, "journal": […]}.'));
    }
    const s = snapshot as { config?: unknown; journal?: unknown };
    if (!Array.isArray(s.journal)) return E.left(invalidParameter('snapshot.journal: expected a list of journal entries.'));
    const config = s.config ?? {};
    const world = replay(config, s.journal);
    if (E.isLeft(world)) return world;
    this.#install(config, world.right, s.journal as JournalEntry[]);
    return world;
  }

  /** A new, empty World of `config` (default: the current config). The event log is cleared. */
  reset(config: unknown = this.#config): E.Either<EcsError, World> {
    const world = tryCreateWorld(config);
    if (E.isLeft(world)) return world;
    this.#install(config, world.right, []);
    return world;
  }

  #install(config: unknown, world: World, journal: JournalEntry[]): void {
    this.#sink?.replace(config, journal);
    this.#config = config;
    this.#world = world;
    this.#journal = [...journal];
    this.#base = undefined;
    this.#firstCursor += this.#events.length;
    this.#events = [];
    this.#rebaseClock();
  }

  #rebaseClock(): void {
    this.#wallBaseMs = this.#wallNowMs();
    this.#virtualBaseMs = this.#world.nowMs;
  }

  /** Realtime clock: advances the World to the virtual instant the wall clock says, journaling the step. */
  #catchUp(): void {
    if (this.#clock.kind !== 'realtime') return;
    const target = this.#virtualBaseMs + Math.floor((this.#wallNowMs() - this.#wallBaseMs) * this.#clock.speed);
    const ms = target - this.#world.nowMs;
    if (ms <= 0) return;
    const r = advance(this.#world, ms);
    if (r.error !== undefined) return; // the end of time: the clock stops there
    this.#commit({ kind: 'advance', ms }, r.world);
    this.#record(r.events);
  }

  /**
   * Journals an accepted input — durably first (if there is a sink; if that throws, nothing changes), then in
   * memory — and moves to the World it led to, which the sink then sees (for its periodic snapshot).
   */
  #commit(entry: JournalEntry, world: World): void {
    this.#sink?.append(entry);
    this.#journal.push(entry);
    this.#world = world;
    this.#sink?.committed?.(world);
  }

  #record(events: readonly EcsEvent[]): void {
    if (events.length === 0) return;
    for (const e of events) this.#events.push(e); // no spread: a burst may hold 100,000 events
    const excess = this.#events.length - EVENT_LOG_CAPACITY;
    if (excess > 0) {
      this.#events.splice(0, excess);
      this.#firstCursor += excess;
    }
  }
}

/** An `EcsError` for a control request that is not understood. */
export const badControlRequest = (message: string): EcsError => ecsError('InvalidParameterException', message);
