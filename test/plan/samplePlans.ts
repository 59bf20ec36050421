// Hand-built plans for the renderer, apply and CLI tests: the shapes of src/plan/types.ts, values chosen by hand.
import type { Plan } from '../../src/plan/types.js';

/** A plan that creates a cluster and a task definition, deploys a new revision of one service and resizes another. */
export const SAMPLE_PLAN: Plan = {
  format: 'ecs-twin-plan/1',
  fingerprint: 'sha256:0123456789abcdef',
  changes: [
    { type: 'cluster', id: 'staging', source: 'resources.clusters[0]', kind: 'create', reason: 'cluster staging does not exist', changes: [{ path: 'clusterName', from: null, to: 'staging' }] },
    {
      type: 'taskDefinition',
      id: 'web:3',
      source: 'WebTaskDefinition',
      kind: 'create',
      reason: 'the container definitions differ from web:2: a new revision',
      changes: [{ path: 'containerDefinitions[0].image', from: 'nginx:1.25', to: 'nginx:1.27' }],
    },
    {
      type: 'service',
      id: 'prod/web',
      source: 'WebService',
      kind: 'new-deployment',
      reason: 'taskDefinition changes from web:2 to web:3: a new deployment',
      changes: [
        { path: 'taskDefinition', from: 'web:2', to: 'web:3' },
        { path: 'desiredCount', from: 4, to: 6 },
      ],
    },
    { type: 'service', id: 'prod/worker', source: 'WorkerService', kind: 'update', reason: 'desiredCount only: no new tasks for the running ones', changes: [{ path: 'deploymentConfiguration.maximumPercent', from: undefined, to: 150 }] },
    { type: 'service', id: 'prod/api', source: 'ApiService', kind: 'no-op', reason: '', changes: [] },
    { type: 'scalableTarget', id: 'service/prod/web', source: 'WebScalableTarget', kind: 'create', reason: 'no scalable target registered', changes: [] },
  ],
  operations: [
    { service: 'ecs', operation: 'CreateCluster', input: { clusterName: 'staging' }, change: 0 },
    { service: 'ecs', operation: 'RegisterTaskDefinition', input: { family: 'web' }, change: 1 },
    { service: 'ecs', operation: 'UpdateService', input: { cluster: 'prod', service: 'web', taskDefinition: 'web:3', desiredCount: 6 }, change: 2 },
    { service: 'ecs', operation: 'UpdateService', input: { cluster: 'prod', service: 'worker', deploymentConfiguration: { maximumPercent: 150 } }, change: 3 },
    { service: 'application-autoscaling', operation: 'RegisterScalableTarget', input: { ServiceNamespace: 'ecs', ResourceId: 'service/prod/web' }, change: 5 },
  ],
  rollouts: [
    {
      service: 'prod/web',
      timeToSteadySeconds: 390,
      peakTasks: 10,
      peakVcpus: 2.5,
      lowestHealthy: 4,
      ipsAtPeak: { 'subnet-b': 5, 'subnet-a': 5 },
      events: [
        { atSeconds: 0, message: '(service web) has started 4 tasks: (task a) (task b) (task c) (task d).' },
        { atSeconds: 75, message: '(service web) has stopped 4 running tasks: (task e) (task f) (task g) (task h).' },
        { atSeconds: 390, message: '(service web) has reached a steady state.' },
      ],
      outcome: 'COMPLETED',
    },
  ],
  checks: [
    { name: 'vcpu-quota', status: 'pass', subject: 'account', message: 'peak 2.5 of 6 vCPUs (On-Demand quota)' },
    { name: 'subnet-ips', status: 'warn', subject: 'subnet-a', message: '5 of 11 free addresses in use at the peak' },
    { name: 'circuit-breaker', status: 'fail', subject: 'prod/web', message: 'web:3 never becomes healthy: the breaker trips after 10 failed tasks' },
  ],
  monthlyCostUsd: { before: 72.08, after: 108.12 },
  warnings: ['WebService: !Ref ImageTag is not resolved; kept as ${ImageTag}'],
};

/** A plan with nothing to do. */
export const EMPTY_PLAN: Plan = {
  format: 'ecs-twin-plan/1',
  fingerprint: 'sha256:fedcba9876543210',
  changes: [{ type: 'service', id: 'prod/web', source: 'WebService', kind: 'no-op', reason: '', changes: [] }],
  operations: [],
  rollouts: [],
  checks: [],
  monthlyCostUsd: { before: 72.08, after: 72.08 },
  warnings: [],
};
