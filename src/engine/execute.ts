/**
 * `execute`: the ECS API as a pure function of the World.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { operations } from '../api/operations.js';
import { REQUEST_LIMITS, readPlainInput } from '../codecs/plainInput.js';
import { decodeFailure, describeValue } from '../codecs/reporter.js';
import { ecsError, type EcsError } from '../domain/errors.js';
import type { EcsEvent } from '../domain/events.js';
import { WorldTxn } from '../domain/txn.js';
import type { World } from '../domain/world.js';

/** What a successful operation returns: the next World, the ECS response, and the events it emitted. */
export interface ExecuteResult<O = unknown> {
  readonly world: World;
  /** The response body, exactly in the ECS wire shape (timestamps as epoch seconds). */
  readonly output: O;
  /** EventBridge-shaped events emitted by the call (e.g. task state changes from RunTask). */
  readonly events: readonly EcsEvent[];
}

/** Options of {@link execute}. */
export interface ExecuteOptions {
  /**
   * The caller already charged this request's API rate token with `chargeRequest`, so the operation does not
   * charge it again. Default false: an accepted call is charged by the operation itself, a rejected one not at all.
   */
  readonly requestCharged?: boolean;
}

/**
 * Runs one ECS operation against `world`. Pure: the same world and input always give the same result, and a
 * failure leaves `world` untouched (the returned Left carries the ECS exception name and message). Never throws:
 * an input that is not JSON-like data (a BigInt, a cycle, a getter or Proxy that throws) or that is nested deeper
 * than 64 levels or larger than 1 MiB of JSON is a `SerializationException` naming where.
 *
 * Rate-limited operations (RunTask) take their API rate token as part of an accepted call. A caller that models
 * a stream of requests, where rejected calls are charged too, charges first with `chargeRequest` and passes
 * `{ requestCharged: true }` (docs/decisions/0003-request-charging.md).
 *
 * @param world the current state
 * @param operation the ECS operation name (`CreateCluster`, `RunTask`, …)
 * @param input the request body, untrusted: it is decoded and validated here
 * @param options see {@link ExecuteOptions}
 *
 * @example
 * ```ts
 * const r = execute(createWorld(), 'CreateCluster', { clusterName: 'demo' });
 * if (E.isRight(r)) console.log(r.right.output.cluster.clusterArn);
 * ```
 */
export function execute(
  world: World,
  operation: string,
  input: unknown,
  options: ExecuteOptions = {},
): E.Either<EcsError, ExecuteResult> {
  const op = typeof operation === 'string' ? operations.get(operation) : undefined;
  if (!op) {
    const name = typeof operation === 'string' ? (operation.length > 60 ? `${operation.slice(0, 57)}...` : operation) : describeValue(operation);
    return E.left(ecsError('UnknownOperationException', `Operation ${name} is not supported by ecs-twin.`));
  }
  // Copied within bounds first: no codec or fingerprint below ever walks a cyclic, hostile or unbounded value.
  const plain = readPlainInput(input === undefined || input === null ? {} : input, REQUEST_LIMITS, 'input');
  if (E.isLeft(plain)) return E.left(ecsError('SerializationException', plain.left.message));
  const decoded = op.input.decode(plain.right);
  if (E.isLeft(decoded)) return E.left(decodeFailure(decoded.left));
  const tx = new WorldTxn(world, { requestCharged: options.requestCharged === true });
  let result: E.Either<EcsError, unknown>;
  try {
    result = op.run(tx, decoded.right);
  } catch (e) {
    // A defect in the twin, never the caller's fault: answer as AWS does for its own faults, world unchanged.
    return E.left(ecsError('ServerException', `Internal error in ${operation}: ${e instanceof Error ? e.message : String(e)}`));
  }
  if (E.isLeft(result)) return result;
  return E.right({ world: tx.commit(), output: result.right, events: tx.events });
}
