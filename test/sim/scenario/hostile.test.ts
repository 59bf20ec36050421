// Hostile and arbitrary input: the loader returns problems, it never throws.
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../../src/sim/scenario/problems.js';
import { MINIMAL, load, loadProblems } from './fixtures.js';

describe('hostile input', () => {
  it('refuses nesting deeper than the bounds (YAML flow and block) with a problem', () => {
    const deep = `name: x\nduration: 1h\nresources:\n  services:\n    - ${'['.repeat(5_000)}${']'.repeat(5_000)}\n`;
    const problems = loadProblems(deep);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.map(formatProblem).join('\n')).toMatch(/nested deeper than|cannot be read|not valid/);
  });

  it('refuses an alias bomb', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
    const problems = loadProblems(`${lines.join('\n')}\nname: x\nduration: 1h\n`);
    expect(problems[0]!.message).toMatch(/cannot be read|alias|larger|nested/i);
  });

  it('judges huge numbers, NaN, Infinity and numeric strings with a path', () => {
    const problems = loadProblems(`${MINIMAL.replace('duration: 1h', 'duration: 1e300')}seeds: .nan
metricPeriod: .inf
load:
  web: { capacityRps: "100", profile: { type: constant, rps: 1e400 } }
prices: { spotFactor: 2, linuxX86VcpuHour: "NaN" }
`);
    expect(problems.map((p) => p.path)).toEqual([
      'duration',
      'seeds',
      'metricPeriod',
      'load.web.capacityRps',
      'load.web.profile.rps',
      'prices.spotFactor',
      'prices.linuxX86VcpuHour',
    ]);
    expect(problems[4]!.message).toBe('expected a number from 0 to 1000000000, got Infinity');
  });

  it('survives keys named like Object.prototype members', () => {
    const r = load(`name: x\nduration: 1h\n__proto__: { polluted: true }\nconstructor: 1\nload: { toString: { capacityRps: 1, profile: { type: constant, rps: 1 } } }\n`);
    expect(E.isLeft(r)).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    if (E.isLeft(r)) expect(r.left.map((p) => p.path)).toEqual(['__proto__', 'constructor', 'load.toString']);
  });

  it('treats odd YAML (binary, tags, empty documents) as wrong values, not crashes', () => {
    for (const text of ['', '~', '!!binary aGVsbG8=', 'name: !!binary aGVsbG8=\nduration: 1h\n', '--- 1\n--- 2\n', '\u0000', 'name: x\nduration: [1h]\n']) {
      const r = load(text);
      expect(E.isLeft(r), JSON.stringify(text)).toBe(true);
    }
  });

  it('does not echo a very long value in full', () => {
    const problems = loadProblems(`name: x\nduration: "${'9'.repeat(100_000)}"\n`);
    expect(problems[0]!.message.length).toBeLessThan(400);
  });
});

// YAML-ish values: what a parsed file can hold, plus the values that look like scenario parts.
const scalar = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('10m', '14:00', 'D2 01:00', '1h30m', 'web', 'default/web', 'service/default/web', 'constant', 'replay', 'azOutage', 'crashes', 'UpdateService', 'a.csv'),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
);
const key = fc.constantFrom(
  'name', 'duration', 'world', 'resources', 'load', 'autoscaling', 'timeline', 'assert', 'prices', 'variants', 'seeds', 'metricPeriod',
  'services', 'serviceName', 'web', 'profile', 'type', 'rps', 'capacityRps', 'at', 'fault', 'operation', 'input', 'scalableTargets',
  'scalingPolicies', 'ResourceId', 'MinCapacity', 'MaxCapacity', 'PolicyType', 'StepAdjustments', 'check', 'over', 'x', '__proto__',
);
const value = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(key, tie('node'), { maxKeys: 5 })),
})).node;
const scenarioish = fc.record(
  { name: scalar, duration: scalar, resources: value, load: value, autoscaling: value, timeline: value, assert: value, variants: value, world: value },
  { requiredKeys: [] },
);

describe('the loader never throws', () => {
  it('on arbitrary YAML-ish values, as YAML and as JSON', () => {
    const files: Record<string, string> = { 'a.csv': 'time,rps\n0,1\n' };
    fc.assert(
      fc.property(fc.oneof(value, scenarioish), fc.boolean(), (v, asJson) => {
        let text: string;
        try {
          text = asJson ? JSON.stringify(v) ?? 'null' : stringify(v);
        } catch {
          return; // a value the YAML writer itself cannot print is not a file anyone has
        }
        const r = load(text, files);
        if (E.isLeft(r)) {
          for (const p of r.left) {
            // The loader's last-resort catch turns a defect into an "internal error" problem: none may occur.
            expect(p.message).not.toMatch(/^internal error/);
            expect(p.line === undefined || p.line >= 1).toBe(true);
          }
        }
      }),
    );
  });

  it('on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const r = load(text);
        if (E.isLeft(r)) for (const p of r.left) expect(p.message).not.toMatch(/^internal error/);
      }),
    );
  });
});
