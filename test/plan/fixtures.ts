// Desired-state fixtures for the plan tests: the docs' example names (cluster prod, task definition web, service
// web) as ECS request bodies, and helpers to apply a plan's ECS calls with `execute`. Not a test file.
import * as E from 'fp-ts/lib/Either.js';
import type { World } from '../../src/domain/world.js';
import { createWorld } from '../../src/engine/createWorld.js';
import { execute } from '../../src/engine/execute.js';
import type { DesiredResource, DesiredState, PlannedOperation } from '../../src/plan/types.js';

/** A world with the default VPC's subnets (a new account's). */
export const emptyWorld = (seed = 7): World => createWorld({ seed });

/** The default VPC's subnet ids of `world`. */
export const subnetsOf = (world: World): string[] => world.config.network.subnets.map((s) => s.subnetId).slice(0, 2);

/** The CreateCluster body of cluster `prod`. */
export const prodCluster = (): Record<string, unknown> => ({ clusterName: 'prod', capacityProviders: ['FARGATE', 'FARGATE_SPOT'], settings: [{ name: 'containerInsights', value: 'enabled' }] });

/** The RegisterTaskDefinition body of family `web` with `image`. */
export const webTaskDefinition = (image = 'public.ecr.aws/nginx/nginx:1.27', family = 'web'): Record<string, unknown> => ({
  family,
  requiresCompatibilities: ['FARGATE'],
  networkMode: 'awsvpc',
  cpu: '0.5 vCPU',
  memory: '1GB',
  containerDefinitions: [{ name: 'web', image, essential: true, portMappings: [{ containerPort: 80, protocol: 'tcp' }] }],
});

/** The CreateService body of service `web` in `prod`. */
export const webService = (world: World, over: Record<string, unknown> = {}): Record<string, unknown> => ({
  cluster: 'prod',
  serviceName: 'web',
  taskDefinition: 'web',
  desiredCount: 3,
  launchType: 'FARGATE',
  networkConfiguration: { awsvpcConfiguration: { subnets: subnetsOf(world), assignPublicIp: 'DISABLED' } },
  deploymentConfiguration: { maximumPercent: 200, minimumHealthyPercent: 100 },
  ...over,
});

const res = (kind: string, bodies: readonly Record<string, unknown>[]): DesiredResource[] => bodies.map((body, i) => ({ source: `${kind}[${i}]`, body }));

/** A desired state of the given bodies. */
export function desiredOf(parts: {
  clusters?: Record<string, unknown>[];
  taskDefinitions?: Record<string, unknown>[];
  services?: Record<string, unknown>[];
  scalableTargets?: Record<string, unknown>[];
  scalingPolicies?: Record<string, unknown>[];
}): DesiredState {
  return {
    clusters: res('clusters', parts.clusters ?? []),
    taskDefinitions: res('taskDefinitions', parts.taskDefinitions ?? []),
    services: res('services', parts.services ?? []),
    scalableTargets: res('scalableTargets', parts.scalableTargets ?? []),
    scalingPolicies: res('scalingPolicies', parts.scalingPolicies ?? []),
    warnings: [],
  };
}

/** The docs' example: cluster prod, task definition web, service web. */
export const webDesired = (world: World, image?: string, service: Record<string, unknown> = {}): DesiredState =>
  desiredOf({ clusters: [prodCluster()], taskDefinitions: [webTaskDefinition(image)], services: [webService(world, service)] });

/** Applies the plan's ECS calls with `execute`, in order; throws on the first refusal (a test failure). */
export function applyPlanned(world: World, operations: readonly PlannedOperation[]): World {
  let w = world;
  for (const [i, op] of operations.entries()) {
    if (op.service !== 'ecs') continue;
    const r = execute(w, op.operation, op.input);
    if (E.isLeft(r)) throw new Error(`operations[${i}] ${op.operation} was refused: ${r.left.name}: ${r.left.message}`);
    w = r.right.world;
  }
  return w;
}
