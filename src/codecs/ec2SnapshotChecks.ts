/**
 * What a World snapshot's EC2 tasks imply, checked (or rebuilt) when the snapshot is read: the container instances'
 * ledgers (`src/scheduler/ec2/instanceLedger.ts`) and the ListTasks index by container instance (the `I` ranges of
 * `src/scheduler/taskIndex.ts`). Both are derived from the tasks; a snapshot is untrusted text, so an edited one must
 * not decode into a World whose books disagree with its tasks — placement would over-commit an instance, or refuse
 * one that is free, for ever after.
 *
 * - Ledgers: for every instance, `remainingResources` is `registeredResources` less what its EC2 tasks not yet
 *   STOPPED hold (CPU, memory; host ports appended in task order, as the ledger appends them), the pending and running
 *   counts are those tasks' statuses, and `taskGroups` counts them per group (absent `taskGroups` — snapshots written
 *   before EC2 tasks — reads as none).
 * - Index: a snapshot without any `I` range (written before the index had them) gets them built from its tasks; a
 *   snapshot with some must hold exactly those its tasks imply.
 *
 * O(tasks + instances): one pass over the tasks table.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import type { ContainerInstance } from '../domain/containerInstance.js';
import { PMap, compareNumbers } from '../domain/pmap.js';
import { counterClassOf, type Task } from '../domain/task.js';
import { instanceRangeOf } from '../domain/instanceTaskRange.js';

type TaskIndex = PMap<string, PMap<number, true>>;

/** What the live (not STOPPED) EC2 tasks of one instance hold, in task order. */
interface Held {
  cpu: number;
  memory: number;
  ports: string[];
  portsUdp: string[];
  pending: number;
  running: number;
  groups: Map<string, number>;
  enis: number;
  tasks: number;
}

const newHeld = (): Held => ({ cpu: 0, memory: 0, ports: [], portsUdp: [], pending: 0, running: 0, groups: new Map(), enis: 0, tasks: 0 });

/** The first difference between two port lists, described, or undefined when they are equal. */
function portsDiffer(actual: readonly string[], expected: readonly string[]): string | undefined {
  if (actual.length === expected.length && actual.every((p, i) => p === expected[i])) return undefined;
  return `is ${JSON.stringify(actual)}, but its registered ports and its tasks' give ${JSON.stringify(expected)}`;
}

/** The first field of `ci`'s ledger that disagrees with `held`, described, or undefined. */
function ledgerProblem(ci: ContainerInstance, held: Held): string | undefined {
  const reg = ci.registeredResources;
  const rem = ci.remainingResources;
  const leave = (registered: number, taken: number): string =>
    `registered ${registered} less ${taken} held by its ${held.tasks} task(s) not STOPPED leave ${registered - taken}`;
  if (rem.cpu !== reg.cpu - held.cpu) return `remainingResources.cpu is ${rem.cpu}, but ${leave(reg.cpu, held.cpu)}`;
  if (rem.memory !== reg.memory - held.memory) return `remainingResources.memory is ${rem.memory}, but ${leave(reg.memory, held.memory)}`;
  const tcp = portsDiffer(rem.ports, [...reg.ports, ...held.ports]);
  if (tcp !== undefined) return `remainingResources.ports ${tcp}`;
  const udp = portsDiffer(rem.portsUdp, [...reg.portsUdp, ...held.portsUdp]);
  if (udp !== undefined) return `remainingResources.portsUdp ${udp}`;
  if (ci.pendingTasksCount !== held.pending) return `pendingTasksCount is ${ci.pendingTasksCount}, but ${held.pending} of its tasks are pending`;
  if (ci.runningTasksCount !== held.running) return `runningTasksCount is ${ci.runningTasksCount}, but ${held.running} of its tasks are RUNNING`;
  if ((ci.taskEnisInUse ?? 0) !== held.enis) return `taskEnisInUse is ${ci.taskEnisInUse ?? 0}, but its tasks hold ${held.enis} task ENI(s)`;
  const groups = ci.taskGroups ?? {};
  for (const [group, n] of Object.entries(groups)) {
    if (held.groups.get(group) !== n) return `taskGroups['${group}'] is ${n}, but ${held.groups.get(group) ?? 0} of its tasks are in that group`;
  }
  for (const [group, n] of held.groups) {
    if (!Object.hasOwn(groups, group)) return `taskGroups['${group}'] is missing, but ${n} of its tasks are in that group`;
  }
  return undefined;
}

/**
 * Checks the ledgers of `instances` against `tasks` and completes or checks the `I` ranges of `taskIndex`.
 *
 * @returns Left: what is wrong (a sentence naming the instance or range and the field); Right: the task index,
 * with the `I` ranges built when the snapshot had none
 */
export function checkEc2Books(
  tasks: PMap<number, Task>,
  instances: PMap<string, ContainerInstance>,
  taskIndex: TaskIndex,
  at: string,
): E.Either<string, TaskIndex> {
  const held = new Map<string, Held>();
  const ranges = new Map<string, number[]>();
  for (const t of tasks.values()) {
    const p = t.site.ec2;
    if (p === undefined) continue;
    if (!instances.has(p.instanceKey)) {
      return E.left(`${at}.tasks: task ${t.taskId} runs on container instance ${p.containerInstanceArn}, which the snapshot does not hold.`);
    }
    // Tasks come in seq order, so each range's seqs are increasing.
    const range = instanceRangeOf(t)!;
    const seqs = ranges.get(range);
    if (seqs === undefined) ranges.set(range, [t.seq]);
    else seqs.push(t.seq);
    const c = counterClassOf(t.lastStatus);
    if (c === 'stopped') continue;
    let h = held.get(p.instanceKey);
    if (h === undefined) {
      h = newHeld();
      held.set(p.instanceKey, h);
    }
    h.tasks++;
    h.cpu += p.cpu;
    h.memory += p.memory;
    h.enis += p.enis;
    for (const port of p.tcpPorts) h.ports.push(String(port));
    for (const port of p.udpPorts) h.portsUdp.push(String(port));
    if (c === 'pending') h.pending++;
    else if (c === 'running') h.running++;
    h.groups.set(t.spec.group, (h.groups.get(t.spec.group) ?? 0) + 1);
  }
  const none = newHeld();
  for (const [key, ci] of instances.entries()) {
    const problem = ledgerProblem(ci, held.get(key) ?? none);
    if (problem !== undefined) return E.left(`${at}.containerInstances: container instance ${ci.arn}: ${problem}.`);
  }
  return instanceIndex(taskIndex, ranges, `${at}.taskIndex`);
}

/** The `I` ranges of `taskIndex` checked against `expected`, or built from it when the snapshot has none. */
function instanceIndex(
  taskIndex: TaskIndex,
  expected: ReadonlyMap<string, readonly number[]>,
  at: string,
): E.Either<string, TaskIndex> {
  const present: Array<[string, PMap<number, true>]> = [];
  for (const [range, seqs] of taskIndex.entries('I')) {
    if (!range.startsWith('I')) break;
    present.push([range, seqs]);
  }
  if (present.length === 0) {
    if (expected.size === 0) return E.right(taskIndex);
    const built = taskIndex.edit((draft) => {
      for (const [range, seqs] of expected) draft.set(range, PMap.fromSorted(compareNumbers, seqs, seqs.map(() => true as const)));
    });
    return E.right(built);
  }
  const shown = (range: string): string => JSON.stringify(range.replaceAll('\u0000', '␀'));
  for (const [range, seqs] of present) {
    const want = expected.get(range);
    const have = [...seqs.keys()];
    if (want === undefined || want.length !== have.length || want.some((s, i) => s !== have[i])) {
      return E.left(`${at}: range ${shown(range)} lists tasks ${JSON.stringify(have)}, but the tasks imply ${JSON.stringify(want ?? [])}.`);
    }
  }
  for (const range of expected.keys()) {
    if (!taskIndex.has(range)) return E.left(`${at}: range ${shown(range)} is missing, but tasks run on that container instance.`);
  }
  return E.right(taskIndex);
}
