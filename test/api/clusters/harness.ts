// Test harness for the cluster and tagging operations: run a request and insist on success or failure, so each
// test reads as the ECS call it makes.
import * as E from 'fp-ts/lib/Either.js';
import { expect } from 'vitest';
import type { Cluster } from '../../../src/domain/cluster.js';
import type { EcsError } from '../../../src/domain/errors.js';
import type { World } from '../../../src/domain/world.js';
import { createWorld } from '../../../src/engine/createWorld.js';
import { execute, type ExecuteResult } from '../../../src/engine/execute.js';

/** The ARN prefix of the default test world. */
export const ARN = 'arn:aws:ecs:us-east-1:123456789012';
/** The ARN of cluster `name` in the default test world. */
export const arnOf = (name: string): string => `${ARN}:cluster/${name}`;

/** Runs `op` and returns its result; a failure throws with the ECS error, so the test says what went wrong. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function ok(world: World, op: string, input: unknown): ExecuteResult<any> {
  const r = execute(world, op, input);
  if (E.isLeft(r)) throw new Error(`${op} failed with ${r.left.name}: ${r.left.message}`);
  return r.right;
}

/** Runs `op`, which must fail, and returns the ECS error. */
export function fails(world: World, op: string, input: unknown): EcsError {
  const r = execute(world, op, input);
  if (E.isRight(r)) throw new Error(`${op} succeeded but was expected to fail: ${JSON.stringify(r.right.output)}`);
  return r.left;
}

/** A world holding the given clusters (created with just a name). */
export function worldWith(...names: string[]): World {
  let w = createWorld();
  for (const clusterName of names) w = ok(w, 'CreateCluster', { clusterName }).world;
  return w;
}

/**
 * Replaces a stored cluster's fields directly — the way the task and service lifecycles update the counters,
 * which this module only reads.
 */
export function patchCluster(world: World, name: string, patch: Partial<Cluster>): World {
  const c = world.clusters.get(name);
  if (!c) throw new Error(`no cluster ${name}`);
  return { ...world, clusters: world.clusters.set(name, { ...c, ...patch }) };
}

/**
 * Runs `op`, which must fail, and checks that `world` is untouched: every table is the very same object (`toBe`)
 * and the serialised world is byte-identical. Returns the error.
 */
export function failsUnchanged(world: World, op: string, input: unknown): EcsError {
  const before = JSON.stringify(world);
  const tables = [world.clusters, world.taskDefinitions, world.families, world.tasks, world.timers];
  const error = fails(world, op, input);
  const after = [world.clusters, world.taskDefinitions, world.families, world.tasks, world.timers];
  after.forEach((table, i) => expect(table, `${op} must not replace a table of the world it was given`).toBe(tables[i]));
  expect(JSON.stringify(world), `${op} failed, so the world it was given must be byte-identical`).toBe(before);
  return error;
}
