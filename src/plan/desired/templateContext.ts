/**
 * What resolving a CloudFormation template needs to know: its parameters, conditions, mappings and resources, the
 * pseudo parameters, and where problems (errors that stop the read) and warnings (placeholders, guesses) go.
 *
 * @module
 */
import type { Issue, Path } from '../../sim/scenario/problems.js';
import { isRecord } from '../../codecs/isRecord.js';

/** A JSON object (not a list, not null). */
export type Obj = Readonly<Record<string, unknown>>;

export const isObj: (u: unknown) => u is Obj = isRecord;

/** One resource of the template as written. */
export interface TemplateResource {
  readonly logicalId: string;
  readonly type: string;
  readonly properties: Obj;
  /** `['Resources', logicalId]`. */
  readonly path: Path;
  /** The resource's `Condition` attribute, as written. */
  readonly condition?: unknown;
}

/** A template parameter's declaration. */
export interface TemplateParameter {
  readonly type: string;
  readonly default?: unknown;
}

/** The names ECS resources of the template get, computed once (a cluster's name, a task definition's family, …). */
export interface ResourceNames {
  clusterName(logicalId: string): string;
  family(logicalId: string): string;
  service(logicalId: string): { readonly name: string; readonly cluster: string };
  /** CloudFormation's physical id of a scalable target: `resourceId|scalableDimension|serviceNamespace`. */
  scalableTargetId(logicalId: string): string;
}

/** The state of one template's resolution. */
export interface TemplateContext {
  readonly resources: ReadonlyMap<string, TemplateResource>;
  readonly parameters: ReadonlyMap<string, TemplateParameter>;
  /** Values given from outside (`--parameters`). */
  readonly parameterValues: Readonly<Record<string, string>>;
  readonly conditions: Obj;
  readonly mappings: Obj;
  readonly region: string;
  readonly accountId: string;
  readonly stackName: string;
  readonly errors: Issue[];
  readonly warnings: Issue[];
  /** Names being computed or conditions being evaluated, to report cycles instead of looping. */
  readonly inProgress: Set<string>;
  readonly conditionValues: Map<string, boolean>;
  /** Set once the context is complete (names depend on resolution, and resolution on names). */
  names: ResourceNames;
  /** How many placeholders have been made so far (a condition that used one cannot be evaluated). */
  placeholders: number;
}

/** `aws`, `aws-cn` or `aws-us-gov`, from the Region. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** Records an error and returns `undefined`, so resolvers can `return error(...)`. */
export function error(ctx: TemplateContext, path: Path, message: string, at?: 'key'): undefined {
  if (!ctx.errors.some((e) => samePath(e.path, path) && e.message === message)) ctx.errors.push(at === undefined ? { path, message } : { path, message, at });
  return undefined;
}

/** Records a warning once per place and message (a value resolved twice warns once). */
export function warn(ctx: TemplateContext, path: Path, message: string): void {
  if (!ctx.warnings.some((w) => samePath(w.path, path) && w.message === message)) ctx.warnings.push({ path, message });
}

/** A named placeholder for a value that exists only once the stack does (`${Ref:TaskRole}`), with its warning. */
export function placeholder(ctx: TemplateContext, path: Path, name: string, why: string): string {
  ctx.placeholders += 1;
  const value = `\${${name}}`;
  warn(ctx, path, `${why}; kept as the placeholder ${value}`);
  return value;
}

function samePath(a: Path, b: Path): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}
