// awsvpc tasks on the EC2 launch type (issue 11): each task gets its own ENI — an address from a subnet of the
// request in its instance's zone — within the instance type's task-ENI limit (reference §6.5: maximum ENIs − 1
// without trunking, m5.large 2 tasks); RESOURCE:ENI when an instance has none left; the ENI is attached while the
// task is PROVISIONING and detached in DEPROVISIONING, as on Fargate; the address and the ENI slot go back at
// STOPPED. EC2 task ENIs never get a public IP (reference §8).
import { describe, expect, it } from 'vitest';
import type { World } from '../../../../src/domain/world.js';
import { advance } from '../../../../src/engine/advance.js';
import { describeTask, ec2World, fails, instances, ok, withDefinition } from './harness.js';

const subnetOf = (w: World, zone: string): string => w.config.network.subnets.find((s) => s.availabilityZone === zone)!.subnetId;
const freeIn = (w: World, subnetId: string): number => {
  const s = w.config.network.subnets.find((x) => x.subnetId === subnetId)!;
  return s.usableIpCount - (w.subnetIps.get(subnetId)?.inUse ?? 0);
};

/** Two m5.large (2 task ENIs each) in us-east-1a and us-east-1b, and an awsvpc definition. */
function world(): World {
  const w = createFleet();
  return withDefinition(w, 'vpc', { cpu: 128, memory: 256, portMappings: [{ containerPort: 80 }] }, { networkMode: 'awsvpc' });
}
function createFleet(): World {
  return ec2World(0, { containerInstances: [{ cluster: 'prod', instanceType: 'm5.large', count: 2, availabilityZones: ['us-east-1a', 'us-east-1b'] }] });
}

describe('awsvpc tasks on EC2', () => {
  it('get an ENI in their instance zone, PROVISIONING → RUNNING, and give the address back at STOPPED', () => {
    let w = world();
    const subnets = [subnetOf(w, 'us-east-1a'), subnetOf(w, 'us-east-1b')];
    const before = subnets.map((s) => freeIn(w, s));
    const r = ok(w, 'RunTask', { cluster: 'prod', taskDefinition: 'vpc', launchType: 'EC2', count: 2, networkConfiguration: { awsvpcConfiguration: { subnets } } });
    w = r.world;
    expect(r.output.failures).toEqual([]);
    for (const t of r.output.tasks) {
      expect(t).toMatchObject({ lastStatus: 'PROVISIONING', version: 1, launchType: 'EC2' });
      const subnet = t.attachments[0].details.find((d: { name: string }) => d.name === 'subnetId').value;
      expect(subnet).toBe(subnetOf(w, t.availabilityZone));
    }
    expect(subnets.map((s) => freeIn(w, s)).reduce((a, b) => a + b)).toBe(before.reduce((a, b) => a + b) - 2);
    w = advance(w, 120_000).world;
    const running = describeTask(w, r.output.tasks[0].taskArn);
    expect(running.lastStatus).toBe('RUNNING');
    expect(running.attachments[0].status).toBe('ATTACHED');
    expect(running.containers[0].networkInterfaces[0].privateIpv4Address).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(running.containers[0].networkBindings).toEqual([]);
    for (const t of r.output.tasks) w = ok(w, 'StopTask', { cluster: 'prod', task: t.taskArn }).world;
    w = advance(w, 120_000).world;
    const stopped = describeTask(w, r.output.tasks[0].taskArn);
    expect(stopped).toMatchObject({ lastStatus: 'STOPPED' });
    expect(stopped.attachments[0].status).toBe('DELETED');
    expect(subnets.map((s) => freeIn(w, s))).toEqual(before);
  });

  it('run out of task ENIs: RESOURCE:ENI, until a task stops', () => {
    let w = world();
    const net = { awsvpcConfiguration: { subnets: [subnetOf(w, 'us-east-1a'), subnetOf(w, 'us-east-1b')] } };
    const r = ok(w, 'RunTask', { cluster: 'prod', taskDefinition: 'vpc', launchType: 'EC2', count: 5, networkConfiguration: net });
    expect(r.output.tasks).toHaveLength(4);
    expect(r.output.failures.map((f: { reason: string }) => f.reason)).toEqual(['RESOURCE:ENI']);
    w = advance(r.world, 120_000).world;
    w = ok(w, 'StopTask', { cluster: 'prod', task: r.output.tasks[0].taskArn }).world;
    w = advance(w, 120_000).world;
    const again = ok(w, 'RunTask', { cluster: 'prod', taskDefinition: 'vpc', launchType: 'EC2', networkConfiguration: net });
    expect(again.output.tasks).toHaveLength(1);
    expect(again.output.tasks[0].containerInstanceArn).toBe(r.output.tasks[0].containerInstanceArn);
  });

  it('only go to instances in the zones of their subnets', () => {
    const w = world();
    const r = ok(w, 'RunTask', {
      cluster: 'prod', taskDefinition: 'vpc', launchType: 'EC2', count: 3, networkConfiguration: { awsvpcConfiguration: { subnets: [subnetOf(w, 'us-east-1b')] } },
    });
    expect(r.output.tasks.map((t: { availabilityZone: string }) => t.availabilityZone)).toEqual(['us-east-1b', 'us-east-1b']);
    expect(r.output.failures.map((f: { reason: string }) => f.reason)).toHaveLength(1);
    const b = instances(r.world).find((ci) => ci.attributes.find((a: { name: string; value?: string }) => a.name === 'ecs.availability-zone')?.value === 'us-east-1b');
    expect(r.output.tasks.every((t: { containerInstanceArn: string }) => t.containerInstanceArn === b.containerInstanceArn)).toBe(true);
  });

  it('need a network configuration, and never a public IP', () => {
    const w = world();
    expect(fails(w, 'RunTask', { cluster: 'prod', taskDefinition: 'vpc', launchType: 'EC2' }).message).toBe(
      "Network Configuration must be provided when networkMode 'awsvpc' is specified.",
    );
    expect(
      fails(w, 'RunTask', {
        cluster: 'prod', taskDefinition: 'vpc', launchType: 'EC2', networkConfiguration: { awsvpcConfiguration: { subnets: [subnetOf(w, 'us-east-1a')], assignPublicIp: 'ENABLED' } },
      }).message,
    ).toBe('Assign public IP is not supported for this launch type.');
  });

  it('run as services with their network echoed', () => {
    let w = world();
    const net = { awsvpcConfiguration: { subnets: [subnetOf(w, 'us-east-1a'), subnetOf(w, 'us-east-1b')] } };
    w = ok(w, 'CreateService', { cluster: 'prod', serviceName: 'api', taskDefinition: 'vpc', desiredCount: 4, launchType: 'EC2', networkConfiguration: net }).world;
    w = advance(w, 180_000).world;
    const s = ok(w, 'DescribeServices', { cluster: 'prod', services: ['api'] }).output.services[0];
    expect(s).toMatchObject({ runningCount: 4, launchType: 'EC2' });
    expect(s.networkConfiguration.awsvpcConfiguration.subnets).toEqual(net.awsvpcConfiguration.subnets);
    expect(s.deployments[0].networkConfiguration.awsvpcConfiguration.subnets).toEqual(net.awsvpcConfiguration.subnets);
    // An update that names no network keeps the service's (found by review: it was refused).
    w = ok(w, 'UpdateService', { cluster: 'prod', service: 'api', desiredCount: 3 }).world;
    w = ok(w, 'UpdateService', { cluster: 'prod', service: 'api', desiredCount: 4 }).world;
    w = advance(w, 300_000).world;
    expect(ok(w, 'DescribeServices', { cluster: 'prod', services: ['api'] }).output.services[0].runningCount).toBe(4);
    // Four ENIs: both m5.large instances full.
    const fifth = ok(w, 'RunTask', { cluster: 'prod', taskDefinition: 'vpc', launchType: 'EC2', networkConfiguration: net }).output;
    expect(fifth.failures.map((f: { reason: string }) => f.reason)).toEqual(['RESOURCE:ENI']);
  });
});
