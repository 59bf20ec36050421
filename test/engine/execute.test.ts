// `execute` never throws and never changes the World on a rejection, whatever a JavaScript caller passes: inputs
// are copied into plain data within bounds (64 levels, 1 MiB of JSON) before any codec or fingerprint walks them.
// Regression tests for issue 13, findings 4 and 8.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createWorld, execute, type World } from '../../src/index.js';

function setUp(): World {
  let w = createWorld({ seed: 13 });
  for (const [op, input] of [
    ['CreateCluster', {}],
    ['RegisterTaskDefinition', { family: 'web', requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc', cpu: '256', memory: '512', containerDefinitions: [{ name: 'a', image: 'a' }] }],
  ] as const) {
    const r = execute(w, op, input);
    if (E.isLeft(r)) throw new Error(r.left.message);
    w = r.right.world;
  }
  return w;
}

const world = setUp();
const subnets = world.config.network.subnets.map((s) => s.subnetId);
const runTask = (extra: Record<string, unknown>): Record<string, unknown> => ({
  taskDefinition: 'web',
  launchType: 'FARGATE',
  clientToken: 'token-1',
  networkConfiguration: { awsvpcConfiguration: { subnets } },
  ...extra,
});

function rejected(operation: string, input: unknown): { name: string; message: string } {
  const r = execute(world, operation, input);
  if (E.isRight(r)) throw new Error('accepted');
  return r.left;
}

describe('execute on hostile input', () => {
  // Finding 4: RunTask answered ServerException (a stack overflow while fingerprinting the clientToken) for
  // volumeConfigurations nested ~4,100 deep inside an 8 KB request.
  it('refuses a request nested deeper than 64 levels before any walk, as a SerializationException', () => {
    let deep: unknown = {};
    for (let i = 0; i < 4_100; i++) deep = [deep];
    expect(JSON.stringify(runTask({ volumeConfigurations: deep })).length).toBeLessThan(9_000);
    const e = rejected('RunTask', runTask({ volumeConfigurations: deep }));
    expect(e).toEqual({
      name: 'SerializationException',
      message: 'input.volumeConfigurations[0][0][0][0][0]…[0][0][0][0][0] is nested deeper than 64 levels.',
    });
  });

  it('accepts nesting up to the limit', () => {
    let nested: unknown = 'x';
    for (let i = 0; i < 60; i++) nested = { a: nested };
    // Unknown members are ignored, as the AWS JSON protocol does; the depth bound still applies to them.
    expect(E.isRight(execute(world, 'ListClusters', { unknownMember: nested }))).toBe(true);
  });

  it('refuses a request larger than 1 MiB of JSON', () => {
    const e = rejected('ListClusters', { padding: 'x'.repeat(1_100_000) });
    expect(e).toEqual({ name: 'SerializationException', message: 'input.padding makes the input larger than 1048576 characters of JSON.' });
  });

  it('refuses BigInt and cyclic values from JavaScript callers', () => {
    expect(rejected('RunTask', runTask({ count: 2n }))).toEqual({ name: 'SerializationException', message: 'input.count is a BigInt, which JSON cannot hold.' });
    const cyclic: Record<string, unknown> = {};
    cyclic.again = cyclic;
    expect(rejected('RunTask', runTask({ volumeConfigurations: [cyclic] })).message).toBe(
      'input.volumeConfigurations[0].again refers back to an enclosing value (a cycle), which JSON cannot hold.',
    );
    expect(rejected('CreateCluster', { clusterName: () => 'x' }).message).toBe('input.clusterName is a function, which JSON cannot hold.');
  });

  it('reads a value shared by two members twice (it is not a cycle)', () => {
    const tag = { key: 'k', value: 'v' };
    const r = execute(world, 'CreateCluster', { clusterName: 'shared', tags: [tag, { ...tag, key: 'k2' }], settings: [] });
    expect(E.isRight(r)).toBe(true);
  });

  // Finding 8: a getter or Proxy that throws escaped execute as an exception.
  it('answers SerializationException for getters and Proxies that throw', () => {
    const getter = { get clusterName(): string { throw new Error('no'); } };
    expect(rejected('CreateCluster', getter)).toEqual({
      name: 'SerializationException',
      message: 'input.clusterName could not be read: reading it threw an error ("no").',
    });
    const proxy = new Proxy({}, { ownKeys: () => { throw new RangeError('trap'); } });
    expect(rejected('CreateCluster', proxy).message).toBe('input could not be read: reading it threw a RangeError ("trap").');
    const nastyError = new Proxy(new Error('x'), { get: () => { throw new Error('again'); } });
    const throwsNasty = { get clusterName(): string { throw nastyError; } };
    expect(rejected('CreateCluster', throwsNasty).message).toBe('input.clusterName could not be read: reading it threw an exception.');
  });

  it('reads each member once: a getter that changes its answer cannot slip past the decoder', () => {
    let reads = 0;
    const input = { get clusterName(): unknown { reads++; return reads === 1 ? 'ok-name' : { not: 'a string' }; } };
    const r = execute(world, 'CreateCluster', input);
    expect(reads).toBe(1);
    expect(E.isRight(r) && (r.right.output as { cluster: { clusterName: string } }).cluster.clusterName).toBe('ok-name');
  });

  it('keeps __proto__ a plain key, and the caller cannot reach stored state through its request', () => {
    const input = JSON.parse('{"clusterName":"p","__proto__":{"polluted":true}}') as Record<string, unknown>;
    expect(E.isRight(execute(world, 'CreateCluster', input))).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('names an operation that is not a string without calling its methods', () => {
    const hostile = { toString: () => { throw new Error('x'); } };
    expect(rejected(hostile as never, {})).toEqual({ name: 'UnknownOperationException', message: 'Operation an object is not supported by ecs-twin.' });
  });
});
