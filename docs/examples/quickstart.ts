/**
 * Quickstart: a Fargate service's worth of tasks, from RunTask to STOPPED, on the virtual clock.
 *
 *   npm run example            (or: npx tsx docs/examples/quickstart.ts)
 *
 * It drives only the public API (`createWorld`, `execute`, `advance`) — in your code, import from 'ecs-twin'.
 * Everything printed is deterministic: run it twice, diff the output.
 */
import { readFileSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import { advance, createWorld, execute, interruptSpotTasks, type EcsEvent, type World } from '../../src/index.js';

const here = new URL('.', import.meta.url);
const startMs = 1_704_067_200_000;
const clock = (ms: number): string => `t+${((ms - startMs) / 1000).toFixed(1).padStart(6)}s`;

/** Calls the API and stops the example with the ECS error if the call fails. */
function call<O>(world: World, operation: string, input: unknown): { world: World; output: O; events: readonly EcsEvent[] } {
  const r = execute(world, operation, input);
  if (E.isLeft(r)) throw new Error(`${operation} failed: ${r.left.name}: ${r.left.message}`);
  return { world: r.right.world, output: r.right.output as O, events: r.right.events };
}

function printTaskEvents(events: readonly EcsEvent[]): void {
  for (const e of events) {
    if (e['detail-type'] !== 'ECS Task State Change') continue;
    const d = e.detail as { taskArn: string; lastStatus: string; desiredStatus: string; updatedAt: string; stopCode?: string; stoppedReason?: string; capacityProviderName?: string; availabilityZone?: string };
    const id = d.taskArn.split('/').pop()!.slice(0, 8);
    const stop = d.stopCode ? `  (${d.stopCode}: ${d.stoppedReason ?? ''})` : '';
    console.log(`  ${clock(Date.parse(d.updatedAt))}  task ${id}  ${d.lastStatus.padEnd(14)} desired ${d.desiredStatus.padEnd(8)} ${d.capacityProviderName ?? ''} ${d.availabilityZone ?? ''}${stop}`);
  }
}

let world = createWorld({ seed: 42, quotas: { onDemandVcpu: 100, spotVcpu: 100 } });
const subnets = world.config.network.subnets.slice(0, 3).map((s) => s.subnetId);
console.log(`World: ${world.config.region}, account ${world.config.accountId}, seed ${world.config.seed}; default VPC subnets ${subnets.join(', ')}`);

// 1. A cluster that can use Fargate and Fargate Spot: 1 task on-demand first, then 1:1.
({ world } = call(world, 'CreateCluster', {
  clusterName: 'demo',
  capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
  defaultCapacityProviderStrategy: [
    { capacityProvider: 'FARGATE', base: 1, weight: 1 },
    { capacityProvider: 'FARGATE_SPOT', weight: 1 },
  ],
}));

// 2. ECS's own validation: a size Fargate does not offer is refused exactly as ECS refuses it.
const bad = execute(world, 'RegisterTaskDefinition', { family: 'web-app', requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc', cpu: '512', memory: '512', containerDefinitions: [{ name: 'web', image: 'nginx' }] });
if (E.isLeft(bad)) console.log(`RegisterTaskDefinition with 512 CPU / 512 MiB → ${bad.left.name}: ${bad.left.message}`);

// 3. The real definition: "0.5 vCPU" / "1GB" are normalised to "512" / "1024" as ECS stores them.
const registered = call<{ taskDefinition: { taskDefinitionArn: string; cpu: string; memory: string } }>(
  world, 'RegisterTaskDefinition', JSON.parse(readFileSync(new URL('web-app.task-definition.json', here), 'utf8')));
world = registered.world;
const td = registered.output.taskDefinition;
console.log(`Registered ${td.taskDefinitionArn} (cpu ${td.cpu}, memory ${td.memory})`);

// 4. Run 4 tasks with the cluster's default strategy across three subnets.
const run = call<{ tasks: Array<{ taskArn: string; lastStatus: string }>; failures: unknown[] }>(world, 'RunTask', {
  cluster: 'demo',
  taskDefinition: 'web-app',
  count: 4,
  networkConfiguration: { awsvpcConfiguration: { subnets, assignPublicIp: 'DISABLED' } },
});
world = run.world;
console.log(`RunTask → ${run.output.tasks.length} tasks in ${run.output.tasks[0]?.lastStatus}, ${run.output.failures.length} failures`);
printTaskEvents(run.events);

// 5. Two virtual minutes pass: provisioning, image pulls, health checks.
let step = advance(world, 120_000);
world = step.world;
printTaskEvents(step.events);

// 6. Stop one task, as a user would: the stop request is one event (still RUNNING, desired STOPPED), then
//    DEPROVISIONING and STOPPED (DEACTIVATING and STOPPING pass without events of their own, as on real Fargate).
const victim = run.output.tasks[0]!.taskArn;
const stopped = call(world, 'StopTask', { cluster: 'demo', task: victim, reason: 'Scaling down for the night' });
world = stopped.world;
printTaskEvents(stopped.events);
step = advance(world, 120_000);
world = step.world;
printTaskEvents(step.events);

// 7. A fault: Fargate Spot reclaims its capacity. The two-minute warning, then the stop (stopCode SpotInterruption).
console.log('Fargate Spot interruption:');
const spot = interruptSpotTasks(world, { cluster: 'demo' });
world = spot.world;
printTaskEvents(spot.events);
step = advance(world, 120_000);
world = step.world;
printTaskEvents(step.events);

// 8. What DescribeTasks says now.
const described = call<{ tasks: Array<{ taskArn: string; lastStatus: string; capacityProviderName?: string; availabilityZone?: string; attachments?: Array<{ details?: Array<{ name?: string; value?: string }> }> }> }>(
  world, 'DescribeTasks', { cluster: 'demo', tasks: run.output.tasks.map((t) => t.taskArn) });
console.log('DescribeTasks:');
for (const t of described.output.tasks) {
  const ip = t.attachments?.[0]?.details?.find((d) => d.name === 'privateIPv4Address')?.value;
  console.log(`  ${t.taskArn.split('/').pop()!.slice(0, 8)}  ${t.lastStatus.padEnd(8)} ${t.capacityProviderName ?? ''} ${t.availabilityZone ?? ''} ${ip ?? '(ENI released)'}`);
}
const cluster = call<{ clusters: Array<{ runningTasksCount: number; pendingTasksCount: number }> }>(world, 'DescribeClusters', { clusters: ['demo'] });
console.log(`Cluster demo: ${cluster.output.clusters[0]!.runningTasksCount} running, ${cluster.output.clusters[0]!.pendingTasksCount} pending at ${clock(world.nowMs)}`);
