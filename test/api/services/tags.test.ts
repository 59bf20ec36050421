// Tags on services: CreateService tags, TagResource / UntagResource / ListTagsForResource on service ARNs, and
// propagation to tasks (propagateTags SERVICE, ECS managed tags).
import { describe, expect, it } from 'vitest';
import { ServiceSim } from './harness.js';

const ARN = 'arn:aws:ecs:us-east-1:123456789012:service/default/web';

describe('service tags', () => {
  it('are set at creation and changed by TagResource / UntagResource', () => {
    const sim = new ServiceSim().setup();
    sim.create({ tags: [{ key: 'team', value: 'web' }] });
    sim.ok('TagResource', { resourceArn: ARN, tags: [{ key: 'env', value: 'prod' }] });
    sim.ok('UntagResource', { resourceArn: ARN, tagKeys: ['team'] });
    expect(sim.ok<{ tags: unknown[] }>('ListTagsForResource', { resourceArn: ARN }).tags).toEqual([{ key: 'env', value: 'prod' }]);
    expect(sim.fail('ListTagsForResource', { resourceArn: `${ARN}x` })).toEqual({ name: 'ServiceNotFoundException', message: 'Service not found.' });
    expect(sim.fail('TagResource', { resourceArn: `${ARN}x`, tags: [{ key: 'a', value: 'b' }] }).name).toBe('ResourceNotFoundException');
  });

  it('propagate to the tasks with propagateTags SERVICE, with ECS managed tags on request', () => {
    const sim = new ServiceSim().setup();
    sim.create({ desiredCount: 1, tags: [{ key: 'team', value: 'web' }], propagateTags: 'SERVICE', enableECSManagedTags: true });
    sim.until(() => sim.steady());
    const [arn] = sim.ok<{ taskArns: string[] }>('ListTasks', { serviceName: 'web' }).taskArns;
    expect(sim.describe(arn!)['tags']).toEqual([
      { key: 'team', value: 'web' },
      { key: 'aws:ecs:clusterName', value: 'default' },
      { key: 'aws:ecs:serviceName', value: 'web' },
    ]);
  });
});
