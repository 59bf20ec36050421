// The fleet cache (src/scheduler/ec2/clusterFleet.ts) is invisible: with services and a daemon placing on the same
// instances within one `advance` (the ledger changes its own copy of an instance in place there), and with an
// instance re-registered under another EC2 id, the World is byte for byte what a fresh fleet at every call gives —
// and never over-commits. (Both were bugs a review reproduced: a stale slot over-committed CPU by 1,024 units; a
// slot kept the old EC2 id in explanations.)
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { serializeWorld } from '../../../src/codecs/worldSnapshot.js';
import type { World } from '../../../src/domain/world.js';
import { advance } from '../../../src/engine/advance.js';
import { createWorld } from '../../../src/engine/createWorld.js';
import { explainPlacement } from '../../../src/engine/explainPlacement.js';
import { fleetCache } from '../../../src/scheduler/ec2/clusterFleet.js';
import { ok } from '../../api/clusters/harness.js';

function withoutCache<T>(f: () => T): T {
  fleetCache.enabled = false;
  try {
    return f();
  } finally {
    fleetCache.enabled = true;
  }
}

/** Two m5.xlarge (roles a, b); replica services and a daemon on role a, created in `order`, run for two minutes. */
function play(seed: number, order: readonly string[]): World {
  let w = createWorld({
    seed,
    containerInstances: [
      { cluster: 'prod', instanceType: 'm5.xlarge', count: 1, availabilityZones: ['us-east-1a'], attributes: { role: 'a' } },
      { cluster: 'prod', instanceType: 'm5.xlarge', count: 1, availabilityZones: ['us-east-1b'], attributes: { role: 'b' } },
    ],
  });
  for (const [family, cpu] of [['r1', 1024], ['r2', 256], ['d', 2048], ['r3', 2048]] as const) {
    w = ok(w, 'RegisterTaskDefinition', { family, requiresCompatibilities: ['EC2'], cpu: String(cpu), memory: '512', containerDefinitions: [{ name: 'app', image: 'nginx' }] }).world;
  }
  const on = (role: string) => ({ placementConstraints: [{ type: 'memberOf', expression: `attribute:role == ${role}` }] });
  const create: Record<string, Record<string, unknown>> = {
    r1: { serviceName: 'r1', taskDefinition: 'r1', desiredCount: 1, ...on('a') },
    r2: { serviceName: 'r2', taskDefinition: 'r2', desiredCount: 1, ...on('b') },
    d: { serviceName: 'd', taskDefinition: 'd', schedulingStrategy: 'DAEMON', ...on('a') },
    r3: { serviceName: 'r3', taskDefinition: 'r3', desiredCount: 1, ...on('a') },
  };
  for (const name of order) w = ok(w, 'CreateService', { cluster: 'prod', launchType: 'EC2', ...create[name] }).world;
  return advance(w, 120_000).world;
}

describe('the fleet cache', () => {
  it('places as a fresh fleet does when services and a daemon share instances within one advance', () => {
    for (const order of [['r1', 'r2', 'd', 'r3'], ['r1', 'd', 'r2', 'r3'], ['d', 'r1', 'r2', 'r3']]) {
      for (let seed = 1; seed <= 15; seed++) {
        const cached = play(seed, order);
        expect(serializeWorld(cached), `order ${order.join(',')}, seed ${seed}`).toBe(serializeWorld(withoutCache(() => play(seed, order))));
        for (const ci of cached.containerInstances.values()) expect(ci.remainingResources.cpu, `seed ${seed}: no over-commit`).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('names an instance by its current EC2 id after it re-registers under another one', () => {
    const doc = (instanceId: string) => JSON.stringify({ instanceId, instanceType: 'm5.large', availabilityZone: 'us-east-1a', region: 'us-east-1', architecture: 'x86_64' });
    let w = createWorld({ seed: 5 });
    w = ok(w, 'CreateCluster', { clusterName: 'prod' }).world;
    w = ok(w, 'RegisterTaskDefinition', { family: 'big', requiresCompatibilities: ['EC2'], containerDefinitions: [{ name: 'a', image: 'nginx', cpu: 4096, memory: 256 }] }).world;
    const reg = ok(w, 'RegisterContainerInstance', { cluster: 'prod', instanceIdentityDocument: doc('i-0aaaaaaaaaaaaaaaa') });
    w = reg.world;
    const ask = (world: World) => explainPlacement(world, { cluster: 'prod', taskDefinition: 'big' });
    expect(E.isRight(ask(w)) && ask(w)).toMatchObject({ right: { explanation: { closest: { instanceId: 'i-0aaaaaaaaaaaaaaaa' } } } });
    w = ok(w, 'RegisterContainerInstance', {
      cluster: 'prod', instanceIdentityDocument: doc('i-0bbbbbbbbbbbbbbbb'), containerInstanceArn: reg.output.containerInstance.containerInstanceArn,
    }).world;
    const cached = ask(w);
    expect(cached).toMatchObject({ right: { explanation: { closest: { instanceId: 'i-0bbbbbbbbbbbbbbbb' } } } });
    expect(cached).toEqual(withoutCache(() => ask(w)));
  });
});
