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

/**
 * A short description of any value for an error message (`"a"`, `-1`, `NaN`, `a list`, `a BigInt`). Never throws
 * and never calls the value's own methods, so hostile objects are described safely.
 */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (typeof v === 'bigint') return 'a BigInt';
  if (typeof v === 'symbol') return 'a Symbol';
  if (typeof v === 'function') return 'a function';
  if (Array.isArray(v)) return 'a list';
  return 'an object';
}

/**
 * The errors of an exact codec (`src/codecs/strict.ts`) as lines `path: expected …, got …`, one per failing path,
 * each path prefixed by `root` (`behaviors[0].exitAfterMs.minMs: expected a finite number ≥ 0, got "a"`). An error
 * that carries its own message (an unknown key, a rule across members) prints it after the path.
 */
export function describeIssues(errors: t.Errors, root: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const e of errors) {
    const rel = pathOf(e.context);
    const path = rel === '' ? root : rel.startsWith('[') || root === '' ? `${root}${rel}` : `${root}.${rel}`;
    if (seen.has(path)) continue;
    seen.add(path);
    const last = e.context[e.context.length - 1];
    const text =
      e.message ??
      (e.value === undefined ? `required, but missing` : `expected ${last?.type.name ?? 'a valid value'}, got ${describeValue(e.value)}`);
    out.push(`${path}: ${text}`);
  }
  return out;
}

/**
 * Whether some error is a value of the wrong JSON kind (a string where a list belongs), which the AWS JSON protocol
 * answers with `SerializationException` rather than `InvalidParameterException`.
 */
export function hasKindMismatch(errors: t.Errors): boolean {
  for (const e of errors) {
    const type = e.context[e.context.length - 1]?.type;
    if (e.value !== undefined && type !== undefined && !kindsOf(type).has(jsonKind(e.value))) return true;
  }
  return false;
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
 * The ECS exception for a request body that does not decode: a missing required member or a value of the right
 * JSON kind that breaks a rule (a bad enum string, a fractional integer) is an `InvalidParameterException`; a member
 * of the wrong JSON kind (a string where a list belongs) is a `SerializationException`, as the AWS JSON protocol
 * answers it. The message names every failing path.
 */
export function decodeFailure(errors: t.Errors): EcsError {
  const issues = reportIssues(errors);
  let typeMismatch = false;
  const seen = new Set<string>();
  for (const e of errors) {
    const path = pathOf(e.context);
    if (seen.has(path)) continue;
    seen.add(path);
    const type = e.context[e.context.length - 1]?.type;
    if (e.value !== undefined && type !== undefined && !kindsOf(type).has(jsonKind(e.value))) typeMismatch = true;
  }
  const text = issues.map((i) => i.message).join(' ');
  return ecsError(typeMismatch ? 'SerializationException' : 'InvalidParameterException', text);
}

type JsonKind = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'null';
const ANY_KIND: ReadonlySet<JsonKind> = new Set(['string', 'number', 'boolean', 'array', 'object', 'null']);

function jsonKind(v: unknown): JsonKind {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  const k = typeof v;
  return k === 'string' || k === 'number' || k === 'boolean' ? k : 'object';
}

/** The JSON kinds a codec can accept: from io-ts's `_tag` where it has one, else from its name. */
function kindsOf(type: t.Decoder<unknown, unknown>): ReadonlySet<JsonKind> {
  const c = type as unknown as { _tag?: string; type?: unknown; types?: unknown[]; value?: unknown; name: string };
  switch (c._tag) {
    case 'StringType':
    case 'KeyofType':
      return new Set(['string']);
    case 'NumberType':
    case 'IntType':
      return new Set(['number']);
    case 'BooleanType':
      return new Set(['boolean']);
    case 'NullType':
      return new Set(['null']);
    case 'ArrayType':
    case 'ReadonlyArrayType':
    case 'TupleType':
      return new Set(['array']);
    case 'InterfaceType':
    case 'PartialType':
    case 'StrictType':
    case 'ExactType':
    case 'DictionaryType':
    case 'IntersectionType':
    case 'AnyDictionaryType':
      return new Set(['object']);
    case 'LiteralType':
      return new Set([jsonKind(c.value)]);
    case 'RefinementType':
    case 'ReadonlyType':
      return c.type ? kindsOf(c.type as t.Decoder<unknown, unknown>) : ANY_KIND;
    case 'UnionType': {
      const out = new Set<JsonKind>();
      for (const m of c.types ?? []) for (const k of kindsOf(m as t.Decoder<unknown, unknown>)) out.add(k);
      return out;
    }
    default:
      return kindsFromName(c.name);
  }
}

// Custom codecs (integers, enums, `struct`s and `list`s) carry no `_tag`: their names say what they hold. Lists are
// checked first, since "list of strings" holds strings but is itself a list.
function kindsFromName(name: string): ReadonlySet<JsonKind> {
  const n = name.toLowerCase();
  if (n.startsWith('list') || n.startsWith('array') || n.startsWith('readonlyarray') || n.endsWith('[]') || n.startsWith('[')) {
    return new Set(['array']);
  }
  if (n.includes('integer') || n.includes('number')) return new Set(['number']);
  if (n.startsWith('one of') || n.startsWith("'") || n.startsWith('"') || n.includes('string')) return new Set(['string']);
  if (n.includes('boolean')) return new Set(['boolean']);
  if (n.startsWith('{') || n.includes('record') || n.includes('object') || /^[A-Z]/.test(name)) return new Set(['object']);
  return ANY_KIND;
}
