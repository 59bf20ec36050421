// ACTIVATING and DEACTIVATING: visible versions for a task behind a load balancer, states on the clock only for a
// plain task (reference §3.1 "load-balancer target registration" / "target deregistration", §3.8).
import { describe, expect, it } from 'vitest';
import type { TaskLoadBalancer } from '../../src/domain/task.js';
import { WorldTxn } from '../../src/domain/txn.js';
import { launchFargateTasks } from '../../src/scheduler/launchTasks.js';
import { DEFAULT_TARGET_GROUP as TARGET_GROUP_DEFAULTS } from '../../src/domain/world.js';
import { setBehaviors } from '../../src/sim/faults.js';
import { Sim, type Task } from '../api/tasks/harness.js';

const statusesOf = (events: Task[]): string[] => events.map((e) => `${e.lastStatus}/${e.desiredStatus}`);
const msOf = (t: Task, k: string): number => Math.round((t[k] as number) * 1000);

const TARGET: TaskLoadBalancer = {
  targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef',
  containerName: 'app',
  containerPort: 80,
};

/**
 * Launches one task like a service behind a load balancer would (RunTask has no `loadBalancers`): the spec of a
 * RunTask task with `loadBalancers` added, through the launch path the service scheduler will use.
 */
function launchBehindLoadBalancer(sim: Sim, loadBalancers: readonly TaskLoadBalancer[]): string {
  sim.run();
  const template = [...sim.world.tasks.values()].at(-1)!;
  const tx = new WorldTxn(sim.world);
  const [outcome] = launchFargateTasks(
    tx,
    { spec: { ...template.spec, loadBalancers }, containerCount: 1, subnets: sim.world.config.network.subnets.slice(0, 1) },
    [{ pool: 'FARGATE', capacityProviderName: undefined }],
  );
  sim.world = tx.commit();
  sim.events.push(...tx.events);
  if (outcome?._tag !== 'Launched') throw new Error('launch failed');
  return `arn:aws:ecs:us-east-1:123456789012:task/default/${outcome.task.taskId}`;
}

describe('a task behind a load balancer', () => {
  it('gets ACTIVATING and DEACTIVATING as versions with their events; a plain task does not', () => {
    const sim = new Sim().setup();
    const plain = sim.run().tasks[0]!.taskArn;
    const balanced = launchBehindLoadBalancer(sim, [TARGET]);
    sim.advance(600_000);
    expect(statusesOf(sim.eventsOf(balanced))).toEqual([
      'PROVISIONING/RUNNING',
      'PENDING/RUNNING',
      'ACTIVATING/RUNNING',
      'RUNNING/RUNNING',
    ]);
    expect(statusesOf(sim.eventsOf(plain))).toEqual(['PROVISIONING/RUNNING', 'PENDING/RUNNING', 'RUNNING/RUNNING']);

    sim.ok('StopTask', { task: balanced });
    sim.ok('StopTask', { task: plain });
    sim.advance(900_000);
    // The stop deregisters the target at once: StopTask answers DEACTIVATING (service captures §2.4: G8, G3).
    expect(statusesOf(sim.eventsOf(balanced)).slice(4)).toEqual([
      'DEACTIVATING/STOPPED',
      'DEPROVISIONING/STOPPED',
      'STOPPED/STOPPED',
    ]);
    expect(sim.eventsOf(balanced).map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(statusesOf(sim.eventsOf(plain)).slice(3)).toEqual(['RUNNING/STOPPED', 'DEPROVISIONING/STOPPED', 'STOPPED/STOPPED']);
    expect(sim.describe(balanced).version).toBe(7);
    expect(sim.describe(plain).version).toBe(6);
  });

  it('stays ACTIVATING until its target is healthy and DEACTIVATING for the deregistration delay', () => {
    const sim = new Sim().setup();
    const arn = launchBehindLoadBalancer(sim, [TARGET]);
    sim.advance(600_000);
    const running = sim.describe(arn);
    const healthyMs = TARGET_GROUP_DEFAULTS.healthCheckIntervalSeconds * TARGET_GROUP_DEFAULTS.healthyThresholdCount * 1000;
    expect(msOf(running, 'startedAt') - msOf(running, 'pullStoppedAt')).toBeGreaterThanOrEqual(healthyMs);
    sim.ok('StopTask', { task: arn });
    sim.advance(900_000);
    const stopped = sim.describe(arn);
    const delayMs = TARGET_GROUP_DEFAULTS.deregistrationDelaySeconds * 1000;
    expect(msOf(stopped, 'executionStoppedAt') - msOf(stopped, 'stoppingAt')).toBeGreaterThanOrEqual(delayMs);
    const deactivating = sim.eventsOf(arn).find((e) => e.lastStatus === 'DEACTIVATING')!;
    // The containers get SIGTERM only after the delay: they still run in the DEACTIVATING version.
    expect(deactivating.containers[0]).toMatchObject({ lastStatus: 'RUNNING' });
  });

  it('deregisters after an essential container exits: DEACTIVATING before DEPROVISIONING', () => {
    const sim = new Sim().setup();
    sim.world = setBehaviors(sim.world, [{ match: { family: 'web' }, exitAfterMs: 30_000, exitCode: 2 }]).world;
    const arn = launchBehindLoadBalancer(sim, [TARGET]);
    sim.advance(1_200_000);
    expect(statusesOf(sim.eventsOf(arn)).slice(3)).toEqual([
      'RUNNING/RUNNING',
      'DEACTIVATING/STOPPED',
      'DEPROVISIONING/STOPPED',
      'STOPPED/STOPPED',
    ]);
    expect(sim.describe(arn)).toMatchObject({ stopCode: 'EssentialContainerExited', version: 7 });
  });

  it('an empty loadBalancers list is a plain task', () => {
    const sim = new Sim().setup();
    const arn = launchBehindLoadBalancer(sim, []);
    sim.advance(600_000);
    expect(statusesOf(sim.eventsOf(arn))).toEqual(['PROVISIONING/RUNNING', 'PENDING/RUNNING', 'RUNNING/RUNNING']);
  });
});
