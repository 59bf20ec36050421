import { describe, expect, it } from 'vitest';
import { Sim } from './harness.js';

describe('DescribeTasks', () => {
  it('describes by ARN or id, reports unknown ones as MISSING with their ARN, and describes each task once', () => {
    const sim = new Sim().setup();
    const [a, b] = sim.run({ count: 2 }).tasks;
    const idOf = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1);
    const out = sim.ok<{ tasks: Array<{ taskArn: string }>; failures: unknown[] }>('DescribeTasks', {
      tasks: [a!.taskArn, idOf(b!.taskArn), idOf(a!.taskArn), '0123456789abcdef0123456789abcdef', 'not-an-id'],
    });
    expect(out.tasks.map((t) => t.taskArn)).toEqual([a!.taskArn, b!.taskArn]);
    expect(out.failures).toEqual([
      { arn: 'arn:aws:ecs:us-east-1:123456789012:task/default/0123456789abcdef0123456789abcdef', reason: 'MISSING' },
      { arn: 'arn:aws:ecs:us-east-1:123456789012:task/default/not-an-id', reason: 'MISSING' },
    ]);
  });

  it('looks tasks up in the request cluster: a task of another cluster is MISSING there', () => {
    const sim = new Sim().setup();
    sim.ok('CreateCluster', { clusterName: 'other' });
    const arn = sim.run().tasks[0]!.taskArn;
    expect(sim.ok('DescribeTasks', { cluster: 'other', tasks: [arn] })).toEqual({ tasks: [], failures: [{ arn, reason: 'MISSING' }] });
    // A task id that encodes a real task number but not its random part names nothing.
    const forged = arn.slice(0, -4) + (arn.endsWith('0000') ? '1111' : '0000');
    expect(sim.ok<{ failures: unknown[] }>('DescribeTasks', { tasks: [forged] }).failures).toHaveLength(1);
  });

  // `tags` is always on a task, `[]` without include TAGS: the AWS CLI describe-tasks example
  // (aws/aws-cli awscli/examples/ecs/describe-tasks.rst, no include) and capture A (reference §3.8) show `"tags": []`.
  it('shows the tags only with include TAGS, and `tags: []` without', () => {
    const sim = new Sim().setup();
    const arn = sim.run({ tags: [{ key: 'team', value: 'web' }] }).tasks[0]!.taskArn;
    expect(sim.ok<{ tasks: object[] }>('DescribeTasks', { tasks: [arn] }).tasks[0]).toHaveProperty('tags', []);
    expect(sim.ok<{ tasks: object[] }>('DescribeTasks', { tasks: [arn], include: ['TAGS'] }).tasks[0]).toHaveProperty('tags', [
      { key: 'team', value: 'web' },
    ]);
  });

  it('shows `tags: []` for a task without tags, with or without include TAGS', () => {
    const sim = new Sim().setup();
    const arn = sim.run().tasks[0]!.taskArn;
    expect(sim.ok<{ tasks: object[] }>('DescribeTasks', { tasks: [arn] }).tasks[0]).toHaveProperty('tags', []);
    expect(sim.ok<{ tasks: object[] }>('DescribeTasks', { tasks: [arn], include: ['TAGS'] }).tasks[0]).toHaveProperty('tags', []);
  });

  it.each([
    [{ tasks: [] }, 'InvalidParameterException', 'Tasks cannot be empty.'],
    // [OBS] ECS names the list `taskIds`: gchq/sleeper#555 and sil-org/ecs-deploy#266 quote this answer verbatim.
    [{ tasks: Array.from({ length: 101 }, (_, i) => `t${i}`) }, 'InvalidParameterException', 'taskIds can have at most 100 items.'],
    [{ tasks: ['x'], include: ['STATS'] }, 'InvalidParameterException', "include should be one of [TAGS], but was 'STATS'."],
    [{ tasks: ['x'], cluster: 'nope' }, 'ClusterNotFoundException', 'Cluster not found.'],
    [{}, 'InvalidParameterException', 'tasks is required but was not given.'],
  ])('refuses %j', (input, name, message) => {
    const sim = new Sim().setup();
    expect(sim.fail('DescribeTasks', input)).toEqual({ name, message });
  });
});
