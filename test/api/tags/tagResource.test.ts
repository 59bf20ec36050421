import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { taskDefinitionKey, type TaskDefinition } from '../../../src/domain/taskDefinition.js';
import type { World } from '../../../src/domain/world.js';
import { tagKeyArb, tagsArb } from '../../../src/testing/arbitraries/cluster.js';
import { ARN, arnOf, failsUnchanged, ok, worldWith } from '../clusters/harness.js';

const TD_ARN = `${ARN}:task-definition/web:3`;

/** A world with cluster `a` and revision web:3 (stored directly: only its tags and status matter here). */
function worldWithTaskDefinition(status: TaskDefinition['status'] = 'ACTIVE'): World {
  const w = worldWith('a');
  const td = { family: 'web', revision: 3, arn: TD_ARN, status, tags: [] } as unknown as TaskDefinition;
  return { ...w, taskDefinitions: w.taskDefinitions.set(taskDefinitionKey('web', 3), td) };
}

const tagsOf = (w: World, arn: string) => ok(w, 'ListTagsForResource', { resourceArn: arn }).output.tags;

describe('TagResource', () => {
  it('adds tags to a cluster; an existing key takes the new value and keeps its place', () => {
    let w = worldWith('a');
    expect(ok(w, 'TagResource', { resourceArn: arnOf('a'), tags: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }] }).output).toEqual({});
    w = ok(w, 'TagResource', { resourceArn: arnOf('a'), tags: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }] }).world;
    w = ok(w, 'TagResource', { resourceArn: arnOf('a'), tags: [{ key: 'c', value: '3' }, { key: 'a', value: 'new' }] }).world;
    expect(tagsOf(w, arnOf('a'))).toEqual([
      { key: 'a', value: 'new' },
      { key: 'b', value: '2' },
      { key: 'c', value: '3' },
    ]);
    expect(ok(w, 'DescribeClusters', { clusters: ['a'], include: ['TAGS'] }).output.clusters[0].tags).toHaveLength(3);
  });

  it('tags a task definition revision, INACTIVE ones included', () => {
    for (const status of ['ACTIVE', 'INACTIVE'] as const) {
      const w = ok(worldWithTaskDefinition(status), 'TagResource', { resourceArn: TD_ARN, tags: [{ key: 'k', value: 'v' }] }).world;
      expect(tagsOf(w, TD_ARN)).toEqual([{ key: 'k', value: 'v' }]);
      expect(w.taskDefinitions.get(taskDefinitionKey('web', 3))?.tags).toEqual([{ key: 'k', value: 'v' }]);
    }
  });

  it('leaves the world as the same object when the tags are already there', () => {
    const w = ok(worldWith('a'), 'TagResource', { resourceArn: arnOf('a'), tags: [{ key: 'k', value: 'v' }] }).world;
    expect(ok(w, 'TagResource', { resourceArn: arnOf('a'), tags: [{ key: 'k', value: 'v' }] }).world).toBe(w);
    expect(ok(w, 'TagResource', { resourceArn: arnOf('a'), tags: [] }).world).toBe(w);
  });

  it('counts the 50-tag limit after the merge: LimitExceededException', () => {
    const forty = Array.from({ length: 40 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    const w = ok(worldWith('a'), 'TagResource', { resourceArn: arnOf('a'), tags: forty }).world;
    const elevenNew = Array.from({ length: 11 }, (_, i) => ({ key: `n${i}`, value: 'v' }));
    expect(failsUnchanged(w, 'TagResource', { resourceArn: arnOf('a'), tags: elevenNew })).toEqual({
      name: 'LimitExceededException',
      message: 'A resource can have at most 50 tags: the resource has 40 and this request would bring it to 51.',
    });
    // Ten new tags reach exactly 50; overwriting existing keys adds nothing.
    const full = ok(w, 'TagResource', { resourceArn: arnOf('a'), tags: elevenNew.slice(0, 10) }).world;
    expect(tagsOf(full, arnOf('a'))).toHaveLength(50);
    expect(tagsOf(ok(full, 'TagResource', { resourceArn: arnOf('a'), tags: forty.slice(0, 20) }).world, arnOf('a'))).toHaveLength(50);
  });

  const deleted = (): World => ok(worldWith('a', 'gone'), 'DeleteCluster', { cluster: 'gone' }).world;
  const cases: Array<[string, Record<string, unknown>, string, string]> = [
    [
      'an unknown cluster',
      { resourceArn: arnOf('zz'), tags: [{ key: 'k', value: 'v' }] },
      'ResourceNotFoundException',
      `The specified resource wasn't found: ${arnOf('zz')}`,
    ],
    [
      'a deleted cluster',
      { resourceArn: arnOf('gone'), tags: [{ key: 'k', value: 'v' }] },
      'ResourceNotFoundException',
      `The specified resource wasn't found: ${arnOf('gone')}`,
    ],
    [
      'a cluster of another account',
      { resourceArn: 'arn:aws:ecs:us-east-1:999999999999:cluster/a', tags: [] },
      'ResourceNotFoundException',
      "The specified resource wasn't found: arn:aws:ecs:us-east-1:999999999999:cluster/a",
    ],
    [
      'an unknown task definition revision',
      { resourceArn: `${ARN}:task-definition/web:4`, tags: [] },
      'ResourceNotFoundException',
      `The specified resource wasn't found: ${ARN}:task-definition/web:4`,
    ],
    [
      'a resource type the twin does not model yet (a service)',
      { resourceArn: `${ARN}:service/a/web`, tags: [] },
      'ResourceNotFoundException',
      `The specified resource wasn't found: ${ARN}:service/a/web`,
    ],
    [
      'a string that is not an ARN',
      { resourceArn: 'a', tags: [] },
      'InvalidParameterException',
      "resourceArn: 'a' is not a valid Amazon ECS resource ARN (expected arn:aws:ecs:<region>:<account>:<resource-type>/<id>).",
    ],
    [
      'a task definition ARN without a revision',
      { resourceArn: `${ARN}:task-definition/web`, tags: [] },
      'InvalidParameterException',
      `resourceArn: '${ARN}:task-definition/web' is not a valid Amazon ECS resource ARN (a task definition ARN ends in task-definition/<family>:<revision>).`,
    ],
    [
      'a cluster ARN with extra parts',
      { resourceArn: `${ARN}:cluster/a/b`, tags: [] },
      'InvalidParameterException',
      `resourceArn: '${ARN}:cluster/a/b' is not a valid Amazon ECS resource ARN (a cluster ARN ends in cluster/<name>).`,
    ],
    [
      'a resource type ECS cannot tag',
      { resourceArn: `${ARN}:widget/x`, tags: [] },
      'InvalidParameterException',
      "resourceArn: resource type 'widget' does not support tagging.",
    ],
    [
      'a reserved aws: key',
      { resourceArn: arnOf('a'), tags: [{ key: 'aws:cloudformation:stack-name', value: 'x' }] },
      'InvalidParameterException',
      "Tag keys beginning with 'aws:' are reserved for AWS use (tags[0].key).",
    ],
    [
      'a duplicate key in the request',
      { resourceArn: arnOf('a'), tags: [{ key: 'k', value: '1' }, { key: 'k', value: '2' }] },
      'InvalidParameterException',
      "Duplicate tag key 'k' (tags[1].key).",
    ],
    [
      'a value longer than 256 characters',
      { resourceArn: arnOf('a'), tags: [{ key: 'k', value: 'v'.repeat(257) }] },
      'InvalidParameterException',
      'Tag values must be at most 256 characters (tags[0].value).',
    ],
    ['a missing tags member', { resourceArn: arnOf('a') }, 'InvalidParameterException', 'tags is required but was not given.'],
    // JSON `null` reads as absent (AWS JSON protocol), so it is a missing member, not a SerializationException.
    ['a null tags member', { resourceArn: arnOf('a'), tags: null }, 'InvalidParameterException', 'tags is required but was not given.'],
    ['a null resourceArn', { resourceArn: null, tags: [] }, 'InvalidParameterException', 'resourceArn is required but was not given.'],
  ];
  it.each(cases)('refuses %s', (_rule, input, name, message) => {
    expect(failsUnchanged(deleted(), 'TagResource', input)).toEqual({ name, message });
  });
});

describe('UntagResource', () => {
  it('removes the named keys and ignores keys the resource does not have', () => {
    let w = ok(worldWith('a'), 'TagResource', { resourceArn: arnOf('a'), tags: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }] }).world;
    const r = ok(w, 'UntagResource', { resourceArn: arnOf('a'), tagKeys: ['a', 'nope'] });
    expect(r.output).toEqual({});
    w = r.world;
    expect(tagsOf(w, arnOf('a'))).toEqual([{ key: 'b', value: '2' }]);
    expect(ok(w, 'UntagResource', { resourceArn: arnOf('a'), tagKeys: ['nope'] }).world).toBe(w);
  });

  const cases: Array<[string, Record<string, unknown>, string, string]> = [
    ['an unknown cluster', { resourceArn: arnOf('zz'), tagKeys: ['k'] }, 'ResourceNotFoundException', `The specified resource wasn't found: ${arnOf('zz')}`],
    [
      'a reserved aws: key',
      { resourceArn: arnOf('a'), tagKeys: ['ok', 'AWS:x'] },
      'InvalidParameterException',
      "Tag keys beginning with 'aws:' are reserved for AWS use (tagKeys[1]).",
    ],
    ['an empty key', { resourceArn: arnOf('a'), tagKeys: [''] }, 'InvalidParameterException', 'Tag keys must be between 1 and 128 characters (tagKeys[0]).'],
    ['a missing tagKeys member', { resourceArn: arnOf('a') }, 'InvalidParameterException', 'tagKeys is required but was not given.'],
    ['a null tagKeys member', { resourceArn: arnOf('a'), tagKeys: null }, 'InvalidParameterException', 'tagKeys is required but was not given.'],
  ];
  it.each(cases)('refuses %s', (_rule, input, name, message) => {
    expect(failsUnchanged(worldWith('a'), 'UntagResource', input)).toEqual({ name, message });
  });
});

describe('ListTagsForResource', () => {
  it('lists a new resource as having no tags, and is a read (same world)', () => {
    const w = worldWithTaskDefinition();
    const r = ok(w, 'ListTagsForResource', { resourceArn: TD_ARN });
    expect(r.output).toEqual({ tags: [] });
    expect(r.world).toBe(w);
  });

  // The model lists no ResourceNotFoundException for ListTagsForResource (ClientException, ClusterNotFoundException,
  // InvalidParameterException, ServerException): https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ListTagsForResource.html
  it('answers a missing cluster with ClusterNotFoundException', () => {
    expect(failsUnchanged(worldWith('a'), 'ListTagsForResource', { resourceArn: arnOf('zz') })).toEqual({
      name: 'ClusterNotFoundException',
      message: 'Cluster not found.',
    });
  });

  it('answers a missing task definition as DescribeTaskDefinition does (ClientException)', () => {
    expect(failsUnchanged(worldWith('a'), 'ListTagsForResource', { resourceArn: TD_ARN })).toEqual({
      name: 'ClientException',
      message: 'Unable to describe task definition.',
    });
  });

  it('refuses a malformed ARN', () => {
    expect(failsUnchanged(worldWith('a'), 'ListTagsForResource', { resourceArn: 'cluster/a' }).name).toBe('InvalidParameterException');
  });
});

describe('tag round trips', () => {
  test.prop([tagsArb(20), tagsArb(20)])('tagging then untagging the added keys restores the tags', (first, added) => {
    const start = ok(worldWith('a'), 'TagResource', { resourceArn: arnOf('a'), tags: first }).world;
    const addedKeys = added.map((t) => t.key);
    const firstKeys = new Set(first.map((t) => t.key));
    fc.pre(addedKeys.every((k) => !firstKeys.has(k)));
    const tagged = ok(start, 'TagResource', { resourceArn: arnOf('a'), tags: added }).world;
    expect(tagsOf(tagged, arnOf('a'))).toEqual([...first, ...added]);
    const untagged = ok(tagged, 'UntagResource', { resourceArn: arnOf('a'), tagKeys: addedKeys }).world;
    expect(tagsOf(untagged, arnOf('a'))).toEqual(first);
    expect(JSON.stringify(untagged.clusters.get('a'))).toBe(JSON.stringify(start.clusters.get('a')));
  });

  test.prop([tagsArb(20), fc.array(tagKeyArb(), { maxLength: 10 })])(
    'after UntagResource none of the removed keys remain and every other tag is kept',
    (tags, keys) => {
      const w = ok(worldWith('a'), 'TagResource', { resourceArn: arnOf('a'), tags }).world;
      const after = tagsOf(ok(w, 'UntagResource', { resourceArn: arnOf('a'), tagKeys: keys }).world, arnOf('a'));
      expect(after).toEqual(tags.filter((t) => !keys.includes(t.key)));
    },
  );
});
