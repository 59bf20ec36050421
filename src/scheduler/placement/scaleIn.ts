/**
 * Which tasks a scale-in stops, per placement strategy (reference §6.2 "scale-in choice", §4.8).
 *
 * - binpack(field): the task on the instance that will have the **most** remaining of the field after the stop;
 * - spread(field): the task at the value (instance or attribute value) with the **most** tasks of the group, so the
 *   spread stays balanced;
 * - random: a seeded uniform choice among the tasks tied on the earlier strategies.
 * Strategies chain lexicographically; final tie-break: the newest task (last in `tasks`: SIM RULE of §4.8).
 * Without strategies, ECS's default: balance Availability Zones, then the instance with the most tasks (§4.8).
 *
 * Each pick updates the remaining resources and counts it reads (locally: the fleet is not changed; release the
 * chosen tasks' allocations when they stop). Cost O(n × tasks): scale-in batches are small next to placement.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import type { Rng } from '../../domain/rng.js';
import type { Fleet } from './fleet.js';
import type { PlacementStrategy, TaskAllocation } from './types.js';

/** A running task of the group, with what it holds. */
export interface GroupTask {
  readonly taskId: string;
  readonly allocation: TaskAllocation;
}

const DEFAULT_SCALE_IN: readonly PlacementStrategy[] = [
  { type: 'spread', field: 'attribute:ecs.availability-zone' },
  { type: 'spread', field: 'instanceId' },
];

/**
 * The ids of `n` tasks to stop, in the order chosen. Errors: a task on an instance not in the fleet, or `n` not a
 * non-negative integer. Asking for more than there are returns them all.
 */
export function chooseForScaleIn(fleet: Fleet, tasks: readonly GroupTask[], strategies: readonly PlacementStrategy[], n: number, rng: Rng): E.Either<string, string[]> {
  if (!Number.isInteger(n) || n < 0) return E.left(`n must be a non-negative integer, got ${n}`);
  const chain = strategies.length > 0 ? strategies : DEFAULT_SCALE_IN;
  const inst: number[] = [];
  for (const [k, t] of tasks.entries()) {
    const i = fleet.indexOf(t.allocation.instanceId);
    if (i < 0) return E.left(`tasks[${k}] (${t.taskId}): instance ${t.allocation.instanceId} is not in the fleet`);
    inst.push(i);
  }
  // Local state: remaining resources and task counts per instance and per attribute value, as stops happen.
  const cpu = new Map<number, number>();
  const mem = new Map<number, number>();
  const perInstance = new Map<number, number>();
  const perValue = new Map<string, Map<string, number>>();
  const attrsOf = chain.flatMap((s) => (s.type === 'spread' && s.field.startsWith('attribute:') ? [s.field.slice(10)] : []));
  const valueOf = (i: number, a: string): string => fleet.attributes[i]!.get(a) ?? '';
  for (const a of attrsOf) perValue.set(a, new Map());
  for (const i of inst) {
    perInstance.set(i, (perInstance.get(i) ?? 0) + 1);
    for (const a of attrsOf) perValue.get(a)!.set(valueOf(i, a), (perValue.get(a)!.get(valueOf(i, a)) ?? 0) + 1);
  }
  const alive = tasks.map(() => true);
  const chosen: string[] = [];
  const score = (k: number, s: PlacementStrategy): number => {
    const i = inst[k]!;
    const t = tasks[k]!.allocation;
    if (s.type === 'binpack') return s.field === 'cpu' ? (cpu.get(i) ?? fleet.cpuRemaining[i]!) + t.cpu : (mem.get(i) ?? fleet.memoryRemaining[i]!) + t.memory;
    if (s.type === 'spread') return s.field === 'instanceId' || s.field === 'host' ? perInstance.get(i)! : perValue.get(s.field.slice(10))!.get(valueOf(i, s.field.slice(10)))!;
    return 0;
  };
  for (let pick = 0; pick < Math.min(n, tasks.length); pick++) {
    // Candidates narrowed strategy by strategy to those with the highest score (most to gain by stopping).
    let cands: number[] = [];
    for (let k = tasks.length - 1; k >= 0; k--) if (alive[k]) cands.push(k);
    for (const s of chain) {
      if (s.type === 'random') {
        cands = [cands[rng.int(cands.length)]!];
        break;
      }
      let best = -Infinity;
      for (const k of cands) best = Math.max(best, score(k, s));
      cands = cands.filter((k) => score(k, s) === best);
    }
    const k = cands[0]!; // newest first (cands were listed from the end)
    alive[k] = false;
    chosen.push(tasks[k]!.taskId);
    const i = inst[k]!;
    const t = tasks[k]!.allocation;
    cpu.set(i, (cpu.get(i) ?? fleet.cpuRemaining[i]!) + t.cpu);
    mem.set(i, (mem.get(i) ?? fleet.memoryRemaining[i]!) + t.memory);
    perInstance.set(i, perInstance.get(i)! - 1);
    for (const a of attrsOf) perValue.get(a)!.set(valueOf(i, a), perValue.get(a)!.get(valueOf(i, a))! - 1);
  }
  return E.right(chosen);
}
