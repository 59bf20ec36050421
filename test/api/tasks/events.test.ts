import { describe, expect, it } from 'vitest';
import { eventIdWords, TaskStateChangeEvent } from '../../../src/scheduler/taskEvents.js';
import { Sim, type Task } from './harness.js';

describe('ECS Task State Change events (reference §12.2–12.3)', () => {
  it('wear the EventBridge envelope, with the task ARN as the resource', () => {
    const sim = new Sim().setup();
    const arn = sim.run().tasks[0]!.taskArn;
    const e = sim.events[0]!;
    expect(e).toBeInstanceOf(TaskStateChangeEvent);
    expect(e.version).toBe('0');
    expect(e['detail-type']).toBe('ECS Task State Change');
    expect(e.source).toBe('aws.ecs');
    expect(e.account).toBe('123456789012');
    expect(e.region).toBe('us-east-1');
    expect(e.time).toBe('2024-01-01T00:00:00Z');
    expect(e.resources).toEqual([arn]);
    expect(e.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('carry the DescribeTasks Task with ISO timestamps, version and updatedAt, without healthStatus or tags', () => {
    const sim = new Sim().setup();
    const arn = sim.run({ tags: [{ key: 'k', value: 'v' }] }).tasks[0]!.taskArn;
    sim.advance(300_000);
    const running = sim.eventsOf(arn).at(-1)!;
    const described = sim.describe(arn);
    expect(running.createdAt).toBe('2024-01-01T00:00:00Z'); // no fraction: trimmed, as real events (§3.8 B)
    expect(Date.parse(String(running.startedAt))).toBe(Math.round((described.startedAt as number) * 1000));
    expect(running.version).toBe(described.version);
    expect(running).not.toHaveProperty('healthStatus');
    expect(running).not.toHaveProperty('tags');
    // Apart from those, the detail is the described task.
    const { healthStatus: _h, tags: _t, ...rest } = described;
    const epochFields = ['createdAt', 'connectivityAt', 'pullStartedAt', 'pullStoppedAt', 'startedAt'];
    for (const [k, v] of Object.entries(rest)) {
      if (k === 'containers' || k === 'attachments') continue;
      if (epochFields.includes(k)) expect(Date.parse(String(running[k])), k).toBe(Math.round((v as number) * 1000));
      else expect(running[k], k).toEqual(v);
    }
    expect((running.containers as Task['containers']).map(({ healthStatus: _, ...c }) => c)).toEqual(
      described.containers.map(({ healthStatus: _, ...c }) => c),
    );
  });

  it('call the ENI attachment `eni`, as the EventBridge sample does, while DescribeTasks says ElasticNetworkInterface', () => {
    // Reference §3.7: the EventBridge sample of "ECS Task State Change" shows `type: "eni"`; DescribeTasks shows
    // `ElasticNetworkInterface`. Only the type differs: id, status and details are the same.
    const sim = new Sim().setup();
    const arn = sim.run().tasks[0]!.taskArn;
    sim.advance(300_000);
    const running = sim.eventsOf(arn).at(-1)!;
    const described = sim.describe(arn);
    expect(running.lastStatus).toBe('RUNNING');
    for (const e of sim.eventsOf(arn)) expect(e.attachments.map((a) => a.type)).toEqual(['eni']);
    expect(described.attachments.map((a) => a.type)).toEqual(['ElasticNetworkInterface']);
    expect(running.attachments).toEqual(described.attachments.map((a) => ({ ...a, type: 'eni' })));
  });

  it('serialise to the full envelope in EventBridge key order, and give the same plain data every time', () => {
    const sim = new Sim().setup();
    sim.run();
    const e = sim.events[0] as TaskStateChangeEvent;
    const json = JSON.parse(JSON.stringify(e)) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail']);
    expect(json).toEqual(JSON.parse(JSON.stringify(e.toPlain())));
    expect(e.detail).toBe(e.detail); // built once
    expect(e.id).toBe(e.id);
  });

  it('keep describing the task as it was when the event was emitted', () => {
    const sim = new Sim().setup();
    sim.run();
    const first = sim.events[0]!;
    sim.advance(300_000);
    expect((first.detail as Task).lastStatus).toBe('PROVISIONING'); // read after the task moved on
  });

  // Reference §3.8 B: the event's ISO timestamps drop trailing zeros of the fraction (`…:39.75Z`, `…:44Z`), as in
  // the EventBridge fixture of techservicesillinois/pie-cweventformat-lambda (`"startedAt": "2016-12-06T16:41:06.8Z"`).
  it('write ISO timestamps with the trailing zeros of the fraction trimmed', () => {
    const sim = new Sim({ startTimeMs: Date.UTC(2020, 5, 1, 10, 0, 39, 750) }).setup();
    const arn = sim.run().tasks[0]!.taskArn;
    sim.advance(300_000);
    const [first] = sim.eventsOf(arn);
    expect(first!.createdAt).toBe('2020-06-01T10:00:39.75Z');
    expect(first!.updatedAt).toBe('2020-06-01T10:00:39.75Z');
    const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{0,2}[1-9])?Z$/;
    for (const e of sim.eventsOf(arn)) {
      for (const k of ['createdAt', 'connectivityAt', 'pullStartedAt', 'pullStoppedAt', 'startedAt', 'updatedAt']) {
        if (e[k] !== undefined) expect(e[k], k).toMatch(iso);
      }
    }
    expect(sim.events[0]!.time).toBe('2020-06-01T10:00:39Z'); // the envelope keeps second precision (§12.2)
  });

  it('have distinct ids, derived from the seed and the event\'s sequence number', () => {
    const sim = new Sim().setup();
    sim.run({ count: 10 });
    sim.advance(300_000);
    const ids = sim.events.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(30); // three versions per task: PROVISIONING, PENDING, RUNNING
  });
});

describe('tags on tasks (TagResource)', () => {
  it('tags, lists and untags a running task; a stopped task is gone for tagging', () => {
    const sim = new Sim().setup();
    const arn = sim.run().tasks[0]!.taskArn;
    sim.ok('TagResource', { resourceArn: arn, tags: [{ key: 'a', value: '1' }] });
    expect(sim.ok('ListTagsForResource', { resourceArn: arn })).toEqual({ tags: [{ key: 'a', value: '1' }] });
    expect(sim.describe(arn).version).toBe(1); // tags are not in events: no new version
    sim.ok('UntagResource', { resourceArn: arn, tagKeys: ['a'] });
    expect(sim.describe(arn).tags).toEqual([]);
    sim.ok('StopTask', { task: arn });
    sim.advance(300_000);
    expect(sim.fail('TagResource', { resourceArn: arn, tags: [{ key: 'a', value: '1' }] }).name).toBe('ResourceNotFoundException');
    expect(sim.fail('TagResource', { resourceArn: 'arn:aws:ecs:us-east-1:123456789012:task/default/zz', tags: [] }).name).toBe(
      'InvalidParameterException',
    );
  });
});

describe('event ids (eventIdWords)', () => {
  it('are distinct across a World\'s events and differ between seeds', () => {
    const seen = new Set<string>();
    for (let n = 0; n < 200_000; n++) seen.add(eventIdWords(7, n).join(','));
    expect(seen.size).toBe(200_000);
    // The same sequence number in another World (seed) gives another id.
    expect(eventIdWords(8, 12345)).not.toEqual(eventIdWords(7, 12345));
    // Numbers beyond 2^32 keep their high part.
    expect(eventIdWords(7, 2 ** 32 + 5)).not.toEqual(eventIdWords(7, 5));
  });
});
