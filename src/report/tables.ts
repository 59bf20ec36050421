/**
 * The report's tables as static HTML (readable without script, by screen readers and in a diff): the variant
 * comparison and, per variant, the outcome table. Rendered from the full result, so their statistics cover every
 * seed even when the page embeds the series of only a few.
 *
 * @module
 */
import type { AssertVerdict, SimulationResult, Stats, VariantResult } from '../sim/result.js';
import { escapeHtml, formatNumber } from './format.js';

/** The outcome metrics the outcome table shows, in order, with their heading and decimals. */
export const OUTCOME_COLUMNS: readonly { readonly metric: string; readonly heading: string; readonly decimals: number }[] = [
  { metric: 'minutesBelowDesired', heading: 'Minutes below desired', decimals: 1 },
  { metric: 'minutesOverloaded', heading: 'Minutes overloaded', decimals: 1 },
  { metric: 'droppedRequestsPct', heading: 'Dropped requests (%)', decimals: 3 },
  { metric: 'tasksReplaced', heading: 'Tasks replaced', decimals: 1 },
  { metric: 'spotInterruptions', heading: 'Spot interruptions', decimals: 1 },
  { metric: 'maxTimeToSteadyStateMinutes', heading: 'Time to steady state (min, worst)', decimals: 1 },
  { metric: 'costUsd', heading: 'Cost (USD)', decimals: 2 },
];

/** The statistics shown per outcome metric. */
export const OUTCOME_STATS: readonly (keyof Stats)[] = ['mean', 'p50', 'p90', 'max'];

/** Mean over seeds of a total outcome: the variant's statistics when present, else computed from its seeds. */
export function totalMean(variant: VariantResult, metric: 'costUsd' | 'droppedRequestsPct' | 'minutesBelowDesired'): number {
  const stat = variant.outcomes['total']?.[metric];
  if (stat !== undefined) return stat.mean;
  if (variant.seeds.length === 0) return Number.NaN;
  return variant.seeds.reduce((sum, s) => sum + s.totals[metric], 0) / variant.seeds.length;
}

/** Assert texts in order of first appearance over the variants. */
function assertTexts(result: SimulationResult): string[] {
  const seen = new Set<string>();
  for (const v of result.variants) for (const a of v.asserts) seen.add(a.text);
  return [...seen];
}

function assertCell(verdicts: readonly AssertVerdict[]): string {
  if (verdicts.length === 0) return '<td class="na">–</td>';
  const failed = verdicts.filter((a) => !a.pass);
  const detail = verdicts.map((a) => `${a.subject} ${a.statistic} = ${formatNumber(a.value, 3)}: ${a.pass ? 'pass' : 'FAIL'}`).join('\n');
  if (failed.length === 0) {
    const shown = verdicts.length === 1 && verdicts[0] !== undefined ? ` ${formatNumber(verdicts[0].value, 2)}` : '';
    return `<td class="pass" title="${escapeHtml(detail)}"><span aria-hidden="true">✓</span> pass${escapeHtml(shown)}</td>`;
  }
  const first = failed[0];
  const what = first !== undefined ? ` ${first.subject}: ${formatNumber(first.value, 2)}` : '';
  const more = failed.length > 1 ? ` (+${failed.length - 1} more)` : '';
  return `<td class="fail" title="${escapeHtml(detail)}"><span aria-hidden="true">✗</span> fail${escapeHtml(what + more)}</td>`;
}

function deltaCell(delta: number, decimals: number, isFirst: boolean): string {
  if (isFirst) return '<td class="num na">–</td>';
  const cls = delta > 0 ? ' worse' : delta < 0 ? ' better' : '';
  return `<td class="num${cls}">${formatNumber(delta, decimals, true)}</td>`;
}

/**
 * The variant comparison: mean cost, dropped %, minutes below desired, their deltas against the first variant,
 * one column per assert, and the verdict; the `best` variant's row is marked.
 * @category report
 */
export function renderComparisonTable(result: SimulationResult): string {
  const texts = assertTexts(result);
  const first = result.variants[0];
  const firstBelow = first !== undefined ? totalMean(first, 'minutesBelowDesired') : 0;
  const head = [
    '<th scope="col">Variant</th>',
    '<th scope="col" class="num">Mean cost (USD)</th>',
    '<th scope="col" class="num">Δ cost (USD)</th>',
    '<th scope="col" class="num">Dropped (%)</th>',
    '<th scope="col" class="num">Δ dropped (pp)</th>',
    '<th scope="col" class="num">Minutes below desired</th>',
    '<th scope="col" class="num">Δ minutes</th>',
    ...texts.map((t) => `<th scope="col"><code>${escapeHtml(t)}</code></th>`),
    '<th scope="col">Verdict</th>',
  ].join('');
  const rows = result.variants.map((v, i) => {
    const isBest = v.name === result.best;
    const below = totalMean(v, 'minutesBelowDesired');
    const name = `${escapeHtml(v.name)}${isBest ? ' <span class="badge">best</span>' : ''}${
      v.description !== undefined ? `<div class="sub">${escapeHtml(v.description)}</div>` : ''
    }`;
    return [
      `<tr data-variant="${escapeHtml(v.name)}"${isBest ? ' class="best"' : ''}>`,
      `<th scope="row">${name}</th>`,
      `<td class="num">${formatNumber(totalMean(v, 'costUsd'), 2)}</td>`,
      deltaCell(v.costDeltaUsd, 2, i === 0),
      `<td class="num">${formatNumber(totalMean(v, 'droppedRequestsPct'), 3)}</td>`,
      deltaCell(v.droppedPctDelta, 3, i === 0),
      `<td class="num">${formatNumber(below, 1)}</td>`,
      deltaCell(below - firstBelow, 1, i === 0),
      ...texts.map((t) => assertCell(v.asserts.filter((a) => a.text === t))),
      v.pass ? '<td class="pass">pass</td>' : '<td class="fail">fail</td>',
      '</tr>',
    ].join('');
  });
  return `<table class="data" id="comparison-table"><caption>Means over ${result.seedCount} seed${
    result.seedCount === 1 ? '' : 's'
  }; deltas against “${escapeHtml(first?.name ?? '')}”; asserts as the scenario states them.</caption><thead><tr>${head}</tr></thead><tbody>${rows.join(
    '',
  )}</tbody></table>`;
}

/**
 * One variant's outcome table: a row per service and one for the total; per outcome metric, its mean, p50, p90
 * and max over the seeds. Metrics the result does not carry are left out.
 * @category report
 */
export function renderOutcomeTable(variant: VariantResult, index: number, services: readonly string[]): string {
  const subjects = [...services.filter((s) => variant.outcomes[s] !== undefined), ...(variant.outcomes['total'] !== undefined ? ['total'] : [])];
  const columns = OUTCOME_COLUMNS.filter((c) => subjects.some((s) => variant.outcomes[s]?.[c.metric] !== undefined));
  const head1 = columns.map((c) => `<th scope="colgroup" colspan="${OUTCOME_STATS.length}">${escapeHtml(c.heading)}</th>`).join('');
  const head2 = columns.map(() => OUTCOME_STATS.map((s) => `<th scope="col" class="num">${s}</th>`).join('')).join('');
  const rows = subjects.map((subject) => {
    const cells = columns
      .map((c) => {
        const stat = variant.outcomes[subject]?.[c.metric];
        return OUTCOME_STATS.map((s) => `<td class="num">${stat !== undefined ? formatNumber(stat[s], c.decimals) : '–'}</td>`).join('');
      })
      .join('');
    const label = subject === 'total' ? '<strong>Total</strong>' : escapeHtml(subject);
    return `<tr${subject === 'total' ? ' class="total"' : ''}><th scope="row">${label}</th>${cells}</tr>`;
  });
  return [
    `<div class="outcomes" data-variant-index="${index}"${index === 0 ? '' : ' hidden'}>`,
    `<table class="data"><caption>Outcomes of “${escapeHtml(variant.name)}” over ${variant.seeds.length} seed${variant.seeds.length === 1 ? '' : 's'}</caption>`,
    `<thead><tr><th scope="col" rowspan="2">Service</th>${head1}</tr><tr>${head2}</tr></thead>`,
    `<tbody>${rows.join('')}</tbody></table></div>`,
  ].join('');
}
