/**
 * Container dependencies (reference §2.5): targets must exist, a container cannot wait for itself or in a cycle,
 * and `COMPLETE`/`SUCCESS` may not target an essential container (an essential container that exits stops the
 * task, so the condition could never be used). `HEALTHY` on a target without a health check is accepted, as ECS
 * accepts it at registration.
 *
 * @module
 */
import type { ContainerDefinitionInput } from '../../codecs/taskDefinition.js';
import { clientException, type EcsError } from '../../domain/errors.js';
import { containerPath } from './registrationContext.js';

/** Checks the `dependsOn` lists of all containers. */
export function validateDependsOn(containers: readonly ContainerDefinitionInput[]): EcsError | undefined {
  const byName = new Map(containers.map((c) => [c.name!, c]));
  for (let i = 0; i < containers.length; i++) {
    const c = containers[i]!;
    const deps = c.dependsOn ?? [];
    for (let j = 0; j < deps.length; j++) {
      const d = deps[j]!;
      const target = byName.get(d.containerName);
      // ECS's own wording, stray "+" included (eagletmt/hako#99, dagster-io/dagster#6926).
      if (!target) return clientException(`Cannot depend on container + '${d.containerName}' because it does not exist`);
      if (d.containerName === c.name) {
        return clientException(`${containerPath(i)}.dependsOn[${j}]: container '${c.name}' cannot depend on itself.`);
      }
      if ((d.condition === 'COMPLETE' || d.condition === 'SUCCESS') && target.essential !== false) {
        // Observed wording (boto/boto3#2436).
        return clientException('A dependency container with SUCCESS or COMPLETE condition cannot be an essential container');
      }
    }
  }
  const cycle = findCycle(containers);
  return cycle ? clientException(`Container dependencies form a cycle: ${cycle.join(' -> ')}.`) : undefined;
}

// Depth-first search over ≤10 containers; returns the names along the first cycle found (first name repeated).
function findCycle(containers: readonly ContainerDefinitionInput[]): string[] | undefined {
  const edges = new Map(containers.map((c) => [c.name!, (c.dependsOn ?? []).map((d) => d.containerName)]));
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string): string[] | undefined => {
    if (state.get(n) === 'done') return undefined;
    if (state.get(n) === 'open') return [...stack.slice(stack.indexOf(n)), n];
    state.set(n, 'open');
    stack.push(n);
    for (const m of edges.get(n) ?? []) {
      const found = visit(m);
      if (found) return found;
    }
    stack.pop();
    state.set(n, 'done');
    return undefined;
  };
  for (const c of containers) {
    const found = visit(c.name!);
    if (found) return found;
  }
  return undefined;
}
