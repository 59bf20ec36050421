/**
 * What the cluster query language sees of a stored container instance: ListContainerInstances `filter` and the
 * constraints a daemon's instances must meet (`src/scheduler/service/daemon.ts`). The task groups are the
 * instance's ledger (`taskGroups`, `instanceLedger.ts`).
 *
 * @module
 */
import type { ContainerInstance, InstanceAttribute } from '../../domain/containerInstance.js';
import type { QuerySubject } from '../placement/query/index.js';
import { allAttributes, LINUX_CAPABILITIES } from './capabilities.js';

const NO_GROUPS: ReadonlySet<string> = new Set();
const CAPABILITIES: ReadonlyMap<string, string | undefined> = new Map(LINUX_CAPABILITIES.map((a) => [a.name, a.value]));

/**
 * An instance's attributes as a read-only map without copying the shared capabilities into it: a filter that
 * scans 10,000 instances looks up a name or two in each, so lookups read the few stored attributes, then the
 * shared capability map; only iteration builds the full list.
 */
class AttributeView implements ReadonlyMap<string, string | undefined> {
  constructor(private readonly stored: readonly InstanceAttribute[]) {}

  private find(name: string): InstanceAttribute | undefined {
    for (const a of this.stored) if (a.name === name) return a;
    return undefined;
  }

  get(name: string): string | undefined {
    const a = this.find(name);
    return a !== undefined ? a.value : CAPABILITIES.get(name);
  }

  has(name: string): boolean {
    return this.find(name) !== undefined || CAPABILITIES.has(name);
  }

  get size(): number {
    return allAttributes(this.stored).length;
  }

  *entries(): MapIterator<[string, string | undefined]> {
    for (const a of allAttributes(this.stored)) yield [a.name, a.value];
  }

  *keys(): MapIterator<string> {
    for (const [k] of this.entries()) yield k;
  }

  *values(): MapIterator<string | undefined> {
    for (const [, v] of this.entries()) yield v;
  }

  forEach(fn: (value: string | undefined, key: string, map: ReadonlyMap<string, string | undefined>) => void): void {
    for (const [k, v] of this.entries()) fn(v, k, this);
  }

  [Symbol.iterator](): MapIterator<[string, string | undefined]> {
    return this.entries();
  }
}

/** The query subject of `ci`: its attributes (capabilities included), fields and the groups of its tasks. */
export function querySubjectOf(ci: ContainerInstance): QuerySubject {
  const groups = ci.taskGroups;
  return {
    attributes: new AttributeView(ci.attributes),
    instanceId: ci.id,
    ec2InstanceId: ci.ec2InstanceId,
    registeredAt: ci.registeredAt,
    taskGroups: groups === undefined ? NO_GROUPS : new Set(Object.keys(groups)),
    runningTasksCount: ci.runningTasksCount,
    agentConnected: ci.agentConnected,
    agentVersion: ci.versionInfo.agentVersion,
  };
}
