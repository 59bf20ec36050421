/**
 * Container instance draining as the service scheduler sees it (reference §5.6, Developer Guide "Container instance
 * draining": "Service tasks on the container instance that are in the PENDING state are stopped immediately. Service
 * tasks on the container instance that are in the RUNNING state are stopped and replaced according to the service's
 * deployment configuration parameters, minimumHealthyPercent and maximumPercent"; standalone tasks are not moved).
 *
 * When an instance is set to DRAINING (or deregistered with `force`), every service with tasks on it is flagged
 * (`Service.drainPending`) and given a pass. A flagged service's pass reads its tasks and hands those on instances
 * that are no longer ACTIVE to the reconciler as if they belonged to an older deployment: the PRIMARY launches their
 * replacements within `maximumPercent`, and they give way like old tasks — pending ones at once, healthy ones while
 * `minimumHealthyPercent` holds (`servicePass.ts`). The flag clears once no such task is left.
 *
 * SIM RULE: a deregistered (INACTIVE) instance's service tasks are replaced and stopped the same way; ECS leaves
 * them running unmanaged ("orphaned") and starts copies elsewhere.
 *
 * @module
 */
import type { ContainerInstance } from '../../domain/containerInstance.js';
import { serviceKey } from '../../domain/service.js';
import type { WorldTxn } from '../../domain/txn.js';
import { withPassSoon } from './servicePassTimer.js';
import type { Bucketed } from './serviceTasks.js';

/** The seqs of the EC2 tasks among `buckets` whose instance (its `World.containerInstances` key) `leaves`. */
export function tasksLeaving(buckets: ReadonlyMap<string, readonly Bucketed[]>, leaves: (instanceKey: string) => boolean): Set<number> {
  const out = new Set<number>();
  for (const list of buckets.values()) {
    for (const b of list) {
      const key = b.task.site.ec2?.instanceKey;
      if (key !== undefined && leaves(key)) out.add(b.task.seq);
    }
  }
  return out;
}

/** The seqs of the tasks among `buckets` that run on a container instance which is no longer ACTIVE. */
export function drainedTaskSeqs(tx: WorldTxn, buckets: ReadonlyMap<string, readonly Bucketed[]>): Set<number> {
  const instances = tx.table('containerInstances');
  return tasksLeaving(buckets, (key) => instances.get(key)?.status !== 'ACTIVE');
}

/** Flags the services with tasks on `ci` (which has just left ACTIVE) and books them a pass. */
export function markDrainedServices(tx: WorldTxn, ci: ContainerInstance): void {
  const services = tx.table('services');
  for (const [group, n] of Object.entries(ci.taskGroups ?? {})) {
    if (n <= 0 || !group.startsWith('service:')) continue;
    const key = serviceKey(ci.cluster, group.slice('service:'.length));
    const s = services.get(key);
    if (s === undefined || s.status === 'INACTIVE') continue;
    services.set(key, withPassSoon(tx, s.drainPending === true ? s : { ...s, drainPending: true }));
  }
}
