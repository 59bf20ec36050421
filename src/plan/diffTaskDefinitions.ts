/**
 * Task definitions: the desired RegisterTaskDefinition body is registered on a scratch branch of the World, and
 * the definition ECS makes of it is compared with the family's latest ACTIVE revision, both as DescribeTaskDefinition
 * shows them. Comparing what ECS stores (defaults filled in, `cpu: "0.5 vCPU"` read as `"512"`, …) rather than the
 * raw bodies means a body that only spells the same definition differently registers nothing.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import type { World } from '../domain/world.js';
import { canonicalJson } from '../sim/fingerprint.js';
import { creationFields, diffFields, diffTags, tagOperations } from './fieldDiff.js';
import { applyOnScratch, ecsCall, errorOf, type KindDiff, type PlanStep } from './planStep.js';
import { asObject, asString, call, describeLatestRevision, type WireObject } from './readWorld.js';
import type { DesiredResource } from './types.js';

/** Members that tell revisions apart but not what they run: left out of the comparison. */
const IDENTITY_MEMBERS = ['taskDefinitionArn', 'revision', 'status', 'registeredAt', 'registeredBy', 'deregisteredAt', 'deleteRequestedAt'];

/** A described definition without its identity members, `requiresAttributes` in a fixed order (ECS does not promise one). */
export function comparableTaskDefinition(td: WireObject | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(td ?? {})) if (!IDENTITY_MEMBERS.includes(k)) out[k] = v;
  if (Array.isArray(out.requiresAttributes)) {
    out.requiresAttributes = [...out.requiresAttributes].sort((a, b) => {
      const x = canonicalJson(a);
      const y = canonicalJson(b);
      return x < y ? -1 : x > y ? 1 : 0;
    });
  }
  return out;
}

/** `family:revision` of a described definition. */
const revisionId = (td: WireObject | undefined, family: string): string => `${family}:${String(td?.revision ?? '?')}`;

function diffOne(world: World, res: DesiredResource): { step: PlanStep; scratch: World } {
  const family = asString(res.body.family) ?? '(no family)';
  const base = { type: 'taskDefinition' as const, source: res.source };
  const register = ecsCall('RegisterTaskDefinition', { ...res.body });
  const latest = describeLatestRevision(world, family);
  const latestTd = asObject(latest?.taskDefinition);
  const registered = call(world, 'RegisterTaskDefinition', res.body);
  if (E.isLeft(registered)) {
    const error = errorOf(registered.left);
    const change = { ...base, id: family, kind: 'create' as const, reason: `RegisterTaskDefinition would be refused: ${error.name}: ${error.message}`, changes: creationFields(res.body), error };
    return { step: { change, operations: [register] }, scratch: world };
  }
  const nextTd = asObject(registered.right.output.taskDefinition);
  const nextId = revisionId(nextTd, family);
  if (latestTd === undefined) {
    const change = { ...base, id: nextId, kind: 'create' as const, reason: `family ${family} has no ACTIVE revision: registers ${nextId}`, changes: creationFields(res.body) };
    return { step: { change, operations: [register] }, scratch: registered.right.world };
  }
  const currentId = revisionId(latestTd, family);
  const changes = diffFields('', comparableTaskDefinition(latestTd), comparableTaskDefinition(nextTd));
  if (changes.length > 0) {
    const what = [...new Set(changes.map((c) => c.path.split(/[.[]/)[0]))].join(', ');
    const change = { ...base, id: nextId, kind: 'create' as const, reason: `registers ${nextId}: ${what} ${changes.length === 1 ? 'differs' : 'differ'} from the latest ACTIVE revision ${currentId}`, changes };
    return { step: { change, operations: [register] }, scratch: registered.right.world };
  }
  // Same definition: the services keep `currentId`; only its tags can still differ (tagged in place, no revision).
  if (res.body.tags !== undefined) {
    const t = diffTags(latest?.tags, registered.right.output.tags);
    if (t.changes.length > 0) {
      const ops = tagOperations(asString(latestTd.taskDefinitionArn) ?? currentId, t).map((o) => ecsCall(o.operation, o.input));
      const change = { ...base, id: currentId, kind: 'update' as const, reason: `${currentId} is as desired but its tags differ: tagged in place`, changes: t.changes };
      return { step: { change, operations: ops }, scratch: applyOnScratch(world, ops).world };
    }
  }
  const change = { ...base, id: currentId, kind: 'no-op' as const, reason: `the latest ACTIVE revision ${currentId} is as desired`, changes: [] };
  return { step: { change, operations: [] }, scratch: world };
}

/** The steps for the desired task definitions, in desired order, and the scratch World with the new revisions registered. */
export function diffTaskDefinitions(scratch: World, desired: readonly DesiredResource[]): KindDiff {
  const steps: PlanStep[] = [];
  const warnings: string[] = [];
  let world = scratch;
  for (const res of desired) {
    const r = diffOne(world, res);
    world = r.scratch;
    const e = r.step.change.error;
    if (e !== undefined) warnings.push(`${res.source}: task definition ${r.step.change.id}: ${e.name}: ${e.message}`);
    steps.push(r.step);
  }
  return { steps, scratch: world, warnings };
}
