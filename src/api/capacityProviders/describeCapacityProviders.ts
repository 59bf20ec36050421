/**
 * DescribeCapacityProviders: the named providers (names or ARNs; unknown ones are `MISSING` failures), or all of
 * them — FARGATE, FARGATE_SPOT, then the Auto Scaling group providers by name — paginated (`maxResults` 1–10; a
 * request that names providers is not paginated). `include: ['TAGS']` adds the tags.
 *
 * @module
 */
import type { DescribeCapacityProvidersResponse } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { Int, literals } from '../../codecs/common.js';
import { list, struct } from '../../codecs/struct.js';
import { capacityProviderArn } from '../../domain/arn.js';
import { invalidParameter, type EcsError } from '../../domain/errors.js';
import type { Wire } from '../../domain/wire.js';
import { listSizeMessage } from '../listSize.js';
import { defineOperation } from '../operation.js';
import { capacityProviderToWire, fargateProviderToWire } from './capacityProviderWire.js';

/** DescribeCapacityProviders request. */
export const DescribeCapacityProvidersInput = struct('DescribeCapacityProvidersRequest', {
  capacityProviders: list(t.string, 'list of capacity provider names or ARNs'),
  include: list(literals(['TAGS']), 'list of CapacityProviderField'),
  maxResults: Int,
  nextToken: t.string,
});

const MAX_NAMED = 100;
const FARGATE = ['FARGATE', 'FARGATE_SPOT'] as const;

/** DescribeCapacityProviders. */
export const describeCapacityProviders = defineOperation({
  name: 'DescribeCapacityProviders',
  input: DescribeCapacityProvidersInput,
  run: (tx, input): E.Either<EcsError, Wire<DescribeCapacityProvidersResponse>> => {
    const tags = (input.include ?? []).includes('TAGS');
    const table = tx.table('capacityProviders');
    const wireOf = (name: string) => {
      if (name === 'FARGATE' || name === 'FARGATE_SPOT') return fargateProviderToWire(tx.config, name);
      const p = table.get(name);
      return p === undefined ? undefined : capacityProviderToWire(p, tags);
    };
    const named = input.capacityProviders;
    if (named !== undefined && named.length > 0) {
      if (named.length > MAX_NAMED) return E.left(invalidParameter(listSizeMessage('capacityProviders', MAX_NAMED)));
      const capacityProviders: NonNullable<Wire<DescribeCapacityProvidersResponse>['capacityProviders']> = [];
      const failures: NonNullable<Wire<DescribeCapacityProvidersResponse>['failures']> = [];
      for (const ref of named) {
        const name = ref.startsWith('arn:') ? ref.slice(ref.lastIndexOf('/') + 1) : ref;
        const w = ref.startsWith('arn:') && ref !== capacityProviderArn(tx.config, name) ? undefined : wireOf(name);
        if (w === undefined) failures.push({ arn: ref.startsWith('arn:') ? ref : capacityProviderArn(tx.config, ref), reason: 'MISSING' });
        else capacityProviders.push(w);
      }
      return E.right({ capacityProviders, failures });
    }
    const max = input.maxResults ?? 10;
    if (max < 1 || max > 10) return E.left(invalidParameter(`maxResults must be between 1 and 10, but was ${max}.`));
    const all: string[] = [...FARGATE];
    for (const [name] of table.entries()) all.push(name);
    let start = 0;
    if (input.nextToken !== undefined) {
      start = all.indexOf(input.nextToken) + 1;
      if (start === 0) return E.left(invalidParameter('The nextToken provided is invalid.'));
    }
    const page = all.slice(start, start + max);
    const capacityProviders = page.map((n) => wireOf(n)!);
    const more = start + max < all.length;
    return E.right({ capacityProviders, failures: [], ...(more ? { nextToken: page[page.length - 1]! } : {}) });
  },
});
