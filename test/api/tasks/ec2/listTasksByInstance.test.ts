// ListTasks with a containerInstance filter (issue 11): "The container instance ID or full ARN of the container
// instance to use when filtering the ListTasks results. Specifying a containerInstance limits the results to tasks
// that belong to that container instance."
// (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ListTasks.html)
// SIM RULE: a reference that names no instance of the cluster lists nothing (the API reference names no error).
import { describe, expect, it } from 'vitest';
import type { World } from '../../../../src/domain/world.js';
import { advance } from '../../../../src/engine/advance.js';
import { ec2World, fails, instances, ok, withDefinition } from './harness.js';

const arnsOf = (r: { output: { tasks: Array<{ taskArn: string }> } }): string[] => r.output.tasks.map((t) => t.taskArn);
const list = (w: World, input: Record<string, unknown>): string[] => ok(w, 'ListTasks', { cluster: 'prod', ...input }).output.taskArns;

/** Two instances: a holds web ×2 (one started by `ci`), api ×1; b holds web ×1. */
function fleet() {
  let w = withDefinition(withDefinition(ec2World(2), 'web', { cpu: 16, memory: 64 }), 'api', { cpu: 16, memory: 64 });
  const [a, b] = instances(w).map((ci) => ci.containerInstanceArn as string);
  const r1 = ok(w, 'StartTask', { cluster: 'prod', taskDefinition: 'web', containerInstances: [a, b] });
  const r2 = ok(r1.world, 'StartTask', { cluster: 'prod', taskDefinition: 'api', containerInstances: [a] });
  const r3 = ok(r2.world, 'StartTask', { cluster: 'prod', taskDefinition: 'web', containerInstances: [a], startedBy: 'ci' });
  w = r3.world;
  const [webA, webB] = arnsOf(r1);
  return { w, a: a!, b: b!, webA: webA!, webB: webB!, apiA: arnsOf(r2)[0]!, ciA: arnsOf(r3)[0]! };
}

describe('ListTasks containerInstance', () => {
  it("lists the instance's tasks in launch order, by id or ARN", () => {
    const { w, a, b, webA, webB, apiA, ciA } = fleet();
    expect(list(w, { containerInstance: a })).toEqual([webA, apiA, ciA]);
    expect(list(w, { containerInstance: a.split('/').pop() })).toEqual([webA, apiA, ciA]);
    expect(list(w, { containerInstance: b })).toEqual([webB]);
  });

  it('combines with family, launch type and desired status', () => {
    const f = fleet();
    const { a, webA, apiA, ciA } = f;
    let w = f.w;
    expect(list(w, { containerInstance: a, family: 'web' })).toEqual([webA, ciA]);
    expect(list(w, { containerInstance: a, launchType: 'EC2' })).toEqual([webA, apiA, ciA]);
    expect(list(w, { containerInstance: a, launchType: 'FARGATE' })).toEqual([]);
    expect(list(w, { containerInstance: a, desiredStatus: 'PENDING' })).toEqual([]);
    w = ok(w, 'StopTask', { cluster: 'prod', task: apiA }).world;
    expect(list(w, { containerInstance: a })).toEqual([webA, ciA]);
    expect(list(w, { containerInstance: a, desiredStatus: 'STOPPED' })).toEqual([apiA]);
    // Once the stopped task expires (retention: 1 hour by default) it leaves the index.
    w = advance(w, 2 * 3_600_000).world;
    expect(list(w, { containerInstance: a, desiredStatus: 'STOPPED' })).toEqual([]);
    expect(list(w, { containerInstance: a })).toEqual([webA, ciA]);
  });

  it('pages with maxResults and nextToken; a token of another filter is refused', () => {
    const { w, a, webA, apiA, ciA } = fleet();
    const first = ok(w, 'ListTasks', { cluster: 'prod', containerInstance: a, maxResults: 2 }).output;
    expect(first.taskArns).toEqual([webA, apiA]);
    const second = ok(w, 'ListTasks', { cluster: 'prod', containerInstance: a, maxResults: 2, nextToken: first.nextToken }).output;
    expect(second).toEqual({ taskArns: [ciA] });
    const other = ok(w, 'ListTasks', { cluster: 'prod', family: 'web', maxResults: 1 }).output;
    expect(fails(w, 'ListTasks', { cluster: 'prod', containerInstance: a, nextToken: other.nextToken }).message).toBe('The nextToken provided is invalid.');
  });

  it('startedBy must still be the only filter', () => {
    const { w, a } = fleet();
    expect(fails(w, 'ListTasks', { cluster: 'prod', containerInstance: a, startedBy: 'ci' }).name).toBe('InvalidParameterException');
  });

  it('an unknown instance, or an ARN of another cluster, lists nothing (SIM RULE)', () => {
    const { w, a } = fleet();
    expect(list(w, { containerInstance: '0123456789abcdef0123456789abcdef' })).toEqual([]);
    expect(list(w, { containerInstance: a.replace('/prod/', '/other/') })).toEqual([]);
    expect(list(w, { containerInstance: 'x\u0000RUNNING' })).toEqual([]);
  });

  it('RunTask tasks are listed under the instance they were placed on', () => {
    let w = withDefinition(ec2World(3), 'web', { cpu: 16, memory: 64 });
    const r = ok(w, 'RunTask', { cluster: 'prod', taskDefinition: 'web', launchType: 'EC2', count: 6 });
    w = r.world;
    const byInstance = new Map<string, string[]>();
    for (const t of r.output.tasks) byInstance.set(t.containerInstanceArn, [...(byInstance.get(t.containerInstanceArn) ?? []), t.taskArn]);
    for (const ci of instances(w)) expect(list(w, { containerInstance: ci.containerInstanceArn })).toEqual(byInstance.get(ci.containerInstanceArn) ?? []);
  });
});
