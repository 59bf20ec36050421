/**
 * The "Task definition size" quota (reference §2.1, §9.1): the definition, as JSON, may not exceed 64 KiB.
 *
 * Measured on the decoded request (known members only, `null`s dropped) serialised compactly and counted in
 * UTF-8 bytes, so whitespace and unknown members in the caller's JSON do not count.
 *
 * @module
 */
import { clientException, type EcsError } from '../../domain/errors.js';

/** Largest task definition, bytes of JSON. */
export const MAX_TASK_DEFINITION_BYTES = 65_536;

/** UTF-8 length of a string without allocating a buffer. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/**
 * An upper bound of the UTF-8 length of `JSON.stringify(v)`, or any number above `limit` once the bound passes
 * it. Allocation-free, so the common case (a definition far below the limit) costs no serialisation. Each string
 * unit counts 6 bytes (the longest escape, `\u001f`; UTF-8 needs at most 3 bytes per UTF-16 unit).
 */
export function jsonSizeUpperBound(v: unknown, limit: number): number {
  let total = 0;
  const walk = (x: unknown): void => {
    if (total > limit) return;
    if (typeof x === 'string') total += 6 * x.length + 2;
    else if (typeof x === 'number') total += 24;
    else if (typeof x === 'boolean' || x === null) total += 5;
    else if (Array.isArray(x)) {
      total += 2 + x.length;
      for (const e of x) walk(e);
    } else if (typeof x === 'object') {
      const o = x as Record<string, unknown>;
      total += 2;
      for (const k in o) {
        if (o[k] === undefined) continue;
        total += 6 * k.length + 4;
        walk(o[k]);
      }
    }
  };
  walk(v);
  return total;
}

/** Checks the serialised size of a (decoded) definition. */
export function validateTaskDefinitionSize(definition: unknown): EcsError | undefined {
  if (jsonSizeUpperBound(definition, MAX_TASK_DEFINITION_BYTES) <= MAX_TASK_DEFINITION_BYTES) return undefined;
  const bytes = utf8Length(JSON.stringify(definition));
  if (bytes <= MAX_TASK_DEFINITION_BYTES) return undefined;
  return clientException(
    `The task definition is ${bytes} bytes as JSON; the maximum size is ${MAX_TASK_DEFINITION_BYTES} bytes (64 KiB).`,
  );
}
