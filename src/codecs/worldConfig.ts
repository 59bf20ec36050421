/**
 * The codec of a world configuration — what `createWorld` takes, and what a scenario file or the endpoint's
 * `--config FILE` holds. Exact (`src/codecs/strict.ts`): a misspelt key, a number written as a string, `null`,
 * NaN or a negative duration is an error naming its path (`retention.stoppedTaskMs: expected a finite number ≥ 0,
 * got "60000"`).
 *
 * Adding a section is one line in {@link WorldConfigSections}; the semantic checks that need several sections (a
 * subnet's zone must belong to the region) stay in `resolveConfig`.
 *
 * @module
 */
import * as t from 'io-ts';
import type { TaskTimings } from '../domain/world.js';
import { BehaviorRulesCodec, DurationSpecCodec } from './simInputs.js';
import {
  AString,
  EpochMs,
  NonNegativeFinite,
  NonNegativeOrInfinity,
  SafeInteger,
  IntegerIn,
  exact,
  exactList,
  matching,
  StringMapCodec,
} from './strict.js';

/** An AWS Region name such as `us-east-1` or `us-gov-west-1`. */
export const RegionCodec = matching('a Region name such as "us-east-1"', /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/);

/** A 12-digit AWS account id. */
export const AccountIdCodec = matching('a 12-digit account id such as "123456789012"', /^\d{12}$/);

/** `network`: subnets and security groups, EC2 field names (their values are checked by `validateNetwork`). */
export const NetworkConfigCodec = exact('a network object', {
  subnets: exactList(
    exact('a subnet object', { subnetId: AString, cidrBlock: AString, availabilityZone: AString, vpcId: AString }, [
      'subnetId',
      'cidrBlock',
      'availabilityZone',
      'vpcId',
    ]),
    'a list of subnet objects',
  ),
  securityGroups: exactList(
    exact('a security group object', { groupId: AString, vpcId: AString, groupName: AString }, ['groupId', 'vpcId']),
    'a list of security group objects',
  ),
});

const RateLimitCodec = exact('a RateLimit object', { burst: NonNegativeOrInfinity, refillPerSecond: NonNegativeOrInfinity }, [
  'burst',
  'refillPerSecond',
]);

/** `quotas`: any field may be given alone; the others keep their defaults. */
export const QuotasConfigCodec = exact('a quotas object', {
  onDemandVcpu: NonNegativeOrInfinity,
  spotVcpu: NonNegativeOrInfinity,
  runTaskApi: RateLimitCodec,
  onDemandLaunches: RateLimitCodec,
  spotLaunches: RateLimitCodec,
});

/** One codec per field of {@link TaskTimings}: the type checker refuses a timing the codec forgets. */
const timingFields: { readonly [K in keyof TaskTimings]-?: typeof DurationSpecCodec } = {
  provisioning: DurationSpecCodec,
  pullStartDelay: DurationSpecCodec,
  pullPublicRegistry: DurationSpecCodec,
  pullEcr: DurationSpecCodec,
  activating: DurationSpecCodec,
  stopNotice: DurationSpecCodec,
  deactivating: DurationSpecCodec,
  gracefulStop: DurationSpecCodec,
  exitNotice: DurationSpecCodec,
  deprovisioning: DurationSpecCodec,
  serviceReaction: DurationSpecCodec,
};

/** `timings`: any lifecycle duration may be given alone, each a `DurationSpec`. */
export const TimingsConfigCodec = exact('a timings object', timingFields);

/** An Elastic Load Balancing target group ARN. */
export const TargetGroupArnCodec = matching(
  'a target group ARN such as "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/0123456789abcdef"',
  /^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:\d{12}:targetgroup\/[A-Za-z0-9-]{1,32}\/[0-9a-f]{16}$/,
);

/**
 * `targetGroups`: the health-check and deregistration settings of the target groups services register in (ELB's
 * `CreateTargetGroup` names and ranges: interval 5–300 s, thresholds 2–10, deregistration delay 0–3600 s).
 */
export const TargetGroupsConfigCodec = exactList(
  exact(
    'a target group object',
    {
      targetGroupArn: TargetGroupArnCodec,
      healthCheckIntervalSeconds: IntegerIn(5, 300),
      healthyThresholdCount: IntegerIn(2, 10),
      unhealthyThresholdCount: IntegerIn(2, 10),
      deregistrationDelaySeconds: IntegerIn(0, 3600),
    },
    ['targetGroupArn'],
  ),
  'a list of target group objects',
);

/**
 * `containerInstances`: fleets of EC2 container instances registered when the World is created (the instance
 * type, zones and attribute names are checked by `createWorld`, which knows the table and the network).
 */
export const ContainerInstancesConfigCodec = exactList(
  exact(
    'a container instance fleet object',
    {
      cluster: AString,
      instanceType: AString,
      count: IntegerIn(0, 10_000),
      availabilityZones: exactList(AString, 'a list of Availability Zone names'),
      attributes: StringMapCodec,
      autoScalingGroup: AString,
    },
    ['cluster', 'instanceType', 'count'],
  ),
  'a list of container instance fleet objects',
);

/** `retention`. */
export const RetentionConfigCodec = exact('a retention object', { stoppedTaskMs: NonNegativeFinite });

/** The sections of a world configuration, each optional. A new section is one more line here. */
export const WorldConfigSections = {
  region: RegionCodec,
  accountId: AccountIdCodec,
  seed: SafeInteger,
  startTimeMs: EpochMs,
  network: NetworkConfigCodec,
  quotas: QuotasConfigCodec,
  timings: TimingsConfigCodec,
  behaviors: BehaviorRulesCodec,
  retention: RetentionConfigCodec,
  targetGroups: TargetGroupsConfigCodec,
  containerInstances: ContainerInstancesConfigCodec,
} as const;

/**
 * A world configuration, exactly: every section optional, no unknown key.
 *
 * @example
 * ```ts
 * WorldConfigCodec.decode({ seed: 7, retention: { stoppedTaskMs: '60000' } });
 * // Left: retention.stoppedTaskMs: expected a finite number ≥ 0, got "60000"
 * ```
 */
export const WorldConfigCodec = exact('a world configuration object', WorldConfigSections);

/** What {@link WorldConfigCodec} decodes. */
export type DecodedWorldConfig = t.TypeOf<typeof WorldConfigCodec>;
