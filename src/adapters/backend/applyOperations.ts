/**
 * `applyOperations`: a list of ECS calls against an {@link EcsBackend} — a dry run by default (what would be
 * called, with the idempotency tokens that would be sent), otherwise called in order, stopping at the first error.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { isBackendOperationName, type BackendError, type EcsBackend } from './ecsBackend.js';

/** One ECS call: the operation name (`CreateService`) and its input. */
export interface Operation {
  readonly operation: string;
  readonly input: Readonly<Record<string, unknown>>;
}

/** Options of {@link applyOperations}. */
export interface ApplyOptions {
  /** When true (the default) nothing is called: the answer lists the calls that would be made. */
  readonly dryRun?: boolean;
}

/** One call made (or, in a dry run, to be made). */
export interface AppliedCall {
  readonly index: number;
  readonly operation: string;
  /** The input sent, `clientToken` included where ECS takes one. */
  readonly input: Readonly<Record<string, unknown>>;
  /** The backend's output; absent in a dry run. */
  readonly output?: unknown;
}

/** What {@link applyOperations} did. */
export interface ApplyReport {
  readonly dryRun: boolean;
  /** Calls made in order (dry run: every call that would be made). */
  readonly calls: readonly AppliedCall[];
  /** The call that failed; the calls after it were not made. */
  readonly failed?: { readonly index: number; readonly operation: string; readonly error: BackendError };
}

/** The operations whose input takes an idempotency `clientToken` (reference §4.2; RunTask and CreateService). */
export const IDEMPOTENT_OPERATIONS: readonly string[] = ['CreateService', 'RunTask'];

/** A JSON text of `value` with object keys sorted, so equal inputs give equal tokens whatever their key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The `clientToken` of the operation at `index`: 32 hex characters of SHA-256 over the position, the operation and
 * its input. Deterministic, so re-applying the same list after a failure or a lost answer does not start twice
 * what ECS already started; within CreateService's limit of 36 characters.
 */
export function clientTokenFor(index: number, op: Operation): string {
  return createHash('sha256').update(`${index}\n${op.operation}\n${canonicalJson(op.input)}`).digest('hex').slice(0, 32);
}

/** `op`'s input with its `clientToken` added when the operation takes one and the caller gave none. */
function withToken(index: number, op: Operation): Readonly<Record<string, unknown>> {
  if (!IDEMPOTENT_OPERATIONS.includes(op.operation) || op.input.clientToken !== undefined) return op.input;
  return { ...op.input, clientToken: clientTokenFor(index, op) };
}

/**
 * Applies `operations` to `backend` in order, or (by default) reports what would be called. An operation the port
 * does not have is an `UnknownOperationException` at its index — in a dry run too, so a plan is checked before it
 * runs.
 *
 * @example
 * ```ts
 * const plan = await applyOperations(backend, [{ operation: 'CreateCluster', input: { clusterName: 'demo' } }]);
 * const done = await applyOperations(backend, ops, { dryRun: false });
 * if (done.failed) console.error(done.failed.error.message);
 * ```
 */
export async function applyOperations(backend: EcsBackend, operations: readonly Operation[], options: ApplyOptions = {}): Promise<ApplyReport> {
  const dryRun = options.dryRun ?? true;
  const calls: AppliedCall[] = [];
  for (const [index, op] of operations.entries()) {
    if (!isBackendOperationName(op.operation)) {
      const error = { name: 'UnknownOperationException', message: `operations[${index}].operation: ${op.operation} is not an operation of the EcsBackend port.` };
      return { dryRun, calls, failed: { index, operation: op.operation, error } };
    }
    const input = withToken(index, op);
    if (dryRun) {
      calls.push({ index, operation: op.operation, input });
      continue;
    }
    const call = backend[op.operation] as (input: unknown) => Promise<E.Either<BackendError, unknown>>;
    const answer = await call(input);
    if (E.isLeft(answer)) return { dryRun, calls, failed: { index, operation: op.operation, error: answer.left } };
    calls.push({ index, operation: op.operation, input, output: answer.right });
  }
  return { dryRun, calls };
}
