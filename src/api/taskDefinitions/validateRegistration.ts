/**
 * The whole RegisterTaskDefinition rule set, in a fixed order; the first violation wins. Each rule lives in its
 * own module (`validate*.ts`); this one only sequences them and derives the shared context.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import type { RegisterTaskDefinitionInput } from '../../codecs/taskDefinition.js';
import type { EcsError } from '../../domain/errors.js';
import type { Tag } from '../../domain/wire.js';
import { validateTags } from '../tags/tags.js';
import { registrationContext, type RegistrationContext } from './registrationContext.js';
import { validateContainerResources } from './validateContainerResources.js';
import { validateContainers } from './validateContainers.js';
import { validateDependsOn } from './validateDependsOn.js';
import { validateVolumeReferences } from './validateVolumeReferences.js';
import { validateEphemeralStorage } from './validateEphemeralStorage.js';
import { validateFamily } from './validateFamily.js';
import { validateFargateParameters } from './validateFargateParameters.js';
import { validateHealthChecks } from './validateHealthCheck.js';
import { validateNetworkMode } from './validateNetworkMode.js';
import { validatePlacementConstraints } from './validatePlacementConstraints.js';
import { validatePortMappings } from './validatePortMappings.js';
import { validateRestartPolicies } from './validateRestartPolicy.js';
import { validateRoles } from './validateRoles.js';
import { validateRuntimePlatform } from './validateRuntimePlatform.js';
import { validateSizes, type TaskSize } from './validateSizes.js';
import { validateTaskDefinitionSize } from './validateTaskDefinitionSize.js';

/** A request that passed every rule, with what the rules derived. */
export interface ValidatedRegistration {
  readonly ctx: RegistrationContext;
  readonly size: TaskSize;
  readonly tags: Tag[];
}

/**
 * Validates a decoded RegisterTaskDefinition request: family, containers, role ARNs, task size, network mode, runtime
 * platform, Fargate restrictions, container resources, port mappings, health checks, dependencies, restart
 * policies, placement constraints, ephemeral storage, tags, and the 64 KiB size limit — in that order.
 */
export function validateRegistration(request: RegisterTaskDefinitionInput): E.Either<EcsError, ValidatedRegistration> {
  const early = validateFamily(request.family) ?? validateContainers(request.containerDefinitions) ?? validateRoles(request);
  if (early) return E.left(early);
  const ctx = registrationContext(request, request.containerDefinitions!);
  const size = validateSizes(request.cpu, request.memory, ctx);
  if (E.isLeft(size)) return size;
  const err =
    validateNetworkMode(ctx) ??
    validateRuntimePlatform(ctx) ??
    validateFargateParameters(ctx) ??
    validateContainerResources(ctx, size.right) ??
    validatePortMappings(ctx.containers, ctx.networkMode) ??
    validateHealthChecks(ctx.containers) ??
    validateDependsOn(ctx.containers) ??
    validateVolumeReferences(request.volumes ?? [], ctx.containers) ??
    validateRestartPolicies(ctx.containers) ??
    validatePlacementConstraints(request.placementConstraints) ??
    validateEphemeralStorage(request.ephemeralStorage);
  if (err) return E.left(err);
  const tags = validateTags(request.tags ?? []);
  if (E.isLeft(tags)) return tags;
  // Tags are not part of the task definition document; the quota measures the definition itself.
  const tooBig = validateTaskDefinitionSize(request.tags === undefined ? request : { ...request, tags: undefined });
  if (tooBig) return E.left(tooBig);
  return E.right({ ctx, size: size.right, tags: tags.right });
}
