// Regression tests for scheduler bugs found by the service properties (test/api/services/properties.test.ts): the
// circuit breaker lost its rollback target once the previous deployment had no task left; a rollback to a
// deployment that had counted crashes after it COMPLETED tripped again at once and left the service with no task;
// a deployment waiting for its new tasks to start was reported as stuck.
import { describe, expect, it } from 'vitest';
import { ServiceSim } from '../../api/services/harness.js';

const BROKEN = 'CannotPullContainerError: pull image manifest has been retried 5 time(s): nginx:broken: not found';
const STUCK =
  '(service web) was unable to stop or start tasks during a deployment because of the service deployment configuration. Update the minimumHealthyPercent or maximumPercent value and try again.';

describe('the rollback target of the circuit breaker', () => {
  // "When you use the rollback option for a service deployment, Amazon ECS automatically rolls back the service
  // deployment to the last successfully deployed service revision" — whether or not tasks of it still run
  // (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-revision.html; reference §5.5). FLEET
  // (service captures §1.2) shows an ACTIVE deployment listed with runningCount 0 during a rollout.
  it('survives a rollout that stopped every old task first (minimumHealthyPercent 0)', () => {
    const sim = new ServiceSim({ behaviors: [{ match: { image: '*:broken' }, failToStart: BROKEN }] }).setup();
    sim.create({ desiredCount: 2, deploymentConfiguration: { minimumHealthyPercent: 0, maximumPercent: 100, deploymentCircuitBreaker: { enable: true, rollback: true } } });
    sim.until(() => sim.steady());
    const previous = sim.service().deployments[0]!;
    sim.revise('nginx:broken');
    sim.update({ taskDefinition: 'web' });
    sim.until(() => sim.service().runningCount === 0, 600_000, 1_000);
    // The old deployment has no task left, and is still listed while the new one is in progress.
    expect(sim.service().deployments.map((d) => [d.status, d.rolloutState, d.runningCount])).toEqual([
      ['PRIMARY', 'IN_PROGRESS', 0],
      ['ACTIVE', 'COMPLETED', 0],
    ]);
    sim.until(() => sim.service().deployments[0]!.id === previous.id && sim.steady(), 2 * 3_600_000);
    expect(sim.service().deployments).toHaveLength(1);
    expect(sim.service().taskDefinition).toBe(previous.taskDefinition);
    expect(sim.messages()).toContain(`(service web) rolling back to deployment ${previous.id}.`);
  });

  it('survives the user stopping the last old task during a deployment', () => {
    const sim = new ServiceSim({ behaviors: [{ match: { image: '*:broken' }, failToStart: BROKEN }] }).setup();
    sim.create({ desiredCount: 1, deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 200, deploymentCircuitBreaker: { enable: true, rollback: true } } });
    sim.until(() => sim.steady());
    const previous = sim.service().deployments[0]!;
    const [old] = sim.ok<{ taskArns: string[] }>('ListTasks', { serviceName: 'web' }).taskArns;
    sim.revise('nginx:broken');
    sim.update({ taskDefinition: 'web' });
    sim.ok('StopTask', { task: old });
    sim.until(() => sim.service().deployments[0]!.id === previous.id && sim.steady(), 2 * 3_600_000);
    expect(sim.service().taskDefinition).toBe(previous.taskDefinition);
  });

  it('starts counting failures from 0, so old crashes do not trip the rollback itself', () => {
    // Revision 1 becomes healthy, COMPLETES, then crashes every 2 minutes: its failedTasks grows while COMPLETED.
    const sim = new ServiceSim({
      behaviors: [
        { match: { image: 'nginx:1.27' }, exitAfterMs: 120_000, exitCode: 1 },
        { match: { image: '*:broken' }, failToStart: BROKEN },
      ],
    }).setup();
    sim.create({ desiredCount: 2, deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true } } });
    sim.advance(20 * 60_000);
    const previous = sim.service().deployments[0]!;
    expect(previous.rolloutState).toBe('COMPLETED');
    expect(previous.failedTasks).toBeGreaterThanOrEqual(3);
    sim.revise('nginx:broken');
    sim.update({ taskDefinition: 'web' });
    sim.until(() => sim.messages().includes(`(service web) rolling back to deployment ${previous.id}.`), 3_600_000);
    sim.advance(10 * 60_000);
    const s = sim.service();
    expect(s.deployments[0]).toMatchObject({ id: previous.id, status: 'PRIMARY' });
    expect(s.deployments[0]!.rolloutState).not.toBe('FAILED');
    expect(s.runningCount + s.pendingCount).toBeGreaterThan(0);
    expect(sim.messages()).not.toContain(`(service web) (deployment ${previous.id}) deployment failed: tasks failed to start.`);
  });

  it('is dropped once the new deployment completes, which leaves one deployment', () => {
    const sim = new ServiceSim().setup();
    sim.create({ desiredCount: 2, deploymentConfiguration: { minimumHealthyPercent: 0, maximumPercent: 100, deploymentCircuitBreaker: { enable: true, rollback: true } } });
    sim.until(() => sim.steady());
    sim.revise('nginx:1.28');
    const id = sim.update({ taskDefinition: 'web' }).deployments[0]!.id;
    sim.until(() => sim.steady());
    expect(sim.service().deployments.map((d) => [d.id, d.rolloutState])).toEqual([[id, 'COMPLETED']]);
  });
});

describe('the stuck-deployment message (reference §5.2)', () => {
  it('is not said while a new task is still starting (desired 2, min 100 %, max 150 %: one at a time)', () => {
    const sim = new ServiceSim().setup();
    sim.create({ desiredCount: 2, deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 150 } });
    sim.until(() => sim.steady());
    sim.revise('nginx:1.28');
    sim.update({ taskDefinition: 'web' });
    sim.until(() => sim.steady(), 1_800_000, 1_000);
    expect(sim.messages()).not.toContain(STUCK);
  });

  it('is still said when nothing can be stopped or started (desired 3, min 100 %, max 125 %)', () => {
    const sim = new ServiceSim().setup();
    sim.create({ desiredCount: 3, deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 125 } });
    sim.until(() => sim.steady());
    sim.revise('nginx:1.28');
    sim.update({ taskDefinition: 'web' });
    sim.advance(120_000);
    expect(sim.messages()).toContain(STUCK);
  });
});
