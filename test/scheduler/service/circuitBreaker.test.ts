// resetOnHealthyTask (API reference DeploymentCircuitBreaker, default true; reference §5.3, §5.5): a healthy task of
// the rollout sets its failed-task count back to 0, unless the option is false.
import { describe, expect, it } from 'vitest';
import type { CircuitBreakerConfig, Deployment, Service } from '../../../src/domain/service.js';
import { resetOnHealthyTask } from '../../../src/scheduler/service/circuitBreaker.js';

function service(breaker: Partial<CircuitBreakerConfig>, failedTasks: number, rolloutState: Deployment['rolloutState'] = 'IN_PROGRESS'): Service {
  const primary = { id: 'ecs-svc/1', status: 'PRIMARY', failedTasks, rolloutState } as unknown as Deployment;
  return {
    deployments: [primary],
    deploymentConfiguration: {
      deploymentCircuitBreaker: { enable: true, rollback: true, resetOnHealthyTask: undefined, thresholdConfiguration: undefined, ...breaker },
    },
  } as unknown as Service;
}
/** Whether the PRIMARY has a healthy task (the pass reads it from the service's roster). */
const tasks = (healthy: boolean): boolean => healthy;

describe('resetOnHealthyTask', () => {
  it('resets the count when a task of the rollout is healthy (default true)', () => {
    expect(resetOnHealthyTask(service({}, 2), tasks(true)).deployments[0]!.failedTasks).toBe(0);
    expect(resetOnHealthyTask(service({ resetOnHealthyTask: true }, 1), tasks(true)).deployments[0]!.failedTasks).toBe(0);
  });
  it('keeps it without a healthy task, when the option is false, or once the rollout is over', () => {
    const notHealthy = service({}, 2);
    expect(resetOnHealthyTask(notHealthy, tasks(false))).toBe(notHealthy);
    const off = service({ resetOnHealthyTask: false }, 2);
    expect(resetOnHealthyTask(off, tasks(true))).toBe(off);
    const done = service({}, 2, 'COMPLETED');
    expect(resetOnHealthyTask(done, tasks(true))).toBe(done);
  });
});
