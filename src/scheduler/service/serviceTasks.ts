/**
 * A service's tasks as a scheduler pass sees them when it must pick some to stop: those with desired status RUNNING,
 * read from the ListTasks `V` index (never a scan of the World), bucketed by deployment with their health at the
 * pass's instant. Passes that only wait or launch decide from the service's roster (`serviceRoster.ts`) instead.
 *
 * @module
 */
import type { Service } from '../../domain/service.js';
import type { Task } from '../../domain/task.js';
import type { WorldTxn } from '../../domain/txn.js';
import { activeServiceTaskSeqs } from '../taskIndex.js';
import type { TaskView } from './reconcile.js';
import { taskHealthTimes } from './taskHealth.js';

/** A RUNNING or pending task with what the pass knows of it. */
export interface Bucketed {
  readonly task: Task;
  readonly view: TaskView;
  /** Why it is to be replaced (with `view.unhealthy`): its container health check, or a target group's. */
  readonly failure: TaskFailure | undefined;
}

/** What a task failed: its container health check, or the health checks of one of its target groups. */
export type TaskFailure =
  | { readonly _tag: 'ContainerHealth' }
  | { readonly _tag: 'TargetHealth'; readonly targetGroupArn: string; readonly containerPort: number };

/** The bucket of tasks whose deployment the service no longer has. */
export const ORPHANS = '\u0000orphans';

/** The service's tasks (desired RUNNING) by deployment id, each with its view. */
export function bucketTasks(tx: WorldTxn, s: Service): Map<string, Bucketed[]> {
  const now = tx.nowMs;
  const tasks = tx.table('tasks');
  const defs = tx.table('taskDefinitions');
  const graceMs = (s.healthCheckGracePeriodSeconds ?? 0) * 1000;
  const known = new Set(s.deployments.map((d) => d.id));
  const out = new Map<string, Bucketed[]>();
  // In `seq` order, so the tasks of one launch (neighbours in the task table) are read with one descent per leaf.
  const seqs = activeServiceTaskSeqs(tx, s.clusterName, s.serviceName);
  const found = tasks.getMany(seqs);
  for (let i = 0; i < seqs.length; i++) {
    const seq = seqs[i]!;
    const task = found[i];
    if (task === undefined || task.spec.serviceKey !== s.key) continue;
    const running = task.lastStatus === 'RUNNING';
    let healthy = false;
    let unhealthy = false;
    let failure: TaskFailure | undefined;
    if (running) {
      const h = taskHealthTimes(tx, task, defs.get(task.spec.taskDefinitionKey), graceMs);
      unhealthy = h.failingAtMs !== undefined && h.failingAtMs <= now;
      if (unhealthy) failure = h.failure;
      healthy = !unhealthy && h.healthyAtMs !== undefined && h.healthyAtMs <= now;
    }
    const id = task.spec.deploymentId !== undefined && known.has(task.spec.deploymentId) ? task.spec.deploymentId : ORPHANS;
    const b: Bucketed = {
      task,
      view: { seq, availabilityZone: task.site.availabilityZone, running, healthy, unhealthy },
      failure,
    };
    const list = out.get(id);
    if (list) list.push(b);
    else out.set(id, [b]);
  }
  return out;
}

