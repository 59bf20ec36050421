// Re-registering a container instance that runs tasks (RegisterContainerInstance with its containerInstanceArn,
// as an agent does after a restart) keeps its ledger: the tasks keep holding their CPU, memory and ports, the
// counts stay, and stopping a task afterwards gives back exactly what it held. (Before the fix the ledger was reset
// to the registered resources, and the World's snapshot no longer read back.)
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { deserializeWorld, serializeWorld } from '../../../../src/codecs/worldSnapshot.js';
import { advance } from '../../../../src/engine/advance.js';
import { ec2World, instances, ok, resource, withDefinition } from './harness.js';

describe('RegisterContainerInstance again, with tasks on the instance', () => {
  it('keeps what the tasks hold, the counts and the task groups', () => {
    let w = withDefinition(ec2World(1), 'web', { cpu: 256, memory: 512, portMappings: [{ containerPort: 80, hostPort: 8080 }] });
    const [ci] = instances(w);
    const run = ok(w, 'StartTask', { cluster: 'prod', taskDefinition: 'web', containerInstances: [ci.containerInstanceArn] });
    w = advance(run.world, 120_000).world;
    w = ok(w, 'RegisterContainerInstance', { cluster: 'prod', containerInstanceArn: ci.containerInstanceArn }).world;
    let [again] = instances(w);
    expect(again.version).toBeGreaterThan(ci.version);
    expect(again).toMatchObject({ runningTasksCount: 1, pendingTasksCount: 0 });
    expect(resource(again, 'remainingResources', 'CPU')).toBe(resource(again, 'registeredResources', 'CPU') as number - 256);
    expect(resource(again, 'remainingResources', 'MEMORY')).toBe(resource(again, 'registeredResources', 'MEMORY') as number - 512);
    expect(resource(again, 'remainingResources', 'PORTS')).toEqual([...(resource(again, 'registeredResources', 'PORTS') as string[]), '8080']);
    const text = serializeWorld(w);
    const back = deserializeWorld(text);
    expect(E.isRight(back) && serializeWorld(back.right)).toBe(text);

    w = ok(w, 'StopTask', { cluster: 'prod', task: run.output.tasks[0].taskArn }).world;
    w = advance(w, 60_000).world;
    [again] = instances(w);
    expect(again.remainingResources).toEqual(again.registeredResources);
    expect(again).toMatchObject({ runningTasksCount: 0, pendingTasksCount: 0 });
  });

  it('keeps a reserved port that a task holds reserved when the task stops (found by review)', () => {
    let w = withDefinition(ec2World(1), 'web', { cpu: 256, memory: 512, portMappings: [{ containerPort: 8080 }] }, { networkMode: 'host' });
    const [ci] = instances(w);
    const run = ok(w, 'StartTask', { cluster: 'prod', taskDefinition: 'web', containerInstances: [ci.containerInstanceArn] });
    w = advance(run.world, 120_000).world;
    // The agent re-registers reserving 8080, which the task still holds.
    w = ok(w, 'RegisterContainerInstance', {
      cluster: 'prod', containerInstanceArn: ci.containerInstanceArn,
      totalResources: [{ name: 'PORTS', type: 'STRINGSET', stringSetValue: ['22', '8080'] }],
    }).world;
    w = ok(w, 'StopTask', { cluster: 'prod', task: run.output.tasks[0].taskArn }).world;
    w = advance(w, 60_000).world;
    const [after] = instances(w);
    expect(resource(after, 'remainingResources', 'PORTS')).toEqual(['22', '8080']);
    const text = serializeWorld(w);
    const back = deserializeWorld(text);
    expect(E.isRight(back) && serializeWorld(back.right)).toBe(text);
    // 8080 is reserved: no task may take it.
    const refused = ok(w, 'StartTask', { cluster: 'prod', taskDefinition: 'web', containerInstances: [ci.containerInstanceArn] }).output;
    expect(refused.failures.map((f: { reason: string }) => f.reason)).toEqual(['RESOURCE:PORTS']);
  });
});
