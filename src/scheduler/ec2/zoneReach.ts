/**
 * Which Availability Zones' container instances are unreachable now: those of a zone outage in effect
 * (`FaultState.zoneOutages`, injected by `zoneOutage`). An unreachable instance is placed nothing (as with a
 * disconnected agent: `AGENT`) and counts for no daemon, until the window ends.
 *
 * @module
 */
import type { FaultState } from '../../domain/world.js';

/** The zones in an outage at `nowMs` (empty when none). */
export function unreachableZones(faults: FaultState, nowMs: number): ReadonlySet<string> {
  const outages = faults.zoneOutages;
  if (outages === undefined || outages.length === 0) return NONE;
  const out = new Set<string>();
  for (const o of outages) if (o.fromMs <= nowMs && nowMs < o.untilMs) out.add(o.availabilityZone);
  return out;
}

const NONE: ReadonlySet<string> = new Set();

/** When the set of unreachable zones next changes after `nowMs` (an outage starts or ends), or undefined. */
export function nextReachChangeMs(faults: FaultState, nowMs: number): number | undefined {
  let next: number | undefined;
  for (const o of faults.zoneOutages ?? []) {
    for (const t of [o.fromMs, o.untilMs]) if (t > nowMs && (next === undefined || t < next)) next = t;
  }
  return next;
}
