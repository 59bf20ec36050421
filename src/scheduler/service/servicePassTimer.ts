/**
 * When a service's scheduler runs: each service has at most one pending pass (`Service.passTimer`); asking for a
 * pass at a time keeps the pending one when it is due no later, so a burst of task changes costs one pass.
 *
 * @module
 */
import type { Service } from '../../domain/service.js';
import type { WorldTxn } from '../../domain/txn.js';

/** `s` with a pass due at `atMs` or earlier (clamped to now). Returns `s` itself when one is due no later. */
export function withPassAt(tx: WorldTxn, s: Service, atMs: number): Service {
  const at = Math.max(atMs, tx.nowMs);
  if (s.passTimer !== undefined && s.passTimer.atMs <= at) return s;
  if (s.passTimer !== undefined) tx.cancel(s.passTimer);
  return { ...s, passTimer: tx.schedule(at, { _tag: 'ServicePass', serviceKey: s.key }) };
}

/** `s` with a pass after the scheduler's reaction time (`timings.serviceReaction`, drawn from the `services` stream). */
export function withPassSoon(tx: WorldTxn, s: Service): Service {
  if (s.passTimer !== undefined && s.passTimer.atMs <= tx.nowMs) return s;
  return withPassAt(tx, s, tx.nowMs + tx.rng('services').durationMs(tx.config.timings.serviceReaction));
}
