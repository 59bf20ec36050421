// Hostile and arbitrary input: reading desired state returns problems or a state, it never throws.
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readDesiredState } from '../../../src/plan/desired/index.js';

const read = (text: string) => readDesiredState(text, { fileName: 'x.yaml', parameters: { P: 'a,b' } });

// Values built from the pieces templates are made of, so generated documents reach the resolver, not just the parser.
const key = fc.constantFrom('Ref', 'Fn::Sub', 'Fn::Join', 'Fn::Select', 'Fn::If', 'Fn::GetAtt', 'Fn::Split', 'Fn::FindInMap', 'Condition', 'Fn::Equals', 'Type', 'Properties', 'ClusterName', 'P', 'R', '__proto__', 'AWS::NoValue');
const scalar = fc.oneof(fc.constantFrom('R', 'P', 'AWS::Region', 'AWS::NoValue', 'C', '${P}', '${R.Arn}', '${!x}', '${', 'R.Name', '', '0', 'AWS::ECS::Service', 'AWS::ECS::Cluster'), fc.string({ maxLength: 8 }), fc.integer(), fc.boolean(), fc.constant(null));
const value = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, fc.array(tie('v'), { maxLength: 4 }), fc.dictionary(key, tie('v'), { maxKeys: 3 })),
})).v;
const template = fc.record({
  Parameters: fc.constant({ P: { Type: 'CommaDelimitedList' } }),
  Conditions: fc.dictionary(fc.constantFrom('C', 'D'), value, { maxKeys: 2 }),
  Resources: fc.dictionary(
    fc.constantFrom('R', 'S', 'T', 'U'),
    fc.record({ Type: fc.constantFrom('AWS::ECS::Cluster', 'AWS::ECS::Service', 'AWS::ECS::TaskDefinition', 'AWS::ApplicationAutoScaling::ScalableTarget', 'AWS::ApplicationAutoScaling::ScalingPolicy', 'AWS::IAM::Role'), Properties: fc.dictionary(key, value, { maxKeys: 4 }) }),
    { maxKeys: 4 },
  ),
});

describe('hostile input', () => {
  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const r = read(text);
        expect(E.isLeft(r) || E.isRight(r)).toBe(true);
      }),
    );
  });

  it('never throws on generated templates, and every problem has a path and a message', () => {
    fc.assert(
      fc.property(template, fc.boolean(), (t, asJson) => {
        const r = read(asJson ? JSON.stringify(t) : stringify(t));
        if (E.isLeft(r)) for (const p of r.left) expect(p.path.length > 0 && p.message.length > 0 && !p.message.startsWith('internal error')).toBe(true);
        else expect(Array.isArray(r.right.warnings)).toBe(true);
      }),
    );
  });

  it('refuses deep nesting and alias bombs with a problem', () => {
    expect(E.isLeft(read(`Resources: ${'['.repeat(5_000)}${']'.repeat(5_000)}\n`))).toBe(true);
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
    expect(E.isLeft(read(`${lines.join('\n')}\nResources: {}\n`))).toBe(true);
  });

  it('keys named like Object.prototype members stay data', () => {
    const r = read('Resources:\n  C:\n    Type: AWS::ECS::Cluster\n    Properties: { ClusterName: x, __proto__: { polluted: true }, Tags: [] }\n');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(E.isRight(r)).toBe(true);
    if (E.isRight(r)) expect(Object.keys(r.right.clusters[0]!.body)).toContain('__proto__');
  });
});
