/**
 * The registry of implemented ECS operations, by name. Each operation lives in its own module.
 *
 * @module
 */
import { createCluster } from './createCluster.js';
import type { AnyOperation } from './operation.js';

const all: readonly AnyOperation[] = [
  createCluster,
];

/** Implemented operations by ECS operation name. */
export const operations: ReadonlyMap<string, AnyOperation> = new Map(all.map((op) => [op.name, op]));
