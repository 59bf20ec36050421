// The bundled what-if scenarios (docs/examples/scenarios/): each loads, each variant's resources are accepted by ECS,
// and each tells the story its README promises (one seed each, to keep the suite fast; the CLI runs them in full).
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { readScenarioFile } from '../../src/cli/readScenario.js';
import { checkScenario, simulateSeed } from '../../src/sim/run/simulateSeed.js';
import type { SeedResult } from '../../src/sim/result.js';
import type { ScenarioFile } from '../../src/sim/scenario/types.js';

const DIR = resolve(import.meta.dirname, '../../docs/examples/scenarios');

function load(name: string): ScenarioFile {
  const r = readScenarioFile(resolve(DIR, name, 'scenario.yaml'));
  if (E.isLeft(r)) throw new Error(r.left.map((p) => `${p.path}: ${p.message}`).join('\n'));
  return r.right;
}

/** Seed 0 of every variant (the base when there is none), by variant name. */
function runAll(file: ScenarioFile): Record<string, SeedResult> {
  const variants = file.variants.length > 0 ? file.variants : [{ name: 'base', scenario: file.base }];
  return Object.fromEntries(variants.map((v) => [v.name, simulateSeed(v.scenario, v.name, 0)]));
}

describe('bundled scenarios', () => {
  it('are the four the issue names, each with a README, and every variant is accepted by ECS', () => {
    const names = readdirSync(DIR).sort();
    expect(names).toEqual(['az-outage', 'batch-burst', 'deploy-surge', 'spot-mix']);
    for (const name of names) {
      expect(readdirSync(resolve(DIR, name)).sort()).toEqual(['README.md', 'scenario.yaml']);
      const file = load(name);
      for (const v of file.variants.length > 0 ? file.variants.map((x) => x.scenario) : [file.base]) expect(checkScenario(v)).toEqual([]);
    }
  });

  it('az-outage: the zone’s tasks are lost at 14:00 and replaced within minutes, with no request dropped', () => {
    const r = runAll(load('az-outage')).base!;
    const web = r.outcomes['prod/web']!;
    expect(web.tasksReplaced).toBeGreaterThan(0);
    expect(web.minutesBelowDesired).toBeGreaterThan(0);
    expect(web.minutesBelowDesired).toBeLessThan(15);
    expect(web.droppedRequestsPct).toBe(0);
    expect(r.markers.some((m) => m.kind === 'fault' && m.label === 'AZ outage us-east-1a')).toBe(true);
  });

  it('spot-mix: more Spot costs less, and interruptions come with it', () => {
    const r = runAll(load('spot-mix'));
    const cost = (v: string): number => r[v]!.cost.totalUsd;
    expect(cost('spot-50')).toBeLessThan(cost('on-demand'));
    expect(cost('spot-80')).toBeLessThan(cost('spot-50'));
    expect(r['on-demand']!.totals.spotInterruptions).toBe(0);
    expect(r['spot-80']!.cost.spotUsd).toBeGreaterThan(0);
  });

  it('deploy-surge: the surge hits the vCPU quota and is slower; a quota of 200 removes both', () => {
    const r = runAll(load('deploy-surge'));
    expect(r['as-planned']!.totals.launchFailures).toBeGreaterThan(0);
    expect(r['quota-200']!.totals.launchFailures).toBe(0);
    expect(r['quota-200']!.totals.maxTimeToSteadyStateMinutes).toBeLessThan(r['as-planned']!.totals.maxTimeToSteadyStateMinutes);
    expect(Math.max(...r['as-planned']!.account.OnDemandVcpuInUse)).toBeLessThanOrEqual(100);
  });

  it('batch-burst: all at once is throttled, the refill rate hits the quota, slow pacing runs every job', () => {
    const r = runAll(load('batch-burst'));
    expect(r['all-at-once']!.totals.throttles).toBeGreaterThan(400);
    expect(r['paced']!.totals.throttles).toBe(0);
    expect(r['paced']!.totals.launchFailures).toBeGreaterThan(1000);
    expect(r['paced-slow']!.totals.throttles + r['paced-slow']!.totals.launchFailures).toBe(0);
    expect(r['paced-slow']!.cost.billedTasks).toBe(5000);
  });
});

describe("the README's first command", () => {
  it('`npm run simulate` simulates bundled scenario 1, prints the summary, writes the report and exits 0', async () => {
    const { execFileSync } = await import('node:child_process');
    const { existsSync, readFileSync } = await import('node:fs');
    const root = resolve(import.meta.dirname, '../..');
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.simulate).toContain('docs/examples/scenarios/az-outage/scenario.yaml --report out/az-outage.html');
    expect(readFileSync(resolve(root, 'README.md'), 'utf8')).toContain('npm ci && npm run simulate');
    // Two seeds instead of the scenario's twenty keep the suite quick; the command is otherwise the README's.
    const out = execFileSync('npm', ['run', '--silent', 'simulate', '--', '--seeds', '2'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out).toContain('az-outage-at-peak: 2 seeds × 1 variant, 24 virtual hours each');
    expect(out).toMatch(/best: base/);
    expect(existsSync(resolve(root, 'out/az-outage.html'))).toBe(true);
    expect(readFileSync(resolve(root, 'out/az-outage.html'), 'utf8')).toContain('<title>What-if report: az-outage-at-peak</title>');
  }, 120_000);
});

describe('docs/examples/what-if.ts', () => {
  it('prints each variant against the first and the best one, the same twice', async () => {
    const { execFileSync } = await import('node:child_process');
    const root = resolve(import.meta.dirname, '../..');
    const run = (): string => execFileSync(process.execPath, ['--import', 'tsx', 'docs/examples/what-if.ts'], { cwd: root, encoding: 'utf8' });
    const out = run();
    expect(out).toMatch(/^on-demand {2}cost \$\d+\.\d\d \(\+0\.00\)/m);
    expect(out).toMatch(/^spot-80 {4}cost \$\d+\.\d\d \(-\d+\.\d\d\)/m);
    expect(out).toContain('best: spot-80');
    expect(run()).toBe(out);
  }, 120_000);
});
