/**
 * Codecs for the simulation's own inputs — container behaviour rules and fault arguments — which arrive from
 * JavaScript callers, scenario files and (later) the control API, and so are untrusted like any ECS request.
 * They are exact (`src/codecs/strict.ts`): unknown keys, `null`, NaN, ±Infinity and negative durations are errors
 * naming the path.
 *
 * @module
 */
import * as t from 'io-ts';
import { literals } from './common.js';
import { ABoolean, AString, EpochMs, IntegerIn, NonNegativeFinite, PositiveFinite, exact, exactList, withRule } from './strict.js';

/** An integer exit code 0–255. */
const ExitCode = IntegerIn(0, 255);

const DurationSpecShape = exact(
  'a DurationSpec object',
  { medianMs: NonNegativeFinite, minMs: NonNegativeFinite, maxMs: NonNegativeFinite, spread: NonNegativeFinite },
  ['medianMs', 'minMs', 'maxMs'],
);

/** A duration distribution whose bounds are ordered (`minMs ≤ maxMs`). */
export const DurationSpecCodec = withRule(DurationSpecShape, (d) =>
  d.minMs <= d.maxMs ? undefined : `expected minMs ≤ maxMs, got minMs ${d.minMs} and maxMs ${d.maxMs}`,
);

/**
 * A fixed duration in ms, or a distribution. Chosen by the value's kind (a number or an object), so an error
 * speaks of the one the user meant rather than of both.
 */
export const DurationCodec = new t.Type<number | t.TypeOf<typeof DurationSpecCodec>, number | t.TypeOf<typeof DurationSpecCodec>, unknown>(
  'a finite number ≥ 0 or a DurationSpec object',
  (u): u is number | t.TypeOf<typeof DurationSpecCodec> => NonNegativeFinite.is(u) || DurationSpecCodec.is(u),
  (u, c) => {
    if (typeof u === 'number') return NonNegativeFinite.validate(u, c);
    if (typeof u === 'object' && u !== null && !Array.isArray(u)) return DurationSpecCodec.validate(u, c);
    return t.failure(u, c);
  },
  t.identity,
);

/** `BehaviorRule.match`. */
export const BehaviorMatchCodec = exact('a BehaviorMatch object', { image: AString, family: AString, containerName: AString });

/** One container behaviour rule. */
export const BehaviorRuleCodec = exact(
  'a BehaviorRule object',
  {
    match: BehaviorMatchCodec,
    pullMs: DurationCodec,
    failToStart: AString,
    exitAfterMs: DurationCodec,
    exitCode: ExitCode,
    unhealthyAfterMs: NonNegativeFinite,
    failTargetHealthChecksAfterMs: NonNegativeFinite,
    onSigterm: literals(['exit', 'ignore']),
    sigtermExitCode: ExitCode,
  },
  ['match'],
);

/** An ordered list of behaviour rules. */
export const BehaviorRulesCodec = exactList(BehaviorRuleCodec, 'a list of BehaviorRule objects');

/** Options of `interruptSpotTasks`. */
export const SpotInterruptionOptionsCodec = exact('a SpotInterruptionOptions object', {
  cluster: AString,
  availabilityZone: AString,
  tasks: exactList(AString, 'a list of task ids or ARNs'),
  count: NonNegativeFinite,
});

/** Options of `injectCapacityShortage`. */
export const CapacityShortageOptionsCodec = exact(
  'a CapacityShortageOptions object',
  {
    capacityProvider: literals(['FARGATE', 'FARGATE_SPOT']),
    availabilityZone: AString,
    durationMs: PositiveFinite,
    startMs: EpochMs,
  },
  ['capacityProvider', 'availabilityZone', 'durationMs'],
);

/** The arguments of `setSubnetAvailability`. */
export const SubnetAvailabilityCodec = exact('the arguments of setSubnetAvailability', { subnetId: AString, available: ABoolean }, [
  'subnetId',
  'available',
]);

/** Options of `crashTasks`. */
export const CrashTasksOptionsCodec = exact(
  'a CrashTasksOptions object',
  { tasks: exactList(AString, 'a list of task ids or ARNs'), exitCode: ExitCode },
  ['tasks'],
);

/** Options of `zoneOutage`. */
export const ZoneOutageOptionsCodec = exact(
  'a ZoneOutageOptions object',
  { availabilityZone: AString, durationMs: PositiveFinite, cluster: AString },
  ['availabilityZone', 'durationMs'],
);

/** Options of `setAgentConnected`. */
export const AgentConnectedOptionsCodec = exact(
  'an AgentConnectedOptions object',
  { cluster: AString, containerInstance: AString, connected: ABoolean },
  ['containerInstance', 'connected'],
);

/** Options of `setFargateQuotas` (vCPU counts; at least one). */
export const FargateQuotasOptionsCodec = exact(
  'a FargateQuotasOptions object',
  { onDemandVcpu: NonNegativeFinite, spotVcpu: NonNegativeFinite },
);
