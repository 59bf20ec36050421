// The plan's prediction (issue 12): operations simulated on a branch of the World. Every expectation here is either
// ECS's documented behaviour (rolling bounds: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-type-ecs.html;
// circuit breaker: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-circuit-breaker.html;
// Fargate prices: https://aws.amazon.com/fargate/pricing/) or the twin's own run of the same operations.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { serviceKey } from '../../src/domain/service.js';
import type { BehaviorRule, World } from '../../src/domain/world.js';
import { advance } from '../../src/engine/advance.js';
import { createWorld } from '../../src/engine/createWorld.js';
import { execute } from '../../src/engine/execute.js';
import { predict } from '../../src/plan/predict.js';
import type { PlannedOperation } from '../../src/plan/types.js';
import { VCPU_LIMIT_REASON } from '../../src/scheduler/launchTasks.js';
import { INSUFFICIENT_ADDRESSES_REASON } from '../../src/scheduler/fargatePlacement.js';

const SUBNETS = [
  { subnetId: 'subnet-a', cidrBlock: '10.0.0.0/24', availabilityZone: 'us-east-1a', vpcId: 'vpc-1' },
  { subnetId: 'subnet-b', cidrBlock: '10.0.1.0/24', availabilityZone: 'us-east-1b', vpcId: 'vpc-1' },
];
const BAD_IMAGE_REASON = 'CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to resolve ref docker.io/library/nginx:does-not-exist: not found';

function must<T>(r: E.Either<{ name: string; message: string }, T>): T {
  if (E.isLeft(r)) throw new Error(`${r.left.name}: ${r.left.message}`);
  return r.right;
}

const revision = (image: string, cpu = '512', memory = '1024'): Record<string, unknown> => ({
  family: 'web',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  cpu,
  memory,
  containerDefinitions: [{ name: 'app', image, essential: true }],
});

interface WorldOptions {
  readonly desiredCount?: number;
  readonly onDemandVcpu?: number;
  readonly subnets?: typeof SUBNETS;
  readonly behaviors?: readonly BehaviorRule[];
  readonly strategy?: readonly { capacityProvider: string; base: number; weight: number }[];
}

/** A World with service prod/web (web:1, nginx:1.27, 0.5 vCPU / 1 GB) steady at `desiredCount` tasks. */
function steadyWorld(o: WorldOptions = {}): World {
  const subnets = o.subnets ?? SUBNETS;
  let w = createWorld({
    seed: 7,
    network: { subnets },
    quotas: { onDemandVcpu: o.onDemandVcpu ?? 100, spotVcpu: 100 },
    behaviors: o.behaviors ?? [{ match: { image: '*:does-not-exist' }, failToStart: BAD_IMAGE_REASON }],
  });
  w = must(execute(w, 'CreateCluster', { clusterName: 'prod', capacityProviders: ['FARGATE', 'FARGATE_SPOT'] })).world;
  w = must(execute(w, 'RegisterTaskDefinition', revision('nginx:1.27'))).world;
  w = must(
    execute(w, 'CreateService', {
      cluster: 'prod',
      serviceName: 'web',
      taskDefinition: 'web',
      desiredCount: o.desiredCount ?? 6,
      ...(o.strategy !== undefined ? { capacityProviderStrategy: o.strategy } : { launchType: 'FARGATE' }),
      networkConfiguration: { awsvpcConfiguration: { subnets: subnets.map((s) => s.subnetId) } },
      deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 200, deploymentCircuitBreaker: { enable: true, rollback: true } },
    }),
  ).world;
  for (let i = 0; i < 200; i++) {
    w = advance(w, 5_000).world;
    const s = w.services.get(serviceKey('prod', 'web'))!;
    if (s.steadySinceMs !== undefined) return advance(w, 60_000).world;
  }
  throw new Error('the service did not settle');
}

const op = (operation: string, input: Record<string, unknown>, change = 0): PlannedOperation => ({ service: 'ecs', operation, input, change });
const deployTo = (image: string, extra: Record<string, unknown> = {}): PlannedOperation[] => [
  op('RegisterTaskDefinition', revision(image)),
  op('UpdateService', { cluster: 'prod', service: 'web', taskDefinition: 'web', ...extra }, 1),
];

describe('predict: a rolling update of a 6-task service (minimumHealthyPercent 100, maximumPercent 200)', () => {
  const world = steadyWorld();
  const p = predict(world, deployTo('nginx:1.28'));
  const r = p.rollouts[0]!;

  it('predicts one rollout, COMPLETED, with the surge and floor ECS documents', () => {
    expect(p.rollouts).toHaveLength(1);
    expect(r.service).toBe('prod/web');
    expect(r.outcome).toBe('COMPLETED');
    // maximumPercent 200 of 6 ⇒ up to 12 tasks RUNNING or PENDING; minimumHealthyPercent 100 ⇒ never below 6 healthy.
    expect(r.peakTasks).toBe(12);
    expect(r.lowestHealthy).toBe(6);
    // 12 tasks × 0.5 vCPU held at the surge, nothing else in the account.
    expect(r.peakVcpus).toBe(6);
  });

  it('times the rollout to the steady-state event ECS emits', () => {
    const steady = r.events.filter((e) => e.message === '(service web) has reached a steady state.');
    expect(steady).toHaveLength(1);
    expect(r.timeToSteadySeconds).toBe(steady[0]!.atSeconds);
    // New tasks provision, pull, start and settle 40 s; old ones stop: minutes, not seconds or hours.
    expect(r.timeToSteadySeconds!).toBeGreaterThan(60);
    expect(r.timeToSteadySeconds!).toBeLessThan(900);
  });

  it('lists the service events as ECS words them, oldest first, from the start of the plan', () => {
    const messages = r.events.map((e) => e.message);
    expect(messages[0]).toMatch(/^\(service web\) has started 6 tasks: (\(task [0-9a-f]{32}\) ?){6}\.$/);
    expect(messages.some((m) => /^\(service web\) has stopped \d+ running tasks: /.test(m))).toBe(true);
    expect(messages.some((m) => /^\(service web\) \(deployment ecs-svc\/\d{19}\) deployment completed\.$/.test(m))).toBe(true);
    expect(messages.at(-1)).toBe('(service web) has reached a steady state.');
    const times = r.events.map((e) => e.atSeconds);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(times[0]!).toBeGreaterThan(0);
  });

  it('passes the quota, subnet and circuit-breaker checks, with the headroom stated', () => {
    const quota = p.checks.find((c) => c.name === 'vcpu-quota' && c.subject === 'FARGATE')!;
    expect(quota).toMatchObject({ status: 'pass', message: 'peak 6 of 100 vCPUs (6%): 94 vCPUs of headroom' });
    expect(p.checks.filter((c) => c.name === 'subnet-ips').map((c) => [c.subject, c.status])).toEqual([
      ['subnet-a', 'pass'],
      ['subnet-b', 'pass'],
    ]);
    // 12 addresses at the peak over two /24 subnets (251 usable each).
    expect(Object.values(r.ipsAtPeak).reduce((a, b) => a + b, 0)).toBe(12);
    expect(p.checks.find((c) => c.name === 'circuit-breaker')).toMatchObject({ status: 'pass', subject: 'prod/web' });
    expect(p.checks.every((c) => c.status === 'pass')).toBe(true);
  });

  it('leaves the caller\'s World as it was', () => {
    expect(world.nowMs).toBe(steadyWorld().nowMs);
    expect(world.services.get(serviceKey('prod', 'web'))!.deployments).toHaveLength(1);
    expect(world.families.get('web')).toEqual(steadyWorld().families.get('web'));
  });

  it('is deterministic: the same World and operations give the same prediction', () => {
    expect(predict(world, deployTo('nginx:1.28'))).toEqual(p);
  });
});

describe('predict equals the twin\'s own run', () => {
  it('applying the same operations and advancing (in other steps) gives the predicted events and counts', () => {
    const world = steadyWorld();
    const ops = deployTo('nginx:1.28', { desiredCount: 8 });
    const r = predict(world, ops).rollouts[0]!;
    // The twin on its own: execute, then one big step of exactly the predicted time to steady.
    let w = world;
    for (const o of ops) w = must(execute(w, o.operation, o.input)).world;
    w = advance(w, r.timeToSteadySeconds! * 1000).world;
    const described = must(execute(w, 'DescribeServices', { cluster: 'prod', services: ['web'] })).output as {
      services: { runningCount: number; pendingCount: number; events: { createdAt: number; message: string }[]; deployments: { rolloutState: string }[] }[];
    };
    const s = described.services[0]!;
    const startSeconds = world.nowMs / 1000;
    const before = world.services.get(serviceKey('prod', 'web'))!.events.length;
    const twinEvents = s.events
      .slice(0, s.events.length - before)
      .reverse()
      .map((e) => ({ atSeconds: Math.round((e.createdAt - startSeconds) * 1000) / 1000, message: e.message }));
    expect(r.events.map((e) => ({ atSeconds: Math.round(e.atSeconds * 1000) / 1000, message: e.message }))).toEqual(twinEvents);
    expect(s.deployments.map((d) => d.rolloutState)).toEqual(['COMPLETED']);
    expect([s.runningCount, s.pendingCount]).toEqual([8, 0]);
    expect(r.outcome).toBe('COMPLETED');
    // 8 desired at 200 % caps the surge at 16; the 6 old tasks and the 8 new ones make 14.
    expect(r.peakTasks).toBe(14);
  });
});

describe('predict: checks that fail', () => {
  it('a surge beyond the vCPU quota fails the vcpu-quota check, saying why', () => {
    // 6 × 0.5 vCPU = 3 run; the surge to 12 tasks needs 6 vCPUs, the quota is 4.
    const p = predict(steadyWorld({ onDemandVcpu: 4 }), deployTo('nginx:1.28'));
    const c = p.checks.find((x) => x.name === 'vcpu-quota' && x.subject === 'FARGATE')!;
    expect(c.status).toBe('fail');
    expect(c.message).toContain(VCPU_LIMIT_REASON);
    expect(c.message).toContain('quota is 4 vCPUs');
    expect(c.message).toContain('prod/web (up to 12 tasks × 0.5 vCPU = 6 vCPUs at maximumPercent 200)');
    const r = p.rollouts[0]!;
    // The twin still completes, within the quota: at most 8 tasks of 0.5 vCPU.
    expect(r.peakTasks).toBeLessThanOrEqual(8);
    expect(r.peakVcpus).toBeLessThanOrEqual(4);
    expect(r.events.some((e) => e.message.includes(`was unable to place a task. Reason: ${VCPU_LIMIT_REASON}`))).toBe(true);
  });

  it('a surge near a small subnet\'s size warns; beyond it fails with InsufficientFreeAddressesInSubnet', () => {
    // A /28 has 16 − 5 reserved = 11 usable addresses (https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html).
    const small = [{ subnetId: 'subnet-small', cidrBlock: '10.0.0.0/28', availabilityZone: 'us-east-1a', vpcId: 'vpc-1' }];
    // 5 tasks surge to 10 of 11: 91 %.
    const warn = predict(steadyWorld({ subnets: small, desiredCount: 5 }), deployTo('nginx:1.28'));
    expect(warn.checks.find((c) => c.name === 'subnet-ips')).toMatchObject({
      status: 'warn',
      subject: 'subnet-small',
      message: 'peak 10 of 11 usable addresses (10.0.0.0/28), 91%: 1 addresses left for a scale-out or another rollout',
    });
    expect(warn.rollouts[0]!.ipsAtPeak).toEqual({ 'subnet-small': 10 });
    // 6 tasks would surge to 12: one more than the subnet holds.
    const fail = predict(steadyWorld({ subnets: small, desiredCount: 6 }), deployTo('nginx:1.28'));
    const c = fail.checks.find((x) => x.name === 'subnet-ips')!;
    expect(c.status).toBe('fail');
    expect(c.message).toContain(INSUFFICIENT_ADDRESSES_REASON);
    expect(c.message).toContain('peak 11 of 11 usable addresses');
  });

  it('a revision whose image cannot be pulled is predicted ROLLED_BACK by the circuit breaker, with the reason', () => {
    const p = predict(steadyWorld(), deployTo('nginx:does-not-exist'));
    const r = p.rollouts[0]!;
    expect(r.outcome).toBe('ROLLED_BACK');
    expect(r.events.some((e) => /^\(service web\) \(deployment ecs-svc\/\d{19}\) deployment failed: tasks failed to start\.$/.test(e.message))).toBe(true);
    expect(r.events.some((e) => /^\(service web\) rolling back to deployment ecs-svc\/\d{19}\.$/.test(e.message))).toBe(true);
    // Rolled back to the running revision: steady again at 6 tasks, never fewer than 6 healthy.
    expect(r.timeToSteadySeconds).not.toBeNull();
    expect(r.lowestHealthy).toBe(6);
    const c = p.checks.find((x) => x.name === 'circuit-breaker')!;
    expect(c.status).toBe('fail');
    expect(c.message).toMatch(/^deployment ecs-svc\/\d{19} of web:2 fails: "ECS deployment circuit breaker: tasks failed to start\."/);
    expect(c.message).toContain(`× "${BAD_IMAGE_REASON}"`);
    expect(c.message).toContain('the World\'s behaviour rule for image "*:does-not-exist" makes container app (nginx:does-not-exist) fail to start');
    expect(c.message).toMatch(/ECS rolls back to ecs-svc\/\d{19} \(web:1\)\.$/);
  });

  it('without rollback, the failed deployment is predicted FAILED and the simulation stops there', () => {
    const ops = deployTo('nginx:does-not-exist', { deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: false } } });
    const p = predict(steadyWorld(), ops);
    expect(p.rollouts[0]).toMatchObject({ outcome: 'FAILED', timeToSteadySeconds: null });
    expect(p.checks.find((x) => x.name === 'circuit-breaker')!.message).toContain('Rollback is off');
  });

  it('without the circuit breaker, a failing revision is IN_PROGRESS at the horizon, with a warning naming the failures', () => {
    const ops = deployTo('nginx:does-not-exist', { deploymentConfiguration: { deploymentCircuitBreaker: { enable: false, rollback: false } } });
    const p = predict(steadyWorld(), ops, { horizonMs: 600_000 });
    expect(p.rollouts[0]).toMatchObject({ outcome: 'IN_PROGRESS', timeToSteadySeconds: null, lowestHealthy: 6 });
    const c = p.checks.find((x) => x.name === 'circuit-breaker')!;
    expect(c.status).toBe('warn');
    expect(c.message).toMatch(/^not steady within the 10-minute horizon; its tasks keep failing: \d+ × "CannotPullContainerError: /);
  });

  it('a rejected operation is a check with ECS\'s exception, not a throw, and the others are still applied', () => {
    const world = steadyWorld();
    const p = predict(world, [
      op('RegisterTaskDefinition', { ...revision('nginx:1.28'), cpu: '3' }),
      op('UpdateService', { cluster: 'prod', service: 'nope', desiredCount: 2 }, 1),
      { service: 'application-autoscaling', operation: 'RegisterScalableTarget', input: { ServiceNamespace: 'ecs' }, change: 2 },
      op('UpdateService', { cluster: 'prod', service: 'web', desiredCount: 7 }, 3),
    ]);
    const td = p.checks.find((c) => c.name === 'task-definition')!;
    expect(td).toMatchObject({ status: 'fail', subject: 'RegisterTaskDefinition web' });
    expect(td.message).toMatch(/^ECS rejects operation 1 \(RegisterTaskDefinition\): (ClientException|InvalidParameterException): /);
    expect(p.checks.find((c) => c.name === 'operation')).toMatchObject({
      status: 'fail',
      subject: 'UpdateService prod/nope',
      message: 'ECS rejects operation 2 (UpdateService): ServiceNotFoundException: Service not found.',
    });
    // The scale-out still happens: one more task, no new deployment.
    expect(p.rollouts.map((r) => [r.service, r.outcome, r.peakTasks, r.lowestHealthy])).toEqual([['prod/web', 'COMPLETED', 7, 6]]);
  });

  it('bad options fall back to the defaults with a warning', () => {
    const p = predict(steadyWorld(), [], { stepMs: 0, horizonMs: -1 });
    expect(p.checks.map((c) => [c.name, c.status, c.subject])).toEqual([
      ['operation', 'warn', 'options.horizonMs'],
      ['operation', 'warn', 'options.stepMs'],
    ]);
    expect(p.rollouts).toEqual([]);
  });
});

describe('predict: monthly cost (https://aws.amazon.com/fargate/pricing/, us-east-1)', () => {
  it('prices the desired tasks before and after, with the Spot split of the capacity-provider strategy', () => {
    const strategy = [
      { capacityProvider: 'FARGATE', base: 2, weight: 1 },
      { capacityProvider: 'FARGATE_SPOT', base: 0, weight: 3 },
    ];
    const world = steadyWorld({ strategy });
    const p = predict(world, [
      op('RegisterTaskDefinition', revision('nginx:1.28', '1024', '2048')),
      op('UpdateService', { cluster: 'prod', service: 'web', taskDefinition: 'web', desiredCount: 10 }, 1),
    ]);
    // us-east-1 Linux/x86: 0.04048 USD per vCPU-hour, 0.004445 per GB-hour; Spot at 0.30 × on-demand (src/fargate/pricing.ts).
    // Before: 6 tasks of 0.5 vCPU / 1 GB — base 2 on FARGATE, then 1:3 ⇒ FARGATE 3, FARGATE_SPOT 3.
    const small = 0.5 * 0.04048 + 1 * 0.004445; // 0.024685 per hour
    const before = (3 * small + 3 * small * 0.3) * 720; // 69.31548
    // After: 10 tasks of 1 vCPU / 2 GB — FARGATE 4, FARGATE_SPOT 6.
    const big = 1 * 0.04048 + 2 * 0.004445; // 0.04937 per hour
    const after = (4 * big + 6 * big * 0.3) * 720; // 206.16912
    expect(p.monthlyCostUsd).toEqual({ before: 69.32, after: 206.17 });
    expect([Math.round(before * 100) / 100, Math.round(after * 100) / 100]).toEqual([69.32, 206.17]);
  });

  it('costs nothing before for a service the plan creates', () => {
    const world = steadyWorld();
    const p = predict(world, [
      op('CreateService', {
        cluster: 'prod',
        serviceName: 'api',
        taskDefinition: 'web:1',
        desiredCount: 2,
        launchType: 'FARGATE',
        networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-a'] } },
      }),
    ]);
    // 2 × 0.024685 × 720 = 35.5464
    expect(p.monthlyCostUsd).toEqual({ before: 0, after: 35.55 });
    expect(p.rollouts[0]).toMatchObject({ service: 'prod/api', outcome: 'COMPLETED', peakTasks: 2, lowestHealthy: 0 });
  });
});
