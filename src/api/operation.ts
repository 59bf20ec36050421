/**
 * The shape of one ECS operation in the twin: a named io-ts decoder for its request and a pure handler that works
 * in a {@link WorldTxn}. The handler returns the response (wire shape) or an {@link EcsError}; on error the
 * transaction is discarded, so a rejected request never changes the World.
 *
 * @module
 */
import type { Either } from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import type { EcsError } from '../domain/errors.js';
import type { WorldTxn } from '../domain/txn.js';

/** One ECS API operation. `I` is the decoded request, `O` the wire response. */
export interface Operation<I, O> {
  /** The ECS operation name, e.g. `RunTask` (the suffix of `X-Amz-Target`). */
  readonly name: string;
  /** Decodes the untrusted request body. */
  readonly input: t.Decoder<unknown, I>;
  /** Applies the operation. */
  readonly run: (tx: WorldTxn, input: I) => Either<EcsError, O>;
}

/** Declares an operation with its types inferred from the codec and handler. */
export const defineOperation = <I, O>(op: Operation<I, O>): Operation<I, O> => op;

/** An operation whose types have been forgotten, for the registry. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyOperation = Operation<any, unknown>;
