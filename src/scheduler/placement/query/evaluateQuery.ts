/**
 * Evaluates a parsed cluster query against one container instance.
 *
 * Semantics (docs: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-query-language.html and
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement-constraints.html):
 * - `==`/`!=` are string equality / inequality; `in`/`not_in` test membership of the list.
 * - A comparison on a subject the instance does not have is false, negated operators included: the docs'
 *   `attribute:stack != prod` "lists the instances with the custom attribute 'stack' unless the attribute value is
 *   'prod'", so an instance without `stack` is not listed. Only `!exists` (and `not (…)`) select on absence.
 * - An attribute present without a value exists and compares as the empty string (SIM RULE).
 * - `task:group` tests the groups of the tasks on the instance: `== g` / `in` / `=~` hold when some task's group
 *   matches, `!= g` / `not_in` / `!~` when none does; `exists` when the instance runs any grouped task (SIM RULE:
 *   the docs give affinity `task:group == service:production` and anti-affinity `not(task:group == database)`).
 * - Ordering: `registeredAt` by instant, `runningTasksCount` as integers, `agentVersion` by version components,
 *   attributes numerically when both sides are numbers, else by code unit (SIM RULE).
 * - `=~` matches the whole value (Java `String.matches`).
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import type { CompareExpr, ComparisonExpr, CompareOperator, QueryExpr, QuerySubjectRef } from './ast.js';
import { compileQueryPattern } from './safeRegex.js';
import { compareAttributeValues, compareVersions, parseQueryCount, parseQueryDate, parseVersion } from './values.js';

/** What a query can see of a container instance. */
export interface QuerySubject {
  /** Built-in (`ecs.availability-zone`, `ecs.instance-type`, `ecs.os-type`, …) and custom attributes; a name
   * mapped to `undefined` is present without a value. */
  readonly attributes: ReadonlyMap<string, string | undefined>;
  /** The container instance id (used by `distinctInstance`, not a query subject: the docs list none). */
  readonly instanceId: string;
  readonly ec2InstanceId?: string;
  /** Registration time, epoch milliseconds. */
  readonly registeredAt?: number;
  /** Groups of the tasks on the instance (`service:web`, `family:x`, custom groups), for `task:group`. */
  readonly taskGroups: ReadonlySet<string>;
  readonly runningTasksCount?: number;
  readonly agentConnected?: boolean;
  readonly agentVersion?: string;
}

// Patterns were checked by parseQuery; compiled ones are memoised (bounded) because a placement pass evaluates
// the same pattern against thousands of instances.
const PATTERN_CACHE = new Map<string, RegExp | null>();
const PATTERN_CACHE_LIMIT = 1024;

function patternOf(pattern: string): RegExp | null {
  const cached = PATTERN_CACHE.get(pattern);
  if (cached !== undefined) return cached;
  const compiled = compileQueryPattern(pattern);
  const re = E.isRight(compiled) ? compiled.right : null;
  if (PATTERN_CACHE.size >= PATTERN_CACHE_LIMIT) PATTERN_CACHE.clear();
  PATTERN_CACHE.set(pattern, re);
  return re;
}

function ordered(c: number, operator: CompareOperator): boolean {
  switch (operator) {
    case '==':
      return c === 0;
    case '!=':
      return c !== 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
  }
}

/** The subject's value as a string, or `undefined` when the instance does not have it. */
function scalarOf(subject: QuerySubjectRef, s: QuerySubject): string | undefined {
  if (subject._tag === 'Attribute') return s.attributes.has(subject.name) ? (s.attributes.get(subject.name) ?? '') : undefined;
  switch (subject.field) {
    case 'agentConnected':
      return s.agentConnected === undefined ? undefined : String(s.agentConnected);
    case 'agentVersion':
      return s.agentVersion;
    case 'ec2InstanceId':
      return s.ec2InstanceId;
    case 'registeredAt':
      return s.registeredAt === undefined ? undefined : String(s.registeredAt);
    case 'runningTasksCount':
      return s.runningTasksCount === undefined ? undefined : String(s.runningTasksCount);
    case 'task:group':
      return undefined;
  }
}

function evaluateCompare(e: CompareExpr, s: QuerySubject): boolean {
  const { subject, operator, value } = e;
  if (subject._tag === 'Field') {
    switch (subject.field) {
      case 'registeredAt': {
        const at = parseQueryDate(value);
        return s.registeredAt !== undefined && at !== undefined && ordered(Math.sign(s.registeredAt - at), operator);
      }
      case 'runningTasksCount': {
        const n = parseQueryCount(value);
        return s.runningTasksCount !== undefined && n !== undefined && ordered(Math.sign(s.runningTasksCount - n), operator);
      }
      case 'agentVersion': {
        if (s.agentVersion === undefined) return false;
        if (operator === '==' || operator === '!=') return (s.agentVersion === value) === (operator === '==');
        const have = parseVersion(s.agentVersion);
        const want = parseVersion(value);
        return have !== undefined && want !== undefined && ordered(compareVersions(have, want), operator);
      }
      case 'task:group':
        return s.taskGroups.has(value) === (operator === '==');
      default:
        break;
    }
  }
  const have = scalarOf(subject, s);
  if (have === undefined) return false;
  if (operator === '==' || operator === '!=') return (have === value) === (operator === '==');
  return ordered(compareAttributeValues(have, value), operator);
}

function evaluateSingle(e: ComparisonExpr, s: QuerySubject): boolean {
  const isGroup = e.subject._tag === 'Field' && e.subject.field === 'task:group';
  switch (e._tag) {
    case 'Exists': {
      const present = isGroup ? s.taskGroups.size > 0 : scalarOf(e.subject, s) !== undefined;
      return present !== e.negated;
    }
    case 'Compare':
      return evaluateCompare(e, s);
    case 'Member': {
      if (isGroup) return e.values.some((v) => s.taskGroups.has(v)) !== e.negated;
      const have = scalarOf(e.subject, s);
      return have !== undefined && e.values.includes(have) !== e.negated;
    }
    case 'Match': {
      const re = patternOf(e.pattern);
      if (re === null) return false;
      if (isGroup) {
        let any = false;
        for (const g of s.taskGroups) if (re.test(g)) any = true;
        return any !== e.negated;
      }
      const have = scalarOf(e.subject, s);
      return have !== undefined && re.test(have) !== e.negated;
    }
  }
}

/**
 * True when the container instance `subject` satisfies `expr`. Pure and total: never throws.
 *
 * @example
 * const q = parseQuery('attribute:ecs.instance-type =~ t2.*')
 * evaluateQuery(q.right, { instanceId: 'ci-1', attributes: new Map([['ecs.instance-type', 't2.small']]), taskGroups: new Set() })
 * // true
 */
export function evaluateQuery(expr: QueryExpr, subject: QuerySubject): boolean {
  switch (expr._tag) {
    case 'And':
      return evaluateQuery(expr.left, subject) && evaluateQuery(expr.right, subject);
    case 'Or':
      return evaluateQuery(expr.left, subject) || evaluateQuery(expr.right, subject);
    case 'Not':
      return !evaluateQuery(expr.expr, subject);
    default:
      return evaluateSingle(expr, subject);
  }
}
