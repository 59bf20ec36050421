import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { simulate, trySimulate } from '../../src/sim/simulate.js';
import { loadScenarioFile } from '../../src/sim/scenario/loadScenarioFile.js';
import type { ScenarioFile } from '../../src/sim/scenario/types.js';

const TEXT = `
name: two-variants
world:
  seed: 11
  network:
    subnets:
      - { subnetId: subnet-a, cidrBlock: 10.0.0.0/24, availabilityZone: us-east-1a, vpcId: vpc-1 }
resources:
  clusters: [{ clusterName: prod }]
  taskDefinitions:
    - { family: web, requiresCompatibilities: [FARGATE], networkMode: awsvpc, cpu: "256", memory: "512", containerDefinitions: [{ name: app, image: nginx, essential: true }] }
  services:
    - { cluster: prod, serviceName: web, taskDefinition: web, desiredCount: 2, launchType: FARGATE, networkConfiguration: { awsvpcConfiguration: { subnets: [subnet-a] } } }
load:
  web: { capacityRps: 100, profile: { type: constant, rps: 150 } }
timeline:
  - { at: "00:05", fault: crashes, service: web, mtbf: 1h }
duration: 2h
seeds: 2
assert:
  - total.costUsd <= 100
variants:
  - name: two
  - name: four
    resources:
      services:
        - { cluster: prod, serviceName: web, taskDefinition: web, desiredCount: 4, launchType: FARGATE, networkConfiguration: { awsvpcConfiguration: { subnets: [subnet-a] } } }
`;

function load(): ScenarioFile {
  const r = loadScenarioFile(TEXT, { fileName: 'two.yaml', readFile: () => E.left('no files') });
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left));
  return r.right;
}

describe('simulate (library entry)', () => {
  const file = load();

  it('runs every seed of every variant, deterministically, reporting progress', () => {
    const progress: string[] = [];
    const a = simulate(file, { onSeedDone: (d, t) => progress.push(`${d}/${t}`) });
    expect(progress).toEqual(['1/4', '2/4', '3/4', '4/4']);
    expect(a.variants.map((v) => [v.name, v.seeds.map((s) => s.seed)])).toEqual([
      ['two', [11, 12]],
      ['four', [11, 12]],
    ]);
    expect(JSON.stringify(simulate(file))).toBe(JSON.stringify(a));
    // Four tasks cost more than two: the delta against the first variant is positive.
    expect(a.variants[1]!.costDeltaUsd).toBeGreaterThan(0);
    expect([a.pass, a.best]).toEqual([true, 'two']);
  });

  it('takes a seed count and a variant selection', () => {
    const r = simulate(file, { seeds: 1, variants: ['four'] });
    expect(r.variants.map((v) => [v.name, v.seeds.length])).toEqual([['four', 1]]);
    expect(r.seedCount).toBe(1);
  });

  it('bad options: a Left from trySimulate, a RangeError from simulate', () => {
    expect(trySimulate(file, { variants: ['eight'] })).toEqual(E.left('no variant eight in two-variants (variants: two, four)'));
    expect(() => simulate(file, { seeds: -1 })).toThrow(RangeError);
  });
});
