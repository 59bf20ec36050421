/**
 * Port mappings per network mode (reference §2.6).
 *
 * - `awsvpc` and `host`: `hostPort` omitted or equal to `containerPort` (ECS fills it in); a host port can be
 *   bound once per task, since every container shares the task's network namespace (awsvpc) or the host's.
 * - `bridge`: `hostPort` 0/omitted means a dynamic port; a fixed host port can be bound once per task.
 * - `none`: no port mappings.
 * - The same container port may not be exposed for two protocols.
 * - `containerPortRange` (`"first-last"`): `bridge`/`awsvpc` only, ≤100 per container, 1 ≤ first < last ≤ 65535,
 *   no overlaps, never together with `containerPort` or `hostPort`.
 * - `name` (Service Connect): ≤64 lowercase letters, digits, `_`, `-`, not starting with `-`, unique in the task.
 *
 * @module
 */
import type { PortMappingInput } from '../../codecs/taskDefinition.js';
import { clientException, type EcsError } from '../../domain/errors.js';
import { containerPath, type NetworkMode } from './registrationContext.js';

/** Most `containerPortRange` mappings in one container. */
export const MAX_PORT_RANGES_PER_CONTAINER = 100;
const MAX_PORT = 65_535;
const PORT_NAME = /^[a-z0-9_][a-z0-9_-]{0,63}$/;
const PORT_RANGE = /^(\d{1,5})-(\d{1,5})$/;

/** A container's port mappings, with the container's name for messages. */
export interface ContainerPorts {
  /** Present on every container that passed `validateContainers`. */
  readonly name?: string;
  readonly portMappings?: readonly PortMappingInput[];
}

/** Checks the port mappings of every container under `networkMode`. */
export function validatePortMappings(
  containers: readonly ContainerPorts[],
  networkMode: NetworkMode,
): EcsError | undefined {
  const boundHostPorts = new Set<string>();
  const names = new Set<string>();
  for (let i = 0; i < containers.length; i++) {
    const { name: container = '', portMappings = [] } = containers[i]!;
    if (portMappings.length > 0 && networkMode === 'none') {
      return clientException(`Port mappings are not supported when networkMode=none (${containerPath(i)}.portMappings).`);
    }
    const protocolByPort = new Map<number, string>();
    const ranges: Array<{ first: number; last: number; protocol: string }> = [];
    for (let j = 0; j < portMappings.length; j++) {
      const pm = portMappings[j]!;
      const path = `${containerPath(i)}.portMappings[${j}]`;
      const protocol = pm.protocol ?? 'tcp';
      if (pm.name !== undefined) {
        if (!PORT_NAME.test(pm.name)) {
          return clientException(
            `${path}.name must be 1-64 lowercase letters, numbers, underscores and hyphens, and must not start with a hyphen.`,
          );
        }
        if (names.has(pm.name)) {
          return clientException(
            `Duplicate port mapping name '${pm.name}' at ${path}.name: port mapping names must be unique within a task definition.`,
          );
        }
        names.add(pm.name);
      }
      if (pm.containerPortRange !== undefined) {
        const err = checkRange(pm, path, container, networkMode, protocol, ranges);
        if (err) return err;
        continue;
      }
      const port = pm.containerPort;
      // Observed wording for a bad container port (aws/aws-cli#7288).
      if (port === undefined || port < 1 || port > MAX_PORT) {
        return clientException(`Invalid 'containerPort' setting for container '${container}'.`);
      }
      if (pm.hostPort !== undefined && (pm.hostPort < 0 || pm.hostPort > MAX_PORT)) {
        return clientException(`Invalid 'hostPort' setting for container '${container}'.`);
      }
      if ((networkMode === 'awsvpc' || networkMode === 'host') && pm.hostPort !== undefined && pm.hostPort !== port) {
        // Observed wording (pulumi/pulumi-awsx#935, aws/amazon-ecs-cli#1014).
        return clientException(
          `When networkMode=${networkMode}, the host ports and container ports in port mappings must match.`,
        );
      }
      const seenProtocol = protocolByPort.get(port);
      if (seenProtocol !== undefined && seenProtocol !== protocol) {
        return clientException(
          `Invalid port mappings for container '${container}': containerPort ${port} is exposed for more than one protocol (${path}).`,
        );
      }
      protocolByPort.set(port, protocol);
      const hostPort = networkMode === 'bridge' ? (pm.hostPort ?? 0) : port;
      if (hostPort !== 0) {
        const key = `${hostPort}/${protocol}`;
        if (boundHostPorts.has(key)) {
          return clientException(`Host port ${key} is mapped more than once in the task definition (${path}).`);
        }
        boundHostPorts.add(key);
      }
    }
  }
  return undefined;
}

function checkRange(
  pm: PortMappingInput,
  path: string,
  container: string,
  networkMode: NetworkMode,
  protocol: string,
  ranges: Array<{ first: number; last: number; protocol: string }>,
): EcsError | undefined {
  if (networkMode !== 'bridge' && networkMode !== 'awsvpc') {
    return clientException(`${path}.containerPortRange is only supported when networkMode is bridge or awsvpc.`);
  }
  if (pm.containerPort !== undefined) {
    return clientException(`${path}: containerPort and containerPortRange cannot both be set.`);
  }
  if (pm.hostPort !== undefined) {
    return clientException(`${path}.hostPort cannot be set with containerPortRange; ECS assigns the host port range.`);
  }
  const m = PORT_RANGE.exec(pm.containerPortRange!);
  const first = m ? Number(m[1]) : NaN;
  const last = m ? Number(m[2]) : NaN;
  if (!m || first < 1 || last > MAX_PORT || first >= last) {
    return clientException(`Invalid 'containerPortRange' setting for container '${container}'.`);
  }
  if (ranges.length === MAX_PORT_RANGES_PER_CONTAINER) {
    return clientException(
      `Container '${container}' has more than ${MAX_PORT_RANGES_PER_CONTAINER} containerPortRange port mappings.`,
    );
  }
  if (ranges.some((r) => r.protocol === protocol && r.first <= last && first <= r.last)) {
    return clientException(`${path}.containerPortRange overlaps another port range of container '${container}'.`);
  }
  ranges.push({ first, last, protocol });
  return undefined;
}
