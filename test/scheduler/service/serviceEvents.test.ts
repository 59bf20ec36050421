// The "(service s) has started N tasks: (task a) (task b) …" event holds its task ids and builds ECS's message when
// read (src/scheduler/service/serviceEvents.ts): DescribeServices, the JSON of the World (snapshots) and the
// duplicate-suppression check must see exactly the text an eagerly built message had. Wording: the service
// captures (/work/shared/ecs-service-captures.md §2.1: "(service <s>) has started <n> tasks: (task <id>) (task
// <id>)." in every source; with ". Amazon ECS replaced <n> tasks due to an unhealthy status." after it, G3 2026).
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { deserializeWorld, serializeWorld } from '../../../src/codecs/worldSnapshot.js';
import type { ServiceEvent } from '../../../src/domain/service.js';
import { WorldTxn } from '../../../src/domain/txn.js';
import { createWorld } from '../../../src/engine/createWorld.js';
import { StartedTasksEvent, withServiceEvent, withStartedTasksEvent } from '../../../src/scheduler/service/serviceEvents.js';
import { unableToPlaceMessage } from '../../../src/scheduler/service/serviceMessages.js';
import { ServiceSim } from '../../api/services/harness.js';

describe('the "has started N tasks" service event', () => {
  it('reads as ECS words it, with the ids of the tasks the pass launched, in launch order', () => {
    const s = new ServiceSim();
    s.setup();
    s.create({ desiredCount: 3 });
    s.advance(30_000);
    const ids = s.ok<{ taskArns: string[] }>('ListTasks', { serviceName: 'web' }).taskArns.map((arn) => arn.slice(arn.lastIndexOf('/') + 1));
    expect(ids).toHaveLength(3);
    const text = `(service web) has started 3 tasks: (task ${ids[0]}) (task ${ids[1]}) (task ${ids[2]}).`;
    expect(s.messages(), 'DescribeServices events[].message').toContain(text);

    const held = s.world.services.get('default\u0000web')!.events.find((e) => e instanceof StartedTasksEvent) as StartedTasksEvent;
    expect(held.taskIds, 'the event holds the ids, not their text').toEqual(ids);
    expect(held.message).toBe(text);
    // Written as a plain event — members in a built event's order — and read back as one, with the same bytes.
    expect(JSON.stringify(held)).toBe(JSON.stringify({ id: held.id, createdAtMs: held.createdAtMs, message: text }));
    const snapshot = serializeWorld(s.world);
    expect(snapshot).toContain(JSON.stringify(text));
    const back = deserializeWorld(snapshot);
    expect(E.isRight(back) && back.right.services.get('default\u0000web')!.events.map((e) => e.message)).toEqual(
      s.world.services.get('default\u0000web')!.events.map((e) => e.message),
    );
    expect(E.isRight(back) && serializeWorld(back.right)).toBe(snapshot);
  });

  it('adds the replacement sentence when the pass replaced unhealthy tasks', () => {
    const e = new StartedTasksEvent('id', 0, 'api', ['a', 'b'], 1);
    expect(e.message).toBe('(service api) has started 2 tasks: (task a) (task b). Amazon ECS replaced 1 tasks due to an unhealthy status.');
    expect(new StartedTasksEvent('id', 0, 'api', ['a'], 0).message).toBe('(service api) has started 1 tasks: (task a).');
  });

  it('is the newest of at most 100 events, and does not break the suppression of a repeated condition', () => {
    const tx = new WorldTxn(createWorld());
    const unable = unableToPlaceMessage('web', 'RESOURCE:FARGATE', true);
    let events: readonly ServiceEvent[] = withServiceEvent(tx, [], unable, true);
    for (let i = 0; i < 120; i++) events = withStartedTasksEvent(tx, events, 'web', [`t${i}`], 0);
    expect(events).toHaveLength(100);
    expect(events[0]!.message).toBe('(service web) has started 1 tasks: (task t119).');
    expect(events[99]!.message).toBe('(service web) has started 1 tasks: (task t20).');
    // Started events between two identical placement failures do not make the second one new (reference §4.5).
    const two = withServiceEvent(tx, withStartedTasksEvent(tx, withServiceEvent(tx, [], unable, true), 'web', ['a'], 0), unable, true);
    expect(two.map((e) => e.message)).toEqual(['(service web) has started 1 tasks: (task a).', unable]);
  });
});
