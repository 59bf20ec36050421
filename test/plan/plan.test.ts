// plan(): fingerprint + diff + prediction + warnings in the Plan shape; pure and deterministic.
import { describe, expect, it } from 'vitest';
import { planFingerprint } from '../../src/plan/fingerprint.js';
import { plan, PLAN_FORMAT } from '../../src/plan/plan.js';
import { renderPlan } from '../../src/plan/render.js';
import { applyPlanned, desiredOf, emptyWorld, prodCluster, webDesired, webService, webTaskDefinition } from './fixtures.js';

describe('plan', () => {
  it('is the diff, the prediction and the fingerprint of the state, with the desired state it was made for', () => {
    const world = emptyWorld();
    const desired = { ...webDesired(world), warnings: ['template: a warning from the reader'] };
    const p = plan(world, desired);
    expect(p.format).toBe(PLAN_FORMAT);
    expect(p.fingerprint).toBe(planFingerprint(world, desired));
    expect(p.changes.map((c) => [c.type, c.kind])).toEqual([['cluster', 'create'], ['taskDefinition', 'create'], ['service', 'create']]);
    expect(p.operations.map((o) => o.operation)).toEqual(['CreateCluster', 'RegisterTaskDefinition', 'CreateService']);
    expect(p.rollouts.map((r) => [r.service, r.outcome])).toEqual([[expect.stringContaining('web'), 'COMPLETED']]);
    expect(p.monthlyCostUsd.before).toBe(0);
    expect(p.monthlyCostUsd.after).toBeGreaterThan(0);
    expect(p.warnings[0]).toBe('template: a warning from the reader');
    expect(p.desired).toBe(desired);
  });

  it('is deterministic: the same World and desired state give the same JSON and text', () => {
    const world = emptyWorld(3);
    const a = plan(world, webDesired(world));
    const b = plan(world, webDesired(world));
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(renderPlan(a, { color: true })).toBe(renderPlan(b, { color: true }));
  });

  it('is empty once applied', () => {
    const world = emptyWorld();
    const desired = webDesired(world);
    const applied = applyPlanned(world, plan(world, desired).operations);
    const again = plan(applied, desired);
    expect(again.operations).toEqual([]);
    expect(again.changes.every((c) => c.kind === 'no-op')).toBe(true);
  });

  it('reports a refused create once (the prediction sees its call refused)', () => {
    const world = emptyWorld();
    const desired = desiredOf({ clusters: [prodCluster()], taskDefinitions: [webTaskDefinition()], services: [webService(world, { desiredCount: -1 })] });
    const failed = plan(world, desired).checks.filter((c) => c.status === 'fail');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.message).toContain('desiredCount must be between 0 and 5000');
  });

  it('reports a refused update the diff plans no call for as a failed check naming the service', () => {
    const world = emptyWorld();
    const applied = applyPlanned(world, plan(world, webDesired(world)).operations);
    const desired = webDesired(world, undefined, { networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-0000000000000dead'] } } });
    const p = plan(applied, desired);
    const refused = p.changes.findIndex((c) => c.error !== undefined);
    expect(refused).toBeGreaterThanOrEqual(0);
    expect(p.operations.some((o) => o.change === refused)).toBe(false);
    expect(p.checks).toContainEqual(expect.objectContaining({ name: 'operation', status: 'fail', subject: 'prod/web', message: expect.stringContaining('subnet-0000000000000dead') }));
  });
});
