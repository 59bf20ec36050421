// Desired state as ECS request bodies: sections, positions of problems, bounds.
import { readFileSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { readDesiredState } from '../../../src/plan/desired/index.js';
import type { ScenarioProblem } from '../../../src/sim/scenario/problems.js';

const read = (text: string) => readDesiredState(text, { fileName: 'desired.yaml' });
const problems = (text: string): readonly ScenarioProblem[] => {
  const r = read(text);
  if (E.isRight(r)) throw new Error('expected problems');
  return r.left;
};

describe('ECS request bodies', () => {
  it('reads the example (cluster prod, task definition web with a new image, service web with 6 tasks)', () => {
    const r = read(readFileSync('docs/examples/plan/desired.yaml', 'utf8'));
    expect(E.isRight(r)).toBe(true);
    if (E.isLeft(r)) return;
    expect(r.right.clusters).toEqual([{ source: 'clusters[0]', body: { clusterName: 'prod' } }]);
    expect(r.right.taskDefinitions.map((t) => t.source)).toEqual(['taskDefinitions[0]']);
    expect(r.right.taskDefinitions[0]!.body.family).toBe('web');
    expect((r.right.taskDefinitions[0]!.body.containerDefinitions as { image: string }[])[0]!.image).toMatch(/web:1\.4\.2$/);
    expect(r.right.services[0]!.body).toMatchObject({ serviceName: 'web', cluster: 'prod', taskDefinition: 'web', desiredCount: 6 });
    expect(r.right.scalableTargets).toEqual([]);
    expect(r.right.warnings).toEqual([]);
  });

  it('reads JSON too, and keeps AAS bodies as written', () => {
    const r = read(JSON.stringify({ scalableTargets: [{ ServiceNamespace: 'ecs', MinCapacity: 1 }], scalingPolicies: [{ PolicyName: 'cpu' }] }));
    expect(r).toEqual(E.right({ clusters: [], taskDefinitions: [], services: [], scalableTargets: [{ source: 'scalableTargets[0]', body: { ServiceNamespace: 'ecs', MinCapacity: 1 } }], scalingPolicies: [{ source: 'scalingPolicies[0]', body: { PolicyName: 'cpu' } }], warnings: [] }));
  });

  it('reports an unknown top-level key at the key, with a suggestion', () => {
    const p = problems('clusters: []\nservice:\n  - serviceName: web\n');
    expect(p).toHaveLength(1);
    expect(p[0]).toMatchObject({ file: 'desired.yaml', path: 'service', line: 2, column: 1 });
    expect(p[0]!.message).toMatch(/unknown key 'service' \(did you mean 'services'\?\)/);
  });

  it('reports bodies that are not objects and sections that are not lists, each where it is written', () => {
    const p = problems('services:\n  - serviceName: web\n  - web\ntaskDefinitions: web\n');
    expect(p.map((x) => [x.path, x.line, x.column])).toEqual([
      ['services[1]', 3, 5],
      ['taskDefinitions', 4, 18],
    ]);
    expect(p[0]!.message).toBe('expected a CreateService request body (an object), got "web"');
  });

  it('reports a syntax error with its line', () => {
    const p = problems('services:\n  - serviceName: [web\n');
    expect(p[0]!.line).toBeGreaterThanOrEqual(2);
    expect(p[0]!.message).toMatch(/not valid YAML or JSON/);
  });

  it('bounds each body like an ECS request (1 MiB)', () => {
    const p = problems(JSON.stringify({ services: [{ serviceName: 'x'.repeat(1_100_000) }] }));
    expect(p[0]!.path).toBe('services[0]');
    expect(p[0]!.message).toMatch(/larger|size|characters/i);
  });

  it('accepts empty sections and rejects a document that is not an object', () => {
    expect(E.isRight(read('clusters:\nservices: []\n'))).toBe(true);
    expect(problems('- a\n')[0]!.message).toMatch(/^expected ECS request bodies .* or a CloudFormation template/);
  });
});
