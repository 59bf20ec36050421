/**
 * EC2 tasks through the API: RunTask (launchType EC2, 10 tasks per call, spread across zones then binpack memory)
 * on clusters of 500, 2,000 and 5,000 m5.4xlarge instances, then StopTask of every task and the advance to
 * STOPPED. Reports µs per RunTask call and per task launched — the cost a test oracle or a simulation pays per call,
 * which includes reading the cluster's fleet from the instance ledgers (`src/scheduler/ec2/clusterFleet.ts`).
 *
 * Run: `node --import tsx benchmarks/ec2Api.ts` (`EC2_SIZES=500,2000` to choose the fleets, `EC2_CALLS` the calls,
 * `EC2_FLEET_CACHE=off` to build the fleet afresh at every call).
 * The placement engine's own figures (indexed placement, the full-scan baseline, a million tasks) are in
 * `placement.ts`.
 */
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import * as E from 'fp-ts/lib/Either.js';
import { advance, createWorld, execute, type World } from '../src/index.js';
import { fleetCache } from '../src/scheduler/ec2/clusterFleet.js';
import { UNLIMITED_QUOTAS } from './benchWorld.js';

// `EC2_FLEET_CACHE=off` builds the cluster's fleet afresh at every call (the code before the cache), for an A/B.
fleetCache.enabled = process.env.EC2_FLEET_CACHE !== 'off';

const SIZES = (process.env.EC2_SIZES ?? '500,2000,5000').split(',').map(Number);
const CALLS = Number(process.env.EC2_CALLS ?? 300);

function must(r: ReturnType<typeof execute>): { world: World; output: { tasks?: Array<{ taskArn: string }>; failures?: unknown[] } } {
  if (E.isLeft(r)) throw new Error(`${r.left.name}: ${r.left.message}`);
  return r.right as never;
}

function run(instances: number): { perCallUs: number; perTaskUs: number; stopUs: number } {
  let w = createWorld({
    seed: 1,
    quotas: UNLIMITED_QUOTAS,
    containerInstances: [{ cluster: 'bench', instanceType: 'm5.4xlarge', count: instances, availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'] }],
  });
  w = must(execute(w, 'RegisterTaskDefinition', { family: 'app', requiresCompatibilities: ['EC2'], containerDefinitions: [{ name: 'a', image: 'nginx', cpu: 64, memory: 128, portMappings: [{ containerPort: 80, hostPort: 0 }] }] })).world;
  const input = { cluster: 'bench', taskDefinition: 'app', launchType: 'EC2', count: 10, placementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }, { type: 'binpack', field: 'memory' }] };
  const arns: string[] = [];
  // Warm-up, then the measured calls.
  for (let i = 0; i < 20; i++) w = must(execute(w, 'RunTask', input)).world;
  const t0 = performance.now();
  for (let i = 0; i < CALLS; i++) {
    const r = must(execute(w, 'RunTask', input));
    if ((r.output.failures ?? []).length > 0) throw new Error('a task did not place');
    for (const t of r.output.tasks ?? []) arns.push(t.taskArn);
    w = r.world;
  }
  const launchMs = performance.now() - t0;
  w = advance(w, 120_000).world;
  const t1 = performance.now();
  for (const task of arns) w = must(execute(w, 'StopTask', { cluster: 'bench', task })).world;
  w = advance(w, 120_000).world;
  const stopMs = performance.now() - t1;
  return { perCallUs: (launchMs * 1000) / CALLS, perTaskUs: (launchMs * 1000) / arns.length, stopUs: (stopMs * 1000) / arns.length };
}

console.log(`EC2 tasks through the API (fleet cache ${fleetCache.enabled ? 'on' : 'off'}) — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, ${CALLS} RunTask calls of 10`);
console.log('| instances | µs per RunTask call | µs per task launched | µs per task stopped (StopTask + advance) |');
console.log('| --- | --- | --- | --- |');
for (const n of SIZES) {
  const r = run(n);
  console.log(`| ${n.toLocaleString('en-US')} | ${r.perCallUs.toFixed(0)} | ${r.perTaskUs.toFixed(1)} | ${r.stopUs.toFixed(1)} |`);
}
