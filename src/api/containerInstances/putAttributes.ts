/**
 * PutAttributes (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PutAttributes.html): creates or
 * updates custom attributes of container instances, all or nothing; more than 10 custom attributes on an
 * instance is `AttributeLimitExceededException`. Returns the attributes as given.
 *
 * @module
 */
import type { PutAttributesResponse } from '@aws-sdk/client-ecs';
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
import { putAttributes as putInto, validateAttribute } from './instanceAttributes.js';
import { storeInstance } from './registration.js';

/** PutAttributes request. */
export const PutAttributesInput = struct('PutAttributesRequest', { cluster: t.string, attributes: AttributeListCodec }, ['attributes']);

/** PutAttributes. */
export const putAttributes = defineOperation({
  name: 'PutAttributes',
  input: PutAttributesInput,
  run: (tx, input): E.Either<EcsError, Wire<PutAttributesResponse>> => {
    const cluster = getActiveCluster(tx, input.cluster);
    if (E.isLeft(cluster)) return cluster;
    const targets = resolveTargets(tx, cluster.right.name, input.attributes);
    if (E.isLeft(targets)) return targets;
    // Instances changed so far in this call, so two attributes for one instance both land.
    const changed = new Map<string, ContainerInstance>();
    for (let i = 0; i < input.attributes.length; i++) {
      const attr = validateAttribute(input.attributes[i]!, `attributes[${i}]`);
      if (E.isLeft(attr)) return attr;
      const key = containerInstanceKey(targets.right[i]!.cluster, targets.right[i]!.id);
      const ci = changed.get(key) ?? targets.right[i]!;
      const next = putInto(ci.attributes, [attr.right]);
      if (E.isLeft(next)) return next;
      changed.set(key, { ...ci, attributes: next.right });
    }
    for (const ci of changed.values()) storeInstance(tx, { ...ci, version: ci.version + 1 });
    return E.right({ attributes: input.attributes.map(attributeEcho) });
  },
});
