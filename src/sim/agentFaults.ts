/**
 * The container agent of an EC2 instance disconnects (or reconnects): `agentConnected` turns false, and the
 * instance takes no new task — "Only instances connected to an agent can accept task placement requests" (API
 * reference, `ContainerInstance.agentConnected`); placement rejects it with `AGENT` (reference §6.5). SIM RULE: the
 * tasks already on it are left as they are (ECS documents disconnects as routine: the agent "disconnects and
 * reconnects several times per hour as a part of its normal operation", Developer Guide, container instance state
 * change events). A reconnection makes it a candidate again and wakes the cluster's daemons. Journaled like every
 * fault, so a run replays exactly.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { lookupInstance } from '../api/containerInstances/findContainerInstance.js';
import { storeInstance } from '../api/containerInstances/registration.js';
import { AgentConnectedOptionsCodec } from '../codecs/simInputs.js';
import { invalidParameter } from '../domain/errors.js';
import { WorldTxn } from '../domain/txn.js';
import type { World } from '../domain/world.js';
import { decodeArgs, rejected, type SimResult } from './faults.js';

/** Which instance's agent, and whether it is connected. */
export interface AgentConnectedOptions {
  /** The cluster (name or ARN). Default `default`. */
  readonly cluster?: string;
  /** The container instance: its id or ARN. */
  readonly containerInstance: string;
  readonly connected: boolean;
}

/**
 * Disconnects (`connected: false`) or reconnects an instance's agent. An unknown or deregistered instance is an
 * `InvalidParameterException` naming it; the World is unchanged then, and when the agent is already so.
 *
 * @example
 * ```ts
 * const { world: next } = setAgentConnected(world, { cluster: 'prod', containerInstance: arn, connected: false });
 * ```
 */
export function setAgentConnected(world: World, options: AgentConnectedOptions): SimResult {
  const decoded = decodeArgs(AgentConnectedOptionsCodec, options, 'options');
  if (E.isLeft(decoded)) return rejected(world, decoded.left);
  const { containerInstance, connected } = decoded.right;
  const tx = new WorldTxn(world);
  const ref = decoded.right.cluster ?? 'default';
  const clusterName = ref.slice(ref.lastIndexOf('/') + 1);
  const ci = lookupInstance(tx, clusterName, containerInstance);
  if (ci === undefined || ci.status === 'INACTIVE') {
    return rejected(world, invalidParameter(`options.containerInstance: ${containerInstance} is not a registered container instance of cluster ${clusterName}.`));
  }
  if (ci.agentConnected === connected) return { world, events: [] };
  storeInstance(tx, { ...ci, agentConnected: connected, version: ci.version + 1 });
  return { world: tx.commit(), events: tx.events };
}
