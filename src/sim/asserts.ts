/**
 * Asserts: `metric op value` checked against a statistic over the seeds, per service, for every service, or on
 * the total. A scenario's asserts make it a capacity regression test (exit status 1 when one fails).
 *
 * @module
 */
import type { AssertVerdict, Stats } from './result.js';
import type { AssertSpec } from './scenario/types.js';

/** The key of the account-wide outcomes in {@link VariantResult.outcomes} and in verdicts' `subject`. */
export const TOTAL_SUBJECT = 'total';

/** Whether `actual op expected` holds (`==` is exact: write `<=` for a tolerance). */
export function compare(actual: number, op: AssertSpec['op'], expected: number): boolean {
  switch (op) {
    case '<':
      return actual < expected;
    case '<=':
      return actual <= expected;
    case '>':
      return actual > expected;
    case '>=':
      return actual >= expected;
    case '==':
      return actual === expected;
  }
}

/**
 * Finds the outcome key a service reference names: the exact key (`cluster/service`), else the one key whose
 * service part is `ref` (`web` for `prod/web`); otherwise a `problem` saying why none fits (unknown, or in two clusters).
 */
export function resolveServiceKey(ref: string, keys: readonly string[]): { key: string } | { problem: string } {
  if (keys.includes(ref)) return { key: ref };
  const matches = keys.filter((k) => k.slice(k.lastIndexOf('/') + 1) === ref);
  if (matches.length === 1 && matches[0] !== undefined) return { key: matches[0] };
  if (matches.length > 1) return { problem: `service ${ref} is ambiguous (${matches.join(', ')}); write cluster/service` };
  return { problem: `no service ${ref} in the results (services: ${keys.length > 0 ? keys.join(', ') : 'none'})` };
}

function verdictFor(spec: AssertSpec, subject: string, stats: Stats | undefined): AssertVerdict {
  if (stats === undefined) {
    // Account-wide metrics (launch failures, throttles) have no per-service value.
    return { text: spec.text, subject, statistic: spec.over, value: 0, pass: false, problem: `${spec.metric} is not measured per service; use total.${spec.metric}` };
  }
  const value = stats[spec.over];
  return { text: spec.text, subject, statistic: spec.over, value, pass: compare(value, spec.op, spec.value) };
}

/**
 * The verdicts of `specs` on one variant's outcome statistics (`outcomes[service][metric]`, with
 * {@link TOTAL_SUBJECT} for the total), in spec order; an `each` assert gives one verdict per service, in the
 * order of `outcomes`. A spec that names no known service or a metric the subject lacks fails, with `problem`
 * saying why (it never throws: an assert that cannot be checked must not pass silently).
 */
export function evaluateAsserts(
  specs: readonly AssertSpec[],
  outcomes: Readonly<Record<string, Readonly<Record<string, Stats>>>>,
): AssertVerdict[] {
  const services = Object.keys(outcomes).filter((k) => k !== TOTAL_SUBJECT);
  const verdicts: AssertVerdict[] = [];
  for (const spec of specs) {
    switch (spec.scope._tag) {
      case 'total':
        verdicts.push(verdictFor(spec, TOTAL_SUBJECT, outcomes[TOTAL_SUBJECT]?.[spec.metric]));
        break;
      case 'each':
        for (const s of services) verdicts.push(verdictFor(spec, s, outcomes[s]?.[spec.metric]));
        break;
      case 'service': {
        const found = resolveServiceKey(spec.scope.service, services);
        if ('problem' in found) {
          verdicts.push({ text: spec.text, subject: spec.scope.service, statistic: spec.over, value: 0, pass: false, problem: found.problem });
        } else {
          verdicts.push(verdictFor(spec, found.key, outcomes[found.key]?.[spec.metric]));
        }
        break;
      }
    }
  }
  return verdicts;
}
