/**
 * The idempotency token of a planned call. The same function as `clientTokenFor` of
 * `src/adapters/backend/applyOperations.ts` (a test pins that they agree): the planning layer sits below the
 * adapters and may not import them, yet a plan applied through `applyOperations` must carry the very token that
 * module would send, so that re-applying a plan after a lost answer does not create twice.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../sim/fingerprint.js';

/** Operations whose input takes a `clientToken` (ECS: CreateService and RunTask). */
export const TOKEN_OPERATIONS: readonly string[] = ['CreateService', 'RunTask'];

/**
 * 32 hex characters of SHA-256 over the call's position in the plan, its operation and its input (canonical JSON,
 * `undefined` members dropped): deterministic, and within CreateService's limit of 36 characters.
 *
 * @example
 * ```ts
 * planClientToken(2, { operation: 'CreateService', input: { serviceName: 'web' } }); // 32 hex digits
 * ```
 */
export function planClientToken(index: number, op: { readonly operation: string; readonly input: unknown }): string {
  return createHash('sha256').update(`${index}\n${op.operation}\n${canonicalJson(op.input) ?? 'null'}`).digest('hex').slice(0, 32);
}
