/**
 * Codecs for the simulation's own inputs — container behaviour rules and fault options — which arrive from
 * JavaScript callers, scenario files and (later) the control API, and so are untrusted like any ECS request.
 *
 * @module
 */
import * as t from 'io-ts';
import { literals } from './common.js';
import { list, struct } from './struct.js';

/** A finite number ≥ 0. */
const NonNegative = new t.Type<number, number, unknown>(
  'number ≥ 0',
  (u): u is number => typeof u === 'number' && Number.isFinite(u) && u >= 0,
  (u, c) => (typeof u === 'number' && Number.isFinite(u) && u >= 0 ? t.success(u) : t.failure(u, c)),
  t.identity,
);

/** A finite number > 0. */
const Positive = new t.Type<number, number, unknown>(
  'number > 0',
  (u): u is number => typeof u === 'number' && Number.isFinite(u) && u > 0,
  (u, c) => (typeof u === 'number' && Number.isFinite(u) && u > 0 ? t.success(u) : t.failure(u, c)),
  t.identity,
);

/** An integer exit code 0–255. */
const ExitCode = new t.Type<number, number, unknown>(
  'integer exit code 0-255',
  (u): u is number => typeof u === 'number' && Number.isInteger(u) && u >= 0 && u <= 255,
  (u, c) => (typeof u === 'number' && Number.isInteger(u) && u >= 0 && u <= 255 ? t.success(u) : t.failure(u, c)),
  t.identity,
);

const DurationSpecShape = struct('DurationSpec', { medianMs: NonNegative, minMs: NonNegative, maxMs: NonNegative, spread: NonNegative }, [
  'medianMs',
  'minMs',
  'maxMs',
]);

/** A duration distribution whose bounds are ordered (`minMs ≤ maxMs`). */
export const DurationSpecCodec = t.refinement(DurationSpecShape, (d) => d.minMs <= d.maxMs, 'DurationSpec with minMs ≤ maxMs');

/** A fixed duration in ms, or a distribution. */
export const DurationCodec = t.union([NonNegative, DurationSpecCodec], 'duration in ms or DurationSpec');

/** `BehaviorRule.match`. */
export const BehaviorMatchCodec = struct('BehaviorMatch', { image: t.string, family: t.string, containerName: t.string });

/** One container behaviour rule. */
export const BehaviorRuleCodec = struct(
  'BehaviorRule',
  {
    match: BehaviorMatchCodec,
    pullMs: DurationCodec,
    failToStart: t.string,
    exitAfterMs: DurationCodec,
    exitCode: ExitCode,
    unhealthyAfterMs: NonNegative,
    onSigterm: literals(['exit', 'ignore']),
    sigtermExitCode: ExitCode,
  },
  ['match'],
);

/** An ordered list of behaviour rules. */
export const BehaviorRulesCodec = list(BehaviorRuleCodec, 'list of BehaviorRule');

/** Options of `interruptSpotTasks`. */
export const SpotInterruptionOptionsCodec = struct('SpotInterruptionOptions', {
  cluster: t.string,
  availabilityZone: t.string,
  tasks: list(t.string, 'list of task ids or ARNs'),
  count: NonNegative,
});

/** Options of `injectCapacityShortage`. */
export const CapacityShortageOptionsCodec = struct(
  'CapacityShortageOptions',
  {
    capacityProvider: literals(['FARGATE', 'FARGATE_SPOT']),
    availabilityZone: t.string,
    durationMs: Positive,
    startMs: NonNegative,
  },
  ['capacityProvider', 'availabilityZone', 'durationMs'],
);
