/**
 * EventBridge-shaped ECS events (reference §12.2–12.3): outputs for users and metrics, not the source of truth.
 *
 * @module
 */

/** The ECS event detail types this twin emits. */
export type EcsEventDetailType =
  | 'ECS Task State Change'
  | 'ECS Service Action'
  | 'ECS Deployment State Change'
  | 'ECS Container Instance State Change';

/** The EventBridge envelope of an ECS event. */
export interface EcsEvent<D = Readonly<Record<string, unknown>>> {
  readonly version: '0';
  /** A version-4 UUID, deterministic: derived from the World's seed and the event's sequence number. */
  readonly id: string;
  readonly 'detail-type': EcsEventDetailType;
  readonly source: 'aws.ecs';
  readonly account: string;
  /** ISO-8601, second precision, `Z`. */
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: D;
}
