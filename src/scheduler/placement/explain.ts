/**
 * Why a task could not be placed: ECS's reason (the filter that rejected the most instances, reference §6.5) and,
 * beyond ECS, how many instances each filter rejected and the closest candidate with what it lacks.
 *
 * Runs only when a placement fails, and scans the whole fleet once: the explanation is for a user, not a hot path.
 *
 * @module
 */
import type { Fleet } from './fleet.js';
import { FAILURE_REASONS, type FailureReason, type MemberOfConstraint, type PlacementExplanation, type PlacementFailure, type PlacementRequest } from './types.js';

/** Host ports a request reserves on an instance. */
export interface PortNeeds {
  readonly any: boolean;
  readonly staticTcp: readonly number[];
  readonly staticUdp: readonly number[];
  readonly dynamicTcp: number;
  readonly dynamicUdp: number;
}

/** The host ports `request` needs: none under awsvpc/none (the task has its own ENI or no network). */
export function portNeeds(request: PlacementRequest): PortNeeds {
  const staticTcp: number[] = [];
  const staticUdp: number[] = [];
  let dynamicTcp = 0;
  let dynamicUdp = 0;
  if (request.networkMode === 'bridge' || request.networkMode === 'host') {
    for (const p of request.ports ?? []) {
      const udp = p.protocol === 'udp';
      if (p.hostPort === 0) {
        if (udp) dynamicUdp++;
        else dynamicTcp++;
      } else (udp ? staticUdp : staticTcp).push(p.hostPort);
    }
  }
  return { any: staticTcp.length + staticUdp.length + dynamicTcp + dynamicUdp > 0, staticTcp, staticUdp, dynamicTcp, dynamicUdp };
}

const RESOURCE_REASONS: ReadonlySet<FailureReason> = new Set(['RESOURCE:CPU', 'RESOURCE:MEMORY', 'RESOURCE:PORTS', 'RESOURCE:ENI']);

/** Every filter instance `i` fails, in pipeline order, with the shortfall text of the resource ones. */
function rejections(fleet: Fleet, i: number, request: PlacementRequest, ports: PortNeeds): Array<{ reason: FailureReason; shortfall?: string; weight?: number }> {
  const out: Array<{ reason: FailureReason; shortfall?: string; weight?: number }> = [];
  if (fleet.status[i] !== 0) out.push({ reason: 'DRAINING' });
  if (fleet.agent[i] !== 1) out.push({ reason: 'AGENT' });
  const attrs = fleet.attributes[i]!;
  const missing = (request.requiredAttributes ?? []).find((a) => (a.value === undefined ? !attrs.has(a.name) : attrs.get(a.name) !== a.value));
  if (missing !== undefined) out.push({ reason: 'ATTRIBUTE' });
  const cpuShort = request.cpu - fleet.cpuRemaining[i]!;
  if (cpuShort > 0) out.push({ reason: 'RESOURCE:CPU', shortfall: `needs ${cpuShort} more CPU units`, weight: cpuShort / Math.max(1, request.cpu) });
  const memShort = request.memory - fleet.memoryRemaining[i]!;
  if (memShort > 0) out.push({ reason: 'RESOURCE:MEMORY', shortfall: `needs ${memShort} MiB more memory`, weight: memShort / Math.max(1, request.memory) });
  const busy = [...ports.staticTcp.filter((p) => fleet.tcp[i]!.has(p)).map((p) => `${p}/tcp`), ...ports.staticUdp.filter((p) => fleet.udp[i]!.has(p)).map((p) => `${p}/udp`)];
  const dynShort = Math.max(0, ports.dynamicTcp - fleet.freeEphemeral(i, 'tcp')) + Math.max(0, ports.dynamicUdp - fleet.freeEphemeral(i, 'udp'));
  if (busy.length > 0 || dynShort > 0) {
    const text = busy.length > 0 ? `host port ${busy.join(', ')} already in use` : `needs ${dynShort} more free dynamic host ports`;
    out.push({ reason: 'RESOURCE:PORTS', shortfall: text, weight: 1 });
  }
  if (request.networkMode === 'awsvpc' && fleet.enisFree[i]! < 1) out.push({ reason: 'RESOURCE:ENI', shortfall: 'needs a free ENI (every task ENI of its instance type is in use)', weight: 1 });
  const memberOf = (request.constraints ?? []).filter((c): c is MemberOfConstraint => c.type === 'memberOf');
  if (memberOf.length > 0) {
    const view = fleet.view(i);
    if (memberOf.some((c) => !c.predicate(view))) out.push({ reason: 'MemberOf placement constraint unsatisfied' });
  }
  if ((request.constraints ?? []).some((c) => c.type === 'distinctInstance') && (fleet.groupCountsOf(request.group)[i] ?? 0) > 0) {
    out.push({ reason: 'DistinctInstance placement constraint unsatisfied' });
  }
  return out;
}

/**
 * The failure of the next task of `request` on `fleet` as it is now (no instance fits). `unplaced` tasks share it.
 * ECS's reason is the filter that removed the most instances, each instance counted under the first filter in
 * pipeline order that rejects it (ties: the earlier filter).
 */
export function explainFailure(fleet: Fleet, request: PlacementRequest, unplaced: number): PlacementFailure {
  const ports = portNeeds(request);
  const first: Partial<Record<FailureReason, number>> = {};
  const any: Partial<Record<FailureReason, number>> = {};
  let closest: { i: number; count: number; weight: number; shortfalls: string[] } | undefined;
  for (let i = 0; i < fleet.size; i++) {
    if (fleet.status[i] === 2) continue; // deregistered
    const rs = rejections(fleet, i, request, ports);
    if (rs.length === 0) continue;
    first[rs[0]!.reason] = (first[rs[0]!.reason] ?? 0) + 1;
    for (const r of rs) any[r.reason] = (any[r.reason] ?? 0) + 1;
    if (rs.every((r) => RESOURCE_REASONS.has(r.reason))) {
      const weight = rs.reduce((w, r) => w + (r.weight ?? 0), 0);
      if (closest === undefined || rs.length < closest.count || (rs.length === closest.count && weight < closest.weight)) {
        closest = { i, count: rs.length, weight, shortfalls: rs.map((r) => r.shortfall!) };
      }
    }
  }
  let reason: FailureReason = 'RESOURCE:CPU';
  let top = -1;
  for (const r of FAILURE_REASONS) {
    if ((first[r] ?? 0) > top) {
      top = first[r] ?? 0;
      reason = r;
    }
  }
  const instances = Object.values(first).reduce((a, b) => a + (b ?? 0), 0);
  const closestOut = closest && {
    instanceId: fleet.ids[closest.i]!,
    shortfalls: closest.shortfalls,
    text: `${fleet.ids[closest.i]!}: ${closest.shortfalls.join(', ')}`,
  };
  const parts = FAILURE_REASONS.filter((r) => (first[r] ?? 0) > 0).map((r) => `${r} on ${first[r]!}`);
  const text =
    instances === 0
      ? `Unable to place ${unplaced} task(s) of ${request.group}: no container instances in the cluster.`
      : `Unable to place ${unplaced} task(s) of ${request.group}: ${parts.join(', ')} of ${instances} instance(s).` +
        (closestOut ? ` Closest: ${closestOut.text}.` : '');
  const explanation: PlacementExplanation = { instances, rejectedFirstBy: first, rejectedBy: any, text, ...(closestOut ? { closest: closestOut } : {}) };
  return { reason, explanation };
}
