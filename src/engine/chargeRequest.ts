/**
 * `chargeRequest`: the API rate token of one request, charged before the request is executed.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { RATE_EXCEEDED } from '../api/tasks/runTaskRequest.js';
import { ecsError, type EcsError } from '../domain/errors.js';
import { WorldTxn } from '../domain/txn.js';
import type { World } from '../domain/world.js';
import { requestBucketOf } from '../scheduler/requestRate.js';
import { takeTokensMutably } from '../scheduler/fargateAccount.js';

/**
 * Charges one request of `operation` against its API rate bucket (reference §9.3; today only RunTask has one), as
 * ECS does for every request it receives, accepted or not. Pure.
 *
 * - Right: the World with the token taken — or `world` itself (`===`) when the operation has no bucket. Run the
 *   request with `execute(next, operation, input, { requestCharged: true })`; if the call is rejected, keep `next`:
 *   the rejected call was charged. If it is accepted, its World already includes the charge, taken once.
 * - Left: `ThrottlingException` "Rate exceeded." — the bucket is empty; answer it without executing, and keep
 *   `world` (nothing was taken).
 *
 * `execute` on its own charges accepted calls only (a rejected call leaves the World unchanged); callers that
 * model a stream of requests — the HTTP endpoint, the simulator — use this function so that rejected calls count
 * too (docs/decisions/0003-request-charging.md).
 *
 * @param world the current state
 * @param operation the ECS operation name of the request
 *
 * @example
 * ```ts
 * const charged = chargeRequest(world, 'RunTask');
 * if (E.isLeft(charged)) return answer(charged.left); // ThrottlingException, world unchanged
 * const r = execute(charged.right, 'RunTask', input, { requestCharged: true });
 * world = E.isRight(r) ? r.right.world : charged.right; // a rejected call stays charged
 * ```
 */
export function chargeRequest(world: World, operation: string): E.Either<EcsError, World> {
  const bucket = requestBucketOf(operation);
  if (bucket === undefined) return E.right(world);
  const tx = new WorldTxn(world);
  if (!takeTokensMutably(tx, bucket, 1)) return E.left(ecsError('ThrottlingException', RATE_EXCEEDED));
  return E.right(tx.commit());
}
