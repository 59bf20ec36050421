/**
 * The `assert` and `prices` sections.
 *
 * An assert is `"metric op value"` (each service), `"service.metric op value"` (`service` or `cluster/service`),
 * or `"total.metric op value"`, written as a string or as `{ check, over }` where `over` says which statistic over
 * the seeds must pass (default `max`: the worst seed).
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { describeValue } from '../../codecs/reporter.js';
import { closestKey } from '../../codecs/strict.js';
import { PRICE_KEYS } from '../../fargate/pricing.js';
import type { Path } from './problems.js';
import { fail, isObj, optional, readEnum, readList, readNumber, readObject, type Reader } from './reader.js';
import { resolveServiceRef, type ServiceId } from './serviceRefs.js';
import type { AssertMetric, AssertSpec, PriceOverrides, SeedStatistic } from './types.js';

/** Every metric an assert may check (the type {@link AssertMetric}, as a list). */
export const ASSERT_METRICS: readonly AssertMetric[] = [
  'minutesBelowDesired',
  'minutesOverloaded',
  'droppedRequestsPct',
  'droppedRequests',
  'tasksReplaced',
  'costUsd',
  'spotInterruptions',
  'launchFailures',
  'throttles',
  'maxTimeToSteadyStateMinutes',
];

const STATISTICS: readonly SeedStatistic[] = ['mean', 'p50', 'p90', 'p99', 'min', 'max'];
const CHECK = /^\s*(?:([A-Za-z0-9_-]+(?:\/[A-Za-z0-9_-]+)?)\.)?([A-Za-z]+)\s*(<=|>=|==|<|>)\s*(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)\s*$/;

/** Decodes `assert`. */
export function readAsserts(r: Reader, u: unknown, path: Path, services: readonly ServiceId[]): AssertSpec[] | undefined {
  const list = readList(r, u, path, 'a list of checks such as "web.minutesBelowDesired <= 5"');
  if (list === undefined) return undefined;
  const out = list.map((item, i) => {
    const p = [...path, i];
    if (typeof item === 'string') return readCheck(r, item, p, 'max', services);
    const o = readObject(r, item, p, 'a check: a string, or { check, over }', { check: true, over: false });
    if (o === undefined) return undefined;
    const over = optional(o, p, 'over', (v, q) => readEnum(r, v, q, STATISTICS)) ?? 'max';
    if (typeof o.check !== 'string') return o.check === undefined ? undefined : fail(r, [...p, 'check'], `expected a check such as "minutesBelowDesired <= 5", got ${describeValue(o.check)}`);
    return readCheck(r, o.check, [...p, 'check'], over, services);
  });
  return out.every((a) => a !== undefined) ? (out as AssertSpec[]) : undefined;
}

function readCheck(r: Reader, text: string, path: Path, over: SeedStatistic, services: readonly ServiceId[]): AssertSpec | undefined {
  const m = text.length <= 300 ? CHECK.exec(text) : null;
  if (m === null) return fail(r, path, `expected "[service.|total.]metric op number" (op: < <= > >= ==), got ${describeValue(text)}`);
  const [, scopeText, metricText, op, valueText] = m;
  if (!(ASSERT_METRICS as readonly string[]).includes(metricText!)) {
    const hint = closestKey(metricText!, ASSERT_METRICS);
    return fail(r, path, `unknown metric '${metricText}'${hint === undefined ? '' : ` (did you mean '${hint}'?)`}; metrics: ${ASSERT_METRICS.join(', ')}`);
  }
  const value = Number(valueText);
  if (!Number.isFinite(value)) return fail(r, path, `expected a finite number to compare with, got ${valueText}`);
  let scope: AssertSpec['scope'];
  if (scopeText === undefined) scope = { _tag: 'each' };
  else if (scopeText === 'total') scope = { _tag: 'total' };
  else {
    const found = resolveServiceRef(scopeText, services);
    if (E.isLeft(found)) return fail(r, path, found.left);
    scope = { _tag: 'service', service: scopeText };
  }
  return { text: text.trim(), scope, metric: metricText as AssertMetric, op: op as AssertSpec['op'], value, over };
}

// The rate keys of the price table (src/fargate/pricing.ts): one list for the table, the overrides and this reader.

/** Decodes `prices`: USD rates ≥ 0, `spotFactor` from 0 to 1. */
export function readPrices(r: Reader, u: unknown, path: Path): PriceOverrides | undefined {
  const o = readObject(r, u, path, 'a prices object', Object.fromEntries(PRICE_KEYS.map((k) => [k, false])));
  if (o === undefined || !isObj(u)) return undefined;
  const out: Record<string, number> = {};
  let ok = true;
  for (const k of PRICE_KEYS) {
    if (o[k] === undefined) continue;
    const n = readNumber(r, o[k], [...path, k], k === 'spotFactor' ? { min: 0, max: 1 } : { min: 0, max: 1e6 });
    if (n === undefined) ok = false;
    else out[k] = n;
  }
  return ok ? (out as PriceOverrides) : undefined;
}
