/**
 * The what-if report: one self-contained HTML page for a {@link SimulationResult} — summary, variant comparison,
 * charts (Apache ECharts, inlined) and outcome tables. Pure: the caller passes the ECharts library's text, so the
 * same result and library give the same bytes, and the page fetches nothing when opened.
 *
 * @module
 */
import type { SimulationResult } from '../sim/result.js';
import { CLIENT_SCRIPT } from './clientScript.js';
import { escapeHtml, formatClock, formatNumber } from './format.js';
import { DEFAULT_REPORT_LIMITS, jsonForScript, reportData, type ReportLimits } from './reportData.js';
import { REPORT_CSS } from './styles.js';
import { renderComparisonTable, renderOutcomeTable, totalMean } from './tables.js';

/** What the page inlines besides the data. */
export interface ReportAssets {
  /** The text of `echarts/dist/echarts.min.js` (it defines the global `echarts`). */
  readonly echartsJs: string;
}

/** A chart of the report: its container id, heading and how to read it. */
export interface ReportChart {
  readonly id: string;
  readonly title: string;
  readonly caption: string;
}

/** The charts, in page order (the page script draws into exactly these containers). */
export const REPORT_CHARTS: readonly ReportChart[] = [
  { id: 'chart-tasks', title: 'Running vs desired tasks', caption: 'Tasks of the selected service at the start of each period; dashed blue lines are deployments, red lines and shaded windows are faults.' },
  { id: 'chart-utilization', title: 'CPU and memory utilization vs scaling target', caption: 'Average over RUNNING tasks (%); the red dashed line is the target-tracking target. Gaps: no task ran.' },
  { id: 'chart-load', title: 'Offered vs served load', caption: 'Requests per second offered to the selected service and served by its healthy tasks; the red area was dropped.' },
  { id: 'chart-fan', title: 'Running tasks over all seeds (fan chart)', caption: 'Band: 10th to 90th percentile of RunningTaskCount over the seeds of the variant; line: the median.' },
  { id: 'chart-vcpu', title: 'Fargate vCPU quota headroom', caption: 'On-Demand and Spot vCPUs in use (areas) against their account quotas (dashed).' },
  { id: 'chart-ips', title: 'Free IPs per subnet', caption: 'Addresses left in each subnet; a task in awsvpc mode takes one.' },
  { id: 'chart-cost', title: 'Cost over time', caption: 'Cumulative Fargate cost (USD) of every task in the selected variant (solid) and in the other variants for the same seed (dashed).' },
  { id: 'chart-events', title: 'Launch failures, throttles and interruptions', caption: 'Events per period across the account.' },
];

/** Tags a script's text may not contain: `</script` would end the element and `<!--` changes how it is parsed. */
function scriptSafe(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function summary(result: SimulationResult, limits: ReportLimits, serviceCount: number): string {
  const items: [string, string][] = [
    ['Duration', formatClock(result.durationMs, result.durationMs % 60_000 !== 0)],
    ['Metric period', `${formatNumber(result.periodMs / 1000, 0)} s`],
    ['Seeds', String(result.seedCount)],
    ['Variants', String(result.variants.length)],
    ['Services', String(serviceCount)],
    ['Best variant', result.best ?? 'none passes every assert'],
  ];
  const verdict = result.pass ? '<dd class="verdict-pass">every assert passes</dd>' : '<dd class="verdict-fail">an assert fails</dd>';
  const cheapest = result.variants.reduce<{ name: string; cost: number } | null>((best, v) => {
    const cost = totalMean(v, 'costUsd');
    return best === null || cost < best.cost ? { name: v.name, cost } : best;
  }, null);
  return [
    '<dl class="summary">',
    ...items.map(([k, v]) => `<div><dt>${k}</dt><dd>${escapeHtml(v)}</dd></div>`),
    `<div><dt>Verdict</dt>${verdict}</div>`,
    cheapest !== null ? `<div><dt>Cheapest</dt><dd>${escapeHtml(cheapest.name)} (${formatNumber(cheapest.cost, 2)} USD)</dd></div>` : '',
    '</dl>',
    `<p class="scope">Charts embed the first ${plural(limits.maxSeedsPerVariant, 'seed')} of each variant and the first ${plural(
      limits.maxChartServices,
      'service',
    )}; the tables cover every seed and service.</p>`,
  ].join('');
}

function chartFigure(c: ReportChart): string {
  const h = `h-${c.id}`;
  return `<figure class="chart-card" aria-labelledby="${h}"><h3 id="${h}">${escapeHtml(c.title)}</h3><div class="chart" id="${c.id}"></div><figcaption>${escapeHtml(
    c.caption,
  )}</figcaption></figure>`;
}

/**
 * Renders `result` as one HTML page that opens offline: the ECharts library from `assets` and the data (see
 * {@link reportData}) inlined, no external URL. Same inputs ⇒ same bytes.
 * @category report
 * @example
 * const html = renderReport(result, { echartsJs: readFileSync(require.resolve('echarts/dist/echarts.min.js'), 'utf8') });
 */
export function renderReport(result: SimulationResult, assets: ReportAssets, limits: ReportLimits = DEFAULT_REPORT_LIMITS): string {
  const data = reportData(result, limits);
  const title = `What-if report: ${result.scenario}`;
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="ecs-twin">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${escapeHtml(title)}</h1>`,
    result.description !== undefined ? `<p>${escapeHtml(result.description)}</p>` : '',
    summary(result, limits, data.services.length),
    '</header>',
    '<main>',
    '<section aria-labelledby="h-comparison"><h2 id="h-comparison">Variant comparison</h2>',
    `<div class="table-wrap">${renderComparisonTable(result)}</div></section>`,
    '<section aria-labelledby="h-charts"><h2 id="h-charts">Charts</h2>',
    '<form class="controls" aria-label="What the charts show" onsubmit="return false">',
    '<label for="variant-select">Variant<select id="variant-select"></select></label>',
    '<label for="seed-select">Seed<select id="seed-select"></select></label>',
    '<label for="service-select">Service<select id="service-select"></select></label>',
    '</form>',
    '<noscript><p>The charts need JavaScript; the tables work without it.</p></noscript>',
    `<div class="grid">${REPORT_CHARTS.map(chartFigure).join('')}</div>`,
    '<section id="notes-section" aria-labelledby="h-notes" hidden><h3 id="h-notes">Notes for this seed</h3><ul class="notes" id="notes"></ul></section>',
    '</section>',
    '<section aria-labelledby="h-outcomes"><h2 id="h-outcomes">Outcomes per service</h2>',
    '<p class="scope">Mean, median (p50), 90th percentile and worst (max) over the seeds, for the variant selected above.</p>',
    `<div class="table-wrap">${result.variants.map((v, i) => renderOutcomeTable(v, i, data.services)).join('')}</div></section>`,
    '</main>',
    '<footer>Generated by ecs-twin from a deterministic simulation. Charts drawn with Apache ECharts (inlined, Apache License 2.0).</footer>',
    `<script type="application/json" id="report-data">${jsonForScript(data)}</script>`,
    `<script>${scriptSafe(assets.echartsJs)}</script>`,
    `<script>${scriptSafe(CLIENT_SCRIPT)}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
