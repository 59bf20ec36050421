/**
 * Issue 15's full-lifecycle benchmark on the built package (`dist/`, or the sources with `BENCH_SOURCE=src`):
 * launch → RUNNING → essential exit or StopTask → STOPPED → expired, for 10,000 and 100,000 tasks, launched
 * staggered (one RunTask × 10 per 500 virtual ms) or simultaneously (all calls at one instant). See
 * `lifecycleScenario.ts` for the phases and how timer firings are counted.
 *
 * Method (benchmarks/RESULTS.md): each case warms up (`LC_WARMUP` tasks, default 50,000), then runs `LC_RUNS` times
 * (default 5) from the same start world; the median of the runs' total wall time picks the run whose phases are
 * printed, and the best total is printed beside it. Reported per case: task lifecycles per second end to end,
 * timer firings per second of `advance`, and per phase µs per task (wall and CPU), events and firings.
 *
 * `LC_SLOPE=1` adds the slope run: the same lifecycle of 10,000 tasks in a world already holding 1,000,000 RUNNING
 * tasks (`LC_BIG` to change that number), against the same in an empty world.
 *
 * Run: `npm run build && node --expose-gc --import tsx benchmarks/lifecycle.ts` (`LC_CASES=simultaneous-exit,…`
 * and `LC_SIZES=10000,100000` select cases).
 */
import { machineLine } from './harness.js';
import { baseWorld, runLifecycle, type LifecycleOptions, type Phase } from './lifecycleScenario.js';
import { api, subjectLine } from './subject.js';

const RUNS = Number(process.env.LC_RUNS ?? 5);
const WARMUP = Number(process.env.LC_WARMUP ?? 50_000);
const SIZES = (process.env.LC_SIZES ?? '10000,100000').split(',').map(Number);
const CASES = (process.env.LC_CASES ?? 'simultaneous-exit,simultaneous-stop,staggered-exit,staggered-stop').split(',');

const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');
const total = (ps: readonly Phase[]): number => ps.reduce((s, p) => s + p.wallMs, 0);
const isAdvance = (p: Phase): boolean => p.name.startsWith('advance');

function runCase(o: LifecycleOptions, world = baseWorld(api, o)): Phase[][] {
  for (let warmed = 0; warmed < WARMUP; warmed += o.n) runLifecycle(api, world, o);
  return Array.from({ length: RUNS }, () => runLifecycle(api, world, o).phases);
}

function print(label: string, o: LifecycleOptions, runs: Phase[][]): void {
  const sorted = [...runs].sort((a, b) => total(a) - total(b));
  const med = sorted[Math.floor(sorted.length / 2)]!;
  const best = sorted[0]!;
  const adv = med.filter(isAdvance);
  const firings = adv.reduce((s, p) => s + p.timersFired, 0);
  const advMs = adv.reduce((s, p) => s + p.wallMs, 0);
  console.log(
    `\n## ${label}: ${fmt(o.n / (total(med) / 1000))} lifecycles/s median (best ${fmt(o.n / (total(best) / 1000))}), ` +
      `${fmt(firings / (advMs / 1000))} timer firings/s in advance, ${fmt(med.reduce((s, p) => s + p.events, 0))} events`,
  );
  for (const p of med) {
    console.log(
      `  ${p.name.padEnd(34)} ${p.wallMs.toFixed(0).padStart(7)} ms  ${((p.wallMs * 1000) / o.n).toFixed(2).padStart(7)} µs/task ` +
        `(CPU ${((p.cpuMs * 1000) / o.n).toFixed(2).padStart(6)})  ${fmt(p.events).padStart(9)} events  ${fmt(p.timersFired).padStart(9)} firings`,
    );
  }
}

console.log(`# full task lifecycle — ${machineLine()} — ${subjectLine}; warm-up ${fmt(WARMUP)} tasks, ${RUNS} runs`);
for (const n of SIZES) {
  for (const c of CASES) {
    const [launch, end] = c.split('-') as [LifecycleOptions['launch'], LifecycleOptions['end']];
    const o = { n, launch, end };
    print(`${fmt(n)} tasks, ${launch} launch, ${end === 'exit' ? 'essential exit' : 'StopTask'}`, o, runCase(o));
  }
}

if (process.env.LC_SLOPE === '1') {
  const big = Number(process.env.LC_BIG ?? 1_000_000);
  const o: LifecycleOptions = { n: 10_000, launch: 'simultaneous', end: 'exit' };
  // The resident tasks never exit (another family, no behaviour rule): they only make the tables large.
  let w = baseWorld(api, o);
  const td = { family: 'resident', networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], cpu: '256', memory: '512', containerDefinitions: [{ name: 'app', image: 'nginx:1.27' }] };
  w = (api.execute(w, 'RegisterTaskDefinition', td) as { right: { world: typeof w } }).right.world;
  const input = { cluster: 'bench', taskDefinition: 'resident', count: 10, launchType: 'FARGATE', networkConfiguration: { awsvpcConfiguration: { subnets: w.config.network.subnets.map((s) => s.subnetId) } } };
  for (let i = 0; i < big / 10; i++) {
    w = (api.execute(w, 'RunTask', input) as { right: { world: typeof w } }).right.world;
    if (i % 1000 === 999) w = api.advance(w, 1).world;
  }
  w = api.advance(w, 120_000).world;
  print(`slope: 10,000 tasks in an empty world`, o, runCase(o));
  print(`slope: 10,000 tasks in a world of ${fmt(big)} RUNNING tasks`, o, runCase(o, w));
}
