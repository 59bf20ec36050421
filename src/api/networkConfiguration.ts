/**
 * `networkConfiguration.awsvpcConfiguration` of RunTask, CreateService and UpdateService: the request codec and
 * its validation against the World's network (subnets, security groups, one VPC).
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { literals } from '../codecs/common.js';
import { StringListCodec, struct } from '../codecs/struct.js';
import { invalidParameter, type EcsError } from '../domain/errors.js';
import type { Subnet } from '../domain/network.js';
import type { WorldTxn } from '../domain/txn.js';
import { subnetsById } from '../scheduler/fargateAccount.js';
import { listSizeMessage } from './listSize.js';

/** `awsvpcConfiguration`. */
export const AwsVpcConfigurationCodec = struct(
  'AwsVpcConfiguration',
  { subnets: StringListCodec, securityGroups: StringListCodec, assignPublicIp: literals(['ENABLED', 'DISABLED']) },
  ['subnets'],
);

/** `networkConfiguration`. */
export const NetworkConfigurationCodec = struct('NetworkConfiguration', { awsvpcConfiguration: AwsVpcConfigurationCodec });

/** A decoded `networkConfiguration`. */
export interface NetworkConfigurationInput {
  readonly awsvpcConfiguration?:
    | {
        readonly subnets: readonly string[];
        readonly securityGroups?: readonly string[] | undefined;
        readonly assignPublicIp?: 'ENABLED' | 'DISABLED' | undefined;
      }
    | undefined;
}

/** Most subnets in `awsvpcConfiguration` (reference §8). */
export const MAX_SUBNETS = 16;
/** Most security groups in `awsvpcConfiguration` (reference §8). */
export const MAX_SECURITY_GROUPS = 5;

/** [OBS] PasseiDireto/gh-runner-task-action#8 (reference §2.8). */
export const NETWORK_CONFIGURATION_REQUIRED =
  "Network Configuration must be provided when networkMode 'awsvpc' is specified.";

/** Validates `awsvpcConfiguration` against the World's network; returns the subnets (de-duplicated, in order). */
export function validateNetwork(
  tx: WorldTxn,
  network: NetworkConfigurationInput | undefined,
): E.Either<EcsError, Subnet[]> {

  const vpcConfig = network?.awsvpcConfiguration;
  if (vpcConfig === undefined) return E.left(invalidParameter(NETWORK_CONFIGURATION_REQUIRED));
  const ids = [...new Set(vpcConfig.subnets)];
  // [OBS] wording of ECS for an empty list.
  if (ids.length === 0) return E.left(invalidParameter('subnets can not be empty.'));
  if (ids.length > MAX_SUBNETS) {
    return E.left(invalidParameter(listSizeMessage('subnets', MAX_SUBNETS)));
  }
  const known = subnetsById(tx.config);
  const subnets: Subnet[] = [];
  for (const id of ids) {
    const s = known.get(id);
    // ECS wraps EC2's error ([OBS] dagster-io/dagster#33439, dask/dask-cloudprovider#56 show the prefix).
    if (!s) {
      return E.left(
        invalidParameter(
          `Error retrieving subnet information for [${id}]: The subnet ID '${id}' does not exist (ErrorCode: InvalidSubnetID.NotFound)`,
        ),
      );
    }
    subnets.push(s);
  }
  const vpcId = subnets[0]!.vpcId;
  const stray = subnets.find((s) => s.vpcId !== vpcId);
  if (stray) {
    return E.left(
      invalidParameter(
        `All subnets must belong to the same VPC: ${subnets[0]!.subnetId} is in ${vpcId} but ${stray.subnetId} is in ${stray.vpcId}.`,
      ),
    );
  }
  const groups = [...new Set(vpcConfig.securityGroups ?? [])];
  if (groups.length > MAX_SECURITY_GROUPS) {
    return E.left(invalidParameter(listSizeMessage('securityGroups', MAX_SECURITY_GROUPS)));
  }
  for (const id of groups) {
    const g = tx.config.network.securityGroups.find((sg) => sg.groupId === id);
    if (!g) {
      return E.left(
        invalidParameter(
          `Error retrieving security group information for [${id}]: The security group '${id}' does not exist (ErrorCode: InvalidGroup.NotFound)`,
        ),
      );
    }
    if (g.vpcId !== vpcId) {
      return E.left(
        invalidParameter(`Security group ${id} is in ${g.vpcId}, but the subnets are in ${vpcId}; all must be in one VPC.`),
      );
    }
  }
  return E.right(subnets);
}
