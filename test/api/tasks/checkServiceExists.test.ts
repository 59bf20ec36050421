import { describe, expect, it } from 'vitest';
import { ServiceSim } from '../services/harness.js';

describe('ListTasks serviceName', () => {
  // [OBS] turbot/steampipe-plugin-aws#1415 (service captures §4), reference §3.8: "ServiceNotFoundException:
  // Service not found." for a serviceName that does not exist — also for a service of another cluster.
  it('answers ServiceNotFoundException "Service not found." for a service that does not exist in the cluster', () => {
    const sim = new ServiceSim().setup();
    sim.ok('CreateCluster', { clusterName: 'other' });
    sim.create({ desiredCount: 0 });
    expect(sim.fail('ListTasks', { serviceName: 'nope' })).toEqual({ name: 'ServiceNotFoundException', message: 'Service not found.' });
    expect(sim.fail('ListTasks', { cluster: 'other', serviceName: 'web' })).toEqual({ name: 'ServiceNotFoundException', message: 'Service not found.' });
    expect(sim.ok<{ taskArns: string[] }>('ListTasks', { serviceName: 'web' }).taskArns).toEqual([]);
  });

  it('still lists the stopped tasks of a deleted service', () => {
    const sim = new ServiceSim().setup();
    sim.create({ desiredCount: 1 });
    sim.until(() => sim.steady());
    sim.ok('DeleteService', { service: 'web', force: true });
    sim.until(() => sim.service().status === 'INACTIVE', 600_000);
    expect(sim.ok<{ taskArns: string[] }>('ListTasks', { serviceName: 'web', desiredStatus: 'STOPPED' }).taskArns).toHaveLength(1);
  });
});
