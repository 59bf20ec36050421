// The Fargate task lifecycle on the virtual clock (reference §3), driven through execute/advance.
import { describe, expect, it } from 'vitest';
import { DEFAULT_TASK_TIMINGS } from '../../src/engine/createWorld.js';
import { ESSENTIAL_EXITED_REASON, SIGKILL_EXIT_CODE, USER_STOP_REASON } from '../../src/scheduler/lifecycle.js';
import { setBehaviors } from '../../src/sim/faults.js';
import { Sim, detailOf, type Task } from '../api/tasks/harness.js';

const statusesOf = (events: Task[]): string[] => events.map((e) => `${e.lastStatus}/${e.desiredStatus}`);
const ms = (iso: unknown): number => Date.parse(String(iso));

/** A task definition with an essential app (health-checked) and a non-essential sidecar. */
const TWO_CONTAINERS = {
  family: 'duo',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  cpu: '512',
  memory: '1024',
  containerDefinitions: [
    {
      name: 'app',
      image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1',
      essential: true,
      healthCheck: { command: ['CMD-SHELL', 'curl -f localhost'], interval: 10, retries: 3 },
    },
    { name: 'sidecar', image: 'public.ecr.aws/docker/library/busybox:1', essential: false },
  ],
};

/** A duration spec that always gives `ms`. */
const fixed = (ms: number) => ({ medianMs: ms, minMs: ms, maxMs: ms });

/** Steps the clock 100 ms at a time (at most `limitMs`) until the task shows `status`; returns it as described. */
function stepUntil(sim: Sim, arn: string, status: string, limitMs = 300_000): Task {
  for (let t = 0; t < limitMs && sim.describe(arn).lastStatus !== status; t += 100) sim.advance(100);
  const described = sim.describe(arn);
  expect(described.lastStatus).toBe(status);
  return described;
}

describe('launch to RUNNING', () => {
  // Reference §3.8 (SIM RULE from captures A and B, and the AWS CLI describe-tasks example, which shows a RUNNING
  // Fargate task at version 3): a plain task is versioned and announced at PROVISIONING, PENDING and RUNNING only.
  it('is versioned and announced at PROVISIONING (1), PENDING (2), RUNNING (3): one event per version', () => {
    const sim = new Sim().setup();
    const arn = sim.run().tasks[0]!.taskArn;
    sim.advance(300_000);
    const events = sim.eventsOf(arn);
    expect(statusesOf(events)).toEqual(['PROVISIONING/RUNNING', 'PENDING/RUNNING', 'RUNNING/RUNNING']);
    expect(events.map((e) => e.version)).toEqual([1, 2, 3]);
    const running = events[2]!;
    // Timestamps as ECS sets them, in lifecycle order (ISO strings in events).
    const order = ['createdAt', 'connectivityAt', 'pullStartedAt', 'pullStoppedAt', 'startedAt'].map((k) => ms(running[k]));
    expect(order.every((t) => Number.isFinite(t))).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const provisioningMs = order[1]! - order[0]!;
    expect(provisioningMs).toBeGreaterThanOrEqual(DEFAULT_TASK_TIMINGS.provisioning.minMs);
    expect(provisioningMs).toBeLessThanOrEqual(DEFAULT_TASK_TIMINGS.provisioning.maxMs);
    expect(running).toMatchObject({ connectivity: 'CONNECTED', updatedAt: running.startedAt });
    expect(running).not.toHaveProperty('healthStatus'); // never in events (reference §12.3)
    expect(running.containers[0]).not.toHaveProperty('healthStatus');

    const described = sim.describe(arn);
    expect(described).toMatchObject({ lastStatus: 'RUNNING', version: 3, healthStatus: 'UNKNOWN' });
    expect(described.containers[0]).toMatchObject({ lastStatus: 'RUNNING' });
    expect(described.containers[0]!.runtimeId).toMatch(/^[0-9a-f]{32}-\d{10}$/);
    expect(described.containers[0]!.imageDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(described.attachments[0]!.status).toBe('ATTACHED');
    expect(detailOf(described, 'privateIPv4Address')).toMatch(/^10\.0\.\d\.\d+$/);
    expect(detailOf(described, 'networkInterfaceId')).toMatch(/^eni-[0-9a-f]{17}$/);
    expect(detailOf(described, 'macAddress')).toMatch(/^0a(:[0-9a-f]{2}){5}$/);
    expect(described.containers[0]!.networkInterfaces).toEqual([
      { attachmentId: described.attachments[0]!.id, privateIpv4Address: detailOf(described, 'privateIPv4Address') },
    ]);
    expect(sim.counts()).toEqual({ running: 1, pending: 0 });
  });

  it('passes through ACTIVATING on the clock without a version or event of its own', () => {
    const sim = new Sim({ timings: { activating: fixed(5_000) } }).setup();
    const arn = sim.run().tasks[0]!.taskArn;
    const activating = stepUntil(sim, arn, 'ACTIVATING');
    expect(activating).toMatchObject({ desiredStatus: 'RUNNING', version: 2 }); // still PENDING's version
    expect(sim.counts()).toEqual({ running: 0, pending: 1 });
    expect(statusesOf(sim.eventsOf(arn))).toEqual(['PROVISIONING/RUNNING', 'PENDING/RUNNING']);
    sim.advance(5_000);
    expect(sim.describe(arn)).toMatchObject({ lastStatus: 'RUNNING', version: 3 });
  });

  it('a task stopped while ACTIVATING says so in the stop version, and never starts', () => {
    const sim = new Sim({ timings: { activating: fixed(5_000) } }).setup();
    const arn = sim.run().tasks[0]!.taskArn;
    stepUntil(sim, arn, 'ACTIVATING');
    const stopped = sim.ok<{ task: Task }>('StopTask', { task: arn }).task;
    expect(stopped).toMatchObject({ lastStatus: 'ACTIVATING', desiredStatus: 'STOPPED', version: 3 });
    sim.advance(300_000);
    expect(statusesOf(sim.eventsOf(arn)).slice(2)).toEqual(['ACTIVATING/STOPPED', 'DEPROVISIONING/STOPPED', 'STOPPED/STOPPED']);
    expect(sim.describe(arn)).not.toHaveProperty('startedAt');
  });

  it('shows a planned pull only once it has started (DescribeTasks shows what ECS would show now)', () => {
    const sim = new Sim({ timings: { pullStartDelay: { medianMs: 2000, minMs: 2000, maxMs: 2000 } } }).setup();
    sim.world = setBehaviors(sim.world, [{ match: { image: 'nginx:*' }, pullMs: 30_000 }]).world;
    const arn = sim.run().tasks[0]!.taskArn;
    const pending = sim.advance(60_000).find((e) => (e.detail as Task).lastStatus === 'PENDING')!;
    expect(pending.detail).not.toHaveProperty('pullStartedAt'); // planned for 2 s after PENDING
    const t = sim.describe(arn);
    expect(Math.round(((t.pullStoppedAt as number) - (t.pullStartedAt as number)) * 1000)).toBe(30_000); // the scripted pull
  });

  it('pulls from ECR faster than from public registries by default (medians 5 s vs 9 s)', () => {
    expect(DEFAULT_TASK_TIMINGS.pullEcr.medianMs).toBeLessThan(DEFAULT_TASK_TIMINGS.pullPublicRegistry.medianMs);
  });
});

describe('stopping', () => {
  // Reference §3.8 B (a user stop, final version 6) and the StopTask API example (version 4 right after StopTask).
  it('StopTask: version 4 at once (RUNNING, desired STOPPED), then DEPROVISIONING (5) and STOPPED (6)', () => {
    const sim = new Sim().setup();
    const arn = sim.run().tasks[0]!.taskArn;
    sim.advance(300_000);
    const stopped = sim.ok<{ task: Task }>('StopTask', { task: arn, reason: 'deploy' }).task;
    expect(stopped).toMatchObject({
      lastStatus: 'RUNNING',
      desiredStatus: 'STOPPED',
      stopCode: 'UserInitiated',
      stoppedReason: 'deploy',
      version: 4,
    });
    expect(stopped.stoppingAt).toBe(sim.world.nowMs / 1000);
    sim.advance(300_000);
    const events = sim.eventsOf(arn);
    expect(statusesOf(events.slice(3))).toEqual(['RUNNING/STOPPED', 'DEPROVISIONING/STOPPED', 'STOPPED/STOPPED']);
    expect(events.map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6]);
    const last = sim.describe(arn);
    expect(last).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'UserInitiated', stoppedReason: 'deploy', version: 6 });
    expect(last.containers[0]).toMatchObject({ lastStatus: 'STOPPED', exitCode: 0 });
    expect(last.attachments[0]!.status).toBe('DELETED');
    // A user stop: stoppingAt is the request, executionStoppedAt follows, then stoppedAt.
    const t = ['startedAt', 'stoppingAt', 'executionStoppedAt', 'stoppedAt'].map((k) => last[k] as number);
    expect([...t].sort((a, b) => a - b)).toEqual(t);
    expect(sim.counts()).toEqual({ running: 0, pending: 0 });
  });

  it('a user stop with the default timings looks like capture B: execution stopped ~0.2 s, STOPPED ~23 s after the request', () => {
    // Reference §3.8 B: executionStoppedAt 0.2 s after stoppingAt, stoppedAt 23.5 s after it.
    const sim = new Sim().setup();
    const arn = sim.run().tasks[0]!.taskArn;
    sim.advance(300_000);
    sim.ok('StopTask', { task: arn });
    sim.advance(300_000);
    const last = sim.describe(arn);
    const stoppingMs = (last.stoppingAt as number) * 1000;
    const executionMs = Math.round((last.executionStoppedAt as number) * 1000) - stoppingMs;
    const stoppedMs = Math.round((last.stoppedAt as number) * 1000) - stoppingMs;
    expect(executionMs).toBeGreaterThan(0);
    expect(executionMs).toBeLessThan(2_000);
    expect(stoppedMs).toBeGreaterThanOrEqual(10_000);
    expect(stoppedMs).toBeLessThanOrEqual(62_000);
  });

  it('DEACTIVATING and STOPPING are states on the clock, not versions, for a task without a load balancer', () => {
    const sim = new Sim({ timings: { deactivating: fixed(2_000), gracefulStop: fixed(3_000) } }).setup();
    const arn = sim.run().tasks[0]!.taskArn;
    sim.advance(300_000);
    sim.ok('StopTask', { task: arn });
    expect(stepUntil(sim, arn, 'DEACTIVATING')).toMatchObject({ desiredStatus: 'STOPPED', version: 4 });
    expect(stepUntil(sim, arn, 'STOPPING')).toMatchObject({ desiredStatus: 'STOPPED', version: 4 });
    expect(stepUntil(sim, arn, 'DEPROVISIONING')).toMatchObject({ version: 5 });
    expect(statusesOf(sim.eventsOf(arn)).slice(3)).toEqual(['RUNNING/STOPPED', 'DEPROVISIONING/STOPPED']);
  });

  it('uses "Task stopped by user" when StopTask gives no reason', () => {
    const sim = new Sim().setup();
    const arn = sim.run().tasks[0]!.taskArn;
    expect(sim.ok<{ task: Task }>('StopTask', { task: arn }).task.stoppedReason).toBe(USER_STOP_REASON);
  });

  it('a task stopped while PROVISIONING never starts: DEPROVISIONING → STOPPED, no startedAt', () => {
    const sim = new Sim().setup();
    const arn = sim.run().tasks[0]!.taskArn;
    sim.ok('StopTask', { task: arn });
    sim.advance(300_000);
    expect(statusesOf(sim.eventsOf(arn))).toEqual([
      'PROVISIONING/RUNNING',
      'PROVISIONING/STOPPED',
      'DEPROVISIONING/STOPPED',
      'STOPPED/STOPPED',
    ]);
    const last = sim.describe(arn);
    expect(last).not.toHaveProperty('startedAt');
    expect(last).not.toHaveProperty('pullStartedAt');
    expect(last.containers[0]).toMatchObject({ lastStatus: 'STOPPED' });
    expect(last.containers[0]).not.toHaveProperty('exitCode'); // it never ran
  });

  it('a container that ignores SIGTERM is killed after its stopTimeout with exit code 137', () => {
    const sim = new Sim({ timings: { stopNotice: fixed(100), deactivating: fixed(50) } }).setup();
    sim.world = setBehaviors(sim.world, [{ match: { containerName: 'app' }, onSigterm: 'ignore' }]).world;
    const arn = sim.run().tasks[0]!.taskArn;
    sim.advance(300_000);
    sim.ok('StopTask', { task: arn });
    sim.advance(300_000);
    const last = sim.describe(arn);
    expect(last.containers[0]).toMatchObject({ exitCode: SIGKILL_EXIT_CODE });
    // SIGTERM goes out after the stop notice and DEACTIVATING; the container is killed 30 s (default stopTimeout) later.
    const sigtermAfterMs = 100 + 50;
    expect(Math.round((last.executionStoppedAt as number - (last.stoppingAt as number)) * 1000)).toBe(sigtermAfterMs + 30_000);
  });

  it('stays describable for the retention period after STOPPED, then disappears with its index entries', () => {
    const sim = new Sim().setup();
    const arn = sim.run().tasks[0]!.taskArn;
    sim.ok('StopTask', { task: arn });
    sim.advance(120_000);
    const stoppedAtMs = (sim.describe(arn).stoppedAt as number) * 1000;
    sim.advance(stoppedAtMs + 3_600_000 - 1 - sim.world.nowMs);
    expect(sim.describe(arn).lastStatus).toBe('STOPPED');
    expect(sim.ok<{ taskArns: string[] }>('ListTasks', { desiredStatus: 'STOPPED' }).taskArns).toEqual([arn]);
    sim.advance(1);
    expect(sim.ok('DescribeTasks', { tasks: [arn] })).toEqual({ tasks: [], failures: [{ arn, reason: 'MISSING' }] });
    expect(sim.ok<{ taskArns: string[] }>('ListTasks', { desiredStatus: 'STOPPED' }).taskArns).toEqual([]);
    expect(sim.world.tasks.size).toBe(0);
    expect(sim.world.taskIndex.size).toBe(0);
    expect(sim.world.timers.size).toBe(0);
  });
});

describe('container behaviour', () => {
  // Reference §3.8 A (essential container exited, final version 5): executionStoppedAt is the exit, stoppingAt
  // 10 s after it, then stoppedAt; no version of its own for the exit.
  it('an essential container that exits stops the task: EssentialContainerExited, five versions, stoppingAt after the exit', () => {
    const sim = new Sim({ timings: { exitNotice: fixed(10_000), deprovisioning: fixed(23_000) } }).setup();
    sim.world = setBehaviors(sim.world, [{ match: { family: 'web' }, exitAfterMs: 60_000, exitCode: 3 }]).world;
    const arn = sim.run().tasks[0]!.taskArn;
    sim.advance(600_000);
    const last = sim.describe(arn);
    expect(last).toMatchObject({
      lastStatus: 'STOPPED',
      stopCode: 'EssentialContainerExited',
      stoppedReason: ESSENTIAL_EXITED_REASON,
      version: 5,
    });
    expect(last.containers[0]).toMatchObject({ lastStatus: 'STOPPED', exitCode: 3 });
    const at = (k: string): number => Math.round((last[k] as number) * 1000);
    expect(at('executionStoppedAt') - at('startedAt')).toBe(60_000); // the container's exit
    expect(at('stoppingAt') - at('executionStoppedAt')).toBe(10_000); // ECS notices it
    expect(at('stoppedAt') - at('stoppingAt')).toBe(23_000);
    expect(statusesOf(sim.eventsOf(arn))).toEqual([
      'PROVISIONING/RUNNING',
      'PENDING/RUNNING',
      'RUNNING/RUNNING',
      'DEPROVISIONING/STOPPED',
      'STOPPED/STOPPED',
    ]);
    expect(sim.eventsOf(arn).map((e) => e.version)).toEqual([1, 2, 3, 4, 5]);
  });

  it('between the exit and the stop the task is still RUNNING, with its container STOPPED and no new version', () => {
    const sim = new Sim({ timings: { exitNotice: fixed(10_000) } }).setup();
    sim.world = setBehaviors(sim.world, [{ match: { family: 'web' }, exitAfterMs: 60_000, exitCode: 0 }]).world;
    const arn = sim.run().tasks[0]!.taskArn;
    const running = stepUntil(sim, arn, 'RUNNING');
    sim.advance(Math.round((running.startedAt as number) * 1000) + 65_000 - sim.world.nowMs);
    const between = sim.describe(arn);
    expect(between).toMatchObject({ lastStatus: 'RUNNING', desiredStatus: 'RUNNING', version: 3 });
    expect(between.containers[0]).toMatchObject({ lastStatus: 'STOPPED', exitCode: 0 });
    expect(between).toHaveProperty('executionStoppedAt');
    expect(between).not.toHaveProperty('stoppingAt');
    sim.advance(5_000);
    expect(sim.describe(arn)).toMatchObject({ lastStatus: 'DEPROVISIONING', desiredStatus: 'STOPPED', version: 4 });
  });

  it('a StopTask between the exit and ECS noticing it wins: UserInitiated, execution stopped before the request', () => {
    const sim = new Sim({ timings: { exitNotice: fixed(10_000) } }).setup();
    sim.world = setBehaviors(sim.world, [{ match: { family: 'web' }, exitAfterMs: 60_000, exitCode: 1 }]).world;
    const arn = sim.run().tasks[0]!.taskArn;
    const running = stepUntil(sim, arn, 'RUNNING');
    sim.advance(Math.round((running.startedAt as number) * 1000) + 65_000 - sim.world.nowMs);
    expect(sim.ok<{ task: Task }>('StopTask', { task: arn }).task).toMatchObject({ version: 4, stopCode: 'UserInitiated' });
    sim.advance(300_000);
    const last = sim.describe(arn);
    expect(last).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'UserInitiated', version: 6 });
    expect(last.containers[0]).toMatchObject({ exitCode: 1 });
    expect(last.executionStoppedAt as number).toBeLessThan(last.stoppingAt as number);
  });

  it('a non-essential container that exits is reported, and the task keeps running', () => {
    const sim = new Sim().setup();
    sim.ok('RegisterTaskDefinition', TWO_CONTAINERS);
    sim.world = setBehaviors(sim.world, [{ match: { containerName: 'sidecar' }, exitAfterMs: 5_000, exitCode: 0 }]).world;
    const arn = sim.run({ taskDefinition: 'duo' }).tasks[0]!.taskArn;
    sim.advance(600_000);
    const t = sim.describe(arn);
    expect(t.lastStatus).toBe('RUNNING');
    expect(t.containers.map((c) => [c.name, c.lastStatus, c.exitCode])).toEqual([
      ['app', 'RUNNING', undefined],
      ['sidecar', 'STOPPED', 0],
    ]);
    const events = sim.eventsOf(arn);
    expect(events).toHaveLength(4); // 3 lifecycle versions + the sidecar's exit (a container changed state)
    expect(events[3]!.containers[1]).toMatchObject({ lastStatus: 'STOPPED', exitCode: 0 });
    expect(events[3]!.version).toBe(4);
  });

  it('a container whose image cannot be pulled fails the task in PENDING (TaskFailedToStart)', () => {
    const reason = 'CannotPullContainerError: pull image manifest has been retried 5 time(s): not found';
    const sim = new Sim().setup();
    sim.world = setBehaviors(sim.world, [{ match: { image: 'nginx:*' }, failToStart: reason }]).world;
    const arn = sim.run().tasks[0]!.taskArn;
    sim.advance(600_000);
    const t = sim.describe(arn);
    expect(t).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'TaskFailedToStart', stoppedReason: reason });
    expect(t.containers[0]).toMatchObject({ lastStatus: 'STOPPED', reason });
    expect(t).toHaveProperty('pullStartedAt');
    expect(t).not.toHaveProperty('pullStoppedAt');
    expect(t).not.toHaveProperty('startedAt');
    expect(statusesOf(sim.eventsOf(arn))).toEqual([
      'PROVISIONING/RUNNING',
      'PENDING/RUNNING',
      'DEPROVISIONING/STOPPED',
      'STOPPED/STOPPED',
    ]);
  });

  it('a task stopped while a failing pull is still running shows no pull error: it never failed', () => {
    const reason = 'CannotPullContainerError: pull image manifest has been retried 5 time(s): not found';
    const sim = new Sim({ timings: { pullStartDelay: { medianMs: 1000, minMs: 1000, maxMs: 1000 } } }).setup();
    sim.world = setBehaviors(sim.world, [{ match: { image: 'nginx:*' }, pullMs: 60_000, failToStart: reason }]).world;
    const arn = sim.run().tasks[0]!.taskArn;
    for (let i = 0; i < 300 && sim.describe(arn).lastStatus !== 'PENDING'; i++) sim.advance(1_000);
    expect(sim.describe(arn).lastStatus).toBe('PENDING'); // the pull runs for a minute from here
    sim.ok('StopTask', { task: arn, reason: 'changed my mind' });
    sim.advance(600_000);
    const t = sim.describe(arn);
    expect(t).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'UserInitiated', stoppedReason: 'changed my mind' });
    expect(t.containers[0]).toMatchObject({ lastStatus: 'STOPPED' });
    expect(t.containers[0]).not.toHaveProperty('reason');
    for (const e of sim.eventsOf(arn)) expect(JSON.stringify(e)).not.toContain('CannotPullContainerError');
  });

  it('an essential container exiting before a sidecar leaves one lifecycle timer, and the task its full retention', () => {
    const sim = new Sim().setup();
    sim.ok('RegisterTaskDefinition', TWO_CONTAINERS);
    sim.world = setBehaviors(sim.world, [
      { match: { containerName: 'app' }, exitAfterMs: 5_000, exitCode: 2 },
      { match: { containerName: 'sidecar' }, exitAfterMs: 90_000, exitCode: 0 },
    ]).world;
    const arn = sim.run({ taskDefinition: 'duo' }).tasks[0]!.taskArn;
    const lifecycleTimers = (): number => [...sim.world.timers.values()].filter((x) => x._tag === 'TaskLifecycle').length;
    for (let i = 0; i < 600 && sim.describe(arn).desiredStatus !== 'STOPPED'; i++) {
      sim.advance(1_000);
      expect(lifecycleTimers(), 'one task has one lifecycle timer').toBe(1);
    }
    expect(sim.describe(arn)).toMatchObject({ desiredStatus: 'STOPPED', stopCode: 'EssentialContainerExited' });
    for (let i = 0; i < 600 && sim.describe(arn).lastStatus !== 'STOPPED'; i++) {
      sim.advance(1_000);
      expect(lifecycleTimers(), 'one task has one lifecycle timer').toBe(1);
    }
    const stopped = sim.describe(arn);
    expect(stopped.lastStatus).toBe('STOPPED');
    // Still describable until the retention period (1 hour) after STOPPED has passed, then gone.
    const stoppedAtMs = (stopped.stoppedAt as number) * 1000;
    sim.advance(stoppedAtMs + 3_600_000 - 1 - sim.world.nowMs);
    expect(sim.describe(arn).lastStatus).toBe('STOPPED');
    sim.advance(1);
    expect(sim.ok('DescribeTasks', { tasks: [arn] })).toEqual({ tasks: [], failures: [{ arn, reason: 'MISSING' }] });
    expect(sim.world.timers.size).toBe(0);
  });

  it('a container that cannot start fails the task when the containers start', () => {
    const reason = 'CannotStartContainerError: failed to get container status: boom';
    const sim = new Sim().setup();
    sim.world = setBehaviors(sim.world, [{ match: { containerName: 'app' }, failToStart: reason }]).world;
    const arn = sim.run().tasks[0]!.taskArn;
    sim.advance(600_000);
    const t = sim.describe(arn);
    expect(t).toMatchObject({ stopCode: 'TaskFailedToStart', stoppedReason: reason });
    expect(t).toHaveProperty('pullStoppedAt');
    expect(t).not.toHaveProperty('startedAt');
    expect(statusesOf(sim.eventsOf(arn))).toEqual([
      'PROVISIONING/RUNNING',
      'PENDING/RUNNING',
      'DEPROVISIONING/STOPPED', // from ACTIVATING, which had no version of its own
      'STOPPED/STOPPED',
    ]);
  });

  it('health: UNKNOWN until the first probe, HEALTHY after it, UNHEALTHY after `retries` failures; the task keeps running', () => {
    const sim = new Sim().setup();
    sim.ok('RegisterTaskDefinition', TWO_CONTAINERS);
    sim.world = setBehaviors(sim.world, [{ match: { containerName: 'app' }, unhealthyAfterMs: 95_000 }]).world;
    const arn = sim.run({ taskDefinition: 'duo' }).tasks[0]!.taskArn;
    // Step until it runs, so the checks below start at most a second after startedAt.
    for (let i = 0; i < 300 && sim.describe(arn).lastStatus !== 'RUNNING'; i++) sim.advance(1_000);
    const started = sim.describe(arn);
    expect(started.lastStatus).toBe('RUNNING');
    const startedAtMs = (started.startedAt as number) * 1000;
    const at = (offsetMs: number): Task => {
      sim.advance(startedAtMs + offsetMs - sim.world.nowMs);
      return sim.describe(arn);
    };
    expect(at(9_999).healthStatus).toBe('UNKNOWN'); // first probe at 10 s
    const healthy = at(10_000);
    expect(healthy).toMatchObject({ healthStatus: 'HEALTHY', containers: [{ healthStatus: 'HEALTHY' }, {}] });
    // Only a container with a health check reports one (capture A, reference §3.8: none without a check).
    expect(healthy.containers[1]).not.toHaveProperty('healthStatus');
    // Probes fail from 100 s (the first at or after 95 s); the third failure at 120 s makes it UNHEALTHY.
    expect(at(119_999).healthStatus).toBe('HEALTHY');
    expect(at(120_000)).toMatchObject({ healthStatus: 'UNHEALTHY', lastStatus: 'RUNNING' });
  });

  it('rules changed later apply to later decisions only', () => {
    const sim = new Sim().setup();
    const first = sim.run().tasks[0]!.taskArn;
    sim.advance(300_000); // RUNNING, nothing scripted
    sim.world = setBehaviors(sim.world, [{ match: {}, exitAfterMs: 1_000, exitCode: 1 }]).world;
    const second = sim.run().tasks[0]!.taskArn;
    sim.advance(300_000);
    expect(sim.describe(first).lastStatus).toBe('RUNNING');
    expect(sim.describe(second)).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'EssentialContainerExited' });
  });
});

describe('default timings, calibrated on the real captures of reference §3.8', () => {
  // Seconds between timestamps in capture A (essential exit, ECR image, PV 1.4.0) and capture B (user stop, Docker
  // Hub nginx, PV 1.3.0); where both have a figure the default median is their geometric mean (to 100 ms).
  const CAPTURES: Array<[keyof typeof DEFAULT_TASK_TIMINGS, string, number[]]> = [
    ['provisioning', 'createdAt → connectivityAt', [3.2, 13.8]],
    ['pullStartDelay', 'connectivityAt → pullStartedAt', [18.8 - 3.2, 19.5 - 13.8]],
    ['pullEcr', 'pullStartedAt → pullStoppedAt, ECR (A)', [20.4 - 18.8]],
    ['pullPublicRegistry', 'pullStartedAt → pullStoppedAt, Docker Hub (B)', [26.5 - 19.5]],
    ['activating', 'pullStoppedAt → startedAt', [20.9 - 20.4, 28.5 - 26.5]],
    ['exitNotice', 'executionStoppedAt → stoppingAt (A)', [38.9 - 28.9]],
    ['deprovisioning', 'stoppingAt → stoppedAt, less B\'s 0.2 s of stopping', [61.9 - 38.9, 23.5 - 0.2]],
  ];
  it.each(CAPTURES)('%s (%s) has its median from the captures, which lie within its bounds', (key, _what, seconds) => {
    const d = DEFAULT_TASK_TIMINGS[key];
    const geometricMeanMs = 1000 * Math.exp(seconds.reduce((sum, x) => sum + Math.log(x), 0) / seconds.length);
    expect(Math.abs(d.medianMs - geometricMeanMs)).toBeLessThanOrEqual(100);
    for (const x of seconds) {
      expect(x * 1000).toBeGreaterThanOrEqual(d.minMs);
      expect(x * 1000).toBeLessThanOrEqual(d.maxMs);
    }
  });

  it('stop notice, DEACTIVATING and SIGTERM take capture B\'s 0.2 s between stoppingAt and executionStoppedAt', () => {
    const T = DEFAULT_TASK_TIMINGS;
    expect(T.stopNotice.medianMs + T.deactivating.medianMs + T.gracefulStop.medianMs).toBe(200);
  });
});

describe('determinism', () => {
  it('the same seed and inputs give byte-identical worlds, outputs and events', () => {
    const once = (): string => {
      const sim = new Sim().setup();
      const out = sim.run({ count: 5 });
      sim.advance(30_000);
      sim.ok('StopTask', { task: out.tasks[2]!.taskArn });
      sim.advance(300_000);
      return JSON.stringify({ world: sim.world, out, events: sim.events });
    };
    expect(once()).toBe(once());
  });

  it('another seed gives other ids and durations', () => {
    const runOnce = (seed: number): Task => {
      const sim = new Sim({ seed }).setup();
      const arn = sim.run().tasks[0]!.taskArn;
      sim.advance(300_000);
      return sim.describe(arn);
    };
    const a = runOnce(1);
    const b = runOnce(2);
    expect(a.taskArn).not.toBe(b.taskArn);
    expect(a.startedAt).not.toBe(b.startedAt);
  });
});
