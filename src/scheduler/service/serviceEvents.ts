/**
 * What a service says: its own `events[]` (newest first, at most 100, duplicates suppressed) and the EventBridge
 * events "ECS Service Action" and "ECS Deployment State Change" (reference §12.3, service captures §2.3).
 *
 * @module
 */
import { serviceArn, clusterArn } from '../../domain/arn.js';
import type { EcsEvent } from '../../domain/events.js';
import { MAX_SERVICE_EVENTS, type Service, type ServiceEvent } from '../../domain/service.js';
import { toIso, toIsoSeconds } from '../../domain/time.js';
import type { WorldTxn } from '../../domain/txn.js';
import { eventUuid } from '../taskEvents.js';
import { startedTasksMessage } from './serviceMessages.js';
import { flatString } from '../../domain/flatString.js';

/**
 * How long an identical message is suppressed (reference §4.5: "duplicate event messages are suppressed until the
 * cause changes or 6 hours pass").
 */
export const DUPLICATE_SUPPRESSION_MS = 6 * 3_600_000;

/**
 * `events` with `message` added as the newest. A repeated condition (`suppressRepeat`: a task that cannot be
 * placed, a deployment that cannot progress) is not said again while the newest event already says it within the
 * suppression window; events that report an action (tasks started, targets registered) always are. Ids are UUIDs
 * from the seeded `services` stream.
 */
export function withServiceEvent(
  tx: WorldTxn,
  events: readonly ServiceEvent[],
  message: string,
  suppressRepeat = false,
): readonly ServiceEvent[] {
  if (suppressRepeat && saidRecently(events, message, tx.nowMs)) return events;
  const event: ServiceEvent = { id: tx.rng('services').uuid(), createdAtMs: tx.nowMs, message: flatString(message) };
  const next = [event, ...events];
  if (next.length > MAX_SERVICE_EVENTS) next.length = MAX_SERVICE_EVENTS;
  return next;
}

/**
 * A "(service s) has started N tasks: (task a) (task b) …" event. It holds the task ids — the very strings the
 * tasks hold, so 8 bytes a task instead of the ~40 of their `(task …)` text — and builds the message when it is
 * read: a World of a million service tasks would otherwise keep a second copy of every id in its services' events.
 * The message is a getter on the class, so reading it gives ECS's text every time; `JSON.stringify` (through
 * `toJSON`) writes `{ id, createdAtMs, message }` exactly as a plain event (snapshots are unchanged, and read back
 * as plain events). Object spread and `structuredClone` would see no `message`: the World never copies events so.
 */
export class StartedTasksEvent implements ServiceEvent {
  constructor(
    readonly id: string,
    readonly createdAtMs: number,
    readonly serviceName: string,
    readonly taskIds: readonly string[],
    readonly replacedUnhealthy: number,
  ) {}

  /** ECS's text ({@link startedTasksMessage}). */
  get message(): string {
    return startedTasksMessage(this.serviceName, this.taskIds, this.replacedUnhealthy);
  }

  /** The event as a plain service event, members in the order of one built with its message. */
  toJSON(): ServiceEvent {
    return { id: this.id, createdAtMs: this.createdAtMs, message: this.message };
  }
}

/**
 * `events` with a {@link StartedTasksEvent} added as the newest (an action: never suppressed). `taskIds` is copied
 * to a list of its exact length (the caller's may have grown by pushes, with spare room).
 */
export function withStartedTasksEvent(
  tx: WorldTxn,
  events: readonly ServiceEvent[],
  serviceName: string,
  taskIds: readonly string[],
  replacedUnhealthy: number,
): readonly ServiceEvent[] {
  const event = new StartedTasksEvent(tx.rng('services').uuid(), tx.nowMs, serviceName, taskIds.slice(), replacedUnhealthy);
  const next = [event, ...events];
  if (next.length > MAX_SERVICE_EVENTS) next.length = MAX_SERVICE_EVENTS;
  return next;
}

/**
 * Whether `message` was said within the suppression window and the service has not reached a steady state since
 * (the cause has not changed).
 */
function saidRecently(events: readonly ServiceEvent[], message: string, nowMs: number): boolean {
  for (const e of events) {
    if (nowMs - e.createdAtMs >= DUPLICATE_SUPPRESSION_MS) return false;
    // A "has started" message is neither a repeated condition nor a steady state: not built just to compare.
    if (e instanceof StartedTasksEvent) continue;
    if (e.message === message) return true;
    if (e.message.endsWith(') has reached a steady state.')) return false;
  }
  return false;
}

function envelope(
  tx: WorldTxn,
  service: Service,
  detailType: 'ECS Service Action' | 'ECS Deployment State Change',
  detail: Readonly<Record<string, unknown>>,
): EcsEvent {
  return {
    version: '0',
    id: eventUuid(tx.config.seed, tx.nextSeq()),
    'detail-type': detailType,
    source: 'aws.ecs',
    account: tx.config.accountId,
    time: toIsoSeconds(tx.nowMs),
    region: tx.config.region,
    resources: [serviceArn(tx.config, service.clusterName, service.serviceName)],
    detail,
  };
}

/** Service Action event names the twin emits, with their `eventType`. */
export const SERVICE_ACTION_TYPES = {
  SERVICE_STEADY_STATE: 'INFO',
  SERVICE_TASK_PLACEMENT_FAILURE: 'ERROR',
  SERVICE_TASK_START_IMPAIRED: 'WARN',
  SERVICE_REBALANCING_STARTED: 'INFO',
  SERVICE_REBALANCING_COMPLETED: 'INFO',
} as const;

/** Emits an "ECS Service Action" event (`detail`: eventType, eventName, clusterArn, createdAt, and `extra`). */
export function emitServiceAction(
  tx: WorldTxn,
  service: Service,
  eventName: keyof typeof SERVICE_ACTION_TYPES,
  extra: Readonly<Record<string, unknown>> = {},
): void {
  tx.emit(
    envelope(tx, service, 'ECS Service Action', {
      eventType: SERVICE_ACTION_TYPES[eventName],
      eventName,
      clusterArn: clusterArn(tx.config, service.clusterName),
      createdAt: toIso(tx.nowMs),
      ...extra,
    }),
  );
}

/** Deployment State Change event names, with their `eventType`. */
export const DEPLOYMENT_EVENT_TYPES = {
  SERVICE_DEPLOYMENT_IN_PROGRESS: 'INFO',
  SERVICE_DEPLOYMENT_COMPLETED: 'INFO',
  SERVICE_DEPLOYMENT_FAILED: 'ERROR',
} as const;

/**
 * Emits an "ECS Deployment State Change" event (`detail`: eventType, eventName, clusterArn — present in the 2026
 * captures — deploymentId, updatedAt, reason).
 */
export function emitDeploymentStateChange(
  tx: WorldTxn,
  service: Service,
  eventName: keyof typeof DEPLOYMENT_EVENT_TYPES,
  deploymentId: string,
  reason: string,
): void {
  tx.emit(
    envelope(tx, service, 'ECS Deployment State Change', {
      eventType: DEPLOYMENT_EVENT_TYPES[eventName],
      eventName,
      clusterArn: clusterArn(tx.config, service.clusterName),
      deploymentId,
      updatedAt: toIso(tx.nowMs),
      reason,
    }),
  );
}
