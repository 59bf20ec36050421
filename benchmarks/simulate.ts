/**
 * Benchmark (issue 10 "Performance", what-if simulation):
 * 1. One seed of 24 virtual hours of 200 services × 100 tasks (20,000 tasks) with CPU target tracking, one rolling
 *    deployment per service and Fargate Spot interruptions (half the tasks on Spot, 0.02 per task-hour). Target
 *    ≤ 10 s per seed on the 2-core machine; reports timer events per second (goal ≥ 1M/s).
 * 2. 100 seeds of bundled scenario 1 (docs/examples/scenarios/az-outage) with 2 workers, through the CLI of the built
 *    package. Target ≤ 60 s. Anchor: CloudSim Plus simulates 50,000 cloudlets in about 80 s.
 *
 * Run: `npm run build && node --import tsx benchmarks/simulate.ts` (the built package; `BENCH_SOURCE=src` for the
 * sources). `BENCH_HOURS=6` shortens part 1; `BENCH_ONLY=seed|seeds` runs one part.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../src/index.js';
import { machineLine, timeOnce } from './harness.js';
import { api, subjectLine } from './subject.js';

const HOURS = Number(process.env.BENCH_HOURS ?? 24);
const ONLY = process.env.BENCH_ONLY;
const SERVICES = 200;
const TASKS = 100;

/** The large scenario, built as the loader would produce it. */
function largeScenario(): Scenario {
  const subnets = ['a', 'b', 'c'].map((z, i) => ({ subnetId: `subnet-${z}`, cidrBlock: `10.${i}.0.0/16`, availabilityZone: `us-east-1${z}`, vpcId: 'vpc-bench' }));
  const lifted = { burst: 1e9, refillPerSecond: 1e9 };
  const names = Array.from({ length: SERVICES }, (_, i) => `svc${String(i).padStart(3, '0')}`);
  const td = (image: string) => ({ family: 'web', networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], cpu: '256', memory: '512', containerDefinitions: [{ name: 'app', image, essential: true }] });
  return {
    name: 'bench-200x100',
    world: { seed: 5, quotas: { onDemandVcpu: 1e6, spotVcpu: 1e6, runTaskApi: lifted, onDemandLaunches: lifted, spotLaunches: lifted }, network: { subnets } },
    resources: {
      clusters: [{ clusterName: 'bench', capacityProviders: ['FARGATE', 'FARGATE_SPOT'] }],
      taskDefinitions: [td('nginx:1'), td('nginx:2')],
      services: names.map((n) => ({
        cluster: 'bench',
        serviceName: n,
        taskDefinition: 'web:1',
        desiredCount: TASKS,
        capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }, { capacityProvider: 'FARGATE_SPOT', weight: 1 }],
        networkConfiguration: { awsvpcConfiguration: { subnets: subnets.map((s) => s.subnetId) } },
      })),
    },
    load: Object.fromEntries(
      names.map((n) => [n, { capacityRps: 100, cpuBaselinePct: 2, memoryBaselinePct: 20, memoryAtCapacityPct: 60, profile: [{ type: 'diurnal', baseRps: 25 * TASKS, peakRps: 70 * TASKS, peakHour: 14 }] }]),
    ),
    autoscaling: {
      scalableTargets: names.map((n) => ({ ServiceNamespace: 'ecs', ResourceId: `service/bench/${n}`, ScalableDimension: 'ecs:service:DesiredCount', MinCapacity: 10, MaxCapacity: 3 * TASKS })),
      scalingPolicies: names.map((n) => ({
        PolicyName: 'cpu60',
        ServiceNamespace: 'ecs',
        ResourceId: `service/bench/${n}`,
        ScalableDimension: 'ecs:service:DesiredCount',
        PolicyType: 'TargetTrackingScaling',
        TargetTrackingScalingPolicyConfiguration: { TargetValue: 60, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' } },
      })),
      scheduledActions: [],
    },
    timeline: [
      { _tag: 'spotInterruptions', atMs: 0, ratePerTaskHour: 0.02, path: 'timeline[0]' },
      // One deployment per service, spread over the run's first half.
      ...names.map((n, i) => ({
        _tag: 'operation' as const,
        atMs: Math.floor(((HOURS * 3_600_000) / 2 / SERVICES) * i),
        operation: 'UpdateService',
        input: { cluster: 'bench', service: n, taskDefinition: 'web:2' },
        times: 1,
        everyMs: 0,
        path: `timeline[${i + 1}]`,
      })),
    ],
    durationMs: HOURS * 3_600_000,
    metricPeriodMs: 60_000,
    seeds: 1,
    assert: [],
  };
}

console.log(`# what-if simulation — ${subjectLine}\n${machineLine()}`);
if (ONLY === undefined || ONLY === 'seed') {
  const sc = largeScenario();
  const problems = api.checkScenario(sc);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  const { ms, value: r } = timeOnce(() => api.simulateSeed(sc, 'bench', 0));
  const deployments = r.account.DeploymentsCompleted.reduce((a, b) => a + b, 0);
  console.log(
    `1 seed, ${HOURS} virtual h, ${SERVICES} services × ${TASKS} tasks: ${(ms / 1000).toFixed(2)} s ` +
      `(${((HOURS * 3600 * 1000) / ms).toFixed(0)}× real time); ${r.timerEvents.toLocaleString('en')} timer events = ` +
      `${Math.round((r.timerEvents / ms) * 1000).toLocaleString('en')}/s; deployments completed ${deployments}; ` +
      `Spot interruptions ${r.totals.spotInterruptions}; cost $${r.cost.totalUsd.toFixed(2)}`,
  );
}
if ((ONLY === undefined || ONLY === 'seed') && process.env.BENCH_SOURCE !== 'src') {
  // The same seed as `ecs-twin simulate` runs it: on a worker thread with the CLI's heap settings.
  const { Worker } = await import('node:worker_threads');
  const { SEED_WORKER_LIMITS } = await import('../src/cli/simulation/pool.js');
  const dist = new URL('../dist/index.js', import.meta.url).href;
  const code = `const { workerData, parentPort } = require('node:worker_threads');
import(${JSON.stringify(dist)}).then((api) => {
  const t0 = performance.now();
  api.simulateSeed(workerData, 'bench', 0);
  parentPort.postMessage(performance.now() - t0);
});`;
  const ms = await new Promise<number>((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData: largeScenario(), resourceLimits: SEED_WORKER_LIMITS });
    w.once('message', (m: number) => {
      resolve(m);
      void w.terminate();
    });
    w.once('error', reject);
  });
  console.log(`the same seed on a worker thread as \`ecs-twin simulate\` runs it (young generation ${SEED_WORKER_LIMITS.maxYoungGenerationSizeMb} MB): ${(ms / 1000).toFixed(2)} s`);
}
if (ONLY === undefined || ONLY === 'seeds') {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const cli = process.env.BENCH_SOURCE === 'src' ? ['--import', 'tsx', 'src/cli/main.ts'] : ['dist/cli/main.js'];
  const args = [...cli, 'simulate', 'docs/examples/scenarios/az-outage/scenario.yaml', '--seeds', '100', '--workers', '2', '--json', '/tmp/ecs-twin-bench-100.json'];
  const { ms } = timeOnce(() => execFileSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'ignore'] }));
  console.log(`100 seeds of bundled scenario 1 (24 virtual h each), 2 workers, CLI: ${(ms / 1000).toFixed(2)} s (${((100 * 24) / (ms / 1000)).toFixed(0)} virtual h/s)`);
}
