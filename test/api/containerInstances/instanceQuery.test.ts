// The query subject of a stored container instance: its attribute map answers like a plain Map of every
// attribute (capabilities included, a stored value overriding a capability's), without copying the capabilities.
import { describe, expect, it } from 'vitest';
import { allAttributes, LINUX_CAPABILITIES } from '../../../src/api/containerInstances/instanceAttributes.js';
import { querySubjectOf } from '../../../src/scheduler/ec2/instanceSubject.js';
import { fleetWorld } from './harness.js';

describe('querySubjectOf', () => {
  it('sees the same attributes as the wire form, in the same order', () => {
    const ci = [...fleetWorld(1).containerInstances.values()].find((c) => c.cluster === 'prod')!;
    const plain = new Map(allAttributes(ci.attributes).map((a) => [a.name, a.value]));
    const view = querySubjectOf(ci).attributes;
    expect([...view.entries()]).toEqual([...plain.entries()]);
    expect(view.size).toBe(plain.size);
    expect([...view.keys()]).toEqual([...plain.keys()]);
    expect(view.get('stack')).toBe('prod');
    expect(view.has('ecs.capability.task-eni')).toBe(true);
    expect(view.get('ecs.capability.task-eni')).toBeUndefined();
    expect(view.has('nope')).toBe(false);
  });

  it('lets a stored capability with a value replace the shared entry', () => {
    const ci = [...fleetWorld(1).containerInstances.values()].find((c) => c.cluster === 'prod')!;
    const name = LINUX_CAPABILITIES[0]!.name;
    const withValue = { ...ci, attributes: [...ci.attributes, { name, value: 'v2' }] };
    expect(querySubjectOf(withValue).attributes.get(name)).toBe('v2');
    expect(allAttributes(withValue.attributes).filter((a) => a.name === name)).toEqual([{ name, value: 'v2' }]);
  });
});
