// The task-definition index (World.taskDefinitionIndex) and the family records are derived data: after any
// sequence of Register/Deregister/Delete they must equal what a recount of the revisions gives, and the List*
// operations that read them must agree with a plain filter-and-sort over a much simpler model.
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { familyIndexPrefix, revisionIndexKey } from '../../../src/api/taskDefinitions/storeTaskDefinition.js';
import { compareStrings, type PMap } from '../../../src/domain/pmap.js';
import type { TaskDefinitionFamily } from '../../../src/domain/taskDefinition.js';
import { createWorld, execute, type World } from '../../../src/index.js';
import { fargateRequest, run } from './helpers.js';

const ARN = 'arn:aws:ecs:us-east-1:123456789012:task-definition';
// Families chosen so that one is a prefix of others and '-' sorts between ' ' (the key separator) and letters.
const FAMILIES = ['a', 'a-b', 'ab', 'b'] as const;
type Status = 'ACTIVE' | 'INACTIVE' | 'DELETE_IN_PROGRESS';
interface Revision {
  readonly family: string;
  readonly revision: number;
  status: Status;
}

type Op =
  | { readonly kind: 'register'; readonly family: string }
  | { readonly kind: 'deregister' | 'delete'; readonly pick: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...FAMILIES).map((family): Op => ({ kind: 'register', family })) },
  { weight: 2, arbitrary: fc.nat().map((pick): Op => ({ kind: 'deregister', pick })) },
  { weight: 1, arbitrary: fc.nat().map((pick): Op => ({ kind: 'delete', pick })) },
);

/** Applies `ops` to a World and to the model (a list of revisions); both end in the same state. */
function play(ops: readonly Op[]): { world: World; model: Revision[] } {
  let world = createWorld();
  const model: Revision[] = [];
  for (const op of ops) {
    if (op.kind === 'register') {
      world = run(world, 'RegisterTaskDefinition', fargateRequest({ family: op.family })).world;
      const revision = model.filter((r) => r.family === op.family).length + 1;
      model.push({ family: op.family, revision, status: 'ACTIVE' });
      continue;
    }
    if (model.length === 0) continue;
    const target = model[op.pick % model.length]!;
    const ref = `${target.family}:${target.revision}`;
    if (op.kind === 'deregister') {
      world = run(world, 'DeregisterTaskDefinition', { taskDefinition: ref }).world;
      if (target.status === 'ACTIVE') target.status = 'INACTIVE';
    } else {
      world = run(world, 'DeleteTaskDefinitions', { taskDefinitions: [ref] }).world;
      if (target.status === 'INACTIVE') target.status = 'DELETE_IN_PROGRESS';
    }
  }
  return { world, model };
}

const entriesOf = <V>(m: PMap<string, V>): Array<[string, V]> => [...m.entries()];
const byFamilyThenRevision = (a: Revision, b: Revision): number =>
  compareStrings(a.family, b.family) || a.revision - b.revision;

/** Every page of a List* call, followed by its tokens. */
function listAll(world: World, op: string, input: Record<string, unknown>, member: string): string[] {
  const out: string[] = [];
  let token: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const r = execute(world, op, { ...input, ...(token !== undefined ? { nextToken: token } : {}) });
    if (E.isLeft(r)) throw new Error(`${op} failed: ${r.left.message}`);
    const output = r.right.output as Record<string, unknown>;
    out.push(...(output[member] as string[]));
    token = output.nextToken as string | undefined;
    if (token === undefined) return out;
  }
  throw new Error(`${op} did not finish in 100 pages`);
}

describe('task-definition index and family records', () => {
  test.prop([fc.array(opArb, { maxLength: 40 })])('equal a recount of the revisions after any operations', (ops) => {
    const { world, model } = play(ops);
    const expectedIndex: Array<[string, string]> = [];
    for (const r of model) expectedIndex.push([revisionIndexKey(r.status, r.family, r.revision), `${ARN}/${r.family}:${r.revision}`]);
    const expectedFamilies: Array<[string, TaskDefinitionFamily]> = [];
    for (const family of new Set(model.map((r) => r.family))) {
      const revisions = model.filter((r) => r.family === family);
      const active = revisions.filter((r) => r.status === 'ACTIVE').map((r) => r.revision);
      expectedIndex.push([familyIndexPrefix(active.length > 0) + family, family]);
      expectedFamilies.push([
        family,
        {
          family,
          lastRevision: revisions.length,
          activeRevisionCount: active.length,
          revisionCount: revisions.length,
          ...(active.length > 0 ? { latestActiveRevision: Math.max(...active) } : {}),
        },
      ]);
    }
    expectedIndex.sort(([a], [b]) => compareStrings(a, b));
    expectedFamilies.sort(([a], [b]) => compareStrings(a, b));
    expect(entriesOf(world.taskDefinitionIndex), 'the index must hold exactly one key per revision and per family').toEqual(expectedIndex);
    expect(entriesOf(world.families), 'the family records must match a recount').toEqual(expectedFamilies);
  });

  test.prop([
    fc.array(opArb, { maxLength: 40 }),
    fc.constantFrom<Status>('ACTIVE', 'INACTIVE', 'DELETE_IN_PROGRESS'),
    fc.constantFrom('ASC', 'DESC'),
    fc.option(fc.constantFrom(...FAMILIES), { nil: undefined }),
    fc.integer({ min: 1, max: 4 }),
  ])('ListTaskDefinitions pages through exactly the model’s revisions, in order', (ops, status, sort, family, maxResults) => {
    const { world, model } = play(ops);
    const expected = model
      .filter((r) => r.status === status && (family === undefined || r.family === family))
      .sort(byFamilyThenRevision)
      .map((r) => `${ARN}/${r.family}:${r.revision}`);
    if (sort === 'DESC') expected.reverse();
    const input = { status, sort, maxResults, ...(family !== undefined ? { familyPrefix: family } : {}) };
    expect(listAll(world, 'ListTaskDefinitions', input, 'taskDefinitionArns')).toEqual(expected);
  });

  test.prop([
    fc.array(opArb, { maxLength: 40 }),
    fc.constantFrom('ACTIVE', 'INACTIVE', 'ALL'),
    fc.constantFrom('', 'a', 'a-', 'b'),
    fc.integer({ min: 1, max: 3 }),
  ])('ListTaskDefinitionFamilies pages through exactly the model’s families', (ops, status, prefix, maxResults) => {
    const { world, model } = play(ops);
    const families = [...new Set(model.map((r) => r.family))].sort(compareStrings);
    const hasActive = (f: string) => model.some((r) => r.family === f && r.status === 'ACTIVE');
    const expected = families.filter(
      (f) => f.startsWith(prefix) && (status === 'ALL' || (status === 'ACTIVE') === hasActive(f)),
    );
    const input = { status, maxResults, ...(prefix !== '' ? { familyPrefix: prefix } : {}) };
    expect(listAll(world, 'ListTaskDefinitionFamilies', input, 'families')).toEqual(expected);
  });
});

/**
 * `w` with the iterators of every task-definition table (`entries`, `entriesReversed`, `keys`, `values`) counting
 * the entries they yield, to check that a listing seeks to its page rather than walking revisions.
 */
function counting(w: World): { readonly world: World; readonly visited: () => number } {
  let visited = 0;
  const wrap = <K, V>(m: PMap<K, V>): PMap<K, V> =>
    new Proxy(m, {
      get(target, prop) {
        const value: unknown = Reflect.get(target, prop, target);
        if (typeof value !== 'function') return value;
        if (!['entries', 'entriesReversed', 'keys', 'values'].includes(String(prop))) return value.bind(target);
        return function* (...args: unknown[]) {
          for (const e of (value as (...a: unknown[]) => Iterable<unknown>).apply(target, args)) {
            visited++;
            yield e;
          }
        };
      },
    });
  const world: World = {
    ...w,
    taskDefinitions: wrap(w.taskDefinitions),
    families: wrap(w.families),
    taskDefinitionIndex: wrap(w.taskDefinitionIndex),
  };
  return { world, visited: () => visited };
}

describe('listing seeks instead of scanning', () => {
  // 300 revisions of `web`, all but the last deregistered: the pattern of a CI pipeline.
  let busy = createWorld();
  for (let i = 1; i <= 300; i++) {
    busy = run(busy, 'RegisterTaskDefinition', fargateRequest({ family: 'web' })).world;
    if (i < 300) busy = run(busy, 'DeregisterTaskDefinition', { taskDefinition: `web:${i}` }).world;
  }
  busy = run(busy, 'RegisterTaskDefinition', fargateRequest({ family: 'zz' })).world;

  it.each([
    [{ familyPrefix: 'web' }, ['web:300']],
    [{}, ['web:300', 'zz:1']],
    [{ sort: 'DESC' }, ['zz:1', 'web:300']],
    [{ status: 'INACTIVE', maxResults: 2 }, ['web:1', 'web:2']],
    [{ status: 'INACTIVE', sort: 'DESC', maxResults: 2 }, ['web:299', 'web:298']],
  ])('ListTaskDefinitions %j visits only the revisions it returns (plus one)', (input, expected) => {
    const { world, visited } = counting(busy);
    const arns = run<{ taskDefinitionArns: string[] }>(world, 'ListTaskDefinitions', input).output.taskDefinitionArns;
    expect(arns).toEqual(expected.map((s) => `${ARN}/${s}`));
    expect(visited(), 'a page must not walk the 299 revisions of another status').toBeLessThanOrEqual(expected.length + 1);
  });

  it('ListTaskDefinitionFamilies with a status filter visits only the families it returns (plus one)', () => {
    let w = busy;
    for (const family of ['f1', 'f2', 'f3']) {
      w = run(w, 'RegisterTaskDefinition', fargateRequest({ family })).world;
      w = run(w, 'DeregisterTaskDefinition', { taskDefinition: `${family}:1` }).world;
    }
    const { world, visited } = counting(w);
    const out = run<{ families: string[] }>(world, 'ListTaskDefinitionFamilies', { status: 'ACTIVE' });
    expect(out.output.families).toEqual(['web', 'zz']);
    expect(visited()).toBeLessThanOrEqual(3);
  });

  it('deregistering the latest ACTIVE revision finds the next one below, across deregistered revisions', () => {
    let w = busy;
    w = run(w, 'RegisterTaskDefinition', fargateRequest({ family: 'web' })).world; // web:301
    w = run(w, 'DeregisterTaskDefinition', { taskDefinition: 'web:301' }).world;
    expect(w.families.get('web')).toEqual({ family: 'web', lastRevision: 301, activeRevisionCount: 1, revisionCount: 301, latestActiveRevision: 300 });
    w = run(w, 'DeregisterTaskDefinition', { taskDefinition: 'web:300' }).world;
    expect(w.families.get('web')).toEqual({ family: 'web', lastRevision: 301, activeRevisionCount: 0, revisionCount: 301 });
  });

  it('keeps a token from an unfiltered listing inside the requested family', () => {
    // The token of page 1 of "all ACTIVE" points into family `web`; reused with familyPrefix `zz`, the scan must
    // start at zz's range rather than stop at `x`, the first key outside it.
    const w = run(busy, 'RegisterTaskDefinition', fargateRequest({ family: 'x' })).world;
    const first = run<{ nextToken: string }>(w, 'ListTaskDefinitions', { maxResults: 1 }).output;
    const next = run<{ taskDefinitionArns: string[] }>(w, 'ListTaskDefinitions', { familyPrefix: 'zz', nextToken: first.nextToken });
    expect(next.output.taskDefinitionArns).toEqual([`${ARN}/zz:1`]);
  });
});
