/**
 * Watching a simulated rollout (issue 12): what the plan's prediction reads from the branch World as it advances —
 * per service, the tasks RUNNING and pending (as DescribeServices counts them: desired RUNNING only), the healthy
 * ones (the twin's rules, `taskHealthTimes`), the service events ECS emitted, the deployments and their outcome;
 * for the account, the vCPUs held per Fargate pool and the addresses in use per subnet.
 *
 * Tasks are followed from the "ECS Task State Change" events `advance` returns (never by scanning the World: a
 * 100,000-task World costs nothing here when only one service moves); the service records and the account
 * ledgers are read at each sample. Peaks are the highest values seen at the samples (every `stepMs` of virtual
 * time): a value held for less than a step between two samples can be missed — a SIM RULE of the prediction, not of
 * the twin (the surge of a rolling update lasts as long as its new tasks take to turn healthy: tens of seconds).
 *
 * @module
 */
import type { EcsEvent } from '../domain/events.js';
import type { Deployment, Service } from '../domain/service.js';
import type { Task } from '../domain/task.js';
import { WorldTxn } from '../domain/txn.js';
import type { World } from '../domain/world.js';
import { CPU_UNITS_PER_VCPU, subnetsById } from '../scheduler/fargateAccount.js';
import { taskHealthTimes } from '../scheduler/service/taskHealth.js';
import { activeServiceTaskSeqs } from '../scheduler/taskIndex.js';
import { TaskStateChangeEvent } from '../scheduler/taskEvents.js';

/** One desired-RUNNING task of a watched service. */
interface Tracked {
  readonly seq: number;
  running: boolean;
  /** Health instants once known (`taskHealthTimes`); recomputed while `healthyAtMs` is unknown. */
  healthyAtMs: number | undefined;
  failingAtMs: number | undefined;
  /** Healthy for good: healthy, and no failure planned (counted in `ServiceWatch.settledHealthy`). */
  settled: boolean;
}

/** What is known of one deployment of a watched service (the latest sample's view). */
export interface DeploymentSeen {
  readonly id: string;
  readonly taskDefinitionArn: string;
  readonly taskDefinitionKey: string;
  readonly rolloutState: Deployment['rolloutState'];
  readonly rolloutStateReason: string;
  /** Whether the deployment existed before the plan's operations. */
  readonly existedBefore: boolean;
}

/** Everything watched for one service. */
export class ServiceWatch {
  readonly tasks = new Map<string, Tracked>();
  running = 0;
  pending = 0;
  /** RUNNING tasks healthy for good, counted once; the others (`unsettled`) are looked at each sample. */
  private settledHealthy = 0;
  private readonly unsettled = new Set<Tracked>();
  peakTasks = 0;
  lowestHealthy = Number.POSITIVE_INFINITY;
  /** Highest account vCPUs (all pools) while the service was not settled. */
  peakVcpus = 0;
  /** Service events emitted since the start, oldest first. */
  readonly events: { readonly atMs: number; readonly message: string }[] = [];
  private lastEventId: string | undefined;
  readonly deployments = new Map<string, DeploymentSeen>();
  /**
   * Reasons the service's tasks failed (what the circuit breaker counts: never RUNNING, exited, or replaced for
   * failing health checks), per deployment id, with counts (first seen first).
   */
  readonly failures = new Map<string, Map<string, number>>();
  /** Subnets where a task of the service failed for want of a free address. */
  readonly subnetsOutOfAddresses = new Set<string>();
  /** When the service was first seen steady (epoch ms), or undefined. */
  steadyAtMs: number | undefined;
  rolledBack = false;
  /** The service's subnets (all its deployments', at the start), sorted. */
  readonly subnets: readonly string[];

  /**
   * @param service the service right after the plan's operations
   * @param before the service before them (undefined: the plan creates it)
   * @param startMs the instant the operations were applied
   */
  constructor(
    readonly key: string,
    readonly serviceName: string,
    service: Service,
    before: Service | undefined,
    tx: WorldTxn,
    readonly startMs: number,
  ) {
    this.lastEventId = before?.events[0]?.id;
    const old = new Set((before?.deployments ?? []).map((d) => d.id));
    for (const d of service.deployments) this.deployments.set(d.id, seenOf(d, old.has(d.id)));
    this.subnets = [...new Set(service.deployments.flatMap((d) => d.network.subnets))].sort();
    const tasks = tx.table('tasks');
    for (const seq of activeServiceTaskSeqs(tx, service.clusterName, service.serviceName)) {
      const t = tasks.get(seq);
      if (t !== undefined && t.spec.serviceKey === key && t.spec.deploymentId !== undefined) this.onTask(t);
    }
  }

  /** Takes in one task's new state. */
  onTask(t: Task): void {
    const id = t.taskId;
    const tracked = this.tasks.get(id);
    if (t.lastStatus === 'STOPPED' && t.stop?.stoppedReason !== undefined) {
      if (isFailure(t) && t.spec.deploymentId !== undefined) this.countFailure(t.spec.deploymentId, t.stop?.stoppedReason);
      if (t.site.subnetId !== undefined && t.stop?.stoppedReason.startsWith('InsufficientFreeAddressesInSubnet')) this.subnetsOutOfAddresses.add(t.site.subnetId);
    }
    if (t.desiredStatus !== 'RUNNING' || t.lastStatus === 'STOPPED') {
      if (tracked !== undefined) {
        if (tracked.running) {
          this.running--;
          this.leaveRunning(tracked);
        } else this.pending--;
        this.tasks.delete(id);
      }
      return;
    }
    const running = t.lastStatus === 'RUNNING';
    if (tracked === undefined) {
      const fresh: Tracked = { seq: t.seq, running, healthyAtMs: undefined, failingAtMs: undefined, settled: false };
      this.tasks.set(id, fresh);
      if (running) {
        this.running++;
        this.unsettled.add(fresh);
      } else this.pending++;
    } else if (tracked.running !== running) {
      tracked.running = running;
      this.running += running ? 1 : -1;
      this.pending += running ? -1 : 1;
      if (running) this.unsettled.add(tracked);
      else this.leaveRunning(tracked);
      tracked.healthyAtMs = undefined;
      tracked.failingAtMs = undefined;
    }
  }

  private leaveRunning(t: Tracked): void {
    if (t.settled) this.settledHealthy--;
    else this.unsettled.delete(t);
    t.settled = false;
  }

  private countFailure(deploymentId: string, reason: string): void {
    let m = this.failures.get(deploymentId);
    if (m === undefined) {
      m = new Map();
      this.failures.set(deploymentId, m);
    }
    m.set(reason, (m.get(reason) ?? 0) + 1);
  }

  /** Healthy tasks at `world.nowMs` (RUNNING tasks the twin counts as healthy). */
  healthyAt(world: World, service: Service, tx: () => WorldTxn): number {
    const now = world.nowMs;
    const graceMs = (service.healthCheckGracePeriodSeconds ?? 0) * 1000;
    let healthy = 0;
    for (const t of this.unsettled) {
      if (t.healthyAtMs === undefined) {
        const task = world.tasks.get(t.seq);
        if (task === undefined) continue;
        const h = taskHealthTimes(tx(), task, world.taskDefinitions.get(task.spec.taskDefinitionKey), graceMs);
        t.healthyAtMs = h.healthyAtMs;
        t.failingAtMs = h.failingAtMs;
      }
      if (t.healthyAtMs === undefined || t.healthyAtMs > now || (t.failingAtMs !== undefined && now >= t.failingAtMs)) continue;
      if (t.failingAtMs === undefined) {
        // Healthy with no failure planned: counted from now on without looking again.
        t.settled = true;
        this.unsettled.delete(t);
        this.settledHealthy++;
      } else healthy++;
    }
    return this.settledHealthy + healthy;
  }

  /** Reads the service record at `world.nowMs`: its new events, its deployments, its counts, whether it is steady. */
  sample(world: World, service: Service, accountVcpus: number, tx: () => WorldTxn): void {
    if (this.settled()) return;
    const fresh: { atMs: number; message: string }[] = [];
    for (const e of service.events) {
      if (e.id === this.lastEventId) break;
      fresh.push({ atMs: e.createdAtMs, message: e.message });
    }
    if (service.events[0] !== undefined) this.lastEventId = service.events[0].id;
    const rollbackPrefix = `(service ${this.serviceName}) rolling back to deployment `;
    for (let i = fresh.length - 1; i >= 0; i--) {
      this.events.push(fresh[i]!);
      if (fresh[i]!.message.startsWith(rollbackPrefix)) this.rolledBack = true;
    }
    for (const d of service.deployments) {
      const known = this.deployments.get(d.id);
      this.deployments.set(d.id, seenOf(d, known?.existedBefore ?? false));
    }
    this.peakTasks = Math.max(this.peakTasks, this.running + this.pending);
    this.lowestHealthy = Math.min(this.lowestHealthy, this.healthyAt(world, service, tx));
    this.peakVcpus = Math.max(this.peakVcpus, accountVcpus);
    const primary = service.deployments[0];
    const steady =
      service.deployments.length === 1 &&
      primary !== undefined &&
      primary.rolloutState === 'COMPLETED' &&
      this.running === service.desiredCount &&
      this.pending === 0;
    if (steady) {
      const since = service.steadySinceMs;
      // The instant ECS announced the steady state, when it did within this step; else the sample's instant.
      this.steadyAtMs = since !== undefined && since <= world.nowMs && since >= this.startMs ? since : world.nowMs;
    }
  }

  /** A deployment of the plan (one that did not exist before) that the circuit breaker failed, if any. */
  failedDeployment(): DeploymentSeen | undefined {
    for (const d of this.deployments.values()) if (!d.existedBefore && d.rolloutState === 'FAILED') return d;
    return undefined;
  }

  /** Steady, or failed by the circuit breaker without a rollback (nothing more will happen). */
  settled(): boolean {
    return this.steadyAtMs !== undefined || (this.failedDeployment() !== undefined && !this.rolledBack);
  }
}

/** Whether a stopped task failed (what the circuit breaker counts, reference §5.5), rather than being stopped. */
function isFailure(t: Task): boolean {
  if (t.stop?.stopCode === 'TaskFailedToStart' || t.stop?.stopCode === 'EssentialContainerExited') return true;
  return t.stop?.stopCode === 'ServiceSchedulerInitiated' && (t.stop?.stoppedReason ?? '').includes('health checks');
}

function seenOf(d: Deployment, existedBefore: boolean): DeploymentSeen {
  return {
    id: d.id,
    taskDefinitionArn: d.taskDefinitionArn,
    taskDefinitionKey: d.taskDefinitionKey,
    rolloutState: d.rolloutState,
    rolloutStateReason: d.rolloutStateReason,
    existedBefore,
  };
}

/** The account's usage at its peak sample. */
export interface AccountPeak {
  /** CPU units per pool at each pool's own peak. */
  readonly poolPeakCpuUnits: Map<string, number>;
  /** Highest addresses in use per watched subnet. */
  readonly subnetPeakInUse: Map<string, number>;
  /** Addresses in use per watched subnet at the sample where the account held the most vCPUs. */
  subnetInUseAtPeak: Map<string, number>;
  peakCpuUnits: number;
}

/** Watches every service a plan touches, and the account. */
export class RolloutObserver {
  readonly watches: ServiceWatch[] = [];
  private readonly byKey = new Map<string, ServiceWatch>();
  readonly account: AccountPeak = { poolPeakCpuUnits: new Map(), subnetPeakInUse: new Map(), subnetInUseAtPeak: new Map(), peakCpuUnits: -1 };
  private readonly subnets: readonly string[];

  /**
   * @param before the World before the operations (to tell new deployments and events from old ones)
   * @param after the World right after the operations
   * @param keys World keys of the services to watch
   */
  constructor(before: World, after: World, keys: readonly string[]) {
    const tx = new WorldTxn(after);
    for (const key of keys) {
      const s = after.services.get(key);
      if (s === undefined) continue;
      const w = new ServiceWatch(key, s.serviceName, s, before.services.get(key), tx, after.nowMs);
      this.watches.push(w);
      this.byKey.set(key, w);
    }
    this.subnets = [...new Set(this.watches.flatMap((w) => w.subnets))].sort();
  }

  /** Takes in the events of an `execute` or `advance` (task changes of watched services). */
  observe(events: readonly EcsEvent[]): void {
    for (const e of events) {
      if (!(e instanceof TaskStateChangeEvent)) continue;
      const key = e.task.spec.serviceKey;
      if (key === undefined) continue;
      this.byKey.get(key)?.onTask(e.task);
    }
  }

  /** Reads the World at its current instant. */
  sample(world: World): void {
    let tx: WorldTxn | undefined;
    const lazyTx = (): WorldTxn => (tx ??= new WorldTxn(world));
    let cpuUnits = 0;
    for (const [pool, usage] of world.fargateUsage.entries()) {
      cpuUnits += usage.cpuUnits;
      const p = this.account.poolPeakCpuUnits.get(pool) ?? 0;
      if (usage.cpuUnits > p) this.account.poolPeakCpuUnits.set(pool, usage.cpuUnits);
    }
    const inUse = new Map<string, number>();
    for (const id of this.subnets) {
      const n = world.subnetIps.get(id)?.inUse ?? 0;
      inUse.set(id, n);
      if (n > (this.account.subnetPeakInUse.get(id) ?? -1)) this.account.subnetPeakInUse.set(id, n);
    }
    if (cpuUnits > this.account.peakCpuUnits) {
      this.account.peakCpuUnits = cpuUnits;
      this.account.subnetInUseAtPeak = inUse;
    }
    for (const w of this.watches) {
      const s = world.services.get(w.key);
      if (s !== undefined) w.sample(world, s, cpuUnits / CPU_UNITS_PER_VCPU, lazyTx);
    }
  }

  /** Whether every watched service is settled. */
  allSettled(): boolean {
    return this.watches.every((w) => w.settled());
  }

  /** The subnets the watched services use that the World knows, sorted. */
  knownSubnets(world: World): readonly string[] {
    const known = subnetsById(world.config);
    return this.subnets.filter((s) => known.has(s));
  }
}
