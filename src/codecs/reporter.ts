/**
 * Turns io-ts decoding errors into readable issues and into the ECS exception a real endpoint would send.
 * Kept apart from the codecs, as io-ts keeps `PathReporter` apart from its types.
 *
 * @module
 */
import type * as t from 'io-ts';
import { ecsError, type EcsError } from '../domain/errors.js';

/** One decoding problem: where, what was expected, what was found. */
export interface DecodeIssue {
  /** Dotted path into the input, e.g. `containerDefinitions[0].portMappings[1].containerPort`. */
  readonly path: string;
  readonly expected: string;
  readonly actual: unknown;
  /** A sentence for humans. */
  readonly message: string;
}

function pathOf(context: t.Context): string {
  let out = '';
  for (let i = 1; i < context.length; i++) {
    const entry = context[i]!;
    // Members of unions, intersections and refinements repeat the parent's position: they are not path steps.
    const parentTag = (context[i - 1]!.type as { _tag?: string })._tag;
    if (parentTag === 'UnionType' || parentTag === 'IntersectionType' || parentTag === 'RefinementType') continue;
    if (parentTag === 'ExactType' || parentTag === 'ReadonlyType') continue;
    if (entry.key === '') continue;
    out += /^\d+$/.test(entry.key) ? `[${entry.key}]` : out === '' ? entry.key : `.${entry.key}`;
  }
  return out;
}

function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  return String(v);
}

/** The issues in `errors`, one per failing path (the first expectation per path wins, as it is the outermost). */
export function reportIssues(errors: t.Errors): DecodeIssue[] {
  const seen = new Set<string>();
  const out: DecodeIssue[] = [];
  for (const e of errors) {
    const path = pathOf(e.context);
    if (seen.has(path)) continue;
    seen.add(path);
    const last = e.context[e.context.length - 1];
    const expected = e.message ?? last?.type.name ?? 'a valid value';
    const message =
      e.value === undefined
        ? `${path || 'request'} is required but was not given.`
        : `${path || 'request'} must be ${expected}, but was ${describeValue(e.value)}.`;
    out.push({ path, expected, actual: e.value, message });
  }
  return out;
}

/**
 * The ECS exception for a request body that does not decode: a missing required member is an
 * `InvalidParameterException`; a member of the wrong JSON type is a `SerializationException`, as the AWS JSON
 * protocol answers it. The message names every failing path.
 */
export function decodeFailure(errors: t.Errors): EcsError {
  const issues = reportIssues(errors);
  const typeMismatch = issues.some((i) => i.actual !== undefined && !isSameJsonKind(i));
  const text = issues.map((i) => i.message).join(' ');
  return ecsError(typeMismatch ? 'SerializationException' : 'InvalidParameterException', text);
}

// A value of the right JSON kind that still failed (a bad enum string, a number out of range) is a parameter
// problem, not a serialisation one.
function isSameJsonKind(i: DecodeIssue): boolean {
  const v = i.actual;
  const exp = i.expected.toLowerCase();
  if (typeof v === 'string') return exp.includes('string') || exp.includes('"') || exp.includes("'");
  if (typeof v === 'number') return exp.includes('number') || exp.includes('integer');
  if (typeof v === 'boolean') return exp.includes('boolean');
  if (Array.isArray(v)) return exp.includes('array') || exp.includes('list') || exp.startsWith('[') || exp.includes('<');
  if (v !== null && typeof v === 'object') return exp.includes('{') || exp.includes('object') || exp.includes('record');
  return false;
}
