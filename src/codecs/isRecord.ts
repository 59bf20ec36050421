/**
 * The one test of "a plain JSON object" every decoder of untrusted input starts with.
 *
 * @module
 */

/** Whether `u` is an object that is neither `null` nor an array (a JSON object, as decoders read it). */
export const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null && !Array.isArray(u);
