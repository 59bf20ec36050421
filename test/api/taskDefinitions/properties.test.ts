import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect } from 'vitest';
import { createWorld, execute, type World } from '../../../src/index.js';
import { ec2TaskDefinitionArb, fargateTaskDefinitionArb, taskDefinitionRequestArb } from '../../../src/testing/index.js';

type Json = Record<string, unknown>;

/** Members ECS returns but a request may not carry (what a user strips before re-registering). */
const READ_ONLY = ['taskDefinitionArn', 'revision', 'status', 'requiresAttributes', 'compatibilities', 'registeredAt', 'registeredBy', 'deregisteredAt', 'deleteRequestedAt'];
const strip = (td: Json): Json => Object.fromEntries(Object.entries(td).filter(([k]) => !READ_ONLY.includes(k)));

function mustRun(world: World, op: string, input: unknown) {
  const r = execute(world, op, input);
  if (E.isLeft(r)) throw new Error(`${op} rejected a valid input: ${r.left.name}: ${r.left.message}`);
  return r.right as { world: World; output: { taskDefinition: Json; tags?: unknown } };
}

/** A valid request with a few random changes: members replaced by random JSON, removed, or set to null. */
const mangledRequestArb = fc
  .tuple(
    taskDefinitionRequestArb({ maxContainers: 2 }),
    fc.array(
      fc.record({
        path: fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
        op: fc.constantFrom('set', 'delete', 'null'),
        value: fc.jsonValue({ maxDepth: 2 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  )
  .map(([req, edits]) => {
    const copy = JSON.parse(JSON.stringify(req)) as Json;
    for (const { path, op, value } of edits) {
      let node: unknown = copy;
      for (let i = 0; i < path.length; i++) {
        if (typeof node !== 'object' || node === null) break;
        const keys = Object.keys(node);
        if (keys.length === 0) break;
        const key = keys[path[i]! % keys.length]!;
        const last = i === path.length - 1 || typeof (node as Json)[key] !== 'object' || (node as Json)[key] === null;
        if (last) {
          if (op === 'delete') delete (node as Json)[key];
          else (node as Json)[key] = op === 'null' ? null : value;
          break;
        }
        node = (node as Json)[key];
      }
    }
    return copy;
  });

describe('task definition properties', () => {
  test.prop([taskDefinitionRequestArb()])('every generated valid definition is accepted', (req) => {
    const r = execute(createWorld(), 'RegisterTaskDefinition', req);
    expect(E.isRight(r) ? 'accepted' : `${r.left.name}: ${r.left.message}`).toBe('accepted');
  });

  test.prop([fc.oneof(fargateTaskDefinitionArb(), ec2TaskDefinitionArb())])(
    'a described definition, minus read-only fields, re-registers to an equal definition at revision + 1',
    (req) => {
      const first = mustRun(createWorld(), 'RegisterTaskDefinition', req);
      const described = mustRun(first.world, 'DescribeTaskDefinition', { taskDefinition: req.family, include: ['TAGS'] });
      const again = mustRun(described.world, 'RegisterTaskDefinition', { ...strip(described.output.taskDefinition), tags: described.output.tags });
      const td1 = first.output.taskDefinition;
      const td2 = again.output.taskDefinition;
      expect(td2.revision).toBe((td1.revision as number) + 1);
      expect(td2).toEqual({ ...td1, revision: td2.revision, taskDefinitionArn: String(td1.taskDefinitionArn).replace(/:\d+$/, `:${String(td2.revision)}`) });
      expect(JSON.stringify(strip(td2))).toBe(JSON.stringify(strip(td1)));
      expect(again.output.tags).toEqual(first.output.tags);
    },
  );

  test.prop([fc.jsonValue()], { numRuns: 10_000 })('decoding arbitrary JSON never throws', (input) => {
    const r = execute(createWorld(), 'RegisterTaskDefinition', input);
    // A thrown exception inside the twin surfaces as ServerException: it must never happen.
    expect(E.isLeft(r) ? r.left.name : 'accepted').not.toBe('ServerException');
  });

  test.prop([mangledRequestArb], { numRuns: 10_000 })('requests shaped like task definitions with random members never throw', (input) => {
    const r = execute(createWorld(), 'RegisterTaskDefinition', input);
    expect(E.isLeft(r) ? r.left.name : 'accepted').not.toBe('ServerException');
    if (E.isLeft(r)) expect(r.left.message.length).toBeGreaterThan(0);
  });

  test.prop([fc.array(taskDefinitionRequestArb({ maxContainers: 2 }), { minLength: 1, maxLength: 3 }), mangledRequestArb])(
    'a rejected input leaves the world unchanged',
    (valid, mangled) => {
      let world = createWorld();
      for (const req of valid) world = mustRun(world, 'RegisterTaskDefinition', req).world;
      const before = JSON.stringify(world);
      const { taskDefinitions, families } = world;
      const r = execute(world, 'RegisterTaskDefinition', mangled);
      if (E.isLeft(r)) {
        expect(world.taskDefinitions).toBe(taskDefinitions);
        expect(world.families).toBe(families);
        expect(JSON.stringify(world)).toBe(before);
      } else {
        // An accepted mangled request must not have touched the old world either.
        expect(r.right.world).not.toBe(world);
        expect(JSON.stringify(world)).toBe(before);
      }
    },
  );

  test.prop([fc.array(taskDefinitionRequestArb({ maxContainers: 2 }), { minLength: 1, maxLength: 6 })])(
    'determinism: the same inputs give byte-identical outputs and worlds',
    (reqs) => {
      const play = () => {
        let world = createWorld({ seed: 7 });
        const outputs: unknown[] = [];
        const step = (op: string, input: unknown) => {
          const r = execute(world, op, input);
          if (E.isRight(r)) world = r.right.world;
          outputs.push(E.isRight(r) ? r.right.output : r.left);
        };
        for (const req of reqs) step('RegisterTaskDefinition', req);
        step('DeregisterTaskDefinition', { taskDefinition: `${String(reqs[0]!.family)}:1` });
        step('DeleteTaskDefinitions', { taskDefinitions: [`${String(reqs[0]!.family)}:1`] });
        step('ListTaskDefinitions', { sort: 'DESC', maxResults: 2 });
        step('ListTaskDefinitionFamilies', { status: 'ALL' });
        return JSON.stringify({ outputs, world });
      };
      expect(play()).toBe(play());
    },
  );
});
