/**
 * Benchmark (issue 8 "Performance", services):
 * 1. A scheduler pass after one task stops, in a world of 100 / 1,000 / 10,000 services × 100 tasks: the
 *    `ServicePass` timer of one service fires (`advance` over the 1 ms that holds only that pass, on a frozen World
 *    advanced again and again). Target ≤ 50 µs median, flat from 100 to 10,000 services: O(that service).
 * 2. A rolling deployment of one 1,000-task service (UpdateService `forceNewDeployment`) simulated to COMPLETED.
 *    Target ≤ 100 ms.
 * 3. 1,000 services × 100 tasks created and advanced to steady state (quotas lifted): target ≥ 100,000 tasks/s
 *    (RunTask's launch throughput, benchmarks/tasks.ts); heap per service task within 10% of a standalone task's.
 *
 * Run: `npm run build && node --expose-gc --import tsx benchmarks/services.ts` — it measures the built package
 * (`BENCH_SOURCE=src` measures the sources through tsx; see subject.ts). `BENCH_PASS_MAX=1000` stops the pass
 * slope at 1,000 services (the 10,000-service world holds a million tasks: ~3 GiB of RSS and, on 2026-12-05, seven
 * minutes to build); `BENCH_ONLY=create|deploy|pass` runs one part.
 */
import type { World } from '../src/index.js';
import { benchSubnets, benchWorld, must, UNLIMITED_QUOTAS } from './benchWorld.js';
import { machineLine, measure, report, timeOnce } from './harness.js';
import { api, subjectLine } from './subject.js';

const { advance, execute } = api;

// A million tasks need more addresses than six /16s hold (393,186): 16 /16 subnets over three zones (16 is also
// the most subnets an awsvpcConfiguration takes).
const SUBNETS = benchSubnets(16);
const NETWORK = { awsvpcConfiguration: { subnets: SUBNETS.map((s) => s.subnetId) } };
const TASKS_PER_SERVICE = 100;


/** A world with a cluster and a task definition, every quota lifted (issue 8: "quotas lifted"). */
function baseWorld(): World {
  return benchWorld(api, { network: { subnets: SUBNETS }, quotas: UNLIMITED_QUOTAS });
}

const serviceName = (i: number): string => `svc${String(i).padStart(5, '0')}`;
const keyOf = (name: string): string => `bench\u0000${name}`;

/**
 * Creates services `from` … `to - 1` with `tasksEach` tasks each and advances until every service is steady
 * (deployment COMPLETED, its tasks RUNNING and healthy). Returns the world; throws when it is not steady.
 */
function createSteady(world: World, from: number, to: number, tasksEach: number): World {
  let w = world;
  for (let i = from; i < to; i++) {
    w = must(
      execute(w, 'CreateService', {
        cluster: 'bench',
        serviceName: serviceName(i),
        taskDefinition: 'web',
        desiredCount: tasksEach,
        launchType: 'FARGATE',
        networkConfiguration: NETWORK,
      }),
    ).world;
  }
  // First pass ≤ 30 s after creation, provisioning + pull + activation ≤ 3 min, healthy 40 s after RUNNING, then
  // one more pass (≤ 30 s) completes the deployment: 5 virtual minutes cover every service, in a few big steps
  // (each `advance` is one transaction: a touched tree node is copied once per step, not once per timer).
  w = advance(w, 300_000).world;
  const expected = (world.clusters.get('bench')?.runningTasksCount ?? 0) + (to - from) * tasksEach;
  const running = w.clusters.get('bench')!.runningTasksCount;
  if (running !== expected) throw new Error(`expected ${expected} RUNNING tasks, found ${running}`);
  for (let i = from; i < to; i++) {
    const s = w.services.get(keyOf(serviceName(i)))!;
    if (s.deployments.length !== 1 || s.deployments[0]!.rolloutState !== 'COMPLETED') {
      throw new Error(`service ${s.serviceName} is not steady: ${JSON.stringify(s.deployments.map((d) => d.rolloutState))}`);
    }
  }
  return w;
}

/** Launches `n` standalone tasks (RunTask × 10, quotas lifted) and advances until all are RUNNING. */
function runStandalone(world: World, n: number): World {
  let w = world;
  const input = { cluster: 'bench', taskDefinition: 'web', count: 10, launchType: 'FARGATE', networkConfiguration: NETWORK };
  for (let i = 0; i < n / 10; i++) w = must(execute(w, 'RunTask', input)).world;
  w = advance(w, 300_000).world;
  const running = w.clusters.get('bench')!.runningTasksCount;
  if (running !== n) throw new Error(`expected ${n} RUNNING tasks, found ${running}`);
  return w;
}

/** Task ARNs of service `name` (ListTasks, one page of up to `max`). */
const taskArns = (w: World, name: string, max: number): string[] =>
  (must(execute(w, 'ListTasks', { cluster: 'bench', serviceName: name, desiredStatus: 'RUNNING', maxResults: max })).output as { taskArns: string[] })
    .taskArns;
const desiredRunning = (w: World, name: string): number => taskArns(w, name, 100).length;

/**
 * The world one millisecond before the pass that follows StopTask of one task of service `name`, checked to hold
 * no other timer at that instant, so `advance(world, 1)` is exactly that pass.
 */
function beforePassAfterStop(world: World, name: string): World {
  const arn = taskArns(world, name, 1)[0]!;
  let w = must(execute(world, 'StopTask', { cluster: 'bench', task: arn, reason: 'benchmark' })).world;
  // The pass can move earlier while we wait (the task reaching STOPPED books one a reaction time later, ≥ 5 s):
  // approach it in 1-second steps so the pass never fires unseen.
  const passAt = (x: World): number => x.services.get(keyOf(name))!.passTimer!.atMs;
  while (passAt(w) - 1 - w.nowMs > 1_000) w = advance(w, 1_000).world;
  const at = passAt(w);
  w = advance(w, at - 1 - w.nowMs).world;
  const timer = w.services.get(keyOf(name))!.passTimer;
  if (timer?.atMs !== at) throw new Error('the pass moved');
  for (const [t] of w.timers.entries()) {
    if (t.atMs > at) break;
    if (t !== timer) throw new Error(`another timer (${t._tag}) is due at the pass's instant`);
  }
  if (desiredRunning(w, name) !== TASKS_PER_SERVICE - 1) throw new Error('the stopped task is still desired RUNNING');
  const after = advance(w, 1).world;
  if (desiredRunning(after, name) !== TASKS_PER_SERVICE) throw new Error('the pass did not replace the stopped task');
  return w;
}

const gc = (globalThis as { gc?: () => void }).gc;
const heapUsed = (): number => {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
};
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const PASS_MAX = Number(process.env.BENCH_PASS_MAX ?? 10_000);
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

/** Runs `fn` RUNS times, returns the median and the best wall times (ms). */
function medianAndBest(fn: () => void): { median: number; best: number } {
  const ms: number[] = [];
  for (let r = 0; r < RUNS; r++) ms.push(timeOnce(fn).ms);
  ms.sort((a, b) => a - b);
  return { median: ms[Math.floor(ms.length / 2)]!, best: ms[0]! };
}

console.log(`# Services — ${machineLine()}, ${subjectLine}${gc ? '' : ' (no --expose-gc: heap figures include garbage)'}`);

/** `BENCH_ONLY=pass|deploy|create` runs one part. */
const only = process.env.BENCH_ONLY;
const runs = (part: string): boolean => only === undefined || only === part;

// 3. Throughput: 1,000 services × 100 tasks from creation to steady state. Warm-up of at least 50,000 tasks first
// (see RESULTS.md, issue 3: V8 needs about that many before the launch path is optimised), then RUNS runs from the
// same start world; no forced GC between runs.
if (runs('create')) {
  const base = baseWorld();
  const services = 1_000;
  const tasks = services * TASKS_PER_SERVICE;
  for (let warmed = 0; warmed < 100_000; warmed += 20_000) createSteady(base, 0, 200, TASKS_PER_SERVICE);
  const m = medianAndBest(() => createSteady(base, 0, services, TASKS_PER_SERVICE));
  console.log(
    `create ${fmt(services)} services × ${TASKS_PER_SERVICE} tasks → steady`.padEnd(58) +
      ` median ${m.median.toFixed(0)} ms = ${fmt(tasks / (m.median / 1000))} tasks/s   best ${fmt(tasks / (m.best / 1000))} tasks/s   (${RUNS} runs)`,
  );
  // Heap per task: service tasks against standalone RunTask tasks, the same number in the same kind of world.
  for (let r = 0; r < 2; r++) {
    const h0 = heapUsed();
    let kept: World | undefined = createSteady(base, 0, services, TASKS_PER_SERVICE);
    const perServiceTask = (heapUsed() - h0) / tasks;
    kept = undefined;
    const h1 = heapUsed();
    kept = runStandalone(base, tasks);
    const perTask = (heapUsed() - h1) / tasks;
    kept = undefined;
    void kept;
    console.log(
      `heap per task at ${fmt(tasks)} tasks: service task ${fmt(perServiceTask)} B, standalone task ${fmt(perTask)} B` +
        ` (${(((perServiceTask - perTask) / perTask) * 100).toFixed(1)}%)`,
    );
  }
}

// 2. A rolling deployment of one 1,000-task service to COMPLETED (default 100 % / 200 %: 1,000 new tasks start,
// then the old ones stop once the new are healthy), in steps of 10 virtual seconds.
if (runs('deploy')) {
  const world = createSteady(baseWorld(), 0, 1, 1_000);
  const name = serviceName(0);
  let steps = 0;
  const deploy = (): World => {
    let w = must(execute(world, 'UpdateService', { cluster: 'bench', service: name, forceNewDeployment: true })).world;
    steps = 0;
    for (;;) {
      w = advance(w, 10_000).world;
      steps++;
      const ds = w.services.get(keyOf(name))!.deployments;
      if (ds.length === 1 && ds[0]!.rolloutState === 'COMPLETED') return w;
      if (steps > 360) throw new Error('the deployment did not complete within an hour');
    }
  };
  for (let i = 0; i < 10; i++) deploy();
  const m = medianAndBest(() => deploy());
  console.log(
    `rolling deployment of a 1,000-task service → COMPLETED`.padEnd(58) +
      ` median ${m.median.toFixed(1)} ms   best ${m.best.toFixed(1)} ms   (${steps * 10} virtual s, ${RUNS} runs)`,
  );
}

// 1. The pass after one task stops, at 100 / 1,000 / 10,000 services × 100 tasks (one world grown in place).
if (runs('pass')) {
  let world = baseWorld();
  let built = 0;
  for (const services of [100, 1_000, 10_000]) {
    if (services > PASS_MAX) break;
    const b = timeOnce(() => createSteady(world, built, services, TASKS_PER_SERVICE));
    world = b.value;
    built = services;
    console.log(`built ${fmt(services)} services × ${TASKS_PER_SERVICE} tasks (${fmt(services * TASKS_PER_SERVICE)} tasks) in ${(b.ms / 1000).toFixed(1)} s`);
    const pre = beforePassAfterStop(world, serviceName(Math.floor(services / 2)));
    report(measure(`pass after one task stops, ${fmt(services)} services × ${TASKS_PER_SERVICE}`, () => advance(pre, 1), 2000, 500));
  }
}
