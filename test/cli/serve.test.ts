// `ecs-twin serve`: options, the start-up lines (default-VPC subnets printed), and a clear error with exit code 1
// for an unreadable or invalid --config.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, describe, expect, it } from 'vitest';
import { serve } from '../../src/cli/commands/serve.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ecs-twin-serve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('ecs-twin serve', () => {
  it('starts on 127.0.0.1 with the config of --config and prints the URL and the subnets', async () => {
    const lines: string[] = [];
    const config = file('ok.json', JSON.stringify({ region: 'eu-west-1', seed: 4 }));
    const started = await serve({ port: 0, host: '127.0.0.1', config, clock: 'manual', speed: 1 }, (l) => lines.push(l));
    if (E.isLeft(started)) throw new Error(started.left);
    try {
      expect(started.right.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(lines[0]).toContain('region eu-west-1');
      expect(lines[1]).toBe('clock: manual (POST /_twin/advance moves it)');
      const subnets = started.right.twin.world.config.network.subnets;
      expect(lines[2]).toBe(`subnets: ${subnets.map((s) => `${s.subnetId} (${s.availabilityZone})`).join(', ')}`);
      const state = (await (await fetch(`${started.right.server.url}/_twin/state`)).json()) as { region: string };
      expect(state.region).toBe('eu-west-1');
    } finally {
      await started.right.server.close();
    }
  });

  it.each([
    ['an invalid config', () => file('bad.json', '{"retention":{"stopedTaskMs":1}}'), 'InvalidParameterException: Invalid world configuration: retention.stopedTaskMs: unknown key (did you mean stoppedTaskMs?)'],
    ['a config that is not JSON', () => file('broken.json', '{ seed: 1'), 'is not valid JSON'],
    ['a missing config file', () => join(dir, 'missing.json'), 'cannot read --config'],
  ])('refuses %s with a clear message', async (_what, path, message) => {
    const started = await serve({ port: 0, host: '127.0.0.1', config: path(), clock: 'manual', speed: 1 }, () => undefined);
    expect(E.isLeft(started) && started.left).toContain(message);
  });

  it('--data-dir: resumes the stored World, says so, and refuses a --config that differs from the stored one', async () => {
    const dataDir = join(dir, 'data');
    const lines: string[] = [];
    const first = await serve({ port: 0, host: '127.0.0.1', clock: 'manual', speed: 1, dataDir }, (l) => lines.push(l));
    if (E.isLeft(first)) throw new Error(first.left);
    first.right.twin.ecs('CreateCluster', { clusterName: 'kept' });
    await first.right.server.close();
    const again: string[] = [];
    const second = await serve({ port: 0, host: '127.0.0.1', clock: 'manual', speed: 1, dataDir }, (l) => again.push(l));
    if (E.isLeft(second)) throw new Error(second.left);
    await second.right.server.close();
    expect(second.right.twin.world.clusters.has('kept')).toBe(true);
    expect(again.at(-1)).toBe(`data dir: ${dataDir} (1 journal entries resumed)`);
    const other = file('other.json', '{"seed":77}');
    const refused = await serve({ port: 0, host: '127.0.0.1', config: other, clock: 'manual', speed: 1, dataDir }, () => undefined);
    expect(E.isLeft(refused) && refused.left).toContain('already holds a World with another config');
  });

  it('exits with code 1 and the message on stderr for an invalid config', async () => {
    const bad = file('bad2.json', '{"seed":"one"}');
    const err = (await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0', '--config', bad], { cwd: root }).catch(
      (e: unknown) => e,
    )) as { code: number; stderr: string };
    expect(err.code).toBe(1);
    expect(err.stderr).toContain('Invalid world configuration: seed');
  });
});
