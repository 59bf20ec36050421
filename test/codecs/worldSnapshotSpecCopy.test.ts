// Review (s7review2), pre-existing (also at e99cc39 and 8238c2c): a service task whose spec became an equal copy of
// its deployment's (TagResource then UntagResource give the task a spec of its own with the same members) and that
// is the deployment's first task: reading the snapshot back, `relinkDeploymentSpecs` gives the deployment the first
// task spec of equal text — the copy — so the tasks the deployment launches later share the copy instead of the
// spec of its other tasks, and the same inputs no longer give the same bytes after a snapshot round trip.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { deserializeWorld, serializeWorld } from '../../src/codecs/worldSnapshot.js';
import type { World } from '../../src/domain/world.js';
import { advance } from '../../src/engine/advance.js';
import { createWorld } from '../../src/engine/createWorld.js';
import { ok } from '../api/clusters/harness.js';

describe('a deployment spec read back beside an equal copy held by one of its tasks', () => {
  it('launches later tasks as the original World does', () => {
    let w: World = createWorld({ seed: 1 });
    w = ok(w, 'CreateCluster', { clusterName: 'default' }).world;
    w = ok(w, 'RegisterTaskDefinition', { family: 'web', requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc', cpu: '256', memory: '512', containerDefinitions: [{ name: 'app', image: 'nginx' }] }).world;
    const subnets = w.config.network.subnets.map((s) => s.subnetId);
    w = ok(w, 'CreateService', { cluster: 'default', serviceName: 'api', taskDefinition: 'web', desiredCount: 2, launchType: 'FARGATE', networkConfiguration: { awsvpcConfiguration: { subnets } } }).world;
    w = advance(w, 60_000).world;
    const first = [...w.tasks.values()][0]!;
    const arn = `arn:aws:ecs:us-east-1:123456789012:task/default/${first.taskId}`;
    w = ok(w, 'TagResource', { resourceArn: arn, tags: [{ key: 'k', value: 'v' }] }).world;
    w = ok(w, 'UntagResource', { resourceArn: arn, tagKeys: ['k'] }).world;
    const back = deserializeWorld(serializeWorld(w));
    if (E.isLeft(back)) throw new Error(back.left.message);
    const scaleUp = (x: World): string => serializeWorld(advance(ok(x, 'UpdateService', { cluster: 'default', service: 'api', desiredCount: 4 }).world, 60_000).world);
    expect(scaleUp(back.right)).toBe(scaleUp(w));
  });
});
