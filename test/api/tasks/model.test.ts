// Model-based test (fc.commands) of RunTask / StopTask / advance / DescribeTasks / ListTasks / Spot interruption
// against a much simpler model: per task only its ARN, its pool, its desired status and when that was set. From the
// default timing bounds the model knows when a task *must* be RUNNING, STOPPED or gone, and checks the twin.
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { World } from '../../../src/domain/world.js';
import { DEFAULT_TASK_TIMINGS as T } from '../../../src/engine/createWorld.js';
import { advance } from '../../../src/engine/advance.js';
import { createWorld } from '../../../src/engine/createWorld.js';
import { execute } from '../../../src/engine/execute.js';
import { interruptSpotTasks } from '../../../src/sim/faults.js';
import { SUBNETS, WEB_TD, type Task } from './harness.js';

/** A launched task is RUNNING by then (every duration at its maximum). */
const START_BOUND_MS = T.provisioning.maxMs + T.pullStartDelay.maxMs + T.pullPublicRegistry.maxMs + T.activating.maxMs;
/** A stopped task is STOPPED by then (containers handle SIGTERM: no behaviours in this model). */
const STOP_BOUND_MS = T.stopNotice.maxMs + T.deactivating.maxMs + T.gracefulStop.maxMs + T.deprovisioning.maxMs;
const RETENTION_MS = 3_600_000;

interface ModelTask {
  readonly arn: string;
  readonly spot: boolean;
  desired: 'RUNNING' | 'STOPPED';
  /** When the task was launched, or (desired STOPPED) when the stop was requested. */
  sinceMs: number;
}
interface Model {
  nowMs: number;
  readonly tasks: ModelTask[];
}
interface Real {
  world: World;
}

const must = <T,>(r: E.Either<{ name: string; message: string }, T>): T => {
  if (E.isLeft(r)) throw new Error(`${r.left.name}: ${r.left.message}`);
  return r.right;
};

/** Whether the task certainly still exists (not expired) / certainly is gone. */
const surelyPresent = (m: Model, t: ModelTask): boolean => t.desired === 'RUNNING' || m.nowMs < t.sinceMs + RETENTION_MS;
const surelyGone = (m: Model, t: ModelTask): boolean =>
  t.desired === 'STOPPED' && m.nowMs >= t.sinceMs + STOP_BOUND_MS + RETENTION_MS;

class RunTaskCommand implements fc.Command<Model, Real> {
  constructor(
    readonly count: number,
    readonly spot: boolean,
  ) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    const out = must(
      execute(r.world, 'RunTask', {
        taskDefinition: 'web',
        count: this.count,
        ...(this.spot ? { capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }] } : { launchType: 'FARGATE' }),
        networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-a1', 'subnet-b1', 'subnet-c1'] } },
      }),
    );
    const tasks = (out.output as { tasks: Task[] }).tasks;
    expect(tasks).toHaveLength(this.count);
    for (const t of tasks) {
      expect(t).toMatchObject({ lastStatus: 'PROVISIONING', desiredStatus: 'RUNNING' });
      m.tasks.push({ arn: t.taskArn, spot: this.spot, desired: 'RUNNING', sinceMs: m.nowMs });
    }
    r.world = out.world;
  }
  toString = (): string => `RunTask(${this.count}${this.spot ? ', spot' : ''})`;
}

class StopTaskCommand implements fc.Command<Model, Real> {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>): boolean => m.tasks.some((t) => surelyPresent(m, t));
  run(m: Model, r: Real): void {
    const candidates = m.tasks.filter((t) => surelyPresent(m, t));
    const t = candidates[this.pick % candidates.length]!;
    const out = must(execute(r.world, 'StopTask', { task: t.arn, reason: 'model' }));
    const task = (out.output as { task: Task }).task;
    expect(task.desiredStatus).toBe('STOPPED');
    if (t.desired === 'RUNNING') {
      expect(task).toMatchObject({ stopCode: 'UserInitiated', stoppedReason: 'model' });
      t.desired = 'STOPPED';
      t.sinceMs = m.nowMs;
    }
    r.world = out.world;
  }
  toString = (): string => `StopTask(#${this.pick})`;
}

class AdvanceCommand implements fc.Command<Model, Real> {
  constructor(readonly ms: number) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    const { world, events } = advance(r.world, this.ms);
    // Per task, versions in the events of one advance go up by one each.
    const last = new Map<string, number>();
    for (const e of events) {
      const v = (e.detail as { version: number }).version;
      const prev = last.get(e.resources[0]!);
      if (prev !== undefined) expect(v).toBe(prev + 1);
      last.set(e.resources[0]!, v);
    }
    r.world = world;
    m.nowMs += this.ms;
  }
  toString = (): string => `advance(${this.ms})`;
}

class DescribeCommand implements fc.Command<Model, Real> {
  check = (m: Readonly<Model>): boolean => m.tasks.length > 0;
  run(m: Model, r: Real): void {
    for (let i = 0; i < m.tasks.length; i += 100) {
      const batch = m.tasks.slice(i, i + 100);
      const out = must(execute(r.world, 'DescribeTasks', { tasks: batch.map((t) => t.arn) })).output as {
        tasks: Task[];
        failures: Array<{ arn: string }>;
      };
      const byArn = new Map(out.tasks.map((t) => [t.taskArn, t]));
      for (const t of batch) {
        const real = byArn.get(t.arn);
        if (surelyPresent(m, t)) expect(real, `${t.arn} should still be describable`).toBeDefined();
        if (surelyGone(m, t)) expect(real, `${t.arn} should have expired`).toBeUndefined();
        if (!real) continue;
        expect(real.desiredStatus).toBe(t.desired);
        if (t.desired === 'RUNNING' && m.nowMs - t.sinceMs >= START_BOUND_MS) expect(real.lastStatus).toBe('RUNNING');
        if (t.desired === 'STOPPED' && m.nowMs - t.sinceMs >= STOP_BOUND_MS) expect(real.lastStatus).toBe('STOPPED');
        if (t.desired === 'RUNNING') expect(real.lastStatus).not.toBe('STOPPED');
      }
    }
  }
  toString = (): string => 'DescribeTasks(all)';
}

class ListCommand implements fc.Command<Model, Real> {
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    const arns: string[] = [];
    let nextToken: string | undefined;
    do {
      const out = must(execute(r.world, 'ListTasks', { maxResults: 7, ...(nextToken ? { nextToken } : {}) })).output as {
        taskArns: string[];
        nextToken?: string;
      };
      arns.push(...out.taskArns);
      nextToken = out.nextToken;
    } while (nextToken !== undefined);
    expect(new Set(arns)).toEqual(new Set(m.tasks.filter((t) => t.desired === 'RUNNING').map((t) => t.arn)));
  }
  toString = (): string => 'ListTasks(RUNNING)';
}

class SpotInterruptionCommand implements fc.Command<Model, Real> {
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    const { world, interrupted } = interruptSpotTasks(r.world);
    const wanting = m.tasks.filter((t) => t.spot && t.desired === 'RUNNING');
    for (const arn of interrupted) expect(wanting.map((t) => t.arn)).toContain(arn);
    // Every Spot task that must be RUNNING by now is interrupted.
    for (const t of wanting) if (m.nowMs - t.sinceMs >= START_BOUND_MS) expect(interrupted).toContain(t.arn);
    for (const t of wanting) {
      if (interrupted.includes(t.arn)) {
        t.desired = 'STOPPED';
        t.sinceMs = m.nowMs;
      }
    }
    r.world = world;
  }
  toString = (): string => 'interruptSpotTasks()';
}

const commands = [
  fc.tuple(fc.integer({ min: 1, max: 10 }), fc.boolean()).map(([n, spot]) => new RunTaskCommand(n, spot)),
  fc.nat().map((p) => new StopTaskCommand(p)),
  fc
    .oneof(
      fc.integer({ min: 0, max: 60_000 }),
      fc.integer({ min: 60_000, max: 300_000 }),
      // Around the retention period, where stopped tasks must still be describable or must be gone.
      fc.integer({ min: RETENTION_MS / 2, max: RETENTION_MS - STOP_BOUND_MS }),
      fc.integer({ min: RETENTION_MS, max: 2 * RETENTION_MS }),
    )
    .map((ms) => new AdvanceCommand(ms)),
  fc.constant(new DescribeCommand()),
  fc.constant(new ListCommand()),
  fc.constant(new SpotInterruptionCommand()),
];

function setup(): { model: Model; real: Real } {
  let world = createWorld({
    seed: 3,
    network: { subnets: SUBNETS },
    quotas: {
      onDemandVcpu: Infinity,
      spotVcpu: Infinity,
      runTaskApi: { burst: Infinity, refillPerSecond: 0 },
      onDemandLaunches: { burst: Infinity, refillPerSecond: 0 },
      spotLaunches: { burst: Infinity, refillPerSecond: 0 },
    },
  });
  world = must(execute(world, 'CreateCluster', { clusterName: 'default', capacityProviders: ['FARGATE', 'FARGATE_SPOT'] })).world;
  world = must(execute(world, 'RegisterTaskDefinition', WEB_TD)).world;
  return { model: { nowMs: world.nowMs, tasks: [] }, real: { world } };
}

describe('tasks against a much simpler model', () => {
  it('agree on every command sequence', () => {
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 40, size: 'max' }), (cmds) => {
        fc.modelRun(setup, cmds);
      }),
    );
  });

  it('bounds used by the model follow the configured timings', () => {
    expect(START_BOUND_MS).toBe(205_000);
    expect(STOP_BOUND_MS).toBe(72_000);
  });
});
