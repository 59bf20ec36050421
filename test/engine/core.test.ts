import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { advance, createWorld, execute } from '../../src/index.js';

describe('the core contract', () => {
  it('creates a world with documented defaults', () => {
    const w = createWorld();
    expect(w.config).toMatchObject({ region: 'us-east-1', accountId: '123456789012', seed: 1, startTimeMs: 1704067200000 });
    expect(w.nowMs).toBe(1704067200000);
  });

  it('creates a cluster and returns the ECS shape', () => {
    const r = execute(createWorld(), 'CreateCluster', { clusterName: 'demo' });
    expect(E.isRight(r)).toBe(true);
    if (E.isRight(r)) {
      expect(r.right.output).toMatchObject({
        cluster: { clusterName: 'demo', clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/demo', status: 'ACTIVE' },
      });
    }
  });

  it('leaves the world untouched (same object) on a rejected request', () => {
    const w = createWorld();
    const r = execute(w, 'CreateCluster', { clusterName: 'bad name!' });
    expect(E.isLeft(r) && r.left.name).toBe('InvalidParameterException');
  });

  it('reports the path of a mistyped member', () => {
    const r = execute(createWorld(), 'CreateCluster', { clusterName: 42 });
    expect(E.isLeft(r) && r.left).toMatchObject({ name: 'SerializationException' });
    expect(E.isLeft(r) && r.left.message).toContain('clusterName');
  });

  it('advances the clock and rejects invalid durations without change', () => {
    const w = createWorld();
    expect(advance(w, 1000).world.nowMs).toBe(w.nowMs + 1000);
    expect(advance(w, -1).world).toBe(w);
    expect(advance(w, Number.NaN).world).toBe(w);
  });
});
