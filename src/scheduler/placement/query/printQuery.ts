/**
 * Prints a cluster query in canonical form: symbolic operators (`==`, `!=`, `>`, `>=`, `<`, `<=`, `exists`,
 * `!exists`, `in`, `not_in`, `=~`, `!~`), lowercase `and` / `or` / `not`, parentheses only where the tree needs
 * them, values bare when they read back as themselves and single-quoted otherwise. `parseQuery(printQuery(e))`
 * gives back `e`.
 *
 * @module
 */
import { subjectText, type ComparisonExpr, type QueryExpr } from './ast.js';

/** Binding strength: `or` < `and` < `not` < a single expression. */
function precedence(e: QueryExpr): number {
  switch (e._tag) {
    case 'Or':
      return 1;
    case 'And':
      return 2;
    case 'Not':
      return 3;
    default:
      return 4;
  }
}

// A bare value ends at whitespace, parentheses, brackets, commas, quotes, `&&` and `||` (see parseQuery).
const BARE_RE = /^[^\s()[\],'"]+$/;

/** A value as it must be written to read back unchanged. */
export function printValue(value: string): string {
  if (BARE_RE.test(value) && !value.includes('&&') && !value.includes('||')) return value;
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function printSingle(e: ComparisonExpr): string {
  const subject = subjectText(e.subject);
  switch (e._tag) {
    case 'Exists':
      return `${subject} ${e.negated ? '!exists' : 'exists'}`;
    case 'Compare':
      return `${subject} ${e.operator} ${printValue(e.value)}`;
    case 'Member':
      return `${subject} ${e.negated ? 'not_in' : 'in'} [${e.values.map(printValue).join(', ')}]`;
    case 'Match':
      return `${subject} ${e.negated ? '!~' : '=~'} ${printValue(e.pattern)}`;
  }
}

/** Prints `child` under a binary operator of strength `parent`; a right child of equal strength keeps its parentheses
 * so that the left-associative parse rebuilds the same tree. */
function printOperand(child: QueryExpr, parent: number, isRight: boolean): string {
  const p = precedence(child);
  const text = printQuery(child);
  return p < parent || (isRight && p === parent) ? `(${text})` : text;
}

/**
 * Prints a query in canonical text.
 *
 * @example
 * printQuery({ _tag: 'Not', expr: { _tag: 'Compare', subject: { _tag: 'Field', field: 'task:group' }, operator: '==', value: 'database' } })
 * // 'not (task:group == database)'
 */
export function printQuery(expr: QueryExpr): string {
  switch (expr._tag) {
    case 'Or':
      return `${printOperand(expr.left, 1, false)} or ${printOperand(expr.right, 1, true)}`;
    case 'And':
      return `${printOperand(expr.left, 2, false)} and ${printOperand(expr.right, 2, true)}`;
    case 'Not':
      // Always parenthesised, as in the docs' anti-affinity example `not(task:group == database)`.
      return `not (${printQuery(expr.expr)})`;
    default:
      return printSingle(expr);
  }
}
