/**
 * Random draws the simulator's fault processes need, from the project's seeded generator (never `Math.random`).
 *
 * @module
 */
import type { Rng } from '../../domain/rng.js';

/**
 * A Poisson-distributed count with mean `lambda` (≥ 0): the number of events of a process with a constant rate in
 * one step. Knuth's product method below 30 (exact), a rounded normal approximation above (its error is far below
 * the noise of the rates users give); deterministic for a given generator state.
 */
export function poisson(rng: Rng, lambda: number): number {
  if (!(lambda > 0)) return 0;
  if (lambda < 30) {
    const limit = Math.exp(-lambda);
    let k = 0;
    let p = rng.float();
    while (p > limit) {
      k++;
      p *= rng.float();
    }
    return k;
  }
  // Box–Muller from two uniforms in (0, 1].
  const u1 = 1 - rng.float();
  const u2 = rng.float();
  const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * z));
}

/**
 * `count` distinct indexes of `0 … n−1`, chosen uniformly, in the order drawn. A few out of many (the usual case: a
 * handful of Spot interruptions in a large fleet) are drawn by rejection, in O(count); otherwise a partial
 * Fisher–Yates over `0 … n−1`.
 */
export function chooseIndexes(rng: Rng, n: number, count: number): number[] {
  const k = Math.min(n, Math.max(0, Math.floor(count)));
  if (k * 4 <= n) {
    const seen = new Set<number>();
    const out: number[] = [];
    while (out.length < k) {
      const i = rng.int(n);
      if (seen.has(i)) continue;
      seen.add(i);
      out.push(i);
    }
    return out;
  }
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(n - i);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, k);
}
