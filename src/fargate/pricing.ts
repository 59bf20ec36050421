/**
 * Fargate prices (reference §10): a dated table of USD rates for a few Regions, and {@link resolvePrices}, which
 * picks a Region's rates and applies a scenario's overrides.
 *
 * Every figure carries its source; a figure that could not be sourced is `null` (not guessed), and pricing a task
 * that needs it is an error that asks for an override (`src/sim/cost.ts`). Pure tables and functions.
 *
 * What the rates mean (https://aws.amazon.com/fargate/pricing/): a task pays for its requested vCPU and memory
 * (GB = 1024 MiB) per hour, at a rate set by OS and CPU architecture; Windows adds an OS license fee per vCPU-hour;
 * ephemeral storage above the free 20 GB is billed per GB-hour; Fargate Spot is a discount on the on-demand rate
 * (up to 70%, floating with supply — modelled as a constant factor, reference §10 SIM RULE).
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';

/** The day the table was last checked against its sources (ISO date). */
export const PRICES_AS_OF = '2026-08-17';

/**
 * The USD rates Fargate bills, one per dimension. Same keys as a scenario's `prices` (`PriceOverrides` in
 * `src/sim/scenario/types.ts`, which this layer may not import).
 */
export interface PriceRates {
  readonly linuxX86VcpuHour: number;
  readonly linuxX86GbHour: number;
  readonly linuxArmVcpuHour: number;
  readonly linuxArmGbHour: number;
  readonly windowsVcpuHour: number;
  readonly windowsGbHour: number;
  /** Windows Server license fee, per vCPU-hour, on top of `windowsVcpuHour`. */
  readonly windowsLicenseVcpuHour: number;
  /** Per GB-hour of configured ephemeral storage above the free 20 GB. */
  readonly ephemeralStorageGbHour: number;
  /** Fargate Spot price as a fraction of on-demand, in [0, 1]. */
  readonly spotFactor: number;
}

/** The names of the rates, in a fixed order (messages list them in this order). */
export type PriceKey = keyof PriceRates;

/** Every rate key, in table order. */
export const PRICE_KEYS: readonly PriceKey[] = [
  'linuxX86VcpuHour',
  'linuxX86GbHour',
  'linuxArmVcpuHour',
  'linuxArmGbHour',
  'windowsVcpuHour',
  'windowsGbHour',
  'windowsLicenseVcpuHour',
  'ephemeralStorageGbHour',
  'spotFactor',
];

/** Rates given by a scenario: each given one replaces the Region's (structurally a `PriceOverrides`). */
export type PriceRateOverrides = { readonly [K in PriceKey]?: number };

/** A Region's resolved rates: `null` where the table has no sourced figure and no override was given. */
export interface Prices {
  readonly region: string;
  /** {@link PRICES_AS_OF} of the table the defaults came from. */
  readonly asOf: string;
  readonly rates: { readonly [K in PriceKey]: number | null };
  /** The keys whose value came from an override. */
  readonly overridden: readonly PriceKey[];
}

/** One Region's row of the table. */
export interface RegionPriceTable {
  readonly rates: { readonly [K in PriceKey]: number | null };
  /** Where each figure comes from (URL and what it gave). */
  readonly sources: readonly string[];
}

/**
 * SIM RULE (reference §10): Spot floats by Region and over time and AWS publishes only "up to a 70% discount"
 * (https://aws.amazon.com/fargate/pricing/); we bill Spot at 0.30 × on-demand. Observed rates were 0.31–0.33 ×
 * (fgcalc's Region table; eu-west-1 in 2020: $0.01334053 per vCPU-hour). Override `spotFactor` for your Region.
 */
const SPOT_FACTOR = 0.3;

// Third-party transcription of the AWS Fargate pricing page, every Region, Linux/x86 on-demand and Spot.
const FGCALC = 'https://github.com/theuves/fgcalc/blob/master/src/utils/data.js';

/**
 * The table. Linux/x86 rates of the four Regions after us-east-1 are from {@link FGCALC} only; their ARM, Windows
 * and ephemeral-storage rates could not be sourced and are `null`.
 */
export const FARGATE_PRICE_TABLE: Readonly<Record<string, RegionPriceTable>> = {
  'us-east-1': {
    rates: {
      linuxX86VcpuHour: 0.04048,
      linuxX86GbHour: 0.004445,
      linuxArmVcpuHour: 0.03238,
      linuxArmGbHour: 0.00356,
      windowsVcpuHour: 0.09148,
      windowsGbHour: 0.01005,
      windowsLicenseVcpuHour: 0.046,
      ephemeralStorageGbHour: 0.000111,
      spotFactor: SPOT_FACTOR,
    },
    sources: [
      'https://aws.amazon.com/fargate/pricing/ — per-second billing, 1-minute minimum (Linux), Spot "up to 70%"',
      'AWS Price List (AmazonECS, us-east-1, 2026-08-17): USE1-Fargate-vCPU-Hours:perCPU 0.04048, USE1-Fargate-GB-Hours 0.004445, ' +
        'USE1-Fargate-ARM-vCPU-Hours:perCPU 0.03238, USE1-Fargate-ARM-GB-Hours 0.00356, USE1-Fargate-EphemeralStorage-GB-Hours 0.000111 ' +
        '(shared/ecs-autoscaling-captures.md §6)',
      'https://www.vantage.sh/blog/fargate-pricing — Windows/x86 0.09148 per vCPU-hour, 0.01005 per GB-hour, OS license 0.046 per vCPU-hour ' +
        '(the same 0.09148 in the AWS Price List published 2022-11-21, USE1-Fargate-Windows-vCPU-Hours:perCPU)',
    ],
  },
  'us-west-2': {
    rates: linuxX86Only(0.04048, 0.004445),
    sources: [`${FGCALC} — us-west-2 Linux/x86 0.04048 per vCPU-hour, 0.004445 per GB-hour`],
  },
  'eu-west-1': {
    rates: linuxX86Only(0.04048, 0.004445),
    sources: [`${FGCALC} — eu-west-1 Linux/x86 0.04048 per vCPU-hour, 0.004445 per GB-hour`],
  },
  'ap-southeast-1': {
    rates: linuxX86Only(0.05056, 0.00553),
    sources: [`${FGCALC} — ap-southeast-1 Linux/x86 0.05056 per vCPU-hour, 0.00553 per GB-hour`],
  },
  'ap-northeast-1': {
    rates: linuxX86Only(0.05056, 0.00553),
    sources: [`${FGCALC} — ap-northeast-1 Linux/x86 0.05056 per vCPU-hour, 0.00553 per GB-hour`],
  },
};

function linuxX86Only(vcpuHour: number, gbHour: number): RegionPriceTable['rates'] {
  return {
    linuxX86VcpuHour: vcpuHour,
    linuxX86GbHour: gbHour,
    linuxArmVcpuHour: null,
    linuxArmGbHour: null,
    windowsVcpuHour: null,
    windowsGbHour: null,
    windowsLicenseVcpuHour: null,
    ephemeralStorageGbHour: null,
    spotFactor: SPOT_FACTOR,
  };
}

/** The Regions the table knows, sorted. */
export const KNOWN_PRICE_REGIONS: readonly string[] = Object.keys(FARGATE_PRICE_TABLE).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** Why an override is invalid, or undefined when it is fine. */
function overrideProblem(key: PriceKey, value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return `prices.${key} must be a finite number ≥ 0 (got ${String(value)})`;
  if (key === 'spotFactor' && value > 1) return `prices.spotFactor must be between 0 and 1 (got ${value})`;
  return undefined;
}

/**
 * The rates for `region`: the table's row with each given override in place of its figure. An unknown Region
 * needs every rate overridden. Rates the table lacks and no override gives stay `null` (an error only when a task
 * needs them).
 *
 * @example
 * ```ts
 * resolvePrices('us-east-1');                       // Right: linuxX86VcpuHour 0.04048, …
 * resolvePrices('eu-west-1', { spotFactor: 0.33 }); // Right: spotFactor 0.33, linuxArmVcpuHour null
 * resolvePrices('mars-1');                          // Left: no Fargate price table for Region "mars-1" …
 * ```
 * @category pricing
 */
export function resolvePrices(region: string, overrides: PriceRateOverrides = {}): E.Either<string, Prices> {
  const problems = PRICE_KEYS.flatMap((k) => (k in overrides && overrides[k] !== undefined ? [overrideProblem(k, overrides[k])] : [])).filter(
    (p): p is string => p !== undefined,
  );
  if (problems.length > 0) return E.left(problems.join('; '));
  const row = Object.prototype.hasOwnProperty.call(FARGATE_PRICE_TABLE, region) ? FARGATE_PRICE_TABLE[region] : undefined;
  const overridden = PRICE_KEYS.filter((k) => overrides[k] !== undefined);
  if (row === undefined) {
    const missing = PRICE_KEYS.filter((k) => overrides[k] === undefined);
    if (missing.length > 0) {
      return E.left(
        `no Fargate price table for Region "${region}" (known: ${KNOWN_PRICE_REGIONS.join(', ')}); ` +
          `give every rate under prices (missing: ${missing.join(', ')})`,
      );
    }
  }
  const rates = Object.fromEntries(PRICE_KEYS.map((k) => [k, overrides[k] ?? row?.rates[k] ?? null])) as Prices['rates'];
  return E.right({ region, asOf: PRICES_AS_OF, rates, overridden });
}
