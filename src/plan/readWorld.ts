/**
 * Reading the World the way a user's tool reads AWS: through the ECS describe operations (`execute`), so the plan
 * compares wire shapes — what DescribeServices says — and never the twin's internal records.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import type { EcsError } from '../domain/errors.js';
import type { World } from '../domain/world.js';
import { execute } from '../engine/execute.js';

/** A wire object (a described resource). */
export type WireObject = Readonly<Record<string, unknown>>;

/** What a planned call does to a World: the next World and the response, or ECS's error. */
export type CallResult = E.Either<EcsError, { readonly world: World; readonly output: WireObject }>;

/** Runs one ECS operation; the response is read as a plain object. */
export function call(world: World, operation: string, input: unknown): CallResult {
  const r = execute(world, operation, input);
  if (E.isLeft(r)) return r;
  return E.right({ world: r.right.world, output: asObject(r.right.output) ?? {} });
}

/** `v` as an object, or undefined when it is not one. */
export function asObject(v: unknown): WireObject | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as WireObject) : undefined;
}

/** `v` when it is a string, else undefined. */
export const asString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The name in a cluster reference (a name or an ARN `…:cluster/NAME`); ECS's `default` when absent. */
export function clusterNameOf(ref: unknown): string {
  const s = asString(ref);
  if (s === undefined || s === '') return 'default';
  const at = s.indexOf(':cluster/');
  return s.startsWith('arn:') && at >= 0 ? s.slice(at + ':cluster/'.length) : s;
}

/** `family:revision` of a task definition ARN (or of a `family:revision` reference, unchanged). */
export function shortTaskDefinition(ref: string): string {
  const at = ref.lastIndexOf('task-definition/');
  return at >= 0 ? ref.slice(at + 'task-definition/'.length) : ref;
}

/** The cluster as DescribeClusters describes it with its settings, configuration and tags; undefined if unknown. */
export function describeCluster(world: World, name: string): WireObject | undefined {
  const r = call(world, 'DescribeClusters', { clusters: [name], include: ['SETTINGS', 'CONFIGURATIONS', 'TAGS'] });
  if (E.isLeft(r)) return undefined;
  const list = r.right.output.clusters;
  return Array.isArray(list) ? asObject(list[0]) : undefined;
}

/**
 * The latest ACTIVE revision of `family` as DescribeTaskDefinition answers for a bare family, with its tags
 * (`{ taskDefinition, tags }`); undefined when the family has no ACTIVE revision.
 */
export function describeLatestRevision(world: World, family: string): WireObject | undefined {
  const r = call(world, 'DescribeTaskDefinition', { taskDefinition: family, include: ['TAGS'] });
  return E.isLeft(r) ? undefined : r.right.output;
}

/** The service as DescribeServices describes it with its tags (any status); undefined if unknown. */
export function describeService(world: World, cluster: string, service: string): WireObject | undefined {
  const r = call(world, 'DescribeServices', { cluster, services: [service], include: ['TAGS'] });
  if (E.isLeft(r)) return undefined;
  const list = r.right.output.services;
  return Array.isArray(list) ? asObject(list[0]) : undefined;
}

/** A name, built from `base`, that `taken` does not hold: the scratch resources that normalize a desired body. */
export function freeName(base: string, taken: (name: string) => boolean): string {
  let name = base;
  for (let i = 2; taken(name) && i < 10_000; i++) name = `${base}-${i}`;
  return name;
}
