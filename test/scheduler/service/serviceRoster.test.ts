// The service roster (serviceRoster.ts) as the scheduler keeps it: it follows the tasks through deployments and
// keeps only the deployments that still have live tasks, so a long-lived service does not accumulate them.
import { describe, expect, it } from 'vitest';
import { serviceKey } from '../../../src/domain/service.js';
import { WorldTxn } from '../../../src/domain/txn.js';
import { rosterDrift } from '../../../src/scheduler/service/serviceRoster.js';
import { ServiceSim } from '../../api/services/harness.js';

describe('the service roster', () => {
  it('counts only deployments with live tasks after many rollouts, and matches the tasks throughout', () => {
    const sim = new ServiceSim().setup();
    sim.create({ desiredCount: 3 });
    sim.until(() => sim.steady());
    const key = serviceKey('default', 'web');
    for (let i = 0; i < 6; i++) {
      sim.update({ forceNewDeployment: true });
      sim.advance(60_000);
      // Mid-rollout: the old and the new deployment both have tasks.
      expect(sim.world.serviceRosters.get(key)!.deployments.length).toBeLessThanOrEqual(2);
      expect(rosterDrift(new WorldTxn(sim.world), sim.world.services.get(key)!)).toBeUndefined();
      sim.until(() => sim.steady());
    }
    const roster = sim.world.serviceRosters.get(key)!;
    expect(roster.deployments.map((d) => [d.id, d.live, d.running, d.healthy])).toEqual([[sim.service().deployments[0]!.id, 3, 3, 3]]);
    expect(roster.queue).toEqual([]);
  });
});
