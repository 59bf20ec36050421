/**
 * The edge of the report: reads the ECharts library shipped in the `echarts` package and writes the page that
 * {@link renderReport} builds.
 *
 * @module
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { renderReport } from '../../report/renderReport.js';
import type { ReportLimits } from '../../report/reportData.js';
import type { SimulationResult } from '../../sim/result.js';

/** Reads `echarts/dist/echarts.min.js` as resolved from this package (so a global install finds its own copy). */
export async function readEchartsJs(): Promise<string> {
  const path = createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js');
  return readFile(path, 'utf8');
}

/**
 * Renders `result` and writes it to `outPath` (creating its folder); returns the page's size in bytes.
 * @category cli
 */
export async function writeReport(result: SimulationResult, outPath: string, limits?: ReportLimits): Promise<{ readonly bytes: number }> {
  const html = renderReport(result, { echartsJs: await readEchartsJs() }, limits);
  await mkdir(dirname(outPath), { recursive: true });
  await writeFile(outPath, html, 'utf8');
  return { bytes: Buffer.byteLength(html, 'utf8') };
}
