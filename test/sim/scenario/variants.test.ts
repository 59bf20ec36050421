import { describe, expect, it } from 'vitest';
import { mergeOverrides, overridePathOf } from '../../../src/sim/scenario/merge.js';
import { formatProblem } from '../../../src/sim/scenario/problems.js';
import { loadOk, loadProblems } from './fixtures.js';

const BASE = `name: spot-mix
duration: 2h
world: { seed: 5, quotas: { onDemandVcpu: 50, spotVcpu: 50 } }
resources:
  clusters: [{ clusterName: prod, tags: [{ key: team, value: web }] }]
  services:
    - cluster: prod
      serviceName: web
      desiredCount: 4
      capacityProviderStrategy: [{ capacityProvider: FARGATE, weight: 1 }]
    - { cluster: prod, serviceName: api, desiredCount: 2 }
load:
  web: { capacityRps: 100, profile: { type: constant, rps: 200 } }
autoscaling:
  scalableTargets:
    - { ResourceId: service/prod/web, MinCapacity: 2, MaxCapacity: 10 }
    - { ResourceId: service/prod/api, MinCapacity: 1, MaxCapacity: 4 }
timeline:
  - { at: 10m, fault: spotInterruptions, ratePerTaskHour: 0.01 }
assert: [ "web.minutesBelowDesired <= 5" ]
`;

describe('variants: merge semantics', () => {
  const file = loadOk(`${BASE}variants:
  - name: on-demand
  - name: spot-80
    description: 80 % Spot
    world: { quotas: { spotVcpu: 80 } }
    resources:
      services:
        - serviceName: web
          cluster: prod
          capacityProviderStrategy: [{ capacityProvider: FARGATE, weight: 1 }, { capacityProvider: FARGATE_SPOT, weight: 4 }]
        - { cluster: prod, serviceName: batch, desiredCount: 1 }
    autoscaling:
      scalableTargets: [{ ResourceId: service/prod/api, MaxCapacity: 8 }]
    timeline: []
    assert: [ "total.costUsd <= 10" ]
  - name: no-load
    load: null
    seeds: 3
`);
  const [onDemand, spot, noLoad] = file.variants;

  it('keeps the variants in order with names and descriptions', () => {
    expect(file.variants.map((v) => [v.name, v.description])).toEqual([
      ['on-demand', undefined],
      ['spot-80', '80 % Spot'],
      ['no-load', undefined],
    ]);
    expect(onDemand!.scenario).toEqual(file.base);
  });

  it('deep-merges objects', () => {
    expect(spot!.scenario.world).toEqual({ seed: 5, quotas: { onDemandVcpu: 50, spotVcpu: 80 } });
  });

  it('merges resource lists by identity (matching item merged, new one appended) and replaces inner lists', () => {
    expect(spot!.scenario.resources.services).toEqual([
      {
        cluster: 'prod',
        serviceName: 'web',
        desiredCount: 4,
        capacityProviderStrategy: [
          { capacityProvider: 'FARGATE', weight: 1 },
          { capacityProvider: 'FARGATE_SPOT', weight: 4 },
        ],
      },
      { cluster: 'prod', serviceName: 'api', desiredCount: 2 },
      { cluster: 'prod', serviceName: 'batch', desiredCount: 1 },
    ]);
    expect(spot!.scenario.resources.clusters).toEqual(file.base.resources.clusters);
    expect(spot!.scenario.autoscaling.scalableTargets.map((t) => [t.ResourceId, t.MinCapacity, t.MaxCapacity])).toEqual([
      ['service/prod/web', 2, 10],
      ['service/prod/api', 1, 8],
    ]);
  });

  it('replaces timeline and assert lists', () => {
    expect(spot!.scenario.timeline).toEqual([]);
    expect(spot!.scenario.assert.map((a) => a.text)).toEqual(['total.costUsd <= 10']);
  });

  it('deletes a key set to null', () => {
    expect(noLoad!.scenario.load).toEqual({});
    expect(noLoad!.scenario.seeds).toBe(3);
    expect(file.base.load.web).toBeDefined();
  });
});

describe('variants: problems', () => {
  it('names variants[i] paths at the override positions, and refuses duplicate names and unknown keys', () => {
    const problems = loadProblems(`${BASE}variants:
  - name: a
    seeds: 0
  - name: a
    nmae: b
  - name: c
    resources:
      services:
        - { cluster: prod, serviceName: api, desiredCount: 3 }
        - { cluster: prod, serviceName: web }
    load:
      web: { capacityRps: -1 }
`);
    expect(problems.map(formatProblem)).toEqual([
      'scenario.yaml:23:12: variants[0].seeds: expected an integer from 1 to 100000, got 0',
      "scenario.yaml:24:11: variants[1].name: 'a' is already the name of variants[0]; variant names are unique",
      "scenario.yaml:25:5: variants[1].nmae: unknown key 'nmae' (did you mean 'name'?); a variant overrides any of description, world, resources, load, autoscaling, timeline, duration, metricPeriod, warmup, seeds, assert, prices",
      'scenario.yaml:32:27: variants[2].load.web.capacityRps: expected a number > 0 and ≤ 1000000000, got -1',
    ]);
  });

  it('places a problem of an identity-merged item at the variant item it came from', () => {
    const problems = loadProblems(`${BASE}variants:
  - name: v
    autoscaling:
      scalableTargets:
        - { ResourceId: service/prod/api, MinCapacity: 9 }
`);
    // Merged index 1 (api) came from the variant's item 0, on line 25.
    expect(problems.map(formatProblem)).toEqual([
      'scenario.yaml:25:56: variants[0].autoscaling.scalableTargets[1].MinCapacity: MinCapacity (9) cannot be greater than MaxCapacity (4)',
    ]);
  });

  it('places a problem the variant causes in a base item at the base item', () => {
    // Deleting the services leaves the base's load and targets pointing at nothing.
    const problems = loadProblems(`${BASE}variants:
  - name: v
    resources: { services: null }
`);
    expect(problems.map((p) => `${p.line} ${p.path}`)).toEqual([
      '13 variants[0].load.web',
      '16 variants[0].autoscaling.scalableTargets[0].ResourceId',
      '17 variants[0].autoscaling.scalableTargets[1].ResourceId',
      '20 variants[0].assert[0]',
    ]);
  });

  it('reports a problem of the base once, not again for each variant', () => {
    const problems = loadProblems(`${BASE.replace('duration: 2h', 'duration: 2h\nseeds: -1')}variants:\n  - name: a\n  - name: b\n`);
    expect(problems.map((p) => p.path)).toEqual(['seeds']);
  });
});

describe('mergeOverrides', () => {
  it('records where each identity-merged item came from', () => {
    const merged = mergeOverrides(
      { autoscaling: { scalingPolicies: [{ PolicyName: 'a', ResourceId: 'service/c/x' }, { PolicyName: 'a', ResourceId: 'service/c/y' }] } },
      { autoscaling: { scalingPolicies: [{ PolicyName: 'n' }, { PolicyName: 'a', ResourceId: 'service/c/y', X: 1 }] } },
    );
    expect(merged.value).toEqual({
      autoscaling: {
        scalingPolicies: [
          { PolicyName: 'a', ResourceId: 'service/c/x' },
          { PolicyName: 'a', ResourceId: 'service/c/y', X: 1 },
          { PolicyName: 'n' },
        ],
      },
    });
    expect(overridePathOf(merged, ['autoscaling', 'scalingPolicies', 1, 'X'])).toEqual({ path: ['autoscaling', 'scalingPolicies', 1, 'X'], complete: true });
    expect(overridePathOf(merged, ['autoscaling', 'scalingPolicies', 2])).toEqual({ path: ['autoscaling', 'scalingPolicies', 0], complete: true });
    expect(overridePathOf(merged, ['autoscaling', 'scalingPolicies', 0, 'PolicyName'])).toEqual({ path: ['autoscaling', 'scalingPolicies'], complete: false });
  });

  it('matches a service without cluster to the default cluster only when the override names one', () => {
    const merged = mergeOverrides(
      { resources: { services: [{ serviceName: 'web' }, { serviceName: 'api', cluster: 'a' }] } },
      { resources: { services: [{ serviceName: 'web', cluster: 'default', desiredCount: 1 }, { serviceName: 'api', cluster: 'b' }] } },
    );
    expect(merged.value).toEqual({
      resources: { services: [{ serviceName: 'web', cluster: 'default', desiredCount: 1 }, { serviceName: 'api', cluster: 'a' }, { serviceName: 'api', cluster: 'b' }] },
    });
  });
});
