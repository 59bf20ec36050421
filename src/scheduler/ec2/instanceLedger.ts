/**
 * The container instance as a ledger of the EC2 tasks on it: `remainingResources` (CPU, memory, the host ports in
 * use), `pendingTasksCount`, `runningTasksCount` and the per-group task counts placement reads (`taskGroups`).
 * Kept by the task store (`taskStore.ts`), the one place every task change goes through, so an instance's books
 * can never disagree with its tasks: a launch takes the task's {@link Ec2Placement} from the instance and counts
 * it pending, RUNNING moves it to running, and STOPPED gives everything back (reference §6.5; the counts follow
 * the API reference: tasks in the PENDING and in the RUNNING status).
 *
 * A transaction copies an instance once, at its first change, and updates that private copy in place afterwards
 * (as the cluster counters do): a RunTask of ten tasks onto one instance copies it once. The instance's `version`
 * goes up once per transaction that changes it.
 *
 * @module
 */
import type { ContainerInstance, InstanceResources } from '../../domain/containerInstance.js';
import { counterClassOf, type Ec2Placement, type Task } from '../../domain/task.js';
import { TxnLocal, type WorldTxn } from '../../domain/txn.js';
import { noteInstanceChange } from './instanceEvents.js';

type MutableResources = { -readonly [K in keyof InstanceResources]: InstanceResources[K] };
type MutableInstance = Pick<ContainerInstance, 'autoScalingGroup'> & { -readonly [K in Exclude<keyof ContainerInstance, 'remainingResources' | 'taskGroups' | 'taskEnisInUse' | 'autoScalingGroup'>]: ContainerInstance[K] } & {
  taskEnisInUse?: number;
  remainingResources: MutableResources;
  taskGroups: Record<string, number>;
};

const ownInstances = new TxnLocal(() => new Map<string, MutableInstance>());

/**
 * Whether `ci` is this transaction's own, still-mutable copy of instance `key` (it may change again before the
 * transaction ends, in place): a cache must not take its identity as a version (`clusterFleet.ts`).
 */
export function isMutableInTxn(tx: WorldTxn, key: string, ci: ContainerInstance): boolean {
  return tx.local(ownInstances).get(key) === ci;
}

/** The transaction's own copy of instance `key` (made at its first change here), or undefined if it is gone. */
function writableInstance(tx: WorldTxn, key: string): MutableInstance | undefined {
  const table = tx.table('containerInstances');
  const current = table.get(key);
  if (current === undefined) return undefined;
  const mine = tx.local(ownInstances);
  const own = mine.get(key);
  if (own !== undefined && own === current) return own;
  const copy: MutableInstance = {
    ...current,
    version: current.version + 1,
    remainingResources: { ...current.remainingResources },
    taskGroups: { ...current.taskGroups },
  };
  mine.set(key, copy);
  table.set(key, copy);
  noteInstanceChange(tx, key);
  return copy;
}

const portStrings = (ports: readonly number[]): string[] => ports.map(String);

/**
 * `held` without one occurrence of each of `ports`, the last one: the list is the reserved ports then the tasks'
 * (in launch order), and a port may be in it twice — reserved by a re-registration while a task still holds it — so
 * a task gives back its own entry and the reservation stays.
 */
function withoutPorts(held: readonly string[], ports: readonly number[]): string[] {
  if (ports.length === 0) return held as string[];
  const out = [...held];
  for (const p of portStrings(ports)) {
    const i = out.lastIndexOf(p);
    if (i >= 0) out.splice(i, 1);
  }
  return out;
}

function hold(ci: MutableInstance, p: Ec2Placement, group: string): void {
  const r = ci.remainingResources;
  r.cpu -= p.cpu;
  r.memory -= p.memory;
  if (p.enis > 0) ci.taskEnisInUse = (ci.taskEnisInUse ?? 0) + p.enis;
  if (p.tcpPorts.length > 0) r.ports = [...r.ports, ...portStrings(p.tcpPorts)];
  if (p.udpPorts.length > 0) r.portsUdp = [...r.portsUdp, ...portStrings(p.udpPorts)];
  ci.taskGroups[group] = (ci.taskGroups[group] ?? 0) + 1;
}

function release(ci: MutableInstance, p: Ec2Placement, group: string): void {
  const r = ci.remainingResources;
  r.cpu += p.cpu;
  r.memory += p.memory;
  if (p.enis > 0) ci.taskEnisInUse = (ci.taskEnisInUse ?? 0) - p.enis;
  r.ports = withoutPorts(r.ports, p.tcpPorts);
  r.portsUdp = withoutPorts(r.portsUdp, p.udpPorts);
  const n = (ci.taskGroups[group] ?? 0) - 1;
  if (n > 0) ci.taskGroups[group] = n;
  else delete ci.taskGroups[group];
}

/** Books the new EC2 tasks of one launch on their instances: resources taken, counted pending (or running). */
export function onInstanceTasksLaunched(tx: WorldTxn, batch: readonly Task[]): void {
  for (const t of batch) {
    const p = t.site.ec2;
    if (p === undefined) continue;
    const ci = writableInstance(tx, p.instanceKey);
    if (ci === undefined) continue;
    hold(ci, p, t.spec.group);
    const c = counterClassOf(t.lastStatus);
    if (c === 'pending') ci.pendingTasksCount++;
    else if (c === 'running') ci.runningTasksCount++;
  }
}

/** Moves an EC2 task's counts on its instance when its status class changes; gives its resources back at STOPPED. */
export function onInstanceTaskChange(tx: WorldTxn, prev: Task, next: Task): void {
  const p = next.site.ec2;
  if (p === undefined) return;
  const before = counterClassOf(prev.lastStatus);
  const after = counterClassOf(next.lastStatus);
  if (before === after) return;
  const ci = writableInstance(tx, p.instanceKey);
  if (ci === undefined) return;
  if (before === 'pending') ci.pendingTasksCount--;
  else if (before === 'running') ci.runningTasksCount--;
  if (after === 'pending') ci.pendingTasksCount++;
  else if (after === 'running') ci.runningTasksCount++;
  if (after === 'stopped') release(ci, p, next.spec.group);
}

/**
 * `next`, a new registration of the instance `previous` (RegisterContainerInstance again, by ARN or EC2 instance
 * id), with `previous`'s ledger carried over: its tasks still hold what they held, so the new registered resources
 * less that hold are what remains, and the counts and task groups stay. Host ports held by tasks follow the
 * reserved ones in a ledger (`hold` appends them), so they are what `previous` has beyond its reserved ports.
 */
export function keepLedgerOf(previous: ContainerInstance, next: ContainerInstance): ContainerInstance {
  const before = previous.remainingResources;
  const reg = previous.registeredResources;
  const now = next.registeredResources;
  const remainingResources: InstanceResources = {
    cpu: now.cpu - (reg.cpu - before.cpu),
    memory: now.memory - (reg.memory - before.memory),
    ports: [...now.ports, ...before.ports.slice(reg.ports.length)],
    portsUdp: [...now.portsUdp, ...before.portsUdp.slice(reg.portsUdp.length)],
  };
  const kept = { ...next, remainingResources, runningTasksCount: previous.runningTasksCount, pendingTasksCount: previous.pendingTasksCount };
  const withGroups = previous.taskGroups === undefined ? kept : { ...kept, taskGroups: previous.taskGroups };
  return previous.taskEnisInUse === undefined ? withGroups : { ...withGroups, taskEnisInUse: previous.taskEnisInUse };
}
