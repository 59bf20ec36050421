// Test harness for the task operations: a small world builder and helpers that run requests and advance the clock
// while recording every event. Not a test file (vitest only collects *.test.ts).
import * as E from 'fp-ts/lib/Either.js';
import { expect } from 'vitest';
import type { EcsError } from '../../../src/domain/errors.js';
import type { EcsEvent } from '../../../src/domain/events.js';
import type { World } from '../../../src/domain/world.js';
import { advance } from '../../../src/engine/advance.js';
import { createWorld, type WorldConfig } from '../../../src/engine/createWorld.js';
import { execute } from '../../../src/engine/execute.js';

/** Three zones, two subnets each, one VPC, one extra security group. */
export const SUBNETS = [
  { subnetId: 'subnet-a1', cidrBlock: '10.0.0.0/24', availabilityZone: 'us-east-1a', vpcId: 'vpc-main' },
  { subnetId: 'subnet-a2', cidrBlock: '10.0.1.0/24', availabilityZone: 'us-east-1a', vpcId: 'vpc-main' },
  { subnetId: 'subnet-b1', cidrBlock: '10.0.2.0/24', availabilityZone: 'us-east-1b', vpcId: 'vpc-main' },
  { subnetId: 'subnet-b2', cidrBlock: '10.0.3.0/24', availabilityZone: 'us-east-1b', vpcId: 'vpc-main' },
  { subnetId: 'subnet-c1', cidrBlock: '10.0.4.0/24', availabilityZone: 'us-east-1c', vpcId: 'vpc-main' },
  { subnetId: 'subnet-c2', cidrBlock: '10.0.5.0/24', availabilityZone: 'us-east-1c', vpcId: 'vpc-main' },
  { subnetId: 'subnet-other', cidrBlock: '192.168.0.0/28', availabilityZone: 'us-east-1a', vpcId: 'vpc-other' },
];

/** The `networkConfiguration` of a request using the given subnets. */
export const net = (...subnets: string[]) => ({ awsvpcConfiguration: { subnets } });

/** A plain web task definition (one essential nginx container). */
export const WEB_TD = {
  family: 'web',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  cpu: '256',
  memory: '512',
  containerDefinitions: [{ name: 'app', image: 'nginx:1.27', essential: true }],
};

/** A world under test, with the events of every call recorded. */
export class Sim {
  world: World;
  readonly events: EcsEvent[] = [];

  constructor(config: WorldConfig = {}) {
    this.world = createWorld({
      seed: 7,
      network: { subnets: SUBNETS, securityGroups: [{ groupId: 'sg-web', vpcId: 'vpc-main' }] },
      ...config,
      quotas: { onDemandVcpu: 1000, spotVcpu: 1000, ...config.quotas },
    });
  }

  /** Runs an operation that must succeed; returns its output. */
  ok<O = Record<string, unknown>>(operation: string, input: unknown): O {
    const r = execute(this.world, operation, input);
    if (E.isLeft(r)) throw new Error(`${operation} failed: ${r.left.name}: ${r.left.message}`);
    this.world = r.right.world;
    this.events.push(...r.right.events);
    return r.right.output as O;
  }

  /** Runs an operation that must fail; checks the world is untouched (the same object) and returns the error. */
  fail(operation: string, input: unknown): EcsError {
    const before = this.world;
    const r = execute(this.world, operation, input);
    if (E.isRight(r)) throw new Error(`${operation} succeeded but was expected to fail`);
    expect(execute(before, operation, input)).toEqual(r);
    return r.left;
  }

  /** Advances the clock, recording events. */
  advance(ms: number): EcsEvent[] {
    const r = advance(this.world, ms);
    this.world = r.world;
    this.events.push(...r.events);
    return [...r.events];
  }

  /** Creates the cluster (FARGATE and FARGATE_SPOT associated) and registers the web task definition. */
  setup(cluster = 'default', extra: Record<string, unknown> = {}): this {
    this.ok('CreateCluster', { clusterName: cluster, capacityProviders: ['FARGATE', 'FARGATE_SPOT'], ...extra });
    this.ok('RegisterTaskDefinition', WEB_TD);
    return this;
  }

  /** RunTask with sensible defaults (launch type FARGATE, all main-VPC subnets). */
  run(input: Record<string, unknown> = {}): { tasks: Task[]; failures: Array<{ reason: string; arn?: string }> } {
    return this.ok('RunTask', {
      taskDefinition: 'web',
      launchType: 'FARGATE',
      networkConfiguration: net('subnet-a1', 'subnet-a2', 'subnet-b1', 'subnet-b2', 'subnet-c1', 'subnet-c2'),
      ...input,
    });
  }

  /** DescribeTasks of one task (by ARN); the task must exist. */
  describe(arn: string, cluster?: string): Task {
    const out = this.ok<{ tasks: Task[] }>('DescribeTasks', { tasks: [arn], ...(cluster ? { cluster } : {}), include: ['TAGS'] });
    expect(out.tasks).toHaveLength(1);
    return out.tasks[0]!;
  }

  /** The details of the events recorded for one task, in order. */
  eventsOf(arn: string): Task[] {
    return this.events.filter((e) => e.resources[0] === arn).map((e) => e.detail as unknown as Task);
  }

  /** The cluster's counters as DescribeClusters reports them. */
  counts(cluster = 'default'): { running: number; pending: number } {
    const out = this.ok<{ clusters: Array<{ runningTasksCount: number; pendingTasksCount: number }> }>(
      'DescribeClusters',
      { clusters: [cluster] },
    );
    return { running: out.clusters[0]!.runningTasksCount, pending: out.clusters[0]!.pendingTasksCount };
  }
}

/** The loosely typed wire Task the tests read. */
export type Task = Record<string, unknown> & {
  taskArn: string;
  lastStatus: string;
  desiredStatus: string;
  version: number;
  availabilityZone: string;
  containers: Array<Record<string, unknown>>;
  attachments: Array<{ id: string; type: string; status: string; details: Array<{ name: string; value: string }> }>;
};

/** The value of one attachment detail of a wire task. */
export const detailOf = (task: Task, name: string): string | undefined =>
  task.attachments[0]?.details.find((d) => d.name === name)?.value;
