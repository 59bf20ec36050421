// The report in a real browser (Debian's Chromium, driven by playwright-core): the page loads offline with no
// console or page errors, every chart draws, the selectors redraw, hostile names stay inert. One browser launch
// for the file. Chromium missing is a failure, not a skip: CI installs it (.ci/run).
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReport } from '../../src/cli/report/writeReport.js';
import { REPORT_CHARTS } from '../../src/report/renderReport.js';
import { roundForChart } from '../../src/report/reportData.js';
import * as E from 'fp-ts/lib/Either.js';
import { readScenarioFile } from '../../src/cli/readScenario.js';
import { simulate } from '../../src/sim/simulate.js';
import { buildFixture } from './fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const OUT = resolve(import.meta.dirname, '../../test-output');
const result = buildFixture();

let browser: Browser;

interface Opened {
  readonly page: Page;
  readonly problems: string[];
  readonly requests: string[];
  readonly url: string;
}

/** Opens `file` offline, recording console errors and warnings, page errors, dialogs and every request. */
async function open(file: string): Promise<Opened> {
  const context = await browser.newContext({ offline: true, viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('request', (r) => requests.push(r.url()));
  const url = pathToFileURL(file).href;
  await page.goto(url, { waitUntil: 'load' });
  return { page, problems, requests, url };
}

/** What each chart drew: its canvas size, how many of its pixels are painted, and its series' point counts. */
async function drawn(page: Page): Promise<Record<string, { width: number; height: number; painted: number; points: number[] }>> {
  return page.evaluate((ids) => {
    const out: Record<string, { width: number; height: number; painted: number; points: number[] }> = {};
    interface Canvas2D {
      drawImage(c: unknown, x: number, y: number): void;
      getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
    }
    interface Canvas {
      width: number;
      height: number;
      getContext(k: string, o?: unknown): Canvas2D;
    }
    const w = globalThis as unknown as {
      echarts: { getInstanceByDom(el: unknown): { getOption(): { series: { data: unknown[] }[] } } | undefined };
      document: { getElementById(id: string): { querySelector(s: string): Canvas | null } | null; createElement(t: string): Canvas };
    };
    for (const id of ids) {
      const el = w.document.getElementById(id);
      const canvas = el?.querySelector('canvas') ?? null;
      let painted = 0;
      if (canvas !== null && canvas.width > 0 && canvas.height > 0) {
        // Read a copy, not the chart's own canvas (reading that back makes Chromium warn on the console).
        const copy = w.document.createElement('canvas');
        copy.width = canvas.width;
        copy.height = canvas.height;
        const ctx = copy.getContext('2d', { willReadFrequently: true });
        ctx.drawImage(canvas, 0, 0);
        const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
        for (let i = 3; i < pixels.length; i += 4) if ((pixels[i] ?? 0) > 0) painted++;
      }
      const chart = el === null ? undefined : w.echarts.getInstanceByDom(el);
      out[id] = { width: canvas?.width ?? 0, height: canvas?.height ?? 0, painted, points: (chart?.getOption().series ?? []).map((s) => s.data.length) };
    }
    return out;
  }, REPORT_CHARTS.map((c) => c.id));
}

/** The data of series `index` in the chart `id`. */
async function seriesData(page: Page, id: string, index: number): Promise<unknown[]> {
  return page.evaluate(([chartId, i]) => {
    const w = globalThis as unknown as { echarts: { getInstanceByDom(el: unknown): { getOption(): { series: { data: unknown[] }[] } } }; document: { getElementById(id: string): unknown } };
    return w.echarts.getInstanceByDom(w.document.getElementById(chartId)).getOption().series[i]?.data ?? [];
  }, [id, index] as const);
}

async function state(page: Page): Promise<{ variant: string; seed: number; service: string | null; renders: number }> {
  const [json, renders] = await page.evaluate(() => {
    const body = (globalThis as unknown as { document: { body: { getAttribute(n: string): string | null } } }).document.body;
    return [body.getAttribute('data-state'), body.getAttribute('data-renders')];
  });
  return { ...(JSON.parse(json ?? '{}') as { variant: string; seed: number; service: string | null }), renders: Number(renders) };
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium); .ci/run does it in CI`);
  await mkdir(OUT, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close();
});

describe('the report in Chromium', () => {
  it('loads offline with no errors, draws every chart, and redraws when the selectors change', async () => {
    const file = join(OUT, 'report.html');
    await writeReport(result, file);
    const { page, problems, requests, url } = await open(file);
    expect(requests, 'the page fetches nothing but itself').toEqual([url]);

    const charts = await drawn(page);
    for (const c of REPORT_CHARTS) {
      const d = charts[c.id];
      expect(d?.width, `${c.id} has a canvas`).toBeGreaterThan(100);
      expect(d?.height, `${c.id} has a canvas`).toBeGreaterThan(100);
      expect(d?.painted, `${c.id} painted its canvas`).toBeGreaterThan(2000);
      expect(d?.points.length, `${c.id} has series`).toBeGreaterThan(0);
      expect(Math.min(...(d?.points ?? [0])), `${c.id}: every series has its 1440 points`).toBe(1440);
    }
    expect(await state(page)).toEqual({ variant: 'on-demand', seed: 1, service: 'web/api', renders: 1 });
    expect(await seriesData(page, 'chart-tasks', 0)).toEqual(result.variants[0]?.seeds[0]?.services['web/api']?.RunningTaskCount);
    await page.screenshot({ path: join(OUT, 'report.png'), fullPage: true });

    await page.selectOption('#variant-select', '1');
    expect(await state(page)).toEqual({ variant: 'spot-80', seed: 1, service: 'web/api', renders: 2 });
    expect(await seriesData(page, 'chart-tasks', 0)).toEqual(result.variants[1]?.seeds[0]?.services['web/api']?.RunningTaskCount);
    expect(await seriesData(page, 'chart-vcpu', 2)).toEqual(result.variants[1]?.seeds[0]?.account.SpotVcpuInUse.map(roundForChart));
    expect(await page.isVisible('.outcomes[data-variant-index="1"]')).toBe(true);
    expect(await page.isVisible('.outcomes[data-variant-index="0"]')).toBe(false);
    expect(await page.getAttribute('#comparison-table tbody tr:nth-child(2)', 'class')).toBe('best selected');

    await page.selectOption('#seed-select', '2');
    await page.selectOption('#service-select', '1');
    expect(await state(page)).toEqual({ variant: 'spot-80', seed: 3, service: 'web/worker', renders: 4 });
    expect(await seriesData(page, 'chart-tasks', 1)).toEqual(result.variants[1]?.seeds[2]?.services['web/worker']?.DesiredTaskCount);
    expect(await page.textContent('#notes')).toContain('Spot share 80 %');
    expect((await drawn(page))['chart-fan']?.painted).toBeGreaterThan(2000);
    expect(problems).toEqual([]);
  });

  it('draws a real run: bundled scenario 1 through the simulator, with its outage window and scaling target', async () => {
    const loaded = readScenarioFile(resolve(import.meta.dirname, '../../docs/examples/scenarios/az-outage/scenario.yaml'));
    if (E.isLeft(loaded)) throw new Error(loaded.left.map((p) => p.message).join('; '));
    const real = simulate(loaded.right, { seeds: 2 });
    const file = join(OUT, 'report-az-outage.html');
    await writeReport(real, file);
    const { page, problems, requests, url } = await open(file);
    expect(requests).toEqual([url]);
    const charts = await drawn(page);
    for (const c of REPORT_CHARTS) {
      expect(charts[c.id]?.painted, `${c.id} painted its canvas`).toBeGreaterThan(2000);
      expect(Math.min(...(charts[c.id]?.points ?? [0])), `${c.id}: a point per minute of the day`).toBe(1440);
    }
    expect(await seriesData(page, 'chart-tasks', 0)).toEqual(real.variants[0]?.seeds[0]?.services['prod/web']?.RunningTaskCount);
    expect(real.scalingTargets?.['prod/web']).toEqual({ metric: 'ECSServiceAverageCPUUtilization', targetValue: 60 });
    expect(await page.textContent('#comparison-table')).toContain('best');
    await page.screenshot({ path: join(OUT, 'report-az-outage.png'), fullPage: true });
    expect(problems).toEqual([]);
  });

  it('keeps hostile service, subnet and scenario names inert', async () => {
    const hostile = '</script><script>alert(1)</script>';
    const img = '<img src=x onerror="alert(2)">';
    const file = join(OUT, 'report-hostile.html');
    await writeReport(buildFixture({ services: [hostile, `c/${img}`], subnets: [`subnet-${img}`], periods: 120, scenario: hostile }), file);
    const { page, problems, requests, url } = await open(file);
    expect(await page.$$eval('#service-select option', (os) => os.map((o) => o.textContent))).toEqual([hostile, `c/${img}`]);
    expect(await page.title()).toBe(`What-if report: ${hostile}`);
    expect(await page.$$('img')).toEqual([]);
    await page.hover('#chart-ips canvas', { position: { x: 300, y: 150 } }); // a tooltip names the subnet
    await page.selectOption('#service-select', '1');
    expect(await state(page)).toMatchObject({ service: `c/${img}` });
    expect(requests).toEqual([url]);
    expect(problems).toEqual([]);
  });
});
