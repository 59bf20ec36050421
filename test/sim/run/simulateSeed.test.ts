// One seed of a scenario end to end (src/sim/run/simulateSeed.ts): determinism, conservation of requests, cost
// against a hand computation, target tracking in a band, faults and their outcomes.
import { describe, expect, it } from 'vitest';
import type { SeedResult } from '../../../src/sim/result.js';
import { checkScenario, simulateSeed } from '../../../src/sim/run/simulateSeed.js';
import type { Scenario } from '../../../src/sim/scenario/types.js';
import { loadOk } from '../scenario/fixtures.js';

const NET = `  network:
    subnets:
      - { subnetId: subnet-a, cidrBlock: 10.0.0.0/24, availabilityZone: us-east-1a, vpcId: vpc-1 }
      - { subnetId: subnet-b, cidrBlock: 10.0.1.0/24, availabilityZone: us-east-1b, vpcId: vpc-1 }
      - { subnetId: subnet-c, cidrBlock: 10.0.2.0/24, availabilityZone: us-east-1c, vpcId: vpc-1 }`;

/** A one-service scenario: `desired` tasks of `cpu`/`memory`, with extra top-level YAML appended. */
function scenario(opts: { desired?: number; cpu?: string; memory?: string; strategy?: string; extra?: string; duration?: string }): Scenario {
  const yaml = `name: t
duration: ${opts.duration ?? '2h'}
world:
  seed: 5
  quotas: { onDemandVcpu: 500, spotVcpu: 500 }
${NET}
resources:
  clusters: [{ clusterName: c, capacityProviders: [FARGATE, FARGATE_SPOT] }]
  taskDefinitions:
    - { family: web, cpu: "${opts.cpu ?? '256'}", memory: "${opts.memory ?? '512'}", networkMode: awsvpc, requiresCompatibilities: [FARGATE], containerDefinitions: [{ name: app, image: nginx }] }
  services:
    - cluster: c
      serviceName: web
      taskDefinition: web
      desiredCount: ${opts.desired ?? 3}
      ${opts.strategy ?? 'launchType: FARGATE'}
      networkConfiguration: { awsvpcConfiguration: { subnets: [subnet-a, subnet-b, subnet-c] } }
${opts.extra ?? ''}`;
  return loadOk(yaml).base;
}

const sum = (xs: readonly (number | null)[]): number => xs.reduce<number>((a, x) => a + (x ?? 0), 0);

describe('simulateSeed', () => {
  const steady = scenario({
    desired: 4,
    extra: `load:
  web: { capacityRps: 100, profile: { type: diurnal, base: 100, peak: 500, peakHour: 1 } }
autoscaling:
  scalableTargets: [{ ResourceId: service/c/web, MinCapacity: 2, MaxCapacity: 40 }]
  scalingPolicies:
    - PolicyName: cpu60
      ResourceId: service/c/web
      PolicyType: TargetTrackingScaling
      TargetTrackingScalingPolicyConfiguration: { TargetValue: 60, PredefinedMetricSpecification: { PredefinedMetricType: ECSServiceAverageCPUUtilization } }
timeline:
  - { at: 30m, fault: azOutage, availabilityZone: us-east-1a, duration: 20m }
`,
  });

  it('is deterministic: the same seed gives the same bytes, another seed another run', () => {
    const a = JSON.stringify(simulateSeed(steady, 'base', 0));
    expect(JSON.stringify(simulateSeed(steady, 'base', 0))).toBe(a);
    const other = simulateSeed(steady, 'base', 1);
    expect(other.seed).toBe(6);
    expect(JSON.stringify(other)).not.toBe(a);
  });

  it('conserves requests: served + dropped = offered, per period and in the outcomes', () => {
    const r = simulateSeed(steady, 'base', 0);
    const s = r.services['c/web']!;
    for (let i = 0; i < r.periods; i++) expect(s.ServedRequests[i]! + s.DroppedRequests[i]!).toBe(s.OfferedRequests[i]);
    const o = r.outcomes['c/web']!;
    expect(o.servedRequests + o.droppedRequests).toBe(o.offeredRequests);
    expect(Math.abs(sum(s.OfferedRequests) - o.offeredRequests)).toBeLessThanOrEqual(r.periods);
    expect(r.totals.offeredRequests).toBe(o.offeredRequests);
  });

  it('loses the zone’s tasks in an AZ outage, replaces them elsewhere and marks the window', () => {
    const r = simulateSeed(steady, 'base', 0);
    const fault = r.markers.find((m) => m.kind === 'fault');
    expect(fault).toMatchObject({ label: 'AZ outage us-east-1a', atMs: r.startMs + 30 * 60_000, endMs: r.startMs + 50 * 60_000 });
    const o = r.outcomes['c/web']!;
    expect(o.tasksReplaced).toBeGreaterThan(0);
    expect(o.minutesBelowDesired).toBeGreaterThan(0);
    const after = o.timeToSteadyState.find((x) => x.after.startsWith('azOutage'));
    expect(after?.minutes).not.toBeNull();
    expect(after!.minutes!).toBeLessThan(10);
  });

  it('keeps CPU in a band around the target under target tracking', () => {
    // A constant 1,200 rps of tasks serving 100 rps each: 60% needs 20 tasks; the service starts with 4.
    const sc = scenario({
      desired: 4,
      duration: '3h',
      extra: `load:
  web: { capacityRps: 100, cpuBaselinePct: 0, profile: { type: constant, rps: 1200 } }
autoscaling:
  scalableTargets: [{ ResourceId: service/c/web, MinCapacity: 1, MaxCapacity: 100 }]
  scalingPolicies:
    - PolicyName: cpu60
      ResourceId: service/c/web
      PolicyType: TargetTrackingScaling
      TargetTrackingScalingPolicyConfiguration: { TargetValue: 60, PredefinedMetricSpecification: { PredefinedMetricType: ECSServiceAverageCPUUtilization } }
`,
    });
    const r = simulateSeed(sc, 'base', 0);
    const cpu = r.services['c/web']!.CPUUtilization.slice(-60) as number[];
    // The AlarmLow threshold is 0.9 × target: in the band [54, 60] nothing scales any more.
    for (const c of cpu) {
      expect(c).toBeGreaterThanOrEqual(54);
      expect(c).toBeLessThanOrEqual(60.000001);
    }
    expect(r.services['c/web']!.RunningTaskCount.at(-1)).toBe(20);
    expect(r.markers.filter((m) => m.kind === 'scaling').length).toBeGreaterThan(0);
  });

  it('bills as a hand computation: 3 × 0.25 vCPU / 0.5 GB for the hour of the run', () => {
    // https://aws.amazon.com/fargate/pricing/ — us-east-1 Linux/x86: $0.04048 per vCPU-hour, $0.004445 per GB-hour.
    // The tasks start in the warm-up, so the run bills each from its start to its end: exactly one hour.
    const r = simulateSeed(scenario({ desired: 3, duration: '1h' }), 'base', 0);
    const perTask = 0.25 * 0.04048 + 0.5 * 0.004445;
    expect(r.cost.totalUsd).toBeCloseTo(3 * perTask, 6);
    expect(r.cost.billedTasks).toBe(3);
    expect(r.cost.vcpuHours).toBeCloseTo(0.75, 6);
    expect(r.cost.gbHours).toBeCloseTo(1.5, 6);
    expect(sum(r.account.CostUsd)).toBeCloseTo(3 * perTask, 6);
    expect(r.outcomes['c/web']!.costUsd).toBeCloseTo(3 * perTask, 6);
  });

  it('interrupts Fargate Spot tasks at the given rate, and the service replaces them', () => {
    const r: SeedResult = simulateSeed(
      scenario({
        desired: 20,
        duration: '2h',
        strategy: 'capacityProviderStrategy: [{ capacityProvider: FARGATE_SPOT, weight: 1 }]',
        extra: 'timeline:\n  - { at: 0s, fault: spotInterruptions, ratePerTaskHour: 0.5 }\n',
      }),
      'base',
      0,
    );
    // 20 tasks × 2 h × 0.5 ⇒ about 20 interruptions.
    expect(r.totals.spotInterruptions).toBeGreaterThan(8);
    expect(r.totals.spotInterruptions).toBeLessThan(40);
    expect(r.outcomes['c/web']!.spotInterruptions).toBe(r.totals.spotInterruptions);
    expect(r.outcomes['c/web']!.tasksReplaced).toBeGreaterThanOrEqual(r.totals.spotInterruptions);
    expect(sum(r.account.SpotInterruptions)).toBe(r.totals.spotInterruptions);
    expect(r.services['c/web']!.RunningTaskCount.at(-1)).toBeGreaterThanOrEqual(18);
    expect(r.cost.spotUsd).toBeCloseTo(r.cost.totalUsd, 9);
  });

  it('crashes a service’s tasks with the given MTBF', () => {
    const r = simulateSeed(
      scenario({ desired: 10, duration: '2h', extra: 'timeline:\n  - { at: 10m, fault: crashes, service: web, mtbf: 1h, exitCode: 137 }\n' }),
      'base',
      0,
    );
    // 10 tasks × 110 minutes / 60 minutes ⇒ about 18 crashes.
    expect(r.outcomes['c/web']!.tasksReplaced).toBeGreaterThan(6);
    expect(r.outcomes['c/web']!.tasksReplaced).toBeLessThan(40);
  });

  it('reports an operation ECS rejects as a note, and applies the others', () => {
    const r = simulateSeed(
      scenario({
        duration: '30m',
        extra: `timeline:
  - { at: 5m, operation: UpdateService, input: { cluster: c, service: nope, desiredCount: 1 } }
  - { at: 6m, operation: UpdateService, input: { cluster: c, service: web, desiredCount: 5 } }
`,
      }),
      'base',
      0,
    );
    expect(r.notes).toHaveLength(1);
    expect(r.notes[0]).toMatch(/^timeline\[0\] at \+00:05: UpdateService failed: ServiceNotFoundException/);
    expect(r.services['c/web']!.DesiredTaskCount.at(-1)).toBe(5);
    expect(r.services['c/web']!.RunningTaskCount.at(-1)).toBe(5);
  });

  it('checkScenario names a resource ECS rejects', () => {
    const sc = scenario({ cpu: '300' });
    expect(checkScenario(sc).join('\n')).toMatch(/^resources\.taskDefinitions\[0\]: RegisterTaskDefinition failed: ClientException/m);
    expect(checkScenario(steady)).toEqual([]);
  });

  it('bills only the measured run, whatever the warm-up: a short-lived task in the warm-up costs nothing', () => {
    // A service whose container exits after 20 s keeps replacing its task: with a longer warm-up, more tasks come and
    // go before the run starts — none of them may show up in the run's bill (review of issue 10, finding 1).
    const base = scenario({ desired: 2, duration: '10m' });
    const withRule = (s: Scenario, warmupMs: number): Scenario => ({
      ...s,
      warmupMs,
      world: { ...s.world, behaviors: [{ match: { family: 'web' }, exitAfterMs: 20_000, exitCode: 1 }] },
    });
    const short = simulateSeed(withRule(base, 10 * 60_000), 'base', 0);
    const long = simulateSeed(withRule(base, 60 * 60_000), 'base', 0);
    // Same load of churn inside the window: the bills agree within one task-minute, not 4× apart.
    const perTaskMinute = (0.25 * 0.04048 + 0.5 * 0.004445) / 60;
    expect(Math.abs(long.cost.totalUsd - short.cost.totalUsd)).toBeLessThan(3 * perTaskMinute);
    expect(long.cost.billedTasks).toBeLessThan(short.cost.billedTasks + 3);
  });

  it('bills nothing for a task stopped before its image pull started', () => {
    // A scale-out undone before the new tasks pull (a 40 s pull delay): they never pulled, so Fargate bills nothing.
    const sc = scenario({
      desired: 2,
      duration: '20m',
      extra: `timeline:
  - { at: 10m, operation: UpdateService, input: { cluster: c, service: web, desiredCount: 12 } }
  - { at: 10m, operation: UpdateService, input: { cluster: c, service: web, desiredCount: 2 } }
`,
    });
    const slowPull: Scenario = { ...sc, world: { ...sc.world, timings: { pullStartDelay: { medianMs: 40_000, minMs: 40_000, maxMs: 40_000 } } } };
    const r = simulateSeed(slowPull, 'base', 0);
    const still: Scenario = { ...slowPull, timeline: [] };
    const baseline = simulateSeed(still, 'base', 0);
    expect(r.cost.totalUsd).toBeCloseTo(baseline.cost.totalUsd, 9);
  });

  it('weighs the CPU datapoint by task-time, as CloudWatch averages over tasks', () => {
    // 1 task at 100% for the first part of a minute, then more tasks: the average over task-seconds is what a
    // CloudWatch Average over the tasks' samples gives (reference §12.1), not the average over time.
    const r = simulateSeed(
      scenario({
        desired: 1,
        duration: '30m',
        extra: `load:
  web: { capacityRps: 100, cpuBaselinePct: 0, profile: { type: constant, rps: 100 } }
timeline:
  - { at: 10m, operation: UpdateService, input: { cluster: c, service: web, desiredCount: 4 } }
`,
      }),
      'base',
      0,
    );
    const cpu = r.services['c/web']!.CPUUtilization;
    expect(cpu[5]).toBeCloseTo(100, 6); // one task carries the whole load
    expect(cpu.at(-1)).toBeCloseTo(25, 6); // four share it
    // The minute in which the new tasks came up lies between, nearer 25 than a time average would put it.
    const mixed = cpu.slice(10, 13).filter((c) => c !== null && c > 25.001 && c < 99.999) as number[];
    for (const c of mixed) expect(c).toBeGreaterThan(25);
  });
});