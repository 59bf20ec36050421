/**
 * Wire shapes: the JSON that ECS sends and receives, derived from the `@aws-sdk/client-ecs` types (the reference
 * for every request and response shape) with one change — timestamps are epoch seconds (`number`) as on the
 * wire, where the SDK's deserialised types hold `Date`s.
 *
 * @module
 */

/** Maps an SDK type to its JSON wire form: `Date` becomes epoch seconds. */
export type Wire<T> = T extends Date
  ? number
  : T extends ReadonlyArray<infer U>
    ? Wire<U>[]
    : T extends string | number | boolean | undefined | null
      ? T
      : T extends object
        ? { [K in keyof T]: Wire<T[K]> }
        : T;

/** An ECS tag as on the wire. */
export interface Tag {
  readonly key: string;
  readonly value: string;
}
