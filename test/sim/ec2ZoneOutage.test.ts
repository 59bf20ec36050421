// A zone outage with EC2 capacity (issue 11 meets the what-if faults): while it lasts the zone's container
// instances are unreachable — a service's replacements go to the other zones, a daemon counts one instance fewer
// per instance there — and when it ends the instances take tasks again and the daemon comes back. EC2 tasks are not
// billed per task in a simulation (the instances would be, by the hour: not modelled).
import { describe, expect, it } from 'vitest';
import type { World } from '../../src/domain/world.js';
import { advance } from '../../src/engine/advance.js';
import { simulateSeed } from '../../src/sim/run/simulateSeed.js';
import { zoneOutage } from '../../src/sim/runtimeFaults.js';
import { loadOk } from './scenario/fixtures.js';
import { ok, withDefinition, ec2World } from '../api/tasks/ec2/harness.js';

const liveZones = (w: World, group: string): string[] =>
  [...w.tasks.values()].filter((t) => t.desiredStatus === 'RUNNING' && t.spec.group === group).map((t) => t.site.availabilityZone).sort();

describe('zoneOutage with EC2 container instances', () => {
  it('moves replacements off the dark zone and lets the daemon back when it ends', () => {
    let w = withDefinition(ec2World(6), 'web', { cpu: 256, memory: 512 });
    w = withDefinition(w, 'agent', { cpu: 64, memory: 64 });
    w = ok(w, 'CreateService', { cluster: 'prod', serviceName: 'web', taskDefinition: 'web', desiredCount: 6, launchType: 'EC2' }).world;
    w = ok(w, 'CreateService', { cluster: 'prod', serviceName: 'agent', taskDefinition: 'agent', launchType: 'EC2', schedulingStrategy: 'DAEMON' }).world;
    w = advance(w, 180_000).world;
    expect(liveZones(w, 'service:web')).toEqual(['us-east-1a', 'us-east-1a', 'us-east-1b', 'us-east-1b', 'us-east-1c', 'us-east-1c']);
    const out = zoneOutage(w, { availabilityZone: 'us-east-1a', durationMs: 30 * 60_000 });
    expect(out.error).toBeUndefined();
    w = advance(out.world, 10 * 60_000).world;
    // Replaced in the other zones; the daemon runs on the four reachable instances.
    expect(liveZones(w, 'service:web').filter((z) => z === 'us-east-1a')).toEqual([]);
    expect(liveZones(w, 'service:web')).toHaveLength(6);
    expect(liveZones(w, 'service:agent')).toEqual(['us-east-1b', 'us-east-1b', 'us-east-1c', 'us-east-1c']);
    expect(ok(w, 'DescribeServices', { cluster: 'prod', services: ['agent'] }).output.services[0].desiredCount).toBe(4);
    // After the window the zone's instances count again: the daemon is back on all six.
    w = advance(w, 25 * 60_000).world;
    expect(liveZones(w, 'service:agent')).toHaveLength(6);
    expect(ok(w, 'DescribeServices', { cluster: 'prod', services: ['agent'] }).output.services[0].desiredCount).toBe(6);
  });
});

describe('a simulation with EC2 capacity', () => {
  it('runs an EC2 service and bills its tasks nothing (instances are billed by the hour, not modelled)', () => {
    const yaml = `name: ec2
duration: 1h
world:
  seed: 3
  containerInstances:
    - { cluster: prod, instanceType: m5.xlarge, count: 3, availabilityZones: [us-east-1a, us-east-1b, us-east-1c] }
resources:
  clusters: [{ clusterName: prod }]
  taskDefinitions:
    - { family: web, requiresCompatibilities: [EC2], containerDefinitions: [{ name: app, image: nginx, cpu: 512, memory: 1024, portMappings: [{ containerPort: 80, hostPort: 0 }] }] }
  services:
    - { cluster: prod, serviceName: web, taskDefinition: web, desiredCount: 4, launchType: EC2 }
`;
    const r = simulateSeed(loadOk(yaml).base, 'base', 0);
    expect(r.cost.totalUsd).toBe(0);
    const web = r.services['prod/web']!;
    expect(Math.max(...web.RunningTaskCount)).toBe(4);
  });
});
