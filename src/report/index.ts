/**
 * The what-if report renderer: a {@link SimulationResult} in, one self-contained HTML page out (pure; the CLI's
 * `writeReport` reads the ECharts library and writes the file).
 *
 * @module
 */
export { renderReport, REPORT_CHARTS, type ReportAssets, type ReportChart } from './renderReport.js';
export { reportData, jsonForScript, roundForChart, DEFAULT_REPORT_LIMITS, type ReportData, type ReportLimits } from './reportData.js';
