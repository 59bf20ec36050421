// The EC2 books in World snapshots (issue 11): a container instance's ledger (remainingResources, task counts,
// taskGroups) and the ListTasks index by instance are derived from its tasks, so the decoder refuses a snapshot
// whose books disagree with its tasks — naming the instance and the field — and builds the index by instance for
// snapshots written before it existed.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { deserializeWorld, serializeWorld } from '../../src/codecs/worldSnapshot.js';
import type { World } from '../../src/domain/world.js';
import { advance } from '../../src/engine/advance.js';
import { ec2World, instances, ok, withDefinition } from '../api/tasks/ec2/harness.js';

/** prod with 2 instances: a RUNNING web task with host ports on one, a PENDING one and a STOPPED one elsewhere. */
function booked(): { world: World; arn: string } {
  let w = withDefinition(ec2World(2), 'web', { cpu: 128, memory: 256, portMappings: [{ containerPort: 80, hostPort: 0 }, { containerPort: 53, hostPort: 0, protocol: 'udp' }] });
  const [a, b] = instances(w).map((ci) => ci.containerInstanceArn as string);
  w = ok(w, 'StartTask', { cluster: 'prod', taskDefinition: 'web', containerInstances: [a] }).world;
  w = advance(w, 120_000).world;
  const r = ok(w, 'StartTask', { cluster: 'prod', taskDefinition: 'web', containerInstances: [b, b], group: 'g2' });
  w = ok(r.world, 'StopTask', { cluster: 'prod', task: r.output.tasks[1].taskArn }).world;
  w = advance(w, 30_000).world;
  return { world: w, arn: a! };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = { world: Record<string, any> };
/** The snapshot of `w` as JSON, edited by `edit`, as text again. */
function edited(w: World, edit: (doc: Doc) => void): string {
  const doc = JSON.parse(serializeWorld(w)) as Doc;
  edit(doc);
  return JSON.stringify(doc);
}
/** The row of the instance with ARN `arn` in a snapshot document. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const rowOf = (doc: Doc, arn: string): any => (doc.world.containerInstances as Array<[string, { arn: string }]>).find(([, ci]) => ci.arn === arn)![1];
const refusal = (text: string): string => {
  const r = deserializeWorld(text);
  if (E.isRight(r)) throw new Error('the snapshot was read');
  expect(r.left.name).toBe('SerializationException');
  return r.left.message;
};

describe('EC2 books in World snapshots', () => {
  it('an unedited snapshot decodes and writes back the same bytes', () => {
    const { world } = booked();
    const text = serializeWorld(world);
    const back = deserializeWorld(text);
    expect(E.isRight(back) && serializeWorld(back.right)).toBe(text);
  });

  it('refuses a ledger that disagrees with the tasks, naming the instance and the field', () => {
    const { world, arn } = booked();
    const at = `Invalid World snapshot: snapshot.world.containerInstances: container instance ${arn}: `;
    expect(refusal(edited(world, (d) => (rowOf(d, arn).remainingResources.cpu += 128)))).toBe(
      `${at}remainingResources.cpu is ${4096 - 128 + 128}, but registered 4096 less 128 held by its 1 task(s) not STOPPED leave 3968.`,
    );
    expect(refusal(edited(world, (d) => (rowOf(d, arn).remainingResources.memory = 0)))).toMatch(new RegExp(`^${escape(at)}remainingResources\\.memory is 0, but`));
    expect(refusal(edited(world, (d) => rowOf(d, arn).remainingResources.ports.pop()))).toMatch(new RegExp(`^${escape(at)}remainingResources\\.ports is `));
    expect(refusal(edited(world, (d) => (rowOf(d, arn).remainingResources.portsUdp = [])))).toMatch(new RegExp(`^${escape(at)}remainingResources\\.portsUdp is \\[\\]`));
    expect(refusal(edited(world, (d) => (rowOf(d, arn).runningTasksCount = 0)))).toBe(`${at}runningTasksCount is 0, but 1 of its tasks are RUNNING.`);
    expect(refusal(edited(world, (d) => (rowOf(d, arn).pendingTasksCount = 2)))).toBe(`${at}pendingTasksCount is 2, but 0 of its tasks are pending.`);
    expect(refusal(edited(world, (d) => (rowOf(d, arn).taskGroups = { 'family:web': 2 })))).toBe(`${at}taskGroups['family:web'] is 2, but 1 of its tasks are in that group.`);
    expect(refusal(edited(world, (d) => delete rowOf(d, arn).taskGroups))).toBe(`${at}taskGroups['family:web'] is missing, but 1 of its tasks are in that group.`);
  });

  it('refuses a task on an instance the snapshot does not hold', () => {
    const { world, arn } = booked();
    const text = edited(world, (d) => {
      d.world.containerInstances = (d.world.containerInstances as Array<[string, { arn: string }]>).filter(([, ci]) => ci.arn !== arn);
    });
    expect(refusal(text)).toMatch(/^Invalid World snapshot: snapshot\.world\.tasks: task [0-9a-f]{32} runs on container instance .*, which the snapshot does not hold\.$/);
  });

  it('refuses an index by instance that disagrees with the tasks', () => {
    const { world } = booked();
    const text = edited(world, (d) => {
      const row = (d.world.taskIndex as Array<[string, number[]]>).find(([range]) => range.startsWith('I'))!;
      row[1] = [...row[1], 999_999];
    });
    expect(refusal(text)).toMatch(/^Invalid World snapshot: snapshot\.world\.taskIndex: range "I␀prod␀[0-9a-f]{32}␀RUNNING␀" lists tasks \[.*999999\], but the tasks imply \[/);
  });

  it('builds the index by instance for a snapshot written without it, to the same World', () => {
    const { world } = booked();
    const text = serializeWorld(world);
    const old = edited(world, (d) => {
      d.world.taskIndex = (d.world.taskIndex as Array<[string, number[]]>).filter(([range]) => !range.startsWith('I'));
    });
    expect(old).not.toBe(text);
    const back = deserializeWorld(old);
    expect(E.isRight(back) && serializeWorld(back.right)).toBe(text);
  });

  it('reads a snapshot without taskGroups and without EC2 tasks (written before EC2 tasks existed)', () => {
    const w = ec2World(2);
    const old = edited(w, (d) => {
      for (const [, ci] of d.world.containerInstances as Array<[string, Record<string, unknown>]>) delete ci.taskGroups;
    });
    const back = deserializeWorld(old);
    expect(E.isRight(back)).toBe(true);
    // A task placed after reading it is booked as in a World that never was a snapshot.
    const run = (x: World) => serializeWorld(ok(withDefinition(x, 'web'), 'RunTask', { cluster: 'prod', taskDefinition: 'web', launchType: 'EC2' }).world);
    expect(E.isRight(back) && run(back.right)).toBe(run(w));
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
