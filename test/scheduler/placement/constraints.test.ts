// Placement constraints: validation with ECS's messages and the binding check of a candidate instance.
// Docs: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement-constraints.html
//       https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PlacementConstraint.html
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  DISTINCT_INSTANCE_UNSATISFIED,
  MAX_PLACEMENT_CONSTRAINTS,
  MEMBER_OF_UNSATISFIED,
  satisfies,
  unsatisfiedConstraint,
  validateConstraints,
  type ConstraintContext,
  type PlacementConstraint,
  type PlacementConstraintInput,
} from '../../../src/scheduler/placement/constraints.js';
import type { QuerySubject } from '../../../src/scheduler/placement/query/index.js';

function valid(list: readonly PlacementConstraintInput[], source: 'request' | 'taskDefinition' = 'request'): readonly PlacementConstraint[] {
  const r = validateConstraints(list, { source });
  if (E.isLeft(r)) throw new Error(`expected the constraints to validate: ${r.left.message}`);
  return r.right;
}

function invalid(list: readonly unknown[], source: 'request' | 'taskDefinition' = 'request') {
  const r = validateConstraints(list as readonly PlacementConstraintInput[], { source });
  if (E.isRight(r)) throw new Error('expected the constraints to be refused');
  return r.left;
}

describe('validateConstraints', () => {
  it('accepts the documented examples', () => {
    // task-placement-constraints.html, "Example constraints"
    const list = valid([
      { type: 'memberOf', expression: 'attribute:ecs.instance-type =~ t2.*' },
      { type: 'memberOf', expression: 'task:group == databases' },
      { type: 'distinctInstance' },
    ]);
    expect(list.map((c) => c.type)).toEqual(['memberOf', 'memberOf', 'distinctInstance']);
    expect(list[0]).toMatchObject({ type: 'memberOf', query: { _tag: 'Match', pattern: 't2.*' } });
  });

  it('refuses an expression on distinctInstance, even an empty one, with the observed message', () => {
    // hashicorp/terraform#11471: "InvalidParameterException: distinctInstance expression should not be specified."
    for (const expression of ['', 'attribute:a exists']) {
      expect(invalid([{ type: 'distinctInstance', expression }])).toEqual({
        name: 'InvalidParameterException',
        message: 'distinctInstance expression should not be specified.',
        index: 0,
      });
    }
  });

  it('refuses distinctInstance in a task definition with the observed ClientException', () => {
    // aws-samples/aws-cdk-examples#628: "constraint.type 'distinctInstance' is not supported." (ClientException)
    expect(invalid([{ type: 'distinctInstance' }], 'taskDefinition')).toEqual({
      name: 'ClientException',
      message: "constraint.type 'distinctInstance' is not supported.",
      index: 0,
    });
    expect(valid([{ type: 'memberOf', expression: 'attribute:ecs.os-type == linux' }], 'taskDefinition')).toHaveLength(1);
  });

  it('requires an expression on memberOf', () => {
    for (const c of [{ type: 'memberOf' }, { type: 'memberOf', expression: '  ' }]) {
      expect(invalid([{ type: 'distinctInstance' }, c])).toEqual({
        name: 'InvalidParameterException',
        message: 'memberOf expression must be specified.',
        index: 1,
      });
    }
  });

  it("reports a bad memberOf expression with the parser's message, as ClientException in a task definition", () => {
    const bad = { type: 'memberOf', expression: '(attribute:a exists' };
    const message = "Invalid query expression: unbalanced parentheses: this '(' is never closed at character 1.";
    expect(invalid([bad])).toEqual({ name: 'InvalidParameterException', message, index: 0 });
    expect(invalid([bad], 'taskDefinition')).toEqual({ name: 'ClientException', message, index: 0 });
  });

  it('refuses an expression longer than 2000 characters (API PlacementConstraint: maximum length 2000)', () => {
    const head = 'attribute:a == ';
    expect(valid([{ type: 'memberOf', expression: head + 'x'.repeat(2000 - head.length) }])).toHaveLength(1);
    expect(invalid([{ type: 'memberOf', expression: head + 'x'.repeat(2001 - head.length) }]).message).toBe(
      'The memberOf expression is 2001 characters long; the maximum is 2000.',
    );
  });

  it(`allows ${MAX_PLACEMENT_CONSTRAINTS} constraints in all and refuses more`, () => {
    const c = { type: 'memberOf', expression: 'attribute:ecs.os-type == linux' };
    expect(valid(Array.from({ length: MAX_PLACEMENT_CONSTRAINTS }, () => c))).toHaveLength(10);
    expect(invalid(Array.from({ length: MAX_PLACEMENT_CONSTRAINTS + 1 }, () => c))).toEqual({
      name: 'InvalidParameterException',
      message: 'Too many placement constraints: 11 given (task definition and request combined); the maximum is 10.',
    });
  });

  it('refuses unknown types and non-objects without throwing', () => {
    expect(invalid([{ type: 'spread' }])).toMatchObject({ message: "constraint.type 'spread' is not supported.", index: 0 });
    expect(invalid([{}])).toMatchObject({ message: "constraint.type '' is not supported." });
    expect(invalid([null])).toMatchObject({ message: 'placementConstraints[0] must be an object.' });
    expect(invalid('x' as unknown as unknown[])).toMatchObject({ message: 'placementConstraints must be a list.' });
  });
});

describe('satisfies / unsatisfiedConstraint', () => {
  const instance: QuerySubject = {
    instanceId: 'ci-1',
    attributes: new Map([['ecs.instance-type', 't2.small']]),
    taskGroups: new Set(['service:web']),
  };
  const context = (onInstance: Record<string, number>): ConstraintContext => ({
    taskGroup: 'service:web',
    groupOnInstance: (g) => onInstance[g] ?? 0,
  });

  it('passes an instance that meets every constraint', () => {
    const cs = valid([{ type: 'distinctInstance' }, { type: 'memberOf', expression: 'attribute:ecs.instance-type =~ t2.*' }]);
    expect(unsatisfiedConstraint(cs, instance, context({}))).toBeUndefined();
    expect(satisfies(cs, instance, context({}))).toBe(true);
  });

  it('fails distinctInstance when a task of the same group is already there', () => {
    const cs = valid([{ type: 'distinctInstance' }]);
    expect(unsatisfiedConstraint(cs, instance, context({ 'service:web': 1 }))).toBe(DISTINCT_INSTANCE_UNSATISFIED);
    expect(satisfies(cs, instance, context({ 'service:other': 3 }))).toBe(true);
  });

  it('fails memberOf when the query is false, and reports the first failing constraint', () => {
    const cs = valid([{ type: 'memberOf', expression: 'attribute:ecs.instance-type =~ m5.*' }, { type: 'distinctInstance' }]);
    expect(unsatisfiedConstraint(cs, instance, context({ 'service:web': 1 }))).toBe(MEMBER_OF_UNSATISFIED);
    expect(MEMBER_OF_UNSATISFIED).toBe('MemberOf placement constraint unsatisfied');
    const antiAffinity = valid([{ type: 'memberOf', expression: 'not(task:group == service:web)' }]);
    expect(satisfies(antiAffinity, instance, context({}))).toBe(false);
    expect(satisfies(antiAffinity, { ...instance, taskGroups: new Set() }, context({}))).toBe(true);
  });
});
