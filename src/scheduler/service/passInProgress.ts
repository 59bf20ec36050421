/**
 * The service whose scheduler pass is running in the current transaction: the pass stops tasks itself and books
 * its own next pass, so the task hook must not book another for those stops.
 *
 * @module
 */
import { TxnLocal } from '../../domain/txn.js';

/**
 * The key of the service whose pass is running, per transaction, and the messages the task hook has for it
 * meanwhile (the pass holds the service and writes it back at the end, so it adds them itself).
 */
export const passInProgress = new TxnLocal<{ key: string | undefined; targets: TargetChange[] }>(() => ({
  key: undefined,
  targets: [],
}));

/** A target registration change of one task: the pass says them together (`deregistered 2 targets …`). */
export type TargetChange =
  | { readonly _tag: 'Registered' | 'Deregistered'; readonly targetGroupArn: string }
  | { readonly _tag: 'Draining'; readonly deploymentId: string };
