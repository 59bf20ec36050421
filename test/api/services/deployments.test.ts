// Rolling deployments end to end on the virtual clock: what starts a deployment, the bounds during the rollout,
// completion, events, the circuit breaker and its rollback (reference §5, service captures §1.2, §2, §3).
import { describe, expect, it } from 'vitest';
import { ServiceSim } from './harness.js';

const BROKEN = 'CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to resolve ref docker.io/library/nginx:broken: not found';

/** Tasks of the service with desired status RUNNING, by task-definition revision. */
function tasksByRevision(sim: ServiceSim): Map<string, { running: number; pending: number }> {
  const arns = sim.ok<{ taskArns: string[] }>('ListTasks', { serviceName: 'web', desiredStatus: 'RUNNING' }).taskArns;
  const out = new Map<string, { running: number; pending: number }>();
  for (let i = 0; i < arns.length; i += 100) {
    const tasks = sim.ok<{ tasks: Array<{ taskDefinitionArn: string; lastStatus: string }> }>('DescribeTasks', { tasks: arns.slice(i, i + 100) }).tasks;
    for (const t of tasks) {
      const c = out.get(t.taskDefinitionArn) ?? { running: 0, pending: 0 };
      if (t.lastStatus === 'RUNNING') c.running++;
      else c.pending++;
      out.set(t.taskDefinitionArn, c);
    }
  }
  return out;
}

describe('what starts a deployment (reference §4.3)', () => {
  it('a new task definition does; desiredCount and the grace period do not', () => {
    const sim = new ServiceSim().setup();
    sim.create({ desiredCount: 2 });
    sim.until(() => sim.steady());
    expect(sim.update({ desiredCount: 3 }).deployments).toHaveLength(1);
    expect(sim.update({ healthCheckGracePeriodSeconds: 30 }).deployments).toHaveLength(1);
    // The same revision named by family is no change either.
    expect(sim.update({ taskDefinition: 'web' }).deployments).toHaveLength(1);
    sim.revise('nginx:1.28');
    const s = sim.update({ taskDefinition: 'web' });
    expect(s.deployments.map((d) => [d.status, d.rolloutState])).toEqual([
      ['PRIMARY', 'IN_PROGRESS'],
      ['ACTIVE', 'COMPLETED'],
    ]);
    // The new PRIMARY starts at desired 0; the old one keeps its count and stays COMPLETED (FP, UI, FLEET 2026).
    expect(s.deployments[0]!.desiredCount).toBe(0);
    expect(s.deployments[1]!.desiredCount).toBe(3);
  });

  it('forceNewDeployment does, with the same revision', () => {
    const sim = new ServiceSim().setup();
    sim.create({ desiredCount: 1 });
    sim.until(() => sim.steady());
    const s = sim.update({ forceNewDeployment: true });
    expect(s.deployments).toHaveLength(2);
    expect(s.deployments[0]!.taskDefinition).toBe(s.deployments[1]!.taskDefinition);
  });

  it('UpdateService of a deleted service is ServiceNotActiveException: "Service was not ACTIVE." (terraform#3582)', () => {
    const sim = new ServiceSim().setup();
    sim.create({ desiredCount: 0 });
    sim.ok('DeleteService', { service: 'web' });
    expect(sim.fail('UpdateService', { service: 'web', desiredCount: 1 })).toEqual({
      name: 'ServiceNotActiveException',
      message: 'Service was not ACTIVE.',
    });
    expect(sim.fail('UpdateService', { service: 'nope', desiredCount: 1 })).toEqual({
      name: 'ServiceNotFoundException',
      message: 'Service not found.',
    });
  });
});

describe('a rolling deployment (minimumHealthyPercent 100, maximumPercent 200)', () => {
  it('keeps every healthy old task until new ones are healthy, never exceeds maxTasks, and ends with one deployment', () => {
    const sim = new ServiceSim().setup();
    sim.create({ desiredCount: 4 });
    sim.until(() => sim.steady());
    const oldArn = sim.service().taskDefinition;
    const newArn = sim.revise('nginx:1.28');
    sim.update({ taskDefinition: 'web' });
    let maxTotal = 0;
    let minOldRunning = Infinity;
    sim.until(() => {
      const byRev = tasksByRevision(sim);
      const old = byRev.get(oldArn) ?? { running: 0, pending: 0 };
      const fresh = byRev.get(newArn) ?? { running: 0, pending: 0 };
      maxTotal = Math.max(maxTotal, old.running + old.pending + fresh.running + fresh.pending);
      // Before any new task runs, all 4 old ones must still run (min 100 %).
      if (fresh.running === 0) minOldRunning = Math.min(minOldRunning, old.running);
      return sim.steady();
    }, 1_800_000, 2_000);
    expect(maxTotal).toBeLessThanOrEqual(8);
    expect(maxTotal).toBeGreaterThan(4);
    expect(minOldRunning).toBe(4);
    const s = sim.service();
    expect(s.taskDefinition).toBe(newArn);
    expect(s.deployments).toHaveLength(1);
    expect(s.deployments[0]).toMatchObject({ status: 'PRIMARY', rolloutState: 'COMPLETED', desiredCount: 4, runningCount: 4 });
    expect(s.deployments[0]!.rolloutStateReason).toBe(`ECS deployment ${s.deployments[0]!.id} completed.`);
    expect(tasksByRevision(sim).get(oldArn)).toBeUndefined();
  });

  it('says what happened with ECS messages, completed and steady state at the same instant (FLEET, UI)', () => {
    const sim = new ServiceSim().setup();
    sim.create({ desiredCount: 1 });
    sim.until(() => sim.steady());
    sim.revise('nginx:1.28');
    const id = sim.update({ taskDefinition: 'web' }).deployments[0]!.id;
    sim.until(() => sim.steady());
    const events = sim.service().events;
    const text = events.map((e) => e.message).reverse();
    expect(text.filter((m) => /^\(service web\) has started 1 tasks: \(task [0-9a-f]{32}\)\.$/.test(m))).toHaveLength(2);
    expect(text.filter((m) => /^\(service web\) has stopped 1 running tasks: \(task [0-9a-f]{32}\)\.$/.test(m))).toHaveLength(1);
    expect(text.at(-2)).toBe(`(service web) (deployment ${id}) deployment completed.`);
    expect(text.at(-1)).toBe('(service web) has reached a steady state.');
    expect(events[0]!.createdAt).toBe(events[1]!.createdAt);
    // Events are UUIDs, newest first.
    expect(events[0]!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const names = sim.events.filter((e) => e['detail-type'] !== 'ECS Task State Change').map((e) => `${e['detail-type']}:${String(e.detail['eventName'])}`);
    expect(names).toEqual([
      'ECS Deployment State Change:SERVICE_DEPLOYMENT_IN_PROGRESS',
      'ECS Deployment State Change:SERVICE_DEPLOYMENT_COMPLETED',
      'ECS Service Action:SERVICE_STEADY_STATE',
      'ECS Deployment State Change:SERVICE_DEPLOYMENT_IN_PROGRESS',
      'ECS Deployment State Change:SERVICE_DEPLOYMENT_COMPLETED',
      'ECS Service Action:SERVICE_STEADY_STATE',
    ]);
  });

  it('stops old tasks with ServiceSchedulerInitiated and "Scaling activity initiated by (deployment …)" (captures §2.4)', () => {
    const sim = new ServiceSim().setup();
    sim.create({ desiredCount: 1 });
    sim.until(() => sim.steady());
    const oldTask = sim.ok<{ taskArns: string[] }>('ListTasks', { serviceName: 'web' }).taskArns[0]!;
    sim.revise('nginx:1.28');
    const id = sim.update({ taskDefinition: 'web' }).deployments[0]!.id;
    sim.until(() => sim.steady());
    const t = sim.describe(oldTask);
    expect(t).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'ServiceSchedulerInitiated', stoppedReason: `Scaling activity initiated by (deployment ${id})` });
  });

  it('with minimumHealthyPercent 0 and maximumPercent 100 stops before it starts (reference §5.2)', () => {
    const sim = new ServiceSim().setup();
    sim.create({ desiredCount: 2, deploymentConfiguration: { minimumHealthyPercent: 0, maximumPercent: 100 } });
    sim.until(() => sim.steady());
    const oldArn = sim.service().taskDefinition;
    const newArn = sim.revise('nginx:1.28');
    sim.update({ taskDefinition: 'web' });
    let maxTotal = 0;
    sim.until(() => {
      const byRev = tasksByRevision(sim);
      const total = [...byRev.values()].reduce((n, c) => n + c.running + c.pending, 0);
      maxTotal = Math.max(maxTotal, total);
      return sim.steady();
    }, 1_800_000, 1_000);
    expect(maxTotal).toBeLessThanOrEqual(2);
    expect(sim.service().taskDefinition).toBe(newArn);
    expect(newArn).not.toBe(oldArn);
  });

  it('reports a configuration that cannot progress (desired 3, min 100, max 125: reference §5.2)', () => {
    const sim = new ServiceSim().setup();
    sim.create({ desiredCount: 3, deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 125 } });
    sim.until(() => sim.steady());
    sim.revise('nginx:1.28');
    sim.update({ taskDefinition: 'web' });
    sim.advance(120_000);
    expect(sim.messages()).toContain(
      '(service web) was unable to stop or start tasks during a deployment because of the service deployment configuration. Update the minimumHealthyPercent or maximumPercent value and try again.',
    );
    expect(sim.service().deployments[0]!.rolloutState).toBe('IN_PROGRESS');
  });
});

describe('the circuit breaker (reference §5.5; FLEET, CORD, TREY captures)', () => {
  it('fails a deployment whose tasks cannot start and rolls back to the same previous deployment object', () => {
    const sim = new ServiceSim({ behaviors: [{ match: { image: '*:broken' }, failToStart: BROKEN }] }).setup();
    const first = sim.create({ desiredCount: 1, deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } } });
    sim.until(() => sim.steady());
    const previous = sim.service().deployments[0]!;
    sim.revise('nginx:broken');
    const bad = sim.update({ taskDefinition: 'web' }).deployments[0]!;
    sim.until(() => sim.service().deployments[0]!.id === previous.id && sim.steady(), 3_600_000);
    const s = sim.service();
    // Re-promoted, not a new deployment (captures §5): same id and createdAt, new updatedAt.
    expect(s.deployments).toHaveLength(1);
    expect(s.deployments[0]).toMatchObject({ id: previous.id, createdAt: previous.createdAt, rolloutState: 'COMPLETED' });
    expect(s.deployments[0]!.updatedAt).toBeGreaterThan(previous.updatedAt);
    expect(s.taskDefinition).toBe(first.taskDefinition);
    const text = sim.messages();
    const failedAt = text.indexOf(`(service web) (deployment ${bad.id}) deployment failed: tasks failed to start.`);
    expect(failedAt).toBeGreaterThan(0);
    expect(text[failedAt + 1]).toBe(`(service web) rolling back to deployment ${previous.id}.`);
    // Each failed launch is reported with the task's reason (FLEET, G8).
    expect(text.filter((m) => m === `(service web) was unable to place a task. Reason: ${BROKEN}`).length).toBeGreaterThanOrEqual(3);
    const reasons = sim.events
      .filter((e) => e['detail-type'] === 'ECS Deployment State Change')
      .map((e) => [e.detail['eventName'], e.detail['deploymentId'], e.detail['reason']]);
    expect(reasons.slice(-3)).toEqual([
      ['SERVICE_DEPLOYMENT_FAILED', bad.id, 'ECS deployment circuit breaker: tasks failed to start.'],
      ['SERVICE_DEPLOYMENT_IN_PROGRESS', previous.id, `ECS deployment circuit breaker: rolling back to deploymentId ${previous.id}.`],
      ['SERVICE_DEPLOYMENT_COMPLETED', previous.id, `ECS deployment ${previous.id} completed.`],
    ]);
  });

  it('without rollback the deployment FAILS, stops launching, and the old revision keeps serving', () => {
    const sim = new ServiceSim({ behaviors: [{ match: { image: '*:broken' }, failToStart: BROKEN }] }).setup();
    sim.create({ desiredCount: 2, deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: false } } });
    sim.until(() => sim.steady());
    sim.revise('nginx:broken');
    sim.update({ taskDefinition: 'web' });
    sim.until(() => sim.service().deployments[0]!.rolloutState === 'FAILED', 3_600_000);
    const failedTasks = sim.service().deployments[0]!.failedTasks;
    expect(failedTasks).toBeGreaterThanOrEqual(3);
    sim.advance(3_600_000);
    const s = sim.service();
    expect(s.deployments[0]).toMatchObject({ status: 'PRIMARY', rolloutState: 'FAILED', rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.', runningCount: 0, pendingCount: 0 });
    expect(s.deployments[1]).toMatchObject({ status: 'ACTIVE', runningCount: 2 });
  });

  it('without a breaker keeps trying with a growing back-off and counts every failure (G8)', () => {
    const sim = new ServiceSim({ behaviors: [{ match: { image: '*:broken' }, failToStart: BROKEN }] }).setup();
    sim.create({ desiredCount: 1 });
    sim.until(() => sim.steady());
    sim.revise('nginx:broken');
    sim.update({ taskDefinition: 'web' });
    sim.advance(2 * 3_600_000);
    const s = sim.service();
    expect(s.deployments[0]!.rolloutState).toBe('IN_PROGRESS');
    const failures = s.deployments[0]!.failedTasks;
    // 30 s, 30 s, then 5, 10, 15, 20, 25, 27, 27 … minutes between attempts: about 10 failures in two hours.
    expect(failures).toBeGreaterThanOrEqual(7);
    expect(failures).toBeLessThanOrEqual(14);
    const starts = s.events.filter((e) => e.message.startsWith('(service web) has started')).map((e) => e.createdAt).reverse();
    const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
    // The first relaunches come within a minute, the last ones after the 27-minute cap.
    expect(gaps.slice(1, 3).every((g) => g < 90)).toBe(true);
    expect(gaps.at(-1)!).toBeGreaterThanOrEqual(27 * 60);
    expect(s.deployments[1]!.runningCount).toBe(1);
  });

  it('a revision whose container exits right after RUNNING trips the breaker too (TREY)', () => {
    const sim = new ServiceSim({ behaviors: [{ match: { image: '*:crash' }, exitAfterMs: 10_000, exitCode: 1 }] }).setup();
    sim.create({ desiredCount: 1, deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } } });
    sim.until(() => sim.steady());
    const previous = sim.service().deployments[0]!.id;
    sim.revise('nginx:crash');
    sim.update({ taskDefinition: 'web' });
    sim.until(() => sim.service().deployments[0]!.id === previous && sim.steady(), 3_600_000);
    expect(sim.messages().some((m) => m.endsWith('deployment failed: tasks failed to start.'))).toBe(true);
  });
});

