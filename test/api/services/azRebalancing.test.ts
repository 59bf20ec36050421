// Availability Zone rebalancing after a zone outage (reference §5.7, DG "Balancing an Amazon ECS service across
// Availability Zones"; messages as in service captures §2.1, CORPUS 2026).
import { describe, expect, it } from 'vitest';
import { injectCapacityShortage } from '../../../src/sim/faults.js';
import { ServiceSim } from './harness.js';

function zones(sim: ServiceSim): Record<string, number> {
  const arns = sim.ok<{ taskArns: string[] }>('ListTasks', { serviceName: 'web', desiredStatus: 'RUNNING' }).taskArns;
  const tasks = sim.ok<{ tasks: Array<{ availabilityZone: string }> }>('DescribeTasks', { tasks: arns }).tasks;
  const out: Record<string, number> = {};
  for (const t of tasks) out[t.availabilityZone] = (out[t.availabilityZone] ?? 0) + 1;
  return out;
}

/** A 6-task service whose zone a loses capacity: its tasks are stopped and replaced in b and c. */
function afterOutage(rebalancing: 'ENABLED' | 'DISABLED'): ServiceSim {
  const sim = new ServiceSim().setup();
  sim.create({ desiredCount: 6, availabilityZoneRebalancing: rebalancing });
  sim.until(() => sim.steady());
  expect(zones(sim)).toEqual({ 'us-east-1a': 2, 'us-east-1b': 2, 'us-east-1c': 2 });
  const r = injectCapacityShortage(sim.world, { capacityProvider: 'FARGATE', availabilityZone: 'us-east-1a', durationMs: 1_800_000 });
  sim.world = r.world;
  const arns = sim.ok<{ taskArns: string[] }>('ListTasks', { serviceName: 'web' }).taskArns;
  const tasks = sim.ok<{ tasks: Array<{ taskArn: string; availabilityZone: string }> }>('DescribeTasks', { tasks: arns }).tasks;
  for (const t of tasks) if (t.availabilityZone === 'us-east-1a') sim.ok('StopTask', { task: t.taskArn, reason: 'zone outage' });
  sim.advance(600_000);
  expect(zones(sim)).toEqual({ 'us-east-1b': 3, 'us-east-1c': 3 });
  return sim;
}

describe('AZ rebalancing', () => {
  it('moves tasks back into a zone that recovered, one at a time, and says so as ECS does', () => {
    const sim = afterOutage('ENABLED');
    // The shortage ends 30 minutes after it began; the scheduler notices on its next pass.
    sim.advance(2 * 3_600_000);
    expect(zones(sim)).toEqual({ 'us-east-1a': 2, 'us-east-1b': 2, 'us-east-1c': 2 });
    const text = sim.messages();
    const start = text.findIndex((m) => m.includes('is not AZ balanced'));
    expect(text[start]).toBe('(service web) is not AZ balanced with 3 tasks in us-east-1b, 3 tasks in us-east-1c, 0 tasks in us-east-1a. AZ Rebalancing in progress.');
    const moves = text.slice(start + 1);
    expect(moves.filter((m) => /^\(service web\) has started 1 tasks in us-east-1a to AZ Rebalance: \(task [0-9a-f]{32}\)\.$/.test(m))).toHaveLength(2);
    expect(moves.filter((m) => /^\(service web\) has stopped 1 running tasks in us-east-1[bc] due to AZ rebalancing: \(task [0-9a-f]{32}\)\.$/.test(m))).toHaveLength(2);
    expect(moves).toContain('(service web) is AZ balanced with 2 tasks in us-east-1a, 2 tasks in us-east-1b, 2 tasks in us-east-1c.');
    expect(text.at(-1)).toBe('(service web) has reached a steady state.');
    const names = sim.events.map((e) => e.detail['eventName']).filter((n) => typeof n === 'string' && n.startsWith('SERVICE_REBALANCING'));
    expect(names).toEqual(['SERVICE_REBALANCING_STARTED', 'SERVICE_REBALANCING_COMPLETED']);
  });

  it('stays unbalanced when rebalancing is DISABLED', () => {
    const sim = afterOutage('DISABLED');
    sim.advance(2 * 3_600_000);
    expect(zones(sim)).toEqual({ 'us-east-1b': 3, 'us-east-1c': 3 });
    expect(sim.messages().some((m) => m.includes('AZ balanced'))).toBe(false);
  });
});
