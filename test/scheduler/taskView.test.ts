// The members of a task on the wire, checked against the real answers of reference §3.8 and the AWS CLI examples
// (aws/aws-cli awscli/examples/ecs/run-task.rst, describe-tasks.rst).
import { describe, expect, it } from 'vitest';
import { Sim, type Task } from '../api/tasks/harness.js';

const TAGS = [{ key: 'team', value: 'web' }];

/** A task definition with a health-checked essential container and a sidecar without a check. */
const CHECKED = {
  family: 'checked',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  cpu: '256',
  memory: '512',
  containerDefinitions: [
    { name: 'app', image: 'nginx:1.27', essential: true, healthCheck: { command: ['CMD-SHELL', 'true'], interval: 10 } },
    { name: 'sidecar', image: 'busybox:1', essential: false },
  ],
};

describe('tags: always on a task of an API answer (reference §3.8: capture A and the CLI describe-tasks example show `"tags": []`)', () => {
  it('RunTask answers with the tags it was given, and `[]` without', () => {
    const sim = new Sim().setup();
    expect(sim.run({ tags: TAGS }).tasks[0]).toHaveProperty('tags', TAGS);
    expect(sim.run().tasks[0]).toHaveProperty('tags', []);
  });

  it('StopTask answers with `tags: []` (StopTask deletes them, API_StopTask)', () => {
    const sim = new Sim().setup();
    const arn = sim.run({ tags: TAGS }).tasks[0]!.taskArn;
    expect(sim.ok<{ task: Task }>('StopTask', { task: arn }).task).toHaveProperty('tags', []);
  });

  it('a repeated RunTask with the same clientToken answers with the tags too', () => {
    const sim = new Sim().setup();
    const first = sim.run({ tags: TAGS, clientToken: 'token-1' }).tasks[0]!;
    const again = sim.run({ tags: TAGS, clientToken: 'token-1' }).tasks[0]!;
    expect(again.taskArn).toBe(first.taskArn);
    expect(again).toHaveProperty('tags', TAGS);
  });

  it('events carry no tags: neither the Developer Guide sample nor capture B shows them (reference §12.3)', () => {
    const sim = new Sim().setup();
    const arn = sim.run({ tags: TAGS }).tasks[0]!.taskArn;
    sim.advance(300_000);
    for (const e of sim.eventsOf(arn)) expect(e).not.toHaveProperty('tags');
  });
});

describe('container members real answers do not carry', () => {
  // Capture A (reference §3.8): containers without a health check have no `healthStatus`. The older AWS CLI
  // describe-tasks example (PV 1.3.0, 2019) shows `"healthStatus": "UNKNOWN"` on such a container: the sources
  // disagree, and the capture (a complete real answer, PV 1.4.0, 2023) is followed. The task-level `healthStatus`
  // stays (the CLI example shows it).
  it('healthStatus only on containers with a health check (DescribeTasks and RunTask); the task keeps its own', () => {
    const sim = new Sim().setup();
    sim.ok('RegisterTaskDefinition', CHECKED);
    const launched = sim.run({ taskDefinition: 'checked' }).tasks[0]!;
    expect(launched.containers[0]).toHaveProperty('healthStatus', 'UNKNOWN');
    expect(launched.containers[1]).not.toHaveProperty('healthStatus');
    expect(launched).toHaveProperty('healthStatus', 'UNKNOWN');
    sim.advance(300_000);
    const described = sim.describe(launched.taskArn);
    expect(described.containers[0]).toHaveProperty('healthStatus', 'HEALTHY');
    expect(described.containers[1]).not.toHaveProperty('healthStatus');
    const plain = sim.run().tasks[0]!;
    expect(plain.containers[0]).not.toHaveProperty('healthStatus');
  });

  // The CLI run-task example answers a PENDING task with containers that have no `networkBindings`; the CLI
  // describe-tasks example (RUNNING) and capture A (STOPPED after running) show `"networkBindings": []`. The
  // Developer Guide's event sample shows none on its containers; one builder serves both views here, so events
  // follow the DescribeTasks rule: present once the task has started.
  it('networkBindings only once the task has started: not in RunTask\'s answer or the PROVISIONING/PENDING events', () => {
    const sim = new Sim().setup();
    const launched = sim.run().tasks[0]!;
    expect(launched.containers[0]).not.toHaveProperty('networkBindings');
    sim.advance(300_000);
    const [provisioning, pending, running] = sim.eventsOf(launched.taskArn);
    expect(provisioning!.containers[0]).not.toHaveProperty('networkBindings');
    expect(pending!.containers[0]).not.toHaveProperty('networkBindings');
    expect(running!.containers[0]).toHaveProperty('networkBindings', []);
    expect(sim.describe(launched.taskArn).containers[0]).toHaveProperty('networkBindings', []);
  });

  it('a task that never started shows no networkBindings, even STOPPED', () => {
    const sim = new Sim().setup();
    const arn = sim.run().tasks[0]!.taskArn;
    sim.ok('StopTask', { task: arn });
    sim.advance(300_000);
    const stopped = sim.describe(arn);
    expect(stopped.lastStatus).toBe('STOPPED');
    expect(stopped.containers[0]).not.toHaveProperty('networkBindings');
  });
});
