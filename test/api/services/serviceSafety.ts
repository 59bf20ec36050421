// The safety properties of the service scheduler, checked on the World before and after every instant of a
// generated scenario (properties.test.ts): maxTasks binds the scheduler's launches, its own stops keep minHealthy
// healthy tasks, the breaker fails a rollout only for that rollout's failures, "stuck" is said only of a stuck
// configuration, the deployments' task counters equal a recount, and every live task belongs to a deployment
// (reference §4.5, §5.2, §5.5). Not a test file.
import { expect } from 'vitest';
import { type Task, taskMsOpt } from '../../../src/domain/task.js';
import { WorldTxn } from '../../../src/domain/txn.js';
import type { World } from '../../../src/domain/world.js';
import { rosterDrift } from '../../../src/scheduler/service/serviceRoster.js';
import { capOf, floorOf, isHealthy, isStuckConfig, serviceOf, tasksOf, type InstantCheck } from './serviceWorld.js';

/** How often the safety checks met their bound exactly: the properties are not vacuous (asserted below). */
export const reached = { maxTasks: 0, minHealthy: 0, liveness: 0, determinism: 0 };

/** Whether a stopped task counts as a failure for the circuit breaker (reference §5.5; TREY capture). */
const isFailure = (t: Task): boolean =>
  t.stop?.stopCode === 'TaskFailedToStart' ||
  t.stop?.stopCode === 'EssentialContainerExited' ||
  (t.stop?.stopCode === 'ServiceSchedulerInitiated' && t.stop?.stoppedReason === 'Task failed container health checks');

/** `clamp(ceil(desired × 50 / 100), 3, 200)`: the default threshold (reference §5.5), written out again. */
const defaultThreshold = (desired: number): number => Math.min(200, Math.max(3, Math.ceil(desired / 2)));

/**
 * The safety properties, checked on the World before and after one instant. The checker remembers since when each
 * deployment has been rolling out as PRIMARY (one checker per scenario).
 */
export function safetyCheck(): InstantCheck {
  const rollingSince = new Map<string, number>();
  const seen = new Set<string>();
  return (before, after) => {
    checkInstant(before, after);
    checkBreaker(after, rollingSince, seen);
  };
}

/**
 * The circuit breaker fails a rollout only for failures of that rollout: at least the threshold of the deployment's
 * tasks failed since it last became an IN_PROGRESS PRIMARY (created, or re-promoted by a rollback).
 */
function checkBreaker(w: World, rollingSince: Map<string, number>, seen: Set<string>): void {
  const s = serviceOf(w, 'web');
  const primary = s.deployments[0];
  if (primary === undefined) return;
  if (primary.rolloutState === 'IN_PROGRESS') {
    // A deployment seen before was re-promoted by a rollback at this very instant (every instant is checked).
    if (!rollingSince.has(primary.id)) rollingSince.set(primary.id, seen.has(primary.id) ? w.nowMs : primary.createdAtMs);
  } else if (rollingSince.has(primary.id)) {
    const since = rollingSince.get(primary.id)!;
    rollingSince.delete(primary.id);
    if (primary.rolloutState !== 'FAILED') return;
    const failures = tasksOf(w, s).filter((t) => t.spec.deploymentId === primary.id && isFailure(t) && (taskMsOpt(t, t.stop?.stoppedAt) ?? taskMsOpt(t, t.stop?.stoppingAt) ?? w.nowMs) >= since).length;
    expect(failures, `The breaker failed deployment ${primary.id} after ${failures} failures of its rollout since ${new Date(since).toISOString()}, below the threshold ${defaultThreshold(s.desiredCount)}.`).toBeGreaterThanOrEqual(defaultThreshold(s.desiredCount));
  }
  for (const d of s.deployments) {
    seen.add(d.id);
    if (d !== primary) rollingSince.delete(d.id);
  }
}

/** The safety properties of one instant (see the header). */
function checkInstant(before: World, after: World): void {
  const s = serviceOf(after, 'web');
  const now = after.nowMs;
  const graceMs = (s.healthCheckGracePeriodSeconds ?? 0) * 1000;
  const pre = new Map(tasksOf(before, s).map((t) => [t.seq, t]));
  const post = tasksOf(after, s);
  const wanting = post.filter((t) => t.desiredStatus === 'RUNNING');
  const at = `at ${new Date(now).toISOString()} (desired ${s.desiredCount}, min ${s.deploymentConfiguration.minimumHealthyPercent} %, max ${s.deploymentConfiguration.maximumPercent} %)`;
  // The counts the scheduler decides from (its roster) are what the tasks say, at every instant.
  expect(rosterDrift(new WorldTxn(after), s), `The service's roster matches its tasks ${at}.`).toBeUndefined();

  // maxTasks (reference §5.2): it caps RUNNING + PENDING of all deployments; a lower desiredCount may leave more
  // until the next pass, so the cap binds the scheduler's launches.
  const launched = post.filter((t) => !pre.has(t.seq));
  if (launched.length > 0) {
    if (wanting.length === capOf(s)) reached.maxTasks++;
    expect(wanting.length, `The scheduler launched ${launched.length} tasks and brought running + pending to ${wanting.length}, above maxTasks ${capOf(s)}, ${at}.`).toBeLessThanOrEqual(capOf(s));
  }

  // minHealthy: the scheduler's own stops ("Scaling activity initiated by …") leave at least minHealthy healthy
  // tasks — counting the healthy tasks lost at the same instant for other reasons (a crash, a Spot interruption).
  let stoppedHealthy = 0;
  let lostOtherwise = 0;
  for (const t of post) {
    const p = pre.get(t.seq);
    if (p === undefined || p.desiredStatus !== 'RUNNING' || !isHealthy(before, p, graceMs, now)) continue;
    if (t.desiredStatus === 'RUNNING' && isHealthy(after, t, graceMs, now)) continue;
    if (t.stop?.stopCode === 'ServiceSchedulerInitiated' && t.stop?.stoppedReason?.startsWith('Scaling activity') === true) stoppedHealthy++;
    else lostOtherwise++;
  }
  if (stoppedHealthy > 0 && s.status === 'ACTIVE') {
    const healthy = wanting.filter((t) => isHealthy(after, t, graceMs, now)).length;
    if (healthy + lostOtherwise === floorOf(s)) reached.minHealthy++;
    expect(healthy + lostOtherwise, `The scheduler stopped ${stoppedHealthy} healthy tasks and left ${healthy} healthy, below minHealthy ${floorOf(s)}, ${at}.`).toBeGreaterThanOrEqual(floorOf(s));
  }

  // The scheduler calls a deployment stuck only when its configuration can neither stop nor start a task (reference
  // §5.2), not while new tasks are still starting.
  const known = new Set(serviceOf(before, 'web').events.map((e) => e.id));
  for (const e of s.events) {
    if (known.has(e.id)) break;
    if (e.message.includes('was unable to stop or start tasks during a deployment')) {
      expect(isStuckConfig(s), `The service said it was stuck with a configuration that can progress, ${at}.`).toBe(true);
    }
  }

  // Each deployment's count of tasks not yet STOPPED (kept incrementally by the task hook) equals a recount.
  for (const d of s.deployments) {
    const recount = post.filter((t) => t.spec.deploymentId === d.id && t.lastStatus !== 'STOPPED').length;
    expect(d.activeTasks, `Deployment ${d.id} counts ${d.activeTasks} tasks not yet STOPPED but has ${recount}, ${at}.`).toBe(recount);
  }

  // Every task not yet STOPPED belongs to one of the service's deployments and runs its task definition.
  for (const t of post) {
    if (t.lastStatus === 'STOPPED') continue;
    const d = s.deployments.find((x) => x.id === t.spec.deploymentId);
    expect(d, `Task ${t.taskId} (${t.lastStatus}) belongs to deployment ${t.spec.deploymentId ?? '-'}, which the service no longer has, ${at}.`).toBeDefined();
    expect(t.spec.taskDefinitionKey, `Task ${t.taskId} runs another task definition than its deployment, ${at}.`).toBe(d!.taskDefinitionKey);
  }
}
