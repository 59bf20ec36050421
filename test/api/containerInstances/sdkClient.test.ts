// The container instance operations through the AWS SDK's own client (in-process, over a TwinHost whose World
// config declares a fleet): the SDK parses every response — registeredAt as a Date, resources, attributes.
import {
  DescribeContainerInstancesCommand,
  ListAttributesCommand,
  ListContainerInstancesCommand,
  PutAttributesCommand,
  RegisterContainerInstanceCommand,
  UpdateContainerInstancesStateCommand,
} from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createInProcessEcsClient } from '../../../src/adapters/inProcessClient.js';
import { pairHostFactory } from '../../../src/adapters/pairHosts.js';
import { TwinHost } from '../../../src/adapters/twinHost.js';
import { TwinPool } from '../../../src/adapters/twinPool.js';

const CONFIG = { seed: 5, containerInstances: [{ cluster: 'prod', instanceType: 'm5.xlarge', count: 3, attributes: { stack: 'prod' } }] };

function client(): ReturnType<typeof createInProcessEcsClient> {
  const host = TwinHost.create(CONFIG, { kind: 'manual' });
  if (E.isLeft(host)) throw new Error(host.left.message);
  return createInProcessEcsClient(new TwinPool(host.right, pairHostFactory(CONFIG, { kind: 'manual' })));
}

describe('container instances through the AWS SDK', () => {
  it('lists, describes, drains and tags attributes of configured instances, and registers one', async () => {
    const ecs = client();
    const arns = (await ecs.send(new ListContainerInstancesCommand({ cluster: 'prod', filter: 'attribute:ecs.instance-type == m5.xlarge' }))).containerInstanceArns!;
    expect(arns).toHaveLength(3);
    const described = await ecs.send(new DescribeContainerInstancesCommand({ cluster: 'prod', containerInstances: arns }));
    const ci = described.containerInstances![0]!;
    expect(ci.registeredAt).toEqual(new Date(1_704_067_200_000));
    expect(ci.registeredResources!.find((r) => r.name === 'CPU')!.integerValue).toBe(4096);
    expect(ci.attributes!.find((a) => a.name === 'stack')!.value).toBe('prod');
    const drained = await ecs.send(new UpdateContainerInstancesStateCommand({ cluster: 'prod', containerInstances: [arns[0]!], status: 'DRAINING' }));
    expect(drained.containerInstances![0]!.status).toBe('DRAINING');
    await ecs.send(new PutAttributesCommand({ cluster: 'prod', attributes: [{ name: 'tier', value: 'gold', targetId: arns[1]! }] }));
    const listed = await ecs.send(new ListAttributesCommand({ cluster: 'prod', targetType: 'container-instance', attributeName: 'tier' }));
    expect(listed.attributes).toEqual([{ name: 'tier', value: 'gold', targetType: 'container-instance', targetId: arns[1] }]);
    const registered = await ecs.send(new RegisterContainerInstanceCommand({ cluster: 'prod' }));
    expect(registered.containerInstance!.status).toBe('ACTIVE');
    const all = (await ecs.send(new ListContainerInstancesCommand({ cluster: 'prod' }))).containerInstanceArns!;
    expect(all).toHaveLength(4);
  });
});
