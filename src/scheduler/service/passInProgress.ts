/**
 * The service whose scheduler pass is running in the current transaction: the pass stops tasks itself and books
 * its own next pass, so the task hook must not book another for those stops.
 *
 * @module
 */
import { TxnLocal } from '../../domain/txn.js';

/** The key of the service whose pass is running, per transaction. */
export const passInProgress = new TxnLocal<{ key: string | undefined }>(() => ({ key: undefined }));
