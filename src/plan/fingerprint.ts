/**
 * The fingerprint of the state a plan was made from: FNV-1a/64 over the canonical JSON of the current state of only
 * the resources the plan touches, read through the ECS describe operations. Members that move on their own —
 * running and pending counts, events, deployments and their counts, cluster task counters — are left out, so tasks
 * starting and stopping do not make a plan stale, while a change to a planned resource (a service's desiredCount, a
 * new revision of a planned family) does. Application Auto Scaling state is not part of the World, so scalable
 * targets and policies do not enter the fingerprint.
 *
 * @module
 */
import type { World } from '../domain/world.js';
import { fingerprint } from '../sim/fingerprint.js';
import { comparableTaskDefinition } from './diffTaskDefinitions.js';
import { asObject, asString, clusterNameOf, describeCluster, describeLatestRevision, describeService, type WireObject } from './readWorld.js';
import type { DesiredState, ResourceChange } from './types.js';

/** The resources a plan touches. */
export interface PlanTargets {
  readonly clusters: readonly string[];
  readonly families: readonly string[];
  readonly services: readonly { readonly cluster: string; readonly service: string }[];
}

/** Cluster members that describe configuration (not counters). */
const CLUSTER_MEMBERS = ['clusterArn', 'status', 'settings', 'configuration', 'serviceConnectDefaults', 'capacityProviders', 'defaultCapacityProviderStrategy', 'tags'];
/** Service members that describe configuration (not counts, events or deployments). */
const SERVICE_MEMBERS = [
  'serviceArn', 'status', 'taskDefinition', 'desiredCount', 'launchType', 'capacityProviderStrategy', 'platformVersion',
  'networkConfiguration', 'deploymentConfiguration', 'loadBalancers', 'healthCheckGracePeriodSeconds', 'schedulingStrategy',
  'deploymentController', 'propagateTags', 'enableECSManagedTags', 'enableExecuteCommand', 'availabilityZoneRebalancing', 'tags',
];

const pick = (o: WireObject | undefined, members: readonly string[]): Record<string, unknown> | null => {
  if (o === undefined) return null;
  const out: Record<string, unknown> = {};
  for (const m of members) if (o[m] !== undefined) out[m] = o[m];
  return out;
};

/** The resources `desired` names: cluster names, task definition families, services by cluster. */
export function targetsOfDesired(desired: DesiredState): PlanTargets {
  return {
    clusters: desired.clusters.map((c) => asString(c.body.clusterName) ?? 'default'),
    families: desired.taskDefinitions.flatMap((t) => asString(t.body.family) ?? []),
    services: desired.services.map((s) => ({ cluster: clusterNameOf(s.body.cluster), service: asString(s.body.serviceName) ?? '' })),
  };
}

/**
 * The resources a plan's changes name (`prod`, `web:3`, `prod/web`): what `apply` fingerprints when it has the plan
 * but not the desired state it came from. Gives the same targets as {@link targetsOfDesired}.
 */
export function targetsOfChanges(changes: readonly ResourceChange[]): PlanTargets {
  const clusters: string[] = [];
  const families: string[] = [];
  const services: { cluster: string; service: string }[] = [];
  for (const c of changes) {
    if (c.type === 'cluster') clusters.push(c.id);
    else if (c.type === 'taskDefinition') families.push(c.id.includes(':') ? c.id.slice(0, c.id.lastIndexOf(':')) : c.id);
    else if (c.type === 'service') {
      const slash = c.id.indexOf('/');
      services.push({ cluster: c.id.slice(0, slash), service: c.id.slice(slash + 1) });
    }
  }
  return { clusters, families, services };
}

/** The fingerprint of the current state of `targets` in `world` (16 hex digits). */
export function fingerprintTargets(world: World, targets: PlanTargets): string {
  return fingerprint({
    clusters: targets.clusters.map((name) => ({ name, state: pick(describeCluster(world, name), CLUSTER_MEMBERS) })),
    taskDefinitions: targets.families.map((family) => {
      const latest = describeLatestRevision(world, family);
      const td = asObject(latest?.taskDefinition);
      return { family, revision: td?.revision ?? null, body: td === undefined ? null : comparableTaskDefinition(td), tags: latest?.tags ?? null };
    }),
    services: targets.services.map(({ cluster, service }) => ({ cluster, service, state: pick(describeService(world, cluster, service), SERVICE_MEMBERS) })),
  });
}

/**
 * The fingerprint of the current state of the resources `desired` touches: a plan made from `world` carries it, and
 * `apply` refuses when the state it finds has another.
 *
 * @example
 * ```ts
 * const before = planFingerprint(world, desired);
 * planFingerprint(advance(world, 60_000).world, desired) === before; // tasks came and went: still fresh
 * ```
 */
export function planFingerprint(world: World, desired: DesiredState): string {
  return fingerprintTargets(world, targetsOfDesired(desired));
}
