// The end of a task-definition revision. ECS: "After the task definition is in the DELETE_IN_PROGRESS state,
// Amazon ECS periodically verifies that the target task definition is not being referenced by any active tasks or
// deployments, and then deletes the task definition permanently"
// (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-definition-state.html); "When you delete all
// INACTIVE task definition revisions, the task definition name is not displayed in the console and not returned in
// the API ... The task definition name is retained by Amazon ECS and the revision is incremented the next time you
// create a task definition with that name"
// (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeleteTaskDefinitions.html).
// SIM RULE: the check runs TASK_DEFINITION_DELETION_DELAY_MS (one minute, UNVERIFIED) after the request or after
// the last task of the revision expired; stopped tasks count until they expire, so they stay describable.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { TASK_DEFINITION_DELETION_DELAY_MS } from '../../../src/domain/taskDefinition.js';
import type { World } from '../../../src/domain/world.js';
import { execute } from '../../../src/engine/execute.js';
import { Sim, WEB_TD } from '../tasks/harness.js';

const HOUR = 3_600_000;

function deleteRevision(sim: Sim, ref: string): void {
  sim.ok('DeregisterTaskDefinition', { taskDefinition: ref });
  const out = sim.ok<{ taskDefinitions: Array<{ status: string }> }>('DeleteTaskDefinitions', { taskDefinitions: [ref] });
  expect(out.taskDefinitions.map((t) => t.status)).toEqual(['DELETE_IN_PROGRESS']);
}

const families = (sim: Sim, status?: string): string[] =>
  sim.ok<{ families: string[] }>('ListTaskDefinitionFamilies', status ? { status } : {}).families;
const revisions = (sim: Sim, status: string): string[] =>
  sim.ok<{ taskDefinitionArns: string[] }>('ListTaskDefinitions', { status }).taskDefinitionArns;

describe('DELETE_IN_PROGRESS revisions are deleted for good once nothing references them', () => {
  it('an unused revision: still described and listed at first, gone a minute later; its family name is kept', () => {
    const sim = new Sim().setup();
    deleteRevision(sim, 'web:1');
    expect(sim.ok<{ taskDefinition: { status: string } }>('DescribeTaskDefinition', { taskDefinition: 'web:1' }).taskDefinition.status).toBe(
      'DELETE_IN_PROGRESS',
    );
    expect(revisions(sim, 'DELETE_IN_PROGRESS')).toHaveLength(1);
    expect(families(sim)).toEqual(['web']);

    sim.advance(TASK_DEFINITION_DELETION_DELAY_MS - 1);
    expect(revisions(sim, 'DELETE_IN_PROGRESS')).toHaveLength(1);
    sim.advance(1);
    expect(sim.fail('DescribeTaskDefinition', { taskDefinition: 'web:1' })).toMatchObject({
      name: 'ClientException',
      message: 'Unable to describe task definition.',
    });
    expect(revisions(sim, 'DELETE_IN_PROGRESS')).toEqual([]);
    expect(families(sim)).toEqual([]);
    expect(families(sim, 'INACTIVE')).toEqual([]);
    const again = sim.ok<{ failures: Array<{ reason: string }> }>('DeleteTaskDefinitions', { taskDefinitions: ['web:1'] });
    expect(again.failures.map((f) => f.reason)).toEqual(['MISSING']);
    // The name is retained: the next registration continues the revision numbers, and the family is listed again.
    const next = sim.ok<{ taskDefinition: { revision: number } }>('RegisterTaskDefinition', WEB_TD);
    expect(next.taskDefinition.revision).toBe(2);
    expect(families(sim, 'ACTIVE')).toEqual(['web']);
    expect(sim.world.taskDefinitionUse.size).toBe(0);
  });

  it('a revision with tasks stays until its last task has stopped and expired, and its stopped tasks stay describable', () => {
    const sim = new Sim().setup();
    const arn = sim.run({ count: 2 }).tasks.map((t) => t.taskArn);
    sim.advance(300_000);
    deleteRevision(sim, 'web:1');
    expect(sim.world.taskDefinitionUse.get('web 0000001')).toBe(2);
    sim.advance(HOUR);
    expect(revisions(sim, 'DELETE_IN_PROGRESS')).toHaveLength(1); // two tasks are still running

    sim.ok('StopTask', { task: arn[0] });
    sim.ok('StopTask', { task: arn[1] });
    sim.advance(300_000);
    const stopped = sim.describe(arn[0]!);
    expect(stopped.lastStatus).toBe('STOPPED');
    expect(stopped.containers.map((c) => c.name)).toEqual(['app']); // described with its definition's containers
    expect(revisions(sim, 'DELETE_IN_PROGRESS')).toHaveLength(1);

    // The stopped tasks expire after the retention hour; the revision goes a minute after the last of them.
    const lastExpiry = Math.max(...arn.map((a) => (sim.describe(a).stoppedAt as number) * 1000)) + HOUR;
    sim.advance(lastExpiry - sim.world.nowMs);
    expect(sim.world.tasks.size).toBe(0);
    expect(sim.world.taskDefinitionUse.size).toBe(0);
    expect(revisions(sim, 'DELETE_IN_PROGRESS')).toHaveLength(1);
    sim.advance(TASK_DEFINITION_DELETION_DELAY_MS);
    expect(revisions(sim, 'DELETE_IN_PROGRESS')).toEqual([]);
    expect(sim.world.timers.size).toBe(0);
  });

  it('deleting one revision leaves the family listed while it has others', () => {
    const sim = new Sim().setup();
    sim.ok('RegisterTaskDefinition', WEB_TD); // web:2
    deleteRevision(sim, 'web:1');
    sim.advance(TASK_DEFINITION_DELETION_DELAY_MS);
    expect(revisions(sim, 'ACTIVE')).toEqual(['arn:aws:ecs:us-east-1:123456789012:task-definition/web:2']);
    expect(families(sim)).toEqual(['web']);
    expect(families(sim, 'ACTIVE')).toEqual(['web']);
    // A bare family still resolves to its latest ACTIVE revision.
    expect(sim.run().tasks).toHaveLength(1);
  });

  it('a prefix listing stops at the first family past the prefix, deleted families included', () => {
    // Deleted families keep their records; the listing skips them but must still see them to know the prefix
    // range is over (one seek plus the page, not a walk to the end of the table).
    const sim = new Sim().setup();
    for (let i = 0; i < 50; i++) {
      const family = `zz${String(i).padStart(3, '0')}`;
      sim.ok('RegisterTaskDefinition', { ...WEB_TD, family });
      deleteRevision(sim, `${family}:1`);
    }
    sim.advance(TASK_DEFINITION_DELETION_DELAY_MS);
    expect(sim.world.taskDefinitions.size).toBe(1);
    let read = 0;
    const table = sim.world.families;
    const counting = new Proxy(table, {
      get(target, prop, receiver) {
        if (prop === 'entries') {
          return function* (from?: string) {
            for (const e of target.entries(from)) {
              read++;
              yield e;
            }
          };
        }
        const v = Reflect.get(target, prop, receiver) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    const w: World = { ...sim.world, families: counting };
    const r = execute(w, 'ListTaskDefinitionFamilies', { familyPrefix: 'web', status: 'ALL' });
    if (E.isLeft(r)) throw new Error(r.left.message);
    expect((r.right.output as { families: string[] }).families).toEqual(['web']);
    expect(read).toBeLessThanOrEqual(2);
    expect(families(sim)).toEqual(['web']);
  });
});
