/**
 * DescribeTaskDefinition.
 *
 * @module
 */
import type { DescribeTaskDefinitionResponse } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { literal } from '../../codecs/common.js';
import { list, struct } from '../../codecs/struct.js';
import { clientException } from '../../domain/errors.js';
import type { Wire } from '../../domain/wire.js';
import { defineOperation } from '../operation.js';
import { lookupTaskDefinition } from './resolve.js';
import { taskDefinitionTags, taskDefinitionToWire } from './taskDefinitionWire.js';

/** DescribeTaskDefinition request. */
export const DescribeTaskDefinitionInput = struct(
  'DescribeTaskDefinitionRequest',
  { taskDefinition: t.string, include: list(literal('TAGS'), 'list of TaskDefinitionField') },
  ['taskDefinition'],
);

/**
 * DescribeTaskDefinition: `family` (latest ACTIVE revision), `family:revision` or ARN, any status. `include:
 * ['TAGS']` adds the tags. Unknown: `ClientException` "Unable to describe task definition." (ECS's wording, as
 * quoted in getmoto/moto#5910 from `aws ecs describe-task-definition --task-definition foobar`).
 */
export const describeTaskDefinition = defineOperation({
  name: 'DescribeTaskDefinition',
  input: DescribeTaskDefinitionInput,
  run: (tx, input) => {
    const td = lookupTaskDefinition(tx, input.taskDefinition);
    if (!td) return E.left(clientException('Unable to describe task definition.'));
    const output: Wire<DescribeTaskDefinitionResponse> = {
      taskDefinition: taskDefinitionToWire(td),
      ...(input.include?.includes('TAGS') ? { tags: taskDefinitionTags(td) } : {}),
    };
    return E.right(output);
  },
});
