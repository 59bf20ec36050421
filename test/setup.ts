// Test setup: property tests use a fixed seed in CI (FC_SEED overrides, FC_NUM_RUNS scales them up locally),
// and any test that writes to the console fails — the core must return values, not print.
import fc from 'fast-check';
import { afterEach, beforeEach, expect, vi } from 'vitest';

const seed = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : 20261126;
const scale = process.env.FC_NUM_RUNS_SCALE !== undefined ? Number(process.env.FC_NUM_RUNS_SCALE) : 1;
fc.configureGlobal({ seed, numRuns: Math.max(1, Math.round(100 * scale)), endOnFailure: true });

const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
beforeEach(() => {
  for (const m of methods) {
    vi.spyOn(console, m).mockImplementation((...args: unknown[]) => {
      throw new Error(`test wrote to console.${m}: ${args.map(String).join(' ')}`);
    });
  }
});
afterEach(() => {
  vi.restoreAllMocks();
  expect(true).toBe(true);
});
