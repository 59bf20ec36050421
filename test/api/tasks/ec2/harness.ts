// Helpers for the EC2 task tests: a world with a fleet, an EC2 task definition, and readers of what ECS shows.
import type { World } from '../../../../src/domain/world.js';
import { createWorld, type WorldConfig } from '../../../../src/engine/createWorld.js';
import { ok } from '../../clusters/harness.js';

export { fails, ok } from '../../clusters/harness.js';

export const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

/** `prod` with `count` m5.xlarge instances (4,096 CPU units, 15,728 MiB each) over three zones. */
export function ec2World(count = 3, extra: WorldConfig = {}): World {
  return createWorld({
    seed: 11,
    containerInstances: [{ cluster: 'prod', instanceType: 'm5.xlarge', count, availabilityZones: ZONES, attributes: { stack: 'prod' } }],
    ...extra,
  });
}

/** Registers a bridge-mode EC2 definition `family` with one container (`container` merged into the default). */
export function withDefinition(w: World, family: string, container: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): World {
  return ok(w, 'RegisterTaskDefinition', {
    family,
    requiresCompatibilities: ['EC2'],
    containerDefinitions: [{ name: 'app', image: 'nginx', cpu: 256, memory: 512, ...container }],
    ...extra,
  }).world;
}

/** The container instances of `cluster` as DescribeContainerInstances shows them, in ListContainerInstances order. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function instances(w: World, cluster = 'prod'): any[] {
  const arns = ok(w, 'ListContainerInstances', { cluster }).output.containerInstanceArns as string[];
  return ok(w, 'DescribeContainerInstances', { cluster, containerInstances: arns }).output.containerInstances;
}

/** A resource of a described instance (`remainingResources` or `registeredResources`): its number or string set. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function resource(ci: any, list: 'remainingResources' | 'registeredResources', name: string): number | string[] {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const r = ci[list].find((x: any) => x.name === name);
  return r.type === 'STRINGSET' ? r.stringSetValue : r.integerValue;
}

/** The instance described with ARN `arn`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const instanceByArn = (w: World, arn: string): any => instances(w).find((ci) => ci.containerInstanceArn === arn);

/** DescribeTasks of one task. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const describeTask = (w: World, arn: string, cluster = 'prod'): any => ok(w, 'DescribeTasks', { cluster, tasks: [arn] }).output.tasks[0];
