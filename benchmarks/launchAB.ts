/**
 * A/B of the launch benchmark of `tasks.ts` between two builds of the package, interleaved in one process so that
 * the shared VM's drift and the neighbours' load hit both sides alike: each side warms up (50,000 tasks), then the
 * sides alternate (old, new, new, old, …) for `AB_RUNS` runs each of `AB_N` tasks (default 6 × 100,000). Reports
 * wall time and this process's CPU time (`process.cpuUsage`, less sensitive to other processes on a busy machine),
 * medians and bests, and the number of events each side emitted.
 *
 * Run: build the old version and copy its `dist/` away (e.g. `git stash; npm run build; cp -r dist /tmp/old;
 * git stash pop; npm run build`), then
 * `AB_OLD=/tmp/old/index.js AB_NEW=dist/index.js node --import tsx benchmarks/launchAB.ts`.
 * A copy of a build outside the repository needs a `node_modules` link next to it to resolve its dependencies.
 */
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { World } from '../src/index.js';
import { benchSubnets, benchWorld, must } from './benchWorld.js';

type Api = typeof import('../src/index.js');

const load = async (path: string | undefined, name: string): Promise<Api> => {
  if (path === undefined) throw new Error(`set ${name} to the index.js of a build`);
  return (await import(pathToFileURL(path).href)) as Api;
};

const SUBNETS = benchSubnets(6);


/** The world of `tasks.ts`: a cluster and one task definition, quotas off. */
function baseWorld(api: Api): World {
  return benchWorld(api, { network: { subnets: SUBNETS }, quotas: { onDemandVcpu: Infinity, spotVcpu: Infinity } });
}

const INPUT = {
  cluster: 'bench',
  taskDefinition: 'web',
  count: 10,
  launchType: 'FARGATE',
  networkConfiguration: { awsvpcConfiguration: { subnets: SUBNETS.map((s) => s.subnetId) } },
};

/** `tasks.ts`'s launch: RunTask × 10 every 500 virtual ms, then until every task is RUNNING. Returns the events. */
function launchAndRun(api: Api, world: World, n: number): number {
  let w = world;
  let events = 0;
  for (let i = 0; i < n / 10; i++) {
    const r = must(api.execute(w, 'RunTask', INPUT));
    const a = api.advance(r.world, 500);
    w = a.world;
    events += r.events.length + a.events.length;
  }
  const end = api.advance(w, 240_000);
  if (end.world.clusters.get('bench')?.runningTasksCount !== n) throw new Error('not every task is RUNNING');
  return events + end.events.length;
}

const N = Number(process.env.AB_N ?? 100_000);
const RUNS = Number(process.env.AB_RUNS ?? 6);
const sides = [
  { name: 'old', api: await load(process.env.AB_OLD, 'AB_OLD'), wallMs: [] as number[], cpuMs: [] as number[], events: 0 },
  { name: 'new', api: await load(process.env.AB_NEW, 'AB_NEW'), wallMs: [] as number[], cpuMs: [] as number[], events: 0 },
];
const worlds = sides.map((s) => baseWorld(s.api));
sides.forEach((s, i) => {
  for (let warmed = 0; warmed < 50_000; warmed += N) launchAndRun(s.api, worlds[i]!, N);
});
const loadBefore = os.loadavg()[0]!;
for (let r = 0; r < RUNS; r++) {
  for (const i of r % 2 === 0 ? [0, 1] : [1, 0]) {
    const s = sides[i]!;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    s.events = launchAndRun(s.api, worlds[i]!, N);
    s.wallMs.push(performance.now() - t0);
    const cpu = process.cpuUsage(cpu0);
    s.cpuMs.push((cpu.user + cpu.system) / 1000);
  }
}
const median = (a: readonly number[]): number => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
const rate = (ms: number): string => Math.round(N / (ms / 1000)).toLocaleString('en-US');
console.log(
  `# launch A/B — node ${process.version}, ${os.cpus().length} vCPU, 1-min load ${loadBefore.toFixed(1)} → ` +
    `${os.loadavg()[0]!.toFixed(1)}, ${N.toLocaleString('en-US')} tasks × ${RUNS} runs per side`,
);
for (const s of sides) {
  console.log(
    `${s.name}: wall median ${rate(median(s.wallMs))} tasks/s (best ${rate(Math.min(...s.wallMs))}), ` +
      `CPU median ${rate(median(s.cpuMs))} tasks/CPU-s (best ${rate(Math.min(...s.cpuMs))}), ${s.events.toLocaleString('en-US')} events`,
  );
}
const [a, b] = sides as [(typeof sides)[0], (typeof sides)[0]];
console.log(
  `new/old speed: wall ${(median(a.wallMs) / median(b.wallMs)).toFixed(3)}×, CPU ${(median(a.cpuMs) / median(b.cpuMs)).toFixed(3)}×`,
);
