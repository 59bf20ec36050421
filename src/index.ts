/**
 * ecs-twin: a deterministic digital twin of Amazon ECS on AWS Fargate.
 *
 * The core contract: {@link createWorld}, {@link execute}, {@link advance}. Everything is pure and deterministic:
 * the same config and inputs give byte-identical worlds, outputs and events.
 *
 * @packageDocumentation
 */
export {
  CONFIG_LIMITS,
  createWorld,
  decodeWorldConfig,
  resolveConfig,
  tryCreateWorld,
  DEFAULT_FARGATE_QUOTAS,
  DEFAULT_RETENTION,
  DEFAULT_TASK_TIMINGS,
  type WorldConfig,
} from './engine/createWorld.js';
export { execute, type ExecuteOptions, type ExecuteResult } from './engine/execute.js';
export { explainPlacement, MAX_EXPLAIN_COUNT, type PlacementReport, type PlannedPlacement } from './engine/explainPlacement.js';
export { chargeRequest } from './engine/chargeRequest.js';
export { WorldConfigCodec, WorldConfigSections, type DecodedWorldConfig } from './codecs/worldConfig.js';
export { REQUEST_LIMITS, readPlainInput, type InputLimits, type InputProblem } from './codecs/plainInput.js';
export { MAX_TIME_MS } from './domain/time.js';
export { advance, type AdvanceResult, MAX_TIMERS_PER_ADVANCE } from './engine/advance.js';
export type { World, ResolvedConfig } from './domain/world.js';
// A World's tasks in their domain form (`world.tasks`; DescribeTasks gives the wire form): their times are TaskTimes
// and their address a number, read with these.
export { hasEni, poolOf, privateIpOf, taskMs, taskMsOpt } from './domain/task.js';
export type { Task, TaskSite, TaskSpec, TaskStop, TaskTime } from './domain/task.js';
export type { EcsError, EcsErrorName } from './domain/errors.js';
export type { EcsEvent, EcsEventDetailType } from './domain/events.js';
export type { Wire, Tag } from './domain/wire.js';
export { PMap } from './domain/pmap.js';
export { applyEntry, replay, replayOnto, type AppliedEntry, type FaultEntry, type JournalEntry } from './sim/journal.js';
export { deserializeWorld, serializeWorld, WORLD_SNAPSHOT_FORMAT, WORLD_SNAPSHOT_VERSION } from './codecs/worldSnapshot.js';
export type {
  BehaviorMatch,
  BehaviorRule,
  CapacityShortage,
  ContainerInstanceFleetConfig,
  FargateQuotas,
  FaultState,
  RateLimit,
  RetentionConfig,
  TargetGroupConfig,
  TaskTimings,
} from './domain/world.js';
export { DEFAULT_TARGET_GROUP } from './domain/world.js';
export type { ContainerInstance, ContainerInstanceStatus, InstanceAttribute, InstanceResources } from './domain/containerInstance.js';
export type {
  CircuitBreakerConfig,
  Deployment,
  DeploymentConfig,
  RolloutState,
  Service,
  ServiceEvent,
  ServiceStatus,
} from './domain/service.js';
export { maxTasks, minHealthyTasks, breakerThreshold, launchBackoffMs } from './scheduler/service/rollingBounds.js';
export type { DurationSpec } from './domain/rng.js';
export type { NetworkConfig, SubnetConfig, SecurityGroupConfig } from './domain/network.js';
export {
  injectCapacityShortage,
  interruptSpotTasks,
  setBehaviors,
  setSubnetAvailability,
  type CapacityShortageOptions,
  type SimResult,
  type SpotInterruptionOptions,
  type SpotInterruptionResult,
} from './sim/faults.js';
export { aggregate, variantsOf, BASE_VARIANT, SERVICE_OUTCOME_METRICS, TOTAL_OUTCOME_METRICS, type RunnableVariant } from './sim/aggregate.js';
export { evaluateAsserts, TOTAL_SUBJECT } from './sim/asserts.js';
export { percentile, statsOf } from './sim/stats.js';
export { planSweep, seedTasks, MAX_SEEDS, type SeedTask, type Sweep, type SweepOptions } from './sim/sweep.js';
export {
  decodePartial,
  makePartial,
  mergePartials,
  parseShard,
  scenarioFingerprint,
  shardSeeds,
  PARTIAL_FORMAT,
  type PartialResult,
} from './sim/partial.js';
export type {
  AccountSeries,
  AssertVerdict,
  CostSummary,
  Marker,
  SeedResult,
  ServiceOutcome,
  ServiceSeries,
  SimulationResult,
  Stats,
  TotalOutcome,
  VariantResult,
} from './sim/result.js';
export { simulate, trySimulate, type SimulateOptions } from './sim/simulate.js';
export { checkScenario, simulateSeed, type SeedHooks } from './sim/run/simulateSeed.js';
export { formatProblem, loadScenarioFile, type ScenarioProblem } from './sim/scenario/index.js';
export type { Scenario, ScenarioFile } from './sim/scenario/types.js';
export { crashTasks, setFargateQuotas, zoneOutage, type CrashTasksOptions, type FargateQuotasOptions, type ZoneOutageOptions } from './sim/runtimeFaults.js';
export { setAgentConnected, type AgentConnectedOptions } from './sim/agentFaults.js';
export { plan, PLAN_FORMAT, type PlanOptions } from './plan/plan.js';
export { planFingerprint } from './plan/fingerprint.js';
export { diffState } from './plan/diff.js';
export { predict } from './plan/predict.js';
export { readDesiredState, type ReadDesiredStateOptions } from './plan/desired/index.js';
export { renderPlan, summaryLine, isNoOpPlan, countChanges, CHANGE_SYMBOLS, type RenderOptions } from './plan/render.js';
export { decodePlanFile } from './plan/planFile.js';
export type {
  ChangeKind,
  DesiredResource,
  DesiredState,
  FieldChange,
  Plan,
  PlanCheck,
  PlannedOperation,
  ResourceChange,
  RolloutPrediction,
} from './plan/types.js';
