/**
 * Durable server state for `ecs-twin serve --data-dir DIR`: the World's config (`config.json`), an append-only
 * journal of its inputs (`journal.ndjson`, one JSON entry a line), and a snapshot of the World (`snapshot.json`)
 * that records how much of the journal it covers.
 *
 * - Each entry is written and fsync'd before the request is answered, so a restart after `kill -9` loses no
 *   acknowledged request. A torn or corrupt tail (a crash in the middle of a write) is cut back to the last complete
 *   entry, with a warning.
 * - Every {@link DEFAULT_SNAPSHOT_EVERY} entries (and on a clean shutdown) the World is written to `snapshot.json`
 *   atomically — a temporary file, fsync'd, renamed over the old one, the directory fsync'd — with the number and
 *   byte length of the journal entries it covers and a SHA-256 of its body. A restart loads the snapshot and replays
 *   only the journal after it (read from that byte offset), so its time does not grow with the history.
 * - The journal keeps every entry: the World is always `replay(config, journal)` too. A snapshot that cannot be
 *   used (corrupt, from another version, covering more than the journal holds) is ignored with a warning and the
 *   whole journal replayed — a bad snapshot costs time, never state.
 *
 * @module
 */
import { closeSync, existsSync, fstatSync, fsyncSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, truncateSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { deserializeWorld, serializeWorld } from '../codecs/worldSnapshot.js';
import type { World } from '../domain/world.js';
import type { JournalEntry } from '../sim/journal.js';
import type { TwinHostOptions } from './twinHost.js';

/** The files of a data directory. */
export const CONFIG_FILE = 'config.json';
export const JOURNAL_FILE = 'journal.ndjson';
export const SNAPSHOT_FILE = 'snapshot.json';
/** The header's `format`: the snapshot file of a data directory, this version. */
export const SNAPSHOT_FILE_FORMAT = 'ecs-twin/data-dir-snapshot@1';
/**
 * Journal entries between snapshots by default. In the restart benchmark (benchmarks/RESULTS.md, issue 9: a World of
 * ~5,500 tasks) writing a snapshot took 0.4 s — about what replaying 1,300 entries takes, and ~10% of the time the
 * 10,000 entries took to serve — while a restart replays at most this many entries (3 s there) on top of loading the
 * snapshot (0.26 s).
 */
export const DEFAULT_SNAPSHOT_EVERY = 10_000;

/** What a data directory holds when the server starts. */
export interface DataDirContents {
  /** The saved config, or undefined for a new directory. */
  readonly config: unknown;
  readonly journal: readonly unknown[];
  /** Set when a torn or corrupt tail was cut off: what was dropped, in words. */
  readonly warning?: string;
}

/** A data directory read for resuming: the snapshot's World, if usable, and the journal after it. */
export interface LoadedDataDir {
  /** The saved config, or undefined for a new directory. */
  readonly config: unknown;
  /** The World of the snapshot and how many journal entries it covers; absent without a usable snapshot. */
  readonly base?: { readonly world: World; readonly entries: number };
  /** The journal entries after the snapshot (all of them without one). */
  readonly journal: readonly unknown[];
  /** How many entries the journal holds in all. */
  readonly journalEntries: number;
  /** Warnings to print: a cut tail, an ignored snapshot. */
  readonly warnings: readonly string[];
}

/** The first line of `snapshot.json`; the World's text follows on the next. */
interface SnapshotHeader {
  readonly format: string;
  /** Journal entries the World includes, and their length in bytes from the start of the journal file. */
  readonly journalEntries: number;
  readonly journalBytes: number;
  /** SHA-256 (hex) of the body. */
  readonly sha256: string;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

function readConfig(dir: string): E.Either<string, unknown> {
  const configPath = join(dir, CONFIG_FILE);
  if (!existsSync(configPath)) return E.right(undefined);
  try {
    return E.right(JSON.parse(readFileSync(configPath, 'utf8')) as unknown);
  } catch (e) {
    return E.left(`${configPath} is not valid JSON: ${message(e)}`);
  }
}

/** The bytes of `path` from `offset` on (only those are read). */
function readFrom(path: string, offset: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const bytes = Buffer.alloc(Math.max(0, size - offset));
    let done = 0;
    while (done < bytes.length) {
      const n = readSync(fd, bytes, done, bytes.length - done, offset + done);
      if (n === 0) break;
      done += n;
    }
    return bytes.subarray(0, done);
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads the journal from byte `start` (an entry boundary). A line that does not parse ends the journal: it and
 * everything after it are cut off (the file is truncated there) and reported in `warning`. `firstIndex` numbers
 * the entries in the message.
 */
function readJournal(path: string, start: number, firstIndex: number): { entries: unknown[]; warning?: string } {
  if (!existsSync(path)) return { entries: [] };
  const bytes = readFrom(path, start);
  const entries: unknown[] = [];
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
    if (entry === undefined) {
      truncateSync(path, start + offset);
      const dropped = bytes.length - offset;
      const after = firstIndex + entries.length;
      return { entries, warning: `${path}: the tail after entry ${after} (${dropped} bytes) was incomplete or corrupt and has been cut off.` };
    }
    entries.push(entry);
    offset = end + 1;
  }
  return { entries };
}

/**
 * Reads `dir` (created if missing) with its whole journal, from the first entry. A torn or corrupt tail is cut off
 * (the file is truncated there) and reported in `warning`. Left: the directory or the config cannot be read.
 */
export function readDataDir(dir: string): E.Either<string, DataDirContents> {
  try {
    mkdirSync(dir, { recursive: true });
    const config = readConfig(dir);
    if (E.isLeft(config)) return config;
    if (config.right === undefined) return E.right({ config: undefined, journal: [] });
    const { entries, warning } = readJournal(join(dir, JOURNAL_FILE), 0, 0);
    return E.right({ config: config.right, journal: entries, ...(warning !== undefined ? { warning } : {}) });
  } catch (e) {
    return E.left(`cannot use --data-dir ${dir}: ${message(e)}`);
  }
}

/** The snapshot of `dir`, checked against its checksum and the journal's length; Left: why it cannot be used. */
function readSnapshot(dir: string, journalSize: number): E.Either<string, { header: SnapshotHeader; world: World }> | undefined {
  const path = join(dir, SNAPSHOT_FILE);
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, 'utf8');
  const newline = text.indexOf('\n');
  let header: Partial<SnapshotHeader>;
  try {
    header = (newline < 0 ? undefined : JSON.parse(text.slice(0, newline))) as Partial<SnapshotHeader>;
  } catch {
    return E.left(`${path}: the header is not JSON.`);
  }
  if (typeof header !== 'object' || header === null || header.format !== SNAPSHOT_FILE_FORMAT) return E.left(`${path}: not a ${SNAPSHOT_FILE_FORMAT} file.`);
  const { journalEntries, journalBytes, sha256 } = header;
  if (!Number.isSafeInteger(journalEntries) || !Number.isSafeInteger(journalBytes) || typeof sha256 !== 'string') return E.left(`${path}: the header is incomplete.`);
  const body = text.slice(newline + 1);
  if (createHash('sha256').update(body).digest('hex') !== sha256) return E.left(`${path}: the checksum does not match (the file is damaged).`);
  if (journalBytes! > journalSize) return E.left(`${path}: it covers ${journalBytes} bytes of journal, but the journal holds ${journalSize}.`);
  const world = deserializeWorld(body);
  if (E.isLeft(world)) return E.left(`${path}: ${world.left.message}`);
  return E.right({ header: header as SnapshotHeader, world: world.right });
}

/**
 * Reads `dir` (created if missing) for resuming: the snapshot's World and the journal after it, or — without a
 * usable snapshot — the whole journal. Left: the directory or the config cannot be read.
 */
export function loadDataDir(dir: string): E.Either<string, LoadedDataDir> {
  try {
    mkdirSync(dir, { recursive: true });
    const config = readConfig(dir);
    if (E.isLeft(config)) return config;
    if (config.right === undefined) return E.right({ config: undefined, journal: [], journalEntries: 0, warnings: [] });
    const journalPath = join(dir, JOURNAL_FILE);
    const journalSize = existsSync(journalPath) ? fstatSize(journalPath) : 0;
    const warnings: string[] = [];
    const snapshot = readSnapshot(dir, journalSize);
    if (snapshot !== undefined && E.isLeft(snapshot)) warnings.push(`ignoring the snapshot, replaying the whole journal: ${snapshot.left}`);
    const base = snapshot !== undefined && E.isRight(snapshot) ? snapshot.right : undefined;
    const covered = base?.header.journalEntries ?? 0;
    const tail = readJournal(journalPath, base?.header.journalBytes ?? 0, covered);
    if (tail.warning !== undefined) warnings.push(tail.warning);
    return E.right({
      config: config.right,
      ...(base !== undefined ? { base: { world: base.world, entries: covered } } : {}),
      journal: tail.entries,
      journalEntries: covered + tail.entries.length,
      warnings,
    });
  } catch (e) {
    return E.left(`cannot use --data-dir ${dir}: ${message(e)}`);
  }
}

function fstatSize(path: string): number {
  const fd = openSync(path, 'r');
  try {
    return fstatSync(fd).size;
  } finally {
    closeSync(fd);
  }
}

/** fsyncs a directory, so a rename or an unlink in it survives a crash. */
function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Writes a file atomically and durably: a temporary file, fsync'd, renamed over the old one, the directory fsync'd. */
function writeDurably(dir: string, name: string, text: string): void {
  const path = join(dir, name);
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  fsyncDir(dir);
}

/** Options of {@link JournalFile.open}. */
export interface JournalFileOptions {
  /** Entries the journal holds already (`LoadedDataDir.journalEntries`). */
  readonly entries?: number;
  /** Entries the current snapshot covers (`LoadedDataDir.base.entries`), 0 without one. */
  readonly snapshotEntries?: number;
  /** Write a snapshot every this many entries; 0 turns periodic snapshots off. Default {@link DEFAULT_SNAPSHOT_EVERY}. */
  readonly snapshotEvery?: number;
}

/** The append side of a data directory. */
export class JournalFile {
  #fd: number;
  readonly #dir: string;
  /** Entries and bytes in the journal file. */
  #entries: number;
  #bytes: number;
  #snapshotEntries: number;
  readonly #snapshotEvery: number;
  /** Entries when a periodic snapshot was last tried (spaces out retries after a failure). */
  #lastAttempt = 0;
  /** Why the last periodic snapshot failed, if it did. */
  lastSnapshotError: string | undefined = undefined;

  private constructor(dir: string, fd: number, options: JournalFileOptions) {
    this.#dir = dir;
    this.#fd = fd;
    this.#entries = options.entries ?? 0;
    this.#bytes = fstatSync(fd).size;
    this.#snapshotEntries = options.snapshotEntries ?? 0;
    this.#snapshotEvery = options.snapshotEvery ?? DEFAULT_SNAPSHOT_EVERY;
  }

  /** Opens `dir` for appending; writes `config` if the directory has none yet. */
  static open(dir: string, config: unknown, options: JournalFileOptions = {}): JournalFile {
    mkdirSync(dir, { recursive: true });
    if (!existsSync(join(dir, CONFIG_FILE))) writeDurably(dir, CONFIG_FILE, JSON.stringify(config ?? {}));
    return new JournalFile(dir, openSync(join(dir, JOURNAL_FILE), 'a'), options);
  }

  /** How many entries the journal holds, and how many of them the snapshot covers. */
  get entries(): number {
    return this.#entries;
  }
  get snapshotEntries(): number {
    return this.#snapshotEntries;
  }

  /** Appends one entry and fsyncs it: when this returns, the entry survives a crash. */
  append(entry: JournalEntry): void {
    const line = `${JSON.stringify(entry)}\n`;
    writeSync(this.#fd, line);
    fsyncSync(this.#fd);
    this.#entries += 1;
    this.#bytes += Buffer.byteLength(line);
  }

  /** The World after every entry appended so far: snapshots it when {@link JournalFileOptions.snapshotEvery} entries have passed. */
  committed(world: World): void {
    if (this.#snapshotEvery <= 0 || this.#entries - Math.max(this.#snapshotEntries, this.#lastAttempt) < this.#snapshotEvery) return;
    this.#lastAttempt = this.#entries;
    try {
      this.snapshot(world);
      this.lastSnapshotError = undefined;
    } catch (e) {
      // The entry is in the journal already: a snapshot that cannot be written (a full disk) only makes the next
      // restart replay more. The request is answered; the next attempt comes `snapshotEvery` entries later.
      this.lastSnapshotError = message(e);
    }
  }

  /**
   * Writes `world` — the World after every entry appended so far — as the snapshot. Atomic: a crash leaves the old
   * snapshot or the new one, and the journal is untouched either way.
   */
  snapshot(world: World): void {
    if (this.#entries === this.#snapshotEntries && existsSync(join(this.#dir, SNAPSHOT_FILE))) return;
    const body = serializeWorld(world);
    const header: SnapshotHeader = {
      format: SNAPSHOT_FILE_FORMAT,
      journalEntries: this.#entries,
      journalBytes: this.#bytes,
      sha256: createHash('sha256').update(body).digest('hex'),
    };
    writeDurably(this.#dir, SNAPSHOT_FILE, `${JSON.stringify(header)}\n${body}`);
    this.#snapshotEntries = this.#entries;
  }

  /** The first `count` entries of the journal (those a snapshot covers), read back from the file. */
  history(count: number): readonly JournalEntry[] {
    return readJournal(join(this.#dir, JOURNAL_FILE), 0, 0).entries.slice(0, count) as JournalEntry[];
  }

  /** Replaces the whole state (after a restore or a reset): config and journal rewritten atomically, the snapshot dropped. */
  replace(config: unknown, journal: readonly JournalEntry[]): void {
    closeSync(this.#fd);
    // The snapshot goes first: it must never be read against a journal it does not belong to.
    rmSync(join(this.#dir, SNAPSHOT_FILE), { force: true });
    fsyncDir(this.#dir);
    writeDurably(this.#dir, JOURNAL_FILE, journal.map((e) => `${JSON.stringify(e)}\n`).join(''));
    writeDurably(this.#dir, CONFIG_FILE, JSON.stringify(config ?? {}));
    this.#fd = openSync(join(this.#dir, JOURNAL_FILE), 'a');
    this.#entries = journal.length;
    this.#bytes = fstatSync(this.#fd).size;
    this.#snapshotEntries = 0;
    this.#lastAttempt = 0;
  }

  close(): void {
    closeSync(this.#fd);
  }
}

/**
 * The {@link TwinHostOptions} that resume the World `loaded` from `dir` and keep journaling (and snapshotting) into
 * it: the snapshot's World as the base, the journal after it to replay, and a {@link JournalFile} as the sink.
 * `config` is written to `config.json` if the directory has none yet.
 */
export function durableHostOptions(dir: string, loaded: LoadedDataDir, config: unknown, snapshotEvery?: number): TwinHostOptions {
  const sink = JournalFile.open(dir, config, {
    entries: loaded.journalEntries,
    snapshotEntries: loaded.base?.entries ?? 0,
    ...(snapshotEvery !== undefined ? { snapshotEvery } : {}),
  });
  const base = loaded.base;
  return {
    journal: loaded.journal,
    sink,
    ...(base !== undefined ? { base: { world: base.world, entries: base.entries, history: () => sink.history(base.entries) } } : {}),
  };
}
