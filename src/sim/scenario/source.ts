/**
 * Reading the text of a scenario file (YAML, or JSON, which the YAML parser reads too) into plain data, keeping
 * the parsed document so any path can be placed back at a line and column.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { LineCounter, isAlias, isMap, isScalar, isSeq, parseDocument, type Document, type Node, type SchemaOptions } from 'yaml';
import { readPlainInput, type InputLimits } from '../../codecs/plainInput.js';
import type { Issue, Path } from './problems.js';

/** A position in the text, 1-based. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** A parsed scenario text: its data and where each part of it is written. */
export interface ScenarioSource {
  readonly value: unknown;
  /**
   * Where `path` is written: the value's position (or its key's, with `at: 'key'`); for a path that is not in the
   * text, its nearest enclosing value. `exact` says whether the whole path was found.
   */
  readonly locate: (path: Path, at?: 'key') => Position & { readonly exact: boolean };
}

/**
 * Bounds of a scenario file: deep enough for any ECS request body (64 levels, like `REQUEST_LIMITS`, plus the
 * scenario's own nesting), and 16 Mi characters — far beyond a hand-written file, small enough to bound the work.
 */
export const SCENARIO_LIMITS: InputLimits = { maxDepth: 72, maxChars: 16 * 1_048_576 };

/** Anchors may be reused, but not so often that a small file expands into a huge value ("billion laughs"). */
const MAX_ALIAS_COUNT = 1_000;

/**
 * Parses `text` (YAML 1.2 or JSON). `Left`: the syntax errors, each at its line and column. Never throws.
 * `customTags` adds YAML tags (the planner's CloudFormation short forms such as `!Ref`).
 *
 * @example
 * ```ts
 * parseScenarioSource('name: x\nduration: 1h\n'); // Right: { value: { name: 'x', duration: '1h' }, locate }
 * ```
 */
export function parseScenarioSource(
  text: string,
  options: { readonly customTags?: SchemaOptions['customTags'] } = {},
): E.Either<readonly (Issue & { position: Position })[], ScenarioSource> {
  if (text.length > SCENARIO_LIMITS.maxChars) {
    return E.left([{ path: [], message: `the file is larger than ${SCENARIO_LIMITS.maxChars} characters`, position: { line: 1, column: 1 } }]);
  }
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  let raw: unknown;
  try {
    doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true, ...(options.customTags === undefined ? {} : { customTags: options.customTags }) });
    if (doc.errors.length > 0) {
      return E.left(
        doc.errors.map((e) => {
          const lp = e.linePos?.[0];
          return {
            path: [],
            message: `not valid YAML or JSON: ${firstLine(e.message)}`,
            position: { line: lp?.line ?? 1, column: lp?.col ?? 1 },
          };
        }),
      );
    }
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    // The parser gives up on some hostile inputs (nesting deeper than the stack, aliases expanding too far).
    const reason = e instanceof Error ? firstLine(e.message) : 'the parser failed';
    return E.left([{ path: [], message: `cannot be read: ${reason}`, position: { line: 1, column: 1 } }]);
  }
  const plain = readPlainInput(raw, SCENARIO_LIMITS, '');
  if (E.isLeft(plain)) return E.left([{ path: [], message: plain.left.message, position: { line: 1, column: 1 } }]);
  return E.right({ value: plain.right, locate: (path, at) => locate(doc, lineCounter, path, at) });
}

/** The first line of a parser message, without the position the problem carries anyway. */
function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

function locate(doc: Document.Parsed, lc: LineCounter, path: Path, at?: 'key'): Position & { exact: boolean } {
  const toPos = (offset: number | undefined): Position => {
    const p = lc.linePos(offset ?? 0);
    return { line: p.line, column: p.col };
  };
  let node: Node | null | undefined = doc.contents;
  let keyNode: Node | null | undefined;
  let depth = 0;
  for (const seg of path) {
    const here = resolveAlias(doc, node);
    let next: Node | null | undefined;
    let nextKey: Node | null | undefined;
    if (isMap(here)) {
      for (const pair of here.items) {
        const k = pair.key as Node | null;
        if (isScalar(k) && String(k.value) === String(seg)) {
          nextKey = k;
          next = pair.value as Node | null;
          break;
        }
      }
    } else if (isSeq(here) && typeof seg === 'number') {
      next = here.items[seg] as Node | null | undefined;
    }
    if (next === undefined && nextKey === undefined) break;
    // `key:` with no value parses as a null value without a range: its key stands for it.
    node = next ?? nextKey;
    keyNode = nextKey;
    depth += 1;
  }
  const exact = depth === path.length;
  const target = exact && at === 'key' && keyNode ? keyNode : (node ?? keyNode);
  return { ...toPos(target?.range?.[0]), exact };
}

function resolveAlias(doc: Document.Parsed, node: Node | null | undefined): Node | null | undefined {
  let n = node;
  for (let i = 0; i < 8 && isAlias(n); i++) n = n.resolve(doc) as Node | undefined;
  return n;
}
