/**
 * The wire form of a container instance (DescribeContainerInstances and the responses that return one), members
 * in the order of ECS's `ContainerInstance` shape; resources as ECS sends them (`CPU`, `MEMORY` INTEGER; `PORTS`,
 * `PORTS_UDP` STRINGSET, with the unused numeric members at 0 as in the CLI's describe-container-instances example).
 *
 * @module
 */
import type { ContainerInstance as SdkContainerInstance, Resource } from '@aws-sdk/client-ecs';
import type { CapacityProvider } from '../../domain/capacityProvider.js';
import type { ContainerInstance, InstanceResources } from '../../domain/containerInstance.js';
import { toEpochSeconds } from '../../domain/time.js';
import type { Wire } from '../../domain/wire.js';
import { allAttributes } from './instanceAttributes.js';

const integer = (name: string, value: number): Wire<Resource> => ({ name, type: 'INTEGER', doubleValue: 0, longValue: 0, integerValue: value });
const stringSet = (name: string, values: readonly string[]): Wire<Resource> => ({
  name,
  type: 'STRINGSET',
  doubleValue: 0,
  longValue: 0,
  integerValue: 0,
  stringSetValue: [...values],
});

/** Resources as ECS's four `Resource` entries. */
export const resourcesToWire = (r: InstanceResources): Wire<Resource>[] => [
  integer('CPU', r.cpu),
  integer('MEMORY', r.memory),
  stringSet('PORTS', r.ports),
  stringSet('PORTS_UDP', r.portsUdp),
];

/**
 * The wire form of `ci`; `tags` only when asked for (`include: ['TAGS']`); `capacityProviderName` when the
 * instance's Auto Scaling group has a capacity provider ({@link providerOfInstance}).
 */
export function containerInstanceToWire(ci: ContainerInstance, includeTags = false, capacityProviderName?: string): Wire<SdkContainerInstance> {
  const out: Wire<SdkContainerInstance> = {
    containerInstanceArn: ci.arn,
    ec2InstanceId: ci.ec2InstanceId,
    version: ci.version,
    versionInfo: { ...ci.versionInfo },
    remainingResources: resourcesToWire(ci.remainingResources),
    registeredResources: resourcesToWire(ci.registeredResources),
    status: ci.status,
    agentConnected: ci.agentConnected,
    runningTasksCount: ci.runningTasksCount,
    pendingTasksCount: ci.pendingTasksCount,
    attributes: allAttributes(ci.attributes).map((a) => (a.value === undefined ? { name: a.name } : { name: a.name, value: a.value })),
    registeredAt: toEpochSeconds(ci.registeredAt),
    attachments: [],
  };
  if (capacityProviderName !== undefined) out.capacityProviderName = capacityProviderName;
  if (includeTags) out.tags = ci.tags.map((t) => ({ key: t.key, value: t.value }));
  return out;
}

/** The ACTIVE capacity provider of `ci`'s Auto Scaling group, if any (providers are few: a scan). */
export function providerOfInstance(providers: Iterable<CapacityProvider>, ci: ContainerInstance): string | undefined {
  if (ci.autoScalingGroup === undefined) return undefined;
  for (const p of providers) if (p.status === 'ACTIVE' && p.autoScalingGroupName === ci.autoScalingGroup) return p.name;
  return undefined;
}
