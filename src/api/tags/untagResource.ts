/**
 * UntagResource.
 *
 * @module
 */
import type { UntagResourceResponse } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { list, struct } from '../../codecs/struct.js';
import { invalidParameter } from '../../domain/errors.js';
import type { Wire } from '../../domain/wire.js';
import { defineOperation } from '../operation.js';
import { resolveTagTarget, resourceNotFound } from './tagTargets.js';
import { isReservedTagKey } from './tags.js';

/** UntagResource request: `resourceArn` and `tagKeys` are required. */
export const UntagResourceInput = struct(
  'UntagResourceRequest',
  { resourceArn: t.string, tagKeys: list(t.string, 'list of tag keys') },
  ['resourceArn', 'tagKeys'],
);

/**
 * UntagResource: removes the tags with the given keys; keys the resource does not have are ignored. `aws:` keys
 * cannot be removed (they are AWS's).
 */
export const untagResource = defineOperation({
  name: 'UntagResource',
  input: UntagResourceInput,
  run: (tx, input) => {
    for (let i = 0; i < input.tagKeys.length; i++) {
      const key = input.tagKeys[i]!;
      if (key.length < 1 || key.length > 128) {
        return E.left(invalidParameter(`Tag keys must be between 1 and 128 characters (tagKeys[${i}]).`));
      }
      if (isReservedTagKey(key)) {
        return E.left(invalidParameter(`Tag keys beginning with 'aws:' are reserved for AWS use (tagKeys[${i}]).`));
      }
    }
    const resolved = resolveTagTarget(tx, input.resourceArn);
    if (E.isLeft(resolved)) return resolved;
    const resource = resolved.right.resource;
    if (!resource) return E.left(resourceNotFound(input.resourceArn));
    const drop = new Set(input.tagKeys);
    const kept = resource.tags.filter((tg) => !drop.has(tg.key));
    if (kept.length !== resource.tags.length) resource.setTags(kept);
    return E.right<never, Wire<UntagResourceResponse>>({});
  },
});
