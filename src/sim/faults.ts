/**
 * Fault injection and behaviour scripting: pure functions `(world, …) => { world, events }`, like `advance`.
 *
 * - {@link interruptSpotTasks}: Fargate Spot reclaims capacity. Each interrupted task gets the two-minute warning
 *   at once — one "ECS Task State Change" event with `desiredStatus: STOPPED`, `lastStatus: RUNNING`,
 *   `stopCode: SpotInterruption`, `stoppedReason: "Your Spot Task was interrupted."` (the current Developer
 *   Guide, "Amazon ECS clusters for Fargate" → "Fargate Spot termination notices"; reference §3.5 — an older copy
 *   of that page showed `TerminationNotice`, which ECS uses for task retirement) — and SIGTERM; it then stops on
 *   the virtual clock like any stopped task, well within the two minutes unless a container ignores SIGTERM for
 *   its whole `stopTimeout`.
 * - {@link injectCapacityShortage}: a capacity provider has no capacity in one Availability Zone for a window.
 *   New tasks avoid the zone; with no zone left RunTask reports `Capacity is unavailable at this time…` in
 *   `failures`; a task already PROVISIONING there stops with `TaskFailedToStart` and that reason.
 * - {@link setSubnetAvailability}: no new ENI can be created in a subnet. New tasks avoid it; one already
 *   PROVISIONING there (or with no other subnet) stops with `TaskFailedToStart`. Tasks holding an ENI keep it.
 * - {@link setBehaviors}: replaces the container behaviour rules (see `BehaviorRule`); they apply to decisions
 *   made from now on.
 *
 * Arguments are untrusted (they come from JavaScript callers and scenario files too): each function decodes them
 * with the codecs of `src/codecs/simInputs.ts`. Invalid arguments (a negative duration, an unknown subnet or
 * Availability Zone, a malformed rule) change nothing: the same World comes back, with `error` saying what is
 * wrong in the style of an ECS `InvalidParameterException`.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { REQUEST_LIMITS, readPlainInput, type InputLimits } from '../codecs/plainInput.js';
import { describeIssues, describeValue, hasKindMismatch } from '../codecs/reporter.js';
import {
  BehaviorRulesCodec,
  CapacityShortageOptionsCodec,
  SpotInterruptionOptionsCodec,
  SubnetAvailabilityCodec,
} from '../codecs/simInputs.js';
import { ecsError, invalidParameter, type EcsError } from '../domain/errors.js';
import { MAX_TIME_MS } from '../domain/time.js';
import type { EcsEvent } from '../domain/events.js';
import { taskArn } from '../domain/arn.js';
import { poolOf, seqOfTaskId, type Task } from '../domain/task.js';
import { WorldTxn } from '../domain/txn.js';
import { PMap, compareStrings } from '../domain/pmap.js';
import type { BehaviorRule, CapacityShortage, FaultState, World } from '../domain/world.js';
import { SPOT_INTERRUPTION_REASON, requestStop } from '../scheduler/lifecycle.js';
import { indexPrefix, indexRange, taskSeqOfIndexKey } from '../scheduler/taskIndex.js';

/** What a fault or rule change returns: the next World and the events it emitted. */
export interface SimResult {
  readonly world: World;
  readonly events: readonly EcsEvent[];
  /** Present when the arguments were invalid; then `world` is the World passed in, unchanged. */
  readonly error?: EcsError;
}

/** The World unchanged, with the reason. */
export const rejected = (world: World, error: EcsError): SimResult => ({ world, events: [], error });

/** Bounds of fault arguments (a rule list nests four levels: `[0].exitAfterMs.minMs`). */
const ARGUMENT_LIMITS: InputLimits = { maxDepth: 16, maxChars: REQUEST_LIMITS.maxChars };

/**
 * Decodes untrusted arguments: copies them within bounds (so hostile objects, cycles and BigInts are errors, not
 * exceptions), then decodes them exactly. `Left` is the ECS-style error naming each failing path under `root`
 * (`rules[0].exitAfterMs.minMs: expected a finite number ≥ 0, got "a"`): a value of the wrong JSON kind is a
 * `SerializationException`, any other problem an `InvalidParameterException`.
 */
export function decodeArgs<A>(codec: t.Decoder<unknown, A>, input: unknown, root: string): E.Either<EcsError, A> {
  const plain = readPlainInput(input, ARGUMENT_LIMITS, root);
  if (E.isLeft(plain)) return E.left(ecsError('SerializationException', plain.left.message));
  const r = codec.decode(plain.right);
  if (E.isRight(r)) return E.right(r.right);
  const message = `${describeIssues(r.left, root).join('; ')}.`;
  return E.left(ecsError(hasKindMismatch(r.left) ? 'SerializationException' : 'InvalidParameterException', message));
}

/** Which Spot tasks to interrupt. Every criterion given must hold. */
export interface SpotInterruptionOptions {
  /** Only tasks of this cluster (name). Default: every cluster. */
  readonly cluster?: string;
  /** Only tasks in this Availability Zone. */
  readonly availabilityZone?: string;
  /** Only these tasks (ids or task ARNs). */
  readonly tasks?: readonly string[];
  /**
   * At most this many, chosen at random from the candidates with the World's seeded `faults` stream (so the
   * same seed interrupts the same tasks). Default: all candidates.
   */
  readonly count?: number;
}

/** The result of a Spot interruption: also the ARNs of the tasks interrupted, in the order they were. */
export interface SpotInterruptionResult extends SimResult {
  readonly interrupted: readonly string[];
}

/**
 * Interrupts RUNNING Fargate Spot tasks (capacity provider FARGATE_SPOT, desired status RUNNING): the two-minute
 * warning event, SIGTERM, then the stop with `stopCode: SpotInterruption` and ECS's reason.
 *
 * @example
 * ```ts
 * const { world: next, events, interrupted } = interruptSpotTasks(world, { cluster: 'batch', count: 3 });
 * ```
 */
export function interruptSpotTasks(world: World, options: SpotInterruptionOptions = {}): SpotInterruptionResult {
  const decoded = decodeArgs(SpotInterruptionOptionsCodec, options, 'options');
  if (E.isLeft(decoded)) return { ...rejected(world, decoded.left), interrupted: [] };
  const opts = decoded.right;
  const tx = new WorldTxn(world);
  const tasks = tx.table('tasks');
  const candidates: Task[] = [];
  const eligible = (t: Task | undefined): t is Task =>
    t !== undefined &&
    poolOf(t) === 'FARGATE_SPOT' &&
    t.lastStatus === 'RUNNING' &&
    t.desiredStatus === 'RUNNING' &&
    (opts.cluster === undefined || t.spec.clusterName === opts.cluster) &&
    (opts.availabilityZone === undefined || t.site.availabilityZone === opts.availabilityZone);
  if (opts.tasks !== undefined) {
    // Named tasks are looked up one by one (a simulator interrupting a few tasks of a large fleet must not scan it),
    // then put in the order a scan gives — by cluster, then task — so the seeded choice is the same either way.
    const clusterOrder = new Map([...world.clusters.keys()].map((k, i) => [k, i] as const));
    const seen = new Set<number>();
    for (const ref of opts.tasks) {
      const seq = seqOfTaskId(ref.slice(ref.lastIndexOf('/') + 1));
      const t = seq === undefined ? undefined : tasks.get(seq);
      if (eligible(t) && !seen.has(t.seq)) {
        seen.add(t.seq);
        candidates.push(t);
      }
    }
    candidates.sort((a, b) => (clusterOrder.get(a.spec.clusterName) ?? 0) - (clusterOrder.get(b.spec.clusterName) ?? 0) || a.seq - b.seq);
  } else {
    const clusters = opts.cluster === undefined ? [...world.clusters.keys()] : [opts.cluster];
    for (const clusterName of clusters) {
      // Desired RUNNING tasks of the cluster, in key order: a deterministic candidate list.
      for (const k of indexRange(tx, indexPrefix('D', clusterName, 'RUNNING'))) {
        const t = tasks.get(taskSeqOfIndexKey(k));
        if (eligible(t)) candidates.push(t);
      }
    }
  }
  const chosen = chooseSome(tx, candidates, opts.count);
  const interrupted: string[] = [];
  for (const t of chosen) {
    requestStop(tx, t, 'SpotInterruption', SPOT_INTERRUPTION_REASON);
    interrupted.push(taskArn(world.config, t.spec.clusterName, t.taskId));
  }
  return { world: tx.commit(), events: tx.events, interrupted };
}

/** `count` of `items` chosen at random (partial Fisher–Yates on the `faults` stream), or all of them. */
export function chooseSome<T>(tx: WorldTxn, items: T[], count: number | undefined): T[] {
  if (count === undefined || count >= items.length) return items;
  const n = Number.isFinite(count) ? Math.max(0, Math.floor(count)) : 0;
  const rng = tx.rng('faults');
  const a = items.slice();
  for (let i = 0; i < n; i++) {
    const j = i + rng.int(a.length - i);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, n);
}

/** A capacity shortage to inject. */
export interface CapacityShortageOptions {
  readonly capacityProvider: 'FARGATE' | 'FARGATE_SPOT';
  readonly availabilityZone: string;
  /** Length of the window, ms (> 0). */
  readonly durationMs: number;
  /** Start of the window, epoch ms. Default: now. */
  readonly startMs?: number;
}

/**
 * Makes a capacity provider's capacity unavailable in one Availability Zone for a window of virtual time.
 * Windows that have ended are dropped from the World as new ones are added.
 *
 * @example
 * ```ts
 * const { world: next } = injectCapacityShortage(world, {
 *   capacityProvider: 'FARGATE_SPOT', availabilityZone: 'us-east-1a', durationMs: 15 * 60_000,
 * });
 * ```
 */
export function injectCapacityShortage(world: World, options: CapacityShortageOptions): SimResult {
  const decoded = decodeArgs(CapacityShortageOptionsCodec, options, 'options');
  if (E.isLeft(decoded)) return rejected(world, decoded.left);
  const opts = decoded.right;
  if (!world.config.network.subnets.some((s) => s.availabilityZone === opts.availabilityZone)) {
    return rejected(world, invalidParameter(`availabilityZone '${opts.availabilityZone}' has no subnet in this world's network.`));
  }
  const fromMs = opts.startMs ?? world.nowMs;
  // The window must end at an instant a Date can hold, like every time in the World.
  if (fromMs + opts.durationMs > MAX_TIME_MS) {
    return rejected(
      world,
      invalidParameter(`options.durationMs: the window from ${fromMs} ends after ${MAX_TIME_MS}, the largest time a Date can hold.`),
    );
  }
  const shortage: CapacityShortage = {
    capacityProvider: opts.capacityProvider,
    availabilityZone: opts.availabilityZone,
    fromMs,
    untilMs: fromMs + opts.durationMs,
  };
  const kept = world.faults.capacityShortages.filter((s) => s.untilMs > world.nowMs);
  return withFaults(world, { ...world.faults, capacityShortages: [...kept, shortage] });
}

/** Makes a subnet unavailable for new task ENIs (`available: false`), or available again. */
export function setSubnetAvailability(world: World, subnetId: string, available: boolean): SimResult {
  const decoded = decodeArgs(SubnetAvailabilityCodec, { subnetId, available }, '');
  if (E.isLeft(decoded)) return rejected(world, decoded.left);
  if (!world.config.network.subnets.some((s) => s.subnetId === subnetId)) {
    return rejected(world, invalidParameter(`subnetId ${describeValue(subnetId)} is not a subnet of this world's network.`));
  }
  const now = world.faults.unavailableSubnets;
  const has = now.includes(subnetId);
  if (available === !has) return { world, events: [] };
  const unavailableSubnets = available ? now.filter((s) => s !== subnetId) : [...now, subnetId];
  return withFaults(world, { ...world.faults, unavailableSubnets });
}

/**
 * Replaces the container behaviour rules. They apply to what is decided from now on (pulls not yet planned,
 * containers not yet started, stops not yet signalled); outcomes already scheduled stay.
 *
 * @example
 * ```ts
 * const { world: next } = setBehaviors(world, [{ match: { image: '*:v2' }, exitAfterMs: 30_000, exitCode: 1 }]);
 * ```
 */
export function setBehaviors(world: World, rules: readonly BehaviorRule[]): SimResult {
  const decoded = decodeArgs(BehaviorRulesCodec, rules, 'rules');
  if (E.isLeft(decoded)) return rejected(world, decoded.left);
  // The rosters' health instants follow from the rules (a target's failure time): the passes rebuild them.
  return { world: { ...world, behaviors: decoded.right as readonly BehaviorRule[], serviceRosters: PMap.empty(compareStrings) }, events: [] };
}

function withFaults(world: World, faults: FaultState): SimResult {
  return { world: { ...world, faults }, events: [] };
}
