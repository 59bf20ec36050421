/**
 * A cluster's container instances as the placement engine's {@link Fleet}: built from the instance ledgers
 * (`World.containerInstances`, kept by `instanceLedger.ts`) for one launch, so the engine sees exactly what is left
 * on every instance and which task groups run there.
 *
 * The fleet is a working copy owned by the launch (see the ownership rules in `placement/fleet.ts`): placing
 * mutates it, and what was placed is written back through the task store, never through the fleet.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { clusterInstancesPrefix, type ContainerInstance } from '../../domain/containerInstance.js';
import { compareStrings } from '../../domain/pmap.js';
import type { WorldTxn } from '../../domain/txn.js';
import { Fleet } from '../placement/fleet.js';
import { evaluateQuery, type QuerySubject } from '../placement/query/index.js';
import type { QueryExpr } from '../placement/query/ast.js';
import type { InstanceView, MemberOfConstraint } from '../placement/types.js';
import { allAttributes } from './capabilities.js';

/** A fleet and, per fleet index, the container instance it was built from. */
export interface ClusterFleet {
  readonly fleet: Fleet;
  /** `instances[i]` is the instance at fleet index `i`. */
  readonly instances: readonly ContainerInstance[];
}

const toNumbers = (ports: readonly string[]): number[] => ports.map(Number);

/**
 * The fleet of `clusterName`'s ACTIVE and DRAINING instances (deregistered ones can host nothing), in key order:
 * remaining CPU and memory, host ports in use, task groups and running-task counts as their ledgers say. With
 * `only`, just those instances (their `World.containerInstances` keys: StartTask's list).
 */
export function clusterFleet(tx: WorldTxn, clusterName: string, only?: ReadonlySet<string>): ClusterFleet {
  const prefix = clusterInstancesPrefix(clusterName);
  const fleet = new Fleet();
  const instances: ContainerInstance[] = [];
  const table = tx.table('containerInstances');
  // With a short list (StartTask's, at most 10), a seek per listed instance instead of a scan of the cluster.
  const rows: Iterable<readonly [string, ContainerInstance | undefined]> =
    only === undefined ? table.entries(prefix) : [...only].sort(compareStrings).map((key) => [key, table.get(key)] as const);
  for (const [key, ci] of rows) {
    if (!key.startsWith(prefix)) {
      if (only === undefined) break;
      continue;
    }
    if (ci === undefined || ci.status === 'INACTIVE') continue;
    const attributes: Record<string, string> = {};
    for (const a of allAttributes(ci.attributes)) attributes[a.name] = a.value ?? '';
    const added = fleet.addInstance({
      instanceId: ci.ec2InstanceId,
      containerInstanceArn: ci.arn,
      instanceType: attributes['ecs.instance-type'] ?? 'unknown',
      availabilityZone: attributes['ecs.availability-zone'] ?? '',
      status: ci.status,
      agentConnected: ci.agentConnected,
      registeredCpu: ci.registeredResources.cpu,
      registeredMemoryMiB: ci.registeredResources.memory,
      attributes,
      reservedTcpPorts: toNumbers(ci.remainingResources.ports),
      reservedUdpPorts: toNumbers(ci.remainingResources.portsUdp),
    });
    // Ledgers hold integers ≥ 0 and unique ids (the snapshot decoder checks them), so this cannot fail; an
    // instance it refused would simply not be a candidate.
    if (E.isLeft(added)) continue;
    const i = added.right;
    fleet.cpuRemaining[i] = ci.remainingResources.cpu;
    fleet.memoryRemaining[i] = ci.remainingResources.memory;
    fleet.runningTasks[i] = ci.runningTasksCount;
    for (const [group, n] of Object.entries(ci.taskGroups ?? {})) fleet.groupCountsOf(group)[i] = n;
    instances.push(ci);
  }
  return { fleet, instances };
}

/**
 * A validated `memberOf` constraint as the engine takes it: a predicate over the fleet's view of an instance,
 * reading the fields the view lacks (registration time, agent version, EC2 id) from the instance itself.
 */
export function memberOfConstraint(cf: ClusterFleet, expression: string, query: QueryExpr): MemberOfConstraint {
  const subjectOf = (view: InstanceView): QuerySubject => {
    const i = cf.fleet.indexOf(view.instanceId);
    // Views come from the fleet, whose every index has its instance.
    const ci = cf.instances[i]!;
    return {
      attributes: view.attributes,
      instanceId: view.instanceId,
      ec2InstanceId: ci.ec2InstanceId,
      registeredAt: ci.registeredAt,
      taskGroups: new Set(cf.fleet.groupsOn(i)),
      runningTasksCount: view.runningTasksCount,
      agentConnected: view.agentConnected,
      agentVersion: ci.versionInfo.agentVersion,
    };
  };
  return { type: 'memberOf', expression, predicate: (view) => evaluateQuery(query, subjectOf(view)), dependsOnTasks: readsTasks(query) };
}

/** Whether a query reads what runs on the instance (`task:group`, `runningTasksCount`), which placing changes. */
function readsTasks(q: QueryExpr): boolean {
  switch (q._tag) {
    case 'And':
    case 'Or':
      return readsTasks(q.left) || readsTasks(q.right);
    case 'Not':
      return readsTasks(q.expr);
    default:
      return q.subject._tag === 'Field' && (q.subject.field === 'task:group' || q.subject.field === 'runningTasksCount');
  }
}
