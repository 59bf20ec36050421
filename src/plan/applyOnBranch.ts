/**
 * Applying a plan's ECS operations to a branch of the World (issue 12): each in order with `execute`, at the
 * World's current instant. The World is immutable, so the caller's stays as it was. A rejected operation becomes a
 * failed check carrying ECS's exception name and message, and the operations after it are still applied (as `apply`
 * would send them: the plan shows every problem at once).
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import type { EcsEvent } from '../domain/events.js';
import { serviceKey } from '../domain/service.js';
import type { World } from '../domain/world.js';
import { execute } from '../engine/execute.js';
import type { PlanCheck, PlannedOperation } from './types.js';
import { isRecord } from '../codecs/isRecord.js';

/** What applying the operations gives. */
export interface AppliedOperations {
  readonly world: World;
  /** Events the accepted operations emitted, in order. */
  readonly events: readonly EcsEvent[];
  /** World keys of the services named by accepted CreateService/UpdateService operations, first mention first. */
  readonly touchedServices: readonly string[];
  /** One failed check per rejected operation. */
  readonly checks: readonly PlanCheck[];
}

/** Operations that take a `clientToken` (ECS API reference: CreateService, RunTask, StartTask). */
const TAKES_CLIENT_TOKEN = new Set(['CreateService', 'RunTask', 'StartTask']);


/** The last `/`-separated part of an ARN, or the name itself (`arn:…:cluster/prod` → `prod`). */
function nameOf(ref: string): string {
  return ref.startsWith('arn:') ? ref.slice(ref.lastIndexOf('/') + 1) : ref;
}

/** The World key of the service an operation names, or undefined when it names none (not a service operation). */
export function serviceKeyOfOperation(op: PlannedOperation): string | undefined {
  if (op.service !== 'ecs' || (op.operation !== 'CreateService' && op.operation !== 'UpdateService')) return undefined;
  const input = isRecord(op.input) ? op.input : {};
  const cluster = typeof input['cluster'] === 'string' && input['cluster'] !== '' ? nameOf(input['cluster']) : 'default';
  const ref = op.operation === 'CreateService' ? input['serviceName'] : input['service'];
  return typeof ref === 'string' && ref !== '' ? serviceKey(cluster, nameOf(ref)) : undefined;
}

/** `prod/web` for the service key of cluster `prod`, service `web` (the plan's resource id of a service). */
export const serviceIdOfKey = (key: string): string => key.replace('\u0000', '/');

/** What a failed check says the operation was about: `RegisterTaskDefinition web`, `UpdateService prod/web`. */
function subjectOf(op: PlannedOperation, index: number): string {
  const input = isRecord(op.input) ? op.input : {};
  const key = serviceKeyOfOperation(op);
  const what =
    key !== undefined
      ? serviceIdOfKey(key)
      : typeof input['family'] === 'string'
        ? input['family']
        : typeof input['clusterName'] === 'string'
          ? input['clusterName']
          : `operation ${index + 1}`;
  return `${op.operation} ${what}`;
}

/** The request body sent for `op`: its input, with the plan's `clientToken` where the operation takes one. */
export function requestOf(op: PlannedOperation): unknown {
  if (op.clientToken === undefined || !TAKES_CLIENT_TOKEN.has(op.operation) || !isRecord(op.input) || 'clientToken' in op.input) return op.input;
  return { ...op.input, clientToken: op.clientToken };
}

/**
 * Applies the ECS operations of a plan, in order, to `world` (Application Auto Scaling operations are not ECS calls
 * and are skipped: the twin has no scaling service to send them to).
 *
 * @example
 * ```ts
 * const r = applyOnBranch(world, [{ service: 'ecs', operation: 'UpdateService', change: 0,
 *   input: { cluster: 'prod', service: 'web', taskDefinition: 'web:3' } }]);
 * r.touchedServices; // ['prod\u0000web']
 * ```
 */
export function applyOnBranch(world: World, operations: readonly PlannedOperation[]): AppliedOperations {
  let w = world;
  const events: EcsEvent[] = [];
  const touched: string[] = [];
  const seen = new Set<string>();
  const checks: PlanCheck[] = [];
  operations.forEach((op, i) => {
    if (op.service !== 'ecs') return;
    const r = execute(w, op.operation, requestOf(op));
    if (E.isLeft(r)) {
      checks.push({
        name: op.operation === 'RegisterTaskDefinition' ? 'task-definition' : 'operation',
        status: 'fail',
        subject: subjectOf(op, i),
        message: `ECS rejects operation ${i + 1} (${op.operation}): ${r.left.name}: ${r.left.message}`,
      });
      return;
    }
    w = r.right.world;
    for (const e of r.right.events) events.push(e);
    const key = serviceKeyOfOperation(op);
    if (key !== undefined && !seen.has(key) && w.services.get(key) !== undefined) {
      seen.add(key);
      touched.push(key);
    }
  });
  return { world: w, events, touchedServices: touched, checks };
}
