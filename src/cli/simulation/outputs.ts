/**
 * What `simulate` and `merge` write and print: `--json` (the SimulationResult), `--csv DIR`, `--report` (HTML),
 * the summary table on stdout, and the exit status (0 every assert passed, 1 one failed, 2 bad input).
 *
 * @module
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import type { SimulationResult } from '../../sim/result.js';
import { csvFiles } from './csv.js';
import { formatSummary } from './summary.js';

/** Every assert passed (or there were none). */
export const EXIT_PASS = 0;
/** An assert failed: the scenario works as a capacity regression test in CI. */
export const EXIT_ASSERT_FAILED = 1;
/** A bad scenario, bad arguments, or a run that could not complete. */
export const EXIT_BAD_INPUT = 2;

/** Where the command prints, the environment it reads, and its clock (injected, so tests run it in-process). */
export interface CommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** The stream a progress bar draws on, and whether it is a terminal. */
  readonly progressStream: NodeJS.WritableStream;
  readonly isTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly nowMs: () => number;
}

/** Writes the HTML report of a result to a file (the report module's writer). */
export type ReportWriter = (result: SimulationResult, file: string) => Promise<E.Either<string, void>>;

/** The output options shared by `simulate` and `merge`. */
export interface OutputOptions {
  readonly json?: string;
  readonly csv?: string;
  readonly report?: string;
}

/** The process's own io. */
export function processIo(): CommandIo {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    progressStream: process.stderr,
    isTTY: process.stderr.isTTY === true,
    env: process.env,
    nowMs: () => Date.now(),
  };
}

/** A message for an I/O error, without the stack. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Writes a text file, creating its directory; `Left` is the message. */
export async function writeTextFile(file: string, text: string): Promise<E.Either<string, void>> {
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, text);
    return E.right(undefined);
  } catch (e) {
    return E.left(`cannot write ${file}: ${errorMessage(e)}`);
  }
}

/**
 * Writes the requested outputs, prints what was written (stderr) and the summary (stdout), and returns the exit
 * status: {@link EXIT_PASS} or {@link EXIT_ASSERT_FAILED} from the asserts, {@link EXIT_BAD_INPUT} when an output
 * cannot be written.
 */
export async function finish(result: SimulationResult, options: OutputOptions, io: CommandIo, writeReport: ReportWriter): Promise<number> {
  if (options.json !== undefined) {
    const w = await writeTextFile(options.json, `${JSON.stringify(result)}\n`);
    if (E.isLeft(w)) return fail(io, w.left);
    io.stderr(`wrote ${options.json}\n`);
  }
  if (options.csv !== undefined) {
    const files = csvFiles(result);
    for (const f of files) {
      const w = await writeTextFile(join(options.csv, f.path), f.text);
      if (E.isLeft(w)) return fail(io, w.left);
    }
    io.stderr(`wrote ${files.length} CSV files under ${options.csv}\n`);
  }
  if (options.report !== undefined) {
    const w = await writeReport(result, options.report);
    if (E.isLeft(w)) return fail(io, w.left);
    io.stderr(`wrote ${options.report}\n`);
  }
  io.stdout(formatSummary(result));
  return result.pass ? EXIT_PASS : EXIT_ASSERT_FAILED;
}

/** Prints `message` as an error line and returns {@link EXIT_BAD_INPUT}. */
export function fail(io: CommandIo, message: string): number {
  io.stderr(`error: ${message}\n`);
  return EXIT_BAD_INPUT;
}
