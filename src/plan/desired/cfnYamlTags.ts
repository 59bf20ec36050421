/**
 * CloudFormation's short intrinsic forms in YAML (`!Ref Web`, `!Sub "${AWS::Region}"`, `!GetAtt Role.Arn`,
 * `!Join [",", […]]`, …) as YAML tags, so a template parses into the same data as its long JSON form
 * (`{ Ref: 'Web' }`, `{ 'Fn::Sub': … }`). Without them the YAML parser would keep `!Ref Web` as the bare string
 * `Web` and the reference would be lost silently.
 *
 * @module
 */
import { Pair, Scalar, YAMLMap, type CollectionTag, type ScalarTag } from 'yaml';

/** The short forms and the long keys they stand for. */
const SHORT_FORMS: readonly (readonly [tag: string, key: string])[] = [
  ['Ref', 'Ref'],
  ['Condition', 'Condition'],
  ...['Sub', 'GetAtt', 'Join', 'Select', 'Split', 'If', 'Equals', 'And', 'Or', 'Not', 'FindInMap', 'Base64', 'GetAZs', 'ImportValue', 'Cidr', 'Length', 'ToJsonString', 'Transform'].map(
    (name) => [name, `Fn::${name}`] as const,
  ),
];

/** `{ [key]: value }` as a YAML map node, so positions inside the value can still be located. */
function wrap(key: string, value: unknown): YAMLMap {
  const map = new YAMLMap();
  map.items.push(new Pair(new Scalar(key), value));
  return map;
}

/** `!GetAtt Role.Arn` is `[Role, Arn]`; the attribute may itself contain dots (`Endpoint.Address`). */
function getAttScalar(s: string): readonly string[] {
  const dot = s.indexOf('.');
  return dot < 0 ? [s] : [s.slice(0, dot), s.slice(dot + 1)];
}

/**
 * The YAML tags of CloudFormation's short forms, each in its scalar, sequence and mapping shape (the intrinsic
 * function then judges whether the shape is right for it, with a path).
 *
 * @category constants
 */
export const CFN_YAML_TAGS: readonly (ScalarTag | CollectionTag)[] = SHORT_FORMS.flatMap(([name, key]): (ScalarTag | CollectionTag)[] => [
  { tag: `!${name}`, resolve: (s: string) => ({ [key]: name === 'GetAtt' ? getAttScalar(s) : s }) },
  { tag: `!${name}`, collection: 'seq', resolve: (seq) => wrap(key, seq) },
  { tag: `!${name}`, collection: 'map', resolve: (map) => wrap(key, map) },
]);
