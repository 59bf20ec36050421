/**
 * Java regular expressions (the `matches` / `not_matches` argument) turned into JavaScript `RegExp`s safely.
 *
 * The docs: "The matches and not_matches operators expect an argument that conforms to the Java regular expression
 * syntax" (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/cluster-query-language.html). The twin
 * accepts the part of that syntax that means the same in both engines and rejects the rest with a reason, so a
 * pattern never silently matches differently. It also rejects patterns that can backtrack exponentially
 * (a repeated group that itself repeats or alternates, e.g. `(a+)+`, `(a|aa)*`) and patterns with more than
 * {@link MAX_PATTERN_REPEATS} repeating quantifiers, whose backtracking grows as a power of the value's length
 * (`a*a*a*a*a*b` against 128 `a`s took 1.5 s here), because a placement pass evaluates a pattern against every
 * candidate instance (SIM RULE: ECS documents no such limit).
 *
 * Matching is whole-value, as Java's `String.matches` (SIM RULE: consistent with the docs' examples `g2.*`, `t2.*`).
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';

// Escapes meaning the same in Java and in JavaScript (non-unicode mode).
const SHARED_ESCAPE_LETTERS = new Set(['d', 'D', 's', 'S', 'w', 'W', 'b', 'B', 'n', 't', 'r', 'f']);

/** At most this many repeating quantifiers (`*`, `+`, `{n,}`, `{n,m}` with m > 1) in one pattern: backtracking is
 * then at worst cubic in the value's length (attribute values are at most 128 characters). */
export const MAX_PATTERN_REPEATS = 3;

interface GroupState {
  /** The group (or a group inside it) contains a quantifier. */
  quantified: boolean;
  /** The group (or a group inside it) contains `|`. */
  alternates: boolean;
}

/** True when the character at `i` starts an unbounded or multi-repeat quantifier (`*`, `+`, `{n,}`, `{n,m}` m>1). */
function repeatsAt(p: string, i: number): boolean {
  const c = p[i];
  if (c === '*' || c === '+') return true;
  if (c !== '{') return false;
  const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(i));
  if (m === null) return false;
  if (m[2] === undefined) return Number(m[1]) > 1;
  return m[3] === '' || Number(m[3]) > 1;
}

/**
 * Checks a Java pattern and builds the anchored `RegExp`, or says why it cannot. A leading `(?i)` (Java's inline
 * case-insensitive flag) becomes the `i` flag.
 */
export function compileQueryPattern(pattern: string): E.Either<string, RegExp> {
  let body = pattern;
  let flags = '';
  if (body.startsWith('(?i)')) {
    body = body.slice(4);
    flags = 'i';
  }
  const stack: GroupState[] = [{ quantified: false, alternates: false }];
  let inClass = false;
  let repeats = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c === '\\') {
      const next = body[i + 1];
      if (next === undefined) return E.left('a pattern cannot end with a backslash');
      if (/[A-Za-z0-9]/.test(next) && !SHARED_ESCAPE_LETTERS.has(next)) {
        return E.left(`the escape \\${next} is not supported (only \\d \\D \\s \\S \\w \\W \\b \\B \\n \\t \\r \\f and escaped symbols)`);
      }
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      else if (c === '[' && body[i + 1] === ':') return E.left('POSIX bracket classes such as [:alpha:] are not supported');
      else if (c === '&' && body[i + 1] === '&') return E.left('class intersection (&&) is not supported');
      continue;
    }
    if (c === '[') {
      inClass = true;
      // A `]` right after `[` or `[^` is a literal in Java but closes the class in JavaScript.
      if (body[i + 1] === ']' || (body[i + 1] === '^' && body[i + 2] === ']')) return E.left('a character class cannot start with ]');
      if (body[i + 1] === '^') i++;
      continue;
    }
    const top = stack[stack.length - 1] as GroupState;
    if (c === '(') {
      if (body[i + 1] === '?') {
        const kind = body.slice(i + 2, i + 4);
        if (!kind.startsWith(':') && !kind.startsWith('=') && !kind.startsWith('!')) {
          return E.left('only (?:…), (?=…) and (?!…) groups are supported');
        }
      }
      stack.push({ quantified: false, alternates: false });
      continue;
    }
    if (c === ')') {
      if (stack.length === 1) return E.left('unbalanced ) in pattern');
      const inner = stack.pop() as GroupState;
      const outer = stack[stack.length - 1] as GroupState;
      if (repeatsAt(body, i + 1) && (inner.quantified || inner.alternates)) {
        return E.left('a repeated group may not itself repeat or alternate (exponential backtracking)');
      }
      outer.quantified ||= inner.quantified;
      outer.alternates ||= inner.alternates;
      continue;
    }
    if (c === '|') top.alternates = true;
    if (c === '*' || c === '+' || c === '?' || c === '{') {
      const n = body[i + 1];
      if (n === '+') return E.left('possessive quantifiers (*+, ++, ?+) are not supported');
      // An optional part (`a?`) inside a repeated group is ambiguous too; `(?` opens a group and is no quantifier.
      if (c === '?' && body[i - 1] !== '(') top.quantified = true;
      if (repeatsAt(body, i)) {
        top.quantified = true;
        repeats++;
        if (repeats > MAX_PATTERN_REPEATS) return E.left(`a pattern may repeat (*, +, {n,m}) at most ${MAX_PATTERN_REPEATS} times`);
      }
    }
  }
  if (inClass) return E.left('unterminated character class');
  if (stack.length !== 1) return E.left('unbalanced ( in pattern');
  try {
    return E.right(new RegExp(`^(?:${body})$`, flags));
  } catch (e) {
    // RegExp construction is the one place a pattern can still be refused; it becomes a value here.
    return E.left(e instanceof Error ? e.message : 'invalid regular expression');
  }
}
