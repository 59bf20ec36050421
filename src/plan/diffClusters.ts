/**
 * Clusters: a missing (or deleted) cluster is created; an ACTIVE one whose settings, configuration, Service
 * Connect defaults, capacity providers or tags differ from the desired CreateCluster body is updated in place
 * (UpdateCluster, PutClusterCapacityProviders, TagResource/UntagResource); otherwise nothing happens. Members the
 * desired body leaves out are not compared: the body says what the user cares about.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import type { World } from '../domain/world.js';
import { creationFields, diffFields, diffTags, tagOperations } from './fieldDiff.js';
import { applyOnScratch, ecsCall, errorOf, type KindDiff, type PlanStep, type StepOperation } from './planStep.js';
import { asObject, asString, call, describeCluster, freeName, type WireObject } from './readWorld.js';
import type { DesiredResource, FieldChange } from './types.js';

/** Members UpdateCluster changes. */
const UPDATE_CLUSTER_MEMBERS = ['settings', 'configuration', 'serviceConnectDefaults'] as const;
/** Members PutClusterCapacityProviders replaces together. */
const PROVIDER_MEMBERS = ['capacityProviders', 'defaultCapacityProviderStrategy'] as const;

/** The settings of `wire` whose names the desired body sets, by name (UpdateCluster merges settings by name). */
function settingsByName(wire: unknown, names: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!Array.isArray(wire)) return out;
  for (const s of wire) {
    const o = asObject(s);
    const name = asString(o?.name);
    if (name !== undefined && names.includes(name)) out[name] = o?.value ?? null;
  }
  return out;
}

/**
 * The desired cluster as ECS would describe it: the body created under a free name on a throwaway branch, so
 * defaults (strategy `base`/`weight`, …) are ECS's own. Left: ECS's refusal of the body.
 */
function normalize(scratch: World, body: WireObject): E.Either<{ name: string; message: string }, WireObject> {
  const name = freeName('ecs-twin-plan-scratch', (n) => describeCluster(scratch, n)?.status === 'ACTIVE');
  const r = call(scratch, 'CreateCluster', { ...body, clusterName: name });
  if (E.isLeft(r)) return E.left(errorOf(r.left));
  return E.right(describeCluster(r.right.world, name) ?? {});
}

function diffExisting(scratch: World, res: DesiredResource, name: string, current: WireObject): PlanStep {
  const body = res.body;
  const base = { type: 'cluster' as const, id: name, source: res.source };
  const wanted = normalize(scratch, body);
  if (E.isLeft(wanted)) {
    const error = wanted.left;
    return { change: { ...base, kind: 'update', reason: `the desired cluster is refused by ECS: ${error.name}: ${error.message}`, changes: [], error }, operations: [] };
  }
  const want = wanted.right;
  const changes: FieldChange[] = [];
  const ops: StepOperation[] = [];
  const update: Record<string, unknown> = {};
  for (const m of UPDATE_CLUSTER_MEMBERS) {
    if (body[m] === undefined) continue;
    if (m === 'settings') {
      const names = Array.isArray(body.settings) ? body.settings.map((s) => asString(asObject(s)?.name) ?? '') : [];
      const d = diffFields('settings', settingsByName(current.settings, names), settingsByName(want.settings, names));
      if (d.length > 0) {
        changes.push(...d);
        update.settings = Object.entries(settingsByName(want.settings, names)).map(([n, value]) => ({ name: n, value }));
      }
      continue;
    }
    const d = diffFields(m, current[m], want[m]);
    if (d.length > 0) {
      changes.push(...d);
      update[m] = want[m];
    }
  }
  if (Object.keys(update).length > 0) ops.push(ecsCall('UpdateCluster', { cluster: name, ...update }));
  const providerChanges = PROVIDER_MEMBERS.flatMap((m) => (body[m] === undefined ? [] : diffFields(m, current[m], want[m])));
  if (providerChanges.length > 0) {
    changes.push(...providerChanges);
    // PutClusterCapacityProviders replaces both lists: a member the body leaves out keeps its current value.
    const pick = (m: (typeof PROVIDER_MEMBERS)[number]): unknown => (body[m] === undefined ? current[m] : want[m]) ?? [];
    ops.push(ecsCall('PutClusterCapacityProviders', { cluster: name, capacityProviders: pick('capacityProviders'), defaultCapacityProviderStrategy: pick('defaultCapacityProviderStrategy') }));
  }
  if (body.tags !== undefined) {
    const t = diffTags(current.tags, want.tags);
    changes.push(...t.changes);
    ops.push(...tagOperations(asString(current.clusterArn) ?? name, t).map((o) => ecsCall(o.operation, o.input)));
  }
  if (changes.length === 0) return { change: { ...base, kind: 'no-op', reason: 'the cluster is ACTIVE and as desired', changes: [] }, operations: [] };
  const what = [...new Set(changes.map((c) => c.path.split(/[.[]/)[0]))].join(', ');
  return { change: { ...base, kind: 'update', reason: `${what} ${changes.length === 1 ? 'changes' : 'change'} in place (no task is replaced)`, changes }, operations: ops };
}

/**
 * The steps for the desired clusters, in desired order, and the scratch World with their calls applied (so the
 * services planned next are checked against the clusters they will find).
 */
export function diffClusters(scratch: World, desired: readonly DesiredResource[]): KindDiff {
  const steps: PlanStep[] = [];
  const warnings: string[] = [];
  let world = scratch;
  for (const res of desired) {
    const name = asString(res.body.clusterName) ?? 'default';
    const current = describeCluster(world, name);
    let step: PlanStep;
    if (current === undefined || current.status !== 'ACTIVE') {
      const reason = current === undefined ? 'the cluster does not exist' : `the cluster is ${String(current.status)}: CreateCluster makes a new ACTIVE one`;
      step = { change: { type: 'cluster', id: name, source: res.source, kind: 'create', reason, changes: creationFields(res.body) }, operations: [ecsCall('CreateCluster', { ...res.body })] };
    } else {
      step = diffExisting(world, res, name, current);
    }
    const applied = applyOnScratch(world, step.operations);
    world = applied.world;
    if (applied.error !== undefined && step.change.error === undefined) {
      step = { ...step, change: { ...step.change, error: errorOf(applied.error) } };
    }
    if (step.change.error !== undefined) warnings.push(`${res.source}: cluster ${name}: ${step.change.error.name}: ${step.change.error.message}`);
    steps.push(step);
  }
  return { steps, scratch: world, warnings };
}
