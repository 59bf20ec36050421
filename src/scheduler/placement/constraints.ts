/**
 * Task placement constraints (`distinctInstance`, `memberOf`): validation of what a task definition or a request
 * (RunTask, StartTask, CreateService, UpdateService) carries, and the binding check of one candidate instance.
 *
 * Sources: DG task-placement-constraints.html ("distinctInstance … can be specified when either running a task or
 * creating a new service"; memberOf also in task definitions), API `PlacementConstraint` ("The expression can have
 * a maximum length of 2000 characters. You can't specify an expression if the constraint type is
 * distinctInstance."), reference §6.3 (≤ 10 constraints per task, task definition and request combined).
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { MAX_QUERY_LENGTH, type QueryExpr } from './query/ast.js';
import { evaluateQuery, type QuerySubject } from './query/evaluateQuery.js';
import { parseQuery } from './query/parseQuery.js';

/** At most this many constraints apply to a task, task definition and request combined (reference §6.3). */
export const MAX_PLACEMENT_CONSTRAINTS = 10;

/** Failure reason when a candidate fails a `memberOf` constraint (RunTask `failures[].reason`, reference §6.5). */
export const MEMBER_OF_UNSATISFIED = 'MemberOf placement constraint unsatisfied';
/** Failure reason when a candidate fails `distinctInstance` (wording UNVERIFIED, reference §6.5). */
export const DISTINCT_INSTANCE_UNSATISFIED = 'DistinctInstance placement constraint unsatisfied';

/** A placement constraint as it arrives in the ECS API (`{type, expression}`), before validation. */
export interface PlacementConstraintInput {
  readonly type?: string;
  readonly expression?: string;
}

/** A validated constraint; `memberOf` carries its parsed query. */
export type PlacementConstraint =
  | { readonly type: 'distinctInstance' }
  | { readonly type: 'memberOf'; readonly expression: string; readonly query: QueryExpr };

/** Why a constraint list was refused: the ECS exception, its message, and the index of the offending constraint. */
export interface ConstraintError {
  readonly name: 'InvalidParameterException' | 'ClientException';
  readonly message: string;
  readonly index?: number;
}

/** Where the constraints come from: a task definition (RegisterTaskDefinition) or a request (RunTask, services). */
export type ConstraintSource = 'taskDefinition' | 'request';

function validateOne(c: PlacementConstraintInput, index: number, source: ConstraintSource): E.Either<ConstraintError, PlacementConstraint> {
  // RegisterTaskDefinition reports constraint problems as ClientException; requests as InvalidParameterException.
  const name = source === 'taskDefinition' ? 'ClientException' : 'InvalidParameterException';
  const fail = (message: string, exception: ConstraintError['name'] = name) => E.left({ name: exception, message, index });
  if (c.type === 'distinctInstance') {
    // Observed: "constraint.type 'distinctInstance' is not supported." (ClientException, aws-samples/aws-cdk-examples#628).
    if (source === 'taskDefinition') return fail("constraint.type 'distinctInstance' is not supported.");
    // Observed verbatim, also for an empty string (hashicorp/terraform#11471).
    if (c.expression !== undefined) return fail('distinctInstance expression should not be specified.');
    return E.right({ type: 'distinctInstance' });
  }
  if (c.type === 'memberOf') {
    // Wording UNVERIFIED: mirrors the distinctInstance message above.
    if (c.expression === undefined || c.expression.trim() === '') return fail('memberOf expression must be specified.');
    if (c.expression.length > MAX_QUERY_LENGTH) {
      return fail(`The memberOf expression is ${c.expression.length} characters long; the maximum is ${MAX_QUERY_LENGTH}.`);
    }
    const parsed = parseQuery(c.expression);
    if (E.isLeft(parsed)) return fail(parsed.left.message);
    return E.right({ type: 'memberOf', expression: c.expression, query: parsed.right });
  }
  // Wording of the unknown-type message follows the observed task definition one above (UNVERIFIED for requests).
  return fail(`constraint.type '${String(c.type ?? '')}' is not supported.`);
}

/**
 * Validates placement constraints: each `distinctInstance` without an expression (and never in a task definition),
 * each `memberOf` with a valid cluster query, at most {@link MAX_PLACEMENT_CONSTRAINTS} in all. Pass the task
 * definition's and the request's constraints together to check the combined limit. Never throws.
 *
 * @example
 * validateConstraints([{ type: 'memberOf', expression: 'attribute:ecs.instance-type =~ t2.*' }])
 * // right([{ type: 'memberOf', expression: '…', query: { _tag: 'Match', … } }])
 */
export function validateConstraints(
  constraints: readonly PlacementConstraintInput[],
  options: { readonly source?: ConstraintSource } = {},
): E.Either<ConstraintError, readonly PlacementConstraint[]> {
  const source = options.source ?? 'request';
  if (!Array.isArray(constraints)) {
    return E.left({ name: 'InvalidParameterException', message: 'placementConstraints must be a list.' });
  }
  if (constraints.length > MAX_PLACEMENT_CONSTRAINTS) {
    // Wording UNVERIFIED; the limit is documented (reference §6.3).
    return E.left({
      name: source === 'taskDefinition' ? 'ClientException' : 'InvalidParameterException',
      message: `Too many placement constraints: ${constraints.length} given (task definition and request combined); the maximum is ${MAX_PLACEMENT_CONSTRAINTS}.`,
    });
  }
  const out: PlacementConstraint[] = [];
  for (let i = 0; i < constraints.length; i++) {
    const c: unknown = constraints[i];
    if (typeof c !== 'object' || c === null) {
      return E.left({ name: 'InvalidParameterException', message: `placementConstraints[${i}] must be an object.`, index: i });
    }
    const r = validateOne(c as PlacementConstraintInput, i, source);
    if (E.isLeft(r)) return r;
    out.push(r.right);
  }
  return E.right(out);
}

/** What the constraint check needs beyond the instance: the task's group and how many of a group run there. */
export interface ConstraintContext {
  /** The group of the task being placed (`service:<name>` for service tasks, `family:<name>` by default). */
  readonly taskGroup: string;
  /** Tasks of `group` already on the candidate instance (running or being placed in this pass). */
  groupOnInstance(group: string): number;
}

/**
 * The reason the candidate fails the first constraint it fails, or `undefined` when it satisfies them all.
 * `distinctInstance` fails when a task of the same group is already on the instance; `memberOf` when its query is
 * false for the instance.
 */
export function unsatisfiedConstraint(
  constraints: readonly PlacementConstraint[],
  subject: QuerySubject,
  context: ConstraintContext,
): typeof MEMBER_OF_UNSATISFIED | typeof DISTINCT_INSTANCE_UNSATISFIED | undefined {
  for (const c of constraints) {
    if (c.type === 'distinctInstance') {
      if (context.groupOnInstance(context.taskGroup) > 0) return DISTINCT_INSTANCE_UNSATISFIED;
    } else if (!evaluateQuery(c.query, subject)) return MEMBER_OF_UNSATISFIED;
  }
  return undefined;
}

/** True when the candidate instance satisfies every constraint (see {@link unsatisfiedConstraint}). */
export function satisfies(constraints: readonly PlacementConstraint[], subject: QuerySubject, context: ConstraintContext): boolean {
  return unsatisfiedConstraint(constraints, subject, context) === undefined;
}
