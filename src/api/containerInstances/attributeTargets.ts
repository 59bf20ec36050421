/**
 * The target of an attribute in PutAttributes / DeleteAttributes: `targetId` (a container instance id, which then
 * needs `targetType: container-instance`, or its ARN) resolved in the request's cluster.
 *
 * @module
 */
import * as E from 'fp-ts/lib/Either.js';
import type { ContainerInstance } from '../../domain/containerInstance.js';
import { ecsError, invalidParameter, type EcsError } from '../../domain/errors.js';
import type { WorldTxn } from '../../domain/txn.js';
import { lookupInstance } from './findContainerInstance.js';
import { isBuiltInAttribute, MAX_CUSTOM_ATTRIBUTES } from './instanceAttributes.js';

/** An attribute as PutAttributes / DeleteAttributes take it. */
export interface AttributeInput {
  readonly name: string;
  readonly value?: string | undefined;
  readonly targetType?: 'container-instance' | undefined;
  readonly targetId?: string | undefined;
}

/**
 * Checks the common rules of an attribute request (1–10 attributes; no built-in name, SIM RULE: those belong to
 * the agent) and resolves each target, current state first: Left `TargetNotFoundException` for a target that is
 * not a registered instance of the cluster (wording SIM RULE).
 */
export function resolveTargets(tx: WorldTxn, cluster: string, attributes: readonly AttributeInput[]): E.Either<EcsError, ContainerInstance[]> {
  if (attributes.length === 0) return E.left(invalidParameter('attributes can not be empty.'));
  if (attributes.length > MAX_CUSTOM_ATTRIBUTES) return E.left(invalidParameter(`attributes can have at most ${MAX_CUSTOM_ATTRIBUTES} items.`));
  const out: ContainerInstance[] = [];
  for (let i = 0; i < attributes.length; i++) {
    const a = attributes[i]!;
    const at = `attributes[${i}]`;
    if (isBuiltInAttribute(a.name)) return E.left(invalidParameter(`${at}.name: '${a.name}' is an attribute managed by Amazon ECS.`));
    if (a.targetId === undefined || a.targetId === '') return E.left(invalidParameter(`${at}.targetId: a target is required.`));
    if (!a.targetId.startsWith('arn:') && a.targetType === undefined) {
      // The API reference: targetType "is required if you use the short form ID for a resource instead of the full ARN".
      return E.left(invalidParameter(`${at}.targetType: required when targetId is not an ARN.`));
    }
    const ci = lookupInstance(tx, cluster, a.targetId);
    if (ci === undefined || ci.status === 'INACTIVE') return E.left(ecsError('TargetNotFoundException', `Could not find ${a.targetId}.`));
    out.push(ci);
  }
  return E.right(out);
}

/** The wire echo of a request attribute, its target as given. */
export const attributeEcho = (a: AttributeInput): { name: string; value?: string; targetType?: 'container-instance'; targetId?: string } => ({
  name: a.name,
  ...(a.value !== undefined ? { value: a.value } : {}),
  ...(a.targetType !== undefined ? { targetType: a.targetType } : {}),
  ...(a.targetId !== undefined ? { targetId: a.targetId } : {}),
});
