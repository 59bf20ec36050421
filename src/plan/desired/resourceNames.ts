/**
 * The names a template's ECS resources will have: a cluster's `ClusterName`, a task definition's `Family`, a
 * service's `ServiceName` and cluster — or, when the template leaves them out, the name CloudFormation would
 * generate (`<stack>-<LogicalId>-<suffix>`; ours is a deterministic hash where CloudFormation's is random, so it
 * comes with a warning: the real stack's names are whatever CloudFormation generated at creation).
 *
 * @module
 */
import { fnv1a64 } from '../../sim/fingerprint.js';
import { describeValue } from '../../codecs/reporter.js';
import { resolveValue } from './intrinsics.js';
import { error, warn, type ResourceNames, type TemplateContext } from './templateContext.js';

/** CloudFormation's style of generated name, with a deterministic 12-character suffix. */
export function generatedName(stackName: string, logicalId: string): string {
  const suffix = fnv1a64(`${stackName}/${logicalId}`).slice(0, 12).toUpperCase();
  return `${stackName}-${logicalId}-${suffix}`;
}

/** The last part of an ECS ARN (`arn:…:cluster/prod` → `prod`), or the name itself. */
export function nameOfArn(value: string): string {
  return value.startsWith('arn:') ? value.slice(value.lastIndexOf('/') + 1) : value;
}

/** Names computed once each, with cycles reported as errors. */
export function resourceNames(ctx: TemplateContext): ResourceNames {
  const cache = new Map<string, unknown>();
  const once = <T>(key: string, logicalId: string, fallback: T, compute: () => T): T => {
    if (cache.has(key)) return cache.get(key) as T;
    if (ctx.inProgress.has(key)) {
      error(ctx, ['Resources', logicalId], `the name of ${logicalId} depends on itself`);
      return fallback;
    }
    ctx.inProgress.add(key);
    const value = compute();
    ctx.inProgress.delete(key);
    cache.set(key, value);
    return value;
  };

  /** A name property resolved to a string, or the generated name with a warning. */
  const named = (logicalId: string, property: string, what: string): string => {
    const resource = ctx.resources.get(logicalId)!;
    const path = [...resource.path, 'Properties', property];
    const raw = resource.properties[property];
    if (raw !== undefined) {
      const value = resolveValue(ctx, raw, path);
      if (typeof value === 'string' && value !== '') return value;
      if (value !== undefined) error(ctx, path, `expected the ${what} as a string, got ${describeValue(value)}`);
      return logicalId;
    }
    const generated = generatedName(ctx.stackName, logicalId);
    warn(ctx, [...resource.path], `${logicalId} has no ${property}: CloudFormation generates one when it creates the stack; planned as '${generated}' (an existing stack's real name will differ — set ${property} to plan against it)`);
    return generated;
  };

  const names: ResourceNames = {
    clusterName: (id) => once(`cluster:${id}`, id, id, () => named(id, 'ClusterName', 'cluster name')),
    family: (id) => once(`family:${id}`, id, id, () => named(id, 'Family', 'family')),
    service: (id) =>
      once(`service:${id}`, id, { name: id, cluster: 'default' }, () => {
        const resource = ctx.resources.get(id)!;
        const raw = resource.properties.Cluster;
        const clusterValue = raw === undefined ? 'default' : resolveValue(ctx, raw, [...resource.path, 'Properties', 'Cluster']);
        const cluster = typeof clusterValue === 'string' ? nameOfArn(clusterValue) : 'default';
        return { name: named(id, 'ServiceName', 'service name'), cluster };
      }),
    scalableTargetId: (id) =>
      once(`target:${id}`, id, id, () => {
        const resource = ctx.resources.get(id)!;
        const part = (p: string): string => {
          const v = resolveValue(ctx, resource.properties[p], [...resource.path, 'Properties', p]);
          return typeof v === 'string' ? v : '';
        };
        return `${part('ResourceId')}|${part('ScalableDimension')}|${part('ServiceNamespace')}`;
      }),
  };
  return names;
}
