import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../../src/sim/scenario/problems.js';
import { MINIMAL, load, loadOk, loadProblems } from './fixtures.js';

const HOUR = 3_600_000;

// A scenario using every section, as a user would write it.
const FULL = `name: checkout-peak
description: Checkout service through a sale day.
world:
  region: eu-west-1
  seed: 42
  startTimeMs: 1717200000000   # 2024-06-01T00:00:00Z
  quotas: { onDemandVcpu: 200, spotVcpu: 100 }
resources:
  clusters:
    - clusterName: shop
  taskDefinitions:
    - family: checkout
      cpu: "1024"
      memory: "2048"
      networkMode: awsvpc
      requiresCompatibilities: [FARGATE]
      containerDefinitions: [{ name: app, image: shop/checkout:1 }]
  services:
    - cluster: shop
      serviceName: checkout
      taskDefinition: checkout
      desiredCount: 4
      capacityProviderStrategy: [{ capacityProvider: FARGATE, weight: 1 }]
    - cluster: shop
      serviceName: worker
      taskDefinition: checkout
      desiredCount: 1
load:
  checkout:
    capacityRps: 250
    cpuBaselinePct: 5
    profile:
      - { type: diurnal, base: 100, peak: 900, peakHour: 13.5 }
      - { type: spike, extra: 400, at: "12:00", duration: 15m }
      - { type: step, steps: [{ at: 0, rps: 10 }, { at: 2h, rps: 20 }] }
      - { type: ramp, from: 0, to: 50, start: "+1h", end: "D1 03:00" }
      - { type: constant, rps: 5 }
      - { type: replay, points: [[0, 1], ["30m", 2]] }
  shop/worker:
    capacityRps: 10
    memoryBaselinePct: 30
    memoryAtCapacityPct: 80
    profile: { type: constant, rps: 3 }
autoscaling:
  scalableTargets:
    - { ResourceId: service/shop/checkout, MinCapacity: 4, MaxCapacity: 40 }
  scalingPolicies:
    - PolicyName: cpu60
      ResourceId: service/shop/checkout
      PolicyType: TargetTrackingScaling
      TargetTrackingScalingPolicyConfiguration:
        TargetValue: 60
        PredefinedMetricSpecification: { PredefinedMetricType: ECSServiceAverageCPUUtilization }
        DisableScaleIn: false
    - PolicyName: mem-steps
      ServiceNamespace: ecs
      ScalableDimension: ecs:service:DesiredCount
      ResourceId: service/shop/checkout
      PolicyType: StepScaling
      StepScalingPolicyConfiguration:
        AdjustmentType: PercentChangeInCapacity
        MinAdjustmentMagnitude: 2
        Cooldown: 120
        MetricAggregationType: Maximum
        StepAdjustments:
          - { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 10, ScalingAdjustment: 10 }
          - { MetricIntervalLowerBound: 10, ScalingAdjustment: 30 }
      Alarm:
        AlarmName: checkout-memory-high
        MetricName: MemoryUtilization
        Statistic: Average
        Period: 60
        EvaluationPeriods: 3
        DatapointsToAlarm: 2
        Threshold: 70
        ComparisonOperator: GreaterThanOrEqualToThreshold
  scheduledActions:
    - ScheduledActionName: sale-start
      ResourceId: service/shop/checkout
      Schedule: cron(0 11 ? * SAT *)
      Timezone: Europe/Dublin
      StartTime: "2024-06-01T00:00:00Z"
      ScalableTargetAction: { MinCapacity: 10 }
timeline:
  - { at: "10:00", operation: UpdateService, input: { cluster: shop, service: checkout, desiredCount: 6 } }
  - { at: 20m, operation: RunTask, input: { cluster: shop, taskDefinition: checkout }, times: 3, every: 5m }
  - { at: "14:00", fault: azOutage, availabilityZone: eu-west-1b, duration: 30m }
  - { at: "15:00", fault: capacityShortage, capacityProvider: FARGATE_SPOT, availabilityZone: eu-west-1a, duration: 1h }
  - { at: 2h, fault: spotInterruptions, ratePerTaskHour: 0.05 }
  - { at: 0, fault: crashes, service: shop/worker, mtbf: 6h, duration: 12h }
  - { at: "16:00", fault: quota, onDemandVcpu: 50 }
duration: 1d
metricPeriod: 5m
seeds: 10
assert:
  - checkout.minutesBelowDesired <= 5
  - droppedRequestsPct < 0.1
  - { check: "total.costUsd <= 1200", over: p90 }
prices:
  linuxX86VcpuHour: 0.04
  spotFactor: 0.3
`;

describe('loadScenarioFile: every section of a realistic file', () => {
  const file = loadOk(FULL);
  const s = file.base;

  it('reads name, world, duration, period, seeds and prices', () => {
    expect(s.name).toBe('checkout-peak');
    expect(s.description).toBe('Checkout service through a sale day.');
    expect(s.world).toEqual({ region: 'eu-west-1', seed: 42, startTimeMs: 1717200000000, quotas: { onDemandVcpu: 200, spotVcpu: 100 } });
    expect([s.durationMs, s.metricPeriodMs, s.seeds]).toEqual([24 * HOUR, 300_000, 10]);
    expect(s.prices).toEqual({ linuxX86VcpuHour: 0.04, spotFactor: 0.3 });
    expect(file.variants).toEqual([]);
  });

  it('keeps the resource bodies as written, in order', () => {
    expect(s.resources.clusters).toEqual([{ clusterName: 'shop' }]);
    expect(s.resources.taskDefinitions).toHaveLength(1);
    expect(s.resources.services.map((b) => (b as { serviceName: string }).serviceName)).toEqual(['checkout', 'worker']);
  });

  it('resolves every load profile form to ms offsets and rps', () => {
    const load = s.load.checkout!;
    expect(load).toMatchObject({ capacityRps: 250, cpuBaselinePct: 5, memoryBaselinePct: 20, memoryAtCapacityPct: 60 });
    expect(load.profile).toEqual([
      { type: 'diurnal', baseRps: 100, peakRps: 900, peakHour: 13.5 },
      { type: 'spike', extraRps: 400, atMs: 12 * HOUR, durationMs: 15 * 60_000 },
      { type: 'step', steps: [{ atMs: 0, rps: 10 }, { atMs: 2 * HOUR, rps: 20 }] },
      { type: 'ramp', fromRps: 0, toRps: 50, startMs: HOUR, endMs: 3 * HOUR },
      { type: 'constant', rps: 5 },
      { type: 'replay', points: [{ atMs: 0, rps: 1 }, { atMs: 30 * 60_000, rps: 2 }] },
    ]);
    expect(s.load['shop/worker']).toEqual({ capacityRps: 10, cpuBaselinePct: 2, memoryBaselinePct: 30, memoryAtCapacityPct: 80, profile: [{ type: 'constant', rps: 3 }] });
  });

  it('fills the AAS defaults (namespace, dimension) and converts scheduled-action times to epoch ms', () => {
    const a = s.autoscaling;
    expect(a.scalableTargets).toEqual([
      { ServiceNamespace: 'ecs', ResourceId: 'service/shop/checkout', ScalableDimension: 'ecs:service:DesiredCount', MinCapacity: 4, MaxCapacity: 40 },
    ]);
    expect(a.scalingPolicies.map((p) => [p.PolicyName, p.PolicyType, p.ServiceNamespace, p.ScalableDimension])).toEqual([
      ['cpu60', 'TargetTrackingScaling', 'ecs', 'ecs:service:DesiredCount'],
      ['mem-steps', 'StepScaling', 'ecs', 'ecs:service:DesiredCount'],
    ]);
    expect(a.scalingPolicies[1]!.StepScalingPolicyConfiguration?.StepAdjustments).toHaveLength(2);
    expect(a.scalingPolicies[1]!.Alarm).toMatchObject({ MetricName: 'MemoryUtilization', DatapointsToAlarm: 2, Threshold: 70 });
    expect(a.scheduledActions).toEqual([
      {
        ScheduledActionName: 'sale-start',
        ServiceNamespace: 'ecs',
        ResourceId: 'service/shop/checkout',
        ScalableDimension: 'ecs:service:DesiredCount',
        Schedule: 'cron(0 11 ? * SAT *)',
        Timezone: 'Europe/Dublin',
        StartTimeMs: Date.UTC(2024, 5, 1),
        ScalableTargetAction: { MinCapacity: 10 },
      },
    ]);
  });

  it('maps the timeline in file order, with paths', () => {
    expect(s.timeline).toEqual([
      { _tag: 'operation', atMs: 10 * HOUR, operation: 'UpdateService', input: { cluster: 'shop', service: 'checkout', desiredCount: 6 }, times: 1, everyMs: 0, path: 'timeline[0]' },
      { _tag: 'operation', atMs: 20 * 60_000, operation: 'RunTask', input: { cluster: 'shop', taskDefinition: 'checkout' }, times: 3, everyMs: 300_000, path: 'timeline[1]' },
      { _tag: 'azOutage', atMs: 14 * HOUR, durationMs: 30 * 60_000, availabilityZone: 'eu-west-1b', path: 'timeline[2]' },
      { _tag: 'capacityShortage', atMs: 15 * HOUR, durationMs: HOUR, capacityProvider: 'FARGATE_SPOT', availabilityZone: 'eu-west-1a', path: 'timeline[3]' },
      { _tag: 'spotInterruptions', atMs: 2 * HOUR, ratePerTaskHour: 0.05, path: 'timeline[4]' },
      { _tag: 'crashes', atMs: 0, durationMs: 12 * HOUR, service: 'shop/worker', mtbfMs: 6 * HOUR, exitCode: 1, path: 'timeline[5]' },
      { _tag: 'quota', atMs: 16 * HOUR, onDemandVcpu: 50, path: 'timeline[6]' },
    ]);
  });

  it('parses asserts with their scope and statistic', () => {
    expect(s.assert).toEqual([
      { text: 'checkout.minutesBelowDesired <= 5', scope: { _tag: 'service', service: 'checkout' }, metric: 'minutesBelowDesired', op: '<=', value: 5, over: 'max' },
      { text: 'droppedRequestsPct < 0.1', scope: { _tag: 'each' }, metric: 'droppedRequestsPct', op: '<', value: 0.1, over: 'max' },
      { text: 'total.costUsd <= 1200', scope: { _tag: 'total' }, metric: 'costUsd', op: '<=', value: 1200, over: 'p90' },
    ]);
  });

  it('reads the same scenario written as JSON', () => {
    const json = JSON.stringify({
      name: 'minimal-json',
      duration: 3600,
      resources: { services: [{ serviceName: 'web', taskDefinition: 'web' }] },
      load: { web: { capacityRps: 50, profile: { type: 'constant', rps: 10 } } },
      assert: ['web.droppedRequests == 0'],
    }, null, 2);
    const s2 = loadOk(json).base;
    expect([s2.name, s2.durationMs, s2.metricPeriodMs, s2.seeds]).toEqual(['minimal-json', HOUR, 60_000, 1]);
    expect(s2.load.web?.profile).toEqual([{ type: 'constant', rps: 10 }]);
  });

  it('places problems of a JSON file at their line and column too', () => {
    const json = '{\n  "name": "j",\n  "duration": "1h",\n  "seeds": "many"\n}\n';
    const problems = loadProblems(json);
    expect(problems.map(formatProblem)).toEqual(['scenario.yaml:4:12: seeds: expected an integer from 1 to 100000, got "many"']);
  });
});

describe('loadScenarioFile: a typo fails with its path, line and column', () => {
  it('names the misspelt key, where it is, and the key meant', () => {
    const text = `${MINIMAL}load:
  web:
    capacityRps: 100
    profile:
      - type: diurnal
        base: 10
        peak: 90
        peakHuor: 14
`;
    const problems = loadProblems(text);
    // The unknown key, at its own position (line 15, column 9), and the required key it hid, at the profile (line 12).
    expect(problems.map(formatProblem)).toEqual([
      "scenario.yaml:12:9: load.web.profile[0].peakHour: required, but missing",
      "scenario.yaml:15:9: load.web.profile[0].peakHuor: unknown key 'peakHuor' (did you mean 'peakHour'?); known keys: type, base, peak, peakHour",
    ]);
  });

  it('reports unknown top-level keys and collects every problem, in file order', () => {
    const problems = loadProblems(`name: x\nduraton: 1h\nseeds: 0\nmetricPeriod: 7s\n`);
    expect(problems.map((p) => [p.line, p.column, p.path])).toEqual([
      [1, 1, 'duration'],
      [2, 1, 'duraton'],
      [3, 8, 'seeds'],
      [4, 15, 'metricPeriod'],
    ]);
    expect(problems[1]!.message).toContain("(did you mean 'duration'?)");
  });

  it('places world config errors from the existing exact codec under world.', () => {
    const problems = loadProblems(`name: x\nduration: 1h\nworld:\n  seed: 1\n  retention:\n    stopedTaskMs: 5\n  network:\n    subnets:\n      - { subnetId: subnet-1, cidrBlock: 10.0.0.0/24, availabilityZone: us-east-1q, vpcId: vpc-1 }\n`);
    expect(problems.map(formatProblem)).toEqual([
      'scenario.yaml:6:5: world.retention.stopedTaskMs: unknown key (did you mean stoppedTaskMs?); known keys: stoppedTaskMs',
    ]);
    const semantic = loadProblems(`name: x\nduration: 1h\nworld:\n  network:\n    subnets:\n      - { subnetId: subnet-1, cidrBlock: 10.0.0.0/24, availabilityZone: us-east-1q, vpcId: vpc-1 }\n`);
    expect(semantic).toHaveLength(1);
    expect(semantic[0]).toMatchObject({ path: 'world.network.subnets[0].availabilityZone', line: 6, column: 73 });
    expect(semantic[0]!.message).toMatch(/^'us-east-1q' is not an Availability Zone of us-east-1/);
  });

  it('reports YAML syntax errors at their position', () => {
    const problems = loadProblems('name: x\nduration: 1h\nload:\n  web: [1, 2\n');
    expect(problems[0]!.message).toMatch(/^not valid YAML or JSON: /);
    expect(problems[0]!.line).toBeGreaterThanOrEqual(4);
  });

  it('rejects a duplicate key instead of letting the last one win silently', () => {
    const problems = loadProblems('name: x\nduration: 1h\nduration: 2h\n');
    expect(problems[0]).toMatchObject({ line: 3, column: 1 });
    expect(problems[0]!.message).toMatch(/unique/);
  });
});

describe('loadScenarioFile: references between sections', () => {
  it('requires load, crashes, asserts and ResourceIds to name services of resources.services', () => {
    const problems = loadProblems(`${MINIMAL}load:
  api: { capacityRps: 1, profile: { type: constant, rps: 1 } }
autoscaling:
  scalableTargets: [{ ResourceId: service/prod/web, MinCapacity: 1, MaxCapacity: 2 }]
timeline:
  - { at: 0, fault: crashes, service: wbe, mtbf: 1h }
assert: [ "api.tasksReplaced <= 1" ]
`);
    expect(problems.map((p) => [p.path, p.line])).toEqual([
      ['load.api', 9],
      ['autoscaling.scalableTargets[0].ResourceId', 11],
      ['timeline[0].service', 13],
      ['assert[0]', 14],
    ]);
    expect(problems[0]!.message).toBe("no service 'api' in resources.services (services: web)");
  });

  it('refuses an ambiguous service name and accepts cluster/service', () => {
    const two = `name: x
duration: 1h
resources:
  services:
    - { serviceName: web, cluster: a }
    - { serviceName: web, cluster: arn:aws:ecs:us-east-1:123456789012:cluster/b }
`;
    const ambiguous = loadProblems(`${two}load:\n  web: { capacityRps: 1, profile: { type: constant, rps: 1 } }\n`);
    expect(ambiguous[0]!.message).toBe("service 'web' is ambiguous: it exists in clusters a, b; write 'cluster/web'");
    const s = loadOk(`${two}load:\n  b/web: { capacityRps: 1, profile: { type: constant, rps: 1 } }\n`).base;
    expect(Object.keys(s.load)).toEqual(['b/web']);
  });

  it('checks subnet ids and zones of faults against the World network', () => {
    const problems = loadProblems(`${MINIMAL}timeline:
  - { at: 0, fault: subnetUnavailable, subnetId: subnet-nope }
  - { at: 0, fault: azOutage, availabilityZone: us-east-1z, duration: 1m }
  - { at: 0, fault: meteor }
`);
    expect(problems.map((p) => p.path)).toEqual(['timeline[0].subnetId', 'timeline[1].availabilityZone', 'timeline[2].fault']);
    expect(problems[1]!.message).toMatch(/^'us-east-1z' is not an Availability Zone of the World's Region \(us-east-1a, /);
  });
});

describe('loadScenarioFile: files named by the scenario', () => {
  const files = {
    'bodies/web-service.json': JSON.stringify({ serviceName: 'web', taskDefinition: 'web', desiredCount: 3 }),
    'bodies/broken.json': '{ "serviceName": ',
    'bodies/list.json': '[1, 2]',
    'traffic.csv': 'time,rps\n0,100\n600,150\n30m,120\n01:00,90\n',
    'unsorted.csv': 'time,rps\n10m,1\n5m,2\n',
    'bad.csv': 'time,rps\n0,-1\nsoon,2\n',
  };

  it('reads JSON bodies and replay CSVs through readFile', () => {
    const s = loadOk(
      `name: x\nduration: 2h\nresources:\n  services: [bodies/web-service.json]\nload:\n  web: { capacityRps: 10, profile: { type: replay, csv: traffic.csv } }\n`,
      files,
    ).base;
    expect(s.resources.services).toEqual([{ serviceName: 'web', taskDefinition: 'web', desiredCount: 3 }]);
    expect(s.load.web?.profile).toEqual([
      {
        type: 'replay',
        points: [
          { atMs: 0, rps: 100 },
          { atMs: 600_000, rps: 150 },
          { atMs: 1_800_000, rps: 120 },
          { atMs: 3_600_000, rps: 90 },
        ],
      },
    ]);
  });

  it('names the missing, broken or wrong-shaped file at the path that names it', () => {
    const problems = loadProblems(`name: x\nduration: 1h\nresources:\n  services:\n    - bodies/none.json\n    - bodies/broken.json\n    - bodies/list.json\n`, files);
    expect(problems.map((p) => [p.path, p.line, p.column])).toEqual([
      ['resources.services[0]', 5, 7],
      ['resources.services[1]', 6, 7],
      ['resources.services[2]', 7, 7],
    ]);
    expect(problems[0]!.message).toBe('no such file: bodies/none.json');
    expect(problems[1]!.message).toMatch(/^bodies\/broken.json is not valid JSON: /);
    expect(problems[2]!.message).toMatch(/^bodies\/list.json: expected a CreateService request \(an object\)/);
  });

  it('names the CSV row that is wrong', () => {
    const csv = (name: string): readonly string[] =>
      loadProblems(`${MINIMAL}load:\n  web: { capacityRps: 10, profile: { type: replay, csv: ${name} } }\n`, files).map((p) => p.message);
    expect(csv('unsorted.csv')).toEqual(['unsorted.csv:3: rows must be sorted by time; this one is earlier than the row before']);
    const bad = csv('bad.csv');
    expect(bad[0]).toBe('bad.csv:2: expected rps a number from 0 to 1000000000, got "-1"');
    expect(bad[1]).toMatch(/^bad.csv:3: time expected a time/);
    expect(csv('missing.csv')).toEqual(['no such file: missing.csv']);
  });
});

describe('loadScenarioFile: the bundled example', () => {
  it('docs/examples/scenarios/az-outage/scenario.yaml loads', async () => {
    const { readScenarioFile } = await import('../../../src/cli/readScenario.js');
    const r = readScenarioFile('docs/examples/scenarios/az-outage/scenario.yaml');
    expect(E.isRight(r) ? [] : r.left.map(formatProblem)).toEqual([]);
    if (E.isLeft(r)) return;
    const s = r.right.base;
    expect(s.durationMs).toBe(24 * HOUR);
    expect(s.timeline).toEqual([{ _tag: 'azOutage', atMs: 14 * HOUR, durationMs: 30 * 60_000, availabilityZone: 'us-east-1a', path: 'timeline[0]' }]);
    expect(s.load.web).toMatchObject({ capacityRps: 100, profile: [{ type: 'diurnal', peakHour: 14 }] });
    expect(s.autoscaling.scalingPolicies[0]?.TargetTrackingScalingPolicyConfiguration?.TargetValue).toBe(60);
    expect((s.resources.services[0] as { desiredCount: number }).desiredCount).toBe(6);
  });
});

it('load() of a non-object file is one problem at 1:1', () => {
  const r = load('- just\n- a list\n');
  expect(E.isLeft(r) && r.left.map(formatProblem)).toEqual(['scenario.yaml:1:1: (file): expected a scenario object (name, duration, world, resources, …), got a list']);
});

it('a readFile that throws (a defect of the caller) becomes a problem, not an exception', async () => {
  const { loadScenarioFile } = await import('../../../src/sim/scenario/loadScenarioFile.js');
  const r = loadScenarioFile('name: x\nduration: 1h\nresources: { services: [a.json] }\n', {
    fileName: 's.yaml',
    readFile: () => {
      throw new Error('disk on fire');
    },
  });
  expect(E.isLeft(r) && r.left.map(formatProblem)).toEqual(['s.yaml: (file): internal error while loading the scenario: disk on fire']);
});

it('a top-level section left empty (null) is absent; a required one is then missing', () => {
  const s = loadOk(`${MINIMAL}timeline:\nassert:\nworld:\n`).base;
  expect([s.timeline, s.assert, s.world]).toEqual([[], [], {}]);
  expect(loadProblems('name: x\nduration:\n').map((p) => `${p.path}: ${p.message}`)).toEqual(['duration: required, but missing']);
});
