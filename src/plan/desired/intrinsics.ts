/**
 * Resolving CloudFormation's intrinsic functions in a template's ECS resources: `Ref`, `Fn::Sub`, `Fn::Join`,
 * `Fn::Select`, `Fn::Split`, `Fn::GetAtt`, `Fn::If`, `Fn::FindInMap`, `Fn::Base64`, and conditions. What can be
 * known before the stack exists (parameters, pseudo parameters, the names of the template's own ECS resources)
 * is resolved; what cannot (a role's ARN, a target group, a subnet created by the stack) becomes a named
 * placeholder such as `${Ref:TaskRole}` with a warning that says which reference and where.
 *
 * @module
 */
import { describeValue } from '../../codecs/reporter.js';
import { closestKey } from '../../codecs/strict.js';
import type { Path } from '../../sim/scenario/problems.js';
import { error, isObj, partitionOf, placeholder, warn, type Obj, type TemplateContext } from './templateContext.js';

/** `Ref: AWS::NoValue`: the property is removed. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/** Sets a key even when it is `__proto__` (plain assignment would change the prototype instead). */
export function setKey(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

const isIntrinsicKey = (k: string): boolean => k === 'Ref' || k.startsWith('Fn::');

/**
 * `v` with every intrinsic function replaced by its value (or a placeholder). `NO_VALUE` when `v` itself is
 * `Ref: AWS::NoValue`; members and items that are drop out. `undefined` when an error was recorded.
 */
export function resolveValue(ctx: TemplateContext, v: unknown, path: Path): unknown {
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    v.forEach((x, i) => {
      const r = resolveValue(ctx, x, [...path, i]);
      if (r !== NO_VALUE && r !== undefined) out.push(r);
    });
    return out;
  }
  if (isObj(v)) {
    const keys = Object.keys(v);
    const only = keys.length === 1 ? keys[0]! : undefined;
    if (only !== undefined && isIntrinsicKey(only)) return resolveIntrinsic(ctx, only, v[only], [...path, only]);
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      const r = resolveValue(ctx, v[k], [...path, k]);
      if (r !== NO_VALUE && r !== undefined) setKey(out, k, r);
    }
    return out;
  }
  return v;
}

function resolveIntrinsic(ctx: TemplateContext, fn: string, arg: unknown, path: Path): unknown {
  switch (fn) {
    case 'Ref':
      return typeof arg === 'string' ? resolveRef(ctx, arg, path) : error(ctx, path, `Ref takes a logical id or parameter name, got ${describeValue(arg)}`);
    case 'Fn::Sub':
      return resolveSub(ctx, arg, path);
    case 'Fn::Join':
      return resolveJoin(ctx, arg, path);
    case 'Fn::Select':
      return resolveSelect(ctx, arg, path);
    case 'Fn::Split': {
      const [delimiter, source] = pair(ctx, arg, path, 'Fn::Split takes [delimiter, string]');
      return typeof delimiter === 'string' && typeof source === 'string' && delimiter !== '' ? source.split(delimiter) : splitError(ctx, path, delimiter, source);
    }
    case 'Fn::GetAtt':
      return resolveGetAttArg(ctx, arg, path);
    case 'Fn::If':
      return resolveIf(ctx, arg, path);
    case 'Fn::FindInMap':
      return resolveFindInMap(ctx, arg, path);
    case 'Fn::Base64': {
      const s = resolveValue(ctx, arg, path);
      return typeof s === 'string' ? Buffer.from(s, 'utf8').toString('base64') : error(ctx, path, `Fn::Base64 takes a string, got ${describeValue(s)}`);
    }
    case 'Fn::ImportValue': {
      const name = resolveValue(ctx, arg, path);
      return placeholder(ctx, path, `ImportValue:${typeof name === 'string' ? name : '?'}`, 'Fn::ImportValue reads another stack\'s export, which is not known here');
    }
    case 'Fn::Equals':
    case 'Fn::And':
    case 'Fn::Or':
    case 'Fn::Not':
      return error(ctx, path, `${fn} may be used only in Conditions (use Fn::If with a condition name in properties)`);
    default:
      return placeholder(ctx, path, fn, `${fn} is not evaluated by ecs-twin`);
  }
}

function splitError(ctx: TemplateContext, path: Path, delimiter: unknown, source: unknown): undefined {
  if (delimiter === undefined && source === undefined) return undefined;
  return error(ctx, path, `Fn::Split takes [a non-empty delimiter, a string], got [${describeValue(delimiter)}, ${describeValue(source)}]`);
}

/** The two resolved arguments of a `[a, b]` function, or `[undefined, undefined]` after an error. */
function pair(ctx: TemplateContext, arg: unknown, path: Path, usage: string): [unknown, unknown] {
  if (!Array.isArray(arg) || arg.length !== 2) {
    error(ctx, path, `${usage}, got ${describeValue(arg)}`);
    return [undefined, undefined];
  }
  return [resolveValue(ctx, arg[0], [...path, 0]), resolveValue(ctx, arg[1], [...path, 1])];
}

/** A scalar as CloudFormation turns it into text (numbers and booleans are written as they read). */
function asText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** The value of `Ref name`. */
export function resolveRef(ctx: TemplateContext, name: string, path: Path): unknown {
  const region = ctx.region;
  const partition = partitionOf(region);
  switch (name) {
    case 'AWS::NoValue':
      return NO_VALUE;
    case 'AWS::Region':
      return region;
    case 'AWS::AccountId':
      return ctx.accountId;
    case 'AWS::StackName':
      return ctx.stackName;
    case 'AWS::Partition':
      return partition;
    case 'AWS::URLSuffix':
      return partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
    case 'AWS::StackId':
    case 'AWS::NotificationARNs':
      return placeholder(ctx, path, name, `${name} is known only once the stack exists`);
  }
  const parameter = ctx.parameters.get(name);
  if (parameter !== undefined) return parameterValue(ctx, name, parameter, path);
  const resource = ctx.resources.get(name);
  if (resource === undefined) {
    const known = [...ctx.parameters.keys(), ...ctx.resources.keys()];
    const hint = closestKey(name, known);
    return error(ctx, path, `Ref to '${name}', which is neither a parameter nor a resource of the template${hint === undefined ? '' : ` (did you mean '${hint}'?)`}`);
  }
  switch (resource.type) {
    case 'AWS::ECS::Cluster':
      return ctx.names.clusterName(name);
    case 'AWS::ECS::TaskDefinition':
      // CloudFormation's Ref is the revision's ARN; the family names the latest revision, which the plan registers.
      return ctx.names.family(name);
    case 'AWS::ECS::Service': {
      const s = ctx.names.service(name);
      return `arn:${partition}:ecs:${region}:${ctx.accountId}:service/${s.cluster}/${s.name}`;
    }
    case 'AWS::ApplicationAutoScaling::ScalableTarget':
      return ctx.names.scalableTargetId(name);
    default:
      return placeholder(ctx, path, `Ref:${name}`, `Ref ${name} (${resource.type}) cannot be resolved before the stack exists`);
  }
}

function parameterValue(ctx: TemplateContext, name: string, parameter: { readonly type: string; readonly default?: unknown }, path: Path): unknown {
  const given = Object.prototype.hasOwnProperty.call(ctx.parameterValues, name) ? ctx.parameterValues[name] : undefined;
  if (given === undefined && parameter.type.startsWith('AWS::SSM::Parameter::Value<')) {
    return placeholder(ctx, path, `SSM:${asText(parameter.default) ?? name}`, `parameter ${name} is read from SSM Parameter Store when the stack is deployed; give its value in the parameters`);
  }
  const raw = given ?? (Array.isArray(parameter.default) ? parameter.default.map(asText).join(',') : asText(parameter.default));
  if (raw === undefined) return placeholder(ctx, path, `Ref:${name}`, `parameter ${name} has no value and no Default; give it in the parameters`);
  const isList = parameter.type.startsWith('List<') || parameter.type === 'CommaDelimitedList';
  return isList ? raw.split(',').map((s) => s.trim()) : raw;
}

function resolveSub(ctx: TemplateContext, arg: unknown, path: Path): unknown {
  let template: unknown = arg;
  let vars: Obj = {};
  let templatePath = path;
  if (Array.isArray(arg)) {
    if (arg.length !== 2 || !isObj(arg[1])) return error(ctx, path, `Fn::Sub takes a string or [string, { variable: value }], got ${describeValue(arg)}`);
    template = arg[0];
    vars = arg[1];
    templatePath = [...path, 0];
  }
  if (typeof template !== 'string') return error(ctx, templatePath, `Fn::Sub takes a string template, got ${describeValue(template)}`);
  let failed = false;
  const out = template.replace(/\$\{([^}]*)\}/g, (_m, inner: string) => {
    if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
    const name = inner.trim();
    let value: unknown;
    if (Object.prototype.hasOwnProperty.call(vars, name)) value = resolveValue(ctx, vars[name], [...path, 1, name]);
    else if (name.includes('.') && !name.startsWith('AWS::')) {
      const dot = name.indexOf('.');
      value = resolveGetAtt(ctx, name.slice(0, dot), name.slice(dot + 1), templatePath);
    } else value = resolveRef(ctx, name, templatePath);
    const text = asText(value);
    if (text === undefined) {
      if (value !== undefined) error(ctx, templatePath, `\${${name}} in Fn::Sub is ${value === NO_VALUE ? 'AWS::NoValue' : describeValue(value)}, not a string`);
      failed = true;
      return '';
    }
    return text;
  });
  return failed ? undefined : out;
}

function resolveJoin(ctx: TemplateContext, arg: unknown, path: Path): unknown {
  const [delimiter, list] = pair(ctx, arg, path, 'Fn::Join takes [delimiter, [values]]');
  if (delimiter === undefined || list === undefined) return undefined;
  if (typeof delimiter !== 'string') return error(ctx, [...path, 0], `Fn::Join's delimiter must be a string, got ${describeValue(delimiter)}`);
  if (!Array.isArray(list)) return error(ctx, [...path, 1], `Fn::Join joins a list, got ${describeValue(list)}`);
  const parts: string[] = [];
  for (const [i, item] of list.entries()) {
    const text = asText(item);
    if (text === undefined) return error(ctx, [...path, 1, i], `Fn::Join joins strings, got ${describeValue(item)}`);
    parts.push(text);
  }
  return parts.join(delimiter);
}

function resolveSelect(ctx: TemplateContext, arg: unknown, path: Path): unknown {
  const [index, list] = pair(ctx, arg, path, 'Fn::Select takes [index, [values]]');
  if (index === undefined || list === undefined) return undefined;
  const i = typeof index === 'number' ? index : typeof index === 'string' && /^\d{1,6}$/.test(index) ? Number(index) : NaN;
  if (!Number.isInteger(i) || i < 0) return error(ctx, [...path, 0], `Fn::Select's index must be a whole number ≥ 0, got ${describeValue(index)}`);
  // A list that is itself a placeholder (`${GetAZs}`): its item is a placeholder too (already warned about).
  if (typeof list === 'string' && /^\$\{.*\}$/s.test(list)) return `${list.slice(0, -1)}[${i}]}`;
  if (!Array.isArray(list)) return error(ctx, [...path, 1], `Fn::Select selects from a list, got ${describeValue(list)}`);
  if (i >= list.length) return error(ctx, [...path, 0], `Fn::Select's index ${i} is beyond the list's ${list.length} values`);
  return list[i];
}

function resolveGetAttArg(ctx: TemplateContext, arg: unknown, path: Path): unknown {
  const parts = typeof arg === 'string' ? [arg.slice(0, Math.max(0, arg.indexOf('.'))), arg.slice(arg.indexOf('.') + 1)] : arg;
  if (!Array.isArray(parts) || parts.length !== 2 || typeof parts[0] !== 'string' || parts[0] === '') {
    return error(ctx, path, `Fn::GetAtt takes [logicalId, attribute], got ${describeValue(arg)}`);
  }
  const attribute = resolveValue(ctx, parts[1], [...path, 1]);
  if (typeof attribute !== 'string') return attribute === undefined ? undefined : error(ctx, [...path, 1], `Fn::GetAtt's attribute must be a string, got ${describeValue(attribute)}`);
  return resolveGetAtt(ctx, parts[0], attribute, path);
}

/** The value of `Fn::GetAtt [logicalId, attribute]`. */
export function resolveGetAtt(ctx: TemplateContext, logicalId: string, attribute: string, path: Path): unknown {
  const resource = ctx.resources.get(logicalId);
  if (resource === undefined) {
    const hint = closestKey(logicalId, [...ctx.resources.keys()]);
    return error(ctx, path, `Fn::GetAtt names '${logicalId}', which is not a resource of the template${hint === undefined ? '' : ` (did you mean '${hint}'?)`}`);
  }
  const arnPrefix = `arn:${partitionOf(ctx.region)}:ecs:${ctx.region}:${ctx.accountId}`;
  if (resource.type === 'AWS::ECS::Cluster' && attribute === 'Arn') return `${arnPrefix}:cluster/${ctx.names.clusterName(logicalId)}`;
  if (resource.type === 'AWS::ECS::Service' && (attribute === 'Name' || attribute === 'ServiceArn')) {
    const s = ctx.names.service(logicalId);
    return attribute === 'Name' ? s.name : `${arnPrefix}:service/${s.cluster}/${s.name}`;
  }
  // The revision is not known before registration; the family stands for the latest, which the plan registers.
  if (resource.type === 'AWS::ECS::TaskDefinition' && attribute === 'TaskDefinitionArn') return ctx.names.family(logicalId);
  return placeholder(ctx, path, `GetAtt:${logicalId}.${attribute}`, `Fn::GetAtt ${logicalId}.${attribute} (${resource.type}) cannot be resolved before the stack exists`);
}

function resolveIf(ctx: TemplateContext, arg: unknown, path: Path): unknown {
  if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string') return error(ctx, path, `Fn::If takes [conditionName, valueIfTrue, valueIfFalse], got ${describeValue(arg)}`);
  const holds = conditionHolds(ctx, arg[0], [...path, 0]);
  return holds ? resolveValue(ctx, arg[1], [...path, 1]) : resolveValue(ctx, arg[2], [...path, 2]);
}

function resolveFindInMap(ctx: TemplateContext, arg: unknown, path: Path): unknown {
  if (!Array.isArray(arg) || arg.length !== 3) return error(ctx, path, `Fn::FindInMap takes [mapName, topLevelKey, secondLevelKey], got ${describeValue(arg)}`);
  const keys = arg.map((k, i) => asText(resolveValue(ctx, k, [...path, i])));
  if (keys.some((k) => k === undefined)) return error(ctx, path, 'Fn::FindInMap\'s keys must resolve to strings');
  const [m, top, second] = keys as [string, string, string];
  const map = ctx.mappings[m];
  const level = isObj(map) ? map[top] : undefined;
  const value = isObj(level) ? level[second] : undefined;
  if (value === undefined) return error(ctx, path, `Fn::FindInMap: Mappings has no ${m}.${top}.${second}`);
  return value;
}

/**
 * Whether the named condition holds. A condition that cannot be evaluated (it compares a value known only once
 * the stack exists) is taken as true, with a warning at `usePath`.
 */
export function conditionHolds(ctx: TemplateContext, name: string, usePath: Path): boolean {
  const state = conditionState(ctx, name, usePath);
  if (state === 'unknown') {
    warn(ctx, usePath, `condition ${name} cannot be evaluated before the stack exists; taken as true`);
    return true;
  }
  return state;
}

function conditionState(ctx: TemplateContext, name: string, usePath: Path): boolean | 'unknown' {
  const cached = ctx.conditionValues.get(name);
  if (cached !== undefined) return cached;
  if (!Object.prototype.hasOwnProperty.call(ctx.conditions, name)) {
    const hint = closestKey(name, Object.keys(ctx.conditions));
    error(ctx, usePath, `no condition named '${name}' in Conditions${hint === undefined ? '' : ` (did you mean '${hint}'?)`}`);
    return true;
  }
  const key = `condition:${name}`;
  if (ctx.inProgress.has(key)) {
    error(ctx, ['Conditions', name], `condition ${name} depends on itself`);
    return true;
  }
  ctx.inProgress.add(key);
  const state = evaluateCondition(ctx, ctx.conditions[name], ['Conditions', name]);
  ctx.inProgress.delete(key);
  if (state !== 'unknown') ctx.conditionValues.set(name, state);
  return state;
}

function evaluateCondition(ctx: TemplateContext, v: unknown, path: Path): boolean | 'unknown' {
  const keys = isObj(v) ? Object.keys(v) : [];
  const fn = keys.length === 1 ? keys[0]! : undefined;
  const arg = fn === undefined ? undefined : (v as Obj)[fn];
  const at = fn === undefined ? path : [...path, fn];
  switch (fn) {
    case 'Fn::Equals': {
      const before = ctx.placeholders;
      const [a, b] = pair(ctx, arg, at, 'Fn::Equals takes [value, value]');
      if (ctx.placeholders !== before) return 'unknown';
      return JSON.stringify(typeof a === 'number' ? String(a) : a) === JSON.stringify(typeof b === 'number' ? String(b) : b);
    }
    case 'Fn::And':
    case 'Fn::Or':
    case 'Fn::Not': {
      if (!Array.isArray(arg) || arg.length === 0 || (fn === 'Fn::Not' && arg.length !== 1)) {
        error(ctx, at, `${fn} takes ${fn === 'Fn::Not' ? 'one condition' : 'a list of conditions'}, got ${describeValue(arg)}`);
        return true;
      }
      const states = arg.map((c, i) => evaluateCondition(ctx, c, [...at, i]));
      if (fn === 'Fn::Not') return states[0] === 'unknown' ? 'unknown' : !states[0];
      if (fn === 'Fn::And') return states.includes(false) ? false : states.includes('unknown') ? 'unknown' : true;
      return states.includes(true) ? true : states.includes('unknown') ? 'unknown' : false;
    }
    case 'Condition':
      if (typeof arg !== 'string') {
        error(ctx, at, `Condition takes a condition name, got ${describeValue(arg)}`);
        return true;
      }
      return conditionState(ctx, arg, at);
    default:
      error(ctx, path, `expected a condition (Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition), got ${describeValue(v)}`);
      return true;
  }
}
