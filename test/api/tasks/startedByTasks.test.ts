// ListTasks `startedBy` (src/api/tasks/startedByTasks.ts): service tasks have no `S` (startedBy) index entry — they
// are found through their service's `V` range and `World.deploymentTasks` — yet ListTasks by a deployment id must
// answer exactly as a filter over all tasks would: the same tasks, in launch order, in the same pages. Checked on
// generated histories (services created, updated, forced to new deployments, deleted; tasks run by hand with
// `startedBy` an `ecs-svc/…` id — also a live deployment's; stops; time enough for stopped tasks to expire; snapshot
// round trips), with the tasks of deployments the service no longer lists, and on a snapshot written when service
// tasks still had their `S` entries.
// API reference, ListTasks: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ListTasks.html
// ("startedBy: The startedBy value to filter the task results with. Specifying a startedBy value limits the results
// to tasks that were started with that value"; a service's tasks are started by its deployment's id).
import { test } from '@fast-check/vitest';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, describe, expect, it } from 'vitest';
import { deserializeWorld, serializeWorld } from '../../../src/codecs/worldSnapshot.js';
import { taskArn } from '../../../src/domain/arn.js';
import { isListedThroughService, rebuildDeploymentTasks } from '../../../src/domain/deploymentTasks.js';
import { compareNumbers, PMap } from '../../../src/domain/pmap.js';
import type { World } from '../../../src/domain/world.js';
import { indexPrefix } from '../../../src/scheduler/taskIndex.js';
import { execute } from '../../../src/engine/execute.js';
import { ServiceSim, THREE_AZ } from '../services/harness.js';
import { WEB_TD } from './harness.js';

const HAND = 'ecs-svc/1111111111111111111';

/** A Sim with two services' worth of room; stopped tasks expire after 10 minutes so some do within a history. */
function sim(): ServiceSim {
  const s = new ServiceSim({ retention: { stoppedTaskMs: 600_000 } });
  s.setup();
  s.ok('RegisterTaskDefinition', { ...WEB_TD, family: 'web', containerDefinitions: [{ name: 'app', image: 'web:2', essential: true }] });
  return s;
}

/** What ListTasks `startedBy` must answer: every task of the cluster with that startedBy and desired status, by seq. */
function expected(w: World, startedBy: string, desiredStatus: string): string[] {
  const out: string[] = [];
  for (const t of w.tasks.values()) {
    if (t.spec.clusterName === 'default' && t.spec.startedBy === startedBy && t.desiredStatus === desiredStatus) out.push(taskArn(w.config, 'default', t.taskId));
  }
  return out;
}

/** Pages through ListTasks `startedBy` with `maxResults`, checking each page is full but the last, which has no token. */
function listAll(s: ServiceSim, startedBy: string, desiredStatus: string, maxResults: number): string[] {
  const all: string[] = [];
  let nextToken: string | undefined;
  for (let pages = 0; ; pages++) {
    expect(pages, 'the pages end').toBeLessThan(1_000);
    const out = s.ok<{ taskArns: string[]; nextToken?: string }>('ListTasks', { startedBy, desiredStatus, maxResults, ...(nextToken ? { nextToken } : {}) });
    all.push(...out.taskArns);
    if (out.nextToken === undefined) return all;
    expect(out.taskArns, 'a page followed by another is full').toHaveLength(maxResults);
    nextToken = out.nextToken;
  }
}

/** `w` with an `S` index entry for every service task, as snapshots written before this change hold them. */
function withOldStartedByEntries(w: World): World {
  let index = w.taskIndex;
  for (const t of w.tasks.values()) {
    if (!isListedThroughService(t)) continue;
    const range = indexPrefix('S', t.spec.clusterName, t.desiredStatus, t.spec.startedBy);
    index = index.set(range, (index.get(range) ?? PMap.empty<number, true>(compareNumbers)).set(t.seq, true));
  }
  return { ...w, taskIndex: index };
}

function readBack(text: string): World {
  const r = deserializeWorld(text);
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
}

/** The ids ListTasks is asked about: every deployment id seen so far, a hand-given one, and a plain label. */
function checkAll(s: ServiceSim, ids: ReadonlySet<string>, reached: Record<string, number>): void {
  expect(s.world.deploymentTasks.toJSON(), 'deploymentTasks counts the tasks of each deployment the World holds').toEqual(
    rebuildDeploymentTasks(s.world.tasks.values()).toJSON(),
  );
  const listed = new Set(s.ok<{ services: Array<{ deployments: Array<{ id: string }> }> }>('DescribeServices', { services: ['web', 'api'] }).services.flatMap((x) => x.deployments.map((d) => d.id)));
  for (const id of [...ids, HAND, 'job']) {
    for (const status of ['RUNNING', 'STOPPED']) {
      const want = expected(s.world, id, status);
      for (const max of [1, 2, 100]) expect(listAll(s, id, status, max), `ListTasks startedBy=${id} ${status} maxResults=${max}`).toEqual(want);
      if (want.length > 0 && !listed.has(id) && id.startsWith('ecs-svc/') && id !== HAND) reached.droppedDeployment = (reached.droppedDeployment ?? 0) + 1;
      const mine = [...s.world.tasks.values()].filter((t) => t.spec.startedBy === id && t.desiredStatus === status);
      if (mine.some((t) => isListedThroughService(t)) && mine.some((t) => !isListedThroughService(t))) reached.handAndService = (reached.handAndService ?? 0) + 1;
    }
  }
}

type Step =
  | { readonly op: 'create'; readonly name: string; readonly desiredCount: number }
  | { readonly op: 'update'; readonly name: string; readonly desiredCount: number; readonly revision: number }
  | { readonly op: 'delete'; readonly name: string }
  | { readonly op: 'run'; readonly startedBy: 'live' | 'hand' | 'job'; readonly of: string }
  | { readonly op: 'stop'; readonly pick: number }
  | { readonly op: 'advance'; readonly ms: number }
  | { readonly op: 'snapshot' };

const names = fc.constantFrom('web', 'api');
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant('create' as const), name: names, desiredCount: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ op: fc.constant('update' as const), name: names, desiredCount: fc.integer({ min: 0, max: 3 }), revision: fc.integer({ min: 1, max: 2 }) }),
  fc.record({ op: fc.constant('delete' as const), name: names }),
  { arbitrary: fc.record({ op: fc.constant('run' as const), startedBy: fc.constantFrom('live' as const, 'hand' as const, 'job' as const), of: names }), weight: 2 },
  fc.record({ op: fc.constant('stop' as const), pick: fc.nat(40) }),
  { arbitrary: fc.record({ op: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 400_000 }) }), weight: 3 },
  fc.constant({ op: 'snapshot' as const }),
);

/** Applies one step; a call ECS would refuse (a service that does not exist or is draining) changes nothing. */
function apply(s: ServiceSim, step: Step, ids: Set<string>): void {
  const attempt = (operation: string, input: Record<string, unknown>): void => {
    const r = execute(s.world, operation, input);
    if (E.isRight(r)) s.world = r.right.world;
  };
  switch (step.op) {
    case 'create':
      attempt('CreateService', { serviceName: step.name, taskDefinition: 'web', desiredCount: step.desiredCount, launchType: 'FARGATE', networkConfiguration: THREE_AZ });
      break;
    case 'update':
      attempt('UpdateService', { service: step.name, desiredCount: step.desiredCount, taskDefinition: `web:${step.revision}`, forceNewDeployment: true });
      break;
    case 'delete':
      attempt('DeleteService', { service: step.name, force: true });
      break;
    case 'run': {
      const live = s.ok<{ services: Array<{ deployments: Array<{ id: string }> }> }>('DescribeServices', { services: [step.of] }).services[0]?.deployments[0]?.id;
      const startedBy = step.startedBy === 'live' ? (live ?? HAND) : step.startedBy === 'hand' ? HAND : 'job';
      s.run({ startedBy });
      break;
    }
    case 'stop': {
      const running = [...s.world.tasks.values()].filter((t) => t.desiredStatus === 'RUNNING');
      const t = running[step.pick % Math.max(1, running.length)];
      if (t !== undefined) s.ok('StopTask', { task: t.taskId, reason: 'test' });
      break;
    }
    case 'advance':
      s.advance(step.ms);
      break;
    case 'snapshot':
      s.world = readBack(serializeWorld(s.world));
      break;
  }
  for (const name of ['web', 'api']) {
    for (const svc of s.ok<{ services: Array<{ deployments: Array<{ id: string }> }> }>('DescribeServices', { services: [name] }).services) {
      for (const d of svc.deployments) ids.add(d.id);
    }
  }
}

describe('ListTasks startedBy', () => {
  const reached: Record<string, number> = {};
  afterAll(() => {
    for (const what of ['droppedDeployment', 'handAndService']) expect(reached[what] ?? 0, `some histories reach ${what}`).toBeGreaterThan(0);
  });

  test.prop([fc.array(stepArb, { minLength: 1, maxLength: 25 })], { numRuns: 25 })(
    'lists what a filter over all tasks gives, in launch order and the same pages, whatever the history',
    (steps) => {
      const s = sim();
      const ids = new Set<string>();
      // The first service has launched its tasks before the history starts (so tasks run by hand with its id meet them).
      s.create({ serviceName: 'web', desiredCount: 2 });
      s.advance(60_000);
      for (const step of steps) apply(s, step, ids);
      checkAll(s, ids, reached);
    },
  );

  it('finds a dropped deployment’s stopped tasks and a task run by hand with a live deployment’s id', () => {
    const s = sim();
    s.create({ desiredCount: 2 });
    s.until(() => s.steady());
    const first = s.service().deployments[0]!.id;
    const byHand = s.run({ startedBy: first }).tasks.map((t) => t.taskArn);
    s.update({ forceNewDeployment: true });
    s.until(() => s.steady());
    const second = s.service().deployments[0]!.id;
    expect(s.service().deployments.map((d) => d.id), 'the service lists only its new deployment').toEqual([second]);

    const oldTasks = expected(s.world, first, 'STOPPED');
    expect(oldTasks, 'the first deployment’s two tasks, stopped').toHaveLength(2);
    expect(listAll(s, first, 'STOPPED', 1)).toEqual(oldTasks);
    // The task run by hand is not the service's: it keeps running, listed under the id it was given.
    expect(listAll(s, first, 'RUNNING', 1)).toEqual(byHand);
    expect(listAll(s, second, 'RUNNING', 1)).toEqual(expected(s.world, second, 'RUNNING'));
    expect(expected(s.world, second, 'RUNNING')).toHaveLength(2);
    // A page ends inside the service's tasks and the next resumes after them, across both sources.
    const mixed = s.run({ startedBy: second }).tasks.map((t) => t.taskArn);
    s.update({ desiredCount: 3 });
    s.until(() => s.steady());
    const all = expected(s.world, second, 'RUNNING');
    expect(all).toHaveLength(4);
    expect(all.indexOf(mixed[0]!), 'the task run by hand lies between service tasks').toBe(2);
    for (const max of [1, 2, 3]) expect(listAll(s, second, 'RUNNING', max)).toEqual(all);

    // Once the stopped tasks expire, the deployment leaves deploymentTasks; ListTasks by its id finds nothing.
    s.advance(3_600_000);
    expect([...s.world.deploymentTasks.keys()].some((k) => k.includes(first)), 'no entry outlives its tasks').toBe(false);
    expect(listAll(s, first, 'STOPPED', 100)).toEqual([]);
  });

  it('reads a snapshot written when service tasks had S entries: the same answers, the new index', () => {
    const s = sim();
    s.create({ desiredCount: 3 });
    s.until(() => s.steady());
    const id = s.service().deployments[0]!.id;
    s.run({ startedBy: id });
    const now = serializeWorld(s.world);
    const old = serializeWorld(withOldStartedByEntries(s.world));
    expect(old, 'the old form holds more index entries').not.toBe(now);
    const back = readBack(old);
    expect(serializeWorld(back), 'read back, the old form is the new one').toBe(now);
    const answer = listAll(s, id, 'RUNNING', 2);
    expect(answer).toHaveLength(4);
    s.world = back;
    expect(listAll(s, id, 'RUNNING', 2), 'no task listed twice').toEqual(answer);
  });
});
