/**
 * Keeps each service's roster (`World.serviceRosters`, `src/domain/serviceRoster.ts`): per deployment, its tasks with
 * desired status RUNNING counted as live, RUNNING, healthy and failing, per zone and per capacity provider, and the
 * health instants still to come. The task store calls {@link onRosterTaskChange} and {@link onRosterTasksLaunched}
 * for every change of a service task, so a scheduler pass reads counts brought forward to its instant — O(health
 * instants passed since) — instead of reading and classifying every task of the service (issue 8: a pass after
 * one stop was ~40 % reading the service's tasks; issue 10: passes were 60 % of a day-long simulation).
 *
 * The counts are exactly what `bucketTasks` (serviceTasks.ts) finds by reading the tasks: {@link rosterDrift} says
 * where they differ, and the service model test checks it after every command.
 *
 * @module
 */
import { instantLess, type DeploymentRoster, type HealthInstant, type ServiceRoster } from '../../domain/serviceRoster.js';
import type { Service } from '../../domain/service.js';
import type { Task } from '../../domain/task.js';
import { TxnLocal, type WorldTxn } from '../../domain/txn.js';
import { activeServiceTaskSeqs } from '../taskIndex.js';
import { taskHealthTimes } from './taskHealth.js';

/** The roster key of a task's deployment (`''`: a service task without one). */
const deploymentOf = (t: Task): string => t.spec.deploymentId ?? '';

/** The service's grace period in ms, as health instants use it. */
export const graceMsOf = (s: Service): number => (s.healthCheckGracePeriodSeconds ?? 0) * 1000;

/** Whether a task is one a pass sees (desired status RUNNING). */
const isLive = (t: Task): boolean => t.desiredStatus === 'RUNNING';
const isRunning = (t: Task): boolean => t.desiredStatus === 'RUNNING' && t.lastStatus === 'RUNNING';

/** A RUNNING task's health at `now` and its instants after `now`. */
interface Classified {
  readonly healthy: boolean;
  readonly unhealthy: boolean;
  readonly instants: readonly HealthInstant[];
}

const NOT_RUNNING: Classified = { healthy: false, unhealthy: false, instants: [] };

/** How a pass classifies a task at `now` (the rules of serviceTasks.ts), and its health instants still to come. */
function classify(tx: WorldTxn, t: Task, graceMs: number, now: number): Classified {
  if (!isRunning(t)) return NOT_RUNNING;
  const h = taskHealthTimes(tx, t, tx.table('taskDefinitions').get(t.spec.taskDefinitionKey), graceMs);
  const unhealthy = h.failingAtMs !== undefined && h.failingAtMs <= now;
  const healthy = !unhealthy && h.healthyAtMs !== undefined && h.healthyAtMs <= now;
  const instants: HealthInstant[] = [];
  const deploymentId = deploymentOf(t);
  if (h.healthyAtMs !== undefined && h.healthyAtMs > now) {
    instants.push({ atMs: h.healthyAtMs, seq: t.seq, deploymentId, kind: 'healthy', wasHealthy: false });
  }
  if (h.failingAtMs !== undefined && h.failingAtMs > now) {
    // taskHealthTimes drops a healthy instant at or after the failing one, so a task with both is healthy first.
    instants.push({ atMs: h.failingAtMs, seq: t.seq, deploymentId, kind: 'failing', wasHealthy: h.healthyAtMs !== undefined });
  }
  return { healthy, unhealthy, instants };
}

/**
 * Every deployment roster is made here, with its members in one order: records of one shape keep the property
 * reads and copies of the hot paths monomorphic (object spreads of mixed shapes cost ~1 µs each in a profile of
 * service creation).
 */
function counts(
  id: string,
  live: number,
  running: number,
  healthy: number,
  unhealthy: number,
  zones: Readonly<Record<string, number>>,
  providers: Readonly<Record<string, number>>,
): DeploymentRoster {
  return { id, live, running, healthy, unhealthy, zones, providers };
}

const NO_COUNTS: Readonly<Record<string, number>> = {};
const emptyCounts = (id: string): DeploymentRoster => counts(id, 0, 0, 0, 0, NO_COUNTS, NO_COUNTS);

const bump = (r: Readonly<Record<string, number>>, k: string | undefined, by: number): Readonly<Record<string, number>> =>
  k === undefined ? r : { ...r, [k]: (r[k] ?? 0) + by };

/** `d` with one task added (`by` 1) or removed (`by` −1). */
function withTask(d: DeploymentRoster, t: Task, c: Classified, by: 1 | -1): DeploymentRoster {
  return counts(
    d.id,
    d.live + by,
    d.running + (isRunning(t) ? by : 0),
    d.healthy + (c.healthy ? by : 0),
    d.unhealthy + (c.unhealthy ? by : 0),
    bump(d.zones, t.site.availabilityZone, by),
    bump(d.providers, t.site.capacityProviderName, by),
  );
}

/** `queue` with `more` inserted in order (new instants are mostly the latest: the insert is usually an append). */
function withInstants(queue: readonly HealthInstant[], more: readonly HealthInstant[]): readonly HealthInstant[] {
  if (more.length === 0) return queue;
  const last = queue[queue.length - 1];
  if (more.length === 1 && (last === undefined || instantLess(last, more[0]!))) return [...queue, more[0]!];
  const out = queue.slice();
  for (const x of more) {
    let i = out.length;
    while (i > 0 && instantLess(x, out[i - 1]!)) i--;
    out.splice(i, 0, x);
  }
  return out;
}

/** The roster with task `t` (as classified) added or removed. */
function rosterWith(r: ServiceRoster, t: Task, c: Classified, by: 1 | -1): ServiceRoster {
  const id = deploymentOf(t);
  const i = r.deployments.findIndex((d) => d.id === id);
  const deployments = r.deployments.slice();
  const updated = withTask(i < 0 ? emptyCounts(id) : r.deployments[i]!, t, c, by);
  if (i < 0) deployments.push(updated);
  // A deployment without live tasks leaves the roster (it has no health instant either): a service deployed a
  // thousand times keeps a roster of the deployments that still have tasks, not of every one it ever had.
  else if (updated.live === 0) deployments.splice(i, 1);
  else deployments[i] = updated;
  let queue = r.queue;
  if (by === 1) queue = withInstants(queue, c.instants);
  else if (c.instants.length > 0) queue = queue.filter((x) => x.seq !== t.seq);
  return { graceMs: r.graceMs, deployments, queue };
}

/** The roster brought forward to `now`: the health instants at or before it are applied. */
export function advanceRoster(r: ServiceRoster, now: number): ServiceRoster {
  const q = r.queue;
  if (q.length === 0 || q[0]!.atMs > now) return r;
  // The changes are summed per deployment first: one new record per deployment, not one per instant.
  const healthy = new Array<number>(r.deployments.length).fill(0);
  const unhealthy = new Array<number>(r.deployments.length).fill(0);
  let n = 0;
  while (n < q.length && q[n]!.atMs <= now) {
    const x = q[n++]!;
    const i = r.deployments.findIndex((d) => d.id === x.deploymentId);
    if (x.kind === 'healthy') healthy[i]!++;
    else {
      if (x.wasHealthy) healthy[i]!--;
      unhealthy[i]!++;
    }
  }
  const deployments = r.deployments.map((d, i) =>
    healthy[i] === 0 && unhealthy[i] === 0 ? d : counts(d.id, d.live, d.running, d.healthy + healthy[i]!, d.unhealthy + unhealthy[i]!, d.zones, d.providers),
  );
  return { graceMs: r.graceMs, deployments, queue: q.slice(n) };
}

/** The roster built by reading the service's tasks (when it has none yet, or it is out of date). */
export function scanRoster(tx: WorldTxn, s: Service): ServiceRoster {
  const graceMs = graceMsOf(s);
  const now = tx.nowMs;
  const tasks = tx.table('tasks');
  const seqs = activeServiceTaskSeqs(tx, s.clusterName, s.serviceName);
  const found = tasks.getMany(seqs);
  // A Map keeps each deployment where its first task put it.
  const byId = new Map<string, DeploymentRoster>();
  const instants: HealthInstant[] = [];
  for (const t of found) {
    if (t === undefined || t.spec.serviceKey !== s.key || !isLive(t)) continue;
    const c = classify(tx, t, graceMs, now);
    const id = deploymentOf(t);
    byId.set(id, withTask(byId.get(id) ?? emptyCounts(id), t, c, 1));
    instants.push(...c.instants);
  }
  instants.sort((a, b) => (instantLess(a, b) ? -1 : instantLess(b, a) ? 1 : 0));
  return { graceMs, deployments: [...byId.values()], queue: instants };
}

/**
 * The rosters a transaction has read or written, by service key (`null`: none), written to `World.serviceRosters`
 * once per service at commit: a launch of 100,000 service tasks changes each service's roster a few hundred times,
 * and a table write (a string-keyed tree descent and path copy) per change was half of the task store's work for
 * a service task. Every read and write of the table goes through {@link readRoster} and {@link writeRoster}.
 */
interface TxnRosters {
  readonly byKey: Map<string, ServiceRoster | null>;
  readonly dirty: Set<string>;
  flushAtCommit: boolean;
}

const txnRosters = new TxnLocal<TxnRosters>(() => ({ byKey: new Map(), dirty: new Set(), flushAtCommit: false }));

function readRoster(tx: WorldTxn, key: string): ServiceRoster | undefined {
  const mine = tx.local(txnRosters);
  const cached = mine.byKey.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const stored = tx.table('serviceRosters').get(key);
  mine.byKey.set(key, stored ?? null);
  return stored;
}

function writeRoster(tx: WorldTxn, key: string, r: ServiceRoster | undefined): void {
  const mine = tx.local(txnRosters);
  mine.byKey.set(key, r ?? null);
  mine.dirty.add(key);
  if (!mine.flushAtCommit) {
    mine.flushAtCommit = true;
    tx.beforeCommit(() => flushRosters(tx));
  }
}

function flushRosters(tx: WorldTxn): void {
  const mine = tx.local(txnRosters);
  const table = tx.table('serviceRosters');
  for (const key of mine.dirty) {
    const r = mine.byKey.get(key);
    if (r !== null && r !== undefined) table.set(key, r);
    else if (table.get(key) !== undefined) table.delete(key);
  }
  mine.dirty.clear();
}

/**
 * The service's roster at the transaction's instant, kept in the World: the stored one brought forward, or one
 * built from its tasks when there is none or its grace period is no longer the service's.
 */
export function rosterOf(tx: WorldTxn, s: Service): ServiceRoster {
  const stored = readRoster(tx, s.key);
  const r = stored === undefined || stored.graceMs !== graceMsOf(s) ? scanRoster(tx, s) : advanceRoster(stored, tx.nowMs);
  if (r !== stored) writeRoster(tx, s.key, r);
  return r;
}

/**
 * The service's roster for reading its live and RUNNING counts, without keeping it: the stored one (those counts do
 * not depend on the instant), or one built from its tasks. A read-only request leaves the World as it was.
 */
export function peekRoster(tx: WorldTxn, s: Service): ServiceRoster {
  return readRoster(tx, s.key) ?? scanRoster(tx, s);
}

/** Gives a new service (no task yet) its empty roster. */
export function startRoster(tx: WorldTxn, s: Service): void {
  writeRoster(tx, s.key, { graceMs: graceMsOf(s), deployments: [], queue: [] });
}

/** Forgets a service's roster (a new service of that name, or one gone INACTIVE): the next pass rebuilds it. */
export function forgetRoster(tx: WorldTxn, key: string): void {
  if (readRoster(tx, key) !== undefined) writeRoster(tx, key, undefined);
}

/**
 * Called by the task store (`putTask`) for every change of a service task: the roster follows the task when it
 * stops being live (desired status no longer RUNNING), reaches RUNNING, or its health inputs change.
 */
export function onRosterTaskChange(tx: WorldTxn, prev: Task, next: Task): void {
  const key = next.spec.serviceKey!;
  const wasLive = isLive(prev);
  const live = isLive(next);
  if (!wasLive && !live) return;
  const wasRunning = isRunning(prev);
  const running = isRunning(next);
  if (wasLive === live && wasRunning === running && (!running || (prev.containers === next.containers && prev.startedAt === next.startedAt))) return;
  const stored = readRoster(tx, key);
  if (stored === undefined) return;
  const now = tx.nowMs;
  let r = advanceRoster(stored, now);
  if (wasLive && live) r = rosterReclassified(r, prev, classify(tx, prev, r.graceMs, now), next, classify(tx, next, r.graceMs, now));
  else if (wasLive) r = rosterWith(r, prev, classify(tx, prev, r.graceMs, now), -1);
  else r = rosterWith(r, next, classify(tx, next, r.graceMs, now), 1);
  writeRoster(tx, key, r);
}

/**
 * The roster with a live task that stays live but changed how it counts (it reached RUNNING, or its health
 * inputs changed): its zone, capacity provider and deployment cannot change, so only the RUNNING and health counts
 * and its health instants move — the common case of every task's start, kept to one new deployment record.
 */
function rosterReclassified(r: ServiceRoster, prev: Task, was: Classified, next: Task, now: Classified): ServiceRoster {
  const id = deploymentOf(next);
  const i = r.deployments.findIndex((d) => d.id === id);
  const d = r.deployments[i]!;
  const deployments = r.deployments.slice();
  deployments[i] = counts(
    d.id,
    d.live,
    d.running + (isRunning(next) ? 1 : 0) - (isRunning(prev) ? 1 : 0),
    d.healthy + (now.healthy ? 1 : 0) - (was.healthy ? 1 : 0),
    d.unhealthy + (now.unhealthy ? 1 : 0) - (was.unhealthy ? 1 : 0),
    d.zones,
    d.providers,
  );
  let queue = was.instants.length > 0 ? r.queue.filter((x) => x.seq !== prev.seq) : r.queue;
  queue = withInstants(queue, now.instants);
  return { graceMs: r.graceMs, deployments, queue };
}

/** Called by the task store for the new tasks of one launch of a service (one spec: one service, one deployment). */
export function onRosterTasksLaunched(tx: WorldTxn, batch: readonly Task[]): void {
  const key = batch[0]!.spec.serviceKey!;
  const stored = readRoster(tx, key);
  if (stored === undefined) return;
  let r = advanceRoster(stored, tx.nowMs);
  for (const t of batch) if (isLive(t)) r = rosterWith(r, t, classify(tx, t, r.graceMs, tx.nowMs), 1);
  writeRoster(tx, key, r);
}

/** The counts of deployment `id` in `r` (zero when it has no task). */
export function countsOf(r: ServiceRoster, id: string): DeploymentRoster {
  return r.deployments.find((d) => d.id === id) ?? emptyCounts(id);
}

/**
 * Where the stored roster of `s`, brought forward to now, differs from the one its tasks give (`undefined`: it
 * does not, or there is none stored). For tests: the counts must never drift from the tasks.
 */
export function rosterDrift(tx: WorldTxn, s: Service): string | undefined {
  const stored = readRoster(tx, s.key);
  if (stored === undefined) return undefined;
  const kept = normalised(advanceRoster(stored, tx.nowMs));
  const scanned = normalised(scanRoster(tx, s));
  return kept === scanned ? undefined : `kept ${kept}\nscan ${scanned}`;
}

function normalised(r: ServiceRoster): string {
  const clean = (x: Readonly<Record<string, number>>): Record<string, number> =>
    Object.fromEntries(Object.entries(x).filter(([, n]) => n !== 0).sort(([a], [b]) => (a < b ? -1 : 1)));
  const deployments = r.deployments
    .filter((d) => d.live !== 0 || d.running !== 0 || d.healthy !== 0 || d.unhealthy !== 0)
    .map((d) => ({ ...d, zones: clean(d.zones), providers: clean(d.providers) }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  return JSON.stringify({ graceMs: r.graceMs, deployments, queue: r.queue });
}
