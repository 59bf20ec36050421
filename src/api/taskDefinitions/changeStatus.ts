/**
 * Status transitions of a stored revision (ACTIVE → INACTIVE → DELETE_IN_PROGRESS), keeping `wire` in step.
 *
 * @module
 */
import type { TaskDefinition as SdkTaskDefinition } from '@aws-sdk/client-ecs';
import type { TaskDefinition } from '../../domain/taskDefinition.js';
import { toEpochSeconds } from '../../domain/time.js';
import type { Wire } from '../../domain/wire.js';

// Rebuilds the wire with `status` replaced and `stamp` placed where ECS's describe output has it (the model's
// member order: registeredAt, deregisteredAt, deleteRequestedAt, registeredBy).
function restamp(
  wire: Wire<SdkTaskDefinition>,
  status: TaskDefinition['status'],
  stamp: 'deregisteredAt' | 'deleteRequestedAt',
  atMs: number,
): Wire<SdkTaskDefinition> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(wire)) {
    if (k === stamp) continue;
    if (k === 'registeredBy') out[stamp] = toEpochSeconds(atMs);
    out[k] = k === 'status' ? status : v;
  }
  return out as Wire<SdkTaskDefinition>;
}

/** The revision deregistered at `nowMs` (INACTIVE). */
export const deregistered = (td: TaskDefinition, nowMs: number): TaskDefinition => ({
  ...td,
  status: 'INACTIVE',
  deregisteredAtMs: nowMs,
  wire: restamp(td.wire, 'INACTIVE', 'deregisteredAt', nowMs),
});

/** The revision submitted for deletion at `nowMs` (DELETE_IN_PROGRESS). */
export const deleteRequested = (td: TaskDefinition, nowMs: number): TaskDefinition => ({
  ...td,
  status: 'DELETE_IN_PROGRESS',
  deleteRequestedAtMs: nowMs,
  wire: restamp(td.wire, 'DELETE_IN_PROGRESS', 'deleteRequestedAt', nowMs),
});
