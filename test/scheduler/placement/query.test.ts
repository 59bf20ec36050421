// The cluster query language: every example from the Developer Guide as a table test (parse, print, evaluate),
// precedence, error messages, bounds, and round-trip / hostile-input properties.
// Docs: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-query-language.html
//       https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement-constraints.html
import { fc, test } from '@fast-check/vitest';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  MAX_QUERY_DEPTH,
  MAX_QUERY_LENGTH,
  evaluateQuery,
  parseQuery,
  printQuery,
  type ComparisonExpr,
  type QueryExpr,
  type QuerySubject,
  type QuerySubjectRef,
} from '../../../src/scheduler/placement/query/index.js';

/** Parses, failing the test with ECS's message when the expression is refused. */
function parsed(text: string): QueryExpr {
  const r = parseQuery(text);
  if (E.isLeft(r)) throw new Error(`expected '${text}' to parse: ${r.left.message}`);
  return r.right;
}

/** The error message for an expression that must be refused. */
function refused(text: string): { message: string; position: number; name: string } {
  const r = parseQuery(text);
  if (E.isRight(r)) throw new Error(`expected '${text}' to be refused, got ${JSON.stringify(r.right)}`);
  return r.left;
}

const ms = (iso: string): number => Date.parse(iso);

// Three sample container instances the doc examples are evaluated against.
const A: QuerySubject = {
  instanceId: 'ci-a',
  ec2InstanceId: 'i-abcd1234',
  attributes: new Map<string, string | undefined>([
    ['ecs.instance-type', 't2.small'],
    ['ecs.availability-zone', 'us-east-1a'],
    ['ecs.os-type', 'linux'],
    ['stack', 'prod'],
    ['generation', '10'],
  ]),
  taskGroups: new Set(['service:production']),
  runningTasksCount: 1,
  agentConnected: true,
  agentVersion: '1.14.4',
  registeredAt: ms('2018-01-01T00:00:00Z'),
};
const B: QuerySubject = {
  instanceId: 'ci-b',
  ec2InstanceId: 'i-0000ffff',
  attributes: new Map<string, string | undefined>([
    ['ecs.instance-type', 'g2.2xlarge'],
    ['ecs.availability-zone', 'us-east-1d'],
    ['ecs.os-type', 'linux'],
    ['stack', 'dev'],
    ['generation', '9'],
  ]),
  taskGroups: new Set(['database', 'family:batch']),
  runningTasksCount: 3,
  agentConnected: false,
  agentVersion: '1.20.0',
  registeredAt: ms('2019-05-05T12:00:00Z'),
};
const C: QuerySubject = {
  instanceId: 'ci-c',
  ec2InstanceId: 'i-wxyx7890',
  attributes: new Map<string, string | undefined>([
    ['ecs.instance-type', 'g2.8xlarge'],
    ['ecs.availability-zone', 'us-east-1b'],
    ['ecs.os-type', 'windows'],
    ['ecs.capability.external', undefined],
  ]),
  taskGroups: new Set(),
  runningTasksCount: 0,
  agentConnected: true,
  agentVersion: '1.14.5',
  registeredAt: ms('2018-02-13T00:00:00Z'),
};
const SAMPLES = [A, B, C] as const;

describe('every documented example parses, prints canonically and selects the right instances', () => {
  // [expression as documented, canonical print, selected among [A, B, C]]
  const table: readonly (readonly [string, string, readonly [boolean, boolean, boolean]])[] = [
    // cluster-query-language.html, "Example expressions"
    ['attribute:ecs.instance-type == t2.small', 'attribute:ecs.instance-type == t2.small', [true, false, false]],
    ['attribute:ecs.availability-zone in [us-east-1a, us-east-1b]', 'attribute:ecs.availability-zone in [us-east-1a, us-east-1b]', [true, false, true]],
    [
      'attribute:ecs.instance-type =~ g2.* and attribute:ecs.availability-zone != us-east-1d',
      'attribute:ecs.instance-type =~ g2.* and attribute:ecs.availability-zone != us-east-1d',
      [false, false, true],
    ],
    ['task:group == service:production', 'task:group == service:production', [true, false, false]],
    ['not(task:group == database)', 'not (task:group == database)', [true, false, true]],
    ['runningTasksCount == 1', 'runningTasksCount == 1', [true, false, false]],
    ['agentVersion < 1.14.5', 'agentVersion < 1.14.5', [true, false, false]],
    ['registeredAt < 2018-02-13', 'registeredAt < 2018-02-13', [true, false, false]],
    ["ec2InstanceId in ['i-abcd1234', 'i-wxyx7890']", 'ec2InstanceId in [i-abcd1234, i-wxyx7890]', [true, false, true]],
    // task-placement-constraints.html, "Filtering by attribute" and "Example constraints"
    ['attribute:ecs.instance-type == g2.2xlarge', 'attribute:ecs.instance-type == g2.2xlarge', [false, true, false]],
    ['attribute:stack == prod', 'attribute:stack == prod', [true, false, false]],
    // "lists the instances with the custom attribute 'stack' unless the attribute value is 'prod'": C has no stack.
    ['attribute:stack != prod', 'attribute:stack != prod', [false, true, false]],
    ['attribute:ecs.instance-type in [t2.small, t2.medium]', 'attribute:ecs.instance-type in [t2.small, t2.medium]', [true, false, false]],
    [
      'attribute:ecs.instance-type =~ t2.* and attribute:ecs.availability-zone == us-east-1a',
      'attribute:ecs.instance-type =~ t2.* and attribute:ecs.availability-zone == us-east-1a',
      [true, false, false],
    ],
    ['attribute:ecs.instance-type =~ t2.*', 'attribute:ecs.instance-type =~ t2.*', [true, false, false]],
    ['task:group == databases', 'task:group == databases', [false, false, false]],
    // aws/amazon-ecs-cli#913 (a task definition constraint seen in the wild)
    ['attribute:ecs.os-type == linux', 'attribute:ecs.os-type == linux', [true, true, false]],
    // the compound-expression form from the docs: (expression1 or expression2) and expression3
    [
      '(attribute:stack == prod or attribute:stack == dev) and runningTasksCount > 1',
      '(attribute:stack == prod or attribute:stack == dev) and runningTasksCount > 1',
      [false, true, false],
    ],
  ];

  it.each(table)('%s', (text, canonical, selected) => {
    const expr = parsed(text);
    expect(printQuery(expr)).toBe(canonical);
    expect(parsed(canonical)).toEqual(expr);
    expect(SAMPLES.map((s) => evaluateQuery(expr, s))).toEqual(selected);
  });

  it('builds the tree the docs describe for the compound example', () => {
    expect(parsed('attribute:ecs.instance-type =~ g2.* and attribute:ecs.availability-zone != us-east-1d')).toEqual({
      _tag: 'And',
      left: { _tag: 'Match', subject: { _tag: 'Attribute', name: 'ecs.instance-type' }, negated: false, pattern: 'g2.*' },
      right: { _tag: 'Compare', subject: { _tag: 'Attribute', name: 'ecs.availability-zone' }, operator: '!=', value: 'us-east-1d' },
    });
  });
});

describe('operators: every documented spelling', () => {
  it.each([
    ['attribute:a equals x', 'attribute:a == x'],
    ['attribute:a not_equals x', 'attribute:a != x'],
    ['runningTasksCount greater_than 1', 'runningTasksCount > 1'],
    ['runningTasksCount greater_than_equal 1', 'runningTasksCount >= 1'],
    ['runningTasksCount less_than 1', 'runningTasksCount < 1'],
    ['runningTasksCount less_than_equal 1', 'runningTasksCount <= 1'],
    ['attribute:a not_exists', 'attribute:a !exists'],
    ['ec2InstanceId !in [i-1]', 'ec2InstanceId not_in [i-1]'],
    ['ec2InstanceId matches i-.*', 'ec2InstanceId =~ i-.*'],
    ['ec2InstanceId not_matches i-.*', 'ec2InstanceId !~ i-.*'],
    ['attribute:a exists && attribute:b exists || !attribute:c exists', 'attribute:a exists and attribute:b exists or not (attribute:c exists)'],
    ['attribute:a exists AND NOT attribute:b exists', 'attribute:a exists and not (attribute:b exists)'],
    ['attribute:a==x', 'attribute:a == x'],
  ])('%s reads as %s', (word, symbol) => {
    expect(parsed(word)).toEqual(parsed(symbol));
    expect(printQuery(parsed(word))).toBe(symbol);
  });
});

describe('precedence: not binds tightest, then and, then or; both left-associative', () => {
  const a = parsed('attribute:a exists');
  const b = parsed('attribute:b exists');
  const c = parsed('attribute:c exists');

  it('reads "a or b and c" as a or (b and c)', () => {
    expect(parsed('attribute:a exists or attribute:b exists and attribute:c exists')).toEqual({
      _tag: 'Or',
      left: a,
      right: { _tag: 'And', left: b, right: c },
    });
  });

  it('reads "not a and b" as (not a) and b', () => {
    expect(parsed('not attribute:a exists and attribute:b exists')).toEqual({ _tag: 'And', left: { _tag: 'Not', expr: a }, right: b });
  });

  it('groups left to right and keeps a right-nested group in parentheses when printing', () => {
    expect(parsed('attribute:a exists and attribute:b exists and attribute:c exists')).toEqual({
      _tag: 'And',
      left: { _tag: 'And', left: a, right: b },
      right: c,
    });
    const rightNested: QueryExpr = { _tag: 'And', left: a, right: { _tag: 'And', left: b, right: c } };
    expect(printQuery(rightNested)).toBe('attribute:a exists and (attribute:b exists and attribute:c exists)');
    expect(parsed(printQuery(rightNested))).toEqual(rightNested);
  });

  it('lets parentheses override it, and the choice changes which instances are selected', () => {
    // Instance C has no stack: "x or y and z" and "(x or y) and z" differ on it.
    const loose = parsed('attribute:ecs.os-type == windows or attribute:stack == prod and runningTasksCount > 5');
    const grouped = parsed('(attribute:ecs.os-type == windows or attribute:stack == prod) and runningTasksCount > 5');
    expect(evaluateQuery(loose, C)).toBe(true);
    expect(evaluateQuery(grouped, C)).toBe(false);
    expect(printQuery(grouped)).toBe('(attribute:ecs.os-type == windows or attribute:stack == prod) and runningTasksCount > 5');
  });
});

describe('evaluation rules', () => {
  const holds = (text: string, s: QuerySubject): boolean => evaluateQuery(parsed(text), s);

  it('treats an attribute with no value as present with an empty value', () => {
    expect(holds('attribute:ecs.capability.external exists', C)).toBe(true);
    expect(holds("attribute:ecs.capability.external == ''", C)).toBe(true);
    expect(holds('attribute:ecs.capability.external != x', C)).toBe(true);
    expect(holds('attribute:ecs.capability.external exists', A)).toBe(false);
  });

  it('makes every comparison on a missing subject false, negations included, except !exists', () => {
    for (const t of ['attribute:stack != prod', 'attribute:stack not_in [x]', 'attribute:stack !~ x.*', 'attribute:stack == prod']) {
      expect(holds(t, C), t).toBe(false);
    }
    expect(holds('attribute:stack !exists', C)).toBe(true);
    expect(holds('not(attribute:stack == prod)', C)).toBe(true);
    const bare: QuerySubject = { instanceId: 'ci-x', attributes: new Map(), taskGroups: new Set() };
    for (const t of ['registeredAt < 2030-01-01', 'runningTasksCount >= 0', 'agentVersion > 0', 'ec2InstanceId != i-1', 'agentConnected == true']) {
      expect(holds(t, bare), t).toBe(false);
    }
  });

  it('tests task:group against every group on the instance', () => {
    expect(holds('task:group == database', B)).toBe(true);
    expect(holds('task:group != database', B)).toBe(false);
    expect(holds('task:group != database', A)).toBe(true);
    expect(holds('task:group in [x, family:batch]', B)).toBe(true);
    expect(holds('task:group not_in [x, family:batch]', B)).toBe(false);
    expect(holds('task:group =~ family:.*', B)).toBe(true);
    expect(holds('task:group !~ family:.*', A)).toBe(true);
    expect(holds('task:group exists', C)).toBe(false);
    expect(holds('task:group !exists', C)).toBe(true);
  });

  it('orders agent versions by component, not as text', () => {
    expect(holds('agentVersion >= 1.9.0', A)).toBe(true); // "1.14.4" < "1.9.0" as text
    expect(holds('agentVersion > 1.14', C)).toBe(true);
    expect(holds('agentVersion == 1.14.5', C)).toBe(true);
    expect(holds('agentVersion <= 1.14.5', C)).toBe(true);
  });

  it('reads every documented date format, with offsets, as an instant', () => {
    expect(holds('registeredAt == 2018-02-13', C)).toBe(true);
    expect(holds('registeredAt == 2018-02-13T00:00:00Z', C)).toBe(true);
    expect(holds('registeredAt == 2018-02-13T00:00:00', C)).toBe(true);
    expect(holds('registeredAt == 2018-02-13T01:00:00+01:00', C)).toBe(true);
    expect(holds('registeredAt > 2018-02-12T23:59:59', C)).toBe(true);
    expect(holds('registeredAt >= 2019-05-05T12:00:01Z', B)).toBe(false);
  });

  it('orders numeric attributes as numbers and others by code unit', () => {
    expect(holds('attribute:generation > 9', A)).toBe(true);
    expect(holds('attribute:generation > 9', B)).toBe(false);
    expect(holds('attribute:stack < prod', B)).toBe(true);
  });

  it('matches a pattern against the whole value, with (?i) for case-insensitive', () => {
    expect(holds('attribute:ecs.instance-type =~ t2', A)).toBe(false);
    expect(holds('attribute:ecs.instance-type =~ t2\\..*', A)).toBe(true);
    expect(holds("attribute:ecs.instance-type =~ '(?i)T2\\.SMALL'", A)).toBe(true);
    expect(holds("attribute:ecs.instance-type =~ '(t2|m5)\\.(small|large)'", A)).toBe(true);
    expect(holds("attribute:ecs.instance-type =~ '(?:t2\\.)+small'", A)).toBe(true);
    expect(holds('agentConnected == false', B)).toBe(true);
    expect(holds('agentConnected in [true]', B)).toBe(false);
  });
});

describe('refused expressions say what was expected and where', () => {
  it.each([
    ['(attribute:a exists', "Invalid query expression: unbalanced parentheses: this '(' is never closed at character 1.", 0],
    ['attribute:a exists)', "Invalid query expression: unbalanced parentheses: this ')' has no matching '(' at character 19.", 18],
    ['((attribute:a exists)', "Invalid query expression: unbalanced parentheses: this '(' is never closed at character 1.", 0],
    ['attribute:a foo b', "Invalid query expression: expected an operator after 'attribute:a', found 'foo' at character 13.", 12],
    ['attribute:a ~= b', "Invalid query expression: expected an operator after 'attribute:a', found '~=' at character 13.", 12],
    ['attribute:a ==', 'Invalid query expression: expected a value, found the end of the expression at character 15.', 14],
    ['attribute:a == and attribute:b exists', "Invalid query expression: expected 'and', 'or' or the end of the expression, found 'attribute:b' at character 20.", 19],
    ['attribute:a in [x,', 'Invalid query expression: expected a value, found the end of the expression at character 19.', 18],
    ['attribute:a in []', "Invalid query expression: expected a value, found ']' at character 17.", 16],
    ['attribute:a in x', "Invalid query expression: expected an argument list '[value, …]', found 'x' at character 16.", 15],
    [
      'attribute:a in (x, y)',
      "Invalid query expression: expected an argument list '[value, …]', found '(x,' at character 16.",
      15,
    ],
    ["attribute:a == 'x", 'Invalid query expression: this quoted value is never closed at character 16.', 15],
    ['', 'Invalid query expression: the expression is empty at character 1.', 0],
    ['instanceId == ci-1', 'Invalid query expression: expected a subject (attribute:<name>, agentConnected, agentVersion, ec2InstanceId, registeredAt, runningTasksCount, task:group), found \'instanceId\' at character 1.', 0],
    ['attribute:a exists and', 'Invalid query expression: expected a subject (attribute:<name>, agentConnected, agentVersion, ec2InstanceId, registeredAt, runningTasksCount, task:group), found the end of the expression at character 23.', 22],
    ["registeredAt =~ '2018.*'", "Invalid query expression: the operator '=~' is not valid for 'registeredAt' at character 14.", 13],
    ['task:group > a', "Invalid query expression: the operator '>' is not valid for 'task:group' at character 12.", 11],
    ['ec2InstanceId exists', "Invalid query expression: the operator 'exists' is not valid for 'ec2InstanceId' at character 15.", 14],
    ['registeredAt < 2018-02-30', "Invalid query expression: invalid date '2018-02-30' for registeredAt: use 2018-06-18T22:28:28+00:00, 2018-06-18T22:28:28Z, 2018-06-18T22:28:28 or 2018-06-18 at character 16.", 15],
    ['runningTasksCount > -1', "Invalid query expression: invalid count '-1' for runningTasksCount: expected a non-negative integer at character 21.", 20],
    ['agentVersion < latest', "Invalid query expression: invalid version 'latest' for agentVersion: expected numbers separated by dots, such as 1.14.5 at character 16.", 15],
    ['attribute:a =~ (a)', 'Invalid query expression: expected a pattern (quote a value that contains parentheses, brackets, commas or spaces), found \'(a)\' at character 16.', 15],
    ['attribute: exists', "Invalid query expression: invalid attribute name '': 1 to 128 letters, numbers, hyphens, underscores, slashes, back slashes or periods at character 1.", 0],
  ])('%s', (text, message, position) => {
    const e = refused(text);
    expect(e.name).toBe('InvalidParameterException');
    expect(e.message).toBe(message);
    expect(e.position).toBe(position);
  });

  it.each([
    ["'(a+)+'", 'a repeated group may not itself repeat or alternate (exponential backtracking)'],
    ["'(a|aa)*b'", 'a repeated group may not itself repeat or alternate (exponential backtracking)'],
    ["'((ab)*c)+'", 'a repeated group may not itself repeat or alternate (exponential backtracking)'],
    ["'\\p{Alpha}+'", 'the escape \\p is not supported'],
    ["'a*+'", 'possessive quantifiers (*+, ++, ?+) are not supported'],
    ["'(?>a)'", 'only (?:…), (?=…) and (?!…) groups are supported'],
    ["'[a-z'", 'unterminated character class'],
    ["'a)'", 'unbalanced ) in pattern'],
    ["'\\1'", 'the escape \\1 is not supported'],
    ["'(a?b)+'", 'a repeated group may not itself repeat or alternate (exponential backtracking)'],
  ])('refuses the pattern %s: %s', (pattern, reason) => {
    expect(refused(`attribute:a =~ ${pattern}`).message).toContain(reason);
  });
});

describe('bounds', () => {
  it(`accepts ${MAX_QUERY_LENGTH} characters and refuses one more (API PlacementConstraint: maximum length 2000)`, () => {
    const head = 'attribute:a == ';
    expect(E.isRight(parseQuery(head + 'x'.repeat(MAX_QUERY_LENGTH - head.length)))).toBe(true);
    const e = refused(head + 'x'.repeat(MAX_QUERY_LENGTH - head.length + 1));
    expect(e.message).toBe('Invalid query expression: the expression is 2001 characters long; the maximum is 2000.');
  });

  it(`nests parentheses and not ${MAX_QUERY_DEPTH} deep, and refuses deeper`, () => {
    const nest = (n: number) => '('.repeat(n) + 'attribute:a exists' + ')'.repeat(n);
    expect(E.isRight(parseQuery(nest(MAX_QUERY_DEPTH)))).toBe(true);
    expect(refused(nest(MAX_QUERY_DEPTH + 1)).message).toBe(
      `Invalid query expression: the expression nests parentheses and 'not' deeper than ${MAX_QUERY_DEPTH} levels at character ${MAX_QUERY_DEPTH + 1}.`,
    );
    expect(E.isRight(parseQuery('not '.repeat(MAX_QUERY_DEPTH) + 'attribute:a exists'))).toBe(true);
    expect(E.isLeft(parseQuery('not '.repeat(MAX_QUERY_DEPTH + 1) + 'attribute:a exists'))).toBe(true);
    expect(E.isLeft(parseQuery('('.repeat(1999)))).toBe(true);
  });

  it('does not count a long and-chain as nesting', () => {
    const chain = Array.from({ length: 70 }, (_, i) => `attribute:a${i} !exists`).join(' and ');
    expect(chain.length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
    expect(evaluateQuery(parsed(chain), A)).toBe(true);
  });

  it('refuses patterns whose backtracking grows as a high power of the value length, and evaluates the rest', () => {
    // a*a*a*a*a*b against 128 'a's took 1.5 s per evaluation before this bound.
    expect(refused('attribute:v =~ a*a*a*a*b').message).toContain('a pattern may repeat (*, +, {n,m}) at most 3 times');
    expect(refused("attribute:v =~ 'a{0,99}a{2,}a+a?a*b'").message).toContain('at most 3 times');
    const expr = parsed('attribute:v =~ a*a*a*b');
    const hostile: QuerySubject = { instanceId: 'ci-h', attributes: new Map([['v', 'a'.repeat(255)]]), taskGroups: new Set() };
    expect(evaluateQuery(expr, hostile)).toBe(false);
    expect(evaluateQuery(parsed('attribute:v =~ a?a{1}b?a*'), hostile)).toBe(true);
  });
});

// ---- properties -----------------------------------------------------------------------------------------------

const valueArb = fc.string({ maxLength: 8, unit: fc.constantFrom('a', 'Z', '0', '.', '-', ' ', "'", '"', '\\', '(', ']', ',', '&', '|', '*', ':') });
const attributeArb: fc.Arbitrary<QuerySubjectRef> = fc
  .stringMatching(/^[A-Za-z0-9._\/\\-]{1,12}$/)
  .map((name) => ({ _tag: 'Attribute' as const, name }));
const patternArb = fc.constantFrom('t2.*', '(t2|m5)\\..*', 'a b', "it's", '[a-z]+', '(?i)x', 'g2\\.[0-9]+xlarge', '');
const dateArb = fc
  .integer({ min: 0, max: 4_102_444_800 })
  .chain((s) => fc.constantFrom('Z', '', '+02:00', '-05:30', 'date').map((zone) => {
    const iso = new Date(s * 1000).toISOString();
    return zone === 'date' ? iso.slice(0, 10) : iso.slice(0, 19) + zone;
  }));
const compareOpArb = fc.constantFrom('==', '!=', '>', '>=', '<', '<=' as const);

const comparisonArb: fc.Arbitrary<ComparisonExpr> = fc.oneof(
  fc.record({ _tag: fc.constant('Exists' as const), subject: fc.oneof(attributeArb, fc.constant({ _tag: 'Field' as const, field: 'task:group' as const })), negated: fc.boolean() }),
  fc.record({ _tag: fc.constant('Compare' as const), subject: attributeArb, operator: compareOpArb, value: valueArb }),
  fc.record({ _tag: fc.constant('Compare' as const), subject: fc.constant({ _tag: 'Field' as const, field: 'registeredAt' as const }), operator: compareOpArb, value: dateArb }),
  fc.record({
    _tag: fc.constant('Compare' as const),
    subject: fc.constant({ _tag: 'Field' as const, field: 'runningTasksCount' as const }),
    operator: compareOpArb,
    value: fc.nat({ max: 999 }).map(String),
  }),
  fc.record({
    _tag: fc.constant('Compare' as const),
    subject: fc.constant({ _tag: 'Field' as const, field: 'agentVersion' as const }),
    operator: compareOpArb,
    value: fc.array(fc.nat({ max: 30 }), { minLength: 1, maxLength: 4 }).map((xs) => xs.join('.')),
  }),
  fc.record({
    _tag: fc.constant('Member' as const),
    subject: fc.oneof(attributeArb, fc.constantFrom(...(['ec2InstanceId', 'task:group', 'agentConnected'] as const).map((field) => ({ _tag: 'Field' as const, field })))),
    negated: fc.boolean(),
    values: fc.array(valueArb, { minLength: 1, maxLength: 3 }),
  }),
  fc.record({
    _tag: fc.constant('Match' as const),
    subject: fc.oneof(attributeArb, fc.constant({ _tag: 'Field' as const, field: 'ec2InstanceId' as const })),
    negated: fc.boolean(),
    pattern: patternArb,
  }),
);

const exprArb: fc.Arbitrary<QueryExpr> = fc.letrec<{ expr: QueryExpr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    comparisonArb,
    fc.record({ _tag: fc.constant('And' as const), left: tie('expr'), right: tie('expr') }),
    fc.record({ _tag: fc.constant('Or' as const), left: tie('expr'), right: tie('expr') }),
    fc.record({ _tag: fc.constant('Not' as const), expr: tie('expr') }),
  ),
})).expr;

const subjectArb: fc.Arbitrary<QuerySubject> = fc.record({
  instanceId: fc.constant('ci-p'),
  ec2InstanceId: fc.constantFrom('i-abcd1234', 'a'),
  attributes: fc.dictionary(fc.constantFrom('a', 'b', 'A0', 'x.y'), fc.option(valueArb, { nil: undefined })).map((d) => new Map(Object.entries(d))),
  taskGroups: fc.array(valueArb, { maxLength: 3 }).map((xs) => new Set(xs)),
  runningTasksCount: fc.nat({ max: 5 }),
  agentConnected: fc.boolean(),
  agentVersion: fc.constantFrom('1.14.5', '1.2', '0'),
  registeredAt: fc.integer({ min: 0, max: 4_102_444_800_000 }),
});

describe('properties', () => {
  test.prop([exprArb], { numRuns: 300 })('printQuery then parseQuery gives back the same tree', (expr) => {
    const text = printQuery(expr);
    expect(text.length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
    const r = parseQuery(text);
    expect(E.isRight(r) ? r.right : r.left.message).toEqual(expr);
  });

  test.prop([exprArb, subjectArb])('not flips the answer and the printed text evaluates like the tree', (expr, s) => {
    const v = evaluateQuery(expr, s);
    expect(evaluateQuery({ _tag: 'Not', expr }, s)).toBe(!v);
    expect(evaluateQuery(parsed(printQuery(expr)), s)).toBe(v);
  });

  const tokens = ['(', ')', 'and', 'or', 'not', '!', '&&', '||', 'attribute:a', 'task:group', 'registeredAt', '==', '!=', '>',
    'in', 'not_in', '!in', '[', ']', ',', "'x'", '"y', 'exists', '!exists', '=~', "'(a+)+'", 'x', '2018-02-13', '1', '\\'];
  test.prop([fc.oneof(fc.string({ maxLength: 80, unit: 'binary' }), fc.array(fc.constantFrom(...tokens), { maxLength: 25 }).map((t) => t.join(' '))), subjectArb], { numRuns: 500 })(
    'hostile input never throws: it parses to a tree that round-trips, or to an error with a position inside the text',
    (text, s) => {
      const r = parseQuery(text);
      if (E.isRight(r)) {
        expect(parsed(printQuery(r.right))).toEqual(r.right);
        expect(typeof evaluateQuery(r.right, s)).toBe('boolean');
      } else {
        expect(r.left.message.startsWith('Invalid query expression: ')).toBe(true);
        expect(r.left.position).toBeGreaterThanOrEqual(0);
        expect(r.left.position).toBeLessThanOrEqual(text.length);
      }
    },
  );
});
