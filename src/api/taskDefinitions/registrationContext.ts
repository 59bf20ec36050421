/**
 * What the task-definition validators share: the decoded request plus the facts derived from it once (effective
 * network mode, launch-type requirements, OS, parsed task size), so each rule reads them instead of recomputing.
 *
 * @module
 */
import type { ContainerDefinitionInput, RegisterTaskDefinitionInput } from '../../codecs/taskDefinition.js';

/** A network mode as in the API. */
export type NetworkMode = 'awsvpc' | 'bridge' | 'host' | 'none';

/** The decoded request and what the validators derive from it. */
export interface RegistrationContext {
  readonly request: RegisterTaskDefinitionInput;
  /** `request.containerDefinitions`, known to hold 1–10 entries with names and images. */
  readonly containers: readonly ContainerDefinitionInput[];
  /** `networkMode`, or `bridge` (ECS's default on Linux) when absent. */
  readonly networkMode: NetworkMode;
  /** Whether `requiresCompatibilities` contains `FARGATE` (Fargate rules then apply, even if `EC2` is listed). */
  readonly requiresFargate: boolean;
  /** `runtimePlatform.operatingSystemFamily`, or `LINUX`. */
  readonly operatingSystemFamily: string;
  /** Whether the OS family is a Windows one. */
  readonly isWindows: boolean;
  /** `runtimePlatform.cpuArchitecture`, or `X86_64`. */
  readonly cpuArchitecture: 'X86_64' | 'ARM64';
}

/** Builds the context of a request whose containers have passed the basic checks. */
export function registrationContext(
  request: RegisterTaskDefinitionInput,
  containers: readonly ContainerDefinitionInput[],
): RegistrationContext {
  const operatingSystemFamily = request.runtimePlatform?.operatingSystemFamily ?? 'LINUX';
  return {
    request,
    containers,
    networkMode: request.networkMode ?? 'bridge',
    requiresFargate: request.requiresCompatibilities?.includes('FARGATE') ?? false,
    operatingSystemFamily,
    isWindows: operatingSystemFamily.startsWith('WINDOWS'),
    cpuArchitecture: request.runtimePlatform?.cpuArchitecture ?? 'X86_64',
  };
}

/** The path of container `i` in messages: `containerDefinitions[i]`. */
export const containerPath = (i: number): string => `containerDefinitions[${i}]`;
