import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { getActiveCluster, resolveClusterName } from '../../../src/api/clusters/getCluster.js';
import { WorldTxn } from '../../../src/domain/txn.js';
import { createWorld } from '../../../src/engine/createWorld.js';
import { arnOf, ok, worldWith } from './harness.js';

const notFound = E.left({ name: 'ClusterNotFoundException', message: 'Cluster not found.' });

describe('getActiveCluster', () => {
  const world = worldWith('default', 'prod');

  it('finds a cluster by name, by ARN, and `default` when omitted or empty', () => {
    const tx = new WorldTxn(world);
    const byName = getActiveCluster(tx, 'prod');
    expect(E.isRight(byName) && byName.right.arn).toBe(arnOf('prod'));
    const byArn = getActiveCluster(tx, arnOf('prod'));
    expect(E.isRight(byArn) && byArn.right.name).toBe('prod');
    for (const ref of [undefined, null, '']) {
      const r = getActiveCluster(tx, ref);
      expect(E.isRight(r) && r.right.name).toBe('default');
    }
  });

  it('answers ClusterNotFoundException "Cluster not found." for an unknown cluster (reference §14.1)', () => {
    expect(getActiveCluster(new WorldTxn(world), 'nope')).toEqual(notFound);
    expect(getActiveCluster(new WorldTxn(createWorld()), undefined)).toEqual(notFound);
  });

  it('answers ClusterNotFoundException for a deleted (INACTIVE) cluster', () => {
    const deleted = ok(world, 'DeleteCluster', { cluster: 'prod' }).world;
    expect(getActiveCluster(new WorldTxn(deleted), 'prod')).toEqual(notFound);
  });

  it('finds nothing for a cluster ARN of another Region or account', () => {
    const tx = new WorldTxn(world);
    expect(getActiveCluster(tx, 'arn:aws:ecs:eu-west-1:123456789012:cluster/prod')).toEqual(notFound);
    expect(getActiveCluster(tx, 'arn:aws:ecs:us-east-1:999999999999:cluster/prod')).toEqual(notFound);
    expect(resolveClusterName(tx, 'arn:aws:ecs:eu-west-1:123456789012:cluster/prod')).toEqual(E.right(undefined));
  });

  it('refuses an ARN of another resource type as malformed', () => {
    const ref = 'arn:aws:ecs:us-east-1:123456789012:service/prod/web';
    expect(getActiveCluster(new WorldTxn(world), ref)).toEqual(
      E.left({ name: 'InvalidParameterException', message: `cluster: '${ref}' is not a valid cluster name or cluster ARN.` }),
    );
  });
});
