// planFingerprint: the state a plan was made from, of only the resources it touches (issue 12): tasks coming and
// going and services it does not name leave it unchanged; a change to a planned service or family does not.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { World } from '../../src/domain/world.js';
import { advance } from '../../src/engine/advance.js';
import { execute } from '../../src/engine/execute.js';
import { planClientToken } from '../../src/plan/clientToken.js';
import { clientTokenFor } from '../../src/adapters/backend/applyOperations.js';
import { diffState } from '../../src/plan/diff.js';
import { fingerprintTargets, planFingerprint, targetsOfChanges, targetsOfDesired } from '../../src/plan/fingerprint.js';
import { applyPlanned, emptyWorld, webDesired, webService, webTaskDefinition } from './fixtures.js';

function run(w: World, operation: string, input: Record<string, unknown>): World {
  const r = execute(w, operation, input);
  if (E.isLeft(r)) throw new Error(`${r.left.name}: ${r.left.message}`);
  return r.right.world;
}

/** The docs' example deployed, with an unplanned service `api` beside it. */
function deployed(): World {
  const w0 = emptyWorld();
  const w = applyPlanned(w0, diffState(w0, webDesired(w0)).operations);
  return run(w, 'CreateService', webService(w, { serviceName: 'api', desiredCount: 1 }));
}

describe('planFingerprint', () => {
  it('is 16 hex digits and deterministic', () => {
    const w = deployed();
    const f = planFingerprint(w, webDesired(w));
    expect(f).toMatch(/^[0-9a-f]{16}$/);
    expect(planFingerprint(deployed(), webDesired(w))).toBe(f);
  });

  it('does not change as tasks start, run and stop', () => {
    const w = deployed();
    const desired = webDesired(w);
    const f = planFingerprint(w, desired);
    const later = advance(w, 10 * 60_000).world;
    const running = execute(later, 'DescribeServices', { cluster: 'prod', services: ['web'] });
    expect(E.isRight(running) && (running.right.output as { services: { runningCount: number }[] }).services[0]!.runningCount).toBe(3);
    expect(planFingerprint(later, desired)).toBe(f);
    const arns = execute(later, 'ListTasks', { cluster: 'prod', serviceName: 'web' });
    if (E.isLeft(arns)) throw new Error(arns.left.message);
    const stopped = run(later, 'StopTask', { cluster: 'prod', task: (arns.right.output as { taskArns: string[] }).taskArns[0]!, reason: 'test' });
    expect(planFingerprint(stopped, desired)).toBe(f);
  });

  it('does not change when a service the plan does not name changes', () => {
    const w = deployed();
    const desired = webDesired(w);
    expect(planFingerprint(run(w, 'UpdateService', { cluster: 'prod', service: 'api', desiredCount: 4 }), desired)).toBe(planFingerprint(w, desired));
  });

  it('changes when a planned service\'s desiredCount changes, or a planned family gets a new revision', () => {
    const w = deployed();
    const desired = webDesired(w);
    const f = planFingerprint(w, desired);
    expect(planFingerprint(run(w, 'UpdateService', { cluster: 'prod', service: 'web', desiredCount: 4 }), desired)).not.toBe(f);
    expect(planFingerprint(run(w, 'RegisterTaskDefinition', webTaskDefinition('nginx:next')), desired)).not.toBe(f);
    expect(planFingerprint(run(w, 'UpdateCluster', { cluster: 'prod', settings: [{ name: 'containerInsights', value: 'disabled' }] }), desired)).not.toBe(f);
  });

  it('can be recomputed from a plan\'s changes alone (what apply holds), with the same value', () => {
    const w0 = emptyWorld();
    const desired = webDesired(w0, 'nginx:9', { desiredCount: 2 });
    const diff = diffState(w0, desired);
    expect(targetsOfChanges(diff.changes)).toEqual(targetsOfDesired(desired));
    const w = deployed();
    expect(fingerprintTargets(w, targetsOfChanges(diffState(w, desired).changes))).toBe(planFingerprint(w, desired));
  });

  it('tells a missing resource from an existing one', () => {
    const w0 = emptyWorld();
    const desired = webDesired(w0);
    expect(planFingerprint(w0, desired)).not.toBe(planFingerprint(deployed(), desired));
  });
});

describe('planClientToken', () => {
  it('is the token applyOperations derives for the same position and call', () => {
    const op = { operation: 'CreateService', input: { serviceName: 'web', cluster: 'prod', desiredCount: 3, b: { y: 1, x: [2, { k: null }] } } };
    for (const i of [0, 1, 7]) expect(planClientToken(i, op)).toBe(clientTokenFor(i, op));
    expect(planClientToken(0, op)).not.toBe(planClientToken(1, op));
  });
});
