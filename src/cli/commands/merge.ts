/**
 * `ecs-twin merge PARTS…`: combines the partial results of a sharded `simulate` into exactly what one run gives,
 * then prints the summary and writes `--report`, `--json`, `--csv` like `simulate`. Exit status: 0 every assert
 * passed, 1 one failed, 2 parts that do not make one whole run (or cannot be read).
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import * as E from 'fp-ts/lib/Either.js';
import { decodePartial, mergePartials, type PartialResult } from '../../sim/partial.js';
import { errorMessage, fail, finish, type CommandIo, type OutputOptions, type ReportWriter } from '../simulation/outputs.js';
import { exitWithBadInput } from './simulate.js';

/** Reads and checks one partial result file; `Left` names the file and the problem. */
export async function readPartial(file: string): Promise<E.Either<string, PartialResult>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return E.left(`cannot read ${file}: ${errorMessage(e)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return E.left(`${file} is not valid JSON: ${errorMessage(e)}`);
  }
  return decodePartial(json, file);
}

/** Runs `merge`; resolves with the exit status. Never throws. */
export async function mergeCommand(files: readonly string[], options: OutputOptions, io: CommandIo, writeReport: ReportWriter): Promise<number> {
  const parts: PartialResult[] = [];
  for (const f of files) {
    const p = await readPartial(f);
    if (E.isLeft(p)) return fail(io, p.left);
    parts.push(p.right);
  }
  const merged = mergePartials(undefined, parts);
  if (E.isLeft(merged)) return fail(io, merged.left);
  return finish(merged.right, options, io, writeReport);
}

/** Adds the `merge` command. */
export function registerMergeCommand(program: Command, writeReport: () => Promise<ReportWriter>, io: () => CommandIo): void {
  program
    .command('merge')
    .description('combine the partial results of a sharded simulate into the whole run (summary, --report, --json, --csv)')
    .argument('<parts...>', 'partial result files written by simulate --partial')
    .option('--report <file>', 'write the HTML report')
    .option('--json <file>', 'write the result as JSON')
    .option('--csv <dir>', 'write per-seed series and outcomes.csv under DIR')
    .exitOverride(exitWithBadInput)
    .action(async (files: string[], options: OutputOptions) => {
      process.exitCode = await mergeCommand(files, options, io(), await writeReport());
    });
}
