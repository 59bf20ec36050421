/**
 * Shards of a seed sweep: `--shard I/N` runs every N-th seed (from I) and writes a {@link PartialResult};
 * {@link mergePartials} checks that the parts make one whole run and aggregates them into exactly the
 * {@link SimulationResult} one run gives (the same bytes as JSON: aggregation sorts seeds, see `aggregate.ts`).
 *
 * A partial carries the resolved scenario file (plain data), so merging needs only the parts.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { aggregate, variantsOf } from './aggregate.js';
import { fingerprint } from './fingerprint.js';
import type { SeedResult, SimulationResult } from './result.js';
import type { ScenarioFile } from './scenario/types.js';
import { isRecord } from '../codecs/isRecord.js';

/** The `format` of partial results this version writes and reads. */
export const PARTIAL_FORMAT = 'ecs-twin-partial/1';

/** One shard's results. */
export interface PartialResult {
  readonly format: typeof PARTIAL_FORMAT;
  /** The scenario's name (for messages). */
  readonly scenario: string;
  /** {@link scenarioFingerprint} of `file`: parts of one sweep have the same. */
  readonly fingerprint: string;
  /** This shard: `index` in `[0, count)`. */
  readonly shard: { readonly index: number; readonly count: number };
  /** Seeds per variant in the whole sweep (every shard runs `shardSeeds(seedCount, index, count)` of them). */
  readonly seedCount: number;
  /** The resolved scenario file that ran (variants already selected). */
  readonly file: ScenarioFile;
  /** This shard's seeds, every variant. */
  readonly seeds: readonly SeedResult[];
}

/** The fingerprint of a resolved scenario file (see `fingerprint.ts`). */
export function scenarioFingerprint(file: ScenarioFile): string {
  return fingerprint(file);
}

/**
 * The seed indexes (0-based) shard `index` of `count` runs: every `count`-th from `index`. Round-robin rather
 * than blocks, so shards get similar mixes when seed cost varies; an index past the seeds runs none.
 *
 * @example
 * ```ts
 * shardSeeds(10, 1, 3); // [1, 4, 7]
 * ```
 */
export function shardSeeds(seedCount: number, index: number, count: number): number[] {
  const out: number[] = [];
  for (let i = index; i < seedCount; i += count) out.push(i);
  return out;
}

/**
 * Reads a shard argument `I/N` (`0 ≤ I < N`); `Left` says what is wrong with it.
 *
 * @example
 * ```ts
 * parseShard('2/8'); // right({ index: 2, count: 8 })
 * ```
 */
export function parseShard(text: string): E.Either<string, { index: number; count: number }> {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (m === null) return E.left(`a shard is I/N (e.g. 0/4), got ${JSON.stringify(text)}`);
  return checkShard(Number(m[1]), Number(m[2]));
}

/** Checks a shard index and count: integers, `count ≥ 1`, `0 ≤ index < count`. */
export function checkShard(index: number, count: number): E.Either<string, { index: number; count: number }> {
  if (!Number.isSafeInteger(count) || count < 1) return E.left(`the shard count must be an integer >= 1, got ${count}`);
  if (!Number.isSafeInteger(index) || index < 0 || index >= count) return E.left(`the shard index must be an integer from 0 to ${count - 1}, got ${index}`);
  return E.right({ index, count });
}

/** The partial result of one shard's seeds. */
export function makePartial(
  file: ScenarioFile,
  seedCount: number,
  shard: { readonly index: number; readonly count: number },
  seeds: readonly SeedResult[],
): PartialResult {
  return {
    format: PARTIAL_FORMAT,
    scenario: file.base.name,
    fingerprint: scenarioFingerprint(file),
    shard: { index: shard.index, count: shard.count },
    seedCount,
    file,
    seeds,
  };
}


/**
 * Checks that parsed JSON is a partial result this version reads, and that its stored scenario matches its
 * fingerprint (a part edited by hand, or cut short, is refused). `name` (the file) prefixes every message. The
 * seeds' inner series are not re-validated: they come from this program, and the fingerprint guards the scenario.
 */
export function decodePartial(json: unknown, name: string): E.Either<string, PartialResult> {
  if (!isRecord(json)) return E.left(`${name}: not a partial result (expected a JSON object)`);
  if (json.format !== PARTIAL_FORMAT) return E.left(`${name}: not a partial result of this version (format ${JSON.stringify(json.format)}, expected "${PARTIAL_FORMAT}")`);
  const { scenario, fingerprint: fp, shard, seedCount, file, seeds } = json;
  if (typeof scenario !== 'string' || typeof fp !== 'string') return E.left(`${name}: scenario and fingerprint must be strings`);
  if (!isRecord(shard) || typeof shard.index !== 'number' || typeof shard.count !== 'number') return E.left(`${name}: shard must be {index, count}`);
  const checked = checkShard(shard.index, shard.count);
  if (E.isLeft(checked)) return E.left(`${name}: ${checked.left}`);
  if (typeof seedCount !== 'number' || !Number.isSafeInteger(seedCount) || seedCount < 1) return E.left(`${name}: seedCount must be an integer >= 1`);
  if (!isRecord(file) || !isRecord(file.base) || !Array.isArray(file.variants)) return E.left(`${name}: file must be a resolved scenario file {base, variants}`);
  if (!Array.isArray(seeds)) return E.left(`${name}: seeds must be an array`);
  for (const [i, s] of seeds.entries()) {
    if (!isRecord(s) || typeof s.variant !== 'string' || typeof s.seed !== 'number' || !isRecord(s.outcomes) || !isRecord(s.totals)) {
      return E.left(`${name}: seeds[${i}] is not a seed result`);
    }
  }
  if (scenarioFingerprint(file as unknown as ScenarioFile) !== fp) return E.left(`${name}: its scenario does not match its fingerprint ${fp} (the file was changed after it was written)`);
  return E.right(json as unknown as PartialResult);
}

const shardName = (p: PartialResult): string => `shard ${p.shard.index}/${p.shard.count}`;

/**
 * Merges the partial results of one sweep into the result one run gives. `file`, when given, must be the
 * scenario the parts ran (same fingerprint); otherwise the parts' own is used. `Left` names the problem: no
 * parts, parts of different scenarios, seed counts or shard counts, a shard missing or given twice, a seed
 * missing or given twice.
 *
 * @example
 * ```ts
 * const merged = mergePartials(undefined, [part0, part1, part2]);
 * // JSON.stringify(merged.right) === JSON.stringify(simulate(file))
 * ```
 */
export function mergePartials(file: ScenarioFile | undefined, parts: readonly PartialResult[]): E.Either<string, SimulationResult> {
  const first = parts[0];
  if (first === undefined) return E.left('no partial results to merge');
  const expectedFp = file !== undefined ? scenarioFingerprint(file) : first.fingerprint;
  for (const p of parts) {
    if (p.fingerprint !== expectedFp) {
      return E.left(`${shardName(p)} ran another scenario (fingerprint ${p.fingerprint}, expected ${expectedFp}): merge parts of one sweep only`);
    }
    if (p.seedCount !== first.seedCount) return E.left(`${shardName(p)} ran ${p.seedCount} seeds, ${shardName(first)} ${first.seedCount}: merge parts of one sweep only`);
    if (p.shard.count !== first.shard.count) return E.left(`${shardName(p)} and ${shardName(first)} split the seeds differently: merge parts of one sweep only`);
  }
  const count = first.shard.count;
  const byIndex = new Map<number, PartialResult>();
  for (const p of parts) {
    if (byIndex.has(p.shard.index)) return E.left(`${shardName(p)} is given twice`);
    byIndex.set(p.shard.index, p);
  }
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !byIndex.has(i));
  if (missing.length > 0) return E.left(`missing ${missing.map((i) => `shard ${i}/${count}`).join(', ')}`);

  const resolved = file ?? first.file;
  const variants = variantsOf(resolved).map((v) => v.name);
  const seen = new Map<string, string>();
  const all: SeedResult[] = [];
  for (const p of parts) {
    const expected = shardSeeds(p.seedCount, p.shard.index, p.shard.count).length;
    for (const v of variants) {
      const got = p.seeds.filter((s) => s.variant === v).length;
      if (got !== expected) return E.left(`${shardName(p)} has ${got} seeds of variant ${v}, expected ${expected}`);
    }
    for (const s of p.seeds) {
      if (!variants.includes(s.variant)) return E.left(`${shardName(p)} has a seed of variant ${s.variant}, which the scenario does not have`);
      const key = `${s.variant}\u0000${s.seed}`;
      const other = seen.get(key);
      if (other !== undefined) return E.left(`seed ${s.seed} of variant ${s.variant} is in ${other} and ${shardName(p)}`);
      seen.set(key, shardName(p));
      all.push(s);
    }
  }
  return E.right(aggregate(resolved, all));
}
