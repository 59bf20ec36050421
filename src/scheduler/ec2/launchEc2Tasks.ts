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
import type { Subnet } from '../../domain/network.js';
import type { TaskDefinition } from '../../domain/taskDefinition.js';
import { putSubnetIpsMutably, subnetIpsOf } from '../fargateAccount.js';
import { ENI_TIMEOUT_REASON, INSUFFICIENT_ADDRESSES_REASON, isSubnetAvailable } from '../fargatePlacement.js';
import type { QueryExpr } from '../placement/query/ast.js';
import { allocateIp, freeIpCount, type SubnetIps } from '../subnetIps.js';
import { containerInstanceKey } from '../../domain/containerInstance.js';
import { type Ec2Placement, encodeTaskId, idleContainers, packIpv4, type Task, taskSite, type TaskSpec, taskTime, withStop } from '../../domain/task.js';
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
  /** The Auto Scaling group capacity provider the tasks are launched by (its instances are `onlyInstances`). */
  readonly capacityProviderName?: string;
  /**
   * `awsvpc` tasks: the request's validated subnets. Each task gets an ENI in a subnet of its instance's zone, so
   * only instances in those zones are candidates (reference §6.1).
   */
  readonly subnets?: readonly Subnet[];
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

/** The task ENI of one awsvpc task: its subnet and address, or why it will fail to start (no free address). */
interface TaskEni {
  readonly subnet: Subnet;
  readonly ipv4: number | undefined;
  readonly launchFailure: string | undefined;
}

/**
 * Addresses for the ENIs of one launch's awsvpc tasks: in the task's zone, the request's subnet with the most free
 * addresses (ties: request order — the SIM RULE of Fargate placement, reference §6.6); none free is ECS's
 * asynchronous failure, as on Fargate. Subnet states are read once and written back once ({@link finish}).
 */
class TaskEniAllocator {
  private readonly states = new Map<string, SubnetIps>();
  private readonly changed = new Set<string>();

  constructor(
    private readonly tx: WorldTxn,
    private readonly subnets: readonly Subnet[],
  ) {}

  private stateOf(s: Subnet): SubnetIps {
    let st = this.states.get(s.subnetId);
    if (st === undefined) {
      st = subnetIpsOf(this.tx, s.subnetId);
      this.states.set(s.subnetId, st);
    }
    return st;
  }

  take(zone: string): TaskEni | undefined {
    const faults = this.tx.base.faults;
    const inZone = this.subnets.filter((s) => s.availabilityZone === zone);
    // The instance was chosen in a zone of the request's subnets (the zone constraint), so there is one.
    if (inZone.length === 0) return undefined;
    let best: Subnet | undefined;
    let bestFree = 0;
    for (const s of inZone) {
      const free = isSubnetAvailable(faults, s.subnetId) ? freeIpCount(this.stateOf(s), s) : 0;
      if (free > bestFree) {
        best = s;
        bestFree = free;
      }
    }
    if (best !== undefined) {
      const r = allocateIp(this.stateOf(best), best);
      if (r !== undefined) {
        this.states.set(best.subnetId, r.state);
        this.changed.add(best.subnetId);
        return { subnet: best, ipv4: packIpv4(r.address), launchFailure: undefined };
      }
    }
    const subnet = inZone.find((s) => isSubnetAvailable(faults, s.subnetId)) ?? inZone[0]!;
    const reason = isSubnetAvailable(faults, subnet.subnetId) ? INSUFFICIENT_ADDRESSES_REASON : ENI_TIMEOUT_REASON;
    return { subnet, ipv4: undefined, launchFailure: reason };
  }

  /** Stores the state of every subnet that gave out an address. */
  finish(): void {
    for (const id of this.changed) putSubnetIpsMutably(this.tx, id, this.states.get(id)!);
  }
}

/** The engine's request for `count` tasks of `tmpl` on `cf` (random strategies draw from the `placement` stream). */
export function placementRequestOf(tx: WorldTxn, cf: ClusterFleet, tmpl: Ec2LaunchTemplate, count: number): PlacementRequest {
  const { spec, definition: td } = tmpl;
  const constraints: PlacementConstraint[] = tmpl.constraints.map((c) =>
    c.type === 'distinctInstance' ? { type: 'distinctInstance' } : memberOfConstraint(cf, c.expression, c.query),
  );
  if (tmpl.subnets !== undefined && td.networkMode === 'awsvpc') {
    // The task's ENI must come from a subnet of the request in the instance's zone.
    const zones = [...new Set(tmpl.subnets.map((s) => s.availabilityZone))];
    const query: QueryExpr = { _tag: 'Member', subject: { _tag: 'Attribute', name: 'ecs.availability-zone' }, negated: false, values: zones };
    constraints.push(memberOfConstraint(cf, `attribute:ecs.availability-zone in [${zones.join(', ')}]`, query));
  }
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
  const enis = tmpl.subnets !== undefined && td.networkMode === 'awsvpc' ? new TaskEniAllocator(tx, tmpl.subnets) : undefined;
  // The request was validated by the caller; an engine error here means a field no validator knows about, which
  // is reported like a failure to place rather than thrown.
  if (placed._tag === 'Left') {
    const explanation: PlacementExplanation = { instances: cf.instances.length, rejectedFirstBy: {}, rejectedBy: {}, text: placed.left };
    return Array.from({ length: count }, () => ({ _tag: 'Failed', reason: 'ATTRIBUTE', arn: undefined, explanation }));
  }
  const now = tx.nowMs;
  const ids = tx.rng('ids');
  const lifecycle = tx.rng('lifecycle');
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
    const zone = cf.fleet.attributes[cf.fleet.indexOf(a.instanceId)]!.get('ecs.availability-zone') ?? '';
    const eni = enis?.take(zone);
    const task: Task = {
      seq,
      taskId: encodeTaskId(seq, ids.uint32(), ids.uint32(), ids.uint32()),
      spec,
      site: taskSite(tmpl.capacityProviderName, zone, eni?.subnet.subnetId, ec2),
      ipv4: eni?.ipv4,
      // An awsvpc task's ENI is attached while it is PROVISIONING, as on Fargate; a task without one starts PENDING.
      lastStatus: eni === undefined ? 'PENDING' : 'PROVISIONING',
      desiredStatus: 'RUNNING',
      version: 1,
      createdAt: taskTime(spec, now),
      updatedAt: taskTime(spec, now),
      connectivityAt: undefined,
      pullStartedAt: undefined,
      pullStoppedAt: undefined,
      startedAt: undefined,
      stop: eni?.launchFailure === undefined ? undefined : withStop(undefined, { launchFailure: eni.launchFailure }),
      containers,
      timer: tx.scheduleTaskStep(now + (eni === undefined ? EC2_AGENT_PICKUP_MS : lifecycle.durationMs(tx.config.timings.provisioning)), seq),
    };
    launched.push(task);
    outcomes.push({ _tag: 'Launched', task });
  }
  putNewTasks(tx, launched);
  enis?.finish();
  for (const f of placed.right.failures) {
    const closest = f.explanation.closest;
    const arn = closest === undefined ? undefined : cf.instances[cf.fleet.indexOf(closest.instanceId)]?.arn;
    outcomes.push({ _tag: 'Failed', reason: f.reason, arn, explanation: f.explanation });
  }
  return outcomes;
}
