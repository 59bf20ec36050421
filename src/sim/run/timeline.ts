/**
 * The scenario's timeline as a queue of instants: operations (with their repeats) and the starts and ends of
 * fault windows, in time order, file order breaking ties — the order they are applied.
 *
 * @module
 */
import type { FaultEntry, OperationEntry, TimelineEntry } from '../scenario/types.js';

/** One thing to do at `atMs` (offset from the start). */
export type TimelineStep =
  | { readonly _tag: 'call'; readonly atMs: number; readonly order: number; readonly entry: OperationEntry; readonly repeat: number }
  | { readonly _tag: 'start'; readonly atMs: number; readonly order: number; readonly entry: FaultEntry }
  | { readonly _tag: 'end'; readonly atMs: number; readonly order: number; readonly entry: FaultEntry };

/** A queue of timeline steps; repeats of an operation are generated as they come due, not all at once. */
export class TimelineQueue {
  private readonly steps: TimelineStep[] = [];

  constructor(entries: readonly TimelineEntry[], durationMs: number) {
    entries.forEach((entry, order) => {
      if (entry._tag === 'operation') {
        this.steps.push({ _tag: 'call', atMs: entry.atMs, order, entry, repeat: 0 });
        return;
      }
      this.steps.push({ _tag: 'start', atMs: entry.atMs, order, entry });
      const d = 'durationMs' in entry ? entry.durationMs : undefined;
      if (d !== undefined && entry.atMs + d < durationMs) this.steps.push({ _tag: 'end', atMs: entry.atMs + d, order, entry });
    });
    this.sort();
  }

  private sort(): void {
    this.steps.sort(byDue);
  }

  /** Inserts one step in order (after every step that sorts equal): a repeat costs a search, not a re-sort. */
  private insert(step: TimelineStep): void {
    let lo = 0;
    let hi = this.steps.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (byDue(this.steps[mid]!, step) <= 0) lo = mid + 1;
      else hi = mid;
    }
    this.steps.splice(lo, 0, step);
  }

  /** When the next step is due (Infinity when none). */
  nextAtMs(): number {
    return this.steps[0]?.atMs ?? Infinity;
  }

  /** Takes the steps due at or before `atMs`, in order; a repeated call schedules its next repeat. */
  takeDue(atMs: number): TimelineStep[] {
    const out: TimelineStep[] = [];
    while (this.steps.length > 0 && this.steps[0]!.atMs <= atMs) {
      const s = this.steps.shift()!;
      out.push(s);
      if (s._tag === 'call' && s.repeat + 1 < s.entry.times) this.insert({ ...s, atMs: s.atMs + s.entry.everyMs, repeat: s.repeat + 1 });
    }
    return out;
  }
}

/** Due order: time, then file order, then ends before starts before calls (a window's end frees what a call may need). */
const byDue = (a: TimelineStep, b: TimelineStep): number => a.atMs - b.atMs || a.order - b.order || rank(a) - rank(b);

/** Ends before starts before calls at the same instant and position. */
const rank = (s: TimelineStep): number => (s._tag === 'end' ? 0 : s._tag === 'start' ? 1 : 2);
