import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeNextToken } from '../../../src/api/pagination.js';
import type { World } from '../../../src/domain/world.js';
import { createWorld } from '../../../src/engine/createWorld.js';
import { clusterNameArb } from '../../../src/testing/arbitraries/cluster.js';
import { arnOf, failsUnchanged, ok } from './harness.js';

/** Every ARN ListClusters returns, following nextToken with pages of `pageSize`; also the number of calls. */
function listAll(world: World, pageSize?: number): { arns: string[]; calls: number } {
  const arns: string[] = [];
  let nextToken: string | undefined;
  let calls = 0;
  do {
    const out = ok(world, 'ListClusters', { ...(pageSize ? { maxResults: pageSize } : {}), ...(nextToken ? { nextToken } : {}) }).output;
    arns.push(...out.clusterArns);
    nextToken = out.nextToken;
    calls++;
    if (calls > 10_000) throw new Error('ListClusters did not terminate');
  } while (nextToken !== undefined);
  return { arns, calls };
}

describe('ListClusters', () => {
  it('lists ACTIVE clusters in name order (code units), without deleted ones', () => {
    let w = createWorld();
    for (const clusterName of ['b', 'B', 'a', 'gone', 'a-b', 'a_b']) w = ok(w, 'CreateCluster', { clusterName }).world;
    w = ok(w, 'DeleteCluster', { cluster: 'gone' }).world;
    expect(ok(w, 'ListClusters', {}).output).toEqual({ clusterArns: ['B', 'a', 'a-b', 'a_b', 'b'].map(arnOf) });
  });

  it('returns an empty list and no token for an empty account', () => {
    expect(ok(createWorld(), 'ListClusters', {}).output).toEqual({ clusterArns: [] });
  });

  it('pages by 100 by default (reference §9.4)', () => {
    let w = createWorld();
    for (let i = 0; i < 150; i++) w = ok(w, 'CreateCluster', { clusterName: `c${String(i).padStart(3, '0')}` }).world;
    const first = ok(w, 'ListClusters', {}).output;
    expect(first.clusterArns).toHaveLength(100);
    expect(typeof first.nextToken).toBe('string');
    const second = ok(w, 'ListClusters', { nextToken: first.nextToken }).output;
    expect(second.clusterArns).toHaveLength(50);
    expect(second.nextToken).toBeUndefined();
  });

  test.prop([
    fc.uniqueArray(clusterNameArb(), { maxLength: 40 }),
    fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
    fc.integer({ min: 1, max: 100 }),
  ])('returns every ACTIVE cluster exactly once for any page size 1–100', (names, deleted, pageSize) => {
    let w = createWorld();
    for (const clusterName of names) w = ok(w, 'CreateCluster', { clusterName }).world;
    names.forEach((name, i) => {
      if (deleted[i]) w = ok(w, 'DeleteCluster', { cluster: name }).world;
    });
    const active = names.filter((_, i) => !deleted[i]);
    const { arns, calls } = listAll(w, pageSize);
    expect(arns).toEqual([...active].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map(arnOf));
    expect(calls).toBe(Math.max(1, Math.ceil(active.length / pageSize)));
  });

  it('resumes correctly when clusters are created or deleted between pages', () => {
    let w = createWorld();
    for (const clusterName of ['a', 'b', 'c', 'd']) w = ok(w, 'CreateCluster', { clusterName }).world;
    const first = ok(w, 'ListClusters', { maxResults: 2 }).output;
    expect(first.clusterArns).toEqual(['a', 'b'].map(arnOf));
    w = ok(w, 'DeleteCluster', { cluster: 'c' }).world;
    w = ok(w, 'CreateCluster', { clusterName: 'e' }).world;
    expect(ok(w, 'ListClusters', { maxResults: 2, nextToken: first.nextToken }).output).toEqual({
      clusterArns: ['d', 'e'].map(arnOf),
    });
  });

  const cases: Array<[string, Record<string, unknown>, string, string]> = [
    ['maxResults 0', { maxResults: 0 }, 'InvalidParameterException', 'maxResults must be between 1 and 100.'],
    ['maxResults 101', { maxResults: 101 }, 'InvalidParameterException', 'maxResults must be between 1 and 100.'],
    ['a garbage nextToken', { nextToken: 'not a token!' }, 'InvalidParameterException', 'The nextToken provided is invalid.'],
    [
      "another list's nextToken",
      { nextToken: encodeNextToken('ListTasks', 'x') },
      'InvalidParameterException',
      'The nextToken provided is invalid.',
    ],
    ['a string maxResults', { maxResults: '10' }, 'SerializationException', 'maxResults must be integer, but was "10".'],
  ];
  it.each(cases)('refuses %s', (_rule, input, name, message) => {
    expect(failsUnchanged(createWorld(), 'ListClusters', input)).toEqual({ name, message });
  });
});
