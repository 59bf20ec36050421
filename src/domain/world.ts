/**
 * The World: the whole state of a simulated ECS account in one Region, as immutable data.
 *
 * Large tables are {@link PMap}s (persistent sorted maps), so a new World shares almost all of its structure with
 * the previous one. Scalars (clock, sequence, generator states) are plain fields.
 *
 * @module
 */
import type { Cluster } from './cluster.js';
import { PMap, compareStrings } from './pmap.js';
import type { RngStates } from './rng.js';
import type { Task } from './task.js';
import type { TaskDefinition, TaskDefinitionFamily } from './taskDefinition.js';
import { compareTimerKeys, type Timer, type TimerKey } from './timers.js';

/** Configuration after defaults are applied; fixed for the life of a World. */
export interface ResolvedConfig {
  readonly region: string;
  readonly accountId: string;
  readonly seed: number;
  readonly startTimeMs: number;
}

/** The immutable state of a simulated account. Create one with `createWorld`. */
export interface World {
  readonly config: ResolvedConfig;
  /** Virtual clock, integer epoch milliseconds. */
  readonly nowMs: number;
  /** Next sequence number: orders timers scheduled for the same instant and anything else needing a total order. */
  readonly seq: number;
  /** Seeded generator states, one per subsystem stream. */
  readonly rng: RngStates;
  /** Clusters by name (INACTIVE ones stay, as ECS keeps describing deleted clusters). */
  readonly clusters: PMap<string, Cluster>;
  /** Task-definition revisions by `taskDefinitionKey(family, revision)`. */
  readonly taskDefinitions: PMap<string, TaskDefinition>;
  /** Families by name. */
  readonly families: PMap<string, TaskDefinitionFamily>;
  /** Tasks by `taskKey(clusterName, taskId)`. */
  readonly tasks: PMap<string, Task>;
  /** The timer queue, ordered by `(atMs, seq)`. */
  readonly timers: PMap<TimerKey, Timer>;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- PMap is invariant in K and V; `any` only selects fields. */
/** The names of the World's table fields (those holding a {@link PMap}). */
export type TableName = {
  [K in keyof World]: World[K] extends PMap<any, any> ? K : never;
}[keyof World];

/** Key type of a table. */
export type TableKey<N extends TableName> = World[N] extends PMap<infer K, any> ? K : never;
/** Value type of a table. */
export type TableValue<N extends TableName> = World[N] extends PMap<any, infer V> ? V : never;
/* eslint-enable @typescript-eslint/no-explicit-any */

/** Empty tables for a new World. */
export const emptyTables = (): Pick<World, TableName> => ({
  clusters: PMap.empty(compareStrings),
  taskDefinitions: PMap.empty(compareStrings),
  families: PMap.empty(compareStrings),
  tasks: PMap.empty(compareStrings),
  timers: PMap.empty(compareTimerKeys),
});
