/**
 * DeleteAttributes (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DeleteAttributes.html): removes
 * custom attributes from container instances by name ("specify the attribute name and target ID, but don't
 * specify the value"); deleting a name the instance does not carry changes nothing (SIM RULE). Returns the
 * attributes as given.
 *
 * @module
 */
import type { DeleteAttributesResponse } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { struct } from '../../codecs/struct.js';
import { containerInstanceKey, type ContainerInstance } from '../../domain/containerInstance.js';
import type { EcsError } from '../../domain/errors.js';
import type { Wire } from '../../domain/wire.js';
import { getActiveCluster } from '../clusters/getCluster.js';
import { defineOperation } from '../operation.js';
import { attributeEcho, resolveTargets } from './attributeTargets.js';
import { AttributeListCodec } from './containerInstanceRequest.js';
import { storeInstance } from './registration.js';

/** DeleteAttributes request. */
export const DeleteAttributesInput = struct('DeleteAttributesRequest', { cluster: t.string, attributes: AttributeListCodec }, ['attributes']);

/** DeleteAttributes. */
export const deleteAttributes = defineOperation({
  name: 'DeleteAttributes',
  input: DeleteAttributesInput,
  run: (tx, input): E.Either<EcsError, Wire<DeleteAttributesResponse>> => {
    const cluster = getActiveCluster(tx, input.cluster);
    if (E.isLeft(cluster)) return cluster;
    const targets = resolveTargets(tx, cluster.right.name, input.attributes);
    if (E.isLeft(targets)) return targets;
    const changed = new Map<string, ContainerInstance>();
    input.attributes.forEach((a, i) => {
      const key = containerInstanceKey(targets.right[i]!.cluster, targets.right[i]!.id);
      const ci = changed.get(key) ?? targets.right[i]!;
      if (ci.attributes.some((x) => x.name === a.name)) changed.set(key, { ...ci, attributes: ci.attributes.filter((x) => x.name !== a.name) });
    });
    for (const ci of changed.values()) storeInstance(tx, { ...ci, version: ci.version + 1 });
    return E.right({ attributes: input.attributes.map(attributeEcho) });
  },
});
