// ListContainerInstances (status, cluster-query-language filter, pagination) and PutAttributes / DeleteAttributes /
// ListAttributes through `execute` (issue 11).
// Query language: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-query-language.html
// Attribute rules: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Attribute.html (name 1–128 of
// letters, digits, - _ / \ .; value 1–128 of letters, digits, - _ . @ / \ : and spaces, no leading/trailing space)
// and https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PutAttributes.html (≤ 10 custom attributes).
import { describe as group, expect, it } from 'vitest';
import type { World } from '../../../src/domain/world.js';
import { createWorld } from '../../../src/engine/createWorld.js';
import { describe, fails, failsUnchanged, fleetWorld, listAll, ok, ZONES } from './harness.js';

/** prod: 6 × m5.xlarge over three zones (stack=prod); plus 3 × c5.large in us-east-1a with stack=canary. */
function mixedWorld(): World {
  return createWorld({
    seed: 7,
    containerInstances: [
      { cluster: 'prod', instanceType: 'm5.xlarge', count: 6, availabilityZones: ZONES, attributes: { stack: 'prod' } },
      { cluster: 'prod', instanceType: 'c5.large', count: 3, availabilityZones: ['us-east-1a'], attributes: { stack: 'canary' } },
    ],
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const attrOf = (w: World, arn: string, name: string): string | undefined => describe(w, 'prod', [arn]).containerInstances[0].attributes.find((a: any) => a.name === name)?.value;

group('ListContainerInstances filter', () => {
  it('selects by instance type: attribute:ecs.instance-type == m5.xlarge', () => {
    const w = mixedWorld();
    const all = listAll(w, { cluster: 'prod' });
    const m5 = listAll(w, { cluster: 'prod', filter: 'attribute:ecs.instance-type == m5.xlarge' });
    expect(m5).toHaveLength(6);
    expect(m5.every((arn) => attrOf(w, arn, 'ecs.instance-type') === 'm5.xlarge')).toBe(true);
    expect(listAll(w, { cluster: 'prod', filter: 'attribute:ecs.instance-type != m5.xlarge' })).toEqual(all.filter((a) => !m5.includes(a)));
  });

  it('selects by zone list: attribute:ecs.availability-zone in [us-east-1a, us-east-1b]', () => {
    const w = mixedWorld();
    const ab = listAll(w, { cluster: 'prod', filter: 'attribute:ecs.availability-zone in [us-east-1a, us-east-1b]' });
    // m5: 2 + 2 (round-robin over a, b, c); c5: 3 in a.
    expect(ab).toHaveLength(7);
    expect(ab.every((arn) => ['us-east-1a', 'us-east-1b'].includes(attrOf(w, arn, 'ecs.availability-zone')!))).toBe(true);
  });

  it('combines custom attributes with and/or/not and matches patterns', () => {
    const w = mixedWorld();
    expect(listAll(w, { cluster: 'prod', filter: 'attribute:stack == canary and attribute:ecs.availability-zone == us-east-1a' })).toHaveLength(3);
    expect(listAll(w, { cluster: 'prod', filter: 'attribute:stack == canary or attribute:ecs.availability-zone == us-east-1c' })).toHaveLength(5);
    expect(listAll(w, { cluster: 'prod', filter: 'not(attribute:stack == canary)' })).toHaveLength(6);
    expect(listAll(w, { cluster: 'prod', filter: 'attribute:ecs.instance-type =~ c5.*' })).toHaveLength(3);
    expect(listAll(w, { cluster: 'prod', filter: 'attribute:missing exists' })).toEqual([]);
    // Capability attributes (shared by every instance, not stored per instance) are seen too.
    expect(listAll(w, { cluster: 'prod', filter: 'attribute:ecs.capability.task-eni exists' })).toHaveLength(9);
    expect(listAll(w, { cluster: 'prod', filter: 'attribute:ecs.capability.task-eni !exists' })).toEqual([]);
  });

  it('combines with status and refuses a bad expression with the parser\'s InvalidParameterException', () => {
    const w = mixedWorld();
    const [first] = listAll(w, { cluster: 'prod', filter: 'attribute:stack == canary' });
    const drained = ok(w, 'UpdateContainerInstancesState', { cluster: 'prod', containerInstances: [first], status: 'DRAINING' }).world;
    expect(listAll(drained, { cluster: 'prod', status: 'ACTIVE', filter: 'attribute:stack == canary' })).toHaveLength(2);
    expect(listAll(drained, { cluster: 'prod', status: 'DRAINING', filter: 'attribute:stack == canary' })).toEqual([first]);
    const e = failsUnchanged(w, 'ListContainerInstances', { cluster: 'prod', filter: 'attribute:stack ==' });
    expect(e.name).toBe('InvalidParameterException');
    expect(e.message.length).toBeGreaterThan(0);
    expect(failsUnchanged(w, 'ListContainerInstances', { cluster: 'prod', filter: '(attribute:stack == a' }).name).toBe('InvalidParameterException');
  });
});

group('ListContainerInstances pagination', () => {
  it('pages through a cluster in order without loss or repetition, at any page size', () => {
    const w = fleetWorld(23);
    const all = listAll(w, { cluster: 'prod' });
    expect(all).toHaveLength(23);
    expect([...all].sort()).toEqual(all);
    for (const maxResults of [1, 5, 22, 23, 100]) expect(listAll(w, { cluster: 'prod', maxResults })).toEqual(all);
    const first = ok(w, 'ListContainerInstances', { cluster: 'prod', maxResults: 10 }).output;
    expect(first.containerInstanceArns).toHaveLength(10);
    expect(typeof first.nextToken).toBe('string');
    // Other clusters' instances never leak into a page.
    expect(listAll(w, { cluster: 'dev', maxResults: 1 })).toHaveLength(2);
  });

  it('refuses a bad maxResults or token and an unknown cluster', () => {
    const w = fleetWorld(2);
    expect(failsUnchanged(w, 'ListContainerInstances', { cluster: 'prod', maxResults: 0 }).message).toBe('maxResults must be between 1 and 100.');
    expect(failsUnchanged(w, 'ListContainerInstances', { cluster: 'prod', nextToken: 'garbage!' }).message).toBe('The nextToken provided is invalid.');
    expect(failsUnchanged(w, 'ListContainerInstances', { cluster: 'nope' }).name).toBe('ClusterNotFoundException');
  });
});

group('PutAttributes / DeleteAttributes / ListAttributes', () => {
  it('puts, lists and deletes a custom attribute; ListContainerInstances filters see it', () => {
    const w = fleetWorld(3);
    const [a, b] = listAll(w, { cluster: 'prod' });
    const id = b!.split('/').pop()!;
    const put = ok(w, 'PutAttributes', {
      cluster: 'prod',
      attributes: [
        { name: 'tier', value: 'gold', targetId: a },
        { name: 'tier', value: 'silver', targetType: 'container-instance', targetId: id },
      ],
    });
    expect(put.output.attributes).toEqual([
      { name: 'tier', value: 'gold', targetId: a },
      { name: 'tier', value: 'silver', targetType: 'container-instance', targetId: id },
    ]);
    expect(listAll(put.world, { cluster: 'prod', filter: 'attribute:tier == gold' })).toEqual([a]);
    const listed = ok(put.world, 'ListAttributes', { cluster: 'prod', targetType: 'container-instance', attributeName: 'tier' }).output.attributes;
    expect(listed).toEqual(
      [
        { name: 'tier', value: 'gold', targetType: 'container-instance', targetId: a },
        { name: 'tier', value: 'silver', targetType: 'container-instance', targetId: b },
      ].sort((x, y) => (x.targetId! < y.targetId! ? -1 : 1)),
    );
    expect(ok(put.world, 'ListAttributes', { cluster: 'prod', targetType: 'container-instance', attributeName: 'tier', attributeValue: 'silver' }).output.attributes).toHaveLength(1);
    // An updated value replaces the old one in place.
    const updated = ok(put.world, 'PutAttributes', { cluster: 'prod', attributes: [{ name: 'tier', value: 'bronze', targetId: a }] }).world;
    expect(attrOf(updated, a!, 'tier')).toBe('bronze');
    const deleted = ok(updated, 'DeleteAttributes', { cluster: 'prod', attributes: [{ name: 'tier', targetId: a }] });
    expect(attrOf(deleted.world, a!, 'tier')).toBeUndefined();
    expect(attrOf(deleted.world, b!, 'tier')).toBe('silver');
    expect(describe(deleted.world, 'prod', [a!]).containerInstances[0].version).toBe(4);
  });

  it('lists built-in attributes too, paginated', () => {
    const w = fleetWorld(3);
    const all: unknown[] = [];
    let nextToken: string | undefined;
    do {
      const out = ok(w, 'ListAttributes', { cluster: 'prod', targetType: 'container-instance', maxResults: 7, ...(nextToken ? { nextToken } : {}) }).output;
      all.push(...out.attributes);
      nextToken = out.nextToken;
    } while (nextToken !== undefined);
    const single = ok(w, 'ListAttributes', { cluster: 'prod', targetType: 'container-instance', maxResults: 100 }).output;
    const perInstance = describe(w, 'prod', listAll(w, { cluster: 'prod' })).containerInstances[0].attributes.length;
    expect(all).toHaveLength(3 * perInstance);
    expect(all.slice(0, 100)).toEqual(single.attributes);
    expect(ok(w, 'ListAttributes', { cluster: 'prod', targetType: 'container-instance', attributeName: 'ecs.instance-type' }).output.attributes).toHaveLength(3);
  });

  it('enforces the attribute rules and the 10-custom-attribute limit, changing nothing on error', () => {
    const w = fleetWorld(1);
    const [a] = listAll(w, { cluster: 'prod' });
    const put = (attributes: unknown[]) => failsUnchanged(w, 'PutAttributes', { cluster: 'prod', attributes });
    expect(put([{ name: 'bad name', value: 'x', targetId: a }]).message).toMatch(/attributes\[0\]\.name/);
    expect(put([{ name: 'n', value: ' leading', targetId: a }]).message).toMatch(/attributes\[0\]\.value/);
    expect(put([{ name: 'n', value: 'x'.repeat(129), targetId: a }]).message).toMatch(/attributes\[0\]\.value/);
    expect(put([{ name: 'n', value: 'x', targetId: 'abc' }]).message).toMatch(/targetType/);
    expect(put([{ name: 'n', value: 'x', targetType: 'container-instance', targetId: 'abc' }]).name).toBe('TargetNotFoundException');
    expect(put([{ name: 'ecs.instance-type', value: 'x', targetId: a }]).name).toBe('InvalidParameterException');
    expect(put([]).name).toBe('InvalidParameterException');
    // The fleet's `stack` is one custom attribute: ten more make eleven.
    const ten = Array.from({ length: 10 }, (_, i) => ({ name: `k${i}`, value: 'v', targetId: a }));
    expect(put(ten).name).toBe('AttributeLimitExceededException');
    const nine = ok(w, 'PutAttributes', { cluster: 'prod', attributes: ten.slice(0, 9) }).world;
    expect(attrOf(nine, a!, 'k8')).toBe('v');
    // Values may hold @ / \ : and inner spaces.
    expect(ok(w, 'PutAttributes', { cluster: 'prod', attributes: [{ name: 'a/b\\c.d', value: 'x@y:z w/\\', targetId: a }] }).output.attributes).toHaveLength(1);
    expect(fails(w, 'ListAttributes', { cluster: 'prod', targetType: 'container-instance', attributeValue: 'x' }).name).toBe('InvalidParameterException');
  });
});
