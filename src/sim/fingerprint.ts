/**
 * A deterministic fingerprint of plain data: FNV-1a (64-bit) over its canonical JSON (object keys sorted by code
 * unit, `undefined` members dropped), as 16 hex digits. Used to tell that partial results of a sharded sweep come
 * from the same resolved scenario. Not cryptographic: it catches mistakes (another file, an edited file), not
 * forgeries.
 *
 * @module
 */

/**
 * JSON of `value` with every object's keys sorted (by code unit), so equal data gives equal text whatever order
 * its keys were built in. Arrays keep their order; `undefined` members are dropped as `JSON.stringify` does.
 *
 * @example
 * ```ts
 * canonicalJson({ b: 1, a: [true, { d: null, c: 'x' }] }); // '{"a":[true,{"c":"x","d":null}],"b":1}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

const TWO_32 = 2 ** 32;
const FNV_PRIME_LOW = 0x1b3; // the 64-bit prime is 2^40 + 0x1b3

/**
 * FNV-1a, 64-bit, over the UTF-8 bytes of `text`, as 16 lowercase hex digits. The 64-bit state is two 32-bit
 * halves: multiplying by 2^40 + 0x1b3 is `x·0x1b3 + (x << 40)`, and every partial product stays below 2^53.
 *
 * @example
 * ```ts
 * fnv1a64('foobar'); // '85944171f73967e8'
 * ```
 */
export function fnv1a64(text: string): string {
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (const byte of new TextEncoder().encode(text)) {
    lo = (lo ^ byte) >>> 0;
    const t = lo * FNV_PRIME_LOW;
    const carry = Math.floor(t / TWO_32);
    hi = (Math.imul(hi, FNV_PRIME_LOW) + carry + (lo << 8)) >>> 0;
    lo = t >>> 0;
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

/** The fingerprint of plain data: {@link fnv1a64} of its {@link canonicalJson}. */
export function fingerprint(value: unknown): string {
  return fnv1a64(canonicalJson(value) ?? 'undefined');
}
