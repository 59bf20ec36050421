/**
 * The `load` section: offered requests/s per service, as a sum of profiles (constant, step, ramp, diurnal, spike,
 * replay from points or a CSV file).
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { describeValue } from '../../codecs/reporter.js';
import type { Path } from './problems.js';
import { fail, isObj, optional, readDuration, readList, readNumber, readObject, readString, readTime, type Reader } from './reader.js';
import { resolveServiceRef, type ServiceId } from './serviceRefs.js';
import type { LoadProfile, ServiceLoad } from './types.js';

/** Requests/s: finite, ≥ 0, at most 1e9 (a bound that keeps sums exact enough; no service is offered more). */
const RPS = { min: 0, max: 1e9 } as const;
const PERCENT = { min: 0, max: 100 } as const;
/** Most points a replay may hold (a day at one per second is 86,400). */
const MAX_POINTS = 1_000_000;

export const DEFAULT_CPU_BASELINE_PCT = 2;
export const DEFAULT_MEMORY_BASELINE_PCT = 20;
export const DEFAULT_MEMORY_AT_CAPACITY_PCT = 60;

/** Decodes `load`: keys are service references that must name a service of `resources.services`. */
export function readLoad(r: Reader, u: unknown, path: Path, services: readonly ServiceId[]): Record<string, ServiceLoad> | undefined {
  if (!isObj(u)) return fail(r, path, `expected an object of service name → load, got ${describeValue(u)}`);
  const out: Record<string, ServiceLoad> = {};
  for (const [ref, spec] of Object.entries(u)) {
    const p = [...path, ref];
    const svc = resolveServiceRef(ref, services);
    if (E.isLeft(svc)) fail(r, p, svc.left, 'key');
    const l = readServiceLoad(r, spec, p);
    if (l !== undefined && E.isRight(svc)) out[ref] = l;
  }
  return out;
}

function readServiceLoad(r: Reader, u: unknown, path: Path): ServiceLoad | undefined {
  const o = readObject(r, u, path, 'a service load object', {
    capacityRps: true,
    cpuBaselinePct: false,
    memoryBaselinePct: false,
    memoryAtCapacityPct: false,
    profile: true,
  });
  if (o === undefined) return undefined;
  const capacityRps = optional(o, path, 'capacityRps', (v, p) => readNumber(r, v, p, { above: 0, max: RPS.max }));
  const cpu = optional(o, path, 'cpuBaselinePct', (v, p) => readNumber(r, v, p, PERCENT)) ?? DEFAULT_CPU_BASELINE_PCT;
  const memBase = optional(o, path, 'memoryBaselinePct', (v, p) => readNumber(r, v, p, PERCENT)) ?? DEFAULT_MEMORY_BASELINE_PCT;
  const memCap = optional(o, path, 'memoryAtCapacityPct', (v, p) => readNumber(r, v, p, PERCENT)) ?? DEFAULT_MEMORY_AT_CAPACITY_PCT;
  if (memCap < memBase) fail(r, [...path, 'memoryAtCapacityPct'], `expected at least memoryBaselinePct (${memBase}), got ${memCap}`);
  const profile = optional(o, path, 'profile', (v, p) => readProfiles(r, v, p));
  if (capacityRps === undefined || profile === undefined || memCap < memBase) return undefined;
  return { capacityRps, cpuBaselinePct: cpu, memoryBaselinePct: memBase, memoryAtCapacityPct: memCap, profile };
}

/** One profile, or a list of them (summed). */
function readProfiles(r: Reader, u: unknown, path: Path): LoadProfile[] | undefined {
  const items = Array.isArray(u) ? u.map((v, i) => readProfile(r, v, [...path, i])) : [readProfile(r, u, path)];
  if (Array.isArray(u) && u.length === 0) return fail(r, path, 'expected a profile or a non-empty list of profiles, got an empty list');
  return items.every((p) => p !== undefined) ? (items as LoadProfile[]) : undefined;
}

const PROFILE_TYPES = ['constant', 'step', 'ramp', 'diurnal', 'spike', 'replay'] as const;

function readProfile(r: Reader, u: unknown, path: Path): LoadProfile | undefined {
  if (!isObj(u)) return fail(r, path, `expected a profile object with a type (${PROFILE_TYPES.join(', ')}), got ${describeValue(u)}`);
  const type = u.type;
  const num = (key: string, rule: Parameters<typeof readNumber>[3] = RPS): number | undefined => optional(u, path, key, (v, p) => readNumber(r, v, p, rule));
  const time = (key: string): number | undefined => optional(u, path, key, (v, p) => readTime(r, v, p));
  switch (type) {
    case 'constant': {
      readObject(r, u, path, 'a constant profile', { type: true, rps: true });
      const rps = num('rps');
      return rps === undefined ? undefined : { type, rps };
    }
    case 'step': {
      readObject(r, u, path, 'a step profile', { type: true, steps: true });
      const steps = optional(u, path, 'steps', (v, p) => readTimedPoints(r, v, p, 'steps'));
      return steps === undefined ? undefined : { type, steps };
    }
    case 'ramp': {
      readObject(r, u, path, 'a ramp profile', { type: true, from: true, to: true, start: true, end: true });
      const [fromRps, toRps, startMs, endMs] = [num('from'), num('to'), time('start'), time('end')];
      if (startMs !== undefined && endMs !== undefined && endMs < startMs) return fail(r, [...path, 'end'], `expected a time at or after start, got one before it`);
      if (fromRps === undefined || toRps === undefined || startMs === undefined || endMs === undefined) return undefined;
      return { type, fromRps, toRps, startMs, endMs };
    }
    case 'diurnal': {
      readObject(r, u, path, 'a diurnal profile', { type: true, base: true, peak: true, peakHour: true });
      const [baseRps, peakRps, peakHour] = [num('base'), num('peak'), num('peakHour', { min: 0, max: 24 })];
      if (peakHour === 24) return fail(r, [...path, 'peakHour'], 'expected an hour from 0 up to (not including) 24, got 24');
      if (baseRps === undefined || peakRps === undefined || peakHour === undefined) return undefined;
      return { type, baseRps, peakRps, peakHour };
    }
    case 'spike': {
      readObject(r, u, path, 'a spike profile', { type: true, extra: true, at: true, duration: true });
      const [extraRps, atMs] = [num('extra'), time('at')];
      const durationMs = optional(u, path, 'duration', (v, p) => readDuration(r, v, p));
      if (extraRps === undefined || atMs === undefined || durationMs === undefined) return undefined;
      return { type, extraRps, atMs, durationMs };
    }
    case 'replay':
      return readReplay(r, u, path);
    default:
      return fail(r, [...path, 'type'], `expected one of ${PROFILE_TYPES.join(', ')}, got ${describeValue(type)}`);
  }
}

function readReplay(r: Reader, u: Readonly<Record<string, unknown>>, path: Path): LoadProfile | undefined {
  readObject(r, u, path, 'a replay profile', { type: true, csv: false, points: false });
  if ((u.csv === undefined) === (u.points === undefined)) return fail(r, path, 'a replay profile takes either csv (a file path) or points, not both or neither');
  if (u.points !== undefined) {
    const points = readTimedPoints(r, u.points, [...path, 'points'], 'points');
    return points === undefined ? undefined : { type: 'replay', points };
  }
  const csvPath = readString(r, u.csv, [...path, 'csv']);
  if (csvPath === undefined) return undefined;
  const text = r.readFile(csvPath);
  if (E.isLeft(text)) return fail(r, [...path, 'csv'], text.left);
  const points = parseReplayCsv(r, text.right, csvPath, [...path, 'csv']);
  return points === undefined ? undefined : { type: 'replay', points };
}

/** `steps: [{ at, rps }]` or `points: [[at, rps]]`, non-empty and sorted by time. */
function readTimedPoints(r: Reader, u: unknown, path: Path, kind: 'steps' | 'points'): { atMs: number; rps: number }[] | undefined {
  const list = readList(r, u, path, kind === 'steps' ? 'a list of { at, rps }' : 'a list of [at, rps] pairs');
  if (list === undefined) return undefined;
  if (list.length === 0 || list.length > MAX_POINTS) return fail(r, path, `expected 1 to ${MAX_POINTS} entries, got ${list.length}`);
  const out: { atMs: number; rps: number }[] = [];
  let ok = true;
  list.forEach((item, i) => {
    const p = [...path, i];
    let at: unknown;
    let rps: unknown;
    if (kind === 'steps') {
      const o = readObject(r, item, p, 'a step object { at, rps }', { at: true, rps: true });
      [at, rps] = [o?.at, o?.rps];
      if (o === undefined || at === undefined || rps === undefined) {
        ok = false;
        return;
      }
    } else {
      if (!Array.isArray(item) || item.length !== 2) {
        fail(r, p, `expected a pair [at, rps], got ${describeValue(item)}`);
        ok = false;
        return;
      }
      [at, rps] = item;
    }
    const atMs = readTime(r, at, kind === 'steps' ? [...p, 'at'] : [...p, 0]);
    const n = readNumber(r, rps, kind === 'steps' ? [...p, 'rps'] : [...p, 1], RPS);
    const prev = out[out.length - 1];
    if (atMs !== undefined && prev !== undefined && atMs < prev.atMs) fail(r, p, 'entries must be sorted by time; this one is earlier than the one before');
    if (atMs === undefined || n === undefined || (prev !== undefined && atMs < prev.atMs)) {
      ok = false;
      return;
    }
    out.push({ atMs, rps: n });
  });
  return ok ? out : undefined;
}

/**
 * A replay CSV: a header `time,rps`, then one row per point, sorted by time; `time` is a time as elsewhere in the
 * file (seconds from the start, `"10m"`, `"10:00"`, an ISO timestamp). Problems name the file's line.
 */
function parseReplayCsv(r: Reader, text: string, file: string, path: Path): { atMs: number; rps: number }[] | undefined {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').replace(/^\uFEFF/, '').trim().toLowerCase().replace(/\s+/g, '');
  if (header !== 'time,rps') return fail(r, path, `${file}:1: expected the header 'time,rps', got ${describeValue(lines[0] ?? '')}`);
  const out: { atMs: number; rps: number }[] = [];
  const before = r.issues.length;
  for (let i = 1; i < lines.length && r.issues.length - before < 20; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const cells = line.split(',').map((c) => c.trim());
    const where = `${file}:${i + 1}`;
    if (cells.length !== 2) {
      fail(r, path, `${where}: expected 2 cells (time,rps), got ${cells.length}`);
      continue;
    }
    const t = /^-?\d+(\.\d+)?$/.test(cells[0]!) ? Number(cells[0]) : cells[0];
    const sub: Reader = { ...r, issues: [] };
    const atMs = readTime(sub, t, path);
    const rps = /^\d+(\.\d+)?([eE][+-]?\d+)?$/.test(cells[1]!) ? Number(cells[1]) : NaN;
    for (const issue of sub.issues) fail(r, path, `${where}: time ${issue.message}`);
    if (!(rps >= RPS.min && rps <= RPS.max)) fail(r, path, `${where}: expected rps a number from 0 to ${RPS.max}, got ${describeValue(cells[1])}`);
    if (atMs === undefined || !(rps >= 0 && rps <= RPS.max)) continue;
    const prev = out[out.length - 1];
    if (prev !== undefined && atMs < prev.atMs) {
      fail(r, path, `${where}: rows must be sorted by time; this one is earlier than the row before`);
      continue;
    }
    if (out.length >= MAX_POINTS) return fail(r, path, `${file}: more than ${MAX_POINTS} rows`);
    out.push({ atMs, rps });
  }
  if (r.issues.length > before) return undefined;
  return out.length === 0 ? fail(r, path, `${file}: no rows after the header`) : out;
}
