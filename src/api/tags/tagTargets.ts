/**
 * The resources TagResource, UntagResource and ListTagsForResource can reach, keyed by the resource type in
 * their ARN (`arn:aws:ecs:<region>:<account>:<type>/<parts>`). Each entry parses the ARN's resource parts, finds
 * the resource in the World and writes its tags back.
 *
 * To make a new resource taggable, add one entry to {@link tagTargets} (the tasks module adds `task`).
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import { parseArn, type ParsedArn } from '../../domain/arn.js';
import { clusterNotFound, ecsError, invalidParameter, type EcsError } from '../../domain/errors.js';
import { taskDefinitionKey } from '../../domain/taskDefinition.js';
import type { WorldTxn } from '../../domain/txn.js';
import type { Tag } from '../../domain/wire.js';
import { serviceKey } from '../../domain/service.js';
import { containerInstanceKey } from '../../domain/containerInstance.js';
import { storeInstance } from '../containerInstances/registration.js';
import { findTaskById } from '../../scheduler/taskStore.js';
import { CLUSTER_NAME } from '../clusters/clusterRequest.js';
import { specWithTags } from '../../scheduler/taskSpecTags.js';

/** A resource found by its ARN: its tags, and how to replace them within the transaction. */
export interface TaggedResource {
  readonly tags: readonly Tag[];
  /** Replaces the resource's tags (an immutable replacement of the entity in its table). */
  readonly setTags: (tags: readonly Tag[]) => void;
}

/** How one resource type is tagged. */
export interface TagTarget {
  /**
   * Finds the resource the ARN names: `Left` when the resource parts are malformed for this type
   * (`InvalidParameterException`), `Right(undefined)` when no such resource exists (or it was deleted).
   */
  readonly find: (tx: WorldTxn, arn: ParsedArn, raw: string) => E.Either<EcsError, TaggedResource | undefined>;
  /**
   * The error ListTagsForResource answers for a missing resource. The model gives ListTagsForResource no
   * `ResourceNotFoundException` (unlike TagResource and UntagResource), so each type answers as its own
   * Describe call does.
   */
  readonly notFoundForList: (raw: string) => EcsError;
}

/** TagResource / UntagResource's answer for an ARN that names no resource (the model's exception). */
export const resourceNotFound = (raw: string): EcsError =>
  ecsError('ResourceNotFoundException', `The specified resource wasn't found: ${raw}`);

const malformed = (raw: string, why: string): EcsError =>
  invalidParameter(`resourceArn: '${raw}' is not a valid Amazon ECS resource ARN (${why}).`);

const clusterTarget: TagTarget = {
  find: (tx, arn, raw) => {
    const name = arn.resourceParts.length === 1 ? arn.resourceParts[0]! : '';
    if (!CLUSTER_NAME.test(name)) return E.left(malformed(raw, 'a cluster ARN ends in cluster/<name>'));
    const clusters = tx.table('clusters');
    const cluster = clusters.get(name);
    // Deleted clusters can no longer be tagged: they are on their way out of the account.
    if (!cluster || cluster.status !== 'ACTIVE') return E.right(undefined);
    return E.right({ tags: cluster.tags, setTags: (tags) => clusters.set(name, { ...cluster, tags: [...tags] }) });
  },
  notFoundForList: () => clusterNotFound(),
};

const TASK_DEFINITION_PART = /^([A-Za-z0-9_-]{1,255}):([1-9][0-9]{0,6})$/;

const taskDefinitionTarget: TagTarget = {
  find: (tx, arn, raw) => {
    const m = arn.resourceParts.length === 1 ? TASK_DEFINITION_PART.exec(arn.resourceParts[0]!) : null;
    if (!m) return E.left(malformed(raw, 'a task definition ARN ends in task-definition/<family>:<revision>'));
    const key = taskDefinitionKey(m[1]!, Number(m[2]));
    const defs = tx.table('taskDefinitions');
    const td = defs.get(key);
    // INACTIVE revisions stay describable and taggable; DELETE_IN_PROGRESS ones are being removed.
    if (!td || td.status === 'DELETE_IN_PROGRESS') return E.right(undefined);
    return E.right({ tags: td.tags, setTags: (tags) => defs.set(key, { ...td, tags: [...tags] }) });
  },
  // UNVERIFIED: the ClientException DescribeTaskDefinition answers for an unknown revision.
  notFoundForList: () => ecsError('ClientException', 'Unable to describe task definition.'),
};

const TASK_PARTS = /^[0-9a-f]{32}$/;

// Added by the tasks module: `task/<cluster>/<taskId>`. A STOPPED task is gone for tagging (StopTask deletes its
// tags); its tags are not part of task events, so changing them is no new task version.
const taskTarget: TagTarget = {
  find: (tx, arn, raw) => {
    const [clusterName, taskId] = arn.resourceParts;
    if (arn.resourceParts.length !== 2 || !CLUSTER_NAME.test(clusterName!) || !TASK_PARTS.test(taskId!)) {
      return E.left(malformed(raw, 'a task ARN ends in task/<cluster>/<32 hex task id>'));
    }
    const task = findTaskById(tx, clusterName!, taskId!);
    if (!task || task.lastStatus === 'STOPPED') return E.right(undefined);
    const setTags = (tags: readonly Tag[]): void => {
      tx.table('tasks').set(task.seq, { ...task, spec: specWithTags(tx, task.spec, tags) });
    };
    return E.right({ tags: task.spec.tags, setTags });
  },
  notFoundForList: () => invalidParameter('The referenced task was not found.'),
};

const SERVICE_NAME_PART = /^[A-Za-z0-9_-]{1,255}$/;

// `service/<cluster>/<name>` (the long format; the legacy `service/<name>` names a service of the default
// cluster). A deleted (INACTIVE) service can no longer be tagged.
const serviceTarget: TagTarget = {
  find: (tx, arn, raw) => {
    const parts = arn.resourceParts;
    const [clusterName, name] = parts.length === 2 ? parts : ['default', parts[0]];
    if (parts.length > 2 || !CLUSTER_NAME.test(clusterName!) || !SERVICE_NAME_PART.test(name ?? '')) {
      return E.left(malformed(raw, 'a service ARN ends in service/<cluster>/<service name>'));
    }
    const services = tx.table('services');
    const key = serviceKey(clusterName!, name!);
    const service = services.get(key);
    if (!service || service.status === 'INACTIVE') return E.right(undefined);
    return E.right({ tags: service.tags, setTags: (tags) => services.set(key, { ...service, tags: [...tags] }) });
  },
  notFoundForList: () => ecsError('ServiceNotFoundException', 'Service not found.'),
};

// `container-instance/<cluster>/<32 hex id>`. A deregistered (INACTIVE) instance can no longer be tagged.
const containerInstanceTarget: TagTarget = {
  find: (tx, arn, raw) => {
    const [clusterName, id] = arn.resourceParts;
    if (arn.resourceParts.length !== 2 || !CLUSTER_NAME.test(clusterName!) || !TASK_PARTS.test(id!)) {
      return E.left(malformed(raw, 'a container instance ARN ends in container-instance/<cluster>/<32 hex id>'));
    }
    const instances = tx.table('containerInstances');
    const key = containerInstanceKey(clusterName!, id!);
    const ci = instances.get(key);
    if (!ci || ci.status === 'INACTIVE') return E.right(undefined);
    return E.right({ tags: ci.tags, setTags: (tags) => storeInstance(tx, { ...ci, tags: [...tags] }) });
  },
  // SIM RULE (UNVERIFIED): DeregisterContainerInstance's answer for an unknown instance.
  notFoundForList: () => invalidParameter('The referenced container instance was not found.'),
};

// `capacity-provider/<name>`: an Auto Scaling group provider (FARGATE and FARGATE_SPOT are AWS's, not taggable;
// a deleted, INACTIVE, one no longer either).
const capacityProviderTarget: TagTarget = {
  find: (tx, arn, raw) => {
    const [name] = arn.resourceParts;
    if (arn.resourceParts.length !== 1 || !/^[A-Za-z0-9_-]{1,255}$/.test(name!)) {
      return E.left(malformed(raw, 'a capacity provider ARN ends in capacity-provider/<name>'));
    }
    const providers = tx.table('capacityProviders');
    const p = providers.get(name!);
    if (!p || p.status !== 'ACTIVE') return E.right(undefined);
    return E.right({ tags: p.tags, setTags: (tags) => providers.set(name!, { ...p, tags: [...tags] }) });
  },
  // SIM RULE (UNVERIFIED): DeleteCapacityProvider's answer for an unknown provider.
  notFoundForList: () => invalidParameter('The specified capacity provider does not exist.'),
};

/** The taggable resource types the twin models, by ARN resource type. */
export const tagTargets: Readonly<Record<string, TagTarget>> = {
  cluster: clusterTarget,
  'task-definition': taskDefinitionTarget,
  task: taskTarget,
  service: serviceTarget,
  'container-instance': containerInstanceTarget,
  'capacity-provider': capacityProviderTarget,
};

// Types ECS can tag that the twin does not model (yet): their ARNs are well-formed but name nothing here.
const OTHER_TAGGABLE_TYPES: readonly string[] = [
  'task-set',
  'service-deployment',
];

/** A resolved `resourceArn`: the target type's handler and the resource, when it exists. */
export interface ResolvedTagTarget {
  readonly target: TagTarget | undefined;
  readonly resource: TaggedResource | undefined;
}

/**
 * Resolves a `resourceArn`: malformed ARNs and types ECS cannot tag are `InvalidParameterException`s; an ARN of
 * another Region or account, or of a type the twin does not model, or of a missing resource resolves to no
 * resource (the caller answers "not found").
 */
export function resolveTagTarget(tx: WorldTxn, raw: string): E.Either<EcsError, ResolvedTagTarget> {
  const arn = parseArn(raw);
  if (!arn) return E.left(malformed(raw, 'expected arn:aws:ecs:<region>:<account>:<resource-type>/<id>'));
  const target = Object.prototype.hasOwnProperty.call(tagTargets, arn.resourceType)
    ? tagTargets[arn.resourceType]
    : undefined;
  if (!target) {
    if (OTHER_TAGGABLE_TYPES.includes(arn.resourceType)) return E.right({ target: undefined, resource: undefined });
    return E.left(invalidParameter(`resourceArn: resource type '${arn.resourceType}' does not support tagging.`));
  }
  const found = target.find(tx, arn, raw);
  if (E.isLeft(found)) return found;
  const inScope = arn.region === tx.config.region && arn.accountId === tx.config.accountId;
  return E.right({ target, resource: inScope ? found.right : undefined });
}
