// Review (s7review2): the shared Fargate sites (`taskSite`, 6cfd216) are interned in a module-level map keyed by
// `${capacityProviderName ?? ''}␀zone␀${subnetId ?? ''}`: a provider or subnet of "" and an absent one get the same
// site, and the first one interned wins — for every World of the process. The snapshot checks do not look at these
// fields, so one snapshot read with `"capacityProviderName": ""` changes the tasks every later World launches.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { deserializeWorld, serializeWorld } from '../../src/codecs/worldSnapshot.js';
import { taskSite } from '../../src/domain/task.js';
import type { World } from '../../src/domain/world.js';
import { createWorld } from '../../src/engine/createWorld.js';
import { execute } from '../../src/engine/execute.js';
import { ok } from '../api/clusters/harness.js';

describe('shared task sites', () => {
  it('keep an absent capacity provider apart from an empty name', () => {
    taskSite('', 'zone-review-1', 'subnet-review1', undefined);
    expect(taskSite(undefined, 'zone-review-1', 'subnet-review1', undefined).capacityProviderName).toBeUndefined();
  });

  it('keep an absent subnet apart from an empty id', () => {
    taskSite('FARGATE', 'zone-review-2', '', undefined);
    expect(taskSite('FARGATE', 'zone-review-2', undefined, undefined).subnetId).toBeUndefined();
  });

  it('are not changed for a new World by a snapshot read before it', () => {
    const launch = (strategy: boolean): { w: World; taskArn: string } => {
      let w = createWorld({ seed: 1 });
      w = ok(w, 'CreateCluster', { clusterName: 'default', capacityProviders: ['FARGATE', 'FARGATE_SPOT'] }).world;
      w = ok(w, 'RegisterTaskDefinition', { family: 'web', requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc', cpu: '256', memory: '512', containerDefinitions: [{ name: 'app', image: 'nginx' }] }).world;
      const r = ok(w, 'RunTask', {
        cluster: 'default', taskDefinition: 'web',
        ...(strategy ? { capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }] } : { launchType: 'FARGATE' }),
        networkConfiguration: { awsvpcConfiguration: { subnets: [w.config.network.subnets[0]!.subnetId] } },
      });
      return { w: r.world, taskArn: r.output.tasks[0].taskArn as string };
    };
    // A snapshot (hand-edited: the provider's name emptied) read, refused or not, before another World launches.
    const edited = serializeWorld(launch(true).w).replace('"capacityProviderName":"FARGATE"', '"capacityProviderName":""');
    expect(edited).toContain('"capacityProviderName":""');
    deserializeWorld(edited);
    const { w, taskArn } = launch(false);
    const described = execute(w, 'DescribeTasks', { cluster: 'default', tasks: [taskArn] });
    const task = E.isRight(described) ? (described.right.output as { tasks: Array<Record<string, unknown>> }).tasks[0] : undefined;
    expect(task?.launchType).toBe('FARGATE');
    expect(task).not.toHaveProperty('capacityProviderName');
    expect([...w.clusters.values()][0]!.tasksByCapacityProvider).toEqual({});
  });
});
