// "ECS Container Instance State Change" events (issue 11; Developer Guide, container instance state change events:
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs_container_instance_events.html — placing or
// stopping tasks changes the remaining resources; deregistering; the agent connecting or disconnecting): one event
// per changed instance per transaction, its detail the instance as described, with clusterArn and updatedAt.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { EcsEvent } from '../../../src/domain/events.js';
import { advance } from '../../../src/engine/advance.js';
import { createWorld } from '../../../src/engine/createWorld.js';
import { execute } from '../../../src/engine/execute.js';
import { setAgentConnected } from '../../../src/sim/agentFaults.js';
import { ec2World, instances, ok, withDefinition } from '../../api/tasks/ec2/harness.js';

const ofInstances = (events: readonly EcsEvent[]) => events.filter((e) => e['detail-type'] === 'ECS Container Instance State Change');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const cpuOf = (e: EcsEvent): number => (e.detail as any).remainingResources.find((r: { name: string }) => r.name === 'CPU').integerValue;

describe('ECS Container Instance State Change', () => {
  it('follows the tasks placed on and stopped from an instance, one event per transaction', () => {
    let w = withDefinition(ec2World(1), 'web', { cpu: 256, memory: 512 });
    const [ci] = instances(w);
    const run = ok(w, 'RunTask', { cluster: 'prod', taskDefinition: 'web', launchType: 'EC2', count: 3 });
    const placed = ofInstances(run.events);
    expect(placed).toHaveLength(1);
    expect(placed[0]).toMatchObject({
      source: 'aws.ecs',
      resources: [ci.containerInstanceArn],
      detail: { containerInstanceArn: ci.containerInstanceArn, clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/prod', status: 'ACTIVE', agentConnected: true, pendingTasksCount: 3, runningTasksCount: 0, version: ci.version + 1 },
    });
    expect(cpuOf(placed[0]!)).toBe(4096 - 3 * 256);
    // Task events come first in the transaction; the instance's follows at commit.
    expect(run.events.at(-1)!['detail-type']).toBe('ECS Container Instance State Change');
    const running = advance(run.world, 120_000);
    const counts = ofInstances(running.events).map((e) => (e.detail as { runningTasksCount: number }).runningTasksCount);
    expect(counts.at(-1)).toBe(3);
    w = running.world;
    const stop = ok(w, 'StopTask', { cluster: 'prod', task: run.output.tasks[0].taskArn });
    const stopped = advance(stop.world, 60_000);
    expect(cpuOf(ofInstances(stopped.events).at(-1)!)).toBe(4096 - 2 * 256);
  });

  it('announces a state change, an agent disconnect and a deregistration', () => {
    const w = ec2World(1);
    const [ci] = instances(w);
    const drain = ok(w, 'UpdateContainerInstancesState', { cluster: 'prod', containerInstances: [ci.containerInstanceArn], status: 'DRAINING' });
    expect(ofInstances(drain.events).map((e) => (e.detail as { status: string }).status)).toEqual(['DRAINING']);
    const off = setAgentConnected(w, { cluster: 'prod', containerInstance: ci.containerInstanceArn, connected: false });
    expect(ofInstances(off.events).map((e) => (e.detail as { agentConnected: boolean }).agentConnected)).toEqual([false]);
    const gone = ok(w, 'DeregisterContainerInstance', { cluster: 'prod', containerInstance: ci.containerInstanceArn });
    expect(ofInstances(gone.events).map((e) => (e.detail as { status: string }).status)).toEqual(['INACTIVE']);
  });

  it('says nothing for the instances of the World configuration, whose tasks are numbered as without them', () => {
    const run = (config: Record<string, unknown>) => {
      let w = createWorld({ seed: 3, ...config });
      w = ok(w, 'CreateCluster', { clusterName: 'c' }).world;
      w = ok(w, 'RegisterTaskDefinition', { family: 'f', networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], cpu: '256', memory: '512', containerDefinitions: [{ name: 'a', image: 'nginx' }] }).world;
      const subnet = w.config.network.subnets[0]!.subnetId;
      const r = execute(w, 'RunTask', { cluster: 'c', taskDefinition: 'f', launchType: 'FARGATE', networkConfiguration: { awsvpcConfiguration: { subnets: [subnet] } } });
      return E.isRight(r) ? (r.right.output as { tasks: Array<{ taskArn: string }> }).tasks[0]!.taskArn : '';
    };
    expect(run({ containerInstances: [{ cluster: 'prod', instanceType: 'm5.large', count: 5 }] })).toBe(run({}));
  });
});
