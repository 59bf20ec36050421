// --data-dir: config.json + journal.ndjson, fsync'd per entry; a torn or corrupt tail is cut back to the last
// complete entry with a warning; restore and reset rewrite both files; a host resumed from the files is the same
// World (replay).
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, describe, expect, it } from 'vitest';
import { CONFIG_FILE, JOURNAL_FILE, JournalFile, SNAPSHOT_FILE, durableHostOptions, loadDataDir, readDataDir } from '../../src/adapters/dataDir.js';
import { serializeWorld } from '../../src/codecs/worldSnapshot.js';
import { replay } from '../../src/sim/journal.js';
import { TwinHost } from '../../src/adapters/twinHost.js';

const root = mkdtempSync(join(tmpdir(), 'ecs-twin-data-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const newDir = (): string => join(root, `d${n++}`);

function durableHost(dir: string, config: unknown = { seed: 6 }): TwinHost {
  const stored = readDataDir(dir);
  if (E.isLeft(stored)) throw new Error(stored.left);
  const cfg = stored.right.config ?? config;
  const host = TwinHost.create(cfg, { kind: 'manual' }, { journal: stored.right.journal, sink: JournalFile.open(dir, cfg) });
  if (E.isLeft(host)) throw new Error(host.left.message);
  return host.right;
}

describe('the data directory', () => {
  it('starts empty, and a host resumed from it is the same World, byte for byte', () => {
    const dir = newDir();
    expect(readDataDir(dir)).toEqual(E.right({ config: undefined, journal: [] }));
    const host = durableHost(dir);
    host.ecs('CreateCluster', { clusterName: 'a' });
    host.ecs('CreateCluster', { clusterName: 5 });
    host.advance(1_000);
    host.fault({ fault: 'setBehaviors', rules: [] });
    expect(readFileSync(join(dir, JOURNAL_FILE), 'utf8').trim().split('\n')).toHaveLength(4);
    const resumed = durableHost(dir, { seed: 999 }); // the stored config wins
    expect(JSON.stringify(resumed.world)).toBe(JSON.stringify(host.world));
    resumed.ecs('CreateCluster', { clusterName: 'b' });
    expect([...durableHost(dir).world.clusters.keys()]).toEqual(['a', 'b']);
  });

  it('cuts a torn last line (no newline: never acknowledged) with a warning and truncates the file', () => {
    const dir = newDir();
    durableHost(dir).ecs('CreateCluster', { clusterName: 'a' });
    const complete = readFileSync(join(dir, JOURNAL_FILE));
    appendFileSync(join(dir, JOURNAL_FILE), '{"kind":"execute","operation":"CreateCl');
    const r = readDataDir(dir);
    expect(E.isRight(r) && r.right.journal).toHaveLength(1);
    expect(E.isRight(r) && r.right.warning).toMatch(/the tail after entry 1 \(\d+ bytes\) was incomplete or corrupt and has been cut off/);
    expect(readFileSync(join(dir, JOURNAL_FILE))).toEqual(complete);
    expect(E.isRight(readDataDir(dir)) && (readDataDir(dir) as E.Right<{ warning?: string }>).right.warning).toBeUndefined();
  });

  it('cuts at a corrupt line and everything after it', () => {
    const dir = newDir();
    const host = durableHost(dir);
    host.ecs('CreateCluster', { clusterName: 'a' });
    appendFileSync(join(dir, JOURNAL_FILE), 'garbage\n{"kind":"advance","ms":1}\n');
    const r = readDataDir(dir);
    expect(E.isRight(r) && r.right.journal).toEqual([{ kind: 'execute', operation: 'CreateCluster', input: { clusterName: 'a' }, charged: true }]);
  });

  it('rewrites config and journal on reset and restore', () => {
    const dir = newDir();
    const host = durableHost(dir);
    host.ecs('CreateCluster', { clusterName: 'a' });
    const snap = host.snapshot();
    host.reset({ seed: 7 });
    expect(JSON.parse(readFileSync(join(dir, CONFIG_FILE), 'utf8'))).toEqual({ seed: 7 });
    expect(readFileSync(join(dir, JOURNAL_FILE), 'utf8')).toBe('');
    host.restore(snap);
    expect(durableHost(dir).world.clusters.has('a')).toBe(true);
    expect(JSON.stringify(durableHost(dir).world)).toBe(JSON.stringify(host.world));
  });

  it('refuses a config file that is not JSON', () => {
    const dir = newDir();
    durableHost(dir);
    writeFileSync(join(dir, CONFIG_FILE), '{');
    const r = readDataDir(dir);
    expect(E.isLeft(r) && r.left).toContain('config.json is not valid JSON');
  });
});

/** A host resumed through the snapshot path (`loadDataDir`), snapshotting every `every` entries. */
function snapshottingHost(dir: string, every: number, config: unknown = { seed: 6 }): { host: TwinHost; warnings: readonly string[]; replayed: number } {
  const loaded = loadDataDir(dir);
  if (E.isLeft(loaded)) throw new Error(loaded.left);
  const cfg = loaded.right.config ?? config;
  const host = TwinHost.create(cfg, { kind: 'manual' }, durableHostOptions(dir, loaded.right, cfg, every));
  if (E.isLeft(host)) throw new Error(host.left.message);
  return { host: host.right, warnings: loaded.right.warnings, replayed: loaded.right.journal.length };
}

/** Some work: clusters, a task definition, tasks, time. */
function work(host: TwinHost, n: number): void {
  host.ecs('RegisterTaskDefinition', { family: 'web', requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc', cpu: '256', memory: '512', containerDefinitions: [{ name: 'app', image: 'web:1' }] });
  host.ecs('CreateCluster', {});
  const subnet = host.world.config.network.subnets[0]!.subnetId;
  for (let i = 0; i < n; i++) {
    host.ecs('RunTask', { taskDefinition: 'web', launchType: 'FARGATE', networkConfiguration: { awsvpcConfiguration: { subnets: [subnet] } } });
    host.advance(7_000);
  }
}

/** The whole journal on disk, replayed: what the World must always equal. */
function replayOfDisk(dir: string): string {
  const stored = readDataDir(dir);
  if (E.isLeft(stored)) throw new Error(stored.left);
  const w = replay(stored.right.config, stored.right.journal);
  if (E.isLeft(w)) throw new Error(w.left.message);
  return serializeWorld(w.right);
}

describe('snapshots in the data directory', () => {
  it('writes one every N entries and resumes from it, replaying only the journal after it', () => {
    const dir = newDir();
    const { host } = snapshottingHost(dir, 5);
    work(host, 6); // 2 + 12 entries: snapshots at 5 and 10
    const header = JSON.parse(readFileSync(join(dir, SNAPSHOT_FILE), 'utf8').split('\n', 1)[0]!) as { journalEntries: number; journalBytes: number };
    expect(header.journalEntries).toBe(10);
    expect(header.journalBytes).toBe(readFileSync(join(dir, JOURNAL_FILE), 'utf8').split('\n').slice(0, 10).join('\n').length + 1);
    const resumed = snapshottingHost(dir, 5);
    expect(resumed.warnings).toEqual([]);
    expect(resumed.replayed, 'only the 4 entries after the snapshot are replayed').toBe(4);
    expect(resumed.host.journalLength).toBe(14);
    expect(serializeWorld(resumed.host.world)).toBe(serializeWorld(host.world));
    expect(serializeWorld(resumed.host.world), 'the World still equals a replay of the whole journal').toBe(replayOfDisk(dir));
    expect(resumed.host.snapshot().journal, 'a control snapshot still holds the whole journal').toEqual(host.snapshot().journal);
    // The resumed host goes on journaling and snapshotting where the first left off.
    resumed.host.advance(1_000);
    expect(JSON.parse(readFileSync(join(dir, SNAPSHOT_FILE), 'utf8').split('\n', 1)[0]!)).toMatchObject({ journalEntries: 15 });
    expect(serializeWorld(snapshottingHost(dir, 5).host.world)).toBe(replayOfDisk(dir));
  });

  it('snapshots everything on checkpoint (clean shutdown): the next start replays nothing', () => {
    const dir = newDir();
    const { host } = snapshottingHost(dir, 0); // 0: no periodic snapshots
    work(host, 3);
    expect(existsSync(join(dir, SNAPSHOT_FILE))).toBe(false);
    host.checkpoint();
    const resumed = snapshottingHost(dir, 0);
    expect(resumed.replayed).toBe(0);
    expect(serializeWorld(resumed.host.world)).toBe(serializeWorld(host.world));
  });

  it('ignores a damaged snapshot with a warning and replays the whole journal: the same World', () => {
    const dir = newDir();
    const { host } = snapshottingHost(dir, 4);
    work(host, 4);
    const path = join(dir, SNAPSHOT_FILE);
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace('"nowMs":', '"nowMs":1'));
    const resumed = snapshottingHost(dir, 4);
    expect(resumed.warnings).toEqual([expect.stringMatching(/ignoring the snapshot, replaying the whole journal: .*checksum does not match/)]);
    expect(resumed.replayed).toBe(10);
    expect(serializeWorld(resumed.host.world)).toBe(serializeWorld(host.world));
    writeFileSync(path, text.slice(0, 100));
    expect(snapshottingHost(dir, 4).warnings[0]).toMatch(/ignoring the snapshot/);
    writeFileSync(path, 'garbage');
    expect(snapshottingHost(dir, 4).warnings[0]).toMatch(/ignoring the snapshot/);
  });

  it('ignores a snapshot that covers more journal than the file holds (a journal cut back by hand)', () => {
    const dir = newDir();
    const { host } = snapshottingHost(dir, 4);
    work(host, 3);
    const journal = readFileSync(join(dir, JOURNAL_FILE), 'utf8').split('\n');
    writeFileSync(join(dir, JOURNAL_FILE), `${journal.slice(0, 2).join('\n')}\n`);
    const resumed = snapshottingHost(dir, 4);
    expect(resumed.warnings[0]).toMatch(/covers \d+ bytes of journal, but the journal holds \d+/);
    expect(resumed.host.journalLength).toBe(2);
    expect(serializeWorld(resumed.host.world)).toBe(replayOfDisk(dir));
  });

  it('cuts a torn tail after the snapshot back to the last whole entry', () => {
    const dir = newDir();
    const { host } = snapshottingHost(dir, 4);
    work(host, 3); // 8 entries, snapshot at 4 and 8
    host.advance(5);
    appendFileSync(join(dir, JOURNAL_FILE), '{"kind":"adv');
    const resumed = snapshottingHost(dir, 4);
    expect(resumed.warnings).toEqual([expect.stringMatching(/the tail after entry 9 \(\d+ bytes\) was incomplete or corrupt and has been cut off/)]);
    expect(resumed.replayed).toBe(1);
    expect(serializeWorld(resumed.host.world)).toBe(serializeWorld(host.world));
  });

  it('drops the snapshot on reset and restore, so it is never read against another journal', () => {
    const dir = newDir();
    const { host } = snapshottingHost(dir, 2);
    work(host, 2);
    const snap = host.snapshot();
    expect(existsSync(join(dir, SNAPSHOT_FILE))).toBe(true);
    host.reset({ seed: 8 });
    expect(existsSync(join(dir, SNAPSHOT_FILE))).toBe(false);
    host.restore(snap);
    const resumed = snapshottingHost(dir, 2);
    expect(serializeWorld(resumed.host.world)).toBe(serializeWorld(host.world));
    host.ecs('CreateCluster', { clusterName: 'after' });
    expect(JSON.parse(readFileSync(join(dir, SNAPSHOT_FILE), 'utf8').split('\n', 1)[0]!)).toMatchObject({ journalEntries: 7 });
  });
});
