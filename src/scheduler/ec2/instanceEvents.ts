/**
 * "ECS Container Instance State Change" events (reference §12; Developer Guide, "Amazon ECS container instance state
 * change events": placing or stopping tasks, which changes the instance's remaining resources; registration,
 * deregistration; the agent connecting or disconnecting; …). The `detail` is the instance as DescribeContainerInstances
 * shows it, with `clusterArn` and `updatedAt`, members in the order of the Developer Guide's sample.
 *
 * One event per instance per transaction, with its state at commit: a RunTask of ten tasks onto one instance is one
 * change of its resources, as the instance's `version` counts it (`instanceLedger.ts`). Instances registered by the
 * World configuration before time starts announce nothing (and draw nothing: worlds with and without fleets number
 * their tasks alike).
 *
 * @module
 */
import { clusterArn } from '../../domain/arn.js';
import type { ContainerInstance, InstanceResources } from '../../domain/containerInstance.js';
import type { EcsEvent } from '../../domain/events.js';
import { toIsoSeconds, toIsoTrimmed } from '../../domain/time.js';
import { TxnLocal, type WorldTxn } from '../../domain/txn.js';
import { eventUuid } from '../taskEvents.js';
import { allAttributes } from './capabilities.js';

/** Keys of the instances changed in this transaction, in order of first change. */
const changed = new TxnLocal(() => ({ keys: new Set<string>() }));

/** Records that instance `key` changed in this transaction; its event goes out at commit. */
export function noteInstanceChange(tx: WorldTxn, key: string): void {
  const c = tx.local(changed);
  if (c.keys.size === 0) tx.beforeCommit(() => emitAll(tx, c.keys));
  c.keys.add(key);
}

function emitAll(tx: WorldTxn, keys: ReadonlySet<string>): void {
  const table = tx.table('containerInstances');
  for (const key of keys) {
    const ci = table.get(key);
    if (ci !== undefined) tx.emit(instanceEvent(tx, ci));
  }
}

const resources = (r: InstanceResources): Array<Record<string, unknown>> => [
  { name: 'CPU', type: 'INTEGER', integerValue: r.cpu },
  { name: 'MEMORY', type: 'INTEGER', integerValue: r.memory },
  { name: 'PORTS', type: 'STRINGSET', stringSetValue: [...r.ports] },
  { name: 'PORTS_UDP', type: 'STRINGSET', stringSetValue: [...r.portsUdp] },
];

/** The event of `ci`'s state now. */
function instanceEvent(tx: WorldTxn, ci: ContainerInstance): EcsEvent {
  return {
    version: '0',
    id: eventUuid(tx.config.seed, tx.nextSeq()),
    'detail-type': 'ECS Container Instance State Change',
    source: 'aws.ecs',
    account: tx.config.accountId,
    time: toIsoSeconds(tx.nowMs),
    region: tx.config.region,
    resources: [ci.arn],
    detail: {
      agentConnected: ci.agentConnected,
      attributes: allAttributes(ci.attributes).map((a) => (a.value === undefined ? { name: a.name } : { name: a.name, value: a.value })),
      clusterArn: clusterArn(tx.config, ci.cluster),
      containerInstanceArn: ci.arn,
      ec2InstanceId: ci.ec2InstanceId,
      pendingTasksCount: ci.pendingTasksCount,
      registeredAt: toIsoTrimmed(ci.registeredAt),
      registeredResources: resources(ci.registeredResources),
      remainingResources: resources(ci.remainingResources),
      runningTasksCount: ci.runningTasksCount,
      status: ci.status,
      version: ci.version,
      versionInfo: { ...ci.versionInfo },
      updatedAt: toIsoTrimmed(tx.nowMs),
    },
  };
}
