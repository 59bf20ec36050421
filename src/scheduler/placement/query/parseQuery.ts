/**
 * Parser for the ECS cluster query language (placement `memberOf` expressions and the ListContainerInstances
 * `filter`). Grammar, from the Developer Guide
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-query-language.html) plus the SIM RULEs
 * marked below:
 *
 * ```
 * query      := or
 * or         := and   (("or" | "||") and)*            left-associative
 * and        := unary (("and" | "&&") unary)*         left-associative; binds tighter than or (SIM RULE)
 * unary      := ("not" | "!") unary | primary         binds tightest (SIM RULE)
 * primary    := "(" or ")" | single
 * single     := subject operator [argument]           "a single expression can't contain parentheses"
 * subject    := "attribute:" name | agentConnected | agentVersion | ec2InstanceId | registeredAt
 *             | runningTasksCount | task:group
 * operator   := == | equals | != | not_equals | > | greater_than | >= | greater_than_equal | < | less_than
 *             | <= | less_than_equal | exists | !exists | not_exists | in | !in | not_in | =~ | matches
 *             | !~ | not_matches
 * argument   := value | "[" value ("," value)* "]"   (the list only after in / not_in)
 * value      := bare | 'quoted' | "quoted"            quotes as in the docs' ['i-abcd1234', 'i-wxyx7890']
 * ```
 * Keywords (`and`, `or`, `not` and the word operators) are case-insensitive; subjects are case-sensitive (SIM RULE).
 * A bare value runs to whitespace, `(`, `)`, `[`, `]`, `,`, a quote, `&&` or `||`. Inside quotes, `\\` and `\`
 * before the quote character are escapes; any other backslash is literal (so `'t2\..*'` keeps its regex escape).
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import {
  FIELD_OPERATORS,
  MAX_QUERY_DEPTH,
  MAX_QUERY_LENGTH,
  QUERY_FIELDS,
  subjectText,
  type ComparisonExpr,
  type CompareOperator,
  type OperatorFamily,
  type QueryExpr,
  type QueryField,
  type QuerySubjectRef,
} from './ast.js';
import { compileQueryPattern } from './safeRegex.js';
import { parseQueryCount, parseQueryDate, parseVersion } from './values.js';

/**
 * Why an expression was refused. `name` is the ECS exception; `position` is the 0-based offset of the offending
 * character in the expression (the message says it 1-based, as "character N").
 */
export interface QueryError {
  readonly name: 'InvalidParameterException' | 'ClientException';
  readonly message: string;
  readonly position: number;
}

/** An operator as parsed: its family and, for comparisons, which one. */
type ParsedOperator =
  | { readonly family: 'equality' | 'ordering'; readonly operator: CompareOperator }
  | { readonly family: 'exists' | 'member' | 'match'; readonly negated: boolean };

const SYMBOL_OPERATORS: readonly (readonly [string, ParsedOperator])[] = [
  // Longest first, so `!exists` is not read as `!` + `exists` and `>=` not as `>`.
  ['!exists', { family: 'exists', negated: true }],
  ['!in', { family: 'member', negated: true }],
  ['==', { family: 'equality', operator: '==' }],
  ['!=', { family: 'equality', operator: '!=' }],
  ['>=', { family: 'ordering', operator: '>=' }],
  ['<=', { family: 'ordering', operator: '<=' }],
  ['=~', { family: 'match', negated: false }],
  ['!~', { family: 'match', negated: true }],
  ['>', { family: 'ordering', operator: '>' }],
  ['<', { family: 'ordering', operator: '<' }],
];

const WORD_OPERATORS: ReadonlyMap<string, ParsedOperator> = new Map<string, ParsedOperator>([
  ['equals', { family: 'equality', operator: '==' }],
  ['not_equals', { family: 'equality', operator: '!=' }],
  ['greater_than', { family: 'ordering', operator: '>' }],
  ['greater_than_equal', { family: 'ordering', operator: '>=' }],
  ['less_than', { family: 'ordering', operator: '<' }],
  ['less_than_equal', { family: 'ordering', operator: '<=' }],
  ['exists', { family: 'exists', negated: false }],
  ['not_exists', { family: 'exists', negated: true }],
  ['in', { family: 'member', negated: false }],
  ['not_in', { family: 'member', negated: true }],
  ['matches', { family: 'match', negated: false }],
  ['not_matches', { family: 'match', negated: true }],
]);

// Custom attribute names: "letters (uppercase and lowercase), numbers, hyphens, underscores, forward slashes,
// back slashes, or periods", 1 to 128 characters (DG task-placement-constraints.html#attributes).
const ATTRIBUTE_NAME_RE = /^[A-Za-z0-9\-_/\\.]{1,128}$/;
const SUBJECT_CHAR_RE = /[A-Za-z0-9\-_/\\.:]/;
const WORD_CHAR_RE = /[A-Za-z0-9_]/;
const BARE_STOP = new Set([' ', '\t', '\n', '\r', '(', ')', '[', ']', ',', "'", '"']);

/** Internal signal for a refused expression; it never leaves {@link parseQuery}. */
class ParseFailure {
  constructor(
    readonly message: string,
    readonly position: number,
  ) {}
}

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly text: string) {}

  parse(): QueryExpr {
    this.skipSpace();
    if (this.pos >= this.text.length) throw new ParseFailure('the expression is empty', 0);
    const expr = this.parseOr();
    this.skipSpace();
    if (this.pos < this.text.length) {
      if (this.text[this.pos] === ')') throw new ParseFailure("unbalanced parentheses: this ')' has no matching '('", this.pos);
      this.fail("expected 'and', 'or' or the end of the expression");
    }
    return expr;
  }

  private fail(expected: string): never {
    throw new ParseFailure(`${expected}, found ${this.describeHere()}`, this.pos);
  }

  private describeHere(): string {
    if (this.pos >= this.text.length) return 'the end of the expression';
    const m = /^\S{1,24}/.exec(this.text.slice(this.pos));
    return `'${m === null ? this.text[this.pos] : m[0]}'`;
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos] as string)) this.pos++;
  }

  /** Consumes `word` (case-insensitive) when it stands alone here. */
  private matchWord(word: string): boolean {
    const end = this.pos + word.length;
    if (this.text.slice(this.pos, end).toLowerCase() !== word) return false;
    const after = this.text[end];
    if (after !== undefined && WORD_CHAR_RE.test(after)) return false;
    this.pos = end;
    return true;
  }

  private matchSymbol(symbol: string): boolean {
    if (!this.text.startsWith(symbol, this.pos)) return false;
    this.pos += symbol.length;
    return true;
  }

  private enter(position: number): void {
    this.depth++;
    if (this.depth > MAX_QUERY_DEPTH) {
      throw new ParseFailure(`the expression nests parentheses and 'not' deeper than ${MAX_QUERY_DEPTH} levels`, position);
    }
  }

  private parseOr(): QueryExpr {
    let left = this.parseAnd();
    for (;;) {
      this.skipSpace();
      if (!(this.matchWord('or') || this.matchSymbol('||'))) return left;
      left = { _tag: 'Or', left, right: this.parseAnd() };
    }
  }

  private parseAnd(): QueryExpr {
    let left = this.parseUnary();
    for (;;) {
      this.skipSpace();
      if (!(this.matchWord('and') || this.matchSymbol('&&'))) return left;
      left = { _tag: 'And', left, right: this.parseUnary() };
    }
  }

  private parseUnary(): QueryExpr {
    this.skipSpace();
    const start = this.pos;
    const isBang = this.text[this.pos] === '!' && this.text[this.pos + 1] !== '=' && this.text[this.pos + 1] !== '~';
    if (this.matchWord('not') || (isBang && this.matchSymbol('!'))) {
      this.enter(start);
      const expr = this.parseUnary();
      this.depth--;
      return { _tag: 'Not', expr };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): QueryExpr {
    this.skipSpace();
    const open = this.pos;
    if (this.matchSymbol('(')) {
      this.enter(open);
      const expr = this.parseOr();
      this.skipSpace();
      if (!this.matchSymbol(')')) {
        if (this.pos >= this.text.length) {
          throw new ParseFailure("unbalanced parentheses: this '(' is never closed", open);
        }
        this.fail("expected ')', 'and' or 'or'");
      }
      this.depth--;
      return expr;
    }
    return this.parseSingle();
  }

  private parseSingle(): ComparisonExpr {
    const subject = this.parseSubject();
    const name = subjectText(subject);
    this.skipSpace();
    const opStart = this.pos;
    const op = this.parseOperator(name);
    if (subject._tag === 'Field' && !FIELD_OPERATORS[subject.field].has(op.family)) {
      throw new ParseFailure(`the operator '${this.text.slice(opStart, this.pos)}' is not valid for '${name}'`, opStart);
    }
    switch (op.family) {
      case 'exists':
        return { _tag: 'Exists', subject, negated: op.negated };
      case 'member':
        return { _tag: 'Member', subject, negated: op.negated, values: this.parseList(subject) };
      case 'match': {
        this.skipSpace();
        const at = this.pos;
        const pattern = this.parseValue('a pattern');
        const compiled = compileQueryPattern(pattern);
        if (E.isLeft(compiled)) throw new ParseFailure(`invalid pattern '${pattern}': ${compiled.left}`, at);
        return { _tag: 'Match', subject, negated: op.negated, pattern };
      }
      default: {
        this.skipSpace();
        const at = this.pos;
        const value = this.parseValue('a value');
        this.checkValue(subject, op.family, value, at);
        return { _tag: 'Compare', subject, operator: op.operator, value };
      }
    }
  }

  private parseSubject(): QuerySubjectRef {
    this.skipSpace();
    const start = this.pos;
    while (this.pos < this.text.length && SUBJECT_CHAR_RE.test(this.text[this.pos] as string)) this.pos++;
    const word = this.text.slice(start, this.pos);
    const expected = `expected a subject (attribute:<name>, ${QUERY_FIELDS.join(', ')})`;
    if (word === '') this.fail(expected);
    if (word.startsWith('attribute:')) {
      const name = word.slice('attribute:'.length);
      if (!ATTRIBUTE_NAME_RE.test(name)) {
        throw new ParseFailure(
          `invalid attribute name '${name}': 1 to 128 letters, numbers, hyphens, underscores, slashes, back slashes or periods`,
          start,
        );
      }
      return { _tag: 'Attribute', name };
    }
    const field = QUERY_FIELDS.find((f) => f === word);
    if (field === undefined) {
      this.pos = start;
      this.fail(expected);
    }
    return { _tag: 'Field', field };
  }

  private parseOperator(subject: string): ParsedOperator {
    for (const [symbol, op] of SYMBOL_OPERATORS) {
      if (!this.text.startsWith(symbol, this.pos)) continue;
      const after = this.text[this.pos + symbol.length];
      // `!in` and `!exists` end at a word boundary (`!inx` is no operator).
      if (/[a-z]$/.test(symbol) && after !== undefined && WORD_CHAR_RE.test(after)) continue;
      this.pos += symbol.length;
      return op;
    }
    const m = /^[A-Za-z_]+/.exec(this.text.slice(this.pos));
    const op = m === null ? undefined : WORD_OPERATORS.get(m[0].toLowerCase());
    if (m === null || op === undefined) this.fail(`expected an operator after '${subject}'`);
    this.pos += m[0].length;
    return op;
  }

  private parseList(subject: QuerySubjectRef): readonly string[] {
    this.skipSpace();
    if (!this.matchSymbol('[')) this.fail("expected an argument list '[value, …]'");
    const values: string[] = [];
    for (;;) {
      this.skipSpace();
      const at = this.pos;
      const value = this.parseValue('a value');
      this.checkValue(subject, 'equality', value, at);
      values.push(value);
      this.skipSpace();
      if (this.matchSymbol(']')) return values;
      if (!this.matchSymbol(',')) this.fail("expected ',' or ']' in the argument list");
    }
  }

  private parseValue(what: string): string {
    const quote = this.text[this.pos];
    if (quote === "'" || quote === '"') {
      const open = this.pos;
      let out = '';
      for (let i = this.pos + 1; i < this.text.length; i++) {
        const c = this.text[i] as string;
        if (c === quote) {
          this.pos = i + 1;
          return out;
        }
        const next = this.text[i + 1];
        if (c === '\\' && (next === quote || next === '\\')) {
          out += next;
          i++;
        } else out += c;
      }
      throw new ParseFailure('this quoted value is never closed', open);
    }
    const start = this.pos;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos] as string;
      if (BARE_STOP.has(c) || /\s/.test(c)) break;
      if ((c === '&' || c === '|') && this.text[this.pos + 1] === c) break;
      this.pos++;
    }
    if (this.pos === start) {
      const c = this.text[this.pos];
      const hint = c === '(' || c === '[' ? " (quote a value that contains parentheses, brackets, commas or spaces)" : '';
      this.fail(`expected ${what}${hint}`);
    }
    return this.text.slice(start, this.pos);
  }

  /** Values of typed fields must read as their type (dates, counts, versions). */
  private checkValue(subject: QuerySubjectRef, family: OperatorFamily, value: string, at: number): void {
    if (subject._tag !== 'Field') return;
    const field: QueryField = subject.field;
    if (field === 'registeredAt' && parseQueryDate(value) === undefined) {
      throw new ParseFailure(
        `invalid date '${value}' for registeredAt: use 2018-06-18T22:28:28+00:00, 2018-06-18T22:28:28Z, 2018-06-18T22:28:28 or 2018-06-18`,
        at,
      );
    }
    if (field === 'runningTasksCount' && parseQueryCount(value) === undefined) {
      throw new ParseFailure(`invalid count '${value}' for runningTasksCount: expected a non-negative integer`, at);
    }
    if (field === 'agentVersion' && family === 'ordering' && parseVersion(value) === undefined) {
      throw new ParseFailure(`invalid version '${value}' for agentVersion: expected numbers separated by dots, such as 1.14.5`, at);
    }
  }
}

/**
 * Parses a cluster query language expression. Never throws: a refused expression comes back as a
 * `InvalidParameterException` naming what was expected and where ("… at character N").
 *
 * The ECS message for a malformed expression is not documented and no capture was found (UNVERIFIED): the twin
 * says `Invalid query expression: <what>, found '<token>' at character <n>.`
 *
 * @example
 * parseQuery('attribute:ecs.instance-type == t2.small')
 * // right({ _tag: 'Compare', subject: { _tag: 'Attribute', name: 'ecs.instance-type' }, operator: '==', value: 't2.small' })
 */
export function parseQuery(text: string): E.Either<QueryError, QueryExpr> {
  if (typeof text !== 'string') {
    return E.left({ name: 'InvalidParameterException', message: 'Invalid query expression: the expression must be a string.', position: 0 });
  }
  if (text.length > MAX_QUERY_LENGTH) {
    return E.left({
      name: 'InvalidParameterException',
      message: `Invalid query expression: the expression is ${text.length} characters long; the maximum is ${MAX_QUERY_LENGTH}.`,
      position: MAX_QUERY_LENGTH,
    });
  }
  try {
    return E.right(new Parser(text).parse());
  } catch (e) {
    if (e instanceof ParseFailure) {
      return E.left({
        name: 'InvalidParameterException',
        message: `Invalid query expression: ${e.message} at character ${e.position + 1}.`,
        position: e.position,
      });
    }
    // Only a ParseFailure is expected; anything else is a parser bug, still reported as a value, never thrown.
    return E.left({ name: 'InvalidParameterException', message: 'Invalid query expression.', position: 0 });
  }
}
