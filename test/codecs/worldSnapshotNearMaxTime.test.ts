// Review (s7review2): a World whose clock is within a pull's length of MAX_TIME_MS plans the pull of a task past
// that instant (pullStartedAt / pullStoppedAt are planned, not yet reached). The snapshot writes those times as
// they are, and since 202e3ae reads task times only up to MAX_TIME_MS (`anInstant`): the World's own snapshot no
// longer reads back (8238c2c read it back, and the World goes on from it unchanged).
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { deserializeWorld, serializeWorld } from '../../src/codecs/worldSnapshot.js';
import { MAX_TIME_MS } from '../../src/domain/time.js';
import type { World } from '../../src/domain/world.js';
import { advance } from '../../src/engine/advance.js';
import { createWorld } from '../../src/engine/createWorld.js';
import { ok } from '../api/clusters/harness.js';

describe('a World near the largest instant', () => {
  it('reads back its own snapshot at every second of a launch whose pull is planned past MAX_TIME_MS', () => {
    let w: World = createWorld({ startTimeMs: MAX_TIME_MS - 20_000 });
    w = ok(w, 'CreateCluster', { clusterName: 'default' }).world;
    w = ok(w, 'RegisterTaskDefinition', { family: 'web', requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc', cpu: '256', memory: '512', containerDefinitions: [{ name: 'app', image: 'nginx' }] }).world;
    const subnets = w.config.network.subnets.map((s) => s.subnetId);
    w = ok(w, 'RunTask', { cluster: 'default', taskDefinition: 'web', launchType: 'FARGATE', networkConfiguration: { awsvpcConfiguration: { subnets } } }).world;
    const problems: string[] = [];
    for (let i = 0; i < 19; i++) {
      w = advance(w, 1000).world;
      const text = serializeWorld(w);
      const back = deserializeWorld(text);
      if (E.isLeft(back)) problems.push(`at MAX_TIME_MS - ${MAX_TIME_MS - w.nowMs}: ${back.left.message}`);
      else expect(serializeWorld(back.right)).toBe(text);
    }
    expect(problems).toEqual([]);
  });
});
