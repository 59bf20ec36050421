import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { decodePlanFile } from '../../src/plan/planFile.js';
import { SAMPLE_PLAN } from './samplePlans.js';

describe('decodePlanFile', () => {
  it('reads back what JSON.stringify wrote', () => {
    expect(decodePlanFile(JSON.stringify(SAMPLE_PLAN))).toEqual(E.right(JSON.parse(JSON.stringify(SAMPLE_PLAN))));
  });

  it('names what is wrong and where', () => {
    const bad = (patch: Record<string, unknown>) => decodePlanFile(JSON.stringify({ ...SAMPLE_PLAN, ...patch }));
    expect(decodePlanFile('{nope')).toEqual(E.left(expect.stringContaining('plan: not JSON')));
    expect(decodePlanFile('[]')).toEqual(E.left('plan: expected an object'));
    expect(bad({ format: 'terraform' })).toEqual(E.left('plan.format: expected "ecs-twin-plan/1", got "terraform"'));
    expect(bad({ fingerprint: 3 })).toEqual(E.left('plan.fingerprint: expected a non-empty string'));
    expect(bad({ checks: {} })).toEqual(E.left('plan.checks: expected a list'));
    const ops = SAMPLE_PLAN.operations.map((op, i) => (i === 2 ? { ...op, input: 'x' } : op));
    expect(bad({ operations: ops })).toEqual(E.left('plan.operations[2].input: expected an object'));
    const far = SAMPLE_PLAN.operations.map((op, i) => (i === 0 ? { ...op, change: 99 } : op));
    expect(bad({ operations: far })).toEqual(E.left('plan.operations[0].change: expected the index of one of plan.changes'));
    expect(bad({ monthlyCostUsd: { before: 1 } })).toEqual(E.left('plan.monthlyCostUsd: expected {before, after} numbers'));
    expect(bad({ desired: { clusters: [] } })).toEqual(E.left('plan.desired.taskDefinitions: expected a list'));
  });
});
