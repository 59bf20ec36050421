/**
 * A small benchmark runner: runs a function many times, reports the median and the 95th percentile, and prints
 * one line per case. Medians, not means: a GC pause should not decide a figure.
 *
 * Why not `vitest bench` alone: the targets in the issues are medians per single operation at given world sizes
 * and throughputs of whole pipelines; a runner that prints exactly those figures is simpler to read and record.
 */
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';

/** One measured case. */
export interface Measurement {
  readonly name: string;
  readonly samples: number;
  readonly medianNs: number;
  readonly p95Ns: number;
}

/** Runs `fn` `samples` times after `warmup` runs and returns per-call statistics. */
export function measure(name: string, fn: (i: number) => void, samples = 2000, warmup = 200): Measurement {
  for (let i = 0; i < warmup; i++) fn(i);
  const times = new Float64Array(samples);
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    fn(warmup + i);
    times[i] = (performance.now() - t0) * 1e6;
  }
  times.sort();
  return {
    name,
    samples,
    medianNs: times[Math.floor(samples / 2)]!,
    p95Ns: times[Math.floor(samples * 0.95)]!,
  };
}

/** Times one run of `fn` in milliseconds. */
export function timeOnce<T>(fn: () => T): { readonly ms: number; readonly value: T } {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}

/** Formats nanoseconds as µs with two decimals. */
export const us = (ns: number): string => `${(ns / 1000).toFixed(2)} µs`;

/** Prints a measurement line. */
export function report(m: Measurement): void {
  console.log(`${m.name.padEnd(58)} median ${us(m.medianNs).padStart(11)}   p95 ${us(m.p95Ns).padStart(11)}   (n=${m.samples})`);
}

/** The machine line printed at the top of every run, to copy into RESULTS.md. */
export function machineLine(): string {
  const cpus = os.cpus();
  return `node ${process.version}, ${cpus.length} × ${cpus[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${new Date().toISOString().slice(0, 10)}`;
}
