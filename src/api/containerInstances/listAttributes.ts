/**
 * ListAttributes (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ListAttributes.html): the
 * attributes (built-in and custom) of a cluster's registered container instances, optionally of one name and
 * value, each with its instance's ARN as `targetId`; instances in id order, each one's attributes by name.
 * `attributeValue` needs `attributeName` ("You must also specify an attribute name to use this parameter").
 *
 * @module
 */
import type { ListAttributesResponse } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { Int, literals } from '../../codecs/common.js';
import { struct } from '../../codecs/struct.js';
import { clusterInstancesPrefix, type ContainerInstance, type InstanceAttribute } from '../../domain/containerInstance.js';
import { invalidParameter, type EcsError } from '../../domain/errors.js';
import type { DraftPMap } from '../../domain/pmap.js';
import type { Wire } from '../../domain/wire.js';
import { getActiveCluster } from '../clusters/getCluster.js';
import { defineOperation } from '../operation.js';
import { collectPage, END_OF_RANGE, readPage } from '../pagination.js';
import { allAttributes } from './instanceAttributes.js';

const LIST = 'ListAttributes';

/** ListAttributes request. */
export const ListAttributesInput = struct(
  'ListAttributesRequest',
  {
    cluster: t.string,
    targetType: literals(['container-instance']),
    attributeName: t.string,
    attributeValue: t.string,
    nextToken: t.string,
    maxResults: Int,
  },
  ['targetType'],
);

interface Row {
  readonly ci: ContainerInstance;
  readonly attr: InstanceAttribute;
}

/** Attribute rows from the instance key `from` on, keyed `instanceKey␀name` in ascending order. */
function* rows(table: DraftPMap<string, ContainerInstance>, from: string): Generator<readonly [string, Row]> {
  for (const [key, ci] of table.entries(from)) {
    const sorted = [...allAttributes(ci.attributes)].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const attr of sorted) yield [`${key}\u0000${attr.name}`, { ci, attr }];
  }
}

/** ListAttributes. */
export const listAttributes = defineOperation({
  name: LIST,
  input: ListAttributesInput,
  run: (tx, input): E.Either<EcsError, Wire<ListAttributesResponse>> => {
    const cluster = getActiveCluster(tx, input.cluster);
    if (E.isLeft(cluster)) return cluster;
    if (input.attributeValue !== undefined && input.attributeName === undefined) {
      return E.left(invalidParameter('attributeValue requires attributeName.'));
    }
    const page = readPage(LIST, input);
    if (E.isLeft(page)) return page;
    const prefix = clusterInstancesPrefix(cluster.right.name);
    const after = page.right.afterKey;
    // Resume at the instance of the token's last row (its key up to the second separator).
    const afterInstance = after === undefined ? undefined : after.slice(0, after.indexOf('\u0000', prefix.length));
    const from = afterInstance !== undefined && afterInstance > prefix ? afterInstance : prefix;
    const { items, nextToken } = collectPage(LIST, page.right, rows(tx.table('containerInstances'), from), ({ ci, attr }, key) => {
      if (!key.startsWith(prefix)) return END_OF_RANGE;
      if (ci.status === 'INACTIVE') return undefined;
      if (input.attributeName !== undefined && attr.name !== input.attributeName) return undefined;
      if (input.attributeValue !== undefined && attr.value !== input.attributeValue) return undefined;
      return {
        name: attr.name,
        ...(attr.value !== undefined ? { value: attr.value } : {}),
        targetType: 'container-instance' as const,
        targetId: ci.arn,
      };
    });
    const out: Wire<ListAttributesResponse> = { attributes: items };
    if (nextToken !== undefined) out.nextToken = nextToken;
    return E.right(out);
  },
});
