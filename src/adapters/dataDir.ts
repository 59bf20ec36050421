/**
 * Durable server state for `ecs-twin serve --data-dir DIR`: the World's config (`config.json`) plus an append-only
 * journal of its inputs (`journal.ndjson`, one JSON entry a line). Each entry is written and fsync'd before the
 * request is answered, so a restart after `kill -9` loses no acknowledged request; the World is rebuilt by
 * `replay(config, journal)` — the same World, byte for byte. A torn or corrupt tail (a crash in the middle of a
 * write) is cut back to the last complete entry, with a warning.
 *
 * @module
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, truncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import type { JournalEntry } from '../sim/journal.js';

/** The files of a data directory. */
export const CONFIG_FILE = 'config.json';
export const JOURNAL_FILE = 'journal.ndjson';

/** What a data directory holds when the server starts. */
export interface DataDirContents {
  /** The saved config, or undefined for a new directory. */
  readonly config: unknown;
  readonly journal: readonly unknown[];
  /** Set when a torn or corrupt tail was cut off: what was dropped, in words. */
  readonly warning?: string;
}

/**
 * Reads `dir` (created if missing). A journal line that does not parse ends the journal: it and everything after
 * it are cut off (the file is truncated there) and reported in `warning`. Left: the directory or the config
 * cannot be read.
 */
export function readDataDir(dir: string): E.Either<string, DataDirContents> {
  try {
    mkdirSync(dir, { recursive: true });
    const configPath = join(dir, CONFIG_FILE);
    if (!existsSync(configPath)) return E.right({ config: undefined, journal: [] });
    let config: unknown;
    try {
      config = JSON.parse(readFileSync(configPath, 'utf8')) as unknown;
    } catch (e) {
      return E.left(`${configPath} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
    const journalPath = join(dir, JOURNAL_FILE);
    if (!existsSync(journalPath)) return E.right({ config, journal: [] });
    const bytes = readFileSync(journalPath);
    const journal: unknown[] = [];
    let offset = 0;
    while (offset < bytes.length) {
      const end = bytes.indexOf(0x0a, offset);
      // A line without its newline was being written when the process died: not acknowledged, so not kept.
      const line = end < 0 ? undefined : bytes.subarray(offset, end).toString('utf8');
      let entry: unknown;
      try {
        entry = line === undefined ? undefined : (JSON.parse(line) as unknown);
      } catch {
        entry = undefined;
      }
      if (entry === undefined || end < 0) {
        truncateSync(journalPath, offset);
        const dropped = bytes.length - offset;
        return E.right({
          config,
          journal,
          warning: `${journalPath}: the tail after entry ${journal.length} (${dropped} bytes) was incomplete or corrupt and has been cut off.`,
        });
      }
      journal.push(entry);
      offset = end + 1;
    }
    return E.right({ config, journal });
  } catch (e) {
    return E.left(`cannot use --data-dir ${dir}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Writes a file atomically and durably: a temporary file, fsync'd, renamed over the old one. */
function writeDurably(path: string, text: string): void {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

/** The append side of a data directory. */
export class JournalFile {
  #fd: number;
  readonly #dir: string;

  private constructor(dir: string, fd: number) {
    this.#dir = dir;
    this.#fd = fd;
  }

  /** Opens `dir` for appending; writes `config` if the directory has none yet. */
  static open(dir: string, config: unknown): JournalFile {
    mkdirSync(dir, { recursive: true });
    if (!existsSync(join(dir, CONFIG_FILE))) writeDurably(join(dir, CONFIG_FILE), JSON.stringify(config ?? {}));
    return new JournalFile(dir, openSync(join(dir, JOURNAL_FILE), 'a'));
  }

  /** Appends one entry and fsyncs it: when this returns, the entry survives a crash. */
  append(entry: JournalEntry): void {
    writeSync(this.#fd, `${JSON.stringify(entry)}\n`);
    fsyncSync(this.#fd);
  }

  /** Replaces the whole state (after a restore or a reset): config and journal rewritten atomically. */
  replace(config: unknown, journal: readonly JournalEntry[]): void {
    closeSync(this.#fd);
    writeDurably(join(this.#dir, JOURNAL_FILE), journal.map((e) => `${JSON.stringify(e)}\n`).join(''));
    writeDurably(join(this.#dir, CONFIG_FILE), JSON.stringify(config ?? {}));
    this.#fd = openSync(join(this.#dir, JOURNAL_FILE), 'a');
  }

  close(): void {
    closeSync(this.#fd);
  }
}
