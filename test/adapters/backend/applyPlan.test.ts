// apply: a stale plan is refused before any call; the ECS operations run in order with the plan's tokens; the
// Application Auto Scaling ones are skipped with a note; with wait, each touched service is followed to steady
// state (as `aws ecs wait services-stable` defines it: one deployment, runningCount = desiredCount,
// https://docs.aws.amazon.com/cli/latest/reference/ecs/wait/services-stable.html).
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { AAS_SKIP_NOTE, STALE_PLAN, apply, touchedServices, type ApplyProgress } from '../../../src/adapters/backend/applyPlan.js';
import { twinBackend } from '../../../src/adapters/backend/twinBackend.js';
import { TwinHost } from '../../../src/adapters/twinHost.js';
import type { Plan } from '../../../src/plan/types.js';
import { WEB_TASK_DEFINITION } from '../twinServer.js';

function newHost(): TwinHost {
  const host = TwinHost.create({ seed: 5 }, { kind: 'manual' });
  if (E.isLeft(host)) throw new Error(host.left.message);
  return host.right;
}

function planFor(host: TwinHost, extra: Partial<Plan> = {}): Plan {
  const subnets = [host.world.config.network.subnets[0]?.subnetId ?? ''];
  return {
    format: 'ecs-twin-plan/1',
    fingerprint: 'fp-1',
    changes: [
      { type: 'cluster', id: 'demo', source: 'c', kind: 'create', reason: 'new', changes: [] },
      { type: 'taskDefinition', id: 'web:1', source: 't', kind: 'create', reason: 'new', changes: [] },
      { type: 'service', id: 'demo/web', source: 's', kind: 'create', reason: 'new', changes: [] },
      { type: 'scalableTarget', id: 'service/demo/web', source: 'a', kind: 'create', reason: 'new', changes: [] },
    ],
    operations: [
      { service: 'ecs', operation: 'CreateCluster', input: { clusterName: 'demo' }, change: 0 },
      { service: 'ecs', operation: 'RegisterTaskDefinition', input: WEB_TASK_DEFINITION, change: 1 },
      {
        service: 'ecs',
        operation: 'CreateService',
        input: { cluster: 'demo', serviceName: 'web', taskDefinition: 'web:1', desiredCount: 2, launchType: 'FARGATE', networkConfiguration: { awsvpcConfiguration: { subnets } } },
        change: 2,
        clientToken: 'plan-token-0001',
      },
      { service: 'application-autoscaling', operation: 'RegisterScalableTarget', input: { ServiceNamespace: 'ecs', ResourceId: 'service/demo/web' }, change: 3 },
    ],
    rollouts: [],
    checks: [],
    monthlyCostUsd: { before: 0, after: 0 },
    warnings: [],
    ...extra,
  };
}

describe('apply', () => {
  it('refuses a stale plan and calls nothing', async () => {
    const host = newHost();
    const before = host.journalLength;
    const done = await apply(twinBackend(host), planFor(host), { currentFingerprint: 'fp-2' });
    expect(E.isLeft(done) && done.left.name).toBe(STALE_PLAN);
    expect(E.isLeft(done) && done.left.message).toContain('The state changed since the plan was made');
    expect(host.journalLength).toBe(before);
    expect(host.world.clusters.size).toBe(0);
  });

  it('calls the ECS operations in order with the plan\'s token and skips Application Auto Scaling', async () => {
    const host = newHost();
    const progress: ApplyProgress[] = [];
    const done = await apply(twinBackend(host), planFor(host), { currentFingerprint: 'fp-1', onProgress: (p) => progress.push(p) });
    if (E.isLeft(done)) throw new Error(done.left.message);
    expect(done.right.applied.failed).toBeUndefined();
    expect(done.right.applied.calls.map((c) => [c.index, c.operation])).toEqual([[0, 'CreateCluster'], [1, 'RegisterTaskDefinition'], [2, 'CreateService']]);
    expect(done.right.applied.calls[2]?.input.clientToken).toBe('plan-token-0001');
    expect(done.right.skipped).toEqual([{ index: 3, operation: 'RegisterScalableTarget', note: AAS_SKIP_NOTE }]);
    expect(done.right.steady).toBe(false);
    expect(progress.map((p) => p.kind)).toEqual(['call', 'call', 'call', 'skipped']);
    expect(host.world.clusters.size).toBe(1);
  });

  it('stops at the first failed call and names it by its index in the plan', async () => {
    const host = newHost();
    const plan = planFor(host);
    const broken: Plan = { ...plan, operations: plan.operations.map((op, i) => (i === 1 ? { ...op, input: { family: 'web' } } : op)) };
    const done = await apply(twinBackend(host), broken, { currentFingerprint: 'fp-1', wait: true });
    if (E.isLeft(done)) throw new Error(done.left.message);
    expect(done.right.applied.failed?.index).toBe(1);
    expect(done.right.applied.failed?.error.name).toBe('ClientException');
    expect(done.right.applied.calls.map((c) => c.operation)).toEqual(['CreateCluster']);
    expect(done.right.services).toEqual([]);
    expect(host.world.services.size ?? 0).toBe(0);
  });

  it('with wait, follows each touched service to steady state, the pause moving the twin\'s clock', async () => {
    const host = newHost();
    const polled: ApplyProgress[] = [];
    const done = await apply(twinBackend(host), planFor(host), {
      currentFingerprint: 'fp-1',
      wait: true,
      pollMs: 10_000,
      pause: async (ms) => void host.advance(ms),
      onProgress: (p) => polled.push(p),
    });
    if (E.isLeft(done)) throw new Error(done.left.message);
    expect(done.right.steady).toBe(true);
    const [web] = done.right.services;
    expect(web).toMatchObject({ service: 'demo/web', runningCount: 2, desiredCount: 2, deployments: 1, rolloutState: 'COMPLETED', steady: true });
    expect(web?.waitedMs).toBeGreaterThan(0);
    const first = polled.find((p) => p.kind === 'service');
    expect(first?.kind === 'service' && first.steady).toBe(false);
  });

  it('gives up waiting after maxWaitMs and says the service is not steady', async () => {
    const host = newHost();
    const done = await apply(twinBackend(host), planFor(host), { currentFingerprint: 'fp-1', wait: true, pollMs: 1_000, maxWaitMs: 2_000, pause: async () => undefined });
    if (E.isLeft(done)) throw new Error(done.left.message);
    expect(done.right.steady).toBe(false);
    expect(done.right.services[0]).toMatchObject({ steady: false, waitedMs: 2_000 });
  });
});

describe('touchedServices', () => {
  it('lists created and updated services once each, ARNs shortened', () => {
    const host = newHost();
    const plan = planFor(host);
    const more: Plan = {
      ...plan,
      operations: [
        ...plan.operations,
        { service: 'ecs', operation: 'UpdateService', input: { cluster: 'arn:aws:ecs:us-east-1:123456789012:cluster/demo', service: 'web', desiredCount: 3 }, change: 2 },
        { service: 'ecs', operation: 'UpdateService', input: { service: 'arn:aws:ecs:us-east-1:123456789012:service/default/api' }, change: 2 },
      ],
    };
    expect(touchedServices(more)).toEqual([['demo', 'web'], ['default', 'api']]);
  });
});
