// --data-dir: config.json + journal.ndjson, fsync'd per entry; a torn or corrupt tail is cut back to the last
// complete entry with a warning; restore and reset rewrite both files; a host resumed from the files is the same
// World (replay).
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, describe, expect, it } from 'vitest';
import { CONFIG_FILE, JOURNAL_FILE, JournalFile, readDataDir } from '../../src/adapters/dataDir.js';
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
