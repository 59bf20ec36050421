/**
 * Strings the World keeps for long, as one piece.
 *
 * V8 represents a string built from parts (`a + b`, a template literal of several parts) as a tree of those parts
 * for as long as it lives: a 60-character message of four parts costs about three times its flat size. A World
 * keeps such strings for good — a service's ARN, its events' messages, a deployment's rollout reason — once per
 * service, which at a hundred tasks a service measured some 4 bytes a task. {@link flatString} stores them flat.
 *
 * @module
 */

/** Longest string copied: longer ones (rare, built rarely) are kept as they are. */
const MAX_FLATTENED = 4096;

/**
 * `s` as one flat string (the same characters). For strings made once and kept: the copy costs a pass over the
 * characters.
 */
export function flatString(s: string): string {
  // V8 makes strings of fewer than 13 characters flat already.
  if (s.length < 13 || s.length > MAX_FLATTENED) return s;
  const codes = new Array<number>(s.length);
  for (let i = 0; i < s.length; i++) codes[i] = s.charCodeAt(i);
  return String.fromCharCode.apply(null, codes);
}
