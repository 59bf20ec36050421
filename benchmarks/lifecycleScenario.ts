/**
 * The full-lifecycle scenario of issue 15, shared by `lifecycle.ts` (the report) and `lifecycleAB.ts` (A/B of two
 * builds): `n` Fargate tasks launched (RunTask × 10 per call), advanced to RUNNING, ended — by their essential
 * container's scripted exit or by StopTask — advanced to STOPPED, then past the retention period until every
 * stopped task has expired. Quotas and the RunTask/launch rate limits are lifted so that the whole batch can
 * launch at one instant (`simultaneous`); `staggered` sends one call per 500 virtual ms, as `tasks.ts` does.
 *
 * Each phase reports wall time, CPU time, events and **timer firings**. The engine does not count firings, so they
 * are derived from the World's sequence counter, which numbers every new task, event and scheduled timer:
 * `scheduled = Δseq − events − new tasks`, and `fired = scheduled − Δ(pending timers) − cancelled`, where a
 * StopTask cancels the pending step of the task it stops (none here: a RUNNING task without a scripted exit has
 * none). Timers other than lifecycle steps (client tokens, service passes) do not occur in this scenario.
 *
 * @module
 */
import { performance } from 'node:perf_hooks';
import type { World } from '../src/index.js';
import { benchSubnets, benchWorld, must } from './benchWorld.js';


/** The package's API (a build's `index.js` or the sources). */
export type Api = typeof import('../src/index.js');

/** How the tasks are launched and how they end. */
export interface LifecycleOptions {
  readonly n: number;
  readonly launch: 'staggered' | 'simultaneous';
  readonly end: 'exit' | 'stop';
}

/** One phase's measurements. */
export interface Phase {
  readonly name: string;
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly events: number;
  readonly timersFired: number;
}

/** 16 /16 subnets: enough addresses for a million tasks (a /16 holds 65,531). */
const SUBNETS = benchSubnets(16);
const UNLIMITED = { burst: 1e12, refillPerSecond: 1e12 };
const RETENTION_MS = 3_600_000;
/** After the last start, the essential container runs for 10 minutes (the figure). */
const RUN_MS = 600_000;
const CALL_GAP_MS = 500;


/** How long the launches of `o` span on the virtual clock. */
const launchSpanMs = (o: LifecycleOptions): number => (o.launch === 'staggered' ? (o.n / 10) * CALL_GAP_MS : 0);

/**
 * The start world for `o`: a cluster and one task definition, quotas and rate limits lifted, the retention at its
 * default (one hour). In the `exit` scenario the container exits `RUN_MS` after the last launch, so that no task
 * exits while others are still launching (the phases stay apart).
 */
export function baseWorld(api: Api, o: LifecycleOptions): World {
  const exitAfterMs = launchSpanMs(o) + RUN_MS;
  return benchWorld(api, {
    network: { subnets: SUBNETS },
    quotas: { onDemandVcpu: Infinity, spotVcpu: Infinity, runTaskApi: UNLIMITED, onDemandLaunches: UNLIMITED, spotLaunches: UNLIMITED },
    retention: { stoppedTaskMs: RETENTION_MS },
    behaviors: o.end === 'exit' ? [{ match: { family: 'web' }, exitAfterMs, exitCode: 0 }] : [],
  });
}

const INPUT = {
  cluster: 'bench',
  taskDefinition: 'web',
  count: 10,
  launchType: 'FARGATE',
  networkConfiguration: { awsvpcConfiguration: { subnets: SUBNETS.slice(0, 6).map((s) => s.subnetId) } },
};

/** Accumulates one phase: wall and CPU time of the calls made through `time`, events and sequence numbers. */
class PhaseMeter {
  wallMs = 0;
  cpuMs = 0;
  events = 0;
  newTasks = 0;
  cancelled = 0;
  constructor(
    readonly name: string,
    private readonly start: World,
  ) {}
  /**
   * Times `fn`. `process.cpuUsage` is a system call (~1 µs): fine around an advance or a batch of calls, but around
   * every single StopTask it measured 6% of the profile, so loops of single calls are timed as a whole.
   */
  time<T>(fn: () => T): T {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const v = fn();
    this.wallMs += performance.now() - t0;
    const c = process.cpuUsage(c0);
    this.cpuMs += (c.user + c.system) / 1000;
    return v;
  }
  done(end: World): Phase {
    const scheduled = end.seq - this.start.seq - this.events - this.newTasks;
    const fired = scheduled - (end.timers.size - this.start.timers.size) - this.cancelled;
    return { name: this.name, wallMs: this.wallMs, cpuMs: this.cpuMs, events: this.events, timersFired: fired };
  }
}

/**
 * Runs the whole lifecycle of `o.n` tasks from `world` (which may already hold other tasks: the slope runs) and
 * returns its phases and the final World. Throws when a phase does not reach its end state.
 */
export function runLifecycle(api: Api, world: World, o: LifecycleOptions): { phases: Phase[]; world: World } {
  const cluster = (w: World) => w.clusters.get('bench')!;
  const running0 = cluster(world).runningTasksCount;
  const active0 = cluster(world).activeTasksCount;
  const phases: Phase[] = [];
  let w = world;
  const taskArns: string[] = [];

  // 1. RunTask calls (in `staggered` mode the 500 ms advances between calls belong to phase 2).
  const launch = new PhaseMeter('RunTask calls', w);
  const toRunning = new PhaseMeter('advance to RUNNING', w);
  const runTask = (): void => {
    const r = must(api.execute(w, 'RunTask', INPUT));
    launch.events += r.events.length;
    launch.newTasks += 10;
    if (o.end === 'stop') for (const t of (r.output as { tasks: Array<{ taskArn: string }> }).tasks) taskArns.push(t.taskArn);
    w = r.world;
  };
  if (o.launch === 'simultaneous') {
    launch.time(() => {
      for (let i = 0; i < o.n / 10; i++) runTask();
    });
  } else {
    for (let i = 0; i < o.n / 10; i++) {
      launch.time(runTask);
      const a = toRunning.time(() => api.advance(w, CALL_GAP_MS));
      toRunning.events += a.events.length;
      w = a.world;
    }
  }
  // RunTask schedules each task's first step and fires nothing (in `staggered` mode `w` includes the advances).
  phases.push({ ...launch.done(w), timersFired: 0 });
  const toRunning2 = new PhaseMeter('advance to RUNNING', w);
  toRunning2.wallMs = toRunning.wallMs;
  toRunning2.cpuMs = toRunning.cpuMs;
  toRunning2.events = toRunning.events;
  // The staggered advances' timers fired before `w`: count them from the world before the launch.
  const startSeqTimers = { seq: world.seq, timers: world.timers.size };
  const a2 = toRunning2.time(() => api.advance(w, 120_000));
  toRunning2.events += a2.events.length;
  w = a2.world;
  if (cluster(w).runningTasksCount !== running0 + o.n) throw new Error('not every task is RUNNING');
  {
    // Phase 2's firings over the whole launch: everything scheduled since the start minus what is pending now,
    // minus phase 1's share (RunTask schedules one step per task and fires none).
    const all = w.seq - startSeqTimers.seq - launch.events - toRunning2.events - o.n;
    const fired = all - (w.timers.size - startSeqTimers.timers);
    phases.push({ name: 'advance to RUNNING', wallMs: toRunning2.wallMs, cpuMs: toRunning2.cpuMs, events: toRunning2.events, timersFired: fired });
  }

  // 3. The end: StopTask calls, or the scripted exit; then on to STOPPED.
  if (o.end === 'stop') {
    const stop = new PhaseMeter('StopTask calls', w);
    stop.time(() => {
      for (const task of taskArns) {
        const r = must(api.execute(w, 'StopTask', { cluster: 'bench', task }));
        stop.events += r.events.length;
        w = r.world;
      }
    });
    phases.push(stop.done(w));
  }
  const toStopped = new PhaseMeter(o.end === 'stop' ? 'advance to STOPPED' : 'advance through exit to STOPPED', w);
  const horizon = o.end === 'exit' ? launchSpanMs(o) + RUN_MS + 300_000 : 300_000;
  const a3 = toStopped.time(() => api.advance(w, horizon));
  toStopped.events += a3.events.length;
  w = a3.world;
  if (cluster(w).activeTasksCount !== active0) throw new Error('not every task is STOPPED');
  phases.push(toStopped.done(w));

  // 4. Expiry: past the retention of the last stopped task.
  const expiry = new PhaseMeter('advance past retention (expiry)', w);
  const a4 = expiry.time(() => api.advance(w, RETENTION_MS + launchSpanMs(o) + 60_000));
  expiry.events += a4.events.length;
  w = a4.world;
  if (w.tasks.size !== world.tasks.size) throw new Error('not every task has expired');
  phases.push(expiry.done(w));
  return { phases, world: w };
}
