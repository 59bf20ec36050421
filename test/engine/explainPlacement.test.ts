// explainPlacement (issue 11): what a RunTask on EC2 would do, and why tasks would not place — instances rejected
// per filter and the closest instance with what it lacks — without changing the World.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { serializeWorld } from '../../src/codecs/worldSnapshot.js';
import { explainPlacement } from '../../src/engine/explainPlacement.js';
import { ec2World, ok, withDefinition } from '../api/tasks/ec2/harness.js';

describe('explainPlacement', () => {
  it('places what fits, and says why the rest does not, naming the closest instance and its shortfall', () => {
    // Three m5.xlarge (15,728 MiB): 6,000 MiB tasks fit two per instance.
    const w = withDefinition(ec2World(3), 'big', { cpu: 256, memory: 6000 });
    const before = serializeWorld(w);
    const r = explainPlacement(w, { cluster: 'prod', taskDefinition: 'big', count: 8, placementStrategy: [{ type: 'binpack', field: 'memory' }] });
    expect(E.isRight(r)).toBe(true);
    if (E.isLeft(r)) return;
    const report = r.right;
    expect(report.placed).toHaveLength(6);
    expect(report.unplaced).toBe(2);
    expect(report.reason).toBe('RESOURCE:MEMORY');
    expect(report.explanation?.rejectedFirstBy).toEqual({ 'RESOURCE:MEMORY': 3 });
    expect(report.explanation?.closest?.shortfalls).toEqual(['needs 2272 MiB more memory']);
    expect(report.explanation?.closest?.instanceId).toMatch(/^i-[0-9a-f]{17}$/);
    expect(report.explanation?.closestContainerInstanceArn).toMatch(/:container-instance\/prod\/[0-9a-f]{32}$/);
    expect(report.explanation?.text).toBe(
      `Unable to place 2 task(s) of family:big: RESOURCE:MEMORY on 3 of 3 instance(s). Closest: ${report.explanation?.closest?.instanceId}: needs 2272 MiB more memory.`,
    );
    // binpack: two per instance, instance after instance.
    const ids = report.placed.map((p) => p.ec2InstanceId);
    expect([ids[0] === ids[1], ids[2] === ids[3], ids[4] === ids[5]]).toEqual([true, true, true]);
    expect(new Set(ids).size).toBe(3);
    expect(serializeWorld(w), 'the World is unchanged').toBe(before);
  });

  it('counts each filter: DRAINING, constraints, ports', () => {
    let w = withDefinition(ec2World(3), 'web', { portMappings: [{ containerPort: 80, hostPort: 80 }] });
    const arns = ok(w, 'ListContainerInstances', { cluster: 'prod' }).output.containerInstanceArns as string[];
    w = ok(w, 'UpdateContainerInstancesState', { cluster: 'prod', containerInstances: [arns[0]], status: 'DRAINING' }).world;
    w = ok(w, 'RunTask', { cluster: 'prod', taskDefinition: 'web', launchType: 'EC2', count: 2 }).world;
    const r = explainPlacement(w, { cluster: 'prod', taskDefinition: 'web' });
    expect(E.isRight(r) && r.right).toMatchObject({ placed: [], unplaced: 1, reason: 'RESOURCE:PORTS' });
    if (E.isRight(r)) {
      expect(r.right.explanation?.rejectedFirstBy).toEqual({ DRAINING: 1, 'RESOURCE:PORTS': 2 });
      expect(r.right.explanation?.closest?.shortfalls).toEqual(['host port 80/tcp already in use']);
    }
  });

  it('answers RunTask errors for bad requests', () => {
    const w = withDefinition(ec2World(1), 'web');
    expect(explainPlacement(w, { cluster: 'prod', taskDefinition: 'nope' })).toMatchObject(E.left({ name: 'ClientException' }));
    expect(explainPlacement(w, { cluster: 'prod', taskDefinition: 'web', count: 0 })).toMatchObject(E.left({ name: 'InvalidParameterException' }));
    expect(explainPlacement(w, { cluster: 'prod', taskDefinition: 'web', placementConstraints: [{ type: 'memberOf', expression: 'nonsense ==' }] })).toMatchObject(
      E.left({ name: 'InvalidParameterException' }),
    );
    expect(explainPlacement(w, { taskDefinition: 42 })).toMatchObject(E.left({ name: 'SerializationException' }));
    expect(explainPlacement(w, { cluster: 'prod', taskDefinition: 'web', launchType: 'FARGATE' })).toMatchObject(
      E.left({ name: 'InvalidParameterException', message: expect.stringMatching(/EC2 container instances/) }),
    );
  });
});
