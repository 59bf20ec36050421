/**
 * The planning engine's data: desired state in, a checked plan out (issue 12). A plan is plain JSON data — written
 * to `plan.json`, rendered by `renderPlan`, applied by `apply` — so it can be reviewed, stored and diffed.
 *
 * @module
 */

/** What the user wants: ECS request bodies (camelCase, as the ECS API takes them), in dependency order. */
export interface DesiredState {
  /** CreateCluster bodies. */
  readonly clusters: readonly DesiredResource[];
  /** RegisterTaskDefinition bodies. */
  readonly taskDefinitions: readonly DesiredResource[];
  /** CreateService bodies (an existing service is updated toward it). */
  readonly services: readonly DesiredResource[];
  /** Application Auto Scaling: RegisterScalableTarget and PutScalingPolicy bodies (PascalCase, as AAS takes them). */
  readonly scalableTargets: readonly DesiredResource[];
  readonly scalingPolicies: readonly DesiredResource[];
  /** Problems met reading the input that did not stop it (an unresolved CloudFormation reference, …). */
  readonly warnings: readonly string[];
}

/** One desired resource: its request body and where it came from (for messages). */
export interface DesiredResource {
  /** `resources.services[2]`, or the CloudFormation logical id (`WebService`). */
  readonly source: string;
  readonly body: Readonly<Record<string, unknown>>;
}

/** How a resource changes. */
export type ChangeKind =
  | 'no-op'
  | 'create'
  /** Changed in place without new tasks (desiredCount, tags, deploymentConfiguration, …). */
  | 'update'
  /** An UpdateService that starts a new deployment (new task definition, network, platform version, force). */
  | 'new-deployment'
  /** A change ECS cannot make in place (e.g. a service's launch type ↔ strategy on some paths, load balancers on old APIs): delete and create. */
  | 'replace';

/** One field that differs: its dotted path, and the current and desired values (JSON). */
export interface FieldChange {
  readonly path: string;
  readonly from: unknown;
  readonly to: unknown;
}

/** The plan for one resource. */
export interface ResourceChange {
  readonly type: 'cluster' | 'taskDefinition' | 'service' | 'scalableTarget' | 'scalingPolicy';
  /** `prod`, `web:3`, `prod/web`, `service/prod/web`, policy name. */
  readonly id: string;
  readonly source: string;
  readonly kind: ChangeKind;
  /** Why this kind (`taskDefinition changes from web:2 to web:3: a new deployment`). */
  readonly reason: string;
  readonly changes: readonly FieldChange[];
  /**
   * ECS's answer when the desired body is refused (validated on a scratch branch of the World): the exception
   * name and message. The plan's checks report it; the change's operations would fail the same way.
   */
  readonly error?: { readonly name: string; readonly message: string };
}

/** One ECS (or AAS) call of the plan, in order. */
export interface PlannedOperation {
  readonly service: 'ecs' | 'application-autoscaling';
  readonly operation: string;
  readonly input: Readonly<Record<string, unknown>>;
  /** Index of the ResourceChange it realises. */
  readonly change: number;
  /** Deterministic idempotency token (`clientToken`) where the operation takes one. */
  readonly clientToken?: string;
}

/** The predicted rollout of one service, from simulating the operations on a branch of the current World. */
export interface RolloutPrediction {
  readonly service: string;
  /** Seconds from the first operation until the service is steady (null: not within the horizon). */
  readonly timeToSteadySeconds: number | null;
  readonly peakTasks: number;
  readonly peakVcpus: number;
  /** Fewest healthy RUNNING tasks during the rollout. */
  readonly lowestHealthy: number;
  /** Addresses in use per subnet at the account's peak. */
  readonly ipsAtPeak: Readonly<Record<string, number>>;
  /** The service events ECS would emit (messages with their offset in seconds). */
  readonly events: readonly { readonly atSeconds: number; readonly message: string }[];
  /** COMPLETED, FAILED (circuit breaker), ROLLED_BACK, or IN_PROGRESS at the horizon. */
  readonly outcome: 'COMPLETED' | 'FAILED' | 'ROLLED_BACK' | 'IN_PROGRESS';
}

/** A check of the plan, with its explanation. */
export interface PlanCheck {
  readonly name: 'vcpu-quota' | 'subnet-ips' | 'task-definition' | 'circuit-breaker' | 'operation' | 'placement';
  readonly status: 'pass' | 'warn' | 'fail';
  readonly subject: string;
  readonly message: string;
}

/** The plan. */
export interface Plan {
  readonly format: 'ecs-twin-plan/1';
  /** Fingerprint of the current state of the resources the plan touches (see `src/plan/fingerprint.ts`). */
  readonly fingerprint: string;
  readonly changes: readonly ResourceChange[];
  readonly operations: readonly PlannedOperation[];
  readonly rollouts: readonly RolloutPrediction[];
  readonly checks: readonly PlanCheck[];
  /** Fargate cost per 30-day month of the planned services' desired tasks, before and after (us-east-1 prices unless the World's Region has its own). */
  readonly monthlyCostUsd: { readonly before: number; readonly after: number };
  readonly warnings: readonly string[];
  /**
   * The desired state the plan was made for. `apply` recomputes the fingerprint of the current state from it
   * (`planFingerprint(world, desired)`) to refuse a stale plan; a plan without it cannot be checked, so cannot be
   * applied from a file.
   */
  readonly desired?: DesiredState;
}
