/**
 * Issue 9, durable state: how long `ecs-twin serve --data-dir` takes to resume a World, with and without a
 * snapshot, for a journal of `BENCH_ENTRIES` entries (default 50,000).
 *
 * Run: `npx tsx benchmarks/restartTime.ts`. Not part of `npm test`.
 *
 * Method: a World is driven through a mixed journal — RunTask (1–3 tasks, one subnet), DescribeTasks and ListTasks,
 * StopTask of a running task, and 5 s of virtual time between requests, so tasks start, stop and expire (about a
 * thousand tasks are in the World at any time) — and the journal and config are written to a fresh data directory
 * (written directly: fsync'ing 50,000 entries one by one would measure the disk, not the restart). Then, each timed
 * as `loadDataDir` + `TwinHost.create` (what `serve` does at start), best of `BENCH_REPEATS` (default 3):
 * 1. no snapshot: the whole journal is replayed;
 * 2. a snapshot covering every entry (a clean shutdown): the snapshot is read, checked and loaded, nothing replayed;
 * 3. a snapshot covering all but the last `DEFAULT_SNAPSHOT_EVERY − 1` entries (the worst case of a crash between
 *    periodic snapshots).
 * It also reports how long writing the snapshot takes and its size.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as E from 'fp-ts/lib/Either.js';
import { CONFIG_FILE, DEFAULT_SNAPSHOT_EVERY, JOURNAL_FILE, JournalFile, SNAPSHOT_FILE, durableHostOptions, loadDataDir } from '../src/adapters/dataDir.js';
import { TwinHost } from '../src/adapters/twinHost.js';
import { serializeWorld } from '../src/codecs/worldSnapshot.js';
import type { JournalEntry } from '../src/sim/journal.js';
import { machineLine } from './harness.js';

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 50_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const CONFIG = { seed: 9, quotas: { onDemandVcpu: 100_000, runTaskApi: { burst: 1e9, refillPerSecond: 1e9 }, onDemandLaunches: { burst: 1e9, refillPerSecond: 1e9 } } };

function must<T>(r: E.Either<{ message: string } | string, T>): T {
  if (E.isLeft(r)) throw new Error(typeof r.left === 'string' ? r.left : r.left.message);
  return r.right;
}

/** Drives a host through `n` mixed entries; returns it (its journal is the workload). */
function buildWorkload(n: number): TwinHost {
  const host = must(TwinHost.create(CONFIG, { kind: 'manual' }));
  host.ecs('CreateCluster', {});
  host.ecs('RegisterTaskDefinition', { family: 'web', requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc', cpu: '256', memory: '512', containerDefinitions: [{ name: 'app', image: 'web:1' }] });
  const subnet = host.world.config.network.subnets[0]!.subnetId;
  const running: string[] = [];
  for (let i = 0; host.journalLength < n; i++) {
    switch (i % 5) {
      case 0: {
        const r = host.ecs('RunTask', { taskDefinition: 'web', count: 1 + (i % 3), launchType: 'FARGATE', networkConfiguration: { awsvpcConfiguration: { subnets: [subnet] } } });
        if (E.isRight(r)) for (const t of (r.right as { tasks: Array<{ taskArn: string }> }).tasks) running.push(t.taskArn);
        break;
      }
      case 1:
        host.ecs('DescribeTasks', { tasks: running.slice(-10) });
        break;
      case 2:
        host.ecs('ListTasks', { maxResults: 100 });
        break;
      case 3:
        if (running.length > 600) host.ecs('StopTask', { task: running.splice(0, 1)[0], reason: 'bench' });
        else host.ecs('ListClusters', {});
        break;
      default:
        host.advance(5_000);
    }
  }
  return host;
}

/** Best time (ms) of `REPEATS` resumes of `dir`, and what the last one replayed. */
function timeResume(dir: string): { ms: number; replayed: number; world: string } {
  let best = Number.POSITIVE_INFINITY;
  let replayed = 0;
  let world = '';
  for (let i = 0; i < REPEATS; i++) {
    const t0 = performance.now();
    const loaded = must(loadDataDir(dir));
    const opts = durableHostOptions(dir, loaded, loaded.config, 0);
    const host = must(TwinHost.create(loaded.config, { kind: 'manual' }, opts));
    best = Math.min(best, performance.now() - t0);
    (opts.sink as JournalFile).close();
    replayed = loaded.journal.length;
    world = serializeWorld(host.world);
  }
  return { ms: best, replayed, world };
}

const fmt = (ms: number): string => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

function main(): void {
  console.log(machineLine());
  const t0 = performance.now();
  const host = buildWorkload(ENTRIES);
  const journal = host.snapshot().journal;
  console.log(`workload: ${journal.length} entries, ${host.world.tasks.size} tasks in the World, built in ${fmt(performance.now() - t0)}`);
  const root = mkdtempSync(join(tmpdir(), 'ecs-twin-restart-'));
  try {
    const write = (dir: string, entries: readonly JournalEntry[]): void => {
      writeFileSync(join(dir, CONFIG_FILE), JSON.stringify(CONFIG));
      writeFileSync(join(dir, JOURNAL_FILE), entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
    };
    const dir = join(root, 'd');
    must(loadDataDir(dir)); // creates it
    write(dir, journal);
    const plain = timeResume(dir);
    console.log(`no snapshot: resume ${fmt(plain.ms)} (${plain.replayed} entries replayed)`);

    // A snapshot covering every entry, as a clean shutdown leaves.
    const sink = JournalFile.open(dir, CONFIG, { entries: journal.length, snapshotEvery: 0 });
    const w0 = performance.now();
    sink.snapshot(host.world);
    const writeMs = performance.now() - w0;
    sink.close();
    const size = statSync(join(dir, SNAPSHOT_FILE)).size;
    const full = timeResume(dir);
    console.log(`snapshot written in ${fmt(writeMs)} (${(size / 2 ** 20).toFixed(1)} MiB); resume from it: ${fmt(full.ms)} (${full.replayed} replayed)`);

    // The worst case between periodic snapshots: a snapshot DEFAULT_SNAPSHOT_EVERY − 1 entries old.
    const cut = journal.length - (DEFAULT_SNAPSHOT_EVERY - 1);
    const older = join(root, 'e');
    must(loadDataDir(older));
    write(older, journal.slice(0, cut));
    const prefixHost = must(TwinHost.create(CONFIG, { kind: 'manual' }, { journal: journal.slice(0, cut) }));
    const s2 = JournalFile.open(older, CONFIG, { entries: cut, snapshotEvery: 0 });
    s2.snapshot(prefixHost.world);
    s2.close();
    write(older, journal);
    const tail = timeResume(older);
    console.log(`snapshot ${DEFAULT_SNAPSHOT_EVERY - 1} entries old: resume ${fmt(tail.ms)} (${tail.replayed} replayed)`);
    const same = plain.world === full.world && full.world === tail.world;
    console.log(`all three resumed Worlds identical: ${same}`);
    if (!same) process.exitCode = 1;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main();
