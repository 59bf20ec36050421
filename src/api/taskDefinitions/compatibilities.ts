/**
 * The output-only `compatibilities` of a task definition: the launch types it can run on, computed by ECS.
 *
 * SIM RULE (from the described definitions in the corpus): `EC2` always; `EXTERNAL` first when the network mode
 * is not `awsvpc` (external instances have no task ENIs); `FARGATE` when the definition passes every Fargate rule
 * (awsvpc, a valid Fargate size, no unsupported parameters); `MANAGED_INSTANCES` last when requested. Real
 * responses also show `MANAGED_INSTANCES` on some recent awsvpc definitions that did not request it; the twin
 * does not guess when.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import type { RegistrationContext } from './registrationContext.js';
import { validateFargateParameters } from './validateFargateParameters.js';
import { validateNetworkMode } from './validateNetworkMode.js';
import { validateRuntimePlatform } from './validateRuntimePlatform.js';
import { validateSizes } from './validateSizes.js';

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

/** The `compatibilities` ECS reports for a validated definition. */
export function computeCompatibilities(ctx: RegistrationContext): string[] {
  const out: string[] = [];
  if (ctx.networkMode !== 'awsvpc') out.push('EXTERNAL');
  out.push('EC2');
  if (isFargateCompatible(ctx)) out.push('FARGATE');
  if (ctx.request.requiresCompatibilities?.includes('MANAGED_INSTANCES')) out.push('MANAGED_INSTANCES');
  return out;
}
