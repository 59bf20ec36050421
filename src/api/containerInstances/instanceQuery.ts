/**
 * What the cluster query language sees of a stored container instance (ListContainerInstances `filter`).
 *
 * @module
 */
import type { ContainerInstance } from '../../domain/containerInstance.js';
import type { QuerySubject } from '../../scheduler/placement/query/index.js';

const NO_GROUPS: ReadonlySet<string> = new Set();

/** The query subject of `ci` (no task groups yet: no task runs on an instance). */
export function querySubjectOf(ci: ContainerInstance): QuerySubject {
  return {
    attributes: new Map(ci.attributes.map((a) => [a.name, a.value])),
    instanceId: ci.id,
    ec2InstanceId: ci.ec2InstanceId,
    registeredAt: ci.registeredAt,
    taskGroups: NO_GROUPS,
    runningTasksCount: ci.runningTasksCount,
    agentConnected: ci.agentConnected,
    agentVersion: ci.versionInfo.agentVersion,
  };
}
