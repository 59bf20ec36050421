/**
 * API request rates: which operations draw a token from an account-level API rate bucket per request (reference
 * §9.3), and charging that token inside a transaction.
 *
 * Only RunTask on Fargate has a documented request bucket (burst 20, 20 per second). The "cluster read actions"
 * bucket of 50 is mentioned without a refill rate or a list of actions (UNVERIFIED), so no other operation is
 * charged yet; adding one is a line in {@link REQUEST_BUCKETS} plus its `RateLimit` in the World's quotas.
 *
 * Who charges (docs/decisions/0003-request-charging.md): `execute` charges an accepted call itself (a rejected call
 * leaves the World unchanged); a caller that models a stream of requests charges every call first with
 * `chargeRequest` and runs `execute` with `requestCharged`, so that {@link chargeRequestMutably} does not charge it
 * again.
 *
 * @module
 */
import type { WorldTxn } from '../domain/txn.js';
import { takeTokensMutably, type RateBucketName } from './fargateAccount.js';

/**
 * The API rate bucket of each charged operation (one token per request).
 *
 * @category constants
 */
export const REQUEST_BUCKETS: ReadonlyMap<string, RateBucketName> = new Map([['RunTask', 'RunTask']]);

/**
 * The bucket a request of `operation` draws from, or `undefined` when the operation is not rate-limited.
 *
 * @category queries
 * @example
 * ```ts
 * requestBucketOf('RunTask'); // 'RunTask'
 * requestBucketOf('DescribeTasks'); // undefined
 * ```
 */
export const requestBucketOf = (operation: string): RateBucketName | undefined => REQUEST_BUCKETS.get(operation);

/**
 * Charges the request token of `operation` in `tx`, unless the caller already did (`tx.requestCharged`) or the
 * operation has no bucket. Returns false when the bucket is empty: the operation answers `ThrottlingException`.
 *
 * @category combinators
 */
export function chargeRequestMutably(tx: WorldTxn, operation: string): boolean {
  if (tx.requestCharged) return true;
  const bucket = requestBucketOf(operation);
  return bucket === undefined || takeTokensMutably(tx, bucket, 1);
}
