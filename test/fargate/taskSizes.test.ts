import { describe, expect, it } from 'vitest';
import {
  ALL_FARGATE_SIZES,
  LINUX_FARGATE_SIZES,
  WINDOWS_FARGATE_SIZES,
  fargateMemoryOptionsMiB,
  isValidFargateSize,
  parseCpuUnits,
  parseMemoryMiB,
  smallestFargateSizeFitting,
} from '../../src/fargate/taskSizes.js';

// The predicate of reference §1.1, written independently of the table under test.
const REFERENCE: Record<number, (m: number) => boolean> = {
  256: (m) => [512, 1024, 2048].includes(m),
  512: (m) => [1024, 2048, 3072, 4096].includes(m),
  1024: (m) => m >= 2048 && m <= 8192 && m % 1024 === 0,
  2048: (m) => m >= 4096 && m <= 16384 && m % 1024 === 0,
  4096: (m) => m >= 8192 && m <= 30720 && m % 1024 === 0,
  8192: (m) => m >= 16384 && m <= 61440 && m % 4096 === 0,
  16384: (m) => m >= 32768 && m <= 122880 && m % 8192 === 0,
};

describe('Fargate task sizes', () => {
  it('lists the 74 Linux pairs, sorted by cpu then memory', () => {
    expect(LINUX_FARGATE_SIZES).toHaveLength(74);
    const keys = LINUX_FARGATE_SIZES.map((s) => s.cpuUnits * 1e6 + s.memoryMiB);
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
    expect(ALL_FARGATE_SIZES).toEqual(LINUX_FARGATE_SIZES);
  });

  it('agrees with the reference predicate on every cpu × memory up to 128 GiB in 512 MiB steps', () => {
    for (const cpu of [128, 256, 512, 768, 1024, 2048, 4096, 8192, 16384, 32768]) {
      for (let m = 0; m <= 131072; m += 512) {
        expect(isValidFargateSize(cpu, m), `${cpu} CPU, ${m} MiB`).toBe(REFERENCE[cpu]?.(m) ?? false);
      }
    }
  });

  it('has 43 Windows pairs: only the 1, 2 and 4 vCPU rows', () => {
    expect(WINDOWS_FARGATE_SIZES).toHaveLength(7 + 13 + 23);
    expect(new Set(WINDOWS_FARGATE_SIZES.map((s) => s.cpuUnits))).toEqual(new Set([1024, 2048, 4096]));
    expect(isValidFargateSize(256, 512, 'WINDOWS')).toBe(false);
    expect(isValidFargateSize(8192, 16384, 'WINDOWS')).toBe(false);
    expect(isValidFargateSize(1024, 2048, 'WINDOWS')).toBe(true);
  });

  it('rejects non-integers', () => {
    expect(isValidFargateSize(256.5, 512)).toBe(false);
    expect(isValidFargateSize(256, Number.NaN)).toBe(false);
  });

  it('lists the memory options of a cpu value', () => {
    expect(fargateMemoryOptionsMiB(512)).toEqual([1024, 2048, 3072, 4096]);
    expect(fargateMemoryOptionsMiB(300)).toEqual([]);
    expect(fargateMemoryOptionsMiB(256, 'WINDOWS')).toEqual([]);
  });

  it('finds the smallest size that fits a request', () => {
    expect(smallestFargateSizeFitting(300, 600)).toEqual({ cpuUnits: 512, memoryMiB: 1024 });
    expect(smallestFargateSizeFitting(256, 2048)).toEqual({ cpuUnits: 256, memoryMiB: 2048 });
    expect(smallestFargateSizeFitting(16384, 122881)).toBeUndefined();
  });
});

describe('parsing cpu and memory text', () => {
  it.each([
    ['256', 256],
    ['1024', 1024],
    ['1 vCPU', 1024],
    ['1 vcpu', 1024],
    ['1vCPU', 1024],
    ['0.25 vCPU', 256],
    ['.25 vcpu', 256],
    ['0.5 VCPU', 512],
    ['16 vCPU', 16384],
    ['0.125 vCPU', 128],
  ])('cpu %j is %i units', (text, units) => {
    expect(parseCpuUnits(text)).toBe(units);
  });

  it.each(['', ' 256', '256 ', 'abc', '1.5', '0.1 vCPU', '-256', '1 GB', '1  vCPU', '${CPU}'])('cpu %j does not parse', (text) => {
    expect(parseCpuUnits(text)).toBeUndefined();
  });

  it.each([
    ['512', 512],
    ['2GB', 2048],
    ['2 GB', 2048],
    ['2 gb', 2048],
    ['0.5GB', 512],
    ['.5 gb', 512],
    ['30GB', 30720],
  ])('memory %j is %i MiB', (text, mib) => {
    expect(parseMemoryMiB(text)).toBe(mib);
  });

  it.each(['', '1.5', '0.0001GB', '1 MB', '1 vCPU', 'GB'])('memory %j does not parse', (text) => {
    expect(parseMemoryMiB(text)).toBeUndefined();
  });
});
