// A World's tasks in their domain form, read through the public readers (src/index.ts): the times a task stores
// as TaskTimes, its numeric address, its derived pool and ENI flag give what DescribeTasks shows.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { advance, createWorld, execute, hasEni, poolOf, privateIpOf, taskMs, taskMsOpt, type Task, type World } from '../../src/index.js';
import { net, SUBNETS, WEB_TD } from '../api/tasks/harness.js';

function must(w: World, op: string, input: unknown): World {
  const r = execute(w, op, input);
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right.world;
}

describe('reading a World task', () => {
  let w = createWorld({ network: { subnets: SUBNETS } });
  w = must(w, 'CreateCluster', { clusterName: 'default', capacityProviders: ['FARGATE', 'FARGATE_SPOT'] });
  w = must(w, 'RegisterTaskDefinition', WEB_TD);
  // 192.168.0.0/28: addresses at or above 2^31, which the task holds as a negative 32-bit number.
  w = must(w, 'RunTask', { cluster: 'default', taskDefinition: 'web', count: 2, launchType: 'FARGATE', networkConfiguration: net('subnet-other') });
  w = must(w, 'RunTask', { cluster: 'default', taskDefinition: 'web', capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }], networkConfiguration: net('subnet-a1') });
  w = advance(w, 300_000).world;
  const tasks: Task[] = [...w.tasks.values()];
  const described = execute(w, 'DescribeTasks', { cluster: 'default', tasks: tasks.map((t) => t.taskId) });
  const wire = E.isRight(described) ? (described.right.output as { tasks: Array<Record<string, unknown>> }).tasks : [];

  it('gives the times, the address, the pool and the ENI that DescribeTasks shows', () => {
    expect(tasks).toHaveLength(3);
    for (const t of tasks) {
      const d = wire.find((x) => (x.taskArn as string).endsWith(t.taskId))!;
      expect(taskMs(t, t.createdAt)).toBe((d.createdAt as number) * 1000);
      expect(taskMsOpt(t, t.startedAt)).toBe((d.startedAt as number) * 1000);
      expect(taskMsOpt(t, t.stop?.stoppedAt)).toBeUndefined();
      const details = (d.attachments as Array<{ details: Array<{ name: string; value: string }> }>)[0]!.details;
      expect(privateIpOf(t)).toBe(details.find((x) => x.name === 'privateIPv4Address')!.value);
      expect(hasEni(t)).toBe(true);
      expect(poolOf(t)).toBe(d.capacityProviderName === 'FARGATE_SPOT' ? 'FARGATE_SPOT' : 'FARGATE');
    }
    expect(tasks.map(privateIpOf).filter((ip) => ip?.startsWith('192.168.0.'))).toHaveLength(2);
    expect(tasks.map(poolOf).sort()).toEqual(['FARGATE', 'FARGATE', 'FARGATE_SPOT']);
  });

  it('shares one site among the tasks of one provider and subnet', () => {
    const [a, b, c] = tasks;
    expect(a!.site).toBe(b!.site);
    expect(c!.site).not.toBe(a!.site);
  });
});
