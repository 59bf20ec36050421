// The report page as a string: self-contained (no URL the browser would fetch), its embedded data round-trips,
// hostile names cannot break out of the HTML or the data script, every chart has its container, and the same
// result renders to the same bytes.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { REPORT_CHARTS, renderReport } from '../../src/report/renderReport.js';
import { DEFAULT_REPORT_LIMITS, jsonForScript, reportData, roundForChart, type ReportData } from '../../src/report/reportData.js';
import { formatClock, formatNumber } from '../../src/report/format.js';
import { buildFixture } from './fixture.js';

const echartsJs = readFileSync(createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js'), 'utf8');
const result = buildFixture();
const html = renderReport(result, { echartsJs });

/** The text of `<script type="application/json" id="report-data">`, as the browser's parser would end it. */
function embeddedJson(page: string): string {
  const open = '<script type="application/json" id="report-data">';
  const start = page.indexOf(open);
  expect(start, 'the page has a report-data script').toBeGreaterThan(0);
  const end = page.indexOf('</script', start + open.length); // the HTML parser ends the element at the first `</script`
  return page.slice(start + open.length, end);
}

/** The page without the inlined library (whose text is the library's, checked separately). */
function withoutLibrary(page: string): string {
  return page.replace(echartsJs, '');
}

describe('renderReport', () => {
  it('inlines the ECharts library once, and nothing the browser would fetch', () => {
    expect(html.split(echartsJs).length - 1).toBe(1);
    // The library's text holds markup templates, XML namespace strings and its license link, none fetched on
    // load (the browser test proves no request leaves the page); everything else is ours and must hold no
    // attribute that loads anything, no CSS url() or @import, and no URL at all.
    const ours = withoutLibrary(html);
    expect(ours).not.toMatch(/<[a-z][^>]*\s(src|href|srcset|action|poster|data)\s*=/i);
    expect(ours).not.toMatch(/url\s*\(/i);
    expect(ours).not.toMatch(/@import/i);
    expect(ours).not.toMatch(/(https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/i);
  });

  it('embeds data that round-trips: JSON.parse gives reportData(result) back', () => {
    const data = JSON.parse(embeddedJson(html)) as ReportData;
    expect(data).toEqual(reportData(result, DEFAULT_REPORT_LIMITS));
    const seed0 = result.variants[1]?.seeds[0];
    const embedded = data.variants[1]?.seeds[0];
    expect(embedded?.seed).toBe(seed0?.seed);
    expect(embedded?.services['web/api']?.RunningTaskCount).toEqual(seed0?.services['web/api']?.RunningTaskCount);
    expect(embedded?.services['web/worker']?.CPUUtilization).toEqual(seed0?.services['web/worker']?.CPUUtilization.map((x) => (x === null ? null : Math.round(x * 10) / 10)));
    expect(embedded?.services['web/worker']?.ServedRequests).toEqual(seed0?.services['web/worker']?.ServedRequests.map(Math.round));
    const cost = (xs: readonly number[] | undefined): number => (xs ?? []).reduce((s, x) => s + x, 0);
    expect(cost(embedded?.account.CostUsd)).toBeCloseTo(cost(seed0?.account.CostUsd), 3); // rounding costs keeps the total
    expect(embedded?.markers).toEqual(seed0?.markers);
    expect(data.variants[0]?.fan['web/api']?.p90).toEqual(result.variants[0]?.fan['web/api']?.p90);
    expect(data.scalingTargets['web/api']).toEqual({ metric: 'ECSServiceAverageCPUUtilization', targetValue: 70 });
  });

  it('rounds non-integers to 6 significant digits and keeps integers exact', () => {
    expect(roundForChart(73.33333333333333)).toBe(73.3333);
    expect(roundForChart(0.000123456789)).toBe(0.000123457);
    expect(roundForChart(1_234_567_891)).toBe(1_234_567_891);
  });

  it('embeds only the first seeds and services its limits allow', () => {
    const limited = reportData(buildFixture({ seeds: 4, periods: 30 }), { maxSeedsPerVariant: 2, maxChartServices: 1 });
    expect(limited.chartServices).toEqual(['web/api']);
    expect(limited.services).toEqual(['web/api', 'web/worker']);
    expect(limited.variants.map((v) => v.seeds.map((s) => s.seed))).toEqual([[1, 2], [1, 2]]);
    expect(limited.variants[0]?.seedCount).toBe(4);
    expect(Object.keys(limited.variants[0]?.seeds[0]?.services ?? {})).toEqual(['web/api']);
    expect(Object.keys(limited.variants[0]?.fan ?? {})).toEqual(['web/api']);
  });

  it('keeps hostile names inert: no script break-out in the data, escaped in the tables', () => {
    const hostile = '</script><script>alert(1)</script><!--';
    const img = '<img src=x onerror=alert(2)>';
    const page = renderReport(
      buildFixture({ services: [hostile, `cluster/${img}`], subnets: ['subnet-"&\'<>'], periods: 60, scenario: `<b>${hostile}</b>` }),
      { echartsJs },
    );
    const json = embeddedJson(page);
    expect(json).not.toMatch(/[<>]/);
    const data = JSON.parse(json) as ReportData;
    expect(data.services).toEqual([hostile, `cluster/${img}`]);
    expect(data.scenario).toBe(`<b>${hostile}</b>`);
    expect(Object.keys(data.variants[0]?.seeds[0]?.subnets ?? {})).toEqual(['subnet-"&\'<>']);
    // Only our own three scripts, and the names only as escaped text (the library's own text set aside).
    const ours = withoutLibrary(page);
    expect(ours.match(/<script/g)?.length).toBe(3);
    expect(ours.includes('<img'), 'an <img> element made it into the page').toBe(false);
    expect(ours.includes('<b>'), 'a <b> element made it into the page').toBe(false);
    expect(ours.includes('&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!--'), 'the hostile name appears escaped').toBe(true);
  });

  it('has a container, heading and caption for every chart the issue lists', () => {
    expect(REPORT_CHARTS.map((c) => c.id)).toEqual([
      'chart-tasks', // running vs desired, with deployment and fault markers
      'chart-utilization', // CPU utilization against the scaling target
      'chart-load', // offered vs served load
      'chart-fan', // fan chart of the seeds
      'chart-vcpu', // vCPU quota headroom
      'chart-ips', // free IPs per subnet
      'chart-cost', // cost over time
      'chart-events', // launch failures, throttles, interruptions
    ]);
    for (const c of REPORT_CHARTS) {
      expect(html).toContain(`<div class="chart" id="${c.id}"></div>`);
      expect(html).toContain(`<h3 id="h-${c.id}">${c.title}</h3>`);
      expect(html).toContain(`'${c.id}'`); // the page script draws into it
    }
    for (const id of ['variant-select', 'seed-select', 'service-select', 'comparison-table']) expect(html).toContain(`id="${id}"`);
  });

  it('shows the variant comparison with deltas, asserts and the best variant marked', () => {
    const table = html.slice(html.indexOf('<table class="data" id="comparison-table">'), html.indexOf('</table>', html.indexOf('id="comparison-table"')));
    expect(table).toContain('<tr data-variant="spot-80" class="best">');
    expect(table).toContain('<span class="badge">best</span>');
    const spot = result.variants[1];
    expect(table).toContain(formatNumber(spot?.costDeltaUsd ?? Number.NaN, 2, true));
    for (const a of spot?.asserts ?? []) expect(table).toContain(`<code>${a.text.replace(/</g, '&lt;')}</code>`);
    expect(table.match(/class="pass"/g)?.length).toBeGreaterThanOrEqual(2);
  });

  it('shows one outcome table per variant, the first visible, with a row per service and the total', () => {
    expect(html.match(/<div class="outcomes" data-variant-index="\d+"/g)).toEqual(['<div class="outcomes" data-variant-index="0"', '<div class="outcomes" data-variant-index="1"']);
    expect(html).toContain('<div class="outcomes" data-variant-index="1" hidden>');
    const total = result.variants[0]?.outcomes['total']?.['minutesBelowDesired'];
    expect(html).toMatch(new RegExp(`<tr class="total"><th scope="row"><strong>Total</strong></th><td class="num">${formatNumber(total?.mean ?? 0, 1)}</td>`));
    expect(html).toContain('<th scope="row">web/worker</th>');
  });

  it('is deterministic: the same result renders to the same bytes, and another result differently', () => {
    expect(renderReport(buildFixture(), { echartsJs })).toBe(html);
    expect(renderReport(buildFixture({ seeds: 2 }), { echartsJs })).not.toBe(html);
  });

  it('keeps a 24 h × 200-service result to a page of a few megabytes', () => {
    const services = Array.from({ length: 200 }, (_, i) => `prod/svc-${String(i).padStart(3, '0')}`);
    const page = renderReport(buildFixture({ services, seeds: 3 }), { echartsJs });
    const bytes = Buffer.byteLength(page, 'utf8');
    expect(bytes).toBeLessThan(12 * 1024 * 1024);
    expect(page).toContain('<th scope="row">prod/svc-199</th>'); // every service is in the outcome table
  });
});

describe('formatting', () => {
  it('formats clock times from the start past 24 h, and numbers without the host locale', () => {
    expect(formatClock(0)).toBe('00:00');
    expect(formatClock(26 * 3_600_000 + 30 * 60_000)).toBe('26:30');
    expect(formatClock(90_500, true)).toBe('00:01:30');
    expect(formatNumber(1234567.891, 2)).toBe('1\u2009234\u2009567.89');
    expect(formatNumber(-13.444, 2, true)).toBe('\u221213.44');
    expect(formatNumber(0.0001, 2, true)).toBe('0.00');
    expect(formatNumber(Number.NaN, 2)).toBe('–');
  });

  it('escapes every character that could end a script element or start a comment in embedded JSON', () => {
    const text = jsonForScript({ a: '</script><!-- & \u2028' });
    expect(text).toBe('{"a":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028"}');
    expect(JSON.parse(text)).toEqual({ a: '</script><!-- & \u2028' });
  });
});
