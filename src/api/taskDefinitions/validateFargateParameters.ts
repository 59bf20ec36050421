/**
 * Parameters Fargate does not support (reference §2.1, [D] list 2024+), checked when `requiresCompatibilities`
 * contains `FARGATE`.
 *
 * Empty lists and `false` flags are accepted: real Fargate registrations carry `"dnsServers": []`,
 * `"links": []` and the like (corpus evidence). A parameter counts as "used" when it is a non-empty list, a `true`
 * flag, or any other value.
 *
 * @module
 */
import type { ContainerDefinitionInput } from '../../codecs/taskDefinition.js';
import { clientException, type EcsError } from '../../domain/errors.js';
import { containerPath, type RegistrationContext } from './registrationContext.js';

/** Container parameters Fargate rejects outright. */
export const FARGATE_UNSUPPORTED_CONTAINER_PARAMETERS = [
  'disableNetworking',
  'dnsSearchDomains',
  'dnsServers',
  'dockerSecurityOptions',
  'extraHosts',
  'links',
  'privileged',
] as const;

/** `linuxParameters` members Fargate rejects. */
export const FARGATE_UNSUPPORTED_LINUX_PARAMETERS = ['devices', 'sharedMemorySize', 'tmpfs', 'maxSwap', 'swappiness'] as const;

/** The only Linux capability Fargate lets a container add. */
export const FARGATE_ADDABLE_CAPABILITY = 'SYS_PTRACE';

/** Bounds of `startTimeout`/`stopTimeout` on Fargate, seconds. */
export const FARGATE_TIMEOUT_BOUNDS = { min: 2, max: 120 } as const;

const isUsed = (v: unknown): boolean =>
  v !== undefined && v !== false && !(Array.isArray(v) && v.length === 0);

const unsupported = (what: string): EcsError =>
  clientException(`Tasks using the Fargate launch type do not support ${what}.`);

/** Checks a Fargate-compatible definition for parameters Fargate does not support. */
export function validateFargateParameters(ctx: RegistrationContext): EcsError | undefined {
  if (!ctx.requiresFargate) return undefined;
  const r = ctx.request;
  // Observed wording for ipcMode (cn-terraform/terraform-aws-ecs-fargate#2); the other messages follow it.
  if (r.ipcMode !== undefined) return unsupported('ipcMode');
  if (r.pidMode === 'host') return unsupported("pidMode 'host'");
  if (isUsed(r.placementConstraints)) return unsupported('placementConstraints');
  const volumes = r.volumes ?? [];
  for (let v = 0; v < volumes.length; v++) {
    if (volumes[v]!.dockerVolumeConfiguration !== undefined) {
      return unsupported(`dockerVolumeConfiguration (volumes[${v}].dockerVolumeConfiguration)`);
    }
  }
  for (let i = 0; i < ctx.containers.length; i++) {
    const err = checkContainer(ctx.containers[i]!, containerPath(i));
    if (err) return err;
  }
  const needsRole = ctx.containers.some((c) => c.logConfiguration?.logDriver === 'awslogs');
  if (needsRole && r.executionRoleArn === undefined) {
    // Observed wording (virtual-kubelet/virtual-kubelet#193).
    return clientException('Fargate requires task definition to have execution role ARN to support log driver awslogs.');
  }
  return undefined;
}

function checkContainer(c: ContainerDefinitionInput, path: string): EcsError | undefined {
  for (const p of FARGATE_UNSUPPORTED_CONTAINER_PARAMETERS) {
    if (isUsed(c[p])) return unsupported(`${p} (${path}.${p})`);
  }
  if (c.resourceRequirements?.some((rr) => rr.type === 'GPU')) return unsupported(`GPU resources (${path}.resourceRequirements)`);
  const lp = c.linuxParameters;
  if (lp) {
    for (const p of FARGATE_UNSUPPORTED_LINUX_PARAMETERS) {
      if (isUsed(lp[p])) return unsupported(`${p} (${path}.linuxParameters.${p})`);
    }
    const added = (lp.capabilities?.add ?? []).filter((cap) => cap !== FARGATE_ADDABLE_CAPABILITY);
    if (added.length > 0) {
      return unsupported(
        `adding capability '${added[0]}' (${path}.linuxParameters.capabilities.add); only ${FARGATE_ADDABLE_CAPABILITY} may be added`,
      );
    }
  }
  for (const m of ['startTimeout', 'stopTimeout'] as const) {
    const v = c[m];
    if (v !== undefined && (v < FARGATE_TIMEOUT_BOUNDS.min || v > FARGATE_TIMEOUT_BOUNDS.max)) {
      return clientException(
        `${path}.${m} must be between ${FARGATE_TIMEOUT_BOUNDS.min} and ${FARGATE_TIMEOUT_BOUNDS.max} seconds on Fargate, but was ${v}.`,
      );
    }
  }
  return undefined;
}
