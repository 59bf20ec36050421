/**
 * Seeded pseudo-random numbers: the only source of randomness in the core.
 *
 * `sfc32` (Chris Doty-Humphrey's Small Fast Counting generator) with 128 bits of state, seeded through
 * `splitmix32`. The state is plain data in the World (four uint32s per stream), so a world serialises, replays and
 * compares byte for byte. Each subsystem draws from its own stream (derived from the root seed), so that, for
 * example, minting one more id does not shift every later lifecycle duration.
 *
 * @module
 */

/** The 128-bit state of one generator. */
export type RngState = readonly [number, number, number, number];

/** Independent streams, one per subsystem. */
export const RNG_STREAMS = ['ids', 'lifecycle', 'placement', 'faults', 'services'] as const;
/** Name of an independent stream. */
export type RngStream = (typeof RNG_STREAMS)[number];
/** The generator states of every stream. */
export type RngStates = Readonly<Record<RngStream, RngState>>;

function splitmix32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Derives a stream's initial state from the root seed and the stream's index. */
export function seedState(seed: number, streamIndex: number): RngState {
  const sm = splitmix32((Math.imul(seed >>> 0, 0x27d4eb2d) ^ Math.imul(streamIndex + 1, 0x165667b1)) >>> 0);
  const st: [number, number, number, number] = [sm(), sm(), sm(), sm()];
  if ((st[0] | st[1] | st[2] | st[3]) === 0) st[3] = 1;
  return st;
}

/** The initial states of all streams for a root seed. */
export function seedStreams(seed: number): RngStates {
  const out = {} as Record<RngStream, RngState>;
  RNG_STREAMS.forEach((name, i) => {
    out[name] = seedState(seed, i);
  });
  return out;
}

/**
 * lowbias32 (Chris Wellons): a 32-bit finaliser with good avalanche, so neighbouring inputs give unrelated
 * outputs. Used to derive stable ids from a seed and an index without drawing from a generator.
 */
export function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

const HEX = '0123456789abcdef';
const HEX_CODES = Array.from(HEX, (c) => c.charCodeAt(0));
const DASH = 45; // '-'
const FOUR = 52; // '4'

/**
 * A mutable generator used inside one transition; its final {@link Rng.state} goes back into the World.
 *
 * @example
 * ```ts
 * const rng = new Rng(seedState(42, 0));
 * rng.int(6); // 0..5
 * const next = rng.state(); // store this in the new world
 * ```
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(state: RngState) {
    [this.a, this.b, this.c, this.d] = state;
  }

  /** The current state, to store back into the World. */
  state(): RngState {
    return [this.a, this.b, this.c, this.d];
  }

  /** A uniform uint32. */
  uint32(): number {
    const a = this.a, b = this.b, c = this.c, d = this.d;
    const t = (((a + b) >>> 0) + d) >>> 0;
    this.d = (d + 1) >>> 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) >>> 0;
    this.c = (((c << 21) | (c >>> 11)) + t) >>> 0;
    return t;
  }

  /** A uniform integer in `[0, n)`; `n` must be a positive integer ≤ 2^32 (rejection sampling, no modulo bias). */
  int(n: number): number {
    if (n <= 1) return 0;
    const limit = 0x100000000 - (0x100000000 % n);
    for (;;) {
      const x = this.uint32();
      if (x < limit) return x % n;
    }
  }

  /** A uniform float in `[0, 1)` with 32 bits of precision. */
  float(): number {
    return this.uint32() / 0x100000000;
  }

  /** `chars` lowercase hex characters. */
  hex(chars: number): string {
    return String.fromCharCode.apply(null, this.hexCodes(chars));
  }

  /**
   * The character codes of {@link hex}: the low nibble of each draw first. Ids are built from codes in one flat
   * string — appending a character at a time, or a template of slices, leaves a tree of string pieces (~250 bytes
   * for a UUID instead of 56) that the World keeps as long as it keeps the id.
   */
  private hexCodes(chars: number): number[] {
    const codes = new Array<number>(chars);
    let n = 0;
    while (n < chars) {
      let x = this.uint32();
      for (let i = 0; i < 8 && n < chars; i++) {
        codes[n++] = HEX_CODES[x & 15]!;
        x >>>= 4;
      }
    }
    return codes;
  }

  /** A version-4 UUID string (8-4-4-4-12 hex digits; version 4, variant 8–b). */
  uuid(): string {
    const h = this.hexCodes(32);
    const variant = HEX_CODES[8 + (this.uint32() & 3)]!;
    const codes = h.slice(0, 8);
    codes.push(DASH, ...h.slice(8, 12), DASH, FOUR, ...h.slice(13, 16), DASH, variant, ...h.slice(17, 20), DASH, ...h.slice(20, 32));
    return String.fromCharCode.apply(null, codes);
  }

  /**
   * A duration in integer ms drawn from a log-normal-like spread around `medianMs` (bounded to
   * `[minMs, maxMs]`). Realistic for pulls and provisioning times: most near the median, a long right tail.
   */
  durationMs(d: DurationSpec): number {
    if (d.maxMs <= d.minMs) return d.minMs;
    // Sum of three uniforms ≈ normal(0,1) scaled: cheap, bounded, deterministic.
    const z = (this.float() + this.float() + this.float() - 1.5) * 2;
    const sigma = d.spread ?? 0.35;
    const v = Math.round(d.medianMs * Math.exp(z * sigma));
    return Math.min(d.maxMs, Math.max(d.minMs, v));
  }
}

/** A random duration: median with a bounded log-normal-like spread. All values in integer milliseconds. */
export interface DurationSpec {
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  /** Log-scale spread (σ); 0 gives the median every time. Default 0.35. */
  readonly spread?: number;
}
