// Model-based test: random sequences of Create/Delete/Describe/List/Tag/Untag against a much simpler model — a Map
// of cluster name → { status, tags } — checking after every command that the twin and the model agree.
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { expect } from 'vitest';
import type { World } from '../../../src/domain/world.js';
import { createWorld } from '../../../src/engine/createWorld.js';
import { execute } from '../../../src/engine/execute.js';
import { arnOf } from './harness.js';

interface ModelCluster {
  status: 'ACTIVE' | 'INACTIVE';
  tags: Array<{ key: string; value: string }>;
}
type Model = Map<string, ModelCluster>;
interface Real {
  world: World;
}

// A small pool of names and keys so that commands collide (re-create, delete twice, overwrite a tag).
const NAMES = ['default', 'a', 'b', 'c'];
const KEYS = ['env', 'team', 'cost', 'x'];
const arbName = fc.constantFrom(...NAMES);
const tagsArb = fc.uniqueArray(fc.record({ key: fc.constantFrom(...KEYS), value: fc.constantFrom('', '1', 'two') }), {
  maxLength: 3,
  selector: (t) => t.key,
});

function run(real: Real, op: string, input: unknown): E.Either<{ name: string; message: string }, Record<string, unknown>> {
  const r = execute(real.world, op, input);
  if (E.isLeft(r)) return r;
  real.world = r.right.world;
  return E.right(r.right.output as Record<string, unknown>);
}

const errorName = (r: E.Either<{ name: string }, unknown>): string | undefined => (E.isLeft(r) ? r.left.name : undefined);

class Create implements fc.Command<Model, Real> {
  constructor(
    readonly name: string,
    readonly tags: Array<{ key: string; value: string }>,
  ) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    const out = run(r, 'CreateCluster', { clusterName: this.name, tags: this.tags });
    const existing = m.get(this.name);
    // An ACTIVE name answers the cluster when the tags given (if any) are its tags, as a set; other tags are
    // inconsistent arguments (src/api/clusters/createClusterIdempotency.ts).
    const key = (t: { key: string; value: string }): string => `${t.key}=${t.value}`;
    const sameTags = (a: ModelCluster['tags'], b: ModelCluster['tags']): boolean =>
      a.length === b.length && a.every((t) => b.map(key).includes(key(t)));
    if (existing?.status === 'ACTIVE' && this.tags.length > 0 && !sameTags(this.tags, existing.tags)) {
      expect(errorName(out)).toBe('InvalidParameterException');
      return;
    }
    expect(E.isRight(out)).toBe(true);
    if (!existing || existing.status === 'INACTIVE') m.set(this.name, { status: 'ACTIVE', tags: this.tags.map((t) => ({ ...t })) });
    const cluster = E.isRight(out) ? (out.right.cluster as { status: string; tags: unknown }) : undefined;
    expect(cluster?.status).toBe('ACTIVE');
    expect(cluster?.tags).toEqual(m.get(this.name)!.tags);
  }
  toString = (): string => `Create(${this.name}, ${JSON.stringify(this.tags)})`;
}

class Delete implements fc.Command<Model, Real> {
  constructor(readonly name: string) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    const out = run(r, 'DeleteCluster', { cluster: this.name });
    const existing = m.get(this.name);
    if (existing?.status === 'ACTIVE') {
      existing.status = 'INACTIVE';
      expect(E.isRight(out) && (out.right.cluster as { status: string }).status).toBe('INACTIVE');
    } else {
      expect(errorName(out)).toBe('ClusterNotFoundException');
    }
  }
  toString = (): string => `Delete(${this.name})`;
}

class Describe implements fc.Command<Model, Real> {
  constructor(readonly names: string[]) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    const out = run(r, 'DescribeClusters', { clusters: this.names, include: ['TAGS'] });
    if (E.isLeft(out)) throw new Error(`DescribeClusters failed: ${out.left.message}`);
    const requested = this.names.length === 0 ? ['default'] : [...new Set(this.names)];
    const found = requested.filter((n) => m.has(n));
    expect(out.right.clusters).toEqual(
      found.map((n) => expect.objectContaining({ clusterName: n, status: m.get(n)!.status, tags: m.get(n)!.tags })),
    );
    expect(out.right.failures).toEqual(requested.filter((n) => !m.has(n)).map((n) => ({ arn: arnOf(n), reason: 'MISSING' })));
  }
  toString = (): string => `Describe(${this.names.join(',')})`;
}

class List implements fc.Command<Model, Real> {
  constructor(readonly pageSize: number) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    const arns: string[] = [];
    let nextToken: string | undefined;
    for (let page = 0; page < 10; page++) {
      const out = run(r, 'ListClusters', { maxResults: this.pageSize, ...(nextToken ? { nextToken } : {}) });
      if (E.isLeft(out)) throw new Error(`ListClusters failed: ${out.left.message}`);
      arns.push(...(out.right.clusterArns as string[]));
      nextToken = out.right.nextToken as string | undefined;
      if (nextToken === undefined) break;
    }
    const active = [...m].filter(([, c]) => c.status === 'ACTIVE').map(([n]) => n);
    expect(arns).toEqual(active.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map(arnOf));
  }
  toString = (): string => `List(${this.pageSize})`;
}

class Tag implements fc.Command<Model, Real> {
  constructor(
    readonly name: string,
    readonly tags: Array<{ key: string; value: string }>,
  ) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    const out = run(r, 'TagResource', { resourceArn: arnOf(this.name), tags: this.tags });
    const c = m.get(this.name);
    if (c?.status !== 'ACTIVE') {
      expect(errorName(out)).toBe('ResourceNotFoundException');
      return;
    }
    expect(E.isRight(out)).toBe(true);
    for (const t of this.tags) {
      const i = c.tags.findIndex((x) => x.key === t.key);
      if (i >= 0) c.tags[i] = { ...t };
      else c.tags.push({ ...t });
    }
  }
  toString = (): string => `Tag(${this.name}, ${JSON.stringify(this.tags)})`;
}

class Untag implements fc.Command<Model, Real> {
  constructor(
    readonly name: string,
    readonly keys: string[],
  ) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    const out = run(r, 'UntagResource', { resourceArn: arnOf(this.name), tagKeys: this.keys });
    const c = m.get(this.name);
    if (c?.status !== 'ACTIVE') {
      expect(errorName(out)).toBe('ResourceNotFoundException');
      return;
    }
    expect(E.isRight(out)).toBe(true);
    c.tags = c.tags.filter((t) => !this.keys.includes(t.key));
  }
  toString = (): string => `Untag(${this.name}, ${this.keys.join(',')})`;
}

const commands = [
  fc.tuple(arbName, tagsArb).map(([n, t]) => new Create(n, t)),
  arbName.map((n) => new Delete(n)),
  fc.array(arbName, { maxLength: 3 }).map((ns) => new Describe(ns)),
  fc.integer({ min: 1, max: 3 }).map((p) => new List(p)),
  fc.tuple(arbName, tagsArb).map(([n, t]) => new Tag(n, t)),
  fc.tuple(arbName, fc.subarray(KEYS)).map(([n, k]) => new Untag(n, k)),
];

test.prop([fc.commands(commands, { maxCommands: 40 })])('clusters and their tags behave like a map of name → {status, tags}', (cmds) => {
  fc.modelRun(() => ({ model: new Map() as Model, real: { world: createWorld() } }), cmds);
});
