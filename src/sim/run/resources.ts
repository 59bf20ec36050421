/**
 * A scenario's `resources` (ECS request bodies) applied to a new World at time 0, in the order ECS needs them:
 * clusters, task definitions, services.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import type { World } from '../../domain/world.js';
import { execute } from '../../engine/execute.js';
import type { ScenarioResources } from '../scenario/types.js';

/** A service of the scenario, as the run refers to it. */
export interface ServiceRef {
  /** `cluster/service`: the key of the result's series and outcomes. */
  readonly id: string;
  readonly cluster: string;
  readonly name: string;
  /** Application Auto Scaling's ResourceId: `service/<cluster>/<service>`. */
  readonly resourceId: string;
}

/** The World with the resources, the services in declaration order, and what ECS rejected (`resources.services[1]: …`). */
export interface AppliedResources {
  readonly world: World;
  readonly services: readonly ServiceRef[];
  readonly problems: readonly string[];
}

const str = (o: unknown, k: string): string | undefined => {
  const v = typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[k] : undefined;
  return typeof v === 'string' ? v : undefined;
};

/** Applies the resources with `execute`, as a user's deploy would. */
export function applyResources(world: World, resources: ScenarioResources): AppliedResources {
  let w = world;
  const problems: string[] = [];
  const services: ServiceRef[] = [];
  const run = (operation: string, input: unknown, path: string): boolean => {
    const r = execute(w, operation, input);
    if (E.isLeft(r)) {
      problems.push(`${path}: ${operation} failed: ${r.left.name}: ${r.left.message}`);
      return false;
    }
    w = r.right.world;
    return true;
  };
  resources.clusters.forEach((c, i) => run('CreateCluster', c, `resources.clusters[${i}]`));
  resources.taskDefinitions.forEach((td, i) => run('RegisterTaskDefinition', td, `resources.taskDefinitions[${i}]`));
  resources.services.forEach((s, i) => {
    if (!run('CreateService', s, `resources.services[${i}]`)) return;
    // ECS accepts a cluster ARN too: the name is its last part.
    const clusterRef = str(s, 'cluster') ?? 'default';
    const cluster = clusterRef.slice(clusterRef.lastIndexOf('/') + 1);
    const name = str(s, 'serviceName') ?? '';
    services.push({ id: `${cluster}/${name}`, cluster, name, resourceId: `service/${cluster}/${name}` });
  });
  return { world: w, services, problems };
}

/** The service a scenario reference (`web` or `cluster/web`) names, if any. */
export function findService(services: readonly ServiceRef[], ref: string): ServiceRef | undefined {
  return ref.includes('/') ? services.find((s) => s.id === ref) : services.find((s) => s.name === ref);
}
