/**
 * TagResource.
 *
 * @module
 */
import type { TagResourceResponse } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { TagListCodec } from '../../codecs/common.js';
import { struct } from '../../codecs/struct.js';
import { ecsError } from '../../domain/errors.js';
import type { Tag, Wire } from '../../domain/wire.js';
import { defineOperation } from '../operation.js';
import { resolveTagTarget, resourceNotFound } from './tagTargets.js';
import { MAX_TAGS, isReservedTagKey, mergeTags, validateTags } from './tags.js';

/** TagResource request: `resourceArn` and `tags` are required. */
export const TagResourceInput = struct('TagResourceRequest', { resourceArn: t.string, tags: TagListCodec }, [
  'resourceArn',
  'tags',
]);

/** The number of tags that count toward the 50-tag limit (`aws:` tags do not, per the API's tag rules). */
export const countUserTags = (tags: readonly Tag[]): number => tags.filter((tg) => !isReservedTagKey(tg.key)).length;

/**
 * TagResource: adds tags to a cluster or task definition (a key already present takes the new value). The
 * 50-tag limit is checked on the merged result (`LimitExceededException`); `aws:` keys are refused.
 */
export const tagResource = defineOperation({
  name: 'TagResource',
  input: TagResourceInput,
  run: (tx, input) => {
    const tags = validateTags(input.tags);
    if (E.isLeft(tags)) return tags;
    const resolved = resolveTagTarget(tx, input.resourceArn);
    if (E.isLeft(resolved)) return resolved;
    const resource = resolved.right.resource;
    if (!resource) return E.left(resourceNotFound(input.resourceArn));
    const merged = mergeTags(resource.tags, tags.right);
    const count = countUserTags(merged);
    if (count > MAX_TAGS) {
      return E.left(
        ecsError(
          'LimitExceededException',
          `A resource can have at most ${MAX_TAGS} tags: the resource has ${countUserTags(resource.tags)} and ` +
            `this request would bring it to ${count}.`,
        ),
      );
    }
    const changed =
      merged.length !== resource.tags.length ||
      merged.some((tg, i) => tg.key !== resource.tags[i]!.key || tg.value !== resource.tags[i]!.value);
    if (changed) resource.setTags(merged);
    return E.right<never, Wire<TagResourceResponse>>({});
  },
});
