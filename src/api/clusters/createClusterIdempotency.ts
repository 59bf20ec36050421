/**
 * CreateCluster of a name that is already ACTIVE: which requests are "the same" and answer the existing cluster,
 * and which are refused as inconsistent.
 *
 * What ECS shows: a second CreateCluster returns the existing cluster (nandemo-ya/kecs#79 quotes the answer;
 * hashicorp/terraform-provider-aws#38875 and #44817: Terraform adopts an existing cluster through CreateCluster, even
 * one whose capacity providers were set later by PutClusterCapacityProviders and are not in the request), while a
 * request whose capacity providers (hashicorp/terraform#24615) or configuration (a public deploy script of noq that
 * catches exactly this answer and falls back to UpdateCluster) differ from the cluster's answers
 * `InvalidParameterException` {@link INCONSISTENT_ARGUMENTS_MESSAGE}.
 *
 * SIM RULE (the sources do not settle the rest):
 * - every member that defines a cluster counts: `settings`, `configuration`, `capacityProviders`,
 *   `defaultCapacityProviderStrategy`, `tags`, `serviceConnectDefaults`;
 * - a member takes part only when the request gives it with content: absent, `null`, `[]`, `{}` and an empty
 *   namespace mean "not specified" and match anything (so a bare CreateCluster of an existing name always answers
 *   the cluster, as in #38875);
 * - a given member is compared with the cluster as it is now (after UpdateCluster, PutClusterCapacityProviders,
 *   TagResource …), as values: lists as sets (order does not matter), strategy items with their defaults (`base` 0,
 *   `weight` 0), settings by name (the settings given must hold; settings not given are not compared),
 *   `configuration` as JSON with sorted keys.
 *
 * A deleted (INACTIVE) name is not "existing": CreateCluster makes a new ACTIVE cluster from the request alone
 * (aws/amazon-ecs-agent#14: the agent re-creates its `default` cluster with CreateCluster even after it was deleted).
 *
 * @module
 */
import type { Cluster, StrategyItem } from '../../domain/cluster.js';
import type { Tag } from '../../domain/wire.js';
import type { CreateClusterRequest } from './createCluster.js';

/**
 * ECS's answer to a CreateCluster whose arguments differ from the existing cluster's ([OBS] hashicorp/terraform#24615,
 * `InvalidParameterException`; reference §3.8).
 *
 * @category constants
 */
export const INCONSISTENT_ARGUMENTS_MESSAGE =
  'Arguments on this idempotent request are inconsistent with arguments used in previous request(s).';

/**
 * A request member CreateCluster compares with an existing cluster.
 *
 * @category model
 */
export type CreateClusterArgument =
  | 'settings'
  | 'configuration'
  | 'capacityProviders'
  | 'defaultCapacityProviderStrategy'
  | 'tags'
  | 'serviceConnectDefaults';

/**
 * The first member of a CreateCluster request that disagrees with the ACTIVE cluster of its name, or `undefined`
 * when the request is the same as far as it specifies (see the module rules).
 *
 * @param existing the ACTIVE cluster with the request's name
 * @param input the decoded request (tells which members were given)
 * @param requested the cluster the request would build (validated, defaults applied), from `buildCluster`
 * @category queries
 * @example
 * ```ts
 * inconsistentArgument(cluster, { clusterName: 'a' }, built); // undefined: nothing specified, nothing differs
 * ```
 */
export function inconsistentArgument(
  existing: Cluster,
  input: CreateClusterRequest,
  requested: Cluster,
): CreateClusterArgument | undefined {
  if (given(input.settings) && !requested.settings.every((s) => existing.settings.some((e) => e.name === s.name && e.value === s.value))) {
    return 'settings';
  }
  if (given(input.configuration) && canonicalJson(requested.configuration) !== canonicalJson(existing.configuration)) {
    return 'configuration';
  }
  if (given(input.capacityProviders) && !sameSet(requested.capacityProviders, existing.capacityProviders, (p) => p)) {
    return 'capacityProviders';
  }
  if (
    given(input.defaultCapacityProviderStrategy) &&
    !sameSet(requested.defaultCapacityProviderStrategy, existing.defaultCapacityProviderStrategy, strategyKey)
  ) {
    return 'defaultCapacityProviderStrategy';
  }
  if (given(input.tags) && !sameSet(requested.tags, existing.tags, tagKey)) return 'tags';
  const namespace = input.serviceConnectDefaults?.namespace;
  if (namespace !== undefined && namespace !== '' && namespace !== existing.serviceConnectDefaults?.namespace) {
    return 'serviceConnectDefaults';
  }
  return undefined;
}

/** Whether a request member specifies something (not absent, not an empty list or object). */
function given(v: object | undefined): boolean {
  if (v === undefined) return false;
  return Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0;
}

/** Whether two lists hold the same values, by `key`, ignoring order (neither list repeats a key: validated). */
function sameSet<T>(a: readonly T[], b: readonly T[], key: (x: T) => string): boolean {
  if (a.length !== b.length) return false;
  const keys = new Set(b.map(key));
  return a.every((x) => keys.has(key(x)));
}

const strategyKey = (s: StrategyItem): string => `${s.capacityProvider}\u0000${s.base}\u0000${s.weight}`;
const tagKey = (t: Tag): string => `${t.key}\u0000${t.value}`;

/** JSON with object keys sorted at every level, so that key order does not make two values differ. */
function canonicalJson(v: unknown): string {
  return JSON.stringify(v ?? null, (_k, x: unknown) =>
    x !== null && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : x,
  );
}
