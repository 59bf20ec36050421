import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { test } from '@fast-check/vitest';
import { Sim, WEB_TD } from './harness.js';

function world(): { sim: Sim; web: string[]; api: string[]; job: string[] } {
  const sim = new Sim().setup();
  sim.ok('RegisterTaskDefinition', { ...WEB_TD, family: 'api' });
  const web = sim.run({ count: 3 }).tasks.map((t) => t.taskArn);
  const api = sim.run({ taskDefinition: 'api', count: 2 }).tasks.map((t) => t.taskArn);
  const job = sim.run({ count: 2, startedBy: 'job-7' }).tasks.map((t) => t.taskArn);
  return { sim, web, api, job };
}

const list = (sim: Sim, input: Record<string, unknown>): string[] =>
  sim.ok<{ taskArns: string[] }>('ListTasks', input).taskArns;

describe('ListTasks', () => {
  it('lists RUNNING-desired tasks by default, in launch order', () => {
    const { sim, web, api, job } = world();
    expect(list(sim, {})).toEqual([...web, ...api, ...job]);
  });

  it('filters by family, startedBy, launch type and desired status', () => {
    const { sim, web, api, job } = world();
    expect(list(sim, { family: 'api' })).toEqual(api);
    expect(list(sim, { family: 'web' })).toEqual([...web, ...job]);
    expect(list(sim, { startedBy: 'job-7' })).toEqual(job);
    expect(list(sim, { launchType: 'FARGATE' })).toHaveLength(7);
    expect(list(sim, { launchType: 'EC2' })).toEqual([]);
    expect(list(sim, { family: 'api', launchType: 'EC2' })).toEqual([]);
    expect(list(sim, { desiredStatus: 'PENDING' })).toEqual([]); // ECS never sets PENDING
    expect(list(sim, { containerInstance: 'abc' })).toEqual([]); // Fargate tasks have none
    sim.ok('StopTask', { task: api[0] });
    expect(list(sim, { desiredStatus: 'STOPPED' })).toEqual([api[0]]);
    expect(list(sim, { family: 'api' })).toEqual([api[1]]);
    expect(list(sim, { family: 'api', desiredStatus: 'STOPPED' })).toEqual([api[0]]);
  });

  // [OBS] reference §3.8 (messages seen in real answers): ListTasks with a serviceName that does not exist answers
  // "ServiceNotFoundException: Service not found." The twin has no services yet, so every name is unknown — even one
  // that a task's group (`service:web`) mentions, and with any other filter or desired status.
  it('answers ServiceNotFoundException for a serviceName that names no service of the cluster', () => {
    const { sim } = world();
    sim.run({ group: 'service:web' });
    const notFound = { name: 'ServiceNotFoundException', message: 'Service not found.' };
    expect(sim.fail('ListTasks', { serviceName: 'web' })).toEqual(notFound);
    expect(sim.fail('ListTasks', { serviceName: 'web', family: 'web' })).toEqual(notFound);
    expect(sim.fail('ListTasks', { serviceName: 'web', desiredStatus: 'PENDING' })).toEqual(notFound);
    expect(sim.fail('ListTasks', { serviceName: 'web', desiredStatus: 'STOPPED' })).toEqual(notFound);
    // The cluster is checked first, as for every cluster-scoped call.
    expect(sim.fail('ListTasks', { serviceName: 'web', cluster: 'nope' })).toEqual({
      name: 'ClusterNotFoundException',
      message: 'Cluster not found.',
    });
  });

  it('refuses startedBy with another filter (API reference: it must be the only filter)', () => {
    const { sim } = world();
    expect(sim.fail('ListTasks', { startedBy: 'job-7', family: 'web' })).toEqual({
      name: 'InvalidParameterException',
      message: 'startedBy must be the only filter when it is given (with an optional desiredStatus).',
    });
    expect(sim.fail('ListTasks', { maxResults: 0 }).message).toBe('maxResults must be between 1 and 100.');
    expect(sim.fail('ListTasks', { nextToken: 'garbage!' }).message).toBe('The nextToken provided is invalid.');
    expect(sim.fail('ListTasks', { desiredStatus: 'DONE' }).name).toBe('InvalidParameterException');
  });

  it('refuses a nextToken that came from another filter', () => {
    const { sim, api } = world();
    const first = sim.ok<{ taskArns: string[]; nextToken?: string }>('ListTasks', { family: 'api', maxResults: 1 });
    expect(first.taskArns).toEqual([api[0]]);
    expect(first.nextToken).toBeDefined();
    // The same token continues its own listing…
    expect(list(sim, { family: 'api', nextToken: first.nextToken })).toEqual([api[1]]);
    // …but is refused for another one, instead of silently restarting or ending it.
    expect(sim.fail('ListTasks', { family: 'web', nextToken: first.nextToken })).toEqual({
      name: 'InvalidParameterException',
      message: 'The nextToken provided is invalid.',
    });
    expect(sim.fail('ListTasks', { desiredStatus: 'STOPPED', nextToken: first.nextToken }).name).toBe('InvalidParameterException');
  });

  test.prop([fc.integer({ min: 1, max: 8 })])('pages return every task exactly once for any page size', (pageSize) => {
    const { sim, web, api, job } = world();
    const seen: string[] = [];
    let nextToken: string | undefined;
    for (let i = 0; i < 20; i++) {
      const page = sim.ok<{ taskArns: string[]; nextToken?: string }>('ListTasks', { maxResults: pageSize, ...(nextToken ? { nextToken } : {}) });
      expect(page.taskArns.length).toBeLessThanOrEqual(pageSize);
      seen.push(...page.taskArns);
      nextToken = page.nextToken;
      if (!nextToken) break;
    }
    expect(seen).toEqual([...web, ...api, ...job]);
  });
});
