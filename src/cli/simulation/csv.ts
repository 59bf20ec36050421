/**
 * CSV files of a simulation (`--csv DIR`): per variant and seed, one file of series per service, one for the
 * account and one of free IPs per subnet; and `outcomes.csv`, one row per variant, seed and service (plus
 * `total`). Pure: returns the files' relative paths and texts; the command writes them.
 *
 * @module
 */
import { SERVICE_OUTCOME_METRICS, TOTAL_OUTCOME_METRICS } from '../../sim/aggregate.js';
import { TOTAL_SUBJECT } from '../../sim/asserts.js';
import type { SeedResult, SimulationResult } from '../../sim/result.js';

/** One file to write, relative to the CSV directory. */
export interface CsvFile {
  readonly path: string;
  readonly text: string;
}

/** A safe path segment: characters outside `[A-Za-z0-9._-]` become `_` (names are ECS names, mostly safe already). */
export function pathSegment(name: string): string {
  const s = name.replace(/[^A-Za-z0-9._-]/g, '_');
  return s === '' || s === '.' || s === '..' ? `_${s}` : s;
}

/** A CSV cell (RFC 4180): quoted when it holds a comma, quote or line break; `null` is empty. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function table(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}

/** A table of series with `time` (ISO, the period's start) and `period` columns first. */
function seriesTable(seed: SeedResult, columns: Readonly<Record<string, readonly (number | null)[]>>): string {
  const names = Object.keys(columns);
  const rows: (string | number | null)[][] = [];
  for (let i = 0; i < seed.periods; i++) {
    rows.push([new Date(seed.startMs + i * seed.periodMs).toISOString(), i, ...names.map((n) => columns[n]?.[i] ?? null)]);
  }
  return table(['time', 'period', ...names], rows);
}

/** The series files of one seed, under `<variant>/seed-<seed>/`. */
export function seedCsvFiles(seed: SeedResult): CsvFile[] {
  const dir = `${pathSegment(seed.variant)}/seed-${seed.seed}`;
  const files: CsvFile[] = Object.entries(seed.services).map(([service, series]) => ({
    path: `${dir}/service-${pathSegment(service.replace('/', '.'))}.csv`,
    text: seriesTable(seed, series as unknown as Record<string, readonly (number | null)[]>),
  }));
  files.push({ path: `${dir}/account.csv`, text: seriesTable(seed, seed.account as unknown as Record<string, readonly number[]>) });
  files.push({ path: `${dir}/subnets.csv`, text: seriesTable(seed, seed.subnets) });
  return files;
}

/** `outcomes.csv`: variant, seed, subject (service or `total`), then every outcome number (empty where none). */
export function outcomesCsv(result: SimulationResult): string {
  const metrics: readonly string[] = TOTAL_OUTCOME_METRICS;
  const rows: (string | number | null)[][] = [];
  for (const v of result.variants) {
    for (const s of v.seeds) {
      for (const [service, o] of Object.entries(s.outcomes)) {
        const values = o as unknown as Record<string, number>;
        rows.push([v.name, s.seed, service, ...metrics.map((m) => ((SERVICE_OUTCOME_METRICS as readonly string[]).includes(m) ? (values[m] ?? null) : null))]);
      }
      const totals = s.totals as unknown as Record<string, number>;
      rows.push([v.name, s.seed, TOTAL_SUBJECT, ...metrics.map((m) => totals[m] ?? null)]);
    }
  }
  return table(['variant', 'seed', 'subject', ...metrics], rows);
}

/** Every CSV file of a result: `outcomes.csv`, then each variant's seeds' series. */
export function csvFiles(result: SimulationResult): CsvFile[] {
  return [{ path: 'outcomes.csv', text: outcomesCsv(result) }, ...result.variants.flatMap((v) => v.seeds.flatMap(seedCsvFiles))];
}
