// TwinHost: the running twin behind the endpoint — charging (decision 0003), journal + replay (snapshot/restore),
// events by cursor, reset, and the realtime clock (virtual time = wall time × speed).
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { TwinHost, type ClockMode } from '../../src/adapters/twinHost.js';
import { replay } from '../../src/sim/journal.js';

const hostOf = (config: unknown = { seed: 2 }, clock: ClockMode = { kind: 'manual' }): TwinHost => {
  const t = TwinHost.create(config, clock);
  if (E.isLeft(t)) throw new Error(t.left.message);
  return t.right;
};

const TASK_DEFINITION = {
  family: 'web',
  requiresCompatibilities: ['FARGATE'],
  networkMode: 'awsvpc',
  cpu: '256',
  memory: '512',
  containerDefinitions: [{ name: 'web', image: 'nginx' }],
};

function busyHost(): TwinHost {
  const host = hostOf({ seed: 2, quotas: { onDemandVcpu: 100 } });
  const subnets = host.world.config.network.subnets.map((s) => s.subnetId);
  host.ecs('CreateCluster', {});
  host.ecs('RegisterTaskDefinition', TASK_DEFINITION);
  host.ecs('RunTask', { taskDefinition: 'web', launchType: 'FARGATE', count: 3, networkConfiguration: { awsvpcConfiguration: { subnets } } });
  host.ecs('RunTask', { taskDefinition: 'nope' });
  host.advance(60_000);
  return host;
}

describe('TwinHost', () => {
  it('refuses an invalid config or speed with a clear error, never a throw', () => {
    const bad = TwinHost.create({ retention: { stopedTaskMs: 1 } });
    expect(E.isLeft(bad) && bad.left.message).toContain('retention.stopedTaskMs: unknown key (did you mean stoppedTaskMs?)');
    const speed = TwinHost.create({}, { kind: 'realtime', speed: 0 });
    expect(E.isLeft(speed) && speed.left.message).toBe('speed: expected a finite number > 0, got 0.');
  });

  it('charges rejected requests: 20 bad RunTask calls empty the bucket, the 21st valid one is throttled', () => {
    const host = hostOf();
    host.ecs('CreateCluster', {});
    host.ecs('RegisterTaskDefinition', TASK_DEFINITION);
    for (let i = 0; i < 20; i++) expect(E.isLeft(host.ecs('RunTask', { taskDefinition: 'web', count: 0 }))).toBe(true);
    const r = host.ecs('RunTask', { taskDefinition: 'web', launchType: 'FARGATE' });
    expect(E.isLeft(r) && r.left).toEqual({ name: 'ThrottlingException', message: 'Rate exceeded.' });
  });

  it('snapshots as config + journal, and replay of the snapshot is byte-identical to the live World', () => {
    const host = busyHost();
    const snap = host.snapshot();
    const replayed = replay(snap.config, snap.journal);
    expect(E.isRight(replayed) && JSON.stringify(replayed.right)).toBe(JSON.stringify(host.world));
    // The snapshot is plain JSON data: it survives a round trip through text.
    const copy = hostOf();
    expect(E.isRight(copy.restore(JSON.parse(JSON.stringify(snap))))).toBe(true);
    expect(JSON.stringify(copy.world)).toBe(JSON.stringify(host.world));
  });

  it('restores nothing from an invalid snapshot and names the bad entry', () => {
    const host = busyHost();
    const before = host.world;
    const r = host.restore({ config: {}, journal: [{ kind: 'sleep' }] });
    expect(E.isLeft(r) && r.left.message).toContain('journal[0].kind');
    expect(host.world).toBe(before);
    expect(E.isLeft(host.restore([]))).toBe(true);
  });

  it('reads events by cursor, page by page, without losing or repeating one', () => {
    const host = busyHost();
    const total = host.eventCursor;
    expect(total).toBeGreaterThan(3);
    const first = host.eventsSince(0, 2);
    const rest = host.eventsSince(first.nextCursor, 1000);
    expect(first.events).toHaveLength(2);
    expect(first.events.length + rest.events.length).toBe(total);
    expect(rest.nextCursor).toBe(total);
    expect(host.eventsSince(total).events).toEqual([]);
    expect(rest.events[0]?.['detail-type']).toBe('ECS Task State Change');
  });

  it('resets to an empty World; the event cursor keeps counting so readers never see old cursors again', () => {
    const host = busyHost();
    const cursor = host.eventCursor;
    expect(E.isRight(host.reset())).toBe(true);
    expect(host.world.clusters.size).toBe(0);
    expect(host.snapshot().journal).toEqual([]);
    expect(host.eventCursor).toBe(cursor);
    expect(host.eventsSince(0)).toEqual({ events: [], nextCursor: cursor, truncated: true });
    expect(E.isLeft(host.reset({ seed: 'x' }))).toBe(true);
  });

  it('realtime: virtual time follows the wall clock × speed, and the steps are journaled', () => {
    let wall = 1_000;
    const host = hostOf({}, { kind: 'realtime', speed: 50, wallNowMs: () => wall });
    const start = host.world.nowMs;
    wall += 200;
    host.ecs('ListClusters', {});
    expect(host.world.nowMs).toBe(start + 10_000);
    host.advance(5_000); // the control API adds on top of the realtime clock
    wall += 10;
    host.ecs('ListClusters', {});
    expect(host.world.nowMs).toBe(start + 15_500);
    const snap = host.snapshot();
    expect(snap.journal.filter((e) => e.kind === 'advance').map((e) => (e as { ms: number }).ms)).toEqual([10_000, 5_000, 500]);
  });

  it('applies faults as journal entries and refuses malformed ones without a change', () => {
    const host = busyHost();
    const subnet = host.world.config.network.subnets[0]?.subnetId ?? '';
    expect(E.isRight(host.fault({ fault: 'setSubnetAvailability', subnetId: subnet, available: false }))).toBe(true);
    expect(host.world.faults.unavailableSubnets).toEqual([subnet]);
    const before = host.world;
    expect(E.isLeft(host.fault({ fault: 'meteorStrike' }))).toBe(true);
    expect(E.isLeft(host.fault(null))).toBe(true);
    expect(host.world).toBe(before);
    expect(host.snapshot().journal.at(-1)).toEqual({ kind: 'fault', fault: 'setSubnetAvailability', subnetId: subnet, available: false });
  });
});
