/**
 * A world transaction: the one place where a transition builds the next World.
 *
 * A transaction reads through to the base World and keeps private, lazily-cloned drafts of the tables it writes
 * (copy-on-write B+ trees, so a write costs O(log n) and touched nodes are copied once per transaction). On
 * {@link WorldTxn.commit} it returns the new World — or the base World itself when nothing was written, so a
 * no-op is observable as `===`. A transaction that is abandoned (because the operation failed) leaves no trace.
 *
 * Entities inside tables stay immutable: replace them (with immer's `produce` for nested changes).
 *
 * @module
 */
import type { EcsEvent } from './events.js';
import { DraftPMap, PMap } from './pmap.js';
import { Rng, type RngStream } from './rng.js';
import { TimerQueue, type DraftTimerQueue } from './timerQueue.js';
import type { ScheduledTimer, Timer } from './timers.js';
import type { TableKey, TableName, TableValue, World } from './world.js';

let nextLocalIndex = 0;

/**
 * A slot for state that lives as long as one transaction: a subsystem's private working copies (the cluster
 * copies of `taskStore.ts`, the index ranges of `taskIndex.ts`). Declared once at module level; read with
 * {@link WorldTxn.local}. Cheaper than a `WeakMap` keyed by the transaction — which a burst of thousands of
 * transactions turns into a large ephemeron table that every garbage collection has to walk.
 */
export class TxnLocal<T> {
  /** Position in the transaction's slot array. */
  readonly index = nextLocalIndex++;
  /** @param init creates the slot's value on first use in a transaction */
  constructor(readonly init: () => T) {}
}

/** How a transaction was opened. */
export interface TxnOptions {
  /**
   * The caller already charged this request's API rate token (with `chargeRequest`), so the operation must not
   * charge it again (docs/decisions/0003-request-charging.md). Default false.
   */
  readonly requestCharged?: boolean;
}

/** The transaction a transition works in. */
export class WorldTxn {
  private readonly drafts = new Map<TableName, DraftPMap<unknown, unknown>>();
  private readonly locals: unknown[] = [];
  private readonly rngs = new Map<RngStream, Rng>();
  private timerDraft: DraftTimerQueue | undefined = undefined;
  private readonly commitHooks: Array<() => void> = [];
  private now: number;
  private seqNext: number;
  /** Events emitted by this transition, in order. */
  readonly events: EcsEvent[] = [];

  /** Whether the request's API rate token was charged before the operation ran ({@link TxnOptions}). */
  readonly requestCharged: boolean;

  constructor(
    readonly base: World,
    options: TxnOptions = {},
  ) {
    this.now = base.nowMs;
    this.seqNext = base.seq;
    this.requestCharged = options.requestCharged === true;
  }

  /** The World's static configuration. */
  get config(): World['config'] {
    return this.base.config;
  }

  /** The virtual time of this transition, epoch ms. */
  get nowMs(): number {
    return this.now;
  }

  /** Moves the clock forward (only the engine does this, while firing timers). */
  setNowMs(ms: number): void {
    if (ms > this.now) this.now = ms;
  }

  /** The next value of the World's sequence counter. */
  nextSeq(): number {
    return this.seqNext++;
  }

  /** The mutable draft of a table; reading it before writing costs nothing. */
  table<N extends TableName>(name: N): DraftPMap<TableKey<N>, TableValue<N>> {
    let d = this.drafts.get(name);
    if (!d) {
      d = (this.base[name] as PMap<unknown, unknown>).draft();
      this.drafts.set(name, d);
    }
    return d as DraftPMap<TableKey<N>, TableValue<N>>;
  }

  /** The transaction's timer queue (a draft of the World's: reading it before writing costs nothing). */
  timers(): DraftTimerQueue {
    let d = this.timerDraft;
    if (d === undefined) {
      d = this.base.timers.draft();
      this.timerDraft = d;
    }
    return d;
  }

  /**
   * Runs `hook` at {@link commit}, before the new World is built: a subsystem that defers its table writes within
   * the transaction (the ListTasks index, `src/scheduler/taskIndex.ts`; the service rosters,
   * `src/scheduler/service/serviceRoster.ts`) applies them there.
   */
  beforeCommit(hook: () => void): void {
    this.commitHooks.push(hook);
  }

  /** This transaction's value of `slot` (created on first use). */
  local<T>(slot: TxnLocal<T>): T {
    let v = this.locals[slot.index] as T | undefined;
    if (v === undefined) {
      v = slot.init();
      this.locals[slot.index] = v;
    }
    return v;
  }

  /** The generator of one stream; its final state is written back on commit. */
  rng(stream: RngStream): Rng {
    let r = this.rngs.get(stream);
    if (!r) {
      r = new Rng(this.base.rng[stream]);
      this.rngs.set(stream, r);
    }
    return r;
  }

  /** Schedules `timer` at `atMs` (clamped to now: nothing is scheduled in the past). Returns the queue entry. */
  schedule(atMs: number, timer: Timer): ScheduledTimer {
    const entry: ScheduledTimer = { ...timer, atMs: Math.max(atMs, this.now), seq: this.nextSeq() };
    this.timers().add(entry);
    return entry;
  }

  /** Schedules the next lifecycle step of task `taskSeq` at `atMs` (the hot case of {@link schedule}, spelled out). */
  scheduleTaskStep(atMs: number, taskSeq: number): ScheduledTimer {
    const entry: ScheduledTimer = { _tag: 'TaskLifecycle', taskSeq, atMs: Math.max(atMs, this.now), seq: this.nextSeq() };
    this.timers().add(entry);
    return entry;
  }

  /** Removes a scheduled timer (no effect when already fired or removed). */
  cancel(timer: ScheduledTimer): void {
    this.timers().delete(timer);
  }

  /** Emits an event. */
  emit(event: EcsEvent): void {
    this.events.push(event);
  }

  /** The new World, or `base` itself when nothing changed. */
  commit(): World {
    for (const hook of this.commitHooks) hook();
    let changed = this.now !== this.base.nowMs || this.seqNext !== this.base.seq || this.rngs.size > 0;
    const next: { -readonly [K in keyof World]: World[K] } = { ...this.base };
    for (const [name, draft] of this.drafts) {
      if (!draft.changed) continue;
      changed = true;
      (next as Record<TableName, unknown>)[name] = PMap.fromDraft(draft, this.base[name].compare as never);
    }
    const timers = this.timerDraft;
    if (timers !== undefined && timers.changed) {
      changed = true;
      next.timers = TimerQueue.fromDraft(timers);
    }
    if (!changed) return this.base;
    next.nowMs = this.now;
    next.seq = this.seqNext;
    if (this.rngs.size > 0) {
      const states = { ...this.base.rng };
      for (const [stream, r] of this.rngs) states[stream] = r.state();
      next.rng = states;
    }
    return next;
  }
}
