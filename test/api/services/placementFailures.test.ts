// What a service says when Fargate cannot place its tasks (reference §4.7; service captures §2.1: TRACER 2021,
// flightcontrol.dev), and that it keeps trying and catches up once capacity is back.
import { describe, expect, it } from 'vitest';
import { injectCapacityShortage } from '../../../src/sim/faults.js';
import { ServiceSim } from './harness.js';

describe('placement failures of a service', () => {
  it('reports the vCPU quota with ECS words and runs what fits', () => {
    // 2 vCPUs On-Demand: eight 0.25-vCPU tasks fit, the ninth and tenth do not.
    const sim = new ServiceSim({ quotas: { onDemandVcpu: 2 } }).setup();
    sim.create({ desiredCount: 10 });
    sim.advance(600_000);
    expect(sim.service().runningCount).toBe(8);
    const text = sim.messages();
    const limit =
      "(service web) was unable to place a task. Reason: You've reached the limit on the number of vCPUs you can run concurrently. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.";
    // Said once, not on every retry (a repeated condition is suppressed, reference §4.5).
    expect(text.filter((m) => m === limit)).toHaveLength(1);
    const failure = sim.events.find((e) => e.detail['eventName'] === 'SERVICE_TASK_PLACEMENT_FAILURE');
    expect(failure?.detail).toMatchObject({ eventType: 'ERROR', reason: 'RESOURCE:VCPU' });
  });

  it('reports a capacity shortage in every zone and catches up when it ends', () => {
    const sim = new ServiceSim().setup();
    let w = sim.world;
    for (const az of ['us-east-1a', 'us-east-1b', 'us-east-1c']) {
      w = injectCapacityShortage(w, { capacityProvider: 'FARGATE', availabilityZone: az, durationMs: 600_000 }).world;
    }
    sim.world = w;
    sim.create({ desiredCount: 2 });
    sim.advance(300_000);
    expect(sim.service().runningCount).toBe(0);
    expect(sim.messages()).toContain(
      '(service web) was unable to place a task. Reason: Capacity is unavailable at this time. Please try again later or in a different availability zone. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.',
    );
    sim.until(() => sim.steady(), 1_800_000);
    expect(sim.service().runningCount).toBe(2);
  });
});
