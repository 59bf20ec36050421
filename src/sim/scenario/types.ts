/**
 * A what-if scenario as the simulator runs it: the decoded, resolved form of a scenario file (YAML or JSON).
 *
 * Times are milliseconds: `*Ms` offsets count from the World's start (`world.startTimeMs`), durations are lengths.
 * The file form (durations like `"90m"`, times of day like `"10:00"`, paths to JSON request bodies) is decoded into
 * this by `src/sim/scenario/` (see the guide docs/guides/what-if-simulations.md for the file reference).
 *
 * @module
 */
import type { WorldConfig } from '../../engine/createWorld.js';

/** A scenario, one variant of it already applied (see {@link ScenarioFile} for the file with its variants). */
export interface Scenario {
  readonly name: string;
  readonly description?: string;
  /** The World config (region, network, quotas, timings, behaviours, seed). The seed is the base of the seeds. */
  readonly world: WorldConfig;
  /** ECS API request bodies, applied in this order at time 0: clusters, task definitions, then services. */
  readonly resources: ScenarioResources;
  /** Offered load per service, keyed by service reference (`service` or `cluster/service`). */
  readonly load: Readonly<Record<string, ServiceLoad>>;
  readonly autoscaling: AutoscalingInputs;
  /** ECS operations and faults at virtual times, in file order (stable for equal times). */
  readonly timeline: readonly TimelineEntry[];
  /** Virtual time simulated, ms (> 0). */
  readonly durationMs: number;
  /**
   * Virtual time before the measured run in which the resources are created and the services start their tasks,
   * with no load, faults or scaling (default 10 minutes): the run starts warm, as production is.
   */
  readonly warmupMs?: number;
  /** Metric period, ms (default 60,000; divides `durationMs`). */
  readonly metricPeriodMs: number;
  /** Number of seeds (default 1): seed i (0-based) runs the World with seed `world.seed + i`. */
  readonly seeds: number;
  /** Checks on the outcomes; exit status 1 when one fails. */
  readonly assert: readonly AssertSpec[];
  /** Price table overrides (per-region defaults: `src/fargate/pricing.ts`). */
  readonly prices?: PriceOverrides;
}

/** The scenario file: the base scenario and its variants (named overrides of any section). */
export interface ScenarioFile {
  /** The base, i.e. the first variant when `variants` is empty (its name is `"base"`). */
  readonly base: Scenario;
  /** Each variant fully resolved (base + its overrides). Empty: the base alone runs, as variant `"base"`. */
  readonly variants: readonly { readonly name: string; readonly description?: string; readonly scenario: Scenario }[];
}

/** ECS request bodies (as the ECS API takes them; validated when applied, errors name `resources.services[2]`). */
export interface ScenarioResources {
  readonly clusters: readonly unknown[];
  readonly taskDefinitions: readonly unknown[];
  readonly services: readonly unknown[];
}

// ---------------------------------------------------------------------------------------------------------------
// Load

/** What one service is offered and how its tasks respond. */
export interface ServiceLoad {
  /** Requests/s one task serves at 100% CPU (> 0). */
  readonly capacityRps: number;
  /** CPU utilization of an idle task, percent (default 2). */
  readonly cpuBaselinePct: number;
  /** Memory utilization of an idle task, percent (default 20). */
  readonly memoryBaselinePct: number;
  /** Memory utilization of a task at full load, percent (default 60). Linear in between. */
  readonly memoryAtCapacityPct: number;
  /** The offered load: the sum of these profiles. */
  readonly profile: readonly LoadProfile[];
}

/** Offered requests/s over time. `*Ms` are offsets from the start; hours of day are UTC. */
export type LoadProfile =
  | { readonly type: 'constant'; readonly rps: number }
  /** `rps` of the last step whose `atMs` ≤ t (0 before the first). */
  | { readonly type: 'step'; readonly steps: readonly { readonly atMs: number; readonly rps: number }[] }
  /** `fromRps` until `startMs`, linear to `toRps` at `endMs`, then `toRps`. */
  | { readonly type: 'ramp'; readonly fromRps: number; readonly toRps: number; readonly startMs: number; readonly endMs: number }
  /** A cosine day: `peakRps` at `peakHour` (UTC, may be fractional), `baseRps` twelve hours away. */
  | { readonly type: 'diurnal'; readonly baseRps: number; readonly peakRps: number; readonly peakHour: number }
  /** `extraRps` added from `atMs` for `durationMs`. */
  | { readonly type: 'spike'; readonly extraRps: number; readonly atMs: number; readonly durationMs: number }
  /** Replay: `rps` of the last point whose `atMs` ≤ t (points sorted; 0 before the first). From CSV `time,rps`. */
  | { readonly type: 'replay'; readonly points: readonly { readonly atMs: number; readonly rps: number }[] };

// ---------------------------------------------------------------------------------------------------------------
// Application Auto Scaling inputs, in its own request shapes (PascalCase, as the AAS API takes them)

export interface AutoscalingInputs {
  readonly scalableTargets: readonly RegisterScalableTargetInput[];
  readonly scalingPolicies: readonly PutScalingPolicyInput[];
  readonly scheduledActions: readonly PutScheduledActionInput[];
}

export interface RegisterScalableTargetInput {
  readonly ServiceNamespace: 'ecs';
  /** `service/<cluster>/<service>`. */
  readonly ResourceId: string;
  readonly ScalableDimension: 'ecs:service:DesiredCount';
  readonly MinCapacity: number;
  readonly MaxCapacity: number;
  readonly SuspendedState?: {
    readonly DynamicScalingInSuspended?: boolean;
    readonly DynamicScalingOutSuspended?: boolean;
    readonly ScheduledScalingSuspended?: boolean;
  };
}

export type PredefinedMetricType =
  | 'ECSServiceAverageCPUUtilization'
  | 'ECSServiceAverageMemoryUtilization'
  | 'ALBRequestCountPerTarget';

export interface TargetTrackingScalingPolicyConfiguration {
  readonly TargetValue: number;
  readonly PredefinedMetricSpecification: { readonly PredefinedMetricType: PredefinedMetricType; readonly ResourceLabel?: string };
  /** Seconds; default 300. */
  readonly ScaleOutCooldown?: number;
  /** Seconds; default 300. */
  readonly ScaleInCooldown?: number;
  readonly DisableScaleIn?: boolean;
}

export interface StepAdjustment {
  readonly MetricIntervalLowerBound?: number;
  readonly MetricIntervalUpperBound?: number;
  readonly ScalingAdjustment: number;
}

export interface StepScalingPolicyConfiguration {
  readonly AdjustmentType: 'ChangeInCapacity' | 'PercentChangeInCapacity' | 'ExactCapacity';
  readonly StepAdjustments: readonly StepAdjustment[];
  readonly MinAdjustmentMagnitude?: number;
  /** Seconds; default 300. */
  readonly Cooldown?: number;
  readonly MetricAggregationType?: 'Average' | 'Minimum' | 'Maximum';
}

/**
 * The CloudWatch alarm that drives a step-scaling policy (PutMetricAlarm's shape, the parts that matter here).
 * The metric is one of the service's: `CPUUtilization` or `MemoryUtilization` (namespace `AWS/ECS`), or
 * `RequestCountPerTarget` (namespace `AWS/ApplicationELB`).
 */
export interface StepScalingAlarm {
  readonly AlarmName: string;
  readonly MetricName: 'CPUUtilization' | 'MemoryUtilization' | 'RequestCountPerTarget';
  readonly Statistic: 'Average' | 'Minimum' | 'Maximum' | 'Sum';
  /** Seconds, a multiple of 60. */
  readonly Period: number;
  readonly EvaluationPeriods: number;
  readonly DatapointsToAlarm?: number;
  readonly Threshold: number;
  readonly ComparisonOperator: 'GreaterThanThreshold' | 'GreaterThanOrEqualToThreshold' | 'LessThanThreshold' | 'LessThanOrEqualToThreshold';
}

export interface PutScalingPolicyInput {
  readonly PolicyName: string;
  readonly ServiceNamespace: 'ecs';
  readonly ResourceId: string;
  readonly ScalableDimension: 'ecs:service:DesiredCount';
  readonly PolicyType: 'TargetTrackingScaling' | 'StepScaling';
  readonly TargetTrackingScalingPolicyConfiguration?: TargetTrackingScalingPolicyConfiguration;
  readonly StepScalingPolicyConfiguration?: StepScalingPolicyConfiguration;
  /** StepScaling only: the alarm whose ALARM state triggers the policy (not part of AAS's request; CloudWatch's). */
  readonly Alarm?: StepScalingAlarm;
}

export interface PutScheduledActionInput {
  readonly ScheduledActionName: string;
  readonly ServiceNamespace: 'ecs';
  readonly ResourceId: string;
  readonly ScalableDimension: 'ecs:service:DesiredCount';
  /** `at(yyyy-mm-ddThh:mm:ss)`, `rate(value unit)` or `cron(fields)` as AAS takes them. */
  readonly Schedule: string;
  /** IANA zone name; default UTC. */
  readonly Timezone?: string;
  /** Epoch ms. */
  readonly StartTimeMs?: number;
  readonly EndTimeMs?: number;
  readonly ScalableTargetAction: { readonly MinCapacity?: number; readonly MaxCapacity?: number };
}

// ---------------------------------------------------------------------------------------------------------------
// Timeline

/** One timeline entry: an ECS operation, or a fault, at `atMs` (offset from the start). */
export type TimelineEntry = OperationEntry | FaultEntry;

/** An ECS API call (any operation `execute` knows), optionally repeated (`times` calls, `everyMs` apart). */
export interface OperationEntry {
  readonly _tag: 'operation';
  readonly atMs: number;
  readonly operation: string;
  readonly input: unknown;
  readonly times: number;
  readonly everyMs: number;
  /** Where it is in the file (`timeline[3]`), for messages and markers. */
  readonly path: string;
}

export type FaultEntry =
  /** Both Fargate capacity providers have no capacity in the zone for the window, and its RUNNING tasks stop. */
  | { readonly _tag: 'azOutage'; readonly atMs: number; readonly durationMs: number; readonly availabilityZone: string; readonly path: string }
  | {
      readonly _tag: 'capacityShortage';
      readonly atMs: number;
      readonly durationMs: number;
      readonly capacityProvider: 'FARGATE' | 'FARGATE_SPOT';
      readonly availabilityZone: string;
      readonly path: string;
    }
  /** No new ENI in the subnet for the window (for the rest of the run when `durationMs` is absent). */
  | { readonly _tag: 'subnetUnavailable'; readonly atMs: number; readonly durationMs?: number; readonly subnetId: string; readonly path: string }
  /** Each RUNNING Fargate Spot task is interrupted at this rate (a Poisson process) from `atMs` for the window. */
  | { readonly _tag: 'spotInterruptions'; readonly atMs: number; readonly durationMs?: number; readonly ratePerTaskHour: number; readonly path: string }
  /** Each RUNNING task of the service crashes (its essential container exits) with this mean time between failures. */
  | {
      readonly _tag: 'crashes';
      readonly atMs: number;
      readonly durationMs?: number;
      readonly service: string;
      readonly mtbfMs: number;
      readonly exitCode: number;
      readonly path: string;
    }
  /** New Fargate vCPU quotas from `atMs` (the ones not given stay). */
  | { readonly _tag: 'quota'; readonly atMs: number; readonly onDemandVcpu?: number; readonly spotVcpu?: number; readonly path: string };

// ---------------------------------------------------------------------------------------------------------------
// Asserts and prices

export type AssertMetric =
  | 'minutesBelowDesired'
  | 'minutesOverloaded'
  | 'droppedRequestsPct'
  | 'droppedRequests'
  | 'tasksReplaced'
  | 'costUsd'
  | 'spotInterruptions'
  | 'launchFailures'
  | 'throttles'
  | 'maxTimeToSteadyStateMinutes';

/**
 * `metric op value`, for one service, every service (`service` absent and `scope: 'each'`) or the total.
 * Over seeds: `over` (default `max` — the worst seed must pass; `mean`, `p50`, `p90`, `p99`, `min` also).
 */
export interface AssertSpec {
  /** The text as written (`web.minutesBelowDesired <= 5`), for reports. */
  readonly text: string;
  readonly scope: { readonly _tag: 'service'; readonly service: string } | { readonly _tag: 'each' } | { readonly _tag: 'total' };
  readonly metric: AssertMetric;
  readonly op: '<' | '<=' | '>' | '>=' | '==';
  readonly value: number;
  readonly over: SeedStatistic;
}

export type SeedStatistic = 'mean' | 'p50' | 'p90' | 'p99' | 'min' | 'max';

/** USD rates; each given one replaces the region's default. */
export interface PriceOverrides {
  readonly linuxX86VcpuHour?: number;
  readonly linuxX86GbHour?: number;
  readonly linuxArmVcpuHour?: number;
  readonly linuxArmGbHour?: number;
  readonly windowsVcpuHour?: number;
  readonly windowsGbHour?: number;
  readonly windowsLicenseVcpuHour?: number;
  readonly ephemeralStorageGbHour?: number;
  /** Fargate Spot price as a fraction of on-demand (0–1). */
  readonly spotFactor?: number;
}
