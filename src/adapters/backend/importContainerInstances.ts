/**
 * The container instances part of `importWorld`: each ACTIVE or DRAINING container instance of an imported cluster
 * is registered in the new twin as its agent would register it (RegisterContainerInstance with the instance's
 * identity document, registered resources, version info, custom attributes and tags), then drained if it was.
 *
 * What the twin derives itself: the container instance id (from its seed), the built-in attributes
 * (`ecs.instance-type`, `ecs.availability-zone`, `ecs.ami-id` are read back from the source's; the capability
 * attributes are the twin's), and the agent's connection (always connected).
 *
 * @module
 */
import type * as Ecs from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import type { BackendResult, EcsBackend } from './ecsBackend.js';
import { chunk, collectPages } from './paginate.js';

/** The container instances of one cluster at the source (ACTIVE and DRAINING: what ListContainerInstances lists). */
export async function readContainerInstances(source: EcsBackend, clusterArn: string | undefined): Promise<BackendResult<readonly Ecs.ContainerInstance[]>> {
  const arns = await collectPages(source.ListContainerInstances, { cluster: clusterArn }, (p) => p.containerInstanceArns);
  if (E.isLeft(arns)) return arns;
  const out: Ecs.ContainerInstance[] = [];
  for (const batch of chunk(arns.right, 100)) {
    const described = await source.DescribeContainerInstances({ cluster: clusterArn, containerInstances: batch, include: ['TAGS'] });
    if (E.isLeft(described)) return described;
    out.push(...(described.right.containerInstances ?? []).filter((ci) => ci.status === 'ACTIVE' || ci.status === 'DRAINING'));
  }
  return E.right(out);
}

/** Attributes the twin sets itself when an instance registers (built-ins and capabilities). */
const isDerivedAttribute = (name: string): boolean => name.startsWith('ecs.') || name.startsWith('com.amazonaws.ecs.');

const attribute = (ci: Ecs.ContainerInstance, name: string): string | undefined => ci.attributes?.find((a) => a.name === name)?.value;

/**
 * The RegisterContainerInstance request that rebuilds `ci` in a twin: the identity document an agent on that EC2
 * instance would send, its registered resources, and its custom attributes.
 */
export function registerInstanceInputOf(ci: Ecs.ContainerInstance, cluster: string): Ecs.RegisterContainerInstanceCommandInput {
  const doc: Record<string, string> = {};
  if (ci.ec2InstanceId !== undefined) doc.instanceId = ci.ec2InstanceId;
  const type = attribute(ci, 'ecs.instance-type');
  const zone = attribute(ci, 'ecs.availability-zone');
  const ami = attribute(ci, 'ecs.ami-id');
  if (type !== undefined) doc.instanceType = type;
  if (zone !== undefined) doc.availabilityZone = zone;
  if (ami !== undefined) doc.imageId = ami;
  const custom = (ci.attributes ?? []).filter((a) => a.name !== undefined && !isDerivedAttribute(a.name)).map((a) => ({ name: a.name!, ...(a.value !== undefined ? { value: a.value } : {}) }));
  const resources = (ci.registeredResources ?? []).filter((r) => ['CPU', 'MEMORY', 'PORTS', 'PORTS_UDP'].includes(r.name ?? ''));
  return {
    cluster,
    instanceIdentityDocument: JSON.stringify(doc),
    totalResources: resources.map((r) => ({ name: r.name, type: r.type, ...(r.integerValue !== undefined ? { integerValue: r.integerValue } : {}), ...(r.stringSetValue !== undefined ? { stringSetValue: [...r.stringSetValue] } : {}) })),
    ...(ci.versionInfo !== undefined ? { versionInfo: ci.versionInfo } : {}),
    ...(custom.length > 0 ? { attributes: custom } : {}),
    ...(ci.tags !== undefined && ci.tags.length > 0 ? { tags: ci.tags } : {}),
  };
}

/** What rebuilding a cluster's container instances needs from the importer: how to call the new twin. */
export type OnTarget = <O>(what: string, call: () => Promise<BackendResult<O>>) => Promise<BackendResult<O>>;

/**
 * Registers `instances` (of `cluster` at the source) in the twin behind `target`, draining those that were DRAINING.
 * Returns source ARN → twin ARN.
 */
export async function rebuildContainerInstances(
  target: EcsBackend,
  onTarget: OnTarget,
  cluster: string,
  instances: readonly Ecs.ContainerInstance[],
  notes: string[],
): Promise<BackendResult<Record<string, string>>> {
  const arns: Record<string, string> = {};
  let disconnected = 0;
  for (const ci of instances) {
    const what = `RegisterContainerInstance ${String(ci.ec2InstanceId ?? ci.containerInstanceArn)}`;
    const made = await onTarget(what, () => target.RegisterContainerInstance(registerInstanceInputOf(ci, cluster)));
    if (E.isLeft(made)) return made;
    const arn = made.right.containerInstance?.containerInstanceArn;
    if (arn === undefined) return E.left({ name: 'ClientException', message: `${what}: the twin returned no container instance.` });
    if (ci.containerInstanceArn !== undefined) arns[ci.containerInstanceArn] = arn;
    if (ci.status === 'DRAINING') {
      const drained = await onTarget(`UpdateContainerInstancesState ${arn}`, () => target.UpdateContainerInstancesState({ cluster, containerInstances: [arn], status: 'DRAINING' }));
      if (E.isLeft(drained)) return drained;
    }
    if (ci.agentConnected === false) disconnected++;
  }
  if (instances.length > 0) {
    notes.push(`Cluster ${cluster}: ${instances.length} container instance(s) registered; their ids are the twin's (containerInstanceArns maps them), and tasks placed on them at the source are not imported (EC2 tasks are not modelled yet).`);
  }
  if (disconnected > 0) notes.push(`Cluster ${cluster}: ${disconnected} container instance(s) whose agent was disconnected are connected in the twin.`);
  return E.right(arns);
}
