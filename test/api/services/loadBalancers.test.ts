// Services behind a load balancer: target groups from the World config, ACTIVATING until the target is healthy,
// DEACTIVATING for the deregistration delay, ECS's registration/draining messages, replacement of tasks failing
// ELB health checks (service captures §2.1, §2.4, §3.1–3.2; reference §4.5, §4.7).
import { describe, expect, it } from 'vitest';
import { serviceKey } from '../../../src/domain/service.js';
import { WorldTxn } from '../../../src/domain/txn.js';
import { rosterDrift } from '../../../src/scheduler/service/serviceRoster.js';
import { ServiceSim } from './harness.js';

const TG = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef';
const LB = [{ targetGroupArn: TG, containerName: 'app', containerPort: 80 }];
/** A fast target group: healthy after 2 × 10 s, unhealthy after 2 failed checks, 30 s of draining. */
const FAST_TG = { targetGroupArn: TG, healthCheckIntervalSeconds: 10, healthyThresholdCount: 2, unhealthyThresholdCount: 2, deregistrationDelaySeconds: 30 };

function lbSim(extra: Record<string, unknown> = {}): ServiceSim {
  const sim = new ServiceSim({ targetGroups: [FAST_TG], ...extra }).setup();
  sim.revise('nginx:1.27');
  return sim;
}

describe('a service behind a load balancer', () => {
  it('keeps its tasks ACTIVATING until their targets are healthy, and registers them with ECS messages', () => {
    const sim = lbSim();
    sim.create({ desiredCount: 2, taskDefinition: 'web:2', loadBalancers: LB });
    sim.until(() => sim.steady());
    const text = sim.messages();
    expect(text.filter((m) => m === `(service web) registered 1 targets in (target-group ${TG})`)).toHaveLength(2);
    const [arn] = sim.ok<{ taskArns: string[] }>('ListTasks', { serviceName: 'web' }).taskArns;
    const statuses = sim.eventsOf(arn!).map((t) => t.lastStatus);
    expect(statuses).toEqual(['PROVISIONING', 'PENDING', 'ACTIVATING', 'RUNNING']);
    // RUNNING came a healthy threshold (2 × 10 s) after ACTIVATING began, or more.
    const events = sim.eventsOf(arn!);
    const activating = Date.parse(String(events[2]!['updatedAt']));
    const running = Date.parse(String(events[3]!['updatedAt']));
    expect(running - activating).toBeGreaterThanOrEqual(20_000);
    // With a load balancer the grace period is reported, 0 when not set (JAWS, PROY captures).
    expect(sim.service()['healthCheckGracePeriodSeconds']).toBe(0);
  });

  it('answers StopTask with DEACTIVATING at once and drains for the deregistration delay (G8, G3)', () => {
    const sim = lbSim();
    sim.create({ desiredCount: 1, taskDefinition: 'web:2', loadBalancers: LB });
    sim.until(() => sim.steady());
    const [arn] = sim.ok<{ taskArns: string[] }>('ListTasks', { serviceName: 'web' }).taskArns;
    const out = sim.ok<{ task: { lastStatus: string; desiredStatus: string } }>('StopTask', { task: arn });
    expect(out.task).toMatchObject({ lastStatus: 'DEACTIVATING', desiredStatus: 'STOPPED' });
    sim.advance(25_000);
    expect(sim.describe(arn!)['lastStatus']).toBe('DEACTIVATING');
    sim.advance(60_000);
    expect(sim.describe(arn!)['lastStatus']).toBe('STOPPED');
    const text = sim.messages();
    expect(text).toContain(`(service web) deregistered 1 targets in (target-group ${TG})`);
    expect(text.some((m) => /^\(service web, taskSet ecs-svc\/\d{19}\) has begun draining connections on 1 tasks\.$/.test(m))).toBe(true);
  });

  it('completes a deployment only once the old task has drained (FLEET: completed ≈ deregistration delay after draining)', () => {
    const sim = lbSim();
    sim.create({ desiredCount: 1, taskDefinition: 'web:2', loadBalancers: LB });
    sim.until(() => sim.steady());
    sim.revise('nginx:1.28');
    sim.update({ taskDefinition: 'web:3' });
    sim.until(() => sim.steady(), 1_800_000, 1_000);
    const events = sim.service().events.slice().reverse();
    const draining = events.find((e) => e.message.includes('has begun draining'))!;
    const completed = events.find((e) => e.message.endsWith('deployment completed.') && e.createdAt > draining.createdAt)!;
    expect(completed.createdAt - draining.createdAt).toBeGreaterThanOrEqual(30);
  });

  it('replaces a task failing its ELB health checks, after the grace period, with ECS messages (PROY, captures §2.4)', () => {
    const sim = lbSim({ behaviors: [{ match: { image: 'nginx:1.27' }, failTargetHealthChecksAfterMs: 60_000 }] });
    sim.create({ desiredCount: 1, taskDefinition: 'web:2', loadBalancers: LB, healthCheckGracePeriodSeconds: 120 });
    sim.until(() => sim.messages().some((m) => m.includes('is unhealthy in')), 3_600_000, 1_000);
    const text = sim.messages();
    const i = text.findIndex((m) => m.includes('is unhealthy in'));
    expect(text[i]).toMatch(new RegExp(`^\\(service web\\) \\(task ([0-9a-f]{32})\\) \\(port 80\\) is unhealthy in \\(target-group ${TG.replace(/[/.]/g, '\\$&')}\\) due to \\(reason Health checks failed\\)\\.$`));
    const taskId = /\(task ([0-9a-f]{32})\)/.exec(text[i]!)![1]!;
    const t = sim.describe(`arn:aws:ecs:us-east-1:123456789012:task/default/${taskId}`);
    expect(t).toMatchObject({ stopCode: 'ServiceSchedulerInitiated', stoppedReason: `Task failed ELB health checks in (target-group ${TG})` });
    expect((t['stoppingAt'] as number) - (t['startedAt'] as number)).toBeGreaterThanOrEqual(120);
    expect(text[i + 1]).toMatch(/^\(service web\) has stopped 1 running tasks: \(task [0-9a-f]{32}\)\.$/);
    // The counts the scheduler decided from (its roster, with the target's failure instant) match the tasks.
    expect(rosterDrift(new WorldTxn(sim.world), sim.world.services.get(serviceKey('default', 'web'))!)).toBeUndefined();
    expect(sim.world.serviceRosters.get(serviceKey('default', 'web'))?.deployments.some((d) => d.live > 0), 'the roster counts the replacement').toBe(true);
  });

  it('refuses a target group ARN that is not one', () => {
    const sim = lbSim();
    const err = sim.fail('CreateService', {
      serviceName: 'web', taskDefinition: 'web:2', desiredCount: 1, launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-a1'] } },
      loadBalancers: [{ targetGroupArn: 'my-target-group', containerName: 'app', containerPort: 80 }],
    });
    expect(err.name).toBe('InvalidParameterException');
    expect(err.message).toMatch(/targetGroupArn/);
  });

  it('reads target group settings from the World config, exactly (an unknown key is named)', () => {
    expect(() => new ServiceSim({ targetGroups: [{ ...FAST_TG, deregistrationDelay: 5 } as never] })).toThrow(/deregistrationDelay/);
    expect(() => new ServiceSim({ targetGroups: [{ ...FAST_TG, healthyThresholdCount: 1 }] })).toThrow(/healthyThresholdCount/);
  });
});
