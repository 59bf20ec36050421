/**
 * The `timeline` section: ECS operations and faults at virtual times, kept in file order.
 *
 * An entry is `{ at, operation, input?, times?, every? }` (any ECS operation the twin implements; `times` calls
 * `every` apart) or `{ at, fault, …arguments }` with the fault's arguments beside it:
 * `azOutage { availabilityZone, duration }`, `capacityShortage { capacityProvider, availabilityZone, duration }`,
 * `subnetUnavailable { subnetId, duration? }`, `spotInterruptions { ratePerTaskHour, duration? }`,
 * `crashes { service, mtbf, exitCode?, duration? }`, `quota { onDemandVcpu?, spotVcpu? }`.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { operations } from '../../api/operations.js';
import { REQUEST_LIMITS, readPlainInput } from '../../codecs/plainInput.js';
import { describeValue } from '../../codecs/reporter.js';
import { closestKey } from '../../codecs/strict.js';
import { pathToString, type Path } from './problems.js';
import { fail, isObj, optional, readDuration, readEnum, readList, readNumber, readObject, readString, readTime, type Obj, type Reader } from './reader.js';
import { resolveServiceRef, type ServiceId } from './serviceRefs.js';
import type { FaultEntry, TimelineEntry } from './types.js';

/** What the timeline checks names against. */
export interface TimelineContext {
  readonly services: readonly ServiceId[];
  /** The World's Availability Zones and subnet ids; `undefined` when the World config is invalid (not checked). */
  readonly network: { readonly zones: readonly string[]; readonly subnetIds: readonly string[] } | undefined;
}

/** Most calls one entry may repeat (`times`). */
const MAX_TIMES = 100_000;
const FAULTS = ['azOutage', 'capacityShortage', 'subnetUnavailable', 'spotInterruptions', 'crashes', 'quota'] as const;

/** Decodes `timeline`. */
export function readTimeline(r: Reader, u: unknown, path: Path, ctx: TimelineContext): TimelineEntry[] | undefined {
  const list = readList(r, u, path, 'a list of timeline entries');
  if (list === undefined) return undefined;
  const out = list.map((e, i) => readEntry(r, e, [...path, i], ctx));
  return out.every((e) => e !== undefined) ? (out as TimelineEntry[]) : undefined;
}

function readEntry(r: Reader, u: unknown, path: Path, ctx: TimelineContext): TimelineEntry | undefined {
  if (!isObj(u)) return fail(r, path, `expected a timeline entry { at, operation, input } or { at, fault, … }, got ${describeValue(u)}`);
  const shape = u;
  if ((shape.operation === undefined) === (shape.fault === undefined)) {
    return fail(r, path, 'a timeline entry has either an operation (with its input) or a fault, not both or neither');
  }
  return shape.operation !== undefined ? readOperation(r, shape, path) : readFault(r, shape, path, ctx);
}

function readOperation(r: Reader, o: Obj, path: Path): TimelineEntry | undefined {
  readObject(r, o, path, 'an operation entry', { at: true, operation: true, input: false, times: false, every: false });
  const before = r.issues.length;
  const atMs = optional(o, path, 'at', (v, p) => readTime(r, v, p));
  const operation = optional(o, path, 'operation', (v, p) => {
    if (typeof v === 'string' && operations.has(v)) return v;
    const hint = typeof v === 'string' ? closestKey(v, [...operations.keys()]) : undefined;
    const known = hint === undefined ? ` (${[...operations.keys()].join(', ')})` : '';
    return fail(r, p, `expected an ECS operation the twin implements${known}, got ${describeValue(v)}${hint === undefined ? '' : ` (did you mean ${hint}?)`}`);
  });
  const input = optional(o, path, 'input', (v, p) => {
    const plain = readPlainInput(v, REQUEST_LIMITS, '');
    if (E.isLeft(plain)) return fail(r, p, plain.left.message);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? plain.right : fail(r, p, `expected the operation's request object, got ${describeValue(v)}`);
  });
  const times = optional(o, path, 'times', (v, p) => readNumber(r, v, p, { min: 1, max: MAX_TIMES, integer: true })) ?? 1;
  // `every: 0` is a burst: every call at the same instant (as a script's unthrottled loop sends them).
  const everyMs = optional(o, path, 'every', (v, p) => readDuration(r, v, p, 0));
  if (times > 1 && o.every === undefined) fail(r, [...path, 'every'], `required when times is more than 1, but missing`);
  if (atMs !== undefined && everyMs !== undefined && r.durationMs !== undefined && atMs + (times - 1) * everyMs > r.durationMs) {
    fail(r, [...path, 'times'], `the last of ${times} calls ${everyMs / 1000} s apart would come after the end of the scenario`);
  }
  if (r.issues.length > before || atMs === undefined || operation === undefined) return undefined;
  return { _tag: 'operation', atMs, operation, input: input ?? {}, times, everyMs: everyMs ?? 0, path: pathToString(path) };
}

function readFault(r: Reader, o: Obj, path: Path, ctx: TimelineContext): FaultEntry | undefined {
  const fault = readEnum(r, o.fault, [...path, 'fault'], FAULTS);
  if (fault === undefined) return undefined;
  const fields: Record<(typeof FAULTS)[number], Record<string, boolean>> = {
    azOutage: { availabilityZone: true, duration: true },
    capacityShortage: { capacityProvider: true, availabilityZone: true, duration: true },
    subnetUnavailable: { subnetId: true, duration: false },
    spotInterruptions: { ratePerTaskHour: true, duration: false },
    crashes: { service: true, mtbf: true, exitCode: false, duration: false },
    quota: { onDemandVcpu: false, spotVcpu: false },
  };
  readObject(r, o, path, `a ${fault} fault`, { at: true, fault: true, ...fields[fault] });
  const before = r.issues.length;
  const atMs = optional(o, path, 'at', (v, p) => readTime(r, v, p));
  const durationMs = optional(o, path, 'duration', (v, p) => readDuration(r, v, p, 1));
  const zone = (): string | undefined =>
    optional(o, path, 'availabilityZone', (v, p) => {
      const s = readString(r, v, p, 64);
      const zones = ctx.network?.zones;
      if (s === undefined || zones === undefined || zones.includes(s)) return s;
      return fail(r, p, `'${s}' is not an Availability Zone of the World's Region (${zones.join(', ')})`);
    });
  const p = pathToString(path);
  let entry: FaultEntry | undefined;
  const window = durationMs === undefined ? {} : { durationMs };
  switch (fault) {
    case 'azOutage': {
      const availabilityZone = zone();
      if (atMs !== undefined && durationMs !== undefined && availabilityZone !== undefined) entry = { _tag: fault, atMs, durationMs, availabilityZone, path: p };
      break;
    }
    case 'capacityShortage': {
      const capacityProvider = optional(o, path, 'capacityProvider', (v, q) => readEnum(r, v, q, ['FARGATE', 'FARGATE_SPOT'] as const));
      const availabilityZone = zone();
      if (atMs !== undefined && durationMs !== undefined && capacityProvider !== undefined && availabilityZone !== undefined) {
        entry = { _tag: fault, atMs, durationMs, capacityProvider, availabilityZone, path: p };
      }
      break;
    }
    case 'subnetUnavailable': {
      const subnetId = optional(o, path, 'subnetId', (v, q) => {
        const s = readString(r, v, q, 64);
        const ids = ctx.network?.subnetIds;
        return s === undefined || ids === undefined || ids.includes(s) ? s : fail(r, q, `'${s}' is not a subnet of the World's network (${ids.join(', ')})`);
      });
      if (atMs !== undefined && subnetId !== undefined) entry = { _tag: fault, atMs, ...window, subnetId, path: p };
      break;
    }
    case 'spotInterruptions': {
      const rate = optional(o, path, 'ratePerTaskHour', (v, q) => readNumber(r, v, q, { min: 0, max: 3_600 }));
      if (atMs !== undefined && rate !== undefined) entry = { _tag: fault, atMs, ...window, ratePerTaskHour: rate, path: p };
      break;
    }
    case 'crashes': {
      const service = optional(o, path, 'service', (v, q) => {
        const s = readString(r, v, q, 512);
        if (s === undefined) return undefined;
        const found = resolveServiceRef(s, ctx.services);
        return E.isRight(found) ? s : fail(r, q, found.left);
      });
      const mtbfMs = optional(o, path, 'mtbf', (v, q) => readDuration(r, v, q, 1_000));
      const exitCode = optional(o, path, 'exitCode', (v, q) => readNumber(r, v, q, { min: 0, max: 255, integer: true })) ?? 1;
      if (atMs !== undefined && service !== undefined && mtbfMs !== undefined) entry = { _tag: fault, atMs, ...window, service, mtbfMs, exitCode, path: p };
      break;
    }
    case 'quota': {
      const vcpu = (k: string): number | undefined => optional(o, path, k, (v, q) => readNumber(r, v, q, { min: 0, max: 1e9 }));
      const [onDemandVcpu, spotVcpu] = [vcpu('onDemandVcpu'), vcpu('spotVcpu')];
      if (o.onDemandVcpu === undefined && o.spotVcpu === undefined) fail(r, path, 'a quota fault sets onDemandVcpu, spotVcpu or both');
      if (atMs !== undefined) {
        entry = { _tag: fault, atMs, ...(onDemandVcpu === undefined ? {} : { onDemandVcpu }), ...(spotVcpu === undefined ? {} : { spotVcpu }), path: p };
      }
      break;
    }
  }
  return r.issues.length > before ? undefined : entry;
}
