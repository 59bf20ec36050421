/**
 * Fargate cost accrued per metric period, per service and for the account, from rate changes (a task's billing
 * starts or ends) rather than by visiting every billed task each period: O(changes), whatever the fleet's size.
 * Exact totals come from the per-task costs (`taskCostUsd`); the meter spreads them over time, the one-minute
 * minimum and the rounding to the second landing as lumps when a task stops.
 *
 * @module
 */

interface Bucket {
  /** USD per ms of the tasks billed at `fromMs`. */
  rate: number;
  /** Rate changes at or after `fromMs`, not yet integrated: [atMs, delta]. */
  changes: [number, number][];
  /** Cost of the current period so far (lumps). */
  lumps: number;
}

/** Per-period cost of buckets `0 … n−1` (services) and of the account (every task, service or not). */
export class CostMeter {
  private readonly buckets: Bucket[];
  private readonly account: Bucket = { rate: 0, changes: [], lumps: 0 };
  private fromMs: number;

  constructor(serviceCount: number, startMs: number) {
    this.buckets = Array.from({ length: serviceCount }, () => ({ rate: 0, changes: [], lumps: 0 }));
    this.fromMs = startMs;
  }

  /**
   * The billing rate of service `s` (−1: no service) changes by `deltaPerMs` at `atMs` — or at the current period's
   * start, if `atMs` is in a period already closed.
   *
   * @returns the instant the change took effect
   */
  change(s: number, atMs: number, deltaPerMs: number): number {
    const at = Math.max(atMs, this.fromMs);
    if (s >= 0) this.buckets[s]!.changes.push([at, deltaPerMs]);
    this.account.changes.push([at, deltaPerMs]);
    return at;
  }

  /** A one-off amount for service `s` at `atMs` (charged to the current period). */
  lump(s: number, _atMs: number, usd: number): void {
    if (s >= 0) this.buckets[s]!.lumps += usd;
    this.account.lumps += usd;
  }

  /**
   * Closes the period ending at `toMs`: returns each service's cost and the account's for `[fromMs, toMs)`; changes
   * after `toMs` (a billing window that starts with a pull still to come) carry over.
   */
  closePeriod(toMs: number): { services: number[]; account: number } {
    const services = this.buckets.map((b) => this.integrate(b, toMs));
    const account = this.integrate(this.account, toMs);
    this.fromMs = toMs;
    return { services, account };
  }

  private integrate(b: Bucket, toMs: number): number {
    let cost = b.lumps;
    b.lumps = 0;
    if (b.changes.length === 0) return cost + b.rate * (toMs - this.fromMs);
    // Stable sort: equal instants keep the order they came in (deterministic sums).
    b.changes.sort((x, y) => x[0] - y[0]);
    let at = this.fromMs;
    let i = 0;
    for (; i < b.changes.length && b.changes[i]![0] < toMs; i++) {
      const [t, d] = b.changes[i]!;
      cost += b.rate * (t - at);
      b.rate += d;
      at = t;
    }
    cost += b.rate * (toMs - at);
    b.changes = b.changes.slice(i);
    // Rounding noise must not leave a negative rate after every task stopped.
    if (Math.abs(b.rate) < 1e-15) b.rate = 0;
    return cost;
  }
}
