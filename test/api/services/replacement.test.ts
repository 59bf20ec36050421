// The service scheduler keeps desiredCount tasks: replacements after StopTask, crashes and failing health checks,
// scale-out and scale-in with AZ balance, the periodic steady-state message (reference §4.4–4.8, captures §3.2, §3.4).
import { describe, expect, it } from 'vitest';
import { ServiceSim } from './harness.js';

const azOf = (sim: ServiceSim): Record<string, number> => {
  const arns = sim.ok<{ taskArns: string[] }>('ListTasks', { serviceName: 'web', desiredStatus: 'RUNNING' }).taskArns;
  const tasks = sim.ok<{ tasks: Array<{ availabilityZone: string }> }>('DescribeTasks', { tasks: arns }).tasks;
  const out: Record<string, number> = {};
  for (const t of tasks) out[t.availabilityZone] = (out[t.availabilityZone] ?? 0) + 1;
  return out;
};

describe('replacement', () => {
  it('replaces a task stopped with StopTask, 5–30 s later (G3: +18.9 s), and is steady again', () => {
    const sim = new ServiceSim().setup();
    sim.create({ desiredCount: 2 });
    sim.until(() => sim.steady());
    const [victim] = sim.ok<{ taskArns: string[] }>('ListTasks', { serviceName: 'web' }).taskArns;
    const stoppedAt = sim.world.nowMs;
    sim.ok('StopTask', { task: victim });
    sim.until(() => sim.service().pendingCount + sim.service().runningCount === 2, 60_000, 1_000);
    const startedAfterS = (sim.world.nowMs - stoppedAt) / 1000;
    expect(startedAfterS).toBeGreaterThanOrEqual(5);
    expect(startedAfterS).toBeLessThanOrEqual(31);
    sim.until(() => sim.steady());
    sim.advance(60_000);
    const text = sim.messages();
    expect(text.filter((m) => m === '(service web) has reached a steady state.')).toHaveLength(2);
    // The user stop is not the scheduler's: no "has stopped" event for it.
    expect(text.some((m) => m.includes('has stopped'))).toBe(false);
  });

  it('replaces a task whose essential container exited, without back-off', () => {
    const sim = new ServiceSim({ behaviors: [{ match: { image: 'nginx:*' }, exitAfterMs: 600_000, exitCode: 1 }] }).setup();
    sim.create({ desiredCount: 1 });
    sim.advance(30 * 60_000);
    const starts = sim.messages().filter((m) => m.startsWith('(service web) has started'));
    // One task per ~10 minutes (exit after 10 min, plus start-up and the scheduler's reaction).
    expect(starts.length).toBeGreaterThanOrEqual(3);
    expect(starts.length).toBeLessThanOrEqual(4);
  });

  it('replaces a task failing its container health check, after the grace period, with ECS messages (G3)', () => {
    const sim = new ServiceSim({ behaviors: [{ match: { image: 'nginx:sick' }, unhealthyAfterMs: 120_000 }] }).setup();
    sim.revise('nginx:sick', { healthCheck: { command: ['CMD-SHELL', 'curl -f localhost'], interval: 10, retries: 3 } });
    sim.create({ desiredCount: 1, taskDefinition: 'web:2', healthCheckGracePeriodSeconds: 300 });
    sim.until(() => sim.messages().some((m) => m.includes('failed container health checks')), 3_600_000);
    const text = sim.messages();
    const i = text.findIndex((m) => /^\(service web\) \(task [0-9a-f]{32}\) failed container health checks\.$/.test(m));
    expect(text[i + 1]).toMatch(/^\(service web\) has stopped 1 running tasks: \(task [0-9a-f]{32}\)\.$/);
    expect(text[i + 2]).toMatch(/^\(service web\) has started 1 tasks: \(task [0-9a-f]{32}\)\. Amazon ECS replaced 1 tasks due to an unhealthy status\.$/);
    const taskId = /\(task ([0-9a-f]{32})\)/.exec(text[i]!)![1]!;
    const arn = `arn:aws:ecs:us-east-1:123456789012:task/default/${taskId}`;
    const t = sim.describe(arn);
    expect(t).toMatchObject({ stopCode: 'ServiceSchedulerInitiated', stoppedReason: 'Task failed container health checks' });
    // Not before the grace period: the container turned UNHEALTHY at ~150 s, the grace period ends at 300 s.
    expect((t['stoppingAt'] as number) - (t['startedAt'] as number)).toBeGreaterThanOrEqual(300);
  });
});

describe('scaling', () => {
  it('scales out and in on desiredCount, keeping zones balanced, without a new deployment', () => {
    const sim = new ServiceSim().setup();
    sim.create({ desiredCount: 3 });
    sim.until(() => sim.steady());
    sim.update({ desiredCount: 9 });
    sim.until(() => sim.steady());
    expect(azOf(sim)).toEqual({ 'us-east-1a': 3, 'us-east-1b': 3, 'us-east-1c': 3 });
    sim.update({ desiredCount: 4 });
    sim.until(() => sim.steady());
    const zones = Object.values(azOf(sim));
    expect(zones.reduce((a, b) => a + b, 0)).toBe(4);
    expect(Math.max(...zones) - Math.min(...zones)).toBeLessThanOrEqual(1);
    expect(sim.service().deployments).toHaveLength(1);
    expect(sim.messages()).toContainEqual(expect.stringMatching(/^\(service web\) has stopped 5 running tasks: (\(task [0-9a-f]{32}\) ?){5}\.$/));
  });

  it('repeats the steady-state message every 6 hours while steady (FLEET: 6 h 00 m – 6 h 00 m 46 s)', () => {
    const sim = new ServiceSim().setup();
    sim.create({ desiredCount: 1 });
    sim.until(() => sim.steady());
    sim.advance(13 * 3_600_000);
    const steady = sim.service().events.filter((e) => e.message === '(service web) has reached a steady state.').map((e) => e.createdAt).reverse();
    expect(steady).toHaveLength(3);
    expect(steady[1]! - steady[0]!).toBe(6 * 3600);
    expect(steady[2]! - steady[1]!).toBe(6 * 3600);
  });

  it('keeps at most 100 events, newest first', () => {
    const sim = new ServiceSim({ behaviors: [{ match: { image: 'nginx:*' }, exitAfterMs: 60_000, exitCode: 1 }] }).setup();
    sim.create({ desiredCount: 3 });
    sim.advance(12 * 3_600_000);
    const events = sim.service().events;
    expect(events).toHaveLength(100);
    expect(events.every((e, i) => i === 0 || e.createdAt <= events[i - 1]!.createdAt)).toBe(true);
  });
});

describe('DeleteService', () => {
  it('drains a forced delete: DRAINING at once, tasks stopped, then INACTIVE and gone from ListServices', () => {
    const sim = new ServiceSim().setup();
    sim.create({ desiredCount: 2 });
    sim.until(() => sim.steady());
    const out = sim.ok<{ service: { status: string; desiredCount: number } }>('DeleteService', { service: 'web', force: true });
    expect(out.service).toMatchObject({ status: 'DRAINING', desiredCount: 0 });
    expect(sim.ok<{ serviceArns: string[] }>('ListServices', {}).serviceArns).toEqual([]);
    sim.until(() => sim.service().status === 'INACTIVE', 600_000, 1_000);
    expect(sim.ok<{ taskArns: string[] }>('ListTasks', { serviceName: 'web', desiredStatus: 'RUNNING' }).taskArns).toEqual([]);
    // Deleting again answers the service as it is (aws/aws-cli#1334).
    expect(sim.ok<{ service: { status: string } }>('DeleteService', { service: 'web' }).service.status).toBe('INACTIVE');
    const c = sim.ok<{ clusters: Array<{ activeServicesCount: number }> }>('DescribeClusters', { clusters: ['default'] });
    expect(c.clusters[0]!.activeServicesCount).toBe(0);
    sim.ok('DeleteCluster', { cluster: 'default' });
  });
});

describe('DescribeServices and ListServices', () => {
  it('describes up to 10, reports unknown ones MISSING, includes tags on request', () => {
    const sim = new ServiceSim().setup();
    sim.create({ tags: [{ key: 'team', value: 'web' }] });
    const out = sim.ok<{ services: Array<{ serviceName: string; tags?: unknown }>; failures: unknown[] }>('DescribeServices', {
      services: ['web', 'nope', 'arn:aws:ecs:us-east-1:123456789012:service/default/web'],
      include: ['TAGS'],
    });
    expect(out.services.map((s) => s.serviceName)).toEqual(['web', 'web']);
    expect(out.services[0]!.tags).toEqual([{ key: 'team', value: 'web' }]);
    expect(out.failures).toEqual([{ arn: 'arn:aws:ecs:us-east-1:123456789012:service/default/nope', reason: 'MISSING' }]);
    expect(sim.fail('DescribeServices', { services: Array.from({ length: 11 }, (_, i) => `s${i}`) }).message).toBe('service names can have at most 10 items.');
  });

  it('lists 10 per page by default, in name order, filtered by launch type', () => {
    const sim = new ServiceSim().setup();
    for (let i = 0; i < 12; i++) sim.create({ serviceName: `svc-${String(i).padStart(2, '0')}`, desiredCount: 0 });
    sim.create({ serviceName: 'spot', desiredCount: 0, launchType: undefined, capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }] });
    const first = sim.ok<{ serviceArns: string[]; nextToken?: string }>('ListServices', {});
    expect(first.serviceArns).toHaveLength(10);
    const second = sim.ok<{ serviceArns: string[]; nextToken?: string }>('ListServices', { nextToken: first.nextToken });
    expect(second.serviceArns).toHaveLength(3);
    expect(second.nextToken).toBeUndefined();
    const all = [...first.serviceArns, ...second.serviceArns].map((a) => a.split('/').at(-1));
    expect(all).toEqual([...all].sort());
    expect(sim.ok<{ serviceArns: string[] }>('ListServices', { launchType: 'FARGATE', maxResults: 100 }).serviceArns).toHaveLength(12);
  });

  it('ListTasks by serviceName finds the service tasks', () => {
    const sim = new ServiceSim().setup();
    sim.create({ desiredCount: 2 });
    sim.until(() => sim.steady());
    expect(sim.ok<{ taskArns: string[] }>('ListTasks', { serviceName: 'web' }).taskArns).toHaveLength(2);
  });
});
