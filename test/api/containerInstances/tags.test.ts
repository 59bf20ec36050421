// TagResource / UntagResource / ListTagsForResource on container instance ARNs (issue 11), and the tags
// DescribeContainerInstances shows with include TAGS.
import { describe as group, expect, it } from 'vitest';
import { describe, failsUnchanged, fleetWorld, listAll, ok } from './harness.js';

group('tagging container instances', () => {
  it('tags, lists and untags a registered instance; DescribeContainerInstances shows the tags with include TAGS', () => {
    const w = fleetWorld(1);
    const [arn] = listAll(w, { cluster: 'prod' });
    const tagged = ok(w, 'TagResource', { resourceArn: arn, tags: [{ key: 'team', value: 'core' }] }).world;
    expect(ok(tagged, 'ListTagsForResource', { resourceArn: arn }).output.tags).toEqual([{ key: 'team', value: 'core' }]);
    expect(describe(tagged, 'prod', [arn!], ['TAGS']).containerInstances[0].tags).toEqual([{ key: 'team', value: 'core' }]);
    const untagged = ok(tagged, 'UntagResource', { resourceArn: arn, tagKeys: ['team'] }).world;
    expect(ok(untagged, 'ListTagsForResource', { resourceArn: arn }).output.tags).toEqual([]);
  });

  it('answers a deregistered or unknown instance as not found, and a malformed ARN as InvalidParameterException', () => {
    const w = fleetWorld(1);
    const [arn] = listAll(w, { cluster: 'prod' });
    const gone = ok(w, 'DeregisterContainerInstance', { cluster: 'prod', containerInstance: arn }).world;
    expect(failsUnchanged(gone, 'TagResource', { resourceArn: arn, tags: [{ key: 'k', value: 'v' }] }).name).toBe('ResourceNotFoundException');
    const unknown = 'arn:aws:ecs:us-east-1:123456789012:container-instance/prod/0123456789abcdef0123456789abcdef';
    expect(failsUnchanged(w, 'ListTagsForResource', { resourceArn: unknown }).name).toBe('InvalidParameterException');
    expect(failsUnchanged(w, 'TagResource', { resourceArn: 'arn:aws:ecs:us-east-1:123456789012:container-instance/prod', tags: [{ key: 'k', value: 'v' }] }).message).toMatch(
      /container-instance\/<cluster>\/<32 hex id>/,
    );
  });
});
