/**
 * Validating the placement part of an EC2 launch (RunTask, StartTask, and services on EC2): the task definition's
 * and the request's `placementConstraints` together (at most 10, each a valid `distinctInstance` or a `memberOf`
 * with a valid cluster query — reference §6.3), and `placementStrategy` (at most 5, each `binpack` on cpu or
 * memory, `spread` on `instanceId`, `host` or `attribute:<name>`, or `random` — reference §6.2).
 *
 * Wording: the limits are documented; the texts for a bad strategy are the twin's (UNVERIFIED), each naming the
 * entry and what it should be.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { ecsError, invalidParameter, type EcsError } from '../../domain/errors.js';
import type { TaskDefinition } from '../../domain/taskDefinition.js';
import { validateConstraints, type PlacementConstraint } from '../placement/constraints.js';
import { MAX_STRATEGIES } from '../placement/place.js';
import type { PlacementStrategy } from '../placement/types.js';

/**
 * ECS's placement for a service on EC2 without strategies: spread across Availability Zones, then across the
 * instances of a zone ("sort valid instances by fewest tasks of this service in the instance's AZ, then fewest
 * tasks of this service on the instance", reference §6.2).
 */
export const DEFAULT_EC2_SERVICE_STRATEGIES: readonly PlacementStrategy[] = [
  { type: 'spread', field: 'attribute:ecs.availability-zone' },
  { type: 'spread', field: 'instanceId' },
];

/** Longest strategy `field` ECS accepts (reference §6.2). */
const MAX_FIELD_LENGTH = 255;

/** A constraint or strategy entry as the request codecs decode it. */
interface Entry {
  readonly type?: string | undefined;
  readonly field?: string | undefined;
  readonly expression?: string | undefined;
}

/** The validated placement of a launch. */
export interface Ec2PlacementChoice {
  readonly constraints: readonly PlacementConstraint[];
  readonly strategies: readonly PlacementStrategy[];
}

/** The constraints a task definition carries (`memberOf` only; RegisterTaskDefinition has checked them). */
function definitionConstraints(td: TaskDefinition): Entry[] {
  const raw = (td.wire as { placementConstraints?: unknown }).placementConstraints;
  return Array.isArray(raw) ? (raw as Entry[]) : [];
}

function validateStrategy(s: Entry, i: number): E.Either<EcsError, PlacementStrategy> {
  const at = `placementStrategy[${i}]`;
  const field = s.field;
  if (field !== undefined && field.length > MAX_FIELD_LENGTH) {
    return E.left(invalidParameter(`${at}.field is ${field.length} characters long; the maximum is ${MAX_FIELD_LENGTH}.`));
  }
  switch (s.type) {
    case 'random':
      if (field !== undefined) return E.left(invalidParameter(`${at}: a random strategy takes no field.`));
      return E.right({ type: 'random' });
    case 'binpack':
      if (field !== 'cpu' && field !== 'memory') {
        return E.left(invalidParameter(`${at}.field must be cpu or memory for a binpack strategy, got ${JSON.stringify(field ?? null)}.`));
      }
      return E.right({ type: 'binpack', field });
    case 'spread': {
      if (field === 'instanceId' || field === 'host') return E.right({ type: 'spread', field });
      if (field !== undefined && field.startsWith('attribute:') && field.length > 'attribute:'.length) {
        return E.right({ type: 'spread', field: field as `attribute:${string}` });
      }
      return E.left(
        invalidParameter(`${at}.field must be instanceId, host or attribute:<name> for a spread strategy, got ${JSON.stringify(field ?? null)}.`),
      );
    }
    default:
      return E.left(invalidParameter(`${at}.type must be one of random, spread, binpack, got ${JSON.stringify(s.type ?? null)}.`));
  }
}

/**
 * Validates the placement of an EC2 launch of `td` with the request's constraints and strategies; an empty or
 * absent strategy list gives `defaults` (random for RunTask, spread across zones for services: reference §6.2).
 */
export function validateEc2Placement(
  td: TaskDefinition,
  constraints: readonly Entry[] | undefined,
  strategies: readonly Entry[] | undefined,
  defaults: readonly PlacementStrategy[],
): E.Either<EcsError, Ec2PlacementChoice> {
  const all = [...definitionConstraints(td), ...(constraints ?? [])].map((c) => ({
    ...(c.type !== undefined ? { type: c.type } : {}),
    ...(c.expression !== undefined ? { expression: c.expression } : {}),
  }));
  const validated = validateConstraints(all, { source: 'request' });
  if (E.isLeft(validated)) return E.left(ecsError(validated.left.name, validated.left.message));
  const given = strategies ?? [];
  if (given.length > MAX_STRATEGIES) {
    return E.left(invalidParameter(`Too many placement strategies: ${given.length} given; the maximum is ${MAX_STRATEGIES}.`));
  }
  const out: PlacementStrategy[] = [];
  for (const [i, s] of given.entries()) {
    const v = validateStrategy(s, i);
    if (E.isLeft(v)) return v;
    out.push(v.right);
  }
  return E.right({ constraints: validated.right, strategies: out.length > 0 ? out : defaults });
}
