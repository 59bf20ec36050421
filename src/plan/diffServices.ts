/**
 * Services: a missing, DRAINING or INACTIVE service is created; an ACTIVE one is compared with the desired
 * CreateService body as ECS would describe it (the body created under a free name on a throwaway branch of the
 * scratch World, so defaults, the cluster's strategy and the planned task definition revision are ECS's own) and
 * classified by the most disruptive member that differs (see {@link classifyMember}). Services in the World that
 * the desired state does not name are left alone: a plan never deletes what it was not told about.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import type { World } from '../domain/world.js';
import { creationFields, diffFields, diffTags, tagOperations } from './fieldDiff.js';
import { applyOnScratch, ecsCall, errorOf, type KindDiff, type PlanStep, type StepOperation } from './planStep.js';
import { asObject, asString, call, clusterNameOf, describeService, freeName, shortTaskDefinition, type WireObject } from './readWorld.js';
import type { ChangeKind, DesiredResource, FieldChange } from './types.js';

/** Members UpdateService changes without starting a deployment (reference §4.3; updateService.ts). */
export const UPDATE_MEMBERS = [
  'desiredCount',
  'deploymentConfiguration',
  'healthCheckGracePeriodSeconds',
  'propagateTags',
  'enableECSManagedTags',
  'enableExecuteCommand',
  'availabilityZoneRebalancing',
] as const;
/** Members whose change makes UpdateService start a new deployment (reference §4.3; updateService.ts). */
export const DEPLOYMENT_MEMBERS = ['taskDefinition', 'networkConfiguration', 'platformVersion', 'loadBalancers'] as const;
/** Members UpdateService cannot change: the service is deleted and created again. */
export const REPLACE_MEMBERS = ['schedulingStrategy', 'deploymentController'] as const;
/** Members of a desired body the twin does not model: not compared (a warning says so when set on an existing service). */
const UNMODELLED_MEMBERS = ['placementConstraints', 'placementStrategy', 'role', 'serviceRegistries', 'serviceConnectConfiguration', 'volumeConfigurations', 'vpcLatticeConfigurations'];

const RANK: Record<ChangeKind, number> = { 'no-op': 0, update: 1, 'new-deployment': 2, replace: 3, create: 4 };

/** A described network configuration with its subnet and security-group lists sorted (ECS keeps no order). */
function sortedNetwork(v: unknown): unknown {
  const awsvpc = asObject(asObject(v)?.awsvpcConfiguration);
  if (awsvpc === undefined) return v;
  const sort = (x: unknown): unknown => (Array.isArray(x) ? [...(x as string[])].sort() : x);
  return { awsvpcConfiguration: { ...awsvpc, subnets: sort(awsvpc.subnets), securityGroups: sort(awsvpc.securityGroups) } };
}

/** The value of `member` of a described service, in the form the plan compares and sends. */
function memberValue(wire: WireObject, member: string): unknown {
  const v = wire[member];
  if (member === 'taskDefinition') return typeof v === 'string' ? shortTaskDefinition(v) : v;
  if (member === 'networkConfiguration') return sortedNetwork(v);
  return v;
}

/** One member's verdict: its kind and why. */
interface MemberVerdict {
  readonly kind: ChangeKind;
  readonly reason: string;
  readonly changes: readonly FieldChange[];
}

/**
 * How a launch type ↔ capacity provider strategy change is made. ECS's UpdateService takes a strategy but no
 * launch type; its documented transitions are launch type → strategy and strategy → strategy (the strategy alone
 * does not start a deployment, so `forceNewDeployment` goes with it), and back to a launch type only by an empty
 * strategy, without saying which launch type results — the twin does not model that path, so it is a replacement.
 * (API UpdateServiceRequest.capacityProviderStrategy.)
 */
export function classifyLaunch(current: WireObject, wanted: WireObject): MemberVerdict | undefined {
  const from = { launchType: current.launchType, capacityProviderStrategy: current.capacityProviderStrategy };
  const to = { launchType: wanted.launchType, capacityProviderStrategy: wanted.capacityProviderStrategy };
  const changes = diffFields('', from, to);
  if (changes.length === 0) return undefined;
  if (to.launchType !== undefined && from.launchType !== undefined) {
    return { kind: 'replace', changes, reason: `launchType changes from ${String(from.launchType)} to ${String(to.launchType)}: UpdateService cannot change a launch type` };
  }
  if (to.launchType !== undefined) {
    return { kind: 'replace', changes, reason: `capacityProviderStrategy changes back to launchType ${String(to.launchType)}: ECS documents that path only as an empty strategy, without the launch type it gives` };
  }
  const was = from.launchType !== undefined ? `launchType ${String(from.launchType)}` : 'the capacityProviderStrategy';
  return { kind: 'new-deployment', changes, reason: `${was} changes to a new capacityProviderStrategy: UpdateService with forceNewDeployment moves the tasks` };
}

/** The kind of a change of one member of an ACTIVE service (launch members aside: {@link classifyLaunch}). */
export function classifyMember(member: string): ChangeKind {
  if ((DEPLOYMENT_MEMBERS as readonly string[]).includes(member)) return 'new-deployment';
  if ((REPLACE_MEMBERS as readonly string[]).includes(member)) return 'replace';
  return 'update';
}

/** A value as a reason shows it: strings bare (`web:3`), anything else as JSON. */
const show = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

function memberReason(member: string, kind: ChangeKind, changes: readonly FieldChange[]): string {
  const only = changes.length === 1 ? changes[0] : undefined;
  const what = only !== undefined && only.path === member ? `${member} changes from ${show(only.from)} to ${show(only.to)}` : `${member} changes`;
  if (kind === 'new-deployment') return `${what}: a new deployment`;
  if (kind === 'replace') return `${what}: UpdateService cannot change it`;
  return `${what} in place`;
}

/** The desired service as ECS would describe it, created under a free name on a throwaway branch. */
function normalize(world: World, cluster: string, body: WireObject): E.Either<{ name: string; message: string }, WireObject> {
  const base = asString(body.serviceName) ?? 'service';
  const name = freeName(`${base.slice(0, 200)}-plan-scratch`, (n) => describeService(world, cluster, n) !== undefined);
  const { clientToken: _token, ...rest } = body;
  const r = call(world, 'CreateService', { ...rest, serviceName: name });
  if (E.isLeft(r)) return E.left(errorOf(r.left));
  return E.right(describeService(r.right.world, cluster, name) ?? {});
}

function createStep(world: World, res: DesiredResource, id: string, reason: string): { step: PlanStep; scratch: World } {
  const r = call(world, 'CreateService', res.body);
  const base = { type: 'service' as const, id, source: res.source, kind: 'create' as const, changes: creationFields(res.body) };
  if (E.isLeft(r)) {
    const error = errorOf(r.left);
    return { step: { change: { ...base, reason: `${reason}; CreateService would be refused: ${error.name}: ${error.message}`, error }, operations: [ecsCall('CreateService', { ...res.body })] }, scratch: world };
  }
  // The plan names the revision it checked (`web:3`), so what is applied is what was planned.
  const td = asString(asObject(r.right.output.service)?.taskDefinition);
  const input = td === undefined ? { ...res.body } : { ...res.body, taskDefinition: shortTaskDefinition(td) };
  return { step: { change: { ...base, reason }, operations: [ecsCall('CreateService', input)] }, scratch: r.right.world };
}

function diffExisting(world: World, res: DesiredResource, cluster: string, name: string, current: WireObject): { step: PlanStep; scratch: World; warnings: string[] } {
  const body = res.body;
  const id = `${cluster}/${name}`;
  const base = { type: 'service' as const, id, source: res.source };
  const warnings = UNMODELLED_MEMBERS.filter((m) => body[m] !== undefined && !(Array.isArray(body[m]) && (body[m] as unknown[]).length === 0)).map(
    (m) => `${res.source}: service ${id}: ${m} is not compared (the twin does not model it)`,
  );
  const wanted = normalize(world, cluster, body);
  if (E.isLeft(wanted)) {
    const error = wanted.left;
    return { step: { change: { ...base, kind: 'update', reason: `the desired service is refused by ECS: ${error.name}: ${error.message}`, changes: [], error }, operations: [] }, scratch: world, warnings };
  }
  const want = wanted.right;
  const verdicts: MemberVerdict[] = [];
  const update: Record<string, unknown> = {};
  for (const m of [...DEPLOYMENT_MEMBERS, ...UPDATE_MEMBERS, ...REPLACE_MEMBERS]) {
    if (body[m] === undefined) continue;
    const changes = diffFields(m, memberValue(current, m), memberValue(want, m));
    if (changes.length === 0) continue;
    const kind = classifyMember(m);
    verdicts.push({ kind, changes, reason: memberReason(m, kind, changes) });
    update[m] = memberValue(want, m);
  }
  if (body.launchType !== undefined || body.capacityProviderStrategy !== undefined) {
    const v = classifyLaunch(current, want);
    if (v !== undefined) {
      verdicts.push(v);
      update.capacityProviderStrategy = want.capacityProviderStrategy;
      update.forceNewDeployment = true;
    }
  }
  const tags = body.tags === undefined ? undefined : diffTags(current.tags, want.tags);
  if (tags !== undefined && tags.changes.length > 0) verdicts.push({ kind: 'update', changes: tags.changes, reason: 'tags change in place' });
  if (verdicts.length === 0) {
    return { step: { change: { ...base, kind: 'no-op', reason: 'the service is ACTIVE and as desired', changes: [] }, operations: [] }, scratch: world, warnings };
  }
  const worst = verdicts.reduce((a, b) => (RANK[b.kind] > RANK[a.kind] ? b : a));
  const changes = verdicts.flatMap((v) => v.changes);
  const pinned = { ...body, taskDefinition: memberValue(want, 'taskDefinition') };
  let ops: StepOperation[];
  let reason = verdicts.filter((v) => v.kind === worst.kind).map((v) => v.reason).join('; ');
  if (worst.kind === 'replace') {
    reason += '. DeleteService (force) then CreateService: the new service can be created only once the old one is INACTIVE';
    ops = [ecsCall('DeleteService', { cluster, service: name, force: true }), ecsCall('CreateService', pinned)];
  } else {
    ops = [];
    if (Object.keys(update).length > 0) ops.push(ecsCall('UpdateService', { cluster, service: name, ...update }));
    if (tags !== undefined) ops.push(...tagOperations(asString(current.serviceArn) ?? id, tags).map((o) => ecsCall(o.operation, o.input)));
  }
  // A replacement's CreateService waits for the old service to drain: only the delete is carried on the scratch branch.
  const applied = applyOnScratch(world, worst.kind === 'replace' ? ops.slice(0, 1) : ops);
  const change = { ...base, kind: worst.kind, reason, changes, ...(applied.error !== undefined ? { error: errorOf(applied.error) } : {}) };
  return { step: { change, operations: ops }, scratch: applied.world, warnings };
}

/** The steps for the desired services, in desired order, and the scratch World with their calls applied. */
export function diffServices(scratch: World, desired: readonly DesiredResource[]): KindDiff {
  const steps: PlanStep[] = [];
  const warnings: string[] = [];
  let world = scratch;
  for (const res of desired) {
    const cluster = clusterNameOf(res.body.cluster);
    const name = asString(res.body.serviceName) ?? '(no serviceName)';
    const id = `${cluster}/${name}`;
    const current = describeService(world, cluster, name);
    let r: { step: PlanStep; scratch: World; warnings?: string[] };
    if (current === undefined) r = createStep(world, res, id, 'the service does not exist');
    else if (current.status !== 'ACTIVE') r = createStep(world, res, id, `the service is ${String(current.status)}`);
    else r = diffExisting(world, res, cluster, name, current);
    world = r.scratch;
    warnings.push(...(r.warnings ?? []));
    const e = r.step.change.error;
    if (e !== undefined) warnings.push(`${res.source}: service ${id}: ${e.name}: ${e.message}`);
    steps.push(r.step);
  }
  return { steps, scratch: world, warnings };
}
