/**
 * The terminal summary of a simulation: one row per variant (mean cost and its delta against the first variant,
 * mean dropped requests, minutes below desired, asserts passed), the best variant, and each failed assert with
 * its value. Plain text (no colours), so it reads the same in a CI log.
 *
 * @module
 */
import Table from 'cli-table3';
import { TOTAL_SUBJECT } from '../../sim/asserts.js';
import type { SimulationResult, Stats, VariantResult } from '../../sim/result.js';

const usd = (n: number): string => `${n < 0 ? '-' : ''}$${Math.abs(n).toFixed(2)}`;
const signedUsd = (n: number): string => (n > 0 ? `+${usd(n)}` : usd(n));
const fixed = (n: number, digits: number): string => n.toFixed(digits);
const total = (v: VariantResult, metric: string): Stats | undefined => v.outcomes[TOTAL_SUBJECT]?.[metric];

/** The summary table and the lines under it, ending with a newline. */
export function formatSummary(result: SimulationResult): string {
  const table = new Table({
    head: ['variant', 'cost (mean)', 'vs first', 'dropped % (mean)', 'min below desired (mean / max)', 'asserts'],
    style: { head: [], border: [] },
    colAligns: ['left', 'right', 'right', 'right', 'right', 'left'],
  });
  for (const v of result.variants) {
    const cost = total(v, 'costUsd');
    const dropped = total(v, 'droppedRequestsPct');
    const below = total(v, 'minutesBelowDesired');
    const passed = v.asserts.filter((a) => a.pass).length;
    table.push([
      v.name === result.best ? `${v.name} (best)` : v.name,
      usd(cost?.mean ?? 0),
      v === result.variants[0] ? '' : signedUsd(v.costDeltaUsd),
      fixed(dropped?.mean ?? 0, 3),
      `${fixed(below?.mean ?? 0, 1)} / ${fixed(below?.max ?? 0, 1)}`,
      v.asserts.length === 0 ? 'none' : `${v.pass ? 'PASS' : 'FAIL'} ${passed}/${v.asserts.length}`,
    ]);
  }
  const seedWord = result.seedCount === 1 ? 'seed' : 'seeds';
  const lines = [`${result.scenario}: ${result.seedCount} ${seedWord} × ${result.variants.length} variant${result.variants.length === 1 ? '' : 's'}, ${result.durationMs / 3_600_000} virtual hours each`, table.toString()];
  for (const v of result.variants) {
    for (const a of v.asserts.filter((x) => !x.pass)) {
      const where = a.problem !== undefined ? a.problem : `${a.statistic} over seeds = ${a.value}`;
      lines.push(`FAIL ${v.name}: ${a.text} (${a.subject}: ${where})`);
    }
  }
  const anyAsserts = result.variants.some((v) => v.asserts.length > 0);
  if (result.best !== null && anyAsserts) lines.push(`best: ${result.best} (passes every assert at the least mean cost)`);
  else if (result.best !== null && result.variants.length > 1) lines.push(`cheapest: ${result.best} (no asserts to check)`);
  else if (result.best === null) lines.push('no variant passes every assert');
  return lines.join('\n') + '\n';
}
