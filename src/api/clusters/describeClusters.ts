/**
 * DescribeClusters.
 *
 * @module
 */
import type { DescribeClustersResponse } from '@aws-sdk/client-ecs';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { list, struct } from '../../codecs/struct.js';
import { clusterArn, parseArn } from '../../domain/arn.js';
import type { Cluster } from '../../domain/cluster.js';
import { invalidParameter } from '../../domain/errors.js';
import type { WorldTxn } from '../../domain/txn.js';
import type { Wire } from '../../domain/wire.js';
import { clusterToWire, type ClusterWireOptions } from './clusterWire.js';
import { listSizeMessage } from '../listSize.js';
import { defineOperation } from '../operation.js';

/** Most clusters in one DescribeClusters call (reference §9.4). */
export const MAX_DESCRIBE_CLUSTERS = 100;

/** The values of `include`, in the model's order. */
export const CLUSTER_FIELDS = ['ATTACHMENTS', 'CONFIGURATIONS', 'SETTINGS', 'STATISTICS', 'TAGS'] as const;

/** The failure reason for a cluster that does not exist (reference §14.1). */
export const MISSING = 'MISSING';

/** DescribeClusters request. `include` is checked by the handler so the message can be ECS's. */
export const DescribeClustersInput = struct('DescribeClustersRequest', {
  clusters: list(t.string, 'list of cluster names or ARNs'),
  include: list(t.string, 'list of ClusterField values'),
});

/**
 * DescribeClusters: up to 100 names or ARNs (none → `default`). Unknown clusters are reported in `failures` as
 * `{ arn, reason: 'MISSING' }`, never thrown; deleted clusters are described with status INACTIVE. `include` adds
 * attachments, configuration, settings, statistics and tags.
 */
export const describeClusters = defineOperation({
  name: 'DescribeClusters',
  input: DescribeClustersInput,
  run: (tx, input) => {
    const refs = input.clusters === undefined || input.clusters.length === 0 ? ['default'] : input.clusters;
    if (refs.length > MAX_DESCRIBE_CLUSTERS) {
      return E.left(invalidParameter(listSizeMessage('clusters', MAX_DESCRIBE_CLUSTERS)));
    }
    // [OBS] blox/blox#170: ECS's wording for a blank entry.
    if (refs.some((r) => r === '')) return E.left(invalidParameter('Clusters can not be blank.'));
    const include = input.include ?? [];
    const unknownField = include.find((f) => !(CLUSTER_FIELDS as readonly string[]).includes(f));
    if (unknownField !== undefined) {
      // [OBS] hashicorp/terraform-provider-aws#23342 quotes this form (with the list of its day).
      return E.left(invalidParameter(`include should be one of [${CLUSTER_FIELDS.join(',')}]`));
    }
    const opts: ClusterWireOptions = {
      attachments: include.includes('ATTACHMENTS'),
      configurations: include.includes('CONFIGURATIONS'),
      settings: include.includes('SETTINGS'),
      statistics: include.includes('STATISTICS'),
      tags: include.includes('TAGS'),
    };
    const clusters: Wire<DescribeClustersResponse>['clusters'] = [];
    const failures: Wire<DescribeClustersResponse>['failures'] = [];
    const seen = new Set<string>();
    for (const ref of refs) {
      const found = lookup(tx, ref);
      // A cluster named twice (by name and by ARN, say) is described once.
      const key = found.cluster?.arn ?? found.arn;
      if (seen.has(key)) continue;
      seen.add(key);
      if (found.cluster) clusters.push(clusterToWire(found.cluster, opts));
      else failures.push({ arn: found.arn, reason: MISSING });
    }
    return E.right<never, Wire<DescribeClustersResponse>>({ clusters, failures });
  },
});

// A name or ARN → the cluster, or the ARN to report as MISSING (the ARN the name would have; an ARN as given).
function lookup(tx: WorldTxn, ref: string): { readonly cluster?: Cluster; readonly arn: string } {
  if (!ref.startsWith('arn:')) {
    const cluster = tx.table('clusters').get(ref);
    return cluster ? { cluster, arn: cluster.arn } : { arn: clusterArn(tx.config, ref) };
  }
  const p = parseArn(ref);
  const inScope =
    p !== undefined &&
    p.resourceType === 'cluster' &&
    p.resourceParts.length === 1 &&
    p.region === tx.config.region &&
    p.accountId === tx.config.accountId;
  const cluster = inScope ? tx.table('clusters').get(p.resourceParts[0]!) : undefined;
  return cluster && cluster.arn === ref ? { cluster, arn: ref } : { arn: ref };
}
