// Model-based test (fc.commands) of CreateService / UpdateService / DeleteService / StopTask / advance / Spot
// interruptions / capacity shortages against a much simpler model (issue 8): per service only its desiredCount,
// the task-definition revision of its PRIMARY and its status. After every command the twin must agree with the
// model on what DescribeServices and ListServices report; after enough virtual time ("settle") every ACTIVE service
// must be steady with desiredCount RUNNING tasks of the model's revision, and every deleted one INACTIVE with no
// task left (reference §4.2–4.5, §5.2–5.3).
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { WorldTxn } from '../../../src/domain/txn.js';
import type { World } from '../../../src/domain/world.js';
import { rosterDrift } from '../../../src/scheduler/service/serviceRoster.js';
import { advance } from '../../../src/engine/advance.js';
import { execute } from '../../../src/engine/execute.js';
import { injectCapacityShortage, interruptSpotTasks } from '../../../src/sim/faults.js';
import type { WireService } from './harness.js';
import { must, revisionInput, serviceWorld, SERVICE_SUBNETS, type RevisionKind } from './serviceWorld.js';

const NAMES = ['api', 'web'] as const;
type Name = (typeof NAMES)[number];
const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'] as const;
/** Revisions 1–3 of family `app`: healthy containers, the third with a container health check. */
const REVISIONS: readonly RevisionKind[] = [
  { kind: 'ok', healthCheck: false },
  { kind: 'ok', healthCheck: false },
  { kind: 'ok', healthCheck: true },
];
/** Rolling configurations that can always progress (none is "stuck", reference §5.2). */
const CONFIGS = [
  { minimumHealthyPercent: 100, maximumPercent: 200 },
  { minimumHealthyPercent: 50, maximumPercent: 200 },
  { minimumHealthyPercent: 0, maximumPercent: 100 },
] as const;
const MINUTE = 60_000;
/**
 * Enough virtual time for any state the commands leave to settle: the longest capacity shortage (10 min), the
 * longest launch back-off after tasks that failed to start in it (27 min, reference §4.6), then a rollout.
 */
const SETTLE_MS = 60 * MINUTE;

interface ModelService {
  desiredCount: number;
  revision: number;
  /** DRAINING: deleted, INACTIVE once its tasks have stopped (certainly so after a settle). */
  status: 'ACTIVE' | 'DRAINING' | 'INACTIVE';
}
interface Model {
  readonly services: Map<Name, ModelService>;
}
interface Real {
  world: World;
}

const tdArn = (revision: number): string => `arn:aws:ecs:us-east-1:123456789012:task-definition/app:${revision}`;

function describeService(w: World, name: Name): WireService {
  const out = must(execute(w, 'DescribeServices', { services: [name] })).output as { services: WireService[] };
  expect(out.services, `DescribeServices finds ${name}.`).toHaveLength(1);
  return out.services[0]!;
}

/** Tasks of `name` that want to run, as DescribeTasks shows them. */
function wantingTasks(w: World, name: Name): Array<{ taskArn: string; lastStatus: string; taskDefinitionArn: string }> {
  const arns = (must(execute(w, 'ListTasks', { serviceName: name, desiredStatus: 'RUNNING', maxResults: 100 })).output as { taskArns: string[] }).taskArns;
  if (arns.length === 0) return [];
  return (must(execute(w, 'DescribeTasks', { tasks: arns })).output as { tasks: Array<{ taskArn: string; lastStatus: string; taskDefinitionArn: string }> }).tasks;
}

/** What must hold after every command: DescribeServices and ListServices agree with the model. */
function checkAgreement(m: Model, w: World): void {
  for (const [name, ms] of m.services) {
    const s = describeService(w, name);
    if (ms.status === 'ACTIVE') {
      expect(s.status, `Service ${name} is ACTIVE.`).toBe('ACTIVE');
      expect(s.desiredCount, `Service ${name} wants the desiredCount last asked for.`).toBe(ms.desiredCount);
      expect(s.taskDefinition, `Service ${name} deploys the revision last asked for.`).toBe(tdArn(ms.revision));
      expect(s.deployments[0]!.taskDefinition, `The PRIMARY deployment of ${name} runs the revision last asked for.`).toBe(tdArn(ms.revision));
    } else {
      expect(s.desiredCount, `A deleted service ${name} wants no task.`).toBe(0);
      expect(ms.status === 'INACTIVE' ? ['INACTIVE'] : ['DRAINING', 'INACTIVE'], `Service ${name} is being deleted.`).toContain(s.status);
    }
  }
  const listed = (must(execute(w, 'ListServices', { maxResults: 100 })).output as { serviceArns: string[] }).serviceArns;
  const active = [...m.services].filter(([, s]) => s.status === 'ACTIVE').map(([n]) => `arn:aws:ecs:us-east-1:123456789012:service/default/${n}`);
  expect(listed, 'ListServices lists exactly the ACTIVE services, in name order.').toEqual(active.sort());
  const cluster = (must(execute(w, 'DescribeClusters', { clusters: ['default'] })).output as { clusters: Array<{ activeServicesCount: number }> }).clusters[0]!;
  expect(cluster.activeServicesCount, 'The cluster counts its ACTIVE services.').toBe(active.length);
  // The counts the scheduler keeps (serviceRoster.ts) are what reading the tasks gives, at every instant.
  const tx = new WorldTxn(w);
  for (const s of w.services.values()) expect(rosterDrift(tx, s), `The roster of ${s.serviceName} matches its tasks.`).toBeUndefined();
}

class CreateServiceCommand implements fc.Command<Model, Real> {
  constructor(
    readonly name: Name,
    readonly desiredCount: number,
    readonly revision: number,
    readonly config: number,
    readonly spot: boolean,
  ) {}
  check = (m: Readonly<Model>): boolean => (m.services.get(this.name)?.status ?? 'INACTIVE') === 'INACTIVE';
  run(m: Model, r: Real): void {
    const out = must(
      execute(r.world, 'CreateService', {
        serviceName: this.name,
        taskDefinition: `app:${this.revision}`,
        desiredCount: this.desiredCount,
        ...(this.spot ? { capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }] } : { launchType: 'FARGATE' }),
        networkConfiguration: { awsvpcConfiguration: { subnets: SERVICE_SUBNETS } },
        deploymentConfiguration: CONFIGS[this.config],
      }),
    );
    const s = (out.output as { service: WireService }).service;
    expect(s).toMatchObject({ status: 'ACTIVE', desiredCount: this.desiredCount, runningCount: 0, taskDefinition: tdArn(this.revision) });
    m.services.set(this.name, { desiredCount: this.desiredCount, revision: this.revision, status: 'ACTIVE' });
    r.world = out.world;
    checkAgreement(m, r.world);
  }
  toString = (): string => `CreateService(${this.name}, ${this.desiredCount}, app:${this.revision}, config ${this.config}${this.spot ? ', spot' : ''})`;
}

class UpdateServiceCommand implements fc.Command<Model, Real> {
  constructor(
    readonly name: Name,
    readonly desiredCount: number | undefined,
    readonly revision: number | undefined,
    readonly force: boolean,
  ) {}
  check = (m: Readonly<Model>): boolean => m.services.has(this.name);
  run(m: Model, r: Real): void {
    const ms = m.services.get(this.name)!;
    const input = {
      service: this.name,
      ...(this.desiredCount !== undefined ? { desiredCount: this.desiredCount } : {}),
      ...(this.revision !== undefined ? { taskDefinition: `app:${this.revision}` } : {}),
      ...(this.force ? { forceNewDeployment: true } : {}),
    };
    const res = execute(r.world, 'UpdateService', input);
    if (ms.status !== 'ACTIVE') {
      // Reference §4.3, hashicorp/terraform#3582.
      expect(E.isLeft(res) && res.left, 'UpdateService of a deleted service is refused.').toEqual({ name: 'ServiceNotActiveException', message: 'Service was not ACTIVE.' });
      return;
    }
    const before = describeService(r.world, this.name).deployments.length;
    const out = must(res);
    const s = (out.output as { service: WireService }).service;
    const redeploys = this.force || (this.revision !== undefined && this.revision !== ms.revision);
    // A new revision or forceNewDeployment starts a deployment; desiredCount alone does not (reference §4.3).
    expect(s.deployments.length, redeploys ? 'A new deployment is added.' : 'No deployment is added.').toBe(redeploys ? before + 1 : before);
    if (redeploys) expect(s.deployments[0]).toMatchObject({ status: 'PRIMARY', rolloutState: 'IN_PROGRESS' });
    if (this.desiredCount !== undefined) ms.desiredCount = this.desiredCount;
    if (this.revision !== undefined) ms.revision = this.revision;
    r.world = out.world;
    checkAgreement(m, r.world);
  }
  toString = (): string =>
    `UpdateService(${this.name}${this.desiredCount !== undefined ? `, desired ${this.desiredCount}` : ''}${this.revision !== undefined ? `, app:${this.revision}` : ''}${this.force ? ', force' : ''})`;
}

class DeleteServiceCommand implements fc.Command<Model, Real> {
  constructor(
    readonly name: Name,
    readonly force: boolean,
  ) {}
  check = (m: Readonly<Model>): boolean => m.services.get(this.name)?.status === 'ACTIVE';
  run(m: Model, r: Real): void {
    const ms = m.services.get(this.name)!;
    const res = execute(r.world, 'DeleteService', { service: this.name, force: this.force });
    if (ms.desiredCount > 0 && !this.force) {
      expect(E.isLeft(res) && res.left.message, 'A service scaled above 0 is deleted only with force.').toBe('The service cannot be stopped while it is scaled above 0.');
      return;
    }
    const out = must(res);
    expect((out.output as { service: WireService }).service).toMatchObject({ status: 'DRAINING', desiredCount: 0 });
    ms.status = 'DRAINING';
    ms.desiredCount = 0;
    r.world = out.world;
    checkAgreement(m, r.world);
  }
  toString = (): string => `DeleteService(${this.name}${this.force ? ', force' : ''})`;
}

class StopTaskCommand implements fc.Command<Model, Real> {
  constructor(
    readonly name: Name,
    readonly pick: number,
  ) {}
  check = (m: Readonly<Model>): boolean => m.services.has(this.name);
  run(m: Model, r: Real): void {
    const tasks = wantingTasks(r.world, this.name);
    if (tasks.length === 0) return;
    const t = tasks[this.pick % tasks.length]!;
    const out = must(execute(r.world, 'StopTask', { task: t.taskArn, reason: 'model' }));
    expect((out.output as { task: Record<string, unknown> }).task).toMatchObject({ desiredStatus: 'STOPPED', stopCode: 'UserInitiated', stoppedReason: 'model' });
    r.world = out.world;
    // The user's stop changes nothing the model knows: the scheduler replaces the task.
    checkAgreement(m, r.world);
  }
  toString = (): string => `StopTask(${this.name} #${this.pick})`;
}

class AdvanceCommand implements fc.Command<Model, Real> {
  constructor(readonly ms: number) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    r.world = advance(r.world, this.ms).world;
    checkAgreement(m, r.world);
  }
  toString = (): string => `advance(${this.ms})`;
}

class FaultCommand implements fc.Command<Model, Real> {
  constructor(
    readonly kind: 'spot' | 'shortage',
    readonly zone: 0 | 1 | 2,
    readonly spot: boolean,
    readonly ms: number,
  ) {}
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    const res =
      this.kind === 'spot'
        ? interruptSpotTasks(r.world, { count: 1 + this.zone })
        : injectCapacityShortage(r.world, { capacityProvider: this.spot ? 'FARGATE_SPOT' : 'FARGATE', availabilityZone: ZONES[this.zone], durationMs: this.ms });
    expect(res.error).toBeUndefined();
    r.world = res.world;
    checkAgreement(m, r.world);
  }
  toString = (): string =>
    this.kind === 'spot' ? `interruptSpotTasks(${1 + this.zone})` : `shortage(${this.spot ? 'FARGATE_SPOT' : 'FARGATE'}, ${ZONES[this.zone]}, ${this.ms})`;
}

/** Enough virtual time passes; then every service is where the model says it must end. */
class SettleCommand implements fc.Command<Model, Real> {
  check = (): boolean => true;
  run(m: Model, r: Real): void {
    r.world = advance(r.world, SETTLE_MS).world;
    for (const [name, ms] of m.services) {
      const s = describeService(r.world, name);
      const tasks = wantingTasks(r.world, name);
      if (ms.status === 'ACTIVE') {
        expect(s.deployments.map((d) => [d.status, d.rolloutState]), `Service ${name} has one COMPLETED deployment.`).toEqual([['PRIMARY', 'COMPLETED']]);
        expect({ running: s.runningCount, pending: s.pendingCount }, `Service ${name} runs desiredCount tasks, none pending.`).toEqual({ running: ms.desiredCount, pending: 0 });
        expect(tasks.map((t) => [t.lastStatus, t.taskDefinitionArn]), `Every task of ${name} runs the model's revision.`).toEqual(
          Array.from({ length: ms.desiredCount }, () => ['RUNNING', tdArn(ms.revision)]),
        );
        expect(s.events[0]!.message, `Service ${name} says it is steady.`).toBe(`(service ${name}) has reached a steady state.`);
      } else {
        expect(s.status, `Deleted service ${name} is INACTIVE.`).toBe('INACTIVE');
        expect(tasks, `Deleted service ${name} has no task left.`).toEqual([]);
        ms.status = 'INACTIVE';
      }
    }
    checkAgreement(m, r.world);
  }
  toString = (): string => 'settle';
}

const nameArb = fc.constantFrom(...NAMES);
const revisionArb = fc.integer({ min: 1, max: REVISIONS.length });
const commands = [
  fc
    .tuple(nameArb, fc.integer({ min: 0, max: 6 }), revisionArb, fc.integer({ min: 0, max: CONFIGS.length - 1 }), fc.boolean())
    .map(([n, d, rev, c, spot]) => new CreateServiceCommand(n, d, rev, c, spot)),
  fc
    .tuple(nameArb, fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }), fc.option(revisionArb, { nil: undefined }), fc.boolean())
    .map(([n, d, rev, force]) => new UpdateServiceCommand(n, d, rev, force)),
  fc.tuple(nameArb, fc.boolean()).map(([n, force]) => new DeleteServiceCommand(n, force)),
  fc.tuple(nameArb, fc.nat()).map(([n, pick]) => new StopTaskCommand(n, pick)),
  fc.integer({ min: 1_000, max: 5 * MINUTE }).map((ms) => new AdvanceCommand(ms)),
  fc
    .tuple(fc.constantFrom('spot' as const, 'shortage' as const), fc.constantFrom(0 as const, 1 as const, 2 as const), fc.boolean(), fc.integer({ min: 1_000, max: 10 * MINUTE }))
    .map(([kind, zone, spot, ms]) => new FaultCommand(kind, zone, spot, ms)),
  fc.constant(new SettleCommand()),
];

function setup(): { model: Model; real: Real } {
  let world = serviceWorld(5);
  for (const [i, r] of REVISIONS.entries()) world = must(execute(world, 'RegisterTaskDefinition', revisionInput('app', i + 1, r))).world;
  return { model: { services: new Map() }, real: { world } };
}

describe('services against a much simpler model', () => {
  it('agree on every command sequence, and settle where the model says', () => {
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 40, size: 'max' }), (cmds) => {
        // Always end settled, so every sequence is held to the model's end state.
        fc.modelRun(setup, [...cmds, new SettleCommand()]);
      }),
      { numRuns: Math.max(1, Math.round(40 * Number(process.env.FC_NUM_RUNS_SCALE ?? 1))) },
    );
  });
});
