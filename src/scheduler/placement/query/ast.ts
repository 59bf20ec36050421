/**
 * The cluster query language as data: the syntax tree that {@link parseQuery} builds, {@link printQuery} prints and
 * {@link evaluateQuery} evaluates, plus the tables of subjects and operators taken from the ECS Developer Guide
 * ("Create expressions to define container instances for Amazon ECS tasks",
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-query-language.html).
 *
 * @module
 */

/** The fields a query can test, besides `attribute:<name>` (docs: "Subject"). */
export type QueryField =
  | 'agentConnected'
  | 'agentVersion'
  | 'ec2InstanceId'
  | 'registeredAt'
  | 'runningTasksCount'
  | 'task:group';

/** What a comparison tests: a container instance attribute, or one of the documented fields. */
export type QuerySubjectRef =
  | { readonly _tag: 'Attribute'; readonly name: string }
  | { readonly _tag: 'Field'; readonly field: QueryField };

/** Ordered and equality comparisons (`==`, `!=`, `>`, `>=`, `<`, `<=`). */
export type CompareOperator = '==' | '!=' | '>' | '>=' | '<' | '<=';

/** `subject exists` / `subject !exists`. */
export interface ExistsExpr {
  readonly _tag: 'Exists';
  readonly subject: QuerySubjectRef;
  readonly negated: boolean;
}

/** `subject <op> value` with one of {@link CompareOperator}. */
export interface CompareExpr {
  readonly _tag: 'Compare';
  readonly subject: QuerySubjectRef;
  readonly operator: CompareOperator;
  readonly value: string;
}

/** `subject in [a, b]` / `subject not_in [a, b]`. */
export interface MemberExpr {
  readonly _tag: 'Member';
  readonly subject: QuerySubjectRef;
  readonly negated: boolean;
  readonly values: readonly string[];
}

/** `subject =~ pattern` / `subject !~ pattern` (Java regular expression, whole-value match). */
export interface MatchExpr {
  readonly _tag: 'Match';
  readonly subject: QuerySubjectRef;
  readonly negated: boolean;
  readonly pattern: string;
}

/** `left and right`. */
export interface AndExpr {
  readonly _tag: 'And';
  readonly left: QueryExpr;
  readonly right: QueryExpr;
}

/** `left or right`. */
export interface OrExpr {
  readonly _tag: 'Or';
  readonly left: QueryExpr;
  readonly right: QueryExpr;
}

/** `not expr`. */
export interface NotExpr {
  readonly _tag: 'Not';
  readonly expr: QueryExpr;
}

/** A single expression (`subject operator [argument]`). */
export type ComparisonExpr = ExistsExpr | CompareExpr | MemberExpr | MatchExpr;

/** A whole cluster query: single expressions combined with `and`, `or`, `not`. */
export type QueryExpr = ComparisonExpr | AndExpr | OrExpr | NotExpr;

/** The operator families, used to say which operators a subject accepts. */
export type OperatorFamily = 'equality' | 'ordering' | 'exists' | 'member' | 'match';

/**
 * Which operator families each field accepts. The docs list them per field ("Valid operators: …"); `task:group`
 * has no list there, so the twin accepts everything but ordering (a group name has no order). `attribute:*` has
 * no list either and accepts every operator.
 */
export const FIELD_OPERATORS: Readonly<Record<QueryField, ReadonlySet<OperatorFamily>>> = {
  agentConnected: new Set(['equality', 'member', 'match']),
  agentVersion: new Set(['equality', 'ordering']),
  ec2InstanceId: new Set(['equality', 'member', 'match']),
  registeredAt: new Set(['equality', 'ordering']),
  runningTasksCount: new Set(['equality', 'ordering']),
  'task:group': new Set(['equality', 'exists', 'member', 'match']),
};

/** The fields in the order the docs list them; also the words the parser recognises as subjects. */
export const QUERY_FIELDS: readonly QueryField[] = [
  'agentConnected',
  'agentVersion',
  'ec2InstanceId',
  'registeredAt',
  'runningTasksCount',
  'task:group',
];

/** ECS's limit on a placement constraint expression (API `PlacementConstraint.expression`: maximum length 2000). */
export const MAX_QUERY_LENGTH = 2000;

/** How deep parentheses and `not` may nest: ECS documents no limit, the twin bounds recursion (SIM RULE). */
export const MAX_QUERY_DEPTH = 32;

/** The text of a subject as written in a query (`attribute:ecs.instance-type`, `task:group`). */
export function subjectText(subject: QuerySubjectRef): string {
  return subject._tag === 'Attribute' ? `attribute:${subject.name}` : subject.field;
}
