/**
 * A/B of the full-lifecycle benchmark (`lifecycleScenario.ts`) between two builds, interleaved in one process as
 * `launchAB.ts` does for the launch: each side warms up (50,000 tasks), then the sides alternate (old, new, new,
 * old, …) for `AB_RUNS` runs each (default 6) of `AB_N` tasks (default 100,000) in the case `AB_CASE` (default
 * `simultaneous-exit`; also `simultaneous-stop`, `staggered-exit`, `staggered-stop`). Reports, per phase, the
 * median CPU µs per task of each side and their ratio, and the end-to-end medians (wall and CPU).
 *
 * Run: `AB_OLD=/tmp/old/index.js AB_NEW=dist/index.js node --import tsx benchmarks/lifecycleAB.ts` (see
 * `launchAB.ts` for building the old side), **then again with the two swapped**: the build loaded second measured
 * up to 1.3× slower per phase in an A/A run (the builds share their dependencies and the heap), so the figure to
 * quote is the geometric mean of the two orders' ratios (benchmarks/RESULTS.md, issue 15).
 */
import * as os from 'node:os';
import { pathToFileURL } from 'node:url';
import { baseWorld, runLifecycle, type Api, type LifecycleOptions, type Phase } from './lifecycleScenario.js';

const load = async (path: string | undefined, name: string): Promise<Api> => {
  if (path === undefined) throw new Error(`set ${name} to the index.js of a build`);
  return (await import(pathToFileURL(path).href)) as Api;
};

const N = Number(process.env.AB_N ?? 100_000);
const RUNS = Number(process.env.AB_RUNS ?? 6);
const [launch, end] = (process.env.AB_CASE ?? 'simultaneous-exit').split('-') as [LifecycleOptions['launch'], LifecycleOptions['end']];
const o: LifecycleOptions = { n: N, launch, end };
const sides = [
  { name: 'old', api: await load(process.env.AB_OLD, 'AB_OLD'), runs: [] as Phase[][] },
  { name: 'new', api: await load(process.env.AB_NEW, 'AB_NEW'), runs: [] as Phase[][] },
];
const worlds = sides.map((s) => baseWorld(s.api, o));
sides.forEach((s, i) => {
  for (let warmed = 0; warmed < 50_000; warmed += N) runLifecycle(s.api, worlds[i]!, o);
});
const loadBefore = os.loadavg()[0]!;
for (let r = 0; r < RUNS; r++) {
  for (const i of r % 2 === 0 ? [0, 1] : [1, 0]) sides[i]!.runs.push(runLifecycle(sides[i]!.api, worlds[i]!, o).phases);
}
const median = (a: readonly number[]): number => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
const perTask = (ms: number): string => ((ms * 1000) / N).toFixed(2);
console.log(
  `# lifecycle A/B ${launch}-${end} — node ${process.version}, ${os.cpus().length} vCPU, 1-min load ${loadBefore.toFixed(1)} → ` +
    `${os.loadavg()[0]!.toFixed(1)}, ${N.toLocaleString('en-US')} tasks × ${RUNS} runs per side (CPU µs/task, medians)`,
);
const [a, b] = sides as [(typeof sides)[0], (typeof sides)[0]];
a.runs[0]!.forEach((p, k) => {
  const oc = median(a.runs.map((r) => r[k]!.cpuMs));
  const nc = median(b.runs.map((r) => r[k]!.cpuMs));
  console.log(`  ${p.name.padEnd(34)} old ${perTask(oc).padStart(7)}  new ${perTask(nc).padStart(7)}  new/old ${(nc / oc).toFixed(3)}`);
});
const sum = (r: Phase[], f: (p: Phase) => number): number => r.reduce((s, p) => s + f(p), 0);
for (const s of sides) {
  const wall = median(s.runs.map((r) => sum(r, (p) => p.wallMs)));
  const cpu = median(s.runs.map((r) => sum(r, (p) => p.cpuMs)));
  console.log(`${s.name}: ${Math.round(N / (wall / 1000)).toLocaleString('en-US')} lifecycles/s wall, ${Math.round(N / (cpu / 1000)).toLocaleString('en-US')} per CPU-s`);
}
