/**
 * Finding a task definition from a reference as ECS accepts it: `family` (the latest ACTIVE revision),
 * `family:revision`, or a full ARN `arn:aws:ecs:<region>:<account>:task-definition/<family>[:<revision>]`.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { parseArn, type ArnScope } from '../../domain/arn.js';
import { clientException, invalidParameter, type EcsError } from '../../domain/errors.js';
import { taskDefinitionKey, type TaskDefinition } from '../../domain/taskDefinition.js';
import type { WorldTxn } from '../../domain/txn.js';
import { MAX_NAME_LENGTH, NAME_PATTERN } from './validateFamily.js';

/** A parsed reference: a family and, when given, a revision. */
export interface TaskDefinitionRef {
  readonly family: string;
  readonly revision?: number;
}

const REVISION = /^[1-9]\d{0,8}$/;

/**
 * Parses `ref`. An ARN must name this World's Region and account (another account's definition cannot exist
 * here). Returns `undefined` for anything that cannot name a task definition.
 */
export function parseTaskDefinitionRef(ref: string, scope: ArnScope): TaskDefinitionRef | undefined {
  let body = ref;
  if (ref.startsWith('arn:')) {
    const arn = parseArn(ref);
    if (!arn || arn.resourceType !== 'task-definition' || arn.resourceParts.length !== 1) return undefined;
    if (arn.region !== scope.region || arn.accountId !== scope.accountId) return undefined;
    body = arn.resourceParts[0]!;
  }
  const colon = body.indexOf(':');
  const family = colon < 0 ? body : body.slice(0, colon);
  if (family.length === 0 || family.length > MAX_NAME_LENGTH || !NAME_PATTERN.test(family)) return undefined;
  if (colon < 0) return { family };
  const rev = body.slice(colon + 1);
  return REVISION.test(rev) ? { family, revision: Number(rev) } : undefined;
}

/**
 * The revision `ref` names, whatever its status (Describe, Deregister and Delete see INACTIVE and
 * DELETE_IN_PROGRESS revisions); a bare family means its latest ACTIVE revision. `undefined` when none matches.
 */
export function lookupTaskDefinition(tx: WorldTxn, ref: string): TaskDefinition | undefined {
  const parsed = parseTaskDefinitionRef(ref, tx.config);
  if (!parsed) return undefined;
  const defs = tx.table('taskDefinitions');
  if (parsed.revision !== undefined) return defs.get(taskDefinitionKey(parsed.family, parsed.revision));
  const latest = tx.table('families').get(parsed.family)?.latestActiveRevision;
  return latest === undefined ? undefined : defs.get(taskDefinitionKey(parsed.family, latest));
}

/**
 * Resolves the task definition a new task or service would use: `family` → its latest ACTIVE revision,
 * `family:revision` or an ARN → that revision, which must be ACTIVE.
 *
 * Errors, as ECS answers them: unknown → `ClientException` "TaskDefinition not found." (observed from
 * CreateService, Cloud-CV/EvalAI#2419); INACTIVE or DELETE_IN_PROGRESS → `InvalidParameterException`
 * "TaskDefinition is inactive" (observed from RunTask, DefangLabs/defang#775).
 *
 * @example
 * ```ts
 * const td = resolveTaskDefinition(tx, 'web'); // Right(latest ACTIVE revision of family "web")
 * ```
 */
export function resolveTaskDefinition(tx: WorldTxn, ref: string): E.Either<EcsError, TaskDefinition> {
  const td = lookupTaskDefinition(tx, ref);
  if (!td) return E.left(clientException('TaskDefinition not found.'));
  if (td.status !== 'ACTIVE') return E.left(invalidParameter('TaskDefinition is inactive'));
  return E.right(td);
}
