// diffState: the current World against a desired state (issue 12). Bodies follow the docs' example (cluster prod,
// task definition web, service web); plans are applied with `execute`, as a user's tool would send them to ECS.
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { clientTokenFor } from '../../src/adapters/backend/applyOperations.js';
import type { World } from '../../src/domain/world.js';
import { execute } from '../../src/engine/execute.js';
import { diffState, ecsOperations, isNoOp } from '../../src/plan/diff.js';
import { applyPlanned, desiredOf, emptyWorld, prodCluster, subnetsOf, webDesired, webService, webTaskDefinition } from './fixtures.js';

const target = { ServiceNamespace: 'ecs', ResourceId: 'service/prod/web', ScalableDimension: 'ecs:service:DesiredCount', MinCapacity: 2, MaxCapacity: 10 };
const policy = {
  PolicyName: 'cpu50',
  ServiceNamespace: 'ecs',
  ResourceId: 'service/prod/web',
  ScalableDimension: 'ecs:service:DesiredCount',
  PolicyType: 'TargetTrackingScaling',
  TargetTrackingScalingPolicyConfiguration: { TargetValue: 50, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' } },
};

/** The world after the docs' example was applied. */
function deployed(): World {
  const w = emptyWorld();
  return applyPlanned(w, diffState(w, webDesired(w)).operations);
}

const summary = (d: ReturnType<typeof diffState>): string[] => d.changes.map((c) => `${c.type} ${c.id} ${c.kind}`);

describe('diffState on an empty World', () => {
  it('creates everything, in dependency order, each call naming its change', () => {
    const w = emptyWorld();
    const d = diffState(w, { ...webDesired(w), scalableTargets: [{ source: 't', body: target }], scalingPolicies: [{ source: 'p', body: policy }] });
    expect(summary(d)).toEqual(['cluster prod create', 'taskDefinition web:1 create', 'service prod/web create', 'scalableTarget service/prod/web create', 'scalingPolicy cpu50 create']);
    expect(d.operations.map((o) => [o.service, o.operation, o.change])).toEqual([
      ['ecs', 'CreateCluster', 0],
      ['ecs', 'RegisterTaskDefinition', 1],
      ['ecs', 'CreateService', 2],
      ['application-autoscaling', 'RegisterScalableTarget', 3],
      ['application-autoscaling', 'PutScalingPolicy', 4],
    ]);
    // The service is created on the revision the plan registers, named exactly.
    expect(d.operations[2]!.input.taskDefinition).toBe('web:1');
    expect(d.changes[3]!.reason).toContain('no Application Auto Scaling state');
    expect(d.warnings).toEqual([]);
  });

  it("gives CreateService the clientToken applyOperations would send, inside its input", () => {
    const w = emptyWorld();
    const d = diffState(w, webDesired(w));
    const create = d.operations[2]!;
    const { clientToken, ...input } = create.input;
    expect(create.clientToken).toMatch(/^[0-9a-f]{32}$/);
    expect(clientToken).toBe(create.clientToken);
    expect(create.clientToken).toBe(clientTokenFor(2, { operation: 'CreateService', input }));
    expect(d.operations.filter((o) => o.clientToken !== undefined).map((o) => o.operation)).toEqual(['CreateService']);
    expect(ecsOperations(d.operations)[2]).toEqual({ operation: 'CreateService', input: create.input });
  });

  it('is deterministic: the same World and desired state give the same diff, byte for byte', () => {
    const w = emptyWorld();
    const a = diffState(w, webDesired(w, 'nginx:1', { desiredCount: 4 }));
    const b = diffState(w, webDesired(w, 'nginx:1', { desiredCount: 4 }));
    expect(JSON.stringify([a.changes, a.operations, a.warnings])).toBe(JSON.stringify([b.changes, b.operations, b.warnings]));
  });
});

describe('diffState on a deployed World', () => {
  it('plans nothing once the plan was applied (the second plan is empty)', () => {
    const w = deployed();
    const d = diffState(w, webDesired(w));
    expect(summary(d)).toEqual(['cluster prod no-op', 'taskDefinition web:1 no-op', 'service prod/web no-op']);
    expect(isNoOp(d)).toBe(true);
  });

  it('compares task definitions as ECS stores them: another spelling of the same sizes registers nothing', () => {
    const w = deployed();
    const same = { ...webTaskDefinition(), cpu: '512', memory: '1024' };
    const d = diffState(w, desiredOf({ taskDefinitions: [same] }));
    expect(summary(d)).toEqual(['taskDefinition web:1 no-op']);
  });

  it('classifies a desiredCount change as an in-place update', () => {
    const w = deployed();
    const d = diffState(w, webDesired(w, undefined, { desiredCount: 5 }));
    const svc = d.changes[2]!;
    expect(svc.kind).toBe('update');
    expect(svc.changes).toEqual([{ path: 'desiredCount', from: 3, to: 5 }]);
    expect(svc.reason).toBe('desiredCount changes from 3 to 5 in place');
    expect(d.operations.map((o) => [o.operation, o.input])).toEqual([['UpdateService', { cluster: 'prod', service: 'web', desiredCount: 5 }]]);
  });

  it('gives deployment configuration changes dotted paths and sends the whole normalized member', () => {
    const w = deployed();
    const d = diffState(w, webDesired(w, undefined, { deploymentConfiguration: { maximumPercent: 150, minimumHealthyPercent: 100 } }));
    expect(d.changes[2]!.kind).toBe('update');
    expect(d.changes[2]!.changes).toEqual([{ path: 'deploymentConfiguration.maximumPercent', from: 200, to: 150 }]);
    const next = applyPlanned(w, d.operations);
    expect(isNoOp(diffState(next, webDesired(w, undefined, { deploymentConfiguration: { maximumPercent: 150, minimumHealthyPercent: 100 } })))).toBe(true);
  });

  it('registers a new revision for a new image and rolls the service onto web:2 with a new deployment', () => {
    const w = deployed();
    const d = diffState(w, webDesired(w, 'public.ecr.aws/nginx/nginx:1.28'));
    expect(summary(d)).toEqual(['cluster prod no-op', 'taskDefinition web:2 create', 'service prod/web new-deployment']);
    expect(d.changes[1]!.changes).toEqual([{ path: 'containerDefinitions[0].image', from: 'public.ecr.aws/nginx/nginx:1.27', to: 'public.ecr.aws/nginx/nginx:1.28' }]);
    expect(d.changes[2]!.reason).toBe('taskDefinition changes from web:1 to web:2: a new deployment');
    expect(d.operations.map((o) => o.operation)).toEqual(['RegisterTaskDefinition', 'UpdateService']);
    expect(d.operations[1]!.input).toEqual({ cluster: 'prod', service: 'web', taskDefinition: 'web:2' });
    const next = applyPlanned(w, d.operations);
    expect(isNoOp(diffState(next, webDesired(w, 'public.ecr.aws/nginx/nginx:1.28')))).toBe(true);
  });

  it('classifies a network change as a new deployment, whatever the order of the subnets', () => {
    const w = deployed();
    const [a, b] = subnetsOf(w);
    const reordered = diffState(w, webDesired(w, undefined, { networkConfiguration: { awsvpcConfiguration: { subnets: [b, a], assignPublicIp: 'DISABLED' } } }));
    expect(isNoOp(reordered)).toBe(true);
    const third = w.config.network.subnets[2]!.subnetId;
    const d = diffState(w, webDesired(w, undefined, { networkConfiguration: { awsvpcConfiguration: { subnets: [a, b, third], assignPublicIp: 'DISABLED' } } }));
    expect(d.changes[2]!.kind).toBe('new-deployment');
    expect(d.changes[2]!.changes.map((c) => c.path)).toEqual(['networkConfiguration.awsvpcConfiguration.subnets']);
  });

  // ECS's rules for launch type ↔ capacity provider strategy (API reference of UpdateServiceRequest.capacityProviderStrategy,
  // https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/ecs/aws.sdk.kotlin.services.ecs.model/-update-service-request/capacity-provider-strategy.html):
  // a launch type may be updated to a capacity provider in place, the parameter "doesn't trigger a new service
  // deployment" on its own, and the way back to a launch type is an empty strategy.
  it('moves a launch-type service onto a capacity provider strategy in place, forcing the deployment that moves the tasks', () => {
    const w = deployed();
    const spot = { launchType: undefined, capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }] };
    const d = diffState(w, webDesired(w, undefined, spot));
    const svc = d.changes[2]!;
    expect(svc.kind).toBe('new-deployment');
    expect(svc.changes).toEqual([
      { path: 'capacityProviderStrategy', from: null, to: [{ capacityProvider: 'FARGATE_SPOT', weight: 1, base: 0 }] },
      { path: 'launchType', from: 'FARGATE', to: null },
    ]);
    expect(d.operations.map((o) => o.input)).toEqual([
      { cluster: 'prod', service: 'web', capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1, base: 0 }], forceNewDeployment: true },
    ]);
    expect(isNoOp(diffState(applyPlanned(w, d.operations), webDesired(w, undefined, spot)))).toBe(true);
  });

  it('replaces a service moved from a strategy back to a launch type: DeleteService (force), then CreateService', () => {
    const spot = { launchType: undefined, capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }] };
    const w0 = emptyWorld();
    const w = applyPlanned(w0, diffState(w0, webDesired(w0, undefined, spot)).operations);
    const d = diffState(w, webDesired(w));
    const svc = d.changes[2]!;
    expect(svc.kind).toBe('replace');
    expect(svc.reason).toContain('DeleteService (force) then CreateService');
    expect(d.operations.map((o) => o.operation)).toEqual(['DeleteService', 'CreateService']);
    expect(d.operations[0]!.input).toEqual({ cluster: 'prod', service: 'web', force: true });
    expect(d.operations[1]!.input).toMatchObject({ serviceName: 'web', launchType: 'FARGATE', taskDefinition: 'web:1' });
    expect(d.operations[1]!.clientToken).toMatch(/^[0-9a-f]{32}$/);
  });

  it('updates cluster settings in place and leaves unnamed services alone', () => {
    const w = applyPlanned(deployed(), []);
    const other = execute(w, 'CreateService', webService(w, { serviceName: 'api', desiredCount: 1 }));
    if (E.isLeft(other)) throw new Error(other.left.message);
    const d = diffState(other.right.world, desiredOf({ clusters: [{ ...prodCluster(), settings: [{ name: 'containerInsights', value: 'disabled' }] }] }));
    expect(d.changes).toEqual([
      { type: 'cluster', id: 'prod', source: 'clusters[0]', kind: 'update', reason: 'settings changes in place (no task is replaced)', changes: [{ path: 'settings.containerInsights', from: 'enabled', to: 'disabled' }] },
    ]);
    expect(d.operations.map((o) => [o.operation, o.input])).toEqual([['UpdateCluster', { cluster: 'prod', settings: [{ name: 'containerInsights', value: 'disabled' }] }]]);
  });

  it('replaces the capacity providers of a cluster with PutClusterCapacityProviders, keeping the strategy it does not name', () => {
    const w = deployed();
    const desired = desiredOf({ clusters: [{ clusterName: 'prod', capacityProviders: ['FARGATE'] }] });
    const d = diffState(w, desired);
    expect(d.changes[0]!.kind).toBe('update');
    expect(d.changes[0]!.changes).toEqual([{ path: 'capacityProviders', from: ['FARGATE', 'FARGATE_SPOT'], to: ['FARGATE'] }]);
    expect(d.operations.map((o) => [o.operation, o.input])).toEqual([
      ['PutClusterCapacityProviders', { cluster: 'prod', capacityProviders: ['FARGATE'], defaultCapacityProviderStrategy: [] }],
    ]);
    expect(isNoOp(diffState(applyPlanned(w, d.operations), desired))).toBe(true);
  });

  it('tags a service in place with TagResource and UntagResource', () => {
    const w0 = emptyWorld();
    const w = applyPlanned(w0, diffState(w0, webDesired(w0, undefined, { tags: [{ key: 'team', value: 'a' }, { key: 'old', value: 'x' }] })).operations);
    const desired = webDesired(w, undefined, { tags: [{ key: 'team', value: 'b' }] });
    const d = diffState(w, desired);
    expect(d.changes[2]!.kind).toBe('update');
    expect(d.changes[2]!.changes).toEqual([
      { path: 'tags.old', from: 'x', to: null },
      { path: 'tags.team', from: 'a', to: 'b' },
    ]);
    expect(d.operations.map((o) => o.operation)).toEqual(['TagResource', 'UntagResource']);
    expect(isNoOp(diffState(applyPlanned(w, d.operations), desired))).toBe(true);
  });

  it('creates a service again once it was deleted (INACTIVE)', () => {
    let w = deployed();
    for (const [op, input] of [['UpdateService', { cluster: 'prod', service: 'web', desiredCount: 0 }], ['DeleteService', { cluster: 'prod', service: 'web' }]] as const) {
      const r = execute(w, op, input);
      if (E.isLeft(r)) throw new Error(r.left.message);
      w = r.right.world;
    }
    const d = diffState(w, webDesired(w));
    expect(d.changes[2]!.kind).toBe('create');
    expect(d.changes[2]!.reason).toMatch(/^the service is (DRAINING|INACTIVE)/);
  });
});

describe('diffState with bodies ECS refuses', () => {
  it('carries ECS\'s exception on the change and in the warnings, and never throws', () => {
    const w = emptyWorld();
    const bad = { family: 'web', containerDefinitions: [{ name: 'web', image: 'nginx', memory: 'lots' }] };
    const d = diffState(w, desiredOf({ taskDefinitions: [bad, { containerDefinitions: [] }] }));
    expect(d.changes[0]!.error?.name).toMatch(/Exception$/);
    expect(d.changes[1]!.error?.name).toMatch(/Exception$/);
    expect(d.warnings).toHaveLength(2);
    expect(d.warnings[0]).toMatch(/^taskDefinitions\[0\]: task definition web: \w+Exception: /);
  });

  it('reports a service whose task definition family does not exist', () => {
    const w = emptyWorld();
    const d = diffState(w, desiredOf({ clusters: [prodCluster()], services: [webService(w, { taskDefinition: 'nope' })] }));
    expect(d.changes[1]!.error).toEqual({ name: 'ClientException', message: 'TaskDefinition not found.' });
    expect(d.warnings).toEqual(['services[0]: service prod/web: ClientException: TaskDefinition not found.']);
  });
});

describe('the second plan is empty (property)', () => {
  const images = fc.constantFrom('nginx:1', 'nginx:2', 'app:r1', 'app:r2');
  const desiredArb = fc.record({
    clusters: fc.uniqueArray(fc.constantFrom('prod', 'staging'), { minLength: 1, maxLength: 2 }),
    families: fc.uniqueArray(fc.record({ family: fc.constantFrom('web', 'api', 'worker'), image: images, cpu: fc.constantFrom('256', '512') }), { minLength: 1, maxLength: 3, selector: (f) => f.family }),
    services: fc.uniqueArray(fc.record({ name: fc.constantFrom('web', 'api', 'jobs'), cluster: fc.nat(1), family: fc.nat(2), count: fc.nat(4), max: fc.constantFrom(150, 200) }), { maxLength: 3, selector: (s) => s.name }),
  });
  type Gen = typeof desiredArb extends fc.Arbitrary<infer T> ? T : never;
  const toDesired = (w: World, g: Gen) => {
    const clusters = g.clusters.map((clusterName) => ({ clusterName, capacityProviders: ['FARGATE', 'FARGATE_SPOT'] }));
    const taskDefinitions = g.families.map((f) => ({ ...webTaskDefinition(f.image, f.family), cpu: f.cpu, memory: '1024' }));
    const services = g.services.map((s) => webService(w, {
      serviceName: s.name,
      cluster: g.clusters[s.cluster % g.clusters.length],
      taskDefinition: g.families[s.family % g.families.length]!.family,
      desiredCount: s.count,
      deploymentConfiguration: { maximumPercent: s.max, minimumHealthyPercent: 50 },
    }));
    return desiredOf({ clusters, taskDefinitions, services });
  };

  it('applying a plan with execute and planning again gives only no-ops and no calls, from any earlier state', () => {
    fc.assert(
      fc.property(desiredArb, desiredArb, (first, second) => {
        const w0 = emptyWorld();
        const before = applyPlanned(w0, diffState(w0, toDesired(w0, first)).operations);
        const plan = diffState(before, toDesired(w0, second));
        expect(plan.warnings).toEqual([]);
        const after = applyPlanned(before, plan.operations);
        const again = diffState(after, toDesired(w0, second));
        expect(again.changes.filter((c) => c.kind !== 'no-op')).toEqual([]);
        expect(again.operations).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});
