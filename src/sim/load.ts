/**
 * The load model of a what-if scenario: the requests/s offered to a service over time (a sum of
 * {@link LoadProfile}s), the requests served and dropped given the capacity of its running tasks, and the CPU and
 * memory utilization that load gives each task.
 *
 * Times `tMs`, `fromMs`, `toMs` and the profiles' `*Ms` are offsets from the run's start; `startEpochMs` (the
 * World's start time) places them on the UTC clock for diurnal profiles. Rates are requests/s and ≥ 0 (the
 * scenario decoder checks); request counts are rate × seconds.
 *
 * Pure and deterministic: fixed evaluation order, a fixed quadrature step, no clock.
 *
 * @module
 */
import type { LoadProfile, ServiceLoad } from './scenario/types.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Largest step of the midpoint rule for diurnal load near capacity, ms. */
export const QUADRATURE_STEP_MS = 1_000;

/**
 * Request counts are floored to multiples of 2^-16 (≈ 0.000015 requests): then `offered − served` is exact in
 * floating point, so `served + dropped === offered` holds bit for bit (for counts below 2^37).
 */
const QUANTUM = 65_536;
const quantize = (requests: number): number => Math.floor(Math.max(0, requests) * QUANTUM) / QUANTUM;

// ---------------------------------------------------------------------------------------------------------------
// Offered rate

/** The value of the last point whose `atMs` ≤ t (the later one among equal times), 0 before the first. */
function lastAtOrBefore(points: readonly { readonly atMs: number; readonly rps: number }[], tMs: number): number {
  let best = -Infinity;
  let rps = 0;
  for (const p of points) {
    if (p.atMs <= tMs && p.atMs >= best) {
      best = p.atMs;
      rps = p.rps;
    }
  }
  return rps;
}

/** Milliseconds since UTC midnight of the instant `startEpochMs + tMs`. */
function msOfDay(startEpochMs: number, tMs: number): number {
  const m = ((startEpochMs % DAY_MS) + (tMs % DAY_MS)) % DAY_MS;
  return m < 0 ? m + DAY_MS : m;
}

type Diurnal = Extract<LoadProfile, { type: 'diurnal' }>;

function diurnalRps(p: Diurnal, startEpochMs: number, tMs: number): number {
  const h = msOfDay(startEpochMs, tMs) / HOUR_MS;
  return p.baseRps + ((p.peakRps - p.baseRps) * (1 + Math.cos((2 * Math.PI * (h - p.peakHour)) / 24))) / 2;
}

/** One profile's rate at `tMs`. */
function profileRps(p: LoadProfile, tMs: number, startEpochMs: number): number {
  switch (p.type) {
    case 'constant':
      return p.rps;
    case 'step':
      return lastAtOrBefore(p.steps, tMs);
    case 'replay':
      return lastAtOrBefore(p.points, tMs);
    case 'ramp':
      if (tMs < p.startMs) return p.fromRps;
      if (tMs >= p.endMs) return p.toRps;
      return p.fromRps + ((p.toRps - p.fromRps) * (tMs - p.startMs)) / (p.endMs - p.startMs);
    case 'spike':
      return tMs >= p.atMs && tMs < p.atMs + p.durationMs ? p.extraRps : 0;
    case 'diurnal':
      return diurnalRps(p, startEpochMs, tMs);
  }
}

/**
 * Requests/s offered at `tMs`: the sum of the profiles. A diurnal profile is a cosine day on the UTC clock:
 * `base + (peak − base) × (1 + cos(2π (h − peakHour) / 24)) / 2`, `h` the fractional UTC hour of
 * `startEpochMs + tMs`. Steps, spikes and replays change at their times (the new rate applies from that instant).
 *
 * @example
 * ```ts
 * offeredRps([{ type: 'constant', rps: 50 }, { type: 'spike', extraRps: 100, atMs: 60_000, durationMs: 30_000 }], 70_000, 0); // 150
 * offeredRps([{ type: 'diurnal', baseRps: 10, peakRps: 110, peakHour: 12 }], 0, Date.UTC(2024, 0, 1, 18)); // 60
 * ```
 * @category load
 */
export function offeredRps(profiles: readonly LoadProfile[], tMs: number, startEpochMs: number): number {
  let sum = 0;
  for (const p of profiles) sum += profileRps(p, tMs, startEpochMs);
  return sum;
}

// ---------------------------------------------------------------------------------------------------------------
// Requests over an interval

/** Requests over an interval, and how long the load exceeded capacity. */
export interface RequestsOver {
  readonly offered: number;
  readonly served: number;
  /** `offered − served`. */
  readonly dropped: number;
  readonly overloadedMs: number;
}

/** The instants in (fromMs, toMs) where a piecewise profile changes rate or slope. */
function breakpoints(profiles: readonly LoadProfile[], fromMs: number, toMs: number): number[] {
  const out: number[] = [fromMs, toMs];
  const add = (t: number): void => {
    if (t > fromMs && t < toMs) out.push(t);
  };
  for (const p of profiles) {
    if (p.type === 'step') for (const s of p.steps) add(s.atMs);
    else if (p.type === 'replay') for (const s of p.points) add(s.atMs);
    else if (p.type === 'ramp') {
      add(p.startMs);
      add(p.endMs);
    } else if (p.type === 'spike') {
      add(p.atMs);
      add(p.atMs + p.durationMs);
    }
  }
  out.sort((a, b) => a - b);
  return out.filter((t, i) => i === 0 || t !== out[i - 1]);
}

/**
 * The range of a diurnal profile's rate over [a, b]: the values at both ends, widened to the peak or the trough
 * when one falls inside (the cosine is monotone between them). Exact, so `requestsOver` can tell an interval that
 * never reaches capacity — the usual case, a service scaled to a target below 100% — from one that crosses it.
 */
function diurnalRange(p: Diurnal, startEpochMs: number, a: number, b: number): [number, number] {
  const va = diurnalRps(p, startEpochMs, a);
  const vb = diurnalRps(p, startEpochMs, b);
  let lo = Math.min(va, vb);
  let hi = Math.max(va, vb);
  if (b - a >= DAY_MS / 2) return [Math.min(p.baseRps, p.peakRps), Math.max(p.baseRps, p.peakRps)];
  const dayA = msOfDay(startEpochMs, a);
  const inside = (hourOfDay: number): boolean => {
    const at = (((hourOfDay * HOUR_MS - dayA) % DAY_MS) + DAY_MS) % DAY_MS; // ms after a
    return at > 0 && at < b - a;
  };
  const peak = p.peakRps;
  const trough = p.baseRps;
  if (inside(p.peakHour)) {
    lo = Math.min(lo, peak);
    hi = Math.max(hi, peak);
  }
  if (inside(p.peakHour + 12)) {
    lo = Math.min(lo, trough);
    hi = Math.max(hi, trough);
  }
  return [lo, hi];
}

/** ∫ of a diurnal profile over [a, b), requests (exact). */
function diurnalIntegral(p: Diurnal, startEpochMs: number, a: number, b: number): number {
  const omega = (2 * Math.PI) / DAY_MS;
  const phase = (2 * Math.PI * p.peakHour) / 24;
  const half = (p.peakRps - p.baseRps) / 2;
  const sinAt = (t: number): number => Math.sin(omega * msOfDay(startEpochMs, t) - phase);
  return ((p.baseRps + half) * (b - a) + (half * (sinAt(b) - sinAt(a))) / omega) / 1000;
}

interface Segment {
  readonly offered: number;
  readonly served: number;
  readonly overloadedMs: number;
}

/** [a, b) where the rate is linear from `va` to `vb⁻`: exact. */
function linearSegment(va: number, vb: number, lengthMs: number, capacity: number): Segment {
  const offered = ((va + vb) / 2) * (lengthMs / 1000);
  const ea = va - capacity;
  const eb = vb - capacity;
  let excess: number;
  let overloadedMs: number;
  if (ea <= 0 && eb <= 0) {
    excess = 0;
    overloadedMs = 0;
  } else if (ea >= 0 && eb >= 0) {
    excess = ((ea + eb) / 2) * (lengthMs / 1000);
    overloadedMs = ea > 0 || eb > 0 ? lengthMs : 0;
  } else {
    // The rate crosses capacity inside: a triangle of excess over the part above it.
    const above = Math.max(ea, eb);
    const fraction = above / (Math.abs(ea) + Math.abs(eb));
    overloadedMs = lengthMs * fraction;
    excess = (above / 2) * (overloadedMs / 1000);
  }
  const served = Math.min(Math.max(0, offered - excess), capacity * (lengthMs / 1000));
  return { offered, served, overloadedMs };
}

/**
 * Requests offered to and served by tasks of total capacity `capacityRpsTotal` (requests/s, constant over the
 * interval) during [fromMs, toMs): `offered = ∫ rps`, `served = ∫ min(rps, capacity)`, `dropped = offered −
 * served`, `overloadedMs` = time with rps > capacity.
 *
 * Exact where the load is piecewise linear (constant, step, ramp, spike, replay), and where diurnal load cannot
 * reach capacity (or always exceeds it); otherwise the midpoint rule with a fixed step ≤ {@link QUADRATURE_STEP_MS}.
 * Counts are floored to multiples of 2^-16 requests so that `served + dropped === offered` exactly.
 *
 * @example
 * ```ts
 * requestsOver([{ type: 'constant', rps: 150 }], 0, 0, 60_000, 100); // { offered: 9000, served: 6000, dropped: 3000, overloadedMs: 60000 }
 * ```
 * @category load
 */
export function requestsOver(profiles: readonly LoadProfile[], startEpochMs: number, fromMs: number, toMs: number, capacityRpsTotal: number): RequestsOver {
  if (!(toMs > fromMs)) return { offered: 0, served: 0, dropped: 0, overloadedMs: 0 };
  const capacity = Math.max(0, capacityRpsTotal);
  const piecewise = profiles.filter((p) => p.type !== 'diurnal');
  const diurnals = profiles.filter((p): p is Diurnal => p.type === 'diurnal');
  const points = breakpoints(piecewise, fromMs, toMs);
  let offered = 0;
  let served = 0;
  let overloadedMs = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    const lengthMs = b - a;
    // Linear on [a, b): its value at a, and the left limit at b extrapolated through the midpoint.
    const va = offeredRps(piecewise, a, startEpochMs);
    const vb = 2 * offeredRps(piecewise, a + lengthMs / 2, startEpochMs) - va;
    let seg: Segment;
    let diurnalLow = 0;
    let diurnalHigh = 0;
    for (const d of diurnals) {
      const [lo, hi] = diurnalRange(d, startEpochMs, a, b);
      diurnalLow += lo;
      diurnalHigh += hi;
    }
    if (diurnals.length === 0) {
      seg = linearSegment(va, vb, lengthMs, capacity);
    } else if (Math.max(va, vb) + diurnalHigh <= capacity || Math.min(va, vb) + diurnalLow > capacity) {
      // Never or always above capacity: exact.
      const o = ((va + vb) / 2) * (lengthMs / 1000) + diurnals.reduce((s, p) => s + diurnalIntegral(p, startEpochMs, a, b), 0);
      const always = Math.min(va, vb) + diurnalLow > capacity;
      seg = { offered: o, served: always ? capacity * (lengthMs / 1000) : o, overloadedMs: always ? lengthMs : 0 };
    } else {
      seg = midpointSegment(piecewise, diurnals, startEpochMs, a, lengthMs, capacity);
    }
    offered += seg.offered;
    served += seg.served;
    overloadedMs += seg.overloadedMs;
  }
  const o = quantize(offered);
  const s = Math.min(quantize(served), o);
  return { offered: o, served: s, dropped: o - s, overloadedMs };
}

/** The midpoint rule on [a, a + lengthMs) with equal steps ≤ {@link QUADRATURE_STEP_MS}. */
function midpointSegment(
  piecewise: readonly LoadProfile[],
  diurnals: readonly Diurnal[],
  startEpochMs: number,
  a: number,
  lengthMs: number,
  capacity: number,
): Segment {
  const n = Math.ceil(lengthMs / QUADRATURE_STEP_MS);
  const dtMs = lengthMs / n;
  let offered = 0;
  let served = 0;
  let overloadedMs = 0;
  for (let k = 0; k < n; k++) {
    const t = a + (k + 0.5) * dtMs;
    let v = offeredRps(piecewise, t, startEpochMs);
    for (const d of diurnals) v += diurnalRps(d, startEpochMs, t);
    offered += v * (dtMs / 1000);
    served += Math.min(v, capacity) * (dtMs / 1000);
    if (v > capacity) overloadedMs += dtMs;
  }
  return { offered, served, overloadedMs };
}

// ---------------------------------------------------------------------------------------------------------------
// Utilization

/**
 * Average CPU and memory utilization (percent) of `runningTasks` tasks sharing `offeredRps`: with load fraction
 * `f = rps / (n × capacityRps)`, CPU = `min(100, cpuBaseline + (100 − cpuBaseline) × f)` and memory goes linearly
 * from `memoryBaselinePct` to `memoryAtCapacityPct` as `f` goes 0 → 1 (no further). `null` with no task running
 * (no datapoint, as in CloudWatch).
 *
 * @example
 * ```ts
 * utilization({ capacityRps: 100, cpuBaselinePct: 2, memoryBaselinePct: 20, memoryAtCapacityPct: 60, profile: [] }, 100, 2);
 * // { cpuPct: 51, memoryPct: 40 }
 * ```
 * @category load
 */
export function utilization(load: ServiceLoad, offeredRps: number, runningTasks: number): { cpuPct: number | null; memoryPct: number | null } {
  if (!(runningTasks > 0) || !(load.capacityRps > 0)) return { cpuPct: null, memoryPct: null };
  const f = Math.max(0, offeredRps) / (runningTasks * load.capacityRps);
  const cpuPct = Math.min(100, load.cpuBaselinePct + (100 - load.cpuBaselinePct) * f);
  const memoryPct = load.memoryBaselinePct + (load.memoryAtCapacityPct - load.memoryBaselinePct) * Math.min(1, f);
  return { cpuPct, memoryPct };
}
