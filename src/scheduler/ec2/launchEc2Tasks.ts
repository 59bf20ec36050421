/**
 * Launching tasks on the EC2 launch type: the part of RunTask (and of the service scheduler) after the request is
 * validated — the placement engine picks a container instance for each task from the cluster's fleet
 * (`clusterFleet.ts`), and each placed task is stored in PENDING holding its instance's resources (the instance
 * ledger, `instanceLedger.ts`, books them through the task store). A task that cannot be placed is a `failures`
 * entry with ECS's reason (reference §6.5) and the engine's explanation.
 *
 * Lifecycle (SIM RULE: no EC2 capture in the reference). A task is created PENDING (version 1, as RunTask answers
 * on EC2); {@link EC2_AGENT_PICKUP_MS} later the instance's agent reports it (`connectivityAt`, version 2) and
 * plans the image pulls; RUNNING is version 3 — the version the AWS CLI's `describe-tasks` example shows for a
 * RUNNING EC2 task. There is no PROVISIONING and no DEPROVISIONING without a task ENI.
 *
 * @module
 */
import type { TaskDefinition } from '../../domain/taskDefinition.js';
import { containerInstanceKey } from '../../domain/containerInstance.js';
import { encodeTaskId, idleContainers, type Ec2Placement, type Task, type TaskSpec } from '../../domain/task.js';
import type { WorldTxn } from '../../domain/txn.js';
import type { PlacementConstraint as ValidatedConstraint } from '../placement/constraints.js';
import { placeTasks } from '../placement/place.js';
import type { PlacementConstraint, PlacementExplanation, PlacementRequest, PlacementStrategy, PortRequest } from '../placement/types.js';
import { putNewTasks } from '../taskStore.js';
import { clusterFleet, memberOfConstraint, type ClusterFleet } from './clusterFleet.js';
import { hostPortOf } from './hostPorts.js';

/** How long after its launch the instance's agent reports a task (SIM RULE: the agent polls about every second). */
export const EC2_AGENT_PICKUP_MS = 1_000;

/** What every task of one EC2 launch shares. */
export interface Ec2LaunchTemplate {
  /** The spec every task references (`launchType: 'EC2'`, with the `reservation` each task takes). */
  readonly spec: TaskSpec;
  readonly definition: TaskDefinition;
  /** The task definition's and the request's constraints, validated (`validateConstraints`). */
  readonly constraints: readonly ValidatedConstraint[];
  /** The strategies in order (ECS's default already applied by the caller). */
  readonly strategies: readonly PlacementStrategy[];
  /** Only these instances (`World.containerInstances` keys) are candidates: StartTask's list. All when absent. */
  readonly onlyInstances?: ReadonlySet<string>;
}

/** The outcome of one task of an EC2 launch. */
export type Ec2LaunchOutcome =
  | { readonly _tag: 'Launched'; readonly task: Task }
  | {
      readonly _tag: 'Failed';
      /** ECS's reason (`RESOURCE:MEMORY`, `MemberOf placement constraint unsatisfied`, …). */
      readonly reason: string;
      /** The closest container instance's ARN, when the reason is about one. */
      readonly arn: string | undefined;
      readonly explanation: PlacementExplanation;
    };

/** The host ports a task definition needs on its instance, in mapping order (see `hostPorts.ts`). */
export function portRequestsOf(td: TaskDefinition): PortRequest[] {
  const out: PortRequest[] = [];
  for (const c of td.containers) {
    for (const m of c.portMappings ?? []) {
      const hostPort = hostPortOf(td.networkMode, m);
      if (hostPort !== undefined) out.push({ hostPort, protocol: m.protocol });
    }
  }
  return out;
}

/** The engine's request for `count` tasks of `tmpl` on `cf` (random strategies draw from the `placement` stream). */
export function placementRequestOf(tx: WorldTxn, cf: ClusterFleet, tmpl: Ec2LaunchTemplate, count: number): PlacementRequest {
  const { spec, definition: td } = tmpl;
  const constraints: PlacementConstraint[] = tmpl.constraints.map((c) =>
    c.type === 'distinctInstance' ? { type: 'distinctInstance' } : memberOfConstraint(cf, c.expression, c.query),
  );
  return {
    count,
    cpu: spec.reservation?.cpu ?? 0,
    memory: spec.reservation?.memory ?? 0,
    ports: portRequestsOf(td),
    networkMode: td.networkMode,
    group: spec.group,
    constraints,
    strategies: tmpl.strategies,
    requiredAttributes: (td.requiresAttributes ?? []).map((a) => (a.value === undefined ? { name: a.name } : { name: a.name, value: a.value })),
    rng: tx.rng('placement'),
  };
}

/**
 * Places `count` tasks of `tmpl` on the cluster's instances and stores those placed, in order, each PENDING with
 * its agent's report scheduled. Launch-rate limits are the caller's business.
 *
 * @returns one outcome per task: the placed ones first, in order, then one failure per task not placed
 */
export function launchEc2Tasks(tx: WorldTxn, tmpl: Ec2LaunchTemplate, count: number): Ec2LaunchOutcome[] {
  const spec = tmpl.spec;
  const td = tmpl.definition;
  const cf = clusterFleet(tx, spec.clusterName, tmpl.onlyInstances);
  const placed = placeTasks(cf.fleet, placementRequestOf(tx, cf, tmpl, count));
  // The request was validated by the caller; an engine error here means a field no validator knows about, which
  // is reported like a failure to place rather than thrown.
  if (placed._tag === 'Left') {
    const explanation: PlacementExplanation = { instances: cf.instances.length, rejectedFirstBy: {}, rejectedBy: {}, text: placed.left };
    return Array.from({ length: count }, () => ({ _tag: 'Failed', reason: 'ATTRIBUTE', arn: undefined, explanation }));
  }
  const now = tx.nowMs;
  const ids = tx.rng('ids');
  const containers = idleContainers(td.containers.length);
  const launched: Task[] = [];
  const outcomes: Ec2LaunchOutcome[] = [];
  for (const a of placed.right.allocations) {
    const ci = cf.instances[cf.fleet.indexOf(a.instanceId)]!;
    const ec2: Ec2Placement = Object.freeze({
      instanceKey: containerInstanceKey(ci.cluster, ci.id),
      containerInstanceArn: ci.arn,
      cpu: a.cpu,
      memory: a.memory,
      enis: a.enis,
      tcpPorts: a.tcpPorts,
      udpPorts: a.udpPorts,
    });
    const seq = tx.nextSeq();
    const task: Task = {
      seq,
      taskId: encodeTaskId(seq, ids.uint32(), ids.uint32(), ids.uint32()),
      spec,
      capacityProviderName: undefined,
      pool: undefined,
      availabilityZone: cf.fleet.attributes[cf.fleet.indexOf(a.instanceId)]!.get('ecs.availability-zone') ?? '',
      subnetId: undefined,
      privateIp: undefined,
      hasEni: false,
      ec2,
      lastStatus: 'PENDING',
      desiredStatus: 'RUNNING',
      version: 1,
      createdAtMs: now,
      updatedAtMs: now,
      connectivityAtMs: undefined,
      pullStartedAtMs: undefined,
      pullStoppedAtMs: undefined,
      startedAtMs: undefined,
      stoppingAtMs: undefined,
      executionStoppedAtMs: undefined,
      stoppedAtMs: undefined,
      stopCode: undefined,
      stoppedReason: undefined,
      launchFailure: undefined,
      containers,
      timer: tx.scheduleTaskStep(now + EC2_AGENT_PICKUP_MS, seq),
    };
    launched.push(task);
    outcomes.push({ _tag: 'Launched', task });
  }
  putNewTasks(tx, launched);
  for (const f of placed.right.failures) {
    const closest = f.explanation.closest;
    const arn = closest === undefined ? undefined : cf.instances[cf.fleet.indexOf(closest.instanceId)]?.arn;
    outcomes.push({ _tag: 'Failed', reason: f.reason, arn, explanation: f.explanation });
  }
  return outcomes;
}
