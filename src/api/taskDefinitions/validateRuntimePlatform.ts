/**
 * `runtimePlatform` limits (reference §1.4; DG/platform-windows-fargate.html): Windows runs on X86_64 only;
 * Fargate offers Linux and Windows Server 2019/2022 (Full and Core); Windows tasks on Fargate cannot use
 * `pidMode`, `ulimits` or `linuxParameters`. Windows sizes are checked with the task size.
 *
 * @module
 */
import { clientException, type EcsError } from '../../domain/errors.js';
import { containerPath, type RegistrationContext } from './registrationContext.js';

/** Operating-system families Fargate runs. */
export const FARGATE_OS_FAMILIES: ReadonlySet<string> = new Set([
  'LINUX',
  'WINDOWS_SERVER_2019_FULL',
  'WINDOWS_SERVER_2019_CORE',
  'WINDOWS_SERVER_2022_FULL',
  'WINDOWS_SERVER_2022_CORE',
]);

/** Checks the runtime platform against the launch type and the containers. */
export function validateRuntimePlatform(ctx: RegistrationContext): EcsError | undefined {
  const os = ctx.operatingSystemFamily;
  if (ctx.isWindows && ctx.cpuArchitecture === 'ARM64') {
    return clientException(
      `runtimePlatform.cpuArchitecture ARM64 is not supported with operating system family '${os}'; Windows tasks run on X86_64.`,
    );
  }
  if (!ctx.requiresFargate) return undefined;
  if (!FARGATE_OS_FAMILIES.has(os)) {
    return clientException(`Fargate does not support operating system family '${os}' (runtimePlatform.operatingSystemFamily).`);
  }
  if (!ctx.isWindows) return undefined;
  const windows = (what: string): EcsError =>
    clientException(`Tasks using the Fargate launch type with Windows containers do not support ${what}.`);
  if (ctx.request.pidMode !== undefined) return windows('pidMode');
  for (let i = 0; i < ctx.containers.length; i++) {
    const c = ctx.containers[i]!;
    if (c.ulimits !== undefined && c.ulimits.length > 0) return windows(`ulimits (${containerPath(i)}.ulimits)`);
    if (c.linuxParameters !== undefined) return windows(`linuxParameters (${containerPath(i)}.linuxParameters)`);
  }
  return undefined;
}
