/**
 * The service reconciler: given a service's tasks sorted into buckets at one instant, what to stop and what to
 * launch (reference §4.4, §5.2). Pure and capacity-blind, in the manner of Nomad's reconciler: it returns intent;
 * the pass (`servicePass.ts`) carries it out.
 *
 * One rolling step, in integer arithmetic (reference §5.2):
 * 1. tasks failing their health checks (past the grace period) are stopped, to be replaced;
 * 2. the PRIMARY deployment's tasks above `desiredCount` are stopped (scale-in: pending first, then tasks not yet
 *    healthy, then healthy ones from the Availability Zone with the most tasks, newest first);
 * 3. older deployments' tasks are stopped — pending and not-yet-healthy ones freely, healthy ones while the healthy
 *    count stays at or above `minHealthy = ceil(desired × min% / 100)`;
 * 4. the PRIMARY launches up to `desiredCount`, while RUNNING + PENDING of all deployments stays at or below
 *    `maxTasks = floor(desired × max% / 100)`.
 * When the PRIMARY has failed without a rollback, older deployments keep (and replace) their tasks instead: since
 * November 2025 a task that stops during a deployment is replaced with one of its own revision (reference §4.4).
 *
 * @module
 */
import { maxTasks, minHealthyTasks } from './rollingBounds.js';

/** A task of the service as the reconciler sees it. */
export interface TaskView {
  readonly seq: number;
  readonly availabilityZone: string;
  /** RUNNING (else PROVISIONING … ACTIVATING: pending). */
  readonly running: boolean;
  /** Counts as healthy for `minimumHealthyPercent` (reference §4.5). */
  readonly healthy: boolean;
  /** Fails its health checks past the grace period: to be replaced. */
  readonly unhealthy: boolean;
}

/** A deployment and its tasks (desired status RUNNING). */
export interface DeploymentTasks {
  readonly id: string;
  /** Tasks an older deployment keeps while the PRIMARY is failed without rollback (its `desiredCount`). */
  readonly keep: number;
  readonly tasks: readonly TaskView[];
}

/** What the reconciler is told. */
export interface ReconcileInput {
  readonly desiredCount: number;
  readonly minimumHealthyPercent: number;
  readonly maximumPercent: number;
  /** PRIMARY first, then older deployments, newest first. */
  readonly deployments: readonly DeploymentTasks[];
  /** The PRIMARY's rollout FAILED (the circuit breaker tripped without a rollback): it launches nothing. */
  readonly primaryFailed: boolean;
  /** Launches are held back (the back-off after tasks that failed to start). */
  readonly launchesHeld: boolean;
  /** An AZ rebalancing holds a surplus task on purpose: no scale-in of the PRIMARY (absent: false). */
  readonly holdScaleIn?: boolean;
  /**
   * Orders the PRIMARY's healthy tasks for a scale-in, when the placement says how (EC2 strategies:
   * `placement/scaleIn.ts`); absent: by Availability Zone balance ({@link pickForStop}). Pending and not-yet-healthy
   * tasks always go first.
   */
  readonly scaleInOrder?: (healthy: readonly TaskView[], n: number) => readonly TaskView[];
}

/** Why a task is stopped. */
export type StopKind = 'unhealthy' | 'pending' | 'running';

/** One task to stop. */
export interface StopIntent {
  readonly seq: number;
  readonly deploymentId: string;
  readonly kind: StopKind;
}

/** The reconciler's answer. */
export interface ReconcileIntent {
  readonly stops: readonly StopIntent[];
  /** Tasks to launch per deployment (only deployments with a positive count). */
  readonly launches: readonly { readonly deploymentId: string; readonly count: number }[];
  /**
   * The deployment cannot progress: nothing may be stopped and nothing started, yet the PRIMARY is short
   * (reference §5.2 "stuck configuration").
   */
  readonly stuck: boolean;
}

/**
 * Decides one rolling step.
 *
 * @example
 * ```ts
 * // desired 1, min 100 %, max 200 %: start 1 new task, keep the old one until the new one is healthy
 * reconcile({ desiredCount: 1, minimumHealthyPercent: 100, maximumPercent: 200, primaryFailed: false,
 *   launchesHeld: false, deployments: [{ id: 'new', keep: 0, tasks: [] }, { id: 'old', keep: 1, tasks: [old] }] });
 * // { stops: [], launches: [{ deploymentId: 'new', count: 1 }], stuck: false }
 * ```
 */
export function reconcile(input: ReconcileInput): ReconcileIntent {
  const desired = input.desiredCount;
  const minHealthy = minHealthyTasks(desired, input.minimumHealthyPercent);
  const cap = maxTasks(desired, input.maximumPercent);
  const stops: StopIntent[] = [];
  const stopped = new Set<number>();
  const stop = (t: TaskView, deploymentId: string, kind: StopKind): void => {
    stops.push({ seq: t.seq, deploymentId, kind });
    stopped.add(t.seq);
  };
  const live = (d: DeploymentTasks): TaskView[] => d.tasks.filter((t) => !stopped.has(t.seq));
  const zoneCounts = (): Map<string, number> => {
    const m = new Map<string, number>();
    for (const d of input.deployments) for (const t of live(d)) m.set(t.availabilityZone, (m.get(t.availabilityZone) ?? 0) + 1);
    return m;
  };

  // 1. Replace tasks failing their health checks.
  for (const d of input.deployments) for (const t of d.tasks) if (t.unhealthy) stop(t, d.id, 'unhealthy');

  const [primary, ...olds] = input.deployments;
  if (primary === undefined) return { stops, launches: [], stuck: false };

  // 2. Scale-in of the PRIMARY.
  const excess = input.holdScaleIn === true ? 0 : live(primary).length - desired;
  if (excess > 0 && input.scaleInOrder !== undefined) {
    const first = pickForStop(live(primary).filter((t) => !t.healthy), excess, zoneCounts());
    for (const t of first) stop(t, primary.id, kindOf(t));
    const rest = excess - first.length;
    if (rest > 0) for (const t of input.scaleInOrder(live(primary), rest)) stop(t, primary.id, kindOf(t));
  } else if (excess > 0) {
    for (const t of pickForStop(live(primary), excess, zoneCounts())) stop(t, primary.id, kindOf(t));
  }

  const keepOlds = input.primaryFailed;
  let healthy = input.deployments.reduce((n, d) => n + live(d).filter((t) => t.healthy).length, 0);
  if (!keepOlds) {
    // 3. Older deployments give way: pending and not-yet-healthy tasks at once, healthy ones down to minHealthy.
    for (const d of olds) {
      for (const t of live(d)) if (!t.healthy) stop(t, d.id, kindOf(t));
      const canStop = Math.max(0, healthy - minHealthy);
      const victims = pickForStop(live(d), canStop, zoneCounts());
      for (const t of victims) stop(t, d.id, 'running');
      healthy -= victims.length;
    }
  }

  // 4. Launches within maxTasks.
  let total = input.deployments.reduce((n, d) => n + live(d).length, 0);
  const launches: { deploymentId: string; count: number }[] = [];
  if (!input.launchesHeld) {
    const targets: Array<readonly [DeploymentTasks, number]> = keepOlds
      ? olds.map((d) => [d, d.keep] as const)
      : [[primary, desired] as const];
    for (const [d, target] of targets) {
      const count = Math.max(0, Math.min(target - live(d).length, cap - total));
      if (count > 0) {
        launches.push({ deploymentId: d.id, count });
        total += count;
      }
    }
  }
  const primaryShort = !keepOlds && live(primary).length < desired;
  // A PRIMARY task still starting (or not yet healthy) will let an old task go once healthy: that is waiting, not
  // a configuration that cannot progress.
  const waiting = live(primary).some((t) => !t.healthy);
  const stuck = olds.length > 0 && primaryShort && !waiting && stops.length === 0 && launches.length === 0 && !input.launchesHeld;
  return { stops, launches, stuck };
}

/** A deployment's tasks as counts (a service's roster, `serviceRoster.ts`). */
export interface DeploymentCounts {
  readonly id: string;
  readonly keep: number;
  /** Tasks (desired status RUNNING). */
  readonly live: number;
  /** … of which healthy. */
  readonly healthy: number;
  /** … of which failing their health checks. */
  readonly unhealthy: number;
}

/** {@link ReconcileInput} with counts instead of tasks. */
export interface ReconcileCountsInput extends Omit<ReconcileInput, 'deployments'> {
  readonly deployments: readonly DeploymentCounts[];
}

/**
 * {@link reconcile} decided from counts alone, when it stops no task: `undefined` when some task is to be stopped
 * (the pass then reads the tasks to pick which). A pass that only waits or launches — most passes — reads no task.
 * Equal to `reconcile` on any tasks with these counts (property-tested).
 */
export function reconcileCounts(input: ReconcileCountsInput): ReconcileIntent | undefined {
  const desired = input.desiredCount;
  const ds = input.deployments;
  if (ds.some((d) => d.unhealthy > 0)) return undefined;
  const [primary, ...olds] = ds;
  if (primary === undefined) return { stops: [], launches: [], stuck: false };
  if (input.holdScaleIn !== true && primary.live > desired) return undefined;
  const keepOlds = input.primaryFailed;
  if (!keepOlds) {
    const minHealthy = minHealthyTasks(desired, input.minimumHealthyPercent);
    const healthy = ds.reduce((n, d) => n + d.healthy, 0);
    for (const d of olds) if (d.live > d.healthy || (d.healthy > 0 && healthy > minHealthy)) return undefined;
  }
  const cap = maxTasks(desired, input.maximumPercent);
  let total = ds.reduce((n, d) => n + d.live, 0);
  const launches: { deploymentId: string; count: number }[] = [];
  if (!input.launchesHeld) {
    const targets: Array<readonly [DeploymentCounts, number]> = keepOlds ? olds.map((d) => [d, d.keep] as const) : [[primary, desired] as const];
    for (const [d, target] of targets) {
      const count = Math.max(0, Math.min(target - d.live, cap - total));
      if (count > 0) {
        launches.push({ deploymentId: d.id, count });
        total += count;
      }
    }
  }
  const primaryShort = !keepOlds && primary.live < desired;
  const waiting = primary.live > primary.healthy;
  const stuck = olds.length > 0 && primaryShort && !waiting && launches.length === 0 && !input.launchesHeld;
  return { stops: [], launches, stuck };
}

const kindOf = (t: TaskView): StopKind => (t.running ? 'running' : 'pending');

/**
 * `n` tasks to stop, in the order ECS picks them (reference §4.8): pending first, then RUNNING tasks that are not
 * healthy, then healthy ones — each time from the Availability Zone with the most tasks of the service, newest
 * task first (SIM RULE for determinism: ECS picks at random within the zone).
 */
export function pickForStop(tasks: readonly TaskView[], n: number, zoneCounts: Map<string, number>): TaskView[] {
  if (n <= 0 || tasks.length === 0) return [];
  // Candidates in buckets by (rank, zone), each newest first: a pick compares the heads of a few buckets instead of
  // scanning every candidate (a 1,000-task rollout stops hundreds of tasks per pass: O(n · k) was a quarter of a
  // plan's prediction). The choice is the same as scanning: lowest rank, then the fullest zone, then newest.
  const rank = (t: TaskView): number => (!t.running ? 0 : !t.healthy ? 1 : 2);
  const buckets: Array<Map<string, TaskView[]>> = [new Map(), new Map(), new Map()];
  for (const t of tasks) {
    const byZone = buckets[rank(t)]!;
    const list = byZone.get(t.availabilityZone);
    if (list) list.push(t);
    else byZone.set(t.availabilityZone, [t]);
  }
  const heads = buckets.map((byZone) => {
    const out: Array<{ zone: string; list: TaskView[]; next: number }> = [];
    for (const [zone, list] of byZone) out.push({ zone, list: list.sort((a, b) => b.seq - a.seq), next: 0 });
    return out;
  });
  const out: TaskView[] = [];
  for (let r = 0; r < heads.length && out.length < n; r++) {
    const zones = heads[r]!;
    while (out.length < n) {
      let best: (typeof zones)[number] | undefined;
      let bestCount = 0;
      for (const z of zones) {
        if (z.next >= z.list.length) continue;
        const count = zoneCounts.get(z.zone) ?? 0;
        if (best === undefined || count > bestCount || (count === bestCount && z.list[z.next]!.seq > best.list[best.next]!.seq)) {
          best = z;
          bestCount = count;
        }
      }
      if (best === undefined) break;
      const t = best.list[best.next++]!;
      out.push(t);
      zoneCounts.set(t.availabilityZone, (zoneCounts.get(t.availabilityZone) ?? 1) - 1);
    }
  }
  return out;
}
