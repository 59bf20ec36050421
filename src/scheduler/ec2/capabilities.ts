/**
 * The capability attributes every container instance has (shared, not stored per instance) and an instance's full
 * attribute list: what `requiresAttributes`, ListAttributes and the cluster query language see.
 *
 * @module
 */
import type { InstanceAttribute } from '../../domain/containerInstance.js';

const DOCKER_API_VERSIONS = Array.from({ length: 16 }, (_, i) => `1.${17 + i}`);

/**
 * Capability attributes a current ECS-optimised Linux AMI registers (a subset of what the agent reports: the
 * Docker remote API versions, logging drivers, IAM, awsvpc, health checks, secrets). Shared by every instance.
 */
export const LINUX_CAPABILITIES: readonly InstanceAttribute[] = [
  { name: 'com.amazonaws.ecs.capability.privileged-container' },
  ...DOCKER_API_VERSIONS.map((v) => ({ name: `com.amazonaws.ecs.capability.docker-remote-api.${v}` })),
  { name: 'com.amazonaws.ecs.capability.logging-driver.json-file' },
  { name: 'com.amazonaws.ecs.capability.logging-driver.syslog' },
  { name: 'com.amazonaws.ecs.capability.logging-driver.awslogs' },
  { name: 'com.amazonaws.ecs.capability.logging-driver.none' },
  { name: 'com.amazonaws.ecs.capability.ecr-auth' },
  { name: 'com.amazonaws.ecs.capability.task-iam-role' },
  { name: 'com.amazonaws.ecs.capability.task-iam-role-network-host' },
  { name: 'ecs.capability.execution-role-ecr-pull' },
  { name: 'ecs.capability.execution-role-awslogs' },
  { name: 'ecs.capability.task-eni' },
  { name: 'ecs.capability.container-health-check' },
  { name: 'ecs.capability.secrets.asm.environment-variables' },
  { name: 'ecs.capability.secrets.ssm.environment-variables' },
  { name: 'ecs.capability.efsAuth' },
  { name: 'ecs.capability.firelens.fluentbit' },
];

const CAPABILITY_NAMES: ReadonlySet<string> = new Set(LINUX_CAPABILITIES.map((a) => a.name));

/**
 * Every attribute of an instance: the capabilities (shared, so never stored per instance: 10,000 instances would
 * otherwise carry 30-odd identical entries each, in memory and in snapshots), then the stored ones. A stored
 * attribute with a capability's name (an agent that registers it with a value) replaces the shared entry.
 */
export function allAttributes(stored: readonly InstanceAttribute[]): readonly InstanceAttribute[] {
  if (!stored.some((a) => CAPABILITY_NAMES.has(a.name))) return [...LINUX_CAPABILITIES, ...stored];
  const names = new Set(stored.map((a) => a.name));
  return [...LINUX_CAPABILITIES.filter((a) => !names.has(a.name)), ...stored];
}
