import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultWorkers, runSeedsOnWorkers, workerEntry } from '../../../src/cli/simulation/pool.js';
import { aggregate } from '../../../src/sim/aggregate.js';
import { seedTasks } from '../../../src/sim/sweep.js';
import { assertSpec, file, scenario } from '../../sim/seedResults.js';

describe('worker entry', () => {
  it('from source: the .ts worker beside the pool, started through tsx (an absolute loader URL)', () => {
    const e = workerEntry(new URL('../../../src/cli/simulation/pool.ts', import.meta.url).href);
    expect(e.filename.endsWith('/src/cli/simulation/seedWorker.ts')).toBe(true);
    expect(existsSync(fileURLToPath(e.filename))).toBe(true);
    expect(e.execArgv[0]).toBe('--import');
    expect(e.execArgv[1]).toMatch(/^file:\/\/.*\/tsx\/dist\/loader\.mjs$/);
  });

  it('from the build: the .js worker beside the pool, no loader', () => {
    expect(workerEntry('file:///opt/ecs-twin/dist/cli/simulation/pool.js')).toEqual({ filename: 'file:///opt/ecs-twin/dist/cli/simulation/seedWorker.js', execArgv: [] });
  });

  it('defaults to one worker per run, at most one per CPU, at least one', () => {
    expect(defaultWorkers(1)).toBe(1);
    expect(defaultWorkers(0)).toBe(1);
    expect(defaultWorkers(10_000)).toBeGreaterThanOrEqual(1);
    expect(defaultWorkers(10_000)).toBeLessThan(10_000);
  });
});

describe('runSeedsOnWorkers (a stand-in worker)', () => {
  const base = scenario({ seeds: 6, assert: [assertSpec({ _tag: 'each' }, 'minutesBelowDesired', '<=', 3)] });
  const f = file(base, [
    { name: 'a', scenario: base },
    { name: 'b', scenario: scenario({ world: { seed: 40 } }) },
  ]);
  const tasks = seedTasks({ file: f, seedCount: 6 });
  // The stand-in worker, started through tsx as the source worker is.
  const fake = { filename: new URL('./fakeSeedWorker.ts', import.meta.url).href, execArgv: workerEntry(new URL('../../../src/cli/simulation/pool.ts', import.meta.url).href).execArgv };

  it('gives byte-identical aggregates with 1 and 3 workers, results in task order, progress for every seed', async () => {
    const done: number[] = [];
    const progress = { advance: () => undefined, done: (i: number) => void done.push(i), stop: () => undefined };
    const one = await runSeedsOnWorkers(f, tasks, 1, progress, fake);
    const three = await runSeedsOnWorkers(f, tasks, 3, undefined, fake);
    expect(one.map((s) => `${s.variant}:${s.seed}`)).toEqual(tasks.map((t) => `${t.variant}:${(t.variant === 'b' ? 40 : 100) + t.seedIndex}`));
    expect(JSON.stringify(aggregate(f, three))).toBe(JSON.stringify(aggregate(f, one)));
    expect([...done].sort((x, y) => x - y)).toEqual(tasks.map((_, i) => i));
  });

  it('rejects with the worker\'s error when a seed fails', async () => {
    await expect(runSeedsOnWorkers(f, [{ variant: 'a', seedIndex: 999 }], 1, undefined, fake)).rejects.toThrow('seed 999 always fails');
  });
});
