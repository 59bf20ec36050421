import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, describe, expect, it } from 'vitest';
import { mergeCommand } from '../../src/cli/commands/merge.js';
import { simulateCommand, type SimulateDeps, type SimulateOptions } from '../../src/cli/commands/simulate.js';
import type { CommandIo } from '../../src/cli/simulation/outputs.js';
import type { ScenarioFile } from '../../src/sim/scenario/types.js';
import { runSweep, runTasks } from '../../src/sim/sweep.js';
import { assertSpec, fakeRun, file, scenario } from '../sim/seedResults.js';

const dir = mkdtempSync(join(tmpdir(), 'ecs-twin-simulate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const passing = scenario({ seeds: 4, assert: [assertSpec({ _tag: 'each' }, 'minutesBelowDesired', '<=', 6)] });
const failing = scenario({ seeds: 4, assert: [assertSpec({ _tag: 'service', service: 'web' }, 'minutesBelowDesired', '<=', 1)] });
const twoVariants = file(passing, [
  { name: 'on-demand', scenario: passing },
  { name: 'spot', scenario: failing },
]);

interface Captured {
  io: CommandIo;
  out: () => string;
  err: () => string;
  bar: () => string;
}

function capture(env: Record<string, string> = {}, isTTY = false): Captured {
  let out = '';
  let err = '';
  let bar = '';
  // cli-progress draws only on a stream that says it is a terminal.
  const stream = Object.assign(new PassThrough(), { isTTY, columns: 120 });
  stream.on('data', (c: Buffer) => (bar += c.toString()));
  let t = 0;
  return {
    io: { stdout: (s) => (out += s), stderr: (s) => (err += s), progressStream: stream, isTTY, env, nowMs: () => (t += 500) },
    out: () => out,
    err: () => err,
    bar: () => bar,
  };
}

function deps(f: ScenarioFile | readonly string[]): SimulateDeps & { runs: number[] } {
  const runs: number[] = [];
  return {
    runs,
    loadScenario: async () => (Array.isArray(f) ? E.left(f as readonly string[]) : E.right(f as ScenarioFile)),
    runSeeds: async (sf, tasks, workers, progress) => {
      runs.push(workers);
      return runTasks(sf, tasks, (s, v, i) => {
        progress.advance(tasks.findIndex((t) => t.variant === v && t.seedIndex === i), s.durationMs / 2);
        return fakeRun(s, v, i);
      }, (done) => progress.done(done - 1, 0));
    },
    writeReport: async (_r, path) => E.left(`no report writer in this test (${path})`),
  };
}

const run = (options: SimulateOptions, c: Captured, f: ScenarioFile | readonly string[] = file(passing)) => simulateCommand('s.yaml', options, c.io, deps(f));

describe('ecs-twin simulate (in-process, hand-made seeds)', () => {
  it('exits 0 when every assert passes, with the summary on stdout and one progress line per seed on stderr', async () => {
    const c = capture();
    expect(await run({}, c)).toBe(0);
    expect(c.out()).toContain('hand: 4 seeds × 1 variant, 0.05 virtual hours each');
    expect(c.out()).toMatch(/base \(best\)/);
    expect(c.out()).toContain('PASS 1/1');
    expect(c.out()).toContain('best: base (passes every assert at the least mean cost)');
    expect(c.bar().trim().split('\n')).toHaveLength(4);
    expect(c.bar()).toMatch(/^seed 1\/4 done: variant base seed 0 \| [\d.]+ virtual h\/s \| ETA /);
  });

  it('exits 1 when an assert fails, naming it and its value', async () => {
    const c = capture();
    expect(await run({}, c, twoVariants)).toBe(1);
    expect(c.out()).toContain('on-demand (best)');
    expect(c.out()).toMatch(/FAIL spot: web\.minutesBelowDesired <= 1 \(c\/web: max over seeds = \d+\)/);
  });

  it('exits 2 on a bad scenario, printing each problem line', async () => {
    const c = capture();
    expect(await run({}, c, ['s.yaml:3:5: world.sed: unknown key (did you mean seed?)', 's.yaml:9:1: duration: required'])).toBe(2);
    expect(c.err()).toBe('s.yaml:3:5: world.sed: unknown key (did you mean seed?)\ns.yaml:9:1: duration: required\n');
    expect(c.out()).toBe('');
  });

  it('exits 2 on bad arguments, saying which', async () => {
    const cases: [SimulateOptions, string][] = [
      [{ workers: 0 }, 'error: --workers must be an integer from 1 to 256, got 0\n'],
      [{ shard: '1/3' }, 'error: --shard runs part of the seeds: give --partial FILE to write its partial result, then combine the parts with ecs-twin merge\n'],
      [{ shard: '3/3', partial: 'p.json' }, 'error: --shard: the shard index must be an integer from 0 to 2, got 3\n'],
      [{ shards: 3, partial: 'p.json' }, 'error: --shards 3 needs this shard\'s index: --shard I/N, or AWS_BATCH_JOB_ARRAY_INDEX or JOB_COMPLETION_INDEX in the environment\n'],
      [{ partial: 'p.json', json: 'r.json' }, 'error: a partial result is not the whole run: write --json, --csv and --report with ecs-twin merge\n'],
      [{ variant: ['nope'] }, 'error: no variant nope in hand (variants: base)\n'],
    ];
    for (const [options, message] of cases) {
      const c = capture();
      expect(await run(options, c)).toBe(2);
      expect(c.err()).toBe(message);
    }
  });

  it('uses min(runs, CPUs) workers by default and --workers when given', async () => {
    const d = deps(file(passing));
    await simulateCommand('s.yaml', { seeds: 1 }, capture().io, d);
    await simulateCommand('s.yaml', { workers: 3 }, capture().io, d);
    expect(d.runs).toEqual([1, 3]);
  });

  it('writes --json (the SimulationResult) and --csv (series per seed, outcomes.csv)', async () => {
    const c = capture();
    const json = join(dir, 'out', 'result.json');
    const csv = join(dir, 'csv');
    expect(await run({ json, csv, seeds: 2 }, c, twoVariants)).toBe(1);
    const whole = runSweep(twoVariants, { seeds: 2 }, fakeRun);
    expect(E.isRight(whole) && readFileSync(json, 'utf8')).toBe(E.isRight(whole) && `${JSON.stringify(whole.right)}\n`);
    expect(readdirSync(join(csv, 'spot', 'seed-101')).sort()).toEqual(['account.csv', 'service-c.web.csv', 'subnets.csv']);
    expect(readFileSync(join(csv, 'outcomes.csv'), 'utf8').split('\n')[0]).toBe(
      'variant,seed,subject,minutesBelowDesired,minutesOverloaded,offeredRequests,servedRequests,droppedRequests,droppedRequestsPct,tasksReplaced,spotInterruptions,costUsd,launchFailures,throttles,maxTimeToSteadyStateMinutes',
    );
    expect(c.err()).toContain(`wrote ${json}`);
  });

  it('draws a bar on a terminal', async () => {
    const c = capture({}, true);
    expect(await run({}, c)).toBe(0);
    expect(c.bar()).toMatch(/4\/4 seeds \| [\d.]+ virtual h\/s \| ETA/);
  });

  it('reports a failing --report writer as status 2', async () => {
    const c = capture();
    expect(await run({ report: join(dir, 'r.html') }, c)).toBe(2);
    expect(c.err()).toContain('error: no report writer in this test');
  });
});

describe('shards and ecs-twin merge', () => {
  it('--shard I/N writes partials that merge into exactly the one-run JSON, whatever the part order', async () => {
    const parts = [0, 1, 2].map((i) => join(dir, 'parts', `part-${i}.json`));
    for (const i of [0, 1, 2]) {
      const c = capture();
      expect(await run({ shard: `${i}/3`, partial: join(dir, 'parts', 'part-{index}.json') }, c, twoVariants)).toBe(0);
      expect(c.out()).toMatch(new RegExp(`^shard ${i}/3: ${i === 0 ? 4 : 2} seed runs of hand written to`));
    }
    const mergedJson = join(dir, 'merged.json');
    const m = capture();
    expect(await mergeCommand([parts[2]!, parts[0]!, parts[1]!], { json: mergedJson }, m.io, async () => E.right(undefined))).toBe(1);
    const one = join(dir, 'one.json');
    await run({ json: one }, capture(), twoVariants);
    expect(readFileSync(mergedJson, 'utf8')).toBe(readFileSync(one, 'utf8'));
    expect(m.out()).toContain('FAIL spot');
  });

  it('takes the shard index from JOB_COMPLETION_INDEX / AWS_BATCH_JOB_ARRAY_INDEX with --shards', async () => {
    const c = capture({ JOB_COMPLETION_INDEX: '1' });
    expect(await run({ shards: 2, partial: join(dir, 'k8s-{index}.json') }, c)).toBe(0);
    const part = JSON.parse(readFileSync(join(dir, 'k8s-1.json'), 'utf8')) as { shard: unknown; seeds: { seed: number }[] };
    expect(part.shard).toEqual({ index: 1, count: 2 });
    expect(part.seeds.map((s) => s.seed)).toEqual([101, 103]);
    const b = capture({ AWS_BATCH_JOB_ARRAY_INDEX: '7' });
    expect(await run({ shards: 4, partial: join(dir, 'b.json') }, b)).toBe(2);
    expect(b.err()).toBe('error: AWS_BATCH_JOB_ARRAY_INDEX=7 with --shards 4: the shard index must be an integer from 0 to 3, got 7\n');
  });

  it('warns when an array index is set without --shards, and runs every seed', async () => {
    const c = capture({ AWS_BATCH_JOB_ARRAY_INDEX: '2' });
    expect(await run({}, c)).toBe(0);
    expect(c.err()).toContain('warning: AWS_BATCH_JOB_ARRAY_INDEX=2 is set but --shards is not: running every seed');
  });

  it('merge exits 2 on a missing part, a missing file and a file that is not JSON', async () => {
    const p0 = join(dir, 'm-0.json');
    await run({ shard: '0/2', partial: p0 }, capture());
    const m = capture();
    expect(await mergeCommand([p0], {}, m.io, async () => E.right(undefined))).toBe(2);
    expect(m.err()).toBe('error: missing shard 1/2\n');
    const missing = capture();
    expect(await mergeCommand([join(dir, 'nope.json')], {}, missing.io, async () => E.right(undefined))).toBe(2);
    expect(missing.err()).toMatch(/^error: cannot read .*nope\.json: ENOENT/);
    const notJson = capture();
    expect(await mergeCommand([join(dir, 'csv', 'outcomes.csv')], {}, notJson.io, async () => E.right(undefined))).toBe(2);
    expect(notJson.err()).toMatch(/outcomes\.csv is not valid JSON/);
  });
});
