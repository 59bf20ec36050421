/**
 * What a simulation returns: per seed ({@link SeedResult}), aggregated over seeds per variant
 * ({@link VariantResult}), and the whole run ({@link SimulationResult}). Plain JSON data (numbers, strings, arrays,
 * objects in a fixed key order), so results cross worker threads, are written as JSON, and merge byte for byte.
 *
 * Series are arrays with one value per metric period (`periodMs`), index `i` covering `[startMs + i·periodMs,
 * startMs + (i+1)·periodMs)`; gauges (counts, utilization, free IPs) are the value at the end of the period,
 * like a CloudWatch datapoint's `Maximum` would be close to; sums (requests, cost, events) are totals over it.
 *
 * @module
 */

/** One service's series (CloudWatch / Container Insights names). */
export interface ServiceSeries {
  readonly RunningTaskCount: readonly number[];
  readonly DesiredTaskCount: readonly number[];
  readonly PendingTaskCount: readonly number[];
  /** Average over RUNNING tasks, percent; `null` when none ran (no datapoint, as in CloudWatch). */
  readonly CPUUtilization: readonly (number | null)[];
  readonly MemoryUtilization: readonly (number | null)[];
  /** Requests in the period. */
  readonly OfferedRequests: readonly number[];
  readonly ServedRequests: readonly number[];
  readonly DroppedRequests: readonly number[];
  /** Fargate cost of the service's tasks accrued in the period, USD. */
  readonly CostUsd: readonly number[];
}

/** Account-wide series. */
export interface AccountSeries {
  /** Fargate On-Demand vCPUs in use at the end of the period, and the quota then. */
  readonly OnDemandVcpuInUse: readonly number[];
  /** `null`: no limit (a quota of `Infinity`, which JSON cannot hold). */
  readonly OnDemandVcpuQuota: readonly (number | null)[];
  readonly SpotVcpuInUse: readonly number[];
  readonly SpotVcpuQuota: readonly (number | null)[];
  /** Events in the period. */
  readonly LaunchFailures: readonly number[];
  readonly Throttles: readonly number[];
  readonly SpotInterruptions: readonly number[];
  readonly DeploymentsStarted: readonly number[];
  readonly DeploymentsCompleted: readonly number[];
  readonly DeploymentsFailed: readonly number[];
  readonly DeploymentsRolledBack: readonly number[];
  /** Fargate cost accrued in the period, USD (all tasks, services or not). */
  readonly CostUsd: readonly number[];
}

/** A moment worth marking on the charts. */
export interface Marker {
  readonly atMs: number;
  readonly kind: 'deployment' | 'fault' | 'scaling' | 'operation';
  /** The service it concerns (`cluster/service`), if one. */
  readonly service?: string;
  readonly label: string;
  /** For a fault with a window (an AZ outage, a subnet unavailable): when it ends; the report shades the window. */
  readonly endMs?: number;
}

/** Outcomes of one service over the run. */
export interface ServiceOutcome {
  /** Minutes with fewer RUNNING tasks than the desired count. */
  readonly minutesBelowDesired: number;
  /** Minutes when offered load exceeded what the RUNNING tasks could serve. */
  readonly minutesOverloaded: number;
  readonly offeredRequests: number;
  readonly servedRequests: number;
  readonly droppedRequests: number;
  /** 100 × dropped / offered (0 when nothing was offered). */
  readonly droppedRequestsPct: number;
  /** Tasks the service started to replace a task that stopped while desired RUNNING (not scale-out). */
  readonly tasksReplaced: number;
  readonly spotInterruptions: number;
  readonly costUsd: number;
  /** After each deployment or fault: minutes until the service was next steady (null: not within the run). */
  readonly timeToSteadyState: readonly { readonly after: string; readonly atMs: number; readonly minutes: number | null }[];
  /** The largest of `timeToSteadyState` (a run that never settles counts as the time left), 0 with none. */
  readonly maxTimeToSteadyStateMinutes: number;
}

/** Cost of the run. */
export interface CostSummary {
  readonly totalUsd: number;
  readonly onDemandUsd: number;
  readonly spotUsd: number;
  readonly vcpuHours: number;
  readonly gbHours: number;
  /** GB-hours of ephemeral storage above the free 20 GiB. */
  readonly extraStorageGbHours: number;
  readonly billedTasks: number;
}

/** One seed of one variant. */
export interface SeedResult {
  readonly variant: string;
  readonly seed: number;
  readonly startMs: number;
  readonly periodMs: number;
  readonly periods: number;
  /** Keyed by `cluster/service`, in the order the scenario declares services. */
  readonly services: Readonly<Record<string, ServiceSeries>>;
  readonly account: AccountSeries;
  /** Free IPs per subnet at the end of each period, keyed by subnet id in the network's order. */
  readonly subnets: Readonly<Record<string, readonly number[]>>;
  readonly markers: readonly Marker[];
  readonly outcomes: Readonly<Record<string, ServiceOutcome>>;
  readonly totals: TotalOutcome;
  readonly cost: CostSummary;
  /** Timer events fired (for throughput figures). */
  readonly timerEvents: number;
  /** Problems worth a line (an operation the timeline made that ECS rejected, …): `timeline[3] at 10:00: …`. */
  readonly notes: readonly string[];
}

/** Totals over every service. */
export interface TotalOutcome {
  readonly minutesBelowDesired: number;
  readonly minutesOverloaded: number;
  readonly offeredRequests: number;
  readonly servedRequests: number;
  readonly droppedRequests: number;
  readonly droppedRequestsPct: number;
  readonly tasksReplaced: number;
  readonly costUsd: number;
  readonly spotInterruptions: number;
  readonly launchFailures: number;
  readonly throttles: number;
  readonly maxTimeToSteadyStateMinutes: number;
}

/** Statistics of one number over the seeds. */
export interface Stats {
  readonly mean: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly min: number;
  readonly max: number;
}

/** One assert's verdict in one variant. */
export interface AssertVerdict {
  readonly text: string;
  /** Which service (or `total`) the value is for; `each` asserts give one verdict per service. */
  readonly subject: string;
  readonly statistic: string;
  readonly value: number;
  readonly pass: boolean;
  /** Why the assert could not be checked (an unknown service, a metric not measured per service); it then fails. */
  readonly problem?: string;
}

/** A variant over all its seeds. */
export interface VariantResult {
  readonly name: string;
  readonly description?: string;
  readonly seeds: readonly SeedResult[];
  /** Per service, then `total`: each outcome metric's statistics over the seeds. */
  readonly outcomes: Readonly<Record<string, Readonly<Record<string, Stats>>>>;
  /** Fan chart data: per service, RunningTaskCount's p10/p50/p90 over the seeds, per period. */
  readonly fan: Readonly<Record<string, { readonly p10: readonly number[]; readonly p50: readonly number[]; readonly p90: readonly number[] }>>;
  readonly asserts: readonly AssertVerdict[];
  readonly pass: boolean;
  /** Mean total cost minus the first variant's, USD (0 for the first). */
  readonly costDeltaUsd: number;
  /** Mean dropped-requests percentage minus the first variant's. */
  readonly droppedPctDelta: number;
}

/** A whole run. */
export interface SimulationResult {
  readonly scenario: string;
  readonly description?: string;
  readonly durationMs: number;
  readonly periodMs: number;
  readonly seedCount: number;
  readonly variants: readonly VariantResult[];
  /** The variant passing every assert at the least mean cost, if any passes. */
  readonly best: string | null;
  readonly pass: boolean;
  /**
   * Per service (`cluster/service`): the target-tracking policy's metric and target value, drawn as a line on the
   * utilization chart. Optional: a service without target tracking has no entry.
   */
  readonly scalingTargets?: Readonly<Record<string, ScalingTarget>>;
}

/** A service's target-tracking goal (from PutScalingPolicy's TargetTrackingScalingPolicyConfiguration). */
export interface ScalingTarget {
  /** The predefined metric (`ECSServiceAverageCPUUtilization`, `ECSServiceAverageMemoryUtilization`, `ALBRequestCountPerTarget`). */
  readonly metric: string;
  readonly targetValue: number;
}
