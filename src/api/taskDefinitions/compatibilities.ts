/**
 * The output-only `compatibilities` of a task definition: the launch types it can run on, computed by ECS.
 *
 * ECS has changed how it computes them; the dated exports of the public corpus (`registeredAt`) show three
 * changes, kept here as data ({@link COMPATIBILITY_ERAS}) so the corpus test can check every dated export against
 * the rule of its day:
 * - non-awsvpc definitions lost `EXTERNAL` in 2023 (last seen 0022, 2023-04-29; `["EC2"]` from 0093, 2023-10-24 on;
 *   0327 in eu-west-1 already had it on 2023-03-24, so the change rolled out region by region);
 * - awsvpc Linux definitions gained `MANAGED_INSTANCES` when ECS Managed Instances launched on 2025-09-30 (last
 *   without it 0152, 2025-09-27; first with it 0166, 2025-10-14);
 * - the order became `EC2, MANAGED_INSTANCES, FARGATE` in June 2026 (last in the old order 0172, 2026-06-18; first
 *   in the new 0112, 2026-06-23).
 *
 * DECISION: the twin always computes the current rule, whatever the World's virtual date. The virtual clock models
 * time passing for tasks and timers, not the history of the ECS service (no other rule of the twin is dated, and
 * the default clock starts in 2024), and a twin that answered with a 2024 rule would disagree with the ECS its
 * users compare it with. {@link compatibilityEraAt} gives the historical rule for anyone who needs it.
 *
 * SIM RULE (beyond the corpus): `MANAGED_INSTANCES` is computed for awsvpc Linux definitions only. Managed
 * Instances also run `host` and `none` tasks (API_ManagedInstancesNetworkConfiguration), but no export shows what
 * ECS computes for them, so they get it only when requested.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import type { RegistrationContext } from './registrationContext.js';
import { validateFargateParameters } from './validateFargateParameters.js';
import { validateNetworkMode } from './validateNetworkMode.js';
import { validateRuntimePlatform } from './validateRuntimePlatform.js';
import { validateSizes } from './validateSizes.js';

/** A launch type as `compatibilities` lists it. */
export type Compatibility = 'EC2' | 'EXTERNAL' | 'FARGATE' | 'MANAGED_INSTANCES';

/** How ECS computed `compatibilities` from `fromMs` (epoch ms) until the next era. */
export interface CompatibilityEra {
  readonly fromMs: number;
  /** Whether a non-awsvpc definition is also compatible with `EXTERNAL` (listed first). */
  readonly externalUnlessAwsvpc: boolean;
  /** Whether an awsvpc Linux definition is also compatible with `MANAGED_INSTANCES`. */
  readonly managedInstancesForAwsvpc: boolean;
  /** The order of the launch types after `EXTERNAL`. */
  readonly order: readonly Compatibility[];
  /** The dated corpus exports that show the era begin. */
  readonly backedBy: string;
}

/** ECS's rules over time, oldest first; the last one is today's. */
export const COMPATIBILITY_ERAS: readonly CompatibilityEra[] = [
  {
    fromMs: Number.NEGATIVE_INFINITY,
    externalUnlessAwsvpc: true,
    managedInstancesForAwsvpc: false,
    order: ['EC2', 'FARGATE', 'MANAGED_INSTANCES'],
    backedBy: '0336 (2022-06-21), 0188 (2023-02-16), 0022 (2023-04-29): ["EXTERNAL","EC2"] without awsvpc',
  },
  {
    fromMs: Date.UTC(2023, 4, 1),
    externalUnlessAwsvpc: false,
    managedInstancesForAwsvpc: false,
    order: ['EC2', 'FARGATE', 'MANAGED_INSTANCES'],
    backedBy: '0093 (2023-10-24), 0035 (2024-04-13), 0234 (2024-06-07), 0318 (2024-07-17): ["EC2"] without awsvpc',
  },
  {
    fromMs: Date.UTC(2025, 8, 30),
    externalUnlessAwsvpc: false,
    managedInstancesForAwsvpc: true,
    order: ['EC2', 'FARGATE', 'MANAGED_INSTANCES'],
    backedBy: '0166 (2025-10-14), 0058, 0165, 0062, 0120, 0172 (2026-06-18): ["EC2","FARGATE","MANAGED_INSTANCES"]',
  },
  {
    fromMs: Date.UTC(2026, 5, 20),
    externalUnlessAwsvpc: false,
    managedInstancesForAwsvpc: true,
    order: ['EC2', 'MANAGED_INSTANCES', 'FARGATE'],
    backedBy: '0112 (2026-06-23), 0026, 0164, 0142 (2026-08-08): ["EC2","MANAGED_INSTANCES","FARGATE"]',
  },
];

/** Today's rule, which the twin applies. */
export const CURRENT_COMPATIBILITY_ERA: CompatibilityEra = COMPATIBILITY_ERAS[COMPATIBILITY_ERAS.length - 1]!;

/** The rule ECS applied to a definition registered at `epochMs`. */
export function compatibilityEraAt(epochMs: number): CompatibilityEra {
  let era = COMPATIBILITY_ERAS[0]!;
  for (const e of COMPATIBILITY_ERAS) if (e.fromMs <= epochMs) era = e;
  return era;
}

/** Whether the definition would pass every Fargate rule if `FARGATE` were required. */
export function isFargateCompatible(ctx: RegistrationContext): boolean {
  if (ctx.requiresFargate) return true; // already validated as such
  const asFargate: RegistrationContext = { ...ctx, requiresFargate: true };
  return (
    E.isRight(validateSizes(ctx.request.cpu, ctx.request.memory, asFargate)) &&
    validateNetworkMode(asFargate) === undefined &&
    validateRuntimePlatform(asFargate) === undefined &&
    validateFargateParameters(asFargate) === undefined
  );
}

/**
 * The `compatibilities` ECS reports for a validated definition: `EC2` always; `FARGATE` when it passes every
 * Fargate rule; `MANAGED_INSTANCES` for awsvpc Linux definitions (from 2025-09-30); `EXTERNAL` first for non-awsvpc
 * ones (until 2023). A launch type listed in `requiresCompatibilities` is always included.
 */
export function computeCompatibilities(
  ctx: RegistrationContext,
  era: CompatibilityEra = CURRENT_COMPATIBILITY_ERA,
): Compatibility[] {
  const requested = (c: Compatibility): boolean => ctx.request.requiresCompatibilities?.includes(c) ?? false;
  const included: Record<Compatibility, boolean> = {
    EXTERNAL: requested('EXTERNAL') || (era.externalUnlessAwsvpc && ctx.networkMode !== 'awsvpc'),
    EC2: true,
    FARGATE: isFargateCompatible(ctx),
    MANAGED_INSTANCES:
      requested('MANAGED_INSTANCES') || (era.managedInstancesForAwsvpc && ctx.networkMode === 'awsvpc' && !ctx.isWindows),
  };
  const out: Compatibility[] = included.EXTERNAL ? ['EXTERNAL'] : [];
  for (const c of era.order) if (included[c]) out.push(c);
  return out;
}
