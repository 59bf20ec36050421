/**
 * The first step of every door into the core: an untrusted value (an `execute` request, a world configuration,
 * fault arguments, a journal entry) is copied into plain JSON-like data within fixed bounds, *before* any codec or
 * other recursive walk touches it.
 *
 * Why a copy and not a check: the value may come from JavaScript callers, so it may be a Proxy, carry getters
 * that throw or answer differently on each read, or be cyclic. Reading it exactly once, here, under a `try`, turns
 * all of that into an error value; everything after works on inert data that nobody else holds. The copy is
 * bounded in depth (so no walk downstream can overflow the stack) and in size (so no input can make the core
 * allocate without limit).
 *
 * What is kept: strings, numbers (including NaN and ±Infinity, which the codecs then judge with a path),
 * booleans, `null`, `undefined` (array slots only; `undefined` object members are dropped, as JSON drops them),
 * arrays and objects (own enumerable string keys, in their order; `__proto__` stays a plain data key). What is
 * refused: BigInt, Symbol and function values, cycles, and anything deeper or larger than the limits.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';

/**
 * Bounds of one decoded input.
 *
 * @category model
 */
export interface InputLimits {
  /** Deepest nesting of lists and objects (the input itself is depth 0). */
  readonly maxDepth: number;
  /** Largest size, in characters of compact JSON (an estimate: strings count their UTF-16 length plus quotes). */
  readonly maxChars: number;
}

/**
 * Limits of an ECS request. ECS's deepest request shapes nest about eight levels
 * (`overrides.containerOverrides[0].environment[0].name`); 64 leaves room for anything valid. 1 MiB is the AWS
 * request-body limit the HTTP endpoint enforces on bytes; the core applies the same figure to characters.
 *
 * @category constants
 */
export const REQUEST_LIMITS: InputLimits = { maxDepth: 64, maxChars: 1_048_576 };

/**
 * Why an input could not be read: the path (`input` and the members below it) and a sentence.
 *
 * @category model
 */
export interface InputProblem {
  readonly path: string;
  readonly message: string;
}

class Refused {
  constructor(
    readonly path: readonly (string | number)[],
    readonly reason: string,
  ) {}
}

/**
 * Copies `u` into plain data within `limits`, or says where and why it cannot.
 *
 * @category constructors
 * @example
 * ```ts
 * readPlainInput({ a: [1, 2n] }, REQUEST_LIMITS);
 * // Left({ path: 'input.a[1]', message: 'input.a[1] is a BigInt, which JSON cannot hold.' })
 * ```
 */
export function readPlainInput(u: unknown, limits: InputLimits = REQUEST_LIMITS, root = 'input'): E.Either<InputProblem, unknown> {
  // The common case — plain data within bounds — takes a lean copy; only a refused value is read again, with the
  // bookkeeping that names the path and tells a cycle from mere depth. (A value whose reads change between the
  // two walks gets the second walk's verdict: it is refused either way.)
  const budget = { chars: limits.maxChars };
  try {
    const out = leanCopy(u, limits.maxDepth, budget);
    if (out !== REFUSED) return E.right(out);
  } catch {
    // a getter or trap threw: the careful walk below says where
  }
  return carefulCopy(u, limits, root);
}

const REFUSED: unique symbol = Symbol('refused');

// Plain data only; `REFUSED` for anything else or when a bound is passed (a cycle passes the depth bound).
function leanCopy(v: unknown, depthLeft: number, budget: { chars: number }): unknown {
  switch (typeof v) {
    case 'string':
      return (budget.chars -= v.length + 3) < 0 ? REFUSED : v;
    case 'number':
    case 'boolean':
      return (budget.chars -= 6) < 0 ? REFUSED : v;
    case 'undefined':
      return (budget.chars -= 5) < 0 ? REFUSED : undefined;
    case 'object':
      break;
    default:
      return REFUSED;
  }
  if (v === null) return (budget.chars -= 5) < 0 ? REFUSED : null;
  if (depthLeft === 0) return REFUSED;
  if (Array.isArray(v)) {
    const length = v.length;
    if ((budget.chars -= 2 + length) < 0) return REFUSED;
    const arr: unknown[] = new Array(length);
    for (let i = 0; i < length; i++) {
      const x = leanCopy(v[i], depthLeft - 1, budget);
      if (x === REFUSED) return REFUSED;
      arr[i] = x;
    }
    return arr;
  }
  if ((budget.chars -= 2) < 0) return REFUSED;
  const entries: Array<[string, unknown]> = [];
  for (const k of Object.keys(v)) {
    const x = leanCopy((v as Record<string, unknown>)[k], depthLeft - 1, budget);
    if (x === REFUSED) return REFUSED;
    if (x === undefined) continue;
    if ((budget.chars -= k.length + 4) < 0) return REFUSED;
    entries.push([k, x]);
  }
  return Object.fromEntries(entries);
}

/** The copy with its path and ancestors tracked, to say exactly where and why a value is refused. */
function carefulCopy(u: unknown, limits: InputLimits, root: string): E.Either<InputProblem, unknown> {
  let chars = 0;
  const path: (string | number)[] = [];
  const ancestors = new Set<object>();
  const refuse = (reason: string): never => {
    throw new Refused(path.slice(), reason);
  };
  const count = (n: number): void => {
    chars += n;
    if (chars > limits.maxChars) refuse(`makes the input larger than ${limits.maxChars} characters of JSON`);
  };
  // Recursion is safe: the depth check comes before each step down, so the stack never exceeds maxDepth frames.
  const copy = (v: unknown, depth: number): unknown => {
    switch (typeof v) {
      case 'string':
        count(v.length + 3);
        return v;
      case 'number':
      case 'boolean':
        count(6);
        return v;
      case 'undefined':
        count(5);
        return undefined;
      case 'bigint':
        return refuse('is a BigInt, which JSON cannot hold');
      case 'symbol':
        return refuse('is a Symbol, which JSON cannot hold');
      case 'function':
        return refuse('is a function, which JSON cannot hold');
    }
    if (v === null) {
      count(5);
      return null;
    }
    const o = v as object;
    if (ancestors.has(o)) return refuse('refers back to an enclosing value (a cycle), which JSON cannot hold');
    if (depth >= limits.maxDepth) return refuse(`is nested deeper than ${limits.maxDepth} levels`);
    ancestors.add(o);
    let out: unknown;
    if (Array.isArray(o)) {
      const length = o.length;
      count(2 + length);
      const arr: unknown[] = new Array(length);
      for (let i = 0; i < length; i++) {
        path.push(i);
        arr[i] = copy(o[i], depth + 1);
        path.pop();
      }
      out = arr;
    } else {
      count(2);
      const entries: Array<[string, unknown]> = [];
      for (const k of Object.keys(o)) {
        path.push(k);
        const x = copy((o as Record<string, unknown>)[k], depth + 1);
        path.pop();
        if (x === undefined) continue;
        count(k.length + 4);
        entries.push([k, x]);
      }
      // `fromEntries` defines each key as data, so a key `__proto__` cannot change the copy's prototype.
      out = Object.fromEntries(entries);
    }
    ancestors.delete(o);
    return out;
  };
  try {
    return E.right(copy(u, 0));
  } catch (e) {
    if (e instanceof Refused) {
      const at = formatPath(root, e.path);
      return E.left({ path: at, message: `${at} ${e.reason}.` });
    }
    // A getter or Proxy trap threw while we read the value: the caller's object, not a defect of ours.
    const at = formatPath(root, path);
    return E.left({ path: at, message: `${at} could not be read: reading it threw ${describeThrown(e)}.` });
  }
}

/** `root.a[0].b` (`a[0].b` when `root` is empty), shortened in the middle when very long (a path 64 levels deep is not readable in full). */
export function formatPath(root: string, steps: readonly (string | number)[]): string {
  const parts = steps.map((s) => (typeof s === 'number' ? `[${s}]` : /^[A-Za-z_$][\w$]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s.length > 40 ? `${s.slice(0, 37)}...` : s)}]`));
  const shown = parts.length > 12 ? [...parts.slice(0, 6), '…', ...parts.slice(-5)] : parts;
  const path = root + shown.join('');
  // Without a root the path starts at the first member (`behaviors[0]`), or is the value itself.
  return root !== '' ? path : path === '' ? 'the value' : path.startsWith('.') ? path.slice(1) : path;
}

/** A short, safe description of something thrown by foreign code (reading its `message` may throw too). */
export function describeThrown(e: unknown): string {
  try {
    if (e instanceof Error && typeof e.message === 'string') {
      const m = e.message.length > 100 ? `${e.message.slice(0, 97)}...` : e.message;
      return `${e.name === 'Error' ? 'an error' : `a ${String(e.name)}`} (${JSON.stringify(m)})`;
    }
  } catch {
    // fall through: an error whose name or message cannot be read
  }
  return 'an exception';
}
