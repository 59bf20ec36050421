import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { FARGATE_PRICE_TABLE, KNOWN_PRICE_REGIONS, PRICE_KEYS, PRICES_AS_OF, resolvePrices } from '../../src/fargate/pricing.js';
import type { PriceOverrides } from '../../src/sim/scenario/types.js';

const right = <A>(e: E.Either<string, A>): A => {
  if (E.isLeft(e)) throw new Error(`expected Right, got Left: ${e.left}`);
  return e.right;
};
const left = <A>(e: E.Either<string, A>): string => {
  if (E.isRight(e)) throw new Error('expected Left, got Right');
  return e.left;
};

describe('the Fargate price table', () => {
  it('is dated and knows at least us-east-1, us-west-2, eu-west-1 and an Asia Pacific Region', () => {
    expect(PRICES_AS_OF).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(KNOWN_PRICE_REGIONS).toEqual(expect.arrayContaining(['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-1', 'ap-northeast-1']));
  });

  // https://aws.amazon.com/fargate/pricing/ and the AWS Price List for us-east-1 (checked 2026-08-17, reference §10).
  it('has the us-east-1 rates of reference §10, every one sourced', () => {
    expect(FARGATE_PRICE_TABLE['us-east-1']!.rates).toEqual({
      linuxX86VcpuHour: 0.04048,
      linuxX86GbHour: 0.004445,
      linuxArmVcpuHour: 0.03238,
      linuxArmGbHour: 0.00356,
      windowsVcpuHour: 0.09148,
      windowsGbHour: 0.01005,
      windowsLicenseVcpuHour: 0.046,
      ephemeralStorageGbHour: 0.000111,
      spotFactor: 0.3,
    });
  });

  it('cites a URL for every Region and every figure is a positive number or null', () => {
    for (const region of KNOWN_PRICE_REGIONS) {
      const row = FARGATE_PRICE_TABLE[region]!;
      expect(row.sources.some((s) => /https:\/\//.test(s)), `${region} cites a URL`).toBe(true);
      expect(row.sources.join(' ')).toMatch(new RegExp(region === 'us-east-1' ? 'us-east-1' : region));
      for (const k of PRICE_KEYS) {
        const v = row.rates[k];
        expect(v === null || (typeof v === 'number' && v > 0), `${region}.${k} = ${String(v)}`).toBe(true);
      }
      // Linux x86 is the one figure every Region must have.
      expect(row.rates.linuxX86VcpuHour).not.toBeNull();
      expect(row.rates.linuxX86GbHour).not.toBeNull();
    }
  });

  it('prices Asia Pacific above us-east-1 (fgcalc: 0.05056 vs 0.04048 per vCPU-hour)', () => {
    expect(FARGATE_PRICE_TABLE['ap-southeast-1']!.rates.linuxX86VcpuHour).toBe(0.05056);
    expect(FARGATE_PRICE_TABLE['ap-northeast-1']!.rates.linuxX86GbHour).toBe(0.00553);
  });
});

describe('resolvePrices', () => {
  it('returns the Region row, marked with the table date, with no override', () => {
    const p = right(resolvePrices('us-east-1'));
    expect(p.region).toBe('us-east-1');
    expect(p.asOf).toBe(PRICES_AS_OF);
    expect(p.rates).toEqual(FARGATE_PRICE_TABLE['us-east-1']!.rates);
    expect(p.overridden).toEqual([]);
  });

  it('replaces only the given rates (a PriceOverrides from a scenario)', () => {
    const overrides: PriceOverrides = { spotFactor: 0.33, linuxArmVcpuHour: 0.0324 };
    const p = right(resolvePrices('eu-west-1', overrides));
    expect(p.rates.spotFactor).toBe(0.33);
    expect(p.rates.linuxArmVcpuHour).toBe(0.0324);
    expect(p.rates.linuxArmGbHour).toBeNull();
    expect(p.rates.linuxX86VcpuHour).toBe(0.04048);
    expect(p.overridden).toEqual(['linuxArmVcpuHour', 'spotFactor']);
  });

  it('rejects an unknown Region without every rate, naming it, the known Regions and the missing rates', () => {
    const msg = left(resolvePrices('mars-north-1', { linuxX86VcpuHour: 0.05 }));
    expect(msg).toContain('"mars-north-1"');
    for (const r of KNOWN_PRICE_REGIONS) expect(msg).toContain(r);
    expect(msg).toContain('linuxX86GbHour');
    expect(msg).not.toContain('missing: linuxX86VcpuHour');
  });

  it('accepts an unknown Region when every rate is given', () => {
    const all = Object.fromEntries(PRICE_KEYS.map((k, i) => [k, k === 'spotFactor' ? 0.4 : 0.01 * (i + 1)]));
    const p = right(resolvePrices('mars-north-1', all));
    expect(p.rates.spotFactor).toBe(0.4);
    expect(p.rates.windowsGbHour).toBe(0.06);
  });

  it('rejects negative, non-finite and out-of-range rates, naming each', () => {
    const msg = left(resolvePrices('us-east-1', { linuxX86GbHour: -1, spotFactor: 1.5, windowsVcpuHour: Number.NaN }));
    expect(msg).toContain('prices.linuxX86GbHour');
    expect(msg).toContain('prices.spotFactor must be between 0 and 1');
    expect(msg).toContain('prices.windowsVcpuHour');
  });

  it('does not mistake an inherited property name for a Region', () => {
    expect(E.isLeft(resolvePrices('constructor'))).toBe(true);
  });
});
