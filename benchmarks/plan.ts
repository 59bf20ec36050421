/**
 * Benchmark (issue 12 "Performance", the plan's prediction):
 * 1. `predict` for one 1,000-task service moving to a new revision (RegisterTaskDefinition + UpdateService,
 *    minimumHealthyPercent 100 / maximumPercent 200) in a 100,000-task World, simulated to steady state.
 *    Target ≤ 100 ms.
 * 2. `predict` for 200 services changed at once (one RegisterTaskDefinition, 200 UpdateService), same World.
 *    Target ≤ 2 s.
 * The World: 95 services × 1,000 tasks and 200 services × 25 tasks (100,000 tasks, steady), every quota lifted,
 * 16 /16 subnets over three zones (benchWorld.ts). Median and best of nine runs of `predict` on the same start World
 * (it is immutable: every run starts from the same state), after one warm-up run, without forced collections.
 *
 * Run: `npm run build && node --import tsx benchmarks/plan.ts`: the built package, as the other runners
 * (`BENCH_SOURCE=src` for the sources); World, `predict` and the twin's own steps all come from the same copy of the
 * engine (a World built by one copy cannot be advanced by another: events are recognised by class).
 */
import { performance } from 'node:perf_hooks';
import type { PlannedOperation, World } from '../src/index.js';
import { BENCH_TASK_DEFINITION, benchSubnets, benchWorld, must, UNLIMITED_QUOTAS } from './benchWorld.js';
import { machineLine } from './harness.js';
import { api, subjectLine } from './subject.js';

const { advance, createWorld, execute, predict } = api;

const SUBNETS = benchSubnets(16);
const NETWORK = { awsvpcConfiguration: { subnets: SUBNETS.map((s) => s.subnetId) } };
const BIG = 95;
const BIG_TASKS = 1000;
const SMALL = 200;
const SMALL_TASKS = 25;
const RUNS = 9;

const bigName = (i: number): string => `big${String(i).padStart(3, '0')}`;
const smallName = (i: number): string => `small${String(i).padStart(3, '0')}`;

function buildWorld(): World {
  let w = benchWorld({ createWorld, execute }, { network: { subnets: SUBNETS }, quotas: UNLIMITED_QUOTAS });
  const create = (serviceName: string, desiredCount: number): void => {
    w = must(execute(w, 'CreateService', { cluster: 'bench', serviceName, taskDefinition: 'web', desiredCount, launchType: 'FARGATE', networkConfiguration: NETWORK })).world;
  };
  // In batches, each advanced to steady, so no single burst holds 100,000 launches.
  for (let i = 0; i < BIG; i += 10) {
    for (let j = i; j < Math.min(BIG, i + 10); j++) create(bigName(j), BIG_TASKS);
    w = advance(w, 300_000).world;
  }
  for (let i = 0; i < SMALL; i++) create(smallName(i), SMALL_TASKS);
  w = advance(w, 300_000).world;
  const running = w.clusters.get('bench')!.runningTasksCount;
  const expected = BIG * BIG_TASKS + SMALL * SMALL_TASKS;
  if (running !== expected) throw new Error(`expected ${expected} RUNNING tasks, found ${running}`);
  return w;
}

const newRevision: PlannedOperation = {
  service: 'ecs',
  operation: 'RegisterTaskDefinition',
  input: { ...BENCH_TASK_DEFINITION, containerDefinitions: [{ name: 'app', image: 'nginx:1.28', essential: true }] },
  change: 0,
};
const update = (service: string, change: number): PlannedOperation => ({
  service: 'ecs',
  operation: 'UpdateService',
  input: { cluster: 'bench', service, taskDefinition: 'web' },
  change,
});

function run(label: string, world: World, ops: readonly PlannedOperation[], target: number): void {
  const check = predict(world, ops); // warm-up, and the outcome to report
  const outcomes = new Map<string, number>();
  for (const r of check.rollouts) outcomes.set(r.outcome, (outcomes.get(r.outcome) ?? 0) + 1);
  const slowest = Math.max(...check.rollouts.map((r) => r.timeToSteadySeconds ?? Infinity));
  // The twin's own run of the same operations over the same virtual time in the same 5 s steps, interleaved with
  // predict's runs: what predict adds on top of the simulation itself.
  const steps = Math.ceil((slowest * 1000) / 5_000);
  const twin = (): void => {
    let w = world;
    for (const o of ops) w = must(execute(w, o.operation, o.input)).world;
    for (let k = 0; k < steps; k++) w = advance(w, 5_000).world;
  };
  twin();
  const times: number[] = [];
  const twinTimes: number[] = [];
  // No forced collection between runs (the method of the other runners, RESULTS.md issue 3): a full collection
  // shrinks V8's young generation and the next run then spends much of its time growing it back — with it, the
  // 1,000-task case measured 95–157 ms here against 38 ms in a steady loop. `BENCH_FORCE_GC=1` puts it back.
  const forceGc = process.env.BENCH_FORCE_GC === '1' ? (globalThis as { gc?: () => void }).gc : undefined;
  for (let i = 0; i < RUNS; i++) {
    forceGc?.();
    let t0 = performance.now();
    predict(world, ops);
    times.push(performance.now() - t0);
    forceGc?.();
    t0 = performance.now();
    twin();
    twinTimes.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  twinTimes.sort((a, b) => a - b);
  const median = times[Math.floor(RUNS / 2)]!;
  console.log(
    `${label}: median ${median.toFixed(1)} ms, best ${times[0]!.toFixed(1)} ms (target ≤ ${target} ms: ${median <= target ? 'met' : 'MISSED'}); ` +
      `the twin alone (execute + advance, same steps): median ${twinTimes[Math.floor(RUNS / 2)]!.toFixed(1)} ms, best ${twinTimes[0]!.toFixed(1)} ms; ` +
      `rollouts ${[...outcomes].map(([k, n]) => `${n} ${k}`).join(', ')}, slowest steady after ${slowest} s of virtual time, ` +
      `peak tasks of the first ${check.rollouts[0]?.peakTasks}`,
  );
}

console.log(`# plan prediction — ${subjectLine}\n${machineLine()}`);
const t0 = performance.now();
const world = buildWorld();
console.log(`World of ${world.tasks.size} tasks (${BIG} × ${BIG_TASKS} + ${SMALL} × ${SMALL_TASKS}) built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
run('one 1,000-task service updated', world, [newRevision, update(bigName(0), 1)], 100);
run(`${SMALL} services updated at once (${SMALL} × ${SMALL_TASKS} tasks)`, world, [newRevision, ...Array.from({ length: SMALL }, (_, i) => update(smallName(i), i + 1))], 2000);
