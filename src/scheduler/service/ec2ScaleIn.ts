/**
 * Scale-in of a service on EC2, per its placement strategies (reference §6.2 "scale-in choice"): binpack stops the
 * task on the instance that will have the most of the field left, spread keeps the spread balanced, random draws
 * (seeded, the `placement` stream); without strategies, ECS's service default — balance the zones, then the
 * instances. The choice itself is the placement engine's (`placement/scaleIn.ts`) over the cluster's fleet.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { launchesOnInstances, type Service } from '../../domain/service.js';
import type { WorldTxn } from '../../domain/txn.js';
import { clusterFleet } from '../ec2/clusterFleet.js';
import { validateEc2Placement } from '../ec2/placementChoice.js';
import { chooseForScaleIn, type GroupTask } from '../placement/scaleIn.js';
import type { TaskView } from './reconcile.js';
import type { Bucketed } from './serviceTasks.js';

/**
 * The reconciler's scale-in order for service `s` on EC2 (undefined for a Fargate or daemon service, or when the
 * tasks cannot be read): the engine's choice among the candidates, newest first on ties.
 */
export function ec2ScaleInOrder(
  tx: WorldTxn,
  s: Service,
  tasksOf: () => ReadonlyMap<string, readonly Bucketed[]>,
): ((healthy: readonly TaskView[], n: number) => readonly TaskView[]) | undefined {
  if (!launchesOnInstances(s.launch) || s.schedulingStrategy === 'DAEMON') return undefined;
  return (candidates, n) => {
    const bySeq = new Map<number, Bucketed>();
    for (const list of tasksOf().values()) for (const b of list) bySeq.set(b.task.seq, b);
    const td = s.deployments[0] === undefined ? undefined : tx.table('taskDefinitions').get(s.deployments[0].taskDefinitionKey);
    const placement = td === undefined ? undefined : validateEc2Placement(td, [], s.placementStrategy, []);
    const strategies = placement !== undefined && E.isRight(placement) ? placement.right.strategies : [];
    const cf = clusterFleet(tx, s.clusterName);
    const slotOf = new Map<string, string>();
    for (let i = 0; i < cf.instances.length; i++) slotOf.set(cf.instances[i]!.arn, cf.fleet.ids[i]!);
    // In `seq` order, so the engine's "newest first" tie-break is the newest task.
    const ordered = [...candidates].sort((a, b) => a.seq - b.seq);
    const group: GroupTask[] = [];
    const viewOf = new Map<string, TaskView>();
    for (const v of ordered) {
      const t = bySeq.get(v.seq)?.task;
      const p = t?.site.ec2;
      const instanceId = p === undefined ? undefined : slotOf.get(p.containerInstanceArn);
      if (t === undefined || p === undefined || instanceId === undefined) continue;
      group.push({ taskId: t.taskId, allocation: { instanceId, group: t.spec.group, cpu: p.cpu, memory: p.memory, enis: p.enis, tcpPorts: p.tcpPorts, udpPorts: p.udpPorts } });
      viewOf.set(t.taskId, v);
    }
    const chosen = chooseForScaleIn(cf.fleet, group, strategies, n, tx.rng('placement'));
    if (E.isLeft(chosen)) return [];
    return chosen.right.map((id) => viewOf.get(id)!);
  };
}
