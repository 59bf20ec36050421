/**
 * Which host port a port mapping takes on a container instance, by network mode (API reference, `PortMapping`):
 * `host` binds the container port itself unless a host port is given; `bridge` binds the given host port, or a
 * dynamic one from the ephemeral range when it is 0 or absent; `awsvpc` and `none` bind no host port (the task
 * has its own ENI, or no network).
 *
 * Placement (`launchEc2Tasks.ts`) and DescribeTasks' `networkBindings` (`taskView.ts`) both read this, so the
 * ports a task holds and the ports it shows cannot disagree.
 *
 * @module
 */
import type { PortMappingSpec, TaskDefinition } from '../../domain/taskDefinition.js';

/** The host port of `m`: a port number, 0 for a dynamic one, undefined for none. */
export function hostPortOf(mode: TaskDefinition['networkMode'], m: PortMappingSpec): number | undefined {
  if (m.containerPort === undefined) return undefined;
  switch (mode) {
    case 'host':
      return m.hostPort !== undefined && m.hostPort !== 0 ? m.hostPort : m.containerPort;
    case 'bridge':
      return m.hostPort ?? 0;
    default:
      return undefined;
  }
}
