/**
 * The ECS resources of a CloudFormation template as ECS / Application Auto Scaling request bodies:
 * `AWS::ECS::Cluster` → CreateCluster, `AWS::ECS::TaskDefinition` → RegisterTaskDefinition, `AWS::ECS::Service`
 * → CreateService, `AWS::ApplicationAutoScaling::ScalableTarget` → RegisterScalableTarget,
 * `AWS::ApplicationAutoScaling::ScalingPolicy` → PutScalingPolicy (and `AWS::ECS::ClusterCapacityProviderAssociations`
 * folded into its cluster's CreateCluster). Other resources are only referred to; other ECS and Application Auto
 * Scaling types are ignored with a warning.
 *
 * @module
 */
import { describeValue } from '../../codecs/reporter.js';
import { closestKey } from '../../codecs/strict.js';
import type { Issue, Path } from '../../sim/scenario/problems.js';
import type { DesiredResource, DesiredState } from '../types.js';
import { toAasMembers, toEcsMembers } from './cfnProperties.js';
import { NO_VALUE, conditionHolds, resolveValue, setKey } from './intrinsics.js';
import { nameOfArn, resourceNames } from './resourceNames.js';
import { error, isObj, warn, type Obj, type TemplateContext, type TemplateParameter, type TemplateResource } from './templateContext.js';

/** What the template reader needs from the caller. */
export interface TemplateOptions {
  readonly parameters: Readonly<Record<string, string>>;
  readonly region: string;
  readonly accountId: string;
  readonly stackName: string;
}

/** The reader's result: bodies (when there were no errors), errors and warnings, all with their paths. */
export interface TemplateRead {
  readonly state: Omit<DesiredState, 'warnings'> | undefined;
  readonly errors: readonly Issue[];
  readonly warnings: readonly Issue[];
}

/** The template's top-level sections (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-anatomy.html). */
export const TEMPLATE_SECTIONS: readonly string[] = [
  'AWSTemplateFormatVersion', 'Description', 'Metadata', 'Parameters', 'Rules', 'Mappings', 'Conditions', 'Transform', 'Resources', 'Outputs', 'Hooks',
];

/** Whether a document is a CloudFormation template rather than ECS request bodies. */
export const isTemplate = (root: Obj): boolean => 'Resources' in root || 'AWSTemplateFormatVersion' in root;

/**
 * Reads the ECS resources of a parsed template. Never throws; errors are what CloudFormation would refuse too
 * (an unknown section, a `Ref` to nothing, a malformed intrinsic function).
 */
export function readTemplate(root: Obj, options: TemplateOptions): TemplateRead {
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  for (const k of Object.keys(root)) {
    if (TEMPLATE_SECTIONS.includes(k)) continue;
    const hint = closestKey(k, TEMPLATE_SECTIONS);
    errors.push({ path: [k], message: `unknown template section '${k}'${hint === undefined ? '' : ` (did you mean '${hint}'?)`}`, at: 'key' });
  }
  if (root.Transform !== undefined) warnings.push({ path: ['Transform'], message: `the transform ${describeValue(root.Transform)} is not applied: resources are read as written` });
  const section = (name: string): Obj => {
    const v = root[name];
    if (v === undefined || v === null) return {};
    if (isObj(v)) return v;
    errors.push({ path: [name], message: `expected ${name} to be an object, got ${describeValue(v)}` });
    return {};
  };
  const resources = new Map<string, TemplateResource>();
  for (const [id, r] of Object.entries(section('Resources'))) {
    const path: Path = ['Resources', id];
    if (!isObj(r)) errors.push({ path, message: `expected a resource { Type, Properties }, got ${describeValue(r)}` });
    else if (typeof r.Type !== 'string') errors.push({ path: [...path, 'Type'], message: `expected the resource type as a string (AWS::ECS::Service, …), got ${describeValue(r.Type)}` });
    else if (r.Properties !== undefined && r.Properties !== null && !isObj(r.Properties)) errors.push({ path: [...path, 'Properties'], message: `expected an object, got ${describeValue(r.Properties)}` });
    else resources.set(id, { logicalId: id, type: r.Type, properties: isObj(r.Properties) ? r.Properties : {}, path, ...(r.Condition === undefined ? {} : { condition: r.Condition }) });
  }
  const parameters = new Map<string, TemplateParameter>();
  for (const [name, p] of Object.entries(section('Parameters'))) {
    if (!isObj(p) || typeof p.Type !== 'string') errors.push({ path: ['Parameters', name], message: `expected a parameter { Type, Default? }, got ${describeValue(p)}` });
    else parameters.set(name, p.Default === undefined ? { type: p.Type } : { type: p.Type, default: p.Default });
  }
  for (const name of Object.keys(options.parameters)) {
    if (!parameters.has(name)) warnings.push({ path: ['Parameters'], message: `the parameter value given for '${name}' is not used: the template declares no such parameter` });
  }
  const ctx: TemplateContext = {
    resources,
    parameters,
    parameterValues: options.parameters,
    conditions: section('Conditions'),
    mappings: section('Mappings'),
    region: options.region,
    accountId: options.accountId,
    stackName: options.stackName,
    errors,
    warnings,
    inProgress: new Set(),
    conditionValues: new Map(),
    names: undefined as never,
    placeholders: 0,
  };
  ctx.names = resourceNames(ctx);
  const state = mapResources(ctx);
  return { state: errors.length === 0 ? state : undefined, errors, warnings };
}

const SUPPORTED = new Set([
  'AWS::ECS::Cluster', 'AWS::ECS::TaskDefinition', 'AWS::ECS::Service', 'AWS::ECS::ClusterCapacityProviderAssociations',
  'AWS::ApplicationAutoScaling::ScalableTarget', 'AWS::ApplicationAutoScaling::ScalingPolicy',
]);

function mapResources(ctx: TemplateContext): Omit<DesiredState, 'warnings'> {
  const clusters: { source: string; body: Record<string, unknown> }[] = [];
  const taskDefinitions: DesiredResource[] = [];
  const services: DesiredResource[] = [];
  const scalableTargets: DesiredResource[] = [];
  const scalingPolicies: DesiredResource[] = [];
  const associations: TemplateResource[] = [];
  for (const r of ctx.resources.values()) {
    const ecsOrAas = r.type.startsWith('AWS::ECS::') || r.type.startsWith('AWS::ApplicationAutoScaling::');
    if (!ecsOrAas) continue;
    if (!SUPPORTED.has(r.type)) {
      warn(ctx, r.path, `${r.type} is not planned by ecs-twin; ${r.logicalId} is ignored`);
      continue;
    }
    if (!included(ctx, r)) continue;
    const resolved = resolveValue(ctx, r.properties, [...r.path, 'Properties']);
    if (!isObj(resolved)) {
      // `Properties: { Fn::If: … }` may resolve to anything; an error was recorded unless it resolved to a non-object.
      if (resolved !== undefined) error(ctx, [...r.path, 'Properties'], `expected the properties to resolve to an object, got ${describeValue(resolved === NO_VALUE ? null : resolved)}`);
      continue;
    }
    const props = resolved;
    switch (r.type) {
      case 'AWS::ECS::Cluster':
        clusters.push({ source: r.logicalId, body: withFirst('clusterName', ctx.names.clusterName(r.logicalId), toEcsMembers(props) as Obj) });
        break;
      case 'AWS::ECS::TaskDefinition':
        taskDefinitions.push({ source: r.logicalId, body: taskDefinitionBody(withFirst('family', ctx.names.family(r.logicalId), toEcsMembers(props) as Obj)) });
        break;
      case 'AWS::ECS::Service':
        services.push({ source: r.logicalId, body: serviceBody(ctx, r, toEcsMembers(props) as Obj) });
        break;
      case 'AWS::ECS::ClusterCapacityProviderAssociations':
        associations.push({ ...r, properties: props });
        break;
      case 'AWS::ApplicationAutoScaling::ScalableTarget': {
        const { ScheduledActions, ...rest } = props;
        if (ScheduledActions !== undefined) warn(ctx, [...r.path, 'Properties', 'ScheduledActions'], 'scheduled actions are not planned by ecs-twin; ignored');
        scalableTargets.push({ source: r.logicalId, body: toAasMembers(rest) as Obj });
        break;
      }
      case 'AWS::ApplicationAutoScaling::ScalingPolicy':
        scalingPolicies.push({ source: r.logicalId, body: toAasMembers(scalingPolicyBody(ctx, r, props)) as Obj });
        break;
    }
  }
  for (const a of associations) foldAssociation(ctx, a, clusters);
  return { clusters, taskDefinitions, services, scalableTargets, scalingPolicies };
}

/** Whether the resource's `Condition` (if any) holds. */
function included(ctx: TemplateContext, r: TemplateResource): boolean {
  if (r.condition === undefined) return true;
  if (typeof r.condition !== 'string') {
    error(ctx, [...r.path, 'Condition'], `expected a condition name, got ${describeValue(r.condition)}`);
    return false;
  }
  return conditionHolds(ctx, r.condition, [...r.path, 'Condition']);
}

/** `body` with `key` first (the name first reads better in plans), replacing any value it had. */
function withFirst(key: string, value: unknown, body: Obj): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  setKey(out, key, value);
  for (const [k, v] of Object.entries(body)) if (k !== key) setKey(out, k, v);
  return out;
}

/** ECS takes a task's `cpu` and `memory` as strings and a container's as integers; CloudFormation takes either. */
function taskDefinitionBody(body: Record<string, unknown>): Record<string, unknown> {
  for (const k of ['cpu', 'memory']) if (typeof body[k] === 'number') body[k] = String(body[k]);
  if (Array.isArray(body.containerDefinitions)) {
    body.containerDefinitions = body.containerDefinitions.map((c: unknown) => {
      if (!isObj(c)) return c;
      const out: Record<string, unknown> = { ...c };
      for (const k of ['cpu', 'memory', 'memoryReservation']) {
        const v = out[k];
        if (typeof v === 'string' && /^\d+$/.test(v.trim())) out[k] = Number(v);
      }
      return out;
    });
  }
  return body;
}

function serviceBody(ctx: TemplateContext, r: TemplateResource, members: Obj): Record<string, unknown> {
  const { name } = ctx.names.service(r.logicalId);
  const body = withFirst('serviceName', name, members);
  if (typeof body.cluster === 'string') body.cluster = nameOfArn(body.cluster);
  return body;
}

/** A policy names its target by `ScalingTargetId` (`resourceId|dimension|namespace`) or by the three fields. */
function scalingPolicyBody(ctx: TemplateContext, r: TemplateResource, props: Obj): Obj {
  const { ScalingTargetId, ...rest } = props;
  if (ScalingTargetId === undefined) return rest;
  const parts = typeof ScalingTargetId === 'string' ? ScalingTargetId.split('|') : [];
  if (parts.length !== 3 || parts.some((p) => p === '')) {
    warn(ctx, [...r.path, 'Properties', 'ScalingTargetId'], `ScalingTargetId ${describeValue(ScalingTargetId)} does not name a scalable target of this template; the policy's ResourceId, ScalableDimension and ServiceNamespace stay as written`);
    return rest;
  }
  const [ResourceId, ScalableDimension, ServiceNamespace] = parts as [string, string, string];
  return { ...rest, ResourceId: rest.ResourceId ?? ResourceId, ScalableDimension: rest.ScalableDimension ?? ScalableDimension, ServiceNamespace: rest.ServiceNamespace ?? ServiceNamespace };
}

/** `ClusterCapacityProviderAssociations` sets its cluster's capacity providers and default strategy. */
function foldAssociation(ctx: TemplateContext, a: TemplateResource, clusters: { source: string; body: Record<string, unknown> }[]): void {
  const members = toEcsMembers(a.properties) as Obj;
  const clusterName = typeof members.cluster === 'string' ? nameOfArn(members.cluster) : undefined;
  const target = clusters.find((c) => c.body.clusterName === clusterName);
  if (target === undefined) {
    warn(ctx, [...a.path, 'Properties', 'Cluster'], `${a.logicalId} sets the capacity providers of cluster ${describeValue(clusterName)}, which this template does not define; ignored`);
    return;
  }
  if (members.capacityProviders !== undefined) target.body.capacityProviders = members.capacityProviders;
  if (members.defaultCapacityProviderStrategy !== undefined) target.body.defaultCapacityProviderStrategy = members.defaultCapacityProviderStrategy;
}
