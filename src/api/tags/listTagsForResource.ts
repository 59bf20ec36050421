/**
 * ListTagsForResource.
 *
 * @module
 */
import type { ListTagsForResourceResponse } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { struct } from '../../codecs/struct.js';
import type { Wire } from '../../domain/wire.js';
import { defineOperation } from '../operation.js';
import { resolveTagTarget, resourceNotFound } from './tagTargets.js';

/** ListTagsForResource request: `resourceArn` is required. */
export const ListTagsForResourceInput = struct('ListTagsForResourceRequest', { resourceArn: t.string }, ['resourceArn']);

/**
 * ListTagsForResource: the tags of a cluster or task definition, in the order they were first added. A missing
 * resource answers as that resource type's own lookups do (`ClusterNotFoundException` for clusters).
 */
export const listTagsForResource = defineOperation({
  name: 'ListTagsForResource',
  input: ListTagsForResourceInput,
  run: (tx, input) => {
    const resolved = resolveTagTarget(tx, input.resourceArn);
    if (E.isLeft(resolved)) return resolved;
    const { target, resource } = resolved.right;
    if (!resource) {
      return E.left(target ? target.notFoundForList(input.resourceArn) : resourceNotFound(input.resourceArn));
    }
    return E.right<never, Wire<ListTagsForResourceResponse>>({
      tags: resource.tags.map((tg) => ({ key: tg.key, value: tg.value })),
    });
  },
});
