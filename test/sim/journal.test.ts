// `replay` reads journals from files and bug reports: a malformed entry is an error value naming it, never an
// exception. Regression test for issue 13, finding 7 (`[null]` and an unknown fault name threw TypeError).
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { applyEntry, createWorld, replay } from '../../src/index.js';

const leftOf = (r: E.Either<{ name: string; message: string }, unknown>): { name: string; message: string } => {
  if (E.isRight(r)) throw new Error('replay accepted the journal');
  return r.left;
};

describe('replay', () => {
  it('rebuilds a world from a valid journal, rejected entries included', () => {
    const r = replay({ seed: 4 }, [
      { kind: 'execute', operation: 'CreateCluster', input: { clusterName: 'a' } },
      { kind: 'execute', operation: 'CreateCluster', input: { clusterName: 5 } },
      { kind: 'fault', fault: 'setBehaviors', rules: [{ match: {}, exitAfterMs: -1 }] },
      { kind: 'fault', fault: 'interruptSpotTasks' },
      { kind: 'advance', ms: 1_000 },
      { kind: 'advance', ms: -1 },
    ]);
    expect(E.isRight(r) && r.right.nowMs).toBe(1_704_067_201_000);
    expect(E.isRight(r) && [...r.right.clusters.keys()]).toEqual(['a']);
  });

  it('replays a charged entry as chargeRequest + execute: a rejected call keeps its API rate charge (decision 0003)', () => {
    const td = { family: 'w', requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc', cpu: '256', memory: '512', containerDefinitions: [{ name: 'w', image: 'nginx' }] };
    const bad = (charged: boolean) =>
      Array.from({ length: 20 }, () => ({ kind: 'execute', operation: 'RunTask', input: { taskDefinition: 'w', count: 0 }, ...(charged ? { charged } : {}) }));
    const subnets = createWorld().config.network.subnets.map((x) => x.subnetId);
    const input = { taskDefinition: 'w', launchType: 'FARGATE', networkConfiguration: { awsvpcConfiguration: { subnets } } };
    const last = { kind: 'execute', operation: 'RunTask', input, charged: true };
    const journal = (charged: boolean) => [
      { kind: 'execute', operation: 'CreateCluster', input: {} },
      { kind: 'execute', operation: 'RegisterTaskDefinition', input: td },
      ...bad(charged),
    ];
    const tasksAfter = (charged: boolean) => {
      const w = replay({}, journal(charged));
      if (E.isLeft(w)) throw new Error(w.left.message);
      return applyEntry(w.right, last as never);
    };
    expect(tasksAfter(true).result).toEqual(E.left({ name: 'ThrottlingException', message: 'Rate exceeded.' }));
    expect(E.isRight(tasksAfter(false).result as E.Either<unknown, unknown>)).toBe(true);
    expect(leftOf(replay({}, [{ kind: 'execute', operation: 'ListClusters', input: {}, charged: 'yes' }])).message).toContain('journal[0].charged');
  });

  it.each([
    [[null], 'InvalidParameterException', 'journal[0]: expected a journal entry object, got null.'],
    [[{ kind: 'fault', fault: 'meteorStrike' }], 'InvalidParameterException', `journal[0].fault: expected one of 'interruptSpotTasks', 'injectCapacityShortage', 'setSubnetAvailability', 'setBehaviors', 'crashTasks', 'zoneOutage', 'setFargateQuotas', 'setAgentConnected', got "meteorStrike".`],
    [[{ kind: 'advance', ms: 1 }, { kind: 'sleep' }], 'InvalidParameterException', `journal[1].kind: expected one of 'execute', 'advance', 'fault', got "sleep".`],
    [[{ kind: 'advance' }], 'InvalidParameterException', 'journal[0].ms: required, but missing.'],
    [[{ kind: 'advance', ms: '5' }], 'InvalidParameterException', 'journal[0].ms: expected a number, got "5".'],
    [[{ kind: 'execute', operation: 'ListClusters', inptu: {} }], 'InvalidParameterException', 'journal[0].inptu: unknown key (did you mean input?)'],
    [[{ kind: 'fault', fault: 'setBehaviors' }], 'InvalidParameterException', 'journal[0].rules: required, but missing.'],
    [[{ kind: 'advance', ms: BigInt(1) }], 'SerializationException', 'journal[0].ms is a BigInt, which JSON cannot hold.'],
  ] as const)('names a malformed entry: %s', (journal, name, message) => {
    const e = leftOf(replay({}, journal));
    expect(e.name).toBe(name);
    expect(e.message).toContain(message);
  });

  it('names an invalid config', () => {
    expect(leftOf(replay({ sead: 1 }, [])).message).toContain('sead: unknown key (did you mean seed?)');
  });

  it('answers an error when the journal itself cannot be read', () => {
    expect(leftOf(replay({}, null as never)).message).toMatch(/^journal could not be read as a list/);
    function* broken(): Generator<unknown> {
      yield { kind: 'advance', ms: 1 };
      throw new Error('disk');
    }
    expect(leftOf(replay({}, broken()))).toEqual({ name: 'SerializationException', message: 'journal[1] could not be read: reading it threw an error ("disk").' });
  });

  it('applyEntry answers a malformed entry with an error and the World unchanged', () => {
    const world = createWorld();
    const r = applyEntry(world, { kind: 'fault', fault: 'meteorStrike' } as never);
    expect(r.world).toBe(world);
    expect(r.error?.message).toContain("entry.fault: expected one of 'interruptSpotTasks'");
    expect(applyEntry(world, null as never).error?.message).toBe('entry: expected a journal entry object, got null.');
    expect(applyEntry(world, { kind: 'advance', ms: 1_000 }).world.nowMs).toBe(world.nowMs + 1_000);
  });
});
