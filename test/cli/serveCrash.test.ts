// Crash test of `ecs-twin serve --data-dir` (issue 9): SIGKILL the server in the middle of a stream of writes;
// after a restart every acknowledged write is present, and the World equals a replay of the journal on disk.
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, describe, expect, it } from 'vitest';
import { readDataDir } from '../../src/adapters/dataDir.js';
import { replay } from '../../src/sim/journal.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ecs-twin-crash-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** Starts `ecs-twin serve` on a free port; resolves with its URL and the lines it printed. */
function startServe(args: string[]): Promise<{ child: ChildProcess; url: string; lines: string[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0', '--clock', 'manual', ...args], { cwd: root });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      const url = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      if (url !== undefined && out.includes('data dir:')) resolve({ child, url, lines: out.split('\n') });
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${String(code)} before it started: ${out}`)));
  });
}

/**
 * One request on its own connection (no keep-alive pool to outlive the killed server), with a timeout; resolves
 * with the status and body once the whole answer is in, rejects if the connection dies first.
 */
function call(url: string, method: string, path: string, target?: string, body = ''): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers = target === undefined ? {} : { 'x-amz-target': `AmazonEC2ContainerServiceV20141113.${target}`, 'content-type': 'application/x-amz-json-1.1' };
    const req = request(`${url}${path}`, { method, headers, agent: false, timeout: 10_000 }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Writes clusters from four clients until 40 are acknowledged, SIGKILLs the server, restarts it on the same data
 * directory and checks that every acknowledged write is there and the World equals a replay of the journal.
 * Returns what the restarted server printed.
 */
async function crashAndResume(dataDir: string, extraArgs: string[]): Promise<string[]> {
    const first = await startServe(['--data-dir', dataDir, ...extraArgs]);
    const acknowledged: string[] = [];
    let killed = false;
    // Four clients write clusters as fast as they can; the server is killed once 40 writes are acknowledged.
    const client = async (id: number) => {
      for (let i = 0; !killed; i++) {
        const name = `c${id}-${i}`;
        // Acknowledged = the whole answer was received (the body read, as a client would).
        const status = await call(first.url, 'POST', '/', 'CreateCluster', JSON.stringify({ clusterName: name }))
          .then((r) => r.status)
          .catch(() => undefined);
        if (status === undefined) return;
        if (status === 200) acknowledged.push(name);
        if (acknowledged.length >= 40 && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all([0, 1, 2, 3].map(client));
    if (first.child.exitCode === null && first.child.signalCode === null) await new Promise((r) => first.child.once('exit', r));

    const second = await startServe(['--data-dir', dataDir, ...extraArgs]);
    const list = await call(second.url, 'POST', '/', 'ListClusters', '{"maxResults":100}');
    const arns = (JSON.parse(list.body) as { clusterArns: string[] }).clusterArns.map((a) => a.slice(a.lastIndexOf('/') + 1));
    for (const name of acknowledged) expect(arns, `acknowledged ${name} is missing after the restart`).toContain(name);

    const digest = JSON.parse((await call(second.url, 'GET', '/_twin/digest')).body) as { sha256: string; journalLength: number };
    const stored = readDataDir(dataDir);
    if (E.isLeft(stored)) throw new Error(stored.left);
    const replayed = replay(stored.right.config, stored.right.journal);
    if (E.isLeft(replayed)) throw new Error(replayed.left.message);
    expect(digest.journalLength).toBe(stored.right.journal.length);
    expect(digest.sha256).toBe(createHash('sha256').update(JSON.stringify(replayed.right)).digest('hex'));
    expect(JSON.parse(readFileSync(join(dataDir, 'config.json'), 'utf8'))).toEqual({});
    second.child.kill('SIGKILL');
    return second.lines;
}

describe('ecs-twin serve --data-dir under SIGKILL', () => {
  it('keeps every acknowledged write, and the resumed World equals a replay of the journal', async () => {
    await crashAndResume(join(dir, 'plain'), []);
  }, 60_000);

  it('loses nothing when killed while writing snapshots (one after every entry), and resumes from the last one', async () => {
    // With a snapshot after every write, most of the server's time goes to writing them: the kill lands in one.
    const lines = await crashAndResume(join(dir, 'snapshots'), ['--snapshot-every', '1']);
    expect(lines.join('\n'), 'the restart used a snapshot (the old one or the new one: each is whole)').toMatch(/snapshot: \d+ journal entries, [01] replayed after it/);
    expect(lines.join('\n')).not.toMatch(/ignoring the snapshot/);
  }, 60_000);
});
