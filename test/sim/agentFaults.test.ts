// setAgentConnected (issue 11): a disconnected agent's instance takes no new task (placement's AGENT reason; API
// reference ContainerInstance.agentConnected: "Only instances connected to an agent can accept task placement
// requests" — https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerInstance.html), the tasks on
// it keep running, and the fault is journaled: a replay gives the same World.
import { describe, expect, it } from 'vitest';
import { serializeWorld } from '../../src/codecs/worldSnapshot.js';
import { advance } from '../../src/engine/advance.js';
import { applyEntry } from '../../src/sim/journal.js';
import { setAgentConnected } from '../../src/sim/agentFaults.js';
import { describeTask, ec2World, instances, ok, withDefinition } from '../api/tasks/ec2/harness.js';

describe('setAgentConnected', () => {
  it('keeps new tasks off a disconnected instance (AGENT) and leaves its tasks running', () => {
    let w = withDefinition(ec2World(1), 'web');
    const r = ok(w, 'RunTask', { cluster: 'prod', taskDefinition: 'web', launchType: 'EC2' });
    w = advance(r.world, 120_000).world;
    const [ci] = instances(w);
    const off = setAgentConnected(w, { cluster: 'prod', containerInstance: ci.containerInstanceArn, connected: false });
    expect(off.error).toBeUndefined();
    w = off.world;
    expect(instances(w)[0].agentConnected).toBe(false);
    expect(ok(w, 'ListContainerInstances', { cluster: 'prod', filter: 'agentConnected == false' }).output.containerInstanceArns).toEqual([ci.containerInstanceArn]);
    const refused = ok(w, 'RunTask', { cluster: 'prod', taskDefinition: 'web', launchType: 'EC2' }).output;
    expect(refused.failures.map((f: { reason: string }) => f.reason)).toEqual(['AGENT']);
    w = advance(w, 600_000).world;
    expect(describeTask(w, r.output.tasks[0].taskArn).lastStatus).toBe('RUNNING');
    w = setAgentConnected(w, { cluster: 'prod', containerInstance: ci.containerInstanceArn, connected: true }).world;
    expect(ok(w, 'RunTask', { cluster: 'prod', taskDefinition: 'web', launchType: 'EC2' }).output.tasks).toHaveLength(1);
  });

  it('is journaled and replays to the same World; bad arguments are refused, the World unchanged', () => {
    const w = ec2World(2);
    const [ci] = instances(w);
    const entry = { kind: 'fault', fault: 'setAgentConnected', options: { cluster: 'prod', containerInstance: ci.containerInstanceArn, connected: false } };
    const applied = applyEntry(w, entry as never);
    expect(applied.error).toBeUndefined();
    expect(applied.world.containerInstances.get([...w.containerInstances.keys()][0]!)?.agentConnected).toBe(false);
    expect(serializeWorld(applied.world)).toBe(serializeWorld(setAgentConnected(w, entry.options as never).world));
    const unknown = setAgentConnected(w, { cluster: 'prod', containerInstance: 'nope', connected: false });
    expect(unknown.error).toMatchObject({ name: 'InvalidParameterException' });
    expect(unknown.world).toBe(w);
    expect(setAgentConnected(w, { containerInstance: ci.containerInstanceArn, connected: 'no' } as never).error?.name).toBe('InvalidParameterException');
  });
});
