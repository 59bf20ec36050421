import { describe, expect, it } from 'vitest';
import { TASK_NOT_FOUND } from '../../../src/api/tasks/stopTask.js';
import { Sim, type Task } from './harness.js';

describe('StopTask', () => {
  it('deletes the task tags, as the API reference says', () => {
    // "Stops a running task. Any tags associated with the task will be deleted."
    // https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_StopTask.html
    const sim = new Sim().setup();
    const arn = sim.run({ tags: [{ key: 'team', value: 'web' }] }).tasks[0]!.taskArn;
    sim.ok('StopTask', { task: arn });
    expect(sim.describe(arn).tags).toEqual([]);
    expect(sim.ok('ListTagsForResource', { resourceArn: arn })).toEqual({ tags: [] });
  });

  it('returns an already stopping task unchanged (no new event, reason kept)', () => {
    const sim = new Sim().setup();
    const arn = sim.run().tasks[0]!.taskArn;
    const first = sim.ok<{ task: Task }>('StopTask', { task: arn, reason: 'first' }).task;
    const eventsBefore = sim.events.length;
    const second = sim.ok<{ task: Task }>('StopTask', { task: arn, reason: 'second' }).task;
    expect(second).toEqual(first);
    expect(sim.events.length).toBe(eventsBefore);
  });

  it('takes an id as well as an ARN, in the request cluster', () => {
    const sim = new Sim().setup('prod');
    const arn = sim.run({ cluster: 'prod' }).tasks[0]!.taskArn;
    const id = arn.slice(arn.lastIndexOf('/') + 1);
    expect(sim.fail('StopTask', { task: id })).toEqual({ name: 'ClusterNotFoundException', message: 'Cluster not found.' });
    expect(sim.ok<{ task: Task }>('StopTask', { cluster: 'prod', task: id }).task.desiredStatus).toBe('STOPPED');
  });

  it.each([
    [{ task: '0123456789abcdef0123456789abcdef' }, 'InvalidParameterException', TASK_NOT_FOUND],
    [{ task: 'arn:aws:ecs:us-east-1:123456789012:task/other/0123456789abcdef0123456789abcdef' }, 'InvalidParameterException', TASK_NOT_FOUND],
    [{}, 'InvalidParameterException', 'task is required but was not given.'],
    [{ task: 'x', cluster: 'nope' }, 'ClusterNotFoundException', 'Cluster not found.'],
  ])('refuses %j', (input, name, message) => {
    const sim = new Sim().setup();
    expect(sim.fail('StopTask', input)).toEqual({ name, message });
  });
});
